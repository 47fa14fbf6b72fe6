from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from portal.core.models import Jobcenter, User


def menu_labels(response) -> list[str]:
    return [item["label"] for item in response.context["main_menu"]]


def test_home_greets_caseworker_with_role_and_jobcenter(caseworker_client):
    response = caseworker_client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Velkommen, Sara" in html
    assert "Sagsbehandler i Jobcenter Aarhus" in html
    assert '<html lang="da">' in html


def test_home_greets_admin_without_jobcenter(admin_client_):
    html = admin_client_.get("/").content.decode()
    assert "Registeradministrator" in html


def test_every_page_has_skip_link_and_accessibility_statement(caseworker_client):
    html = caseworker_client.get("/").content.decode()
    assert 'href="#main"' in html
    assert "Tilgængelighedserklæring" in html


def test_menus_follow_the_role(caseworker_client, team_lead_client, admin_client_):
    # Entries appear as their apps register pages; the rules below hold whichever exist.
    caseworker_menu = menu_labels(caseworker_client.get("/"))
    team_lead_menu = menu_labels(team_lead_client.get("/"))
    admin_menu = menu_labels(admin_client_.get("/"))
    assert "Log" not in caseworker_menu
    assert "Borgere" not in admin_menu
    assert "Forløb" not in admin_menu
    assert "Rettelser" not in caseworker_menu and "Rettelser" not in team_lead_menu
    assert set(caseworker_menu) <= set(team_lead_menu)


def test_accessibility_statement_is_public(client, db):
    response = client.get("/was")
    assert response.status_code == 200
    assert "WCAG 2.1" in response.content.decode()


def test_accessibility_statement_redirects_to_was_tool_when_configured(client, db, settings):
    settings.ACCESSIBILITY_STATEMENT_URL = "https://was.digst.dk/brobygger-example-dk"
    response = client.get("/was")
    assert response.status_code == 302
    assert response["Location"] == "https://was.digst.dk/brobygger-example-dk"


def test_security_headers(caseworker_client):
    response = caseworker_client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_seed_demo_is_idempotent_and_creates_the_four_logins(db, settings):
    settings.DEBUG = True  # development; the test runner turns it off
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    assert set(User.objects.values_list("username", flat=True)) >= {
        "sagsbehandler",
        "teamleder",
        "sagsbehandler2",
        "admin",
    }
    assert Jobcenter.objects.filter(name__in=["Jobcenter Aarhus", "Jobcenter Odense"]).count() == 2
    assert User.objects.get(username="sagsbehandler2").jobcenter.name == "Jobcenter Odense"
    assert User.objects.get(username="admin").jobcenter is None
    assert Client().login(username="teamleder", password="brobygger-demo")


def test_a_caseworker_without_jobcenter_is_refused_by_the_database(db):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        User.objects.create_user(username="x", password="y", role="caseworker", jobcenter=None)
