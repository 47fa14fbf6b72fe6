import pytest
from django.test import Client

from enterprises.models import CorrectionStatus, CorrectionSuggestion
from portal.core.models import AuditEvent


def test_anonymous_cannot_suggest(enterprise):
    response = Client().post(f"/enterprises/{enterprise.pk}/suggest/", {"text": "x"})
    assert response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["caseworker_client", "team_lead_client"])
def test_jobcenter_staff_suggest_a_correction_from_the_detail_page(request, who, enterprise):
    client = request.getfixturevalue(who)
    response = client.post(
        f"/enterprises/{enterprise.pk}/suggest/", {"text": "Caféen har lukket om mandagen."}
    )
    assert response.status_code == 302
    suggestion = CorrectionSuggestion.objects.get()
    assert suggestion.status == CorrectionStatus.OPEN and suggestion.enterprise == enterprise
    assert AuditEvent.objects.filter(action="correction_suggest").exists()


def test_admins_edit_instead_of_suggesting(admin_client_, enterprise):
    assert admin_client_.post(f"/enterprises/{enterprise.pk}/suggest/", {"text": "x"}).status_code == 403


def test_an_empty_suggestion_is_not_saved(caseworker_client, enterprise):
    caseworker_client.post(f"/enterprises/{enterprise.pk}/suggest/", {"text": ""})
    assert not CorrectionSuggestion.objects.exists()


def test_admins_see_the_queue_and_resolve(admin_client_, caseworker, enterprise):
    suggestion = CorrectionSuggestion.objects.create(
        enterprise=enterprise, text="<b>Forkert</b> telefonnummer", suggested_by=caseworker
    )
    html = admin_client_.get("/enterprises/corrections/").content.decode()
    assert "Café Bro" in html and "&lt;b&gt;Forkert&lt;/b&gt;" in html
    response = admin_client_.post(
        f"/enterprises/corrections/{suggestion.pk}/resolve/",
        {f"c{suggestion.pk}-status": "accepted", f"c{suggestion.pk}-note": "Rettet"},
    )
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == CorrectionStatus.ACCEPTED and suggestion.resolved_at is not None
    assert (
        "Der er ingen åbne rettelsesforslag."
        in admin_client_.get("/enterprises/corrections/").content.decode()
    )
    # Resolving twice answers 404 (only open suggestions can be resolved).
    again = admin_client_.post(f"/enterprises/corrections/{suggestion.pk}/resolve/", {})
    assert again.status_code == 404


def test_caseworkers_cannot_resolve(caseworker_client, caseworker, enterprise):
    suggestion = CorrectionSuggestion.objects.create(enterprise=enterprise, text="x", suggested_by=caseworker)
    response = caseworker_client.post(f"/enterprises/corrections/{suggestion.pk}/resolve/", {})
    assert response.status_code == 403


def test_the_suggester_sees_the_status_and_the_reply_on_the_detail_page(
    caseworker_client, caseworker, colleague, admin_user, enterprise
):
    from django.utils import timezone

    CorrectionSuggestion.objects.create(enterprise=enterprise, text="Ny adresse", suggested_by=caseworker)
    CorrectionSuggestion.objects.create(
        enterprise=enterprise,
        text="Forkert telefon",
        suggested_by=caseworker,
        status=CorrectionStatus.REJECTED,
        resolved_by=admin_user,
        resolved_at=timezone.now(),
        resolution_note="Nummeret er tjekket med virksomheden.",
    )
    CorrectionSuggestion.objects.create(
        enterprise=enterprise, text="Kollegaens forslag", suggested_by=colleague
    )
    html = caseworker_client.get(f"/enterprises/{enterprise.pk}/").content.decode()
    assert "Dine rettelsesforslag" in html
    assert "Ny adresse" in html and "Afventer behandling" in html
    assert "Forkert telefon" in html and "Afvist" in html
    assert "Nummeret er tjekket med virksomheden." in html
    assert f"behandlet af {admin_user.display_name}" in html
    assert "Kollegaens forslag" not in html  # only your own


def test_admins_see_resolved_suggestions_with_reply_who_and_when(
    admin_client_, admin_user, caseworker, enterprise
):
    suggestion = CorrectionSuggestion.objects.create(
        enterprise=enterprise, text="Forkert telefonnummer", suggested_by=caseworker
    )
    CorrectionSuggestion.objects.create(enterprise=enterprise, text="Stadig åben", suggested_by=caseworker)
    admin_client_.post(
        f"/enterprises/corrections/{suggestion.pk}/resolve/",
        {f"c{suggestion.pk}-status": "accepted", f"c{suggestion.pk}-note": "Telefonen er rettet."},
    )
    response = admin_client_.get("/enterprises/corrections/", {"status": "resolved"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Forkert telefonnummer" in html and "Stadig åben" not in html
    assert "Rettet" in html and "Telefonen er rettet." in html
    assert f"behandlet af {admin_user.display_name}" in html
    assert 'aria-current="page">Behandlede</a>' in html
    open_html = admin_client_.get("/enterprises/corrections/").content.decode()
    assert "Stadig åben" in open_html and "Forkert telefonnummer" not in open_html
