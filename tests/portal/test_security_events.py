"""Guessing another jobcenter's case id gives the same 404 as an unknown id, and is logged as a
security event (no jobcenter owns it) that superusers see at `/audit/security/`."""

import pytest
from django.test import Client
from django.urls import reverse

from portal.core.models import AuditAction, AuditEvent, AuditSubject, Role
from tests.conftest import client_for, make_user
from tests.matching.conftest import make_citizen, make_enterprise, make_placement

URL = "/audit/security/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def aarhus_case(jobcenter, caseworker):
    citizen = make_citizen(jobcenter=jobcenter, caseworker=caseworker, first_name="Gudrun", last_name="Gæt")
    placement = make_placement(citizen=citizen, enterprise=make_enterprise(), by=caseworker)
    return citizen, placement


@pytest.fixture
def superuser_client(db):
    root = make_user("root", Role.ADMIN, None)
    root.is_superuser = root.is_staff = True
    root.save()
    return client_for(root)


def refused():
    return AuditEvent.objects.filter(action=AuditAction.ACCESS_REFUSED)


@pytest.mark.parametrize(
    "url_name,kind",
    [
        ("citizens:detail", "citizen"),
        ("citizens:edit", "citizen"),
        ("matching:matches", "citizen"),
        ("matching:placement_detail", "placement"),
    ],
)
def test_a_guessed_foreign_id_is_a_404_and_a_security_event(aarhus_case, outsider, jobcenter, url_name, kind):
    citizen, placement = aarhus_case
    pk = placement.pk if kind == "placement" else citizen.pk
    response = client_for(outsider).get(reverse(url_name, args=[pk]))
    assert response.status_code == 404 and b"Gudrun" not in response.content
    event = refused().get()
    assert event.actor == outsider and event.jobcenter is None  # no jobcenter owns it
    assert event.detail["kind"] == kind and event.detail["id"] == pk
    assert event.detail["owner_jobcenter_id"] == jobcenter.pk
    assert not AuditSubject.objects.filter(event=event).exists()  # nothing about the citizen was shown


def test_an_unknown_id_is_the_same_404_and_no_security_event(outsider):
    assert client_for(outsider).get(reverse("citizens:detail", args=[99999])).status_code == 404
    assert not refused().exists()


def test_the_own_jobcenter_never_gets_a_security_event(aarhus_case, caseworker):
    citizen, _ = aarhus_case
    assert client_for(caseworker).get(reverse("citizens:detail", args=[citizen.pk])).status_code == 200
    assert not refused().exists()


def test_the_security_log_permission_ladder(
    db, caseworker_client, team_lead_client, admin_client_, superuser_client
):
    assert Client().get(URL).status_code == 302
    for client in (caseworker_client, team_lead_client, admin_client_):
        assert client.get(URL).status_code == 403
    response = superuser_client.get(URL)
    assert response.status_code == 200 and ">Sikkerhedslog</h1>" in response.content.decode()


def test_superusers_see_the_attempt_and_team_leads_do_not(
    aarhus_case, outsider, team_lead_client, superuser_client, django_assert_max_num_queries
):
    citizen, _ = aarhus_case
    outsider_client = client_for(outsider)
    for _ in range(3):
        outsider_client.get(reverse("citizens:detail", args=[citizen.pk]))
    with django_assert_max_num_queries(12):
        html = superuser_client.get(URL).content.decode()
    assert "3 hændelser" in html and f"/citizens/{citizen.pk}/" in html and "Jobcenter Odense" in html
    assert "Jobcenter Aarhus" in html  # whose case it was
    shown = team_lead_client.get("/audit/").context["events"]
    assert shown and AuditAction.ACCESS_REFUSED not in {event.action for event in shown}
