"""Every audited action writes one AuditEvent (who, what, which citizen, ip); never a CPR number."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from citizens.models import Citizen
from portal.core.models import AuditAction, AuditEvent
from tests.citizens.conftest import citizen_form_data


def last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-id").first()


def assert_no_cpr_in_log() -> None:
    dump = json.dumps(list(AuditEvent.objects.values("detail", "actor_label", "target_type")))
    for digits in ("2110625629", "211062-5629", "1503851234", "150385-1234"):
        assert digits not in dump


def test_create_update_and_view_are_logged(caseworker, caseworker_client):
    caseworker_client.post(reverse("citizens:create"), citizen_form_data(), REMOTE_ADDR="10.1.2.3")
    citizen = Citizen.objects.get()
    event = last_event()
    assert (event.action, event.actor, event.target_id, event.ip) == (
        AuditAction.CITIZEN_CREATE,
        caseworker,
        citizen.pk,
        "10.1.2.3",
    )
    assert event.jobcenter == caseworker.jobcenter
    caseworker_client.post(
        reverse("citizens:edit", args=[citizen.pk]),
        citizen_form_data(cpr="", status="active", first_name="Alia"),
    )
    assert last_event().action == AuditAction.CITIZEN_UPDATE
    assert last_event().detail == {"fields": ["first_name"]}
    caseworker_client.get(reverse("citizens:detail", args=[citizen.pk]))
    assert (last_event().action, last_event().target_id) == (AuditAction.CITIZEN_VIEW, citizen.pk)
    assert_no_cpr_in_log()


def test_the_list_logs_which_ids_were_shown(citizen, make_citizen, caseworker, caseworker_client):
    other = make_citizen(by=caseworker, first_name="Bo", last_name="Andersen")
    caseworker_client.get(reverse("citizens:list"))
    event = last_event()
    assert event.action == AuditAction.CITIZEN_LIST
    assert event.detail["ids"] == [other.pk, citizen.pk]  # sorted by last name


def test_a_name_search_logs_the_term(citizen, caseworker_client):
    caseworker_client.get(reverse("citizens:list"), {"q": "jens"})
    event = last_event()
    assert (event.action, event.detail["search"], event.detail["ids"]) == (
        AuditAction.CITIZEN_SEARCH,
        "jens",
        [citizen.pk],
    )


def test_a_cpr_search_is_logged_as_cpr_soegning_never_the_number(citizen, caseworker_client):
    response = caseworker_client.post(reverse("citizens:cpr_search"), {"cpr": "2110625629"})
    assert "Jensen" in response.content.decode()
    event = last_event()
    assert (event.action, event.detail["search"], event.detail["ids"]) == (
        AuditAction.CITIZEN_SEARCH,
        "cpr-søgning",
        [citizen.pk],
    )
    assert_no_cpr_in_log()


def test_a_cpr_typed_into_the_name_search_is_neither_used_nor_logged(citizen, caseworker_client):
    response = caseworker_client.get(reverse("citizens:list"), {"q": "211062-5629"})
    html = response.content.decode()
    assert "Søg på CPR-nummer i CPR-feltet" in html and "211062-5629" not in html
    assert last_event().detail["search"] == "cpr-søgning"
    assert_no_cpr_in_log()


def test_a_note_is_logged_and_shown(citizen, caseworker_client):
    response = caseworker_client.post(
        reverse("citizens:note_add", args=[citizen.pk]), {"kind": "phone", "text": "Ringede om praktik."}
    )
    assert response.status_code == 302
    assert last_event().action == AuditAction.CITIZEN_NOTE
    assert (
        "Ringede om praktik."
        in caseworker_client.get(reverse("citizens:detail", args=[citizen.pk])).content.decode()
    )


def test_an_empty_note_is_refused(citizen, caseworker_client):
    response = caseworker_client.post(
        reverse("citizens:note_add", args=[citizen.pk]), {"kind": "note", "text": ""}
    )
    assert response.status_code == 400 and citizen.notes.count() == 1


def test_close_and_reopen_are_logged(citizen, caseworker_client):
    today = timezone.localdate()
    response = caseworker_client.post(
        reverse("citizens:close", args=[citizen.pk]), {"reason": "Ordinært job", "closed_at": today}
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert (citizen.status, citizen.closed_reason, citizen.closed_at) == ("closed", "Ordinært job", today)
    assert last_event().action == AuditAction.CITIZEN_CLOSE
    caseworker_client.post(reverse("citizens:reopen", args=[citizen.pk]))
    citizen.refresh_from_db()
    assert (citizen.status, citizen.closed_at) == ("active", None)
    assert last_event().action == AuditAction.CITIZEN_REOPEN


def test_closing_needs_a_reason(citizen, caseworker_client):
    response = caseworker_client.post(
        reverse("citizens:close", args=[citizen.pk]), {"reason": "", "closed_at": timezone.localdate()}
    )
    assert response.status_code == 200
    citizen.refresh_from_db()
    assert citizen.status == "active"


def test_revealing_the_cpr_is_logged_and_shows_the_number(citizen, caseworker, caseworker_client):
    detail = caseworker_client.get(reverse("citizens:detail", args=[citizen.pk])).content.decode()
    assert "211062-XXXX" in detail and "211062-5629" not in detail
    response = caseworker_client.post(
        reverse("citizens:reveal_cpr", args=[citizen.pk]), HTTP_HX_REQUEST="true"
    )
    assert "211062-5629" in response.content.decode()
    assert "<html" not in response.content.decode()  # htmx gets the fragment only
    assert (last_event().action, last_event().actor) == (AuditAction.CPR_REVEAL, caseworker)
    assert "no-store" in response["Cache-Control"]
    assert_no_cpr_in_log()


def test_revealing_needs_post(citizen, caseworker_client):
    assert caseworker_client.get(reverse("citizens:reveal_cpr", args=[citizen.pk])).status_code == 405
    assert not AuditEvent.objects.filter(action=AuditAction.CPR_REVEAL).exists()


def test_team_leads_reassign_within_the_jobcenter_only(citizen, colleague, outsider, team_lead_client):
    url = reverse("citizens:reassign", args=[citizen.pk])
    response = team_lead_client.post(url, {"caseworker": outsider.pk})
    assert response.status_code == 200  # not a choice
    response = team_lead_client.post(url, {"caseworker": colleague.pk})
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.caseworker == colleague
    assert last_event().action == AuditAction.CITIZEN_REASSIGN
    assert last_event().detail["to_user_id"] == colleague.pk


def test_the_export_holds_all_data_including_the_access_log(citizen, caseworker_client, team_lead_client):
    caseworker_client.get(reverse("citizens:detail", args=[citizen.pk]))
    response = team_lead_client.get(reverse("citizens:export_json", args=[citizen.pk]))
    assert response["Content-Disposition"] == f'attachment; filename="borger-{citizen.pk}-indsigt.json"'
    data = json.loads(response.content)
    assert (
        data["citizen"]["cpr"] == "211062-5629"
    )  # the citizen's own export is the one place with the number
    assert data["citizen"]["last_name"] == "Jensen"
    assert data["case_notes"][0]["text"] == "Første samtale."
    assert {e["action"] for e in data["access_log"]} >= {"Borgersag oprettet", "Borgersag læst"}
    assert last_event().action == AuditAction.CITIZEN_EXPORT
    html = team_lead_client.get(reverse("citizens:export_html", args=[citizen.pk])).content.decode()
    assert "Første samtale." in html and "Borgersag læst" in html


def test_the_access_report_lists_reads_changes_and_list_appearances(
    citizen, caseworker, caseworker_client, team_lead_client
):
    caseworker_client.get(reverse("citizens:list"))
    caseworker_client.get(reverse("citizens:detail", args=[citizen.pk]))
    html = team_lead_client.get(reverse("citizens:access_report", args=[citizen.pk])).content.decode()
    for label in ("Borgersag oprettet", "Borgerliste vist", "Borgersag læst"):
        assert label in html
    assert last_event().action == AuditAction.CITIZEN_ACCESS_REPORT
    response = team_lead_client.get(reverse("citizens:access_report_csv", args=[citizen.pk]))
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffTidspunkt;Bruger;Handling;Detaljer;IP-adresse")
    assert "Sara;Borgersag læst" in text


def test_the_access_report_does_not_mistake_other_ids_for_this_citizen(
    citizen, make_citizen, caseworker, caseworker_client, team_lead_client
):
    other = make_citizen(by=caseworker, last_name="Aabo")
    from portal.core.audit import audit_log

    audit_log(
        action=AuditAction.CITIZEN_LIST,
        user=caseworker,
        detail={"ids": [other.pk * 10 + citizen.pk, 1000 + citizen.pk], "page": citizen.pk},
    )
    html = team_lead_client.get(reverse("citizens:access_report", args=[citizen.pk])).content.decode()
    assert "Borgerliste vist" not in html


@pytest.mark.parametrize("action", ["close", "reopen"])
def test_the_services_refuse_impossible_transitions(citizen, caseworker, action):
    from django.core.exceptions import ValidationError

    from citizens import services

    if action == "close":
        services.citizen_close(citizen=citizen, by=caseworker, reason="x")
        with pytest.raises(ValidationError):
            services.citizen_close(citizen=citizen, by=caseworker, reason="x")
    else:
        with pytest.raises(ValidationError):
            services.citizen_reopen(citizen=citizen, by=caseworker)
