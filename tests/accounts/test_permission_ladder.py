"""Every account page: anonymous → login, wrong role → 403, another jobcenter's staff → 404, right
role → 200 with its heading."""

import pytest
from django.test import Client
from django.urls import reverse

from portal.core.models import LoginThrottle
from tests.conftest import client_for

TEAM_LEAD_PAGES = [
    ("accounts:users", {}, "Brugere i Jobcenter Aarhus"),
    ("accounts:user_invite", {}, "Invitér en bruger"),
]
SYSTEM_ADMIN_PAGES = [
    ("accounts:jobcenters", {}, "Jobcentre"),
    ("accounts:jobcenter_create", {}, "Opret jobcenter"),
    ("accounts:municipalities", {}, "Kommuner"),
    ("accounts:municipality_edit", {"code": "751"}, "Aarhus Kommune"),
    ("accounts:lockouts", {}, "Låste logins"),
]
EVERYONE_PAGES = [
    ("accounts:me", {}, "Min konto"),
    ("accounts:password_change", {}, "Skift adgangskode"),
    ("accounts:two_factor_setup", {}, "Opret totrinsbekræftelse"),
    ("accounts:two_factor_verify", {}, "Totrinsbekræftelse"),
]


def url(name, kwargs):
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize(("name", "kwargs", "heading"), TEAM_LEAD_PAGES + SYSTEM_ADMIN_PAGES + EVERYONE_PAGES)
def test_anonymous_visitors_are_sent_to_login(db, name, kwargs, heading):
    response = Client().get(url(name, kwargs))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("name", "kwargs", "heading"), TEAM_LEAD_PAGES + SYSTEM_ADMIN_PAGES)
def test_caseworkers_and_register_admins_get_403(caseworker, admin_user, name, kwargs, heading):
    for user in (caseworker, admin_user):
        assert client_for(user).get(url(name, kwargs)).status_code == 403


@pytest.mark.parametrize(("name", "kwargs", "heading"), SYSTEM_ADMIN_PAGES)
def test_team_leads_get_403_on_system_pages(team_lead_client, name, kwargs, heading):
    assert team_lead_client.get(url(name, kwargs)).status_code == 403


@pytest.mark.parametrize(("name", "kwargs", "heading"), TEAM_LEAD_PAGES)
def test_team_leads_open_their_user_pages(team_lead_client, name, kwargs, heading):
    response = team_lead_client.get(url(name, kwargs))
    assert response.status_code == 200
    assert heading in response.content.decode()


@pytest.mark.parametrize(("name", "kwargs", "heading"), TEAM_LEAD_PAGES[1:] + SYSTEM_ADMIN_PAGES)
def test_system_admins_open_every_administration_page(system_admin_client, jobcenter, name, kwargs, heading):
    response = system_admin_client.get(url(name, kwargs))
    assert response.status_code == 200
    assert heading in response.content.decode()


@pytest.mark.parametrize(("name", "kwargs", "heading"), EVERYONE_PAGES)
def test_everyone_signed_in_opens_their_own_account_pages(caseworker_client, name, kwargs, heading):
    response = caseworker_client.get(url(name, kwargs))
    assert response.status_code == 200
    assert heading in response.content.decode()


def test_user_detail_ladder(team_lead_client, system_admin_client, caseworker_client, outsider, colleague):
    assert caseworker_client.get(reverse("accounts:user_detail", args=[colleague.pk])).status_code == 403
    assert team_lead_client.get(reverse("accounts:user_detail", args=[colleague.pk])).status_code == 200
    # Another jobcenter's staff is the same 404 as an id that does not exist.
    assert team_lead_client.get(reverse("accounts:user_detail", args=[outsider.pk])).status_code == 404
    assert team_lead_client.get(reverse("accounts:user_detail", args=[999999])).status_code == 404
    assert system_admin_client.get(reverse("accounts:user_detail", args=[outsider.pk])).status_code == 200


def test_jobcenter_edit_ladder(team_lead_client, system_admin_client, jobcenter):
    path = reverse("accounts:jobcenter_edit", args=[jobcenter.pk])
    assert Client().get(path).status_code == 302
    assert team_lead_client.get(path).status_code == 403
    assert "Jobcenter Aarhus" in system_admin_client.get(path).content.decode()


def test_lockout_clear_needs_a_system_admin(team_lead_client, system_admin_client, db):
    row = LoginThrottle.objects.create(
        kind="account", key="sara", failures=5, window_started="2026-01-01T00:00Z"
    )
    path = reverse("accounts:lockout_clear", args=[row.pk])
    assert team_lead_client.post(path).status_code == 403
    assert system_admin_client.post(path).status_code == 302
