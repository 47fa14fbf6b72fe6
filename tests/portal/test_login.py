import pytest
from django.test import Client
from django.urls import reverse

from portal.core.models import AuditAction, AuditEvent
from tests.conftest import PASSWORD

LOGIN = "/accounts/login/"


def attempt(client: Client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


def test_it_logs_in_with_the_right_password_and_audits_it(caseworker):
    client = Client()
    response = attempt(client, "sara", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN, actor=caseworker).count() == 1


def test_it_refuses_a_wrong_password_with_a_danish_message(caseworker):
    client = Client()
    response = attempt(client, "sara", "forkert")
    assert response.status_code == 200
    assert "Forkert brugernavn eller adgangskode" in response.content.decode()
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert event.actor_label == "sara"
    assert event.ip == "127.0.0.1"


def test_it_locks_the_account_after_five_failures_even_for_the_right_password(caseworker):
    client = Client()
    for _ in range(5):
        attempt(client, "sara", "forkert")
    response = attempt(client, "sara", PASSWORD)
    assert response.status_code == 200
    assert "midlertidigt låst" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_LOCKED).count() == 1


def test_four_failures_do_not_lock(caseworker):
    client = Client()
    for _ in range(4):
        attempt(client, "sara", "forkert")
    assert attempt(client, "sara", PASSWORD).status_code == 302


def test_a_successful_login_resets_the_count(caseworker):
    client = Client()
    for _ in range(4):
        attempt(client, "sara", "forkert")
    assert attempt(client, "sara", PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    for _ in range(4):
        attempt(client, "sara", "forkert")
    assert attempt(client, "sara", PASSWORD).status_code == 302


def test_the_lock_expires(caseworker, settings):
    client = Client()
    for _ in range(5):
        attempt(client, "sara", "forkert")
    settings.LOGIN_LOCKOUT_MINUTES = 0  # the window has passed
    assert attempt(client, "sara", PASSWORD).status_code == 302


def test_logout_needs_post_and_is_audited(caseworker_client, caseworker):
    assert caseworker_client.post("/accounts/logout/").status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.LOGOUT, actor=caseworker).exists()
    assert caseworker_client.get("/").status_code == 302


@pytest.mark.parametrize("path", ["/", "/admin/"])
def test_anonymous_requests_are_sent_to_login(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "login/?next=" in response["Location"]


def test_audit_events_cannot_be_edited(caseworker):
    Client().post(LOGIN, {"username": "sara", "password": "x"})
    event = AuditEvent.objects.get()
    event.action = "something_else"
    with pytest.raises(Exception, match="append-only"):
        event.save()
    with pytest.raises(Exception, match="append-only"):
        event.delete()
