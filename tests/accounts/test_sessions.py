"""Idle sessions end on the server; background requests do not count as activity; eight hours is the
limit whatever happens; the warning dialog is on every signed-in page."""

import re
import time

from django.test import Client
from django.urls import reverse

from portal.accounts.middleware import STARTED_KEY
from portal.core.models import AuditAction, AuditEvent
from tests.conftest import PASSWORD


def sign_in() -> Client:
    client = Client()
    assert client.post("/accounts/login/", {"username": "sara", "password": PASSWORD}).status_code == 302
    return client


def test_a_plain_request_after_the_idle_time_gets_the_login_page(caseworker, settings):
    settings.SESSION_IDLE_SECONDS = 1
    client = sign_in()
    assert client.get("/").status_code == 200
    time.sleep(1.3)
    response = client.get("/enterprises/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/enterprises/"
    assert client.get("/").status_code == 302  # the session is gone, not just this answer
    assert AuditEvent.objects.filter(action=AuditAction.LOGOUT, detail__reason="idle").count() == 1


def test_activity_keeps_the_session_alive(caseworker, settings):
    settings.SESSION_IDLE_SECONDS = 2
    client = sign_in()
    for _ in range(3):
        time.sleep(0.8)
        assert client.get("/").status_code == 200


def test_background_requests_do_not_count_as_activity(caseworker, settings):
    settings.SESSION_IDLE_SECONDS = 2
    client = sign_in()
    client.get("/")
    for _ in range(2):
        time.sleep(0.8)
        client.get("/", headers={"X-Background": "1"})
    time.sleep(0.6)
    response = client.get("/", headers={"X-Background": "1", "HX-Request": "true"})
    assert response.status_code == 401
    assert response["HX-Redirect"] == reverse("login")
    assert client.get("/").status_code == 302


def test_the_stay_button_counts_as_activity(caseworker, settings):
    settings.SESSION_IDLE_SECONDS = 2
    client = sign_in()
    for _ in range(3):
        time.sleep(0.8)
        keep = client.post(reverse("accounts:session_keepalive"), headers={"X-Requested-With": "fetch"})
        assert keep.status_code == 204
    assert client.get("/").status_code == 200


def test_the_warning_follows_the_servers_deadline_not_the_page_load(caseworker_client, caseworker, settings):
    settings.SESSION_IDLE_SECONDS = 1800
    session = caseworker_client.session
    session["_last_activity"] = time.time() - 100  # inside the write interval: not rewritten
    session.save()
    page = caseworker_client.get("/").content.decode()
    assert 1695 <= int(re.search(r'data-session-idle="(\d+)"', page).group(1)) <= 1700


def test_eight_hours_is_the_limit_even_when_active(caseworker, settings):
    client = sign_in()
    client.get("/")
    session = client.session
    session[STARTED_KEY] = time.time() - settings.SESSION_COOKIE_AGE - 1
    session.save()
    assert client.get("/").status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.LOGOUT, detail__reason="absolute").exists()


def test_signed_in_pages_carry_the_warning_dialog_and_its_script(caseworker_client, settings):
    settings.SESSION_IDLE_SECONDS = 1800
    page = caseworker_client.get("/").content.decode()
    # The seconds the server itself will wait from now (activity is written every tenth of the time).
    assert 1790 <= int(re.search(r'data-session-idle="(\d+)"', page).group(1)) <= 1800
    assert "Du bliver logget ud om 2 minutter" in page
    assert "Bliv logget ind" in page
    assert "js/session-timeout.js" in page
    assert "session-warning" not in Client().get("/accounts/login/").content.decode()
