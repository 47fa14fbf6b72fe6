"""Lockout on every login path, in the authentication backend: the portal's form, /admin/login/, and
parallel guesses on PostgreSQL; the per-address throttle; nothing tells which usernames exist."""

import threading

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client, RequestFactory

from portal.core.models import AuditAction, AuditEvent, LoginThrottle, Role, User
from tests.accounts.counting_hasher import CountingHasher
from tests.conftest import PASSWORD

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


def attempt(client: Client, username: str, password: str, path: str = LOGIN, **extra):
    return client.post(path, {"username": username, "password": password}, **extra)


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser(username="root", password=PASSWORD, email="root@example.dk")


def test_failures_on_the_portal_lock_the_admin_login_too(superuser, settings):
    settings.ADMIN_ENABLED = True
    client = Client()
    for _ in range(5):
        attempt(client, "root", "forkert")
    response = attempt(client, "root", PASSWORD, path=ADMIN_LOGIN)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_LOCKED, actor_label="root").exists()


def test_failures_on_the_admin_login_lock_the_portal(caseworker):
    client = Client()
    for _ in range(5):
        attempt(client, "sara", "forkert", path=ADMIN_LOGIN)
    response = attempt(client, "sara", PASSWORD)
    assert "midlertidigt låst" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_unknown_username_gets_the_same_answers_as_a_known_one(caseworker):
    answers = {}
    for username in ("sara", "findes-ikke"):
        client = Client()
        pages = [attempt(client, username, "forkert").content.decode() for _ in range(6)]
        answers[username] = [("Forkert brugernavn" in page, "midlertidigt låst" in page) for page in pages]
    assert answers["sara"] == answers["findes-ikke"]
    assert answers["sara"][-1] == (False, True)


def test_the_username_is_matched_without_regard_to_case(caseworker):
    client = Client()
    for name in ("SARA", "Sara", "sara", "sArA", "saRA"):
        attempt(client, name, "forkert")
    assert "midlertidigt låst" in attempt(client, "sara", PASSWORD).content.decode()


def test_the_address_throttle_refuses_the_address_but_never_locks_the_account(caseworker, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    spray = Client(REMOTE_ADDR="203.0.113.9")
    for username in ("a", "b", "c"):
        attempt(spray, username, "Sommer2026")
    response = attempt(spray, "sara", PASSWORD)
    assert "netværksadresse" in response.content.decode()
    assert "_auth_user_id" not in spray.session
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_THROTTLED, ip="203.0.113.9").count() == 1
    # The account itself is not locked: from her own address Sara signs in.
    assert attempt(Client(REMOTE_ADDR="198.51.100.7"), "sara", PASSWORD).status_code == 302


def test_the_address_comes_through_the_trusted_proxy(caseworker, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 2
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    for username in ("a", "b"):
        attempt(proxy, username, "x", HTTP_X_FORWARDED_FOR="203.0.113.9")
    # Another client behind the same proxy is not throttled; the sprayer is.
    assert attempt(proxy, "sara", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 302
    refused = attempt(Client(REMOTE_ADDR="10.0.0.1"), "sara", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert refused.status_code == 200
    assert LoginThrottle.objects.get(kind="address", key="203.0.113.9").failures == 2


def test_local_login_off_refuses_ordinary_accounts_but_lets_break_glass_in(caseworker, team_lead, settings):
    settings.LOCAL_LOGIN = False
    team_lead.is_break_glass = True
    team_lead.save()
    assert attempt(Client(), "sara", PASSWORD).status_code == 200
    assert attempt(Client(), "tina", PASSWORD).status_code == 302


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_thirty_parallel_wrong_passwords_run_the_hasher_at_most_five_times(settings):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    settings.PASSWORD_HASHERS = ["tests.accounts.counting_hasher.CountingHasher"]
    User.objects.create_user(username="sara", password=PASSWORD, role=Role.ADMIN)
    CountingHasher.runs = 0
    threads_count = 30
    barrier = threading.Barrier(threads_count)
    results: list[object] = []
    lock = threading.Lock()

    def guess(n: int) -> None:
        try:
            connection.ensure_connection()
            request = RequestFactory().post(LOGIN, REMOTE_ADDR=f"198.51.100.{n}")
            request.user = AnonymousUser()
            barrier.wait()
            user = authenticate(request, username="sara", password=f"gæt-{n}")
        except Exception as exc:  # a deadlock would show up here
            user = exc
        finally:
            connection.close()
        with lock:
            results.append(user)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert results == [None] * threads_count
    assert CountingHasher.runs <= 5
    assert LoginThrottle.objects.get(kind="account", key="sara").failures == 5
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_LOCKED).count() == 25


def test_the_login_page_says_local_login_is_for_break_glass_only_when_it_is_off(db, settings):
    assert "nødadgangskonti" not in Client().get(LOGIN).content.decode()
    settings.LOCAL_LOGIN = False
    assert "nødadgangskonti" in Client().get(LOGIN).content.decode()
