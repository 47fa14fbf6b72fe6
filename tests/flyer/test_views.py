"""Flyer pages: the permission ladder, the preview, the national text and the contact block."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from portal.core.models import AuditAction, AuditEvent
from portal.flyer.models import FlyerContact, FlyerText
from portal.flyer.services import flyer_text_ensure

ALL_ROLES = ["caseworker_client", "team_lead_client", "admin_client_", "outsider_client"]


def h1(response) -> str:
    html = response.content.decode()
    return html.split("<h1", 1)[1].split(">", 1)[1].split("</h1>", 1)[0]


@pytest.mark.parametrize(
    "url", ["/flyer/", "/flyer.pdf", "/flyer/send/", "/flyer/contact/", "/flyer/text/", "/flyer/text/new/"]
)
def test_anonymous_is_sent_to_login(db, url):
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ALL_ROLES)
def test_every_role_can_preview_download_and_open_the_send_form(request, role):
    client = request.getfixturevalue(role)
    preview = client.get("/flyer/")
    assert preview.status_code == 200
    assert h1(preview) == "Flyer: seks gode grunde"
    assert client.get("/flyer.pdf").content.startswith(b"%PDF")
    assert h1(client.get("/flyer/send/")) == "Send flyeren til en kollega"


def test_the_menu_links_the_flyer(caseworker_client):
    assert 'href="/flyer/"' in caseworker_client.get("/").content.decode()


def test_the_preview_shows_the_published_text_contact_block_and_edit_link_for_team_leads(team_lead_client):
    html = team_lead_client.get("/flyer/").content.decode()
    assert "Seks gode grunde til at arbejde med socialøkonomiske virksomheder" in html
    assert "Vil du vide mere? Kontakt os" in html
    assert 'href="/flyer/contact/"' in html
    assert 'href="/flyer/text/"' not in html
    assert 'href="/flyer.pdf?vis=1&amp;contact=1&amp;near=1&amp;qr=1"' in html


def test_the_preview_follows_the_options(caseworker_client):
    html = caseworker_client.get("/flyer/?vis=1&near=on").content.decode()
    assert "Kontakt os" not in html
    assert 'alt="QR-kode' not in html
    assert 'href="/flyer.pdf?vis=1&amp;contact=0&amp;near=1&amp;qr=0"' in html


def test_the_flyer_stylesheet_ships_the_fonts(caseworker_client):
    response = caseworker_client.get("/flyer/flyer.css")
    assert response["Content-Type"].startswith("text/css")
    assert "/static/fonts/source-sans-3-latin-400-normal.woff2" in response.content.decode()


# --- national text: admins only -----------------------------------------------------------------


@pytest.mark.parametrize("role", ["caseworker_client", "team_lead_client", "outsider_client"])
@pytest.mark.parametrize(
    "url", ["/flyer/text/", "/flyer/text/new/", "/flyer/text/{pk}/", "/flyer/text/{pk}.pdf"]
)
def test_only_admins_see_the_text_pages(request, role, url):
    client = request.getfixturevalue(role)
    pk = flyer_text_ensure().pk
    assert client.get(url.format(pk=pk)).status_code == 403


def test_only_admins_publish(team_lead_client):
    version = flyer_text_ensure()
    assert team_lead_client.post(f"/flyer/text/{version.pk}/publish/").status_code == 403


def test_an_unknown_version_is_404(admin_client_):
    assert admin_client_.get("/flyer/text/999999/").status_code == 404


def text_post(**changes) -> dict:
    from portal.flyer.forms import FlyerTextForm

    data = {k: v for k, v in FlyerTextForm.initial_for(flyer_text_ensure()).items()}
    data["rules_as_of"] = data["rules_as_of"].isoformat()
    return data | changes


def test_an_admin_saves_a_draft_previews_it_and_publishes_it(admin_client_, admin_user, caseworker_client):
    assert h1(admin_client_.get("/flyer/text/")) == "Flyerens tekst: versioner"
    form_page = admin_client_.get("/flyer/text/new/")
    assert "Det kan betale sig" in form_page.content.decode()
    response = admin_client_.post(
        "/flyer/text/new/", text_post(reason_1_title="Det betaler sig", change_note="Kortere overskrift")
    )
    draft = FlyerText.objects.get(is_published=False)
    assert response.status_code == 302 and response["Location"] == f"/flyer/text/{draft.pk}/"
    assert draft.created_by == admin_user and draft.reasons[0]["title"] == "Det betaler sig"
    # Not live yet: users still see the published text; the admin previews the draft.
    assert "Det betaler sig" not in caseworker_client.get("/flyer/").content.decode()
    preview = admin_client_.get(f"/flyer/text/{draft.pk}/").content.decode()
    assert "Det betaler sig" in preview and "Udgiv denne version" in preview
    assert admin_client_.get(f"/flyer/text/{draft.pk}.pdf").content.startswith(b"%PDF")

    admin_client_.post(f"/flyer/text/{draft.pk}/publish/")
    assert FlyerText.objects.published().get() == draft
    assert "Det betaler sig" in caseworker_client.get("/flyer/").content.decode()
    event = AuditEvent.objects.get(action=AuditAction.FLYER_PUBLISH)
    assert event.actor == admin_user and event.target_id == draft.pk

    history = admin_client_.get("/flyer/text/").content.decode()
    assert "Kortere overskrift" in history and "de seks grunde" in history  # what changed
    assert "Tidligere udgivet" in history


def test_publishing_needs_post(admin_client_):
    assert admin_client_.get(f"/flyer/text/{flyer_text_ensure().pk}/publish/").status_code == 405


def test_bad_text_input_gives_danish_errors_and_saves_nothing(admin_client_):
    response = admin_client_.post("/flyer/text/new/", text_post(title="", rules_as_of="i går"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dette felt er påkrævet." in html
    assert "Indtast en gyldig dato." in html
    assert FlyerText.objects.count() == 1


@pytest.mark.parametrize("field", ["title", "nuance_title", "reason_1_title"])
def test_a_title_with_a_line_break_is_refused_and_saves_nothing(admin_client_, field):
    response = admin_client_.post("/flyer/text/new/", text_post(**{field: "To\r\nlinjer"}))
    assert response.status_code == 200
    assert "Skriv teksten på én linje (uden linjeskift)." in response.content.decode()
    assert FlyerText.objects.count() == 1


def test_the_service_refuses_a_title_with_a_line_break(admin_user):
    from django.core.exceptions import ValidationError

    from portal.flyer.models import CONTENT_FIELDS
    from portal.flyer.services import flyer_text_create

    published = flyer_text_ensure()
    data = {name: getattr(published, name) for name in CONTENT_FIELDS} | {"title": "To\nlinjer"}
    with pytest.raises(ValidationError):
        flyer_text_create(data=data, by=admin_user)
    assert FlyerText.objects.count() == 1


# --- contact block: a team lead's own jobcenter only ---------------------------------------------


@pytest.mark.parametrize("role", ["caseworker_client", "admin_client_", "outsider_client"])
def test_only_team_leads_edit_the_contact_block(request, role):
    client = request.getfixturevalue(role)
    assert client.get("/flyer/contact/").status_code == 403
    assert client.post("/flyer/contact/", {"name": "X"}).status_code == 403
    assert not FlyerContact.objects.exists()


def contact_post(**changes) -> dict:
    return {
        "name": "Jobcenter Aarhus, Virksomhedsservice",
        "contact_person": "Tina Team",
        "phone": "89 40 20 00",
        "email": "vs@aarhus.dk",
        "website": "https://www.aarhus.dk/jobcenter",
    } | changes


def test_a_team_lead_edits_only_their_own_jobcenters_block(
    team_lead_client, team_lead, jobcenter, other_jobcenter
):
    page = team_lead_client.get("/flyer/contact/")
    assert h1(page) == "Kontaktblok på flyeren"
    assert 'value="Jobcenter Aarhus"' in page.content.decode()  # prefilled from the jobcenter
    response = team_lead_client.post("/flyer/contact/", contact_post(phone="70 20 30 40"))
    assert response.status_code == 302
    contact = FlyerContact.objects.get()
    assert (
        contact.jobcenter == jobcenter and contact.phone == "70 20 30 40" and contact.updated_by == team_lead
    )
    assert not FlyerContact.objects.filter(jobcenter=other_jobcenter).exists()
    event = AuditEvent.objects.get(action=AuditAction.FLYER_CONTACT_UPDATE)
    assert event.jobcenter == jobcenter and "phone" in event.detail["fields"]
    assert "70 20 30 40" in team_lead_client.get("/flyer/").content.decode()


def test_another_jobcenters_users_do_not_see_the_block(team_lead_client, outsider_client):
    team_lead_client.post("/flyer/contact/", contact_post(phone="70 20 30 40"))
    html = outsider_client.get("/flyer/").content.decode()
    assert "70 20 30 40" not in html
    assert "Jobcenter Odense" in html


def test_bad_contact_input_gives_danish_errors(team_lead_client):
    response = team_lead_client.post(
        "/flyer/contact/", contact_post(phone="ring", email="nej", website="ikke en url")
    )
    html = response.content.decode()
    assert "Skriv et telefonnummer med mindst 8 cifre" in html
    assert "Indtast en gyldig e-mail-adresse." in html
    assert "Indtast en gyldig URL." in html
    assert not FlyerContact.objects.exists()


def test_a_logo_is_uploaded_and_shown_with_alt_text(team_lead_client, media_root, logo_png):
    logo = SimpleUploadedFile("logo.png", logo_png, content_type="image/png")
    team_lead_client.post("/flyer/contact/", contact_post(logo=logo))
    contact = FlyerContact.objects.get()
    assert contact.logo.name == f"flyer/logos/jobcenter-{contact.jobcenter_id}.png"
    assert (
        'alt="Logo: Jobcenter Aarhus, Virksomhedsservice"' in team_lead_client.get("/flyer/").content.decode()
    )


def test_a_logo_that_is_not_an_image_is_refused(team_lead_client, media_root):
    fake = SimpleUploadedFile("logo.png", b"not an image", content_type="image/png")
    response = team_lead_client.post("/flyer/contact/", contact_post(logo=fake))
    assert response.status_code == 200
    assert not FlyerContact.objects.exists()


def test_an_svg_logo_is_refused(team_lead_client, media_root):
    svg = SimpleUploadedFile(
        "logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", content_type="image/svg+xml"
    )
    response = team_lead_client.post("/flyer/contact/", contact_post(logo=svg))
    assert response.status_code == 200
    assert not FlyerContact.objects.exists()


def test_a_web_address_without_scheme_is_accepted_and_stored_with_https(team_lead_client):
    page = team_lead_client.get("/flyer/contact/").content.decode()
    assert 'type="url"' not in page  # the browser would silently refuse "aarhus.dk/jobcenter"
    assert 'inputmode="url"' in page
    response = team_lead_client.post("/flyer/contact/", contact_post(website="aarhus.dk/jobcenter"))
    assert response.status_code == 302
    assert FlyerContact.objects.get().website == "https://aarhus.dk/jobcenter"
