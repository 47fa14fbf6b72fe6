"""`/audit/`: team leads see their own jobcenter's events, filterable by user, citizen, action, date."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from citizens.models import Citizen
from portal.core.audit import audit_log
from portal.core.models import AuditAction

URL = "/audit/"


@pytest.fixture
def events(caseworker, colleague, outsider):
    audit_log(action=AuditAction.CITIZEN_VIEW, user=caseworker, detail={})
    citizen = Citizen.objects.create(
        pk=42, jobcenter=caseworker.jobcenter, caseworker=colleague, first_name="Bo", last_name="Berg"
    )
    audit_log(action=AuditAction.CPR_REVEAL, user=colleague, target=citizen)
    audit_log(
        action=AuditAction.CITIZEN_SEARCH, user=caseworker, detail={"ids": [1, 2], "search": "cpr-søgning"}
    )
    audit_log(action=AuditAction.CITIZEN_VIEW, user=outsider, detail={})  # Odense: never shown in Aarhus


def rows(response) -> list[tuple[str, str]]:
    """Events shown, leaving out the logins that the test clients' force_login writes."""
    return [(e.actor_label, e.action) for e in response.context["events"] if e.action != "login"]


def test_the_url_and_menu_entry_exist(team_lead_client):
    assert reverse("audit:list") == URL
    assert f'href="{URL}"' in team_lead_client.get("/").content.decode()


def test_the_permission_ladder(db, caseworker_client, admin_client_, outsider_client, team_lead_client):
    assert Client().get(URL).status_code == 302
    assert caseworker_client.get(URL).status_code == 403
    assert outsider_client.get(URL).status_code == 403
    assert admin_client_.get(URL).status_code == 403
    response = team_lead_client.get(URL)
    assert response.status_code == 200 and ">Log over læsning og ændringer</h1>" in response.content.decode()


def test_team_leads_see_only_their_jobcenter(events, team_lead_client):
    assert sorted(rows(team_lead_client.get(URL))) == sorted(
        [("sara", "citizen_view"), ("carl", "cpr_reveal"), ("sara", "citizen_search")]
    )


def test_filters_by_user_citizen_action_and_date(events, caseworker, outsider, team_lead_client):
    assert rows(team_lead_client.get(URL, {"actor": caseworker.pk, "action": "citizen_view"})) == [
        ("sara", "citizen_view")
    ]
    assert rows(team_lead_client.get(URL, {"citizen": 42})) == [("carl", "cpr_reveal")]
    today = timezone.localdate()
    # The citizen filter above named Bo Berg on the page: that read is itself logged (tina, citizen_list).
    assert sorted(rows(team_lead_client.get(URL, {"date_from": today.isoformat()}))) == sorted(
        [
            ("sara", "citizen_view"),
            ("carl", "cpr_reveal"),
            ("sara", "citizen_search"),
            ("tina", "citizen_list"),
        ]
    )
    tomorrow = today + datetime.timedelta(days=1)
    assert rows(team_lead_client.get(URL, {"date_from": tomorrow.isoformat()})) == []
    # Another jobcenter's user is not a valid choice: the filter is refused, nothing foreign shown.
    response = team_lead_client.get(URL, {"actor": outsider.pk})
    assert ("otto", "citizen_view") not in rows(response)


def test_details_are_summarised_without_cpr(events, team_lead_client):
    html = team_lead_client.get(URL).content.decode()
    assert "2 borgere vist; søgning: cpr-søgning" in html
    assert f'href="{reverse("citizens:detail", args=[42])}"' in html


def test_it_pages_by_50(team_lead, team_lead_client):
    for _ in range(55):
        audit_log(action=AuditAction.CITIZEN_VIEW, user=team_lead)
    response = team_lead_client.get(URL, {"action": "citizen_view"})
    assert len(response.context["events"]) == 50
    assert len(team_lead_client.get(URL, {"action": "citizen_view", "page": 2}).context["events"]) == 5


def test_query_count_does_not_grow_with_events(team_lead, team_lead_client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    audit_log(action=AuditAction.CITIZEN_VIEW, user=team_lead)
    with CaptureQueriesContext(connection) as at_one:
        team_lead_client.get(URL)
    for _ in range(200):
        audit_log(action=AuditAction.CITIZEN_VIEW, user=team_lead)
    with django_assert_max_num_queries(len(at_one.captured_queries)):
        team_lead_client.get(URL)
