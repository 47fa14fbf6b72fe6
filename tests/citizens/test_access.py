"""Permission ladder for every citizen page (docs/architecture.md): anonymous → login; admin → 403;
another jobcenter's citizen → 404 on every URL and every method; the right role → 200 + heading."""

import pytest
from django.test import Client
from django.urls import reverse

from citizens.models import Citizen
from portal.core.models import AuditEvent, AuditSubject

# (url name, methods the page answers); every one of them lives under /citizens/<id>/.
CITIZEN_URLS = [
    ("citizens:detail", ["get"]),
    ("citizens:edit", ["get", "post"]),
    ("citizens:note_add", ["post"]),
    ("citizens:close", ["get", "post"]),
    ("citizens:reopen", ["post"]),
    ("citizens:reveal_cpr", ["post"]),
    ("citizens:reassign", ["get", "post"]),
    ("citizens:export_json", ["get"]),
    ("citizens:export_html", ["get"]),
    ("citizens:access_report", ["get"]),
    ("citizens:access_report_csv", ["get"]),
]
ALL_METHODS = ["get", "post", "put", "patch", "delete", "head", "options"]
TEAM_LEAD_ONLY = {
    "citizens:reassign",
    "citizens:export_json",
    "citizens:export_html",
    "citizens:access_report",
    "citizens:access_report_csv",
}
LIST_URLS = [
    ("citizens:list", "get"),
    ("citizens:create", "get"),
    ("citizens:create", "post"),
    ("citizens:cpr_search", "post"),
]


def test_every_citizen_url_is_covered(citizen):
    """A new URL under /citizens/<id>/ must be added to CITIZEN_URLS (and so to the 404 test)."""
    from citizens.urls import urlpatterns

    names = {f"citizens:{p.name}" for p in urlpatterns if "<int:pk>" in str(p.pattern)}
    assert names == {name for name, _ in CITIZEN_URLS}


@pytest.mark.parametrize("name,methods", CITIZEN_URLS)
def test_the_odense_caseworker_gets_404_on_every_aarhus_citizen_url_and_method(
    name, methods, citizen, outsider_client
):
    url = reverse(name, args=[citizen.pk])
    before = Citizen.objects.values().get(pk=citizen.pk)
    events = AuditEvent.objects.count()
    for method in ALL_METHODS:
        response = getattr(outsider_client, method)(
            url, {"reason": "x", "text": "x", "kind": "note"} if method == "post" else None
        )
        assert response.status_code == 404, (name, method, response.status_code)
        assert "Jensen" not in response.content.decode()
    assert Citizen.objects.values().get(pk=citizen.pk) == before
    assert citizen.notes.count() == 1
    # Each refused request is a security event (no jobcenter, naming no citizen as read), and nothing else.
    written = AuditEvent.objects.order_by("pk")[events:]
    assert [(e.action, e.jobcenter_id) for e in written] == [("access_refused", None)] * len(ALL_METHODS)
    assert not AuditSubject.objects.filter(citizen_id=citizen.pk, event__in=written).exists()


@pytest.mark.parametrize("name,methods", CITIZEN_URLS)
def test_an_unknown_id_is_the_same_404(name, methods, caseworker_client):
    for method in methods:
        assert getattr(caseworker_client, method)(reverse(name, args=[999999])).status_code == 404


@pytest.mark.parametrize("name,methods", CITIZEN_URLS)
def test_admins_get_403_on_every_citizen_url(name, methods, citizen, admin_client_):
    for method in methods:
        assert getattr(admin_client_, method)(reverse(name, args=[citizen.pk])).status_code == 403


@pytest.mark.parametrize("name,method", LIST_URLS)
def test_admins_get_403_on_list_create_and_search(name, method, admin_client_):
    assert getattr(admin_client_, method)(reverse(name)).status_code == 403


@pytest.mark.parametrize("name,methods", CITIZEN_URLS)
def test_anonymous_users_are_sent_to_login(name, methods, citizen):
    for method in methods:
        response = getattr(Client(), method)(reverse(name, args=[citizen.pk]))
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("name,method", LIST_URLS)
def test_anonymous_users_are_sent_to_login_from_the_list(name, method, db):
    response = getattr(Client(), method)(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("name", sorted(TEAM_LEAD_ONLY))
def test_caseworkers_get_403_on_team_lead_pages(name, citizen, caseworker_client):
    assert caseworker_client.get(reverse(name, args=[citizen.pk])).status_code == 403


GET_PAGES = [
    ("citizens:detail", "Mette Jensen"),
    ("citizens:edit", "Ret sagen for Mette Jensen"),
    ("citizens:close", "Afslut sagen for Mette Jensen"),
    ("citizens:reassign", "Flyt sagen for Mette Jensen"),
    ("citizens:export_html", "Oplysninger om Mette Jensen"),
    ("citizens:access_report", "Adgangsrapport for Mette Jensen"),
]


@pytest.mark.parametrize("name,heading", GET_PAGES)
def test_team_leads_see_every_page_with_its_heading(name, heading, citizen, team_lead_client):
    response = team_lead_client.get(reverse(name, args=[citizen.pk]))
    assert response.status_code == 200
    assert f">{heading}</h1>" in response.content.decode()


@pytest.mark.parametrize("name,heading", [p for p in GET_PAGES if p[0] not in TEAM_LEAD_ONLY])
def test_a_colleague_can_open_the_case(name, heading, citizen, colleague):
    from tests.conftest import client_for

    response = client_for(colleague).get(reverse(name, args=[citizen.pk]))
    assert response.status_code == 200 and heading in response.content.decode()


def test_the_list_and_form_open_for_caseworkers(caseworker_client):
    assert ">Borgere</h1>" in caseworker_client.get(reverse("citizens:list")).content.decode()
    assert ">Opret borger</h1>" in caseworker_client.get(reverse("citizens:create")).content.decode()


def test_the_outsider_never_sees_aarhus_citizens_in_lists_or_searches(citizen, outsider_client):
    response = outsider_client.get(reverse("citizens:list"), {"scope": "all", "status": "all"})
    assert "Jensen" not in response.content.decode()
    response = outsider_client.post(reverse("citizens:cpr_search"), {"cpr": "211062-5629"})
    assert "Jensen" not in response.content.decode()


def test_citizen_pages_are_not_cached(citizen, caseworker_client):
    response = caseworker_client.get(reverse("citizens:detail", args=[citizen.pk]))
    assert "no-store" in response["Cache-Control"]
