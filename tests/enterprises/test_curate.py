import pytest
from django.test import Client

from enterprises.models import Enterprise, EnterpriseStatus, Offer
from portal.core.models import AuditEvent
from tests.enterprises.conftest import make_enterprise


def form_data(cvr: str, **overrides) -> dict:
    data = {
        "name": "Café Solsikke",
        "kind": "socialoekonomisk",
        "cvr": cvr,
        "status": "active",
        "postcode": "8000",
        "ordinary_staff_fte": "12,5",
        "other_supported_fte": "0",
        "challenge_areas": ["misbrug"],
        "target_groups": ["dagpenge"],
        "offers-TOTAL_FORMS": "1",
        "offers-INITIAL_FORMS": "0",
        "offers-0-placement_type": "virksomhedspraktik",
        "offers-0-places": "2",
        "offers-0-hours_min": "10",
        "offers-0-hours_max": "20",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-0-name": "Mette Hansen",
        "contacts-0-is_primary": "on",
    }
    data.update(overrides)
    return data


CURATION_GETS = [
    "/enterprises/new/",
    "/enterprises/{pk}/edit/",
    "/enterprises/{pk}/history/",
    "/enterprises/import/",
    "/enterprises/corrections/",
]
CURATION_POSTS = ["/enterprises/{pk}/archive/", "/enterprises/{pk}/restore/", "/enterprises/{pk}/verify/"]


@pytest.mark.parametrize("path", CURATION_GETS + CURATION_POSTS)
def test_anonymous_is_sent_to_login(path, enterprise):
    response = Client().post(path.format(pk=enterprise.pk))
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("path", CURATION_GETS + CURATION_POSTS)
@pytest.mark.parametrize("who", ["caseworker_client", "team_lead_client"])
def test_jobcenter_staff_may_not_curate(request, who, path, enterprise):
    client = request.getfixturevalue(who)
    assert client.post(path.format(pk=enterprise.pk)).status_code == 403


@pytest.mark.parametrize("path", CURATION_GETS)
def test_admins_may_open_every_curation_page(admin_client_, path, enterprise):
    response = admin_client_.get(path.format(pk=enterprise.pk))
    assert response.status_code == 200
    assert "<h1" in response.content.decode()


def test_an_unknown_enterprise_is_404_for_admins(admin_client_, db):
    assert admin_client_.get("/enterprises/999999/edit/").status_code == 404


def test_admin_creates_an_enterprise_with_offer_and_contact(admin_client_, admin_user, valid_cvr):
    response = admin_client_.post("/enterprises/new/", form_data(valid_cvr))
    enterprise = Enterprise.objects.get(cvr=valid_cvr)
    assert response.status_code == 302 and response.url == f"/enterprises/{enterprise.pk}/"
    assert enterprise.municipality_id == "751"  # derived from the postcode
    assert str(enterprise.ordinary_staff_fte) == "12.50"
    assert [(o.placement_type_id, o.places) for o in enterprise.offers.all()] == [("virksomhedspraktik", 2)]
    assert enterprise.contacts.get().name == "Mette Hansen"
    assert list(enterprise.target_groups.values_list("code", flat=True)) == ["dagpenge"]
    assert enterprise.history.earliest().history_type == "+"
    assert {h.history_user for h in enterprise.history.all()} == {admin_user}
    assert AuditEvent.objects.filter(action="enterprise_create", target_id=enterprise.pk).exists()


