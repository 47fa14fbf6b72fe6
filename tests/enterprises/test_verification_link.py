"""The enterprise's signed link and public confirm page."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from enterprises.models import (
    ContactPerson,
    CorrectionSource,
    CorrectionSuggestion,
    Enterprise,
    Offer,
    VerificationRequest,
    VerificationState,
)
from enterprises.verify import services
from enterprises.verify.tokens import hash_token
from portal.core.audit import AuditContext
from portal.core.log_paths import mask_path
from portal.core.models import AuditEvent
from tests.enterprises.conftest import make_enterprise


@pytest.fixture
def linked(enterprise, admin_user):
    ContactPerson.objects.filter(enterprise=enterprise).update(email="mette@cafebro.dk")
    mail.outbox.clear()
    request = services.request_send(enterprise=enterprise, context=AuditContext(user=admin_user))
    url = re.search(r"http\S+", mail.outbox[-1].body).group(0)
    path = url.split("8000", 1)[1] if "8000" in url else url
    return request, path


def form_data(enterprise: Enterprise, action: str = "save", **overrides) -> dict:
    primary = enterprise.contacts.get(is_primary=True)
    data = {
        "action": action,
        "contact_name": primary.name,
        "contact_role": primary.role,
        "contact_phone": primary.phone,
        "contact_email": primary.email,
        "description": enterprise.description,
        "target_groups": [t.code for t in enterprise.target_groups.all()],
        "challenge_areas": [c.code for c in enterprise.challenge_areas.all()],
        "note": "",
        **{f"places_{o.pk}": o.places for o in enterprise.offers.all()},
    }
    data.update(overrides)
    return data


def test_link_is_mailed_signed_and_stored_only_as_hash(linked, enterprise):
    request, path = linked
    token = path.split("/")[3]
    assert mail.outbox[-1].to == ["mette@cafebro.dk"]
    assert request.token_hash == hash_token(token)
    assert not VerificationRequest.objects.filter(token_hash=token).exists()
    assert request.expires_at - timezone.now() > timedelta(days=29)
    assert mask_path(path) == "/register/bekraeft/***/"


def test_two_gets_still_work_and_the_page_is_public_and_noindex(linked, enterprise):
    _, path = linked
    client = Client()
    for _ in range(2):
        response = client.get(path)
        assert response.status_code == 200
    assert "noindex" in response["X-Robots-Tag"]
    html = response.content.decode()
    assert 'name="robots" content="noindex' in html
    assert "Café Bro" in html
    # No link anywhere: not into the portal, not to other records.
    assert re.findall(r'href="(/[^"]*)"', html) == [] or all(
        h.startswith("/static/") for h in re.findall(r'href="(/[^"]*)"', html)
    )
    assert "<script" not in html


def test_confirm_resets_every_offer_and_marks_verified_by_enterprise(linked, enterprise):
    _, path = linked
    Enterprise.objects.filter(pk=enterprise.pk).update(last_verified_at=timezone.now() - timedelta(days=500))
    response = Client().post(path, form_data(enterprise, action="confirm"))
    assert response.status_code == 302
    enterprise.refresh_from_db()
    assert enterprise.last_verified_at.date() == timezone.localdate()
    assert enterprise.verified_source == "enterprise" and enterprise.verified_by is None
    assert {o.places_confirmed_at for o in enterprise.offers.all()} == {timezone.localdate()}
    assert VerificationRequest.objects.get().state == VerificationState.ANSWERED
    event = AuditEvent.objects.filter(action="verification_answer").get()
    assert event.actor_label == "virksomheden via link"


def test_second_post_is_refused(linked, enterprise):
    _, path = linked
    client = Client()
    assert client.post(path, form_data(enterprise, action="confirm")).status_code == 302
    response = client.post(path, form_data(enterprise))
    assert response.status_code == 410
    assert "allerede brugt" in response.content.decode()


def test_altered_and_expired_links_are_refused(linked, enterprise):
    request, path = linked
    altered = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]
    assert Client().get(altered).status_code == 404
    VerificationRequest.objects.filter(pk=request.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = Client().get(path)
    assert response.status_code == 410
    assert "Bed om et nyt link" in response.content.decode()


def test_lowering_places_applies_through_the_write_path_never_below_taken(linked, enterprise):
    _, path = linked
    offer = enterprise.offers.get(placement_type="virksomhedspraktik")
    Offer.objects.filter(pk=offer.pk).update(places=3, places_taken=2)
    client = Client()
    response = client.post(path, form_data(enterprise, **{f"places_{offer.pk}": 1}))
    assert response.status_code == 400
    assert "optagne pladser" in response.content.decode()
    offer.refresh_from_db()
    assert offer.places == 3
    assert VerificationRequest.objects.get().state == VerificationState.REQUESTED
    response = client.post(path, form_data(enterprise, **{f"places_{offer.pk}": 2}))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.places == 2
    assert offer.history.first().history_change_reason == "virksomheden via link"


def test_contact_applies_and_other_changes_become_a_suggestion(linked, enterprise):
    _, path = linked
    response = Client().post(
        path,
        form_data(
            enterprise,
            contact_phone="12 34 56 78",
            description="Nu også cykelværksted",
            offers_add=["fleksjob"],
            target_groups=["dagpenge"],
        ),
    )
    assert response.status_code == 302
    assert enterprise.contacts.get(is_primary=True).phone == "12 34 56 78"
    enterprise.refresh_from_db()
    assert enterprise.description == "Café med frokostordning"
    suggestion = CorrectionSuggestion.objects.get()
    assert suggestion.source == CorrectionSource.ENTERPRISE
    assert suggestion.changes == {
        "description": "Nu også cykelværksted",
        "target_groups": ["dagpenge"],
        "offers_add": ["fleksjob"],
    }


def test_ten_submissions_per_link(linked, enterprise):
    _, path = linked
    offer = enterprise.offers.first()
    client = Client()
    bad = form_data(enterprise, **{f"places_{offer.pk}": -1})
    statuses = [client.post(path, bad).status_code for _ in range(11)]
    assert statuses == [400] * 10 + [429]
    assert "For mange" in client.post(path, form_data(enterprise)).content.decode()


def test_thirty_requests_a_minute_per_address(linked):
    _, path = linked
    client = Client(REMOTE_ADDR="10.1.2.3")
    statuses = [client.get(path).status_code for _ in range(31)]
    assert statuses == [200] * 30 + [429]
    assert Client(REMOTE_ADDR="10.1.2.4").get(path).status_code == 200


def test_asking_for_a_new_link_notifies_admins_and_sends_no_link(linked, enterprise, admin_user):
    request, path = linked
    admin_user.email = "anna@brobygger.dk"
    admin_user.save()
    client = Client()
    client.post(path, form_data(enterprise, action="confirm"))
    mail.outbox.clear()
    response = client.post(path, {"action": "new_link"})
    assert response.status_code == 200
    assert [m.to for m in mail.outbox] == [["anna@brobygger.dk"]]
    assert "/register/bekraeft/" not in mail.outbox[0].body
    request.refresh_from_db()
    assert request.new_link_asked_at is not None


def test_new_request_revokes_the_old_link(linked, enterprise, admin_user):
    _, path = linked
    services.request_send(enterprise=enterprise, context=AuditContext(user=admin_user))
    assert Client().get(path).status_code == 410


def test_daily_run_sends_reminds_once_then_ring_op(db, admin_user):
    stale = make_enterprise(last_verified_at=timezone.now() - timedelta(days=400), email="a@b.dk")
    make_enterprise(last_verified_at=timezone.now())
    context = AuditContext()
    first = services.send_due(older_than=timedelta(days=365), context=context)
    again = services.send_due(older_than=timedelta(days=365), context=context)
    assert (first.sent, again.sent) == (1, 0)
    later = timezone.now() + timedelta(days=15)
    assert services.send_due(older_than=timedelta(days=365), now=later, context=context).reminded == 1
    assert services.send_due(older_than=timedelta(days=365), now=later, context=context).reminded == 0
    result = services.send_due(
        older_than=timedelta(days=365), now=later + timedelta(days=15), context=context
    )
    assert result.to_call == 1
    assert VerificationRequest.objects.get(enterprise=stale).state == VerificationState.NO_ANSWER


def test_command_sends_to_one_cvr(db):
    one = make_enterprise(last_verified_at=None, email="one@b.dk")
    make_enterprise(last_verified_at=None, email="two@b.dk")
    out = StringIO()
    call_command("send_verification_requests", "--cvr", one.cvr, stdout=out)
    assert "sent=1" in out.getvalue()
    assert [m.to for m in mail.outbox] == [["one@b.dk"]]
    call_command("send_verification_requests", "--older-than-months", "6", stdout=out)
    assert len(mail.outbox) == 2


def test_admin_accepts_the_enterprises_changes_field_by_field(linked, enterprise, admin_client_):
    _, path = linked
    Client().post(
        path,
        form_data(enterprise, description="Nu også cykelværksted", offers_add=["fleksjob"], target_groups=[]),
    )
    suggestion = CorrectionSuggestion.objects.get()
    page = admin_client_.get("/enterprises/corrections/").content.decode()
    assert "fra virksomheden" in page and "Nu også cykelværksted" in page
    response = admin_client_.post(
        f"/enterprises/corrections/{suggestion.pk}/resolve/",
        {f"c{suggestion.pk}-status": "accepted", f"c{suggestion.pk}-accept": ["description", "offers_add"]},
    )
    assert response.status_code == 302
    enterprise.refresh_from_db()
    assert enterprise.description == "Nu også cykelværksted"
    assert enterprise.offers.filter(placement_type="fleksjob").exists()
    # Not accepted: the target groups stay.
    assert [t.code for t in enterprise.target_groups.all()] == ["kontanthjaelp_aktivitetsparat"]
    suggestion.refresh_from_db()
    assert suggestion.status == "accepted"


def test_the_suggester_is_told_by_email(enterprise, caseworker, admin_client_):
    caseworker.email = "sara@aarhus.dk"
    caseworker.save()
    suggestion = CorrectionSuggestion.objects.create(
        enterprise=enterprise, suggested_by=caseworker, text="Ny tlf"
    )
    admin_client_.post(
        f"/enterprises/corrections/{suggestion.pk}/resolve/",
        {f"c{suggestion.pk}-status": "rejected", f"c{suggestion.pk}-note": "Nummeret er rigtigt"},
    )
    assert [m.to for m in mail.outbox] == [["sara@aarhus.dk"]]
    assert "afvist" in mail.outbox[0].body and "Nummeret er rigtigt" in mail.outbox[0].body
