"""`/audit/` names the citizens in its rows (and logs that it showed them), finds a citizen's events by
name, and by CPR number only through a POST (the number never lands in a URL)."""

import pytest

from citizens import services
from portal.core.audit import audit_log
from portal.core.models import AuditAction, AuditEvent, Postcode

URL = "/audit/"


@pytest.fixture
def two_citizens(caseworker, outsider):
    pc = Postcode.objects.get(number="8000")
    mine = services.citizen_create(
        by=caseworker,
        cpr="070791-1237",
        fields={"first_name": "Lærke", "last_name": "Østergård", "postcode": pc},
    )
    other = services.citizen_create(
        by=caseworker, cpr="211062-5629", fields={"first_name": "Bo", "last_name": "Berg", "postcode": pc}
    )
    for citizen in (mine, other):
        audit_log(action=AuditAction.CITIZEN_VIEW, user=caseworker, target=citizen)
    return mine, other


def citizens_in(response) -> set[int]:
    return {e.target_id for e in response.context["events"] if e.target_type == "citizen"}


def test_rows_name_the_citizen_and_the_page_logs_whom_it_showed(two_citizens, team_lead, team_lead_client):
    mine, other = two_citizens
    html = team_lead_client.get(URL).content.decode()
    assert "Lærke Østergård" in html and "Bo Berg" in html
    logged = AuditEvent.objects.filter(actor=team_lead, action=AuditAction.CITIZEN_LIST).latest("at")
    assert sorted(logged.detail["ids"]) == sorted([mine.pk, other.pk])


def test_it_finds_a_citizens_events_by_name(two_citizens, team_lead_client):
    mine, _ = two_citizens
    assert citizens_in(team_lead_client.get(URL, {"name": "Lærke Øster"})) == {mine.pk}
    assert citizens_in(team_lead_client.get(URL, {"name": "ingen sådan"})) == set()


def test_it_finds_by_cpr_through_a_post_and_logs_a_cpr_lookup(two_citizens, team_lead, team_lead_client):
    mine, _ = two_citizens
    response = team_lead_client.post(f"{URL}cpr/", {"cpr": "0707911237"})
    assert response.status_code == 302
    assert response.url == f"{URL}?citizen={mine.pk}" and "0707" not in response.url
    listing = team_lead_client.get(response.url)
    assert citizens_in(listing) == {mine.pk}
    assert "Kun hændelser for Lærke Østergård" in listing.content.decode()
    lookup = AuditEvent.objects.filter(actor=team_lead, action=AuditAction.CITIZEN_SEARCH).latest("at")
    assert lookup.detail["search"] == "cpr-søgning" and lookup.detail["ids"] == [mine.pk]


def test_an_unknown_or_foreign_cpr_is_a_field_error(two_citizens, outsider, team_lead_client):
    response = team_lead_client.post(f"{URL}cpr/", {"cpr": "010203-1234"})
    assert response.status_code == 200
    assert "Ingen borger i jobcentret har dette CPR-nummer." in response.content.decode()


def test_a_caseworker_may_not_search_the_log(caseworker_client):
    assert caseworker_client.post(f"{URL}cpr/", {"cpr": "0707911237"}).status_code == 403