@pytest.mark.parametrize(
    ("overrides", "field_error"),
    [
        ({"cvr": "12345678"}, "Ugyldigt CVR-nummer (kontrolcifferet passer ikke)."),
        ({"cvr": "1234"}, "Et CVR-nummer består af 8 cifre."),
        ({"postcode": "0999"}, "Ukendt postnummer."),
        ({"offers-0-places": "-1"}, "Denne værdi skal være større end eller lig 0."),
        ({"offers-0-hours_max": "5"}, "Det højeste timetal skal være mindst det laveste."),
        ({"municipality": "461"}, "Postnummeret ligger ikke i den valgte kommune."),
    ],
)
def test_bad_input_gives_a_danish_field_error_and_saves_nothing(
    admin_client_, valid_cvr, overrides, field_error
):
    data = form_data(valid_cvr)
    data.update({k: v.replace("VALID", valid_cvr) for k, v in overrides.items()})
    response = admin_client_.post("/enterprises/new/", data)
    assert response.status_code == 400
    assert field_error in response.content.decode()
    assert "Formularen indeholder fejl" in response.content.decode()
    assert not Enterprise.objects.exists()
    assert not Offer.objects.exists()


def test_a_duplicate_cvr_is_refused(admin_client_, enterprise):
    response = admin_client_.post("/enterprises/new/", form_data(enterprise.cvr))
    assert response.status_code == 400
    assert Enterprise.objects.count() == 1


def test_admin_edits_and_cannot_drop_places_below_those_taken(admin_client_, enterprise):
    offer = enterprise.offers.get(placement_type="virksomhedspraktik")
    Offer.objects.filter(pk=offer.pk).update(places_taken=2)  # as matching's recount does
    data = form_data(enterprise.cvr, name="Café Bro og Bager")
    data.update(
        {
            "offers-TOTAL_FORMS": "1",
            "offers-INITIAL_FORMS": "1",
            "offers-0-id": str(offer.pk),
            "offers-0-enterprise": str(enterprise.pk),
            "offers-0-places": "1",
            "contacts-TOTAL_FORMS": "0",
            "contacts-INITIAL_FORMS": "0",
        }
    )
    response = admin_client_.post(f"/enterprises/{enterprise.pk}/edit/", data)
    assert response.status_code == 400
    assert "Der er allerede 2 optagne pladser" in response.content.decode()
    data["offers-0-places"] = "3"
    response = admin_client_.post(f"/enterprises/{enterprise.pk}/edit/", data)
    assert response.status_code == 302
    enterprise.refresh_from_db()
    offer.refresh_from_db()
    assert enterprise.name == "Café Bro og Bager"
    assert (offer.places, offer.places_taken) == (3, 2)  # the form never touches places_taken


def test_archive_restore_and_verify_are_audited(admin_client_, caseworker_client, enterprise):
    enterprise.last_verified_at = None
    enterprise.save()
    admin_client_.post(f"/enterprises/{enterprise.pk}/archive/")
    enterprise.refresh_from_db()
    assert enterprise.status == EnterpriseStatus.ARCHIVED
    assert caseworker_client.get(f"/enterprises/{enterprise.pk}/").status_code == 404
    admin_client_.post(f"/enterprises/{enterprise.pk}/restore/")
    admin_client_.post(f"/enterprises/{enterprise.pk}/verify/")
    enterprise.refresh_from_db()
    assert enterprise.status == EnterpriseStatus.ACTIVE
    assert enterprise.last_verified_at is not None and not enterprise.is_stale
    actions = set(AuditEvent.objects.filter(target_id=enterprise.pk).values_list("action", flat=True))
    assert {"enterprise_archive", "enterprise_restore", "enterprise_verify"} <= actions


def test_archive_needs_post_and_a_get_only_asks_for_confirmation(admin_client_, enterprise):
    response = admin_client_.get(f"/enterprises/{enterprise.pk}/archive/")
    assert response.status_code == 200 and "Arkivér virksomheden" in response.content.decode()
    enterprise.refresh_from_db()
    assert not enterprise.is_archived


def test_history_shows_who_changed_what(admin_client_, enterprise):
    admin_client_.post(f"/enterprises/{enterprise.pk}/archive/")
    html = admin_client_.get(f"/enterprises/{enterprise.pk}/history/").content.decode()
    assert "Anna" in html
    assert "Aktiv → Arkiveret" in html
    assert "Tilbud: Virksomhedspraktik" in html


