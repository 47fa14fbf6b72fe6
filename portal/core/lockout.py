"""Login lockout (per typed username) and throttle (per client address), kept in LoginThrottle rows.

Why rows of our own and not the audit log: the count must be read and raised under one row lock, so
that parallel guesses for one account queue up and a guess after the limit never reaches the password
hasher (portal/core/auth_backends.py holds the lock across the check). A username that does not exist
gets a row too, so a lock or the lack of one says nothing about which usernames exist.

The address throttle only refuses attempts from that address; it never locks an account.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from portal.core.models import LoginThrottle, LoginThrottleKind

LOCKED = "locked"
THROTTLED = "throttled"


def normalise_username(username: str) -> str:
    return username.strip().lower()[:150]


def _lock_window() -> timedelta:
    return timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def _address_window() -> timedelta:
    return timedelta(minutes=settings.LOGIN_ADDRESS_WINDOW_MINUTES)


def _ensure(kind: str, key: str, now: datetime) -> None:
    # INSERT ... ON CONFLICT DO NOTHING: parallel first attempts cannot trip over each other.
    LoginThrottle.objects.bulk_create(
        [LoginThrottle(kind=kind, key=key, window_started=now)], ignore_conflicts=True
    )


def _address_throttled(ip: str | None, now: datetime) -> bool:
    if not ip:
        return False
    return LoginThrottle.objects.filter(
        kind=LoginThrottleKind.ADDRESS,
        key=ip,
        failures__gte=settings.LOGIN_ADDRESS_FAILURE_LIMIT,
        window_started__gt=now - _address_window(),
    ).exists()


def _account_locked(row: LoginThrottle, now: datetime) -> bool:
    return row.locked_at is not None and row.locked_at > now - _lock_window()


@dataclass
class Attempt:
    """One login attempt between `begin_attempt` and its outcome, inside one transaction."""

    row: LoginThrottle
    ip: str | None
    refusal: str | None = None


def begin_attempt(*, username: str, ip: str | None) -> Attempt:
    """Lock the username's counter row (call inside `transaction.atomic`) and say whether the attempt
    is refused before any password is checked."""
    now = timezone.now()
    key = normalise_username(username)
    _ensure(LoginThrottleKind.ACCOUNT, key, now)
    row = LoginThrottle.objects.select_for_update().get(kind=LoginThrottleKind.ACCOUNT, key=key)
    attempt = Attempt(row=row, ip=ip)
    if _address_throttled(ip, now):
        attempt.refusal = THROTTLED
    elif _account_locked(row, now):
        attempt.refusal = LOCKED
    return attempt


def record_failure(attempt: Attempt) -> None:
    now = timezone.now()
    row = attempt.row
    if row.window_started <= now - _lock_window() and not _account_locked(row, now):
        row.failures, row.window_started, row.locked_at = 0, now, None
    row.failures += 1
    row.last_failure = now
    if row.failures >= settings.LOGIN_FAILURE_LIMIT and row.locked_at is None:
        row.locked_at = now
    row.save(update_fields=["failures", "window_started", "locked_at", "last_failure"])
    if attempt.ip:
        _count_address_failure(attempt.ip, now)


def _count_address_failure(ip: str, now: datetime) -> None:
    _ensure(LoginThrottleKind.ADDRESS, ip, now)
    rows = LoginThrottle.objects.filter(kind=LoginThrottleKind.ADDRESS, key=ip)
    # A stale window starts over; otherwise one atomic increment (no lock: a count off by one under
    # a race only moves the throttle by one attempt).
    if not rows.filter(window_started__lte=now - _address_window()).update(
        failures=1, window_started=now, last_failure=now
    ):
        rows.update(failures=F("failures") + 1, last_failure=now)


def record_success(attempt: Attempt) -> None:
    row = attempt.row
    if row.failures or row.locked_at:
        row.failures, row.locked_at, row.window_started = 0, None, timezone.now()
        row.save(update_fields=["failures", "locked_at", "window_started"])


def active_lockouts() -> QuerySet[LoginThrottle]:
    """Accounts locked now and addresses throttled now, newest first (for system administrators)."""
    now = timezone.now()
    return LoginThrottle.objects.filter(
        Q(kind=LoginThrottleKind.ACCOUNT, locked_at__gt=now - _lock_window())
        | Q(
            kind=LoginThrottleKind.ADDRESS,
            failures__gte=settings.LOGIN_ADDRESS_FAILURE_LIMIT,
            window_started__gt=now - _address_window(),
        )
    ).order_by("-last_failure")


def clear(row: LoginThrottle) -> None:
    row.failures, row.locked_at, row.window_started = 0, None, timezone.now()
    row.save(update_fields=["failures", "locked_at", "window_started"])