def test_only_one_primary_contact_survives(admin_client_, valid_cvr):
    data = form_data(valid_cvr)
    data.update({"contacts-TOTAL_FORMS": "2", "contacts-1-name": "Ole", "contacts-1-is_primary": "on"})
    admin_client_.post("/enterprises/new/", data)
    assert Enterprise.objects.get().contacts.filter(is_primary=True).count() == 1


def test_editing_keeps_a_second_municipality_of_a_shared_postcode(admin_client_):
    from portal.core.models import Postcode

    shared = next(
        p for p in Postcode.objects.prefetch_related("municipalities") if p.municipalities.count() > 1
    )
    other = next(m for m in shared.municipalities.all() if m.pk != shared.municipality_id)
    enterprise = make_enterprise("Delt", postcode=shared.number)
    data = form_data(enterprise.cvr, postcode=shared.number, municipality=other.pk)
    data.update({"offers-TOTAL_FORMS": "0", "contacts-TOTAL_FORMS": "0"})
    assert admin_client_.post(f"/enterprises/{enterprise.pk}/edit/", data).status_code == 302
    enterprise.refresh_from_db()
    assert enterprise.municipality_id == other.pk


def offer_edit_data(enterprise, offer, **changes) -> dict:
    data = form_data(enterprise.cvr)
    data.update(
        {
            "offers-TOTAL_FORMS": "1",
            "offers-INITIAL_FORMS": "1",
            "offers-0-id": str(offer.pk),
            "offers-0-enterprise": str(enterprise.pk),
            "offers-0-placement_type": offer.placement_type_id,
            "offers-0-places": str(offer.places),
            "contacts-TOTAL_FORMS": "0",
            "contacts-INITIAL_FORMS": "0",
        }
    )
    data.update({f"offers-0-{name}": value for name, value in changes.items()})
    return data


def test_the_type_of_an_offer_with_taken_places_cannot_change(admin_client_, enterprise):
    offer = enterprise.offers.get(placement_type="virksomhedspraktik")
    Offer.objects.filter(pk=offer.pk).update(places_taken=1)
    response = admin_client_.post(
        f"/enterprises/{enterprise.pk}/edit/", offer_edit_data(enterprise, offer, placement_type="fleksjob")
    )
    assert response.status_code == 400
    assert "forløbstypen kan ikke ændres" in response.content.decode()
    assert Offer.objects.get(pk=offer.pk).placement_type_id == "virksomhedspraktik"


def test_an_edit_never_writes_back_a_stale_places_taken(admin_client_, enterprise):
    offer = enterprise.offers.get(placement_type="virksomhedspraktik")
    stale = Offer.objects.get(pk=offer.pk)  # read before matching agrees a placement
    Offer.objects.filter(pk=offer.pk).update(places_taken=1)
    stale.places = 5
    stale.save()
    offer.refresh_from_db()
    assert (offer.places, offer.places_taken) == (5, 1)


def test_a_website_without_scheme_is_accepted_and_stored_with_https(admin_client_, valid_cvr):
    page = admin_client_.get("/enterprises/new/").content.decode()
    assert 'type="url"' not in page  # the browser would silently refuse "aarhus.dk/jobcenter"
    assert 'name="website"' in page and 'inputmode="url"' in page
    response = admin_client_.post("/enterprises/new/", form_data(valid_cvr, website="aarhus.dk/jobcenter"))
    assert response.status_code == 302
    assert Enterprise.objects.get(cvr=valid_cvr).website == "https://aarhus.dk/jobcenter"


def test_selects_have_danish_empty_labels(admin_client_):
    html = admin_client_.get("/enterprises/new/").content.decode()
    assert "---------" not in html
    assert '<option value="" selected>Vælg forløbstype</option>' in html
    assert '<option value="" selected>Vælg branche (valgfri)</option>' in html
