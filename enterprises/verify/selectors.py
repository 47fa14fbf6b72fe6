"""Reads for the verification queue and the register's health figures."""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from enterprises.models import (
    ContactLogEntry,
    Enterprise,
    EnterpriseStatus,
    Offer,
    VerificationRequest,
    VerificationState,
)
from enterprises.verification_models import CALL_STATES

TABS = ("due", "requested", "answered", "call")
_OPEN = (VerificationState.REQUESTED, *CALL_STATES)


def _current(states) -> Exists:
    return Exists(
        VerificationRequest.objects.filter(enterprise=OuterRef("pk"), is_current=True, state__in=states)
    )


def queue(tab: str) -> QuerySet:
    """One tab of /enterprises/verification/. `due`: active, not verified for 12 months, nothing open;
    `requested`: waiting for an answer; `answered`: answered in the last 90 days; `call`: no answer
    after the reminder, or the e-mail bounced ("ring op")."""
    active = Enterprise.objects.exclude(status=EnterpriseStatus.ARCHIVED)
    if tab == "requested":
        return active.filter(_current([VerificationState.REQUESTED])).order_by("last_verified_at", "pk")
    if tab == "call":
        return active.filter(_current(CALL_STATES)).order_by("last_verified_at", "pk")
    if tab == "answered":
        since = timezone.now() - timedelta(days=90)
        answered = VerificationRequest.objects.filter(
            enterprise=OuterRef("pk"), is_current=True, answered_at__gte=since
        )
        return active.filter(Exists(answered)).order_by("-last_verified_at", "pk")
    return (
        active.stale()
        .filter(status=EnterpriseStatus.ACTIVE)
        .exclude(_current(_OPEN))
        .order_by("last_verified_at", "pk")
    )


def attach_status(enterprises: list[Enterprise]) -> None:
    """The current request and the newest contact-log entry of each row: two queries for the page."""
    pks = [e.pk for e in enterprises]
    requests = {
        r.enterprise_id: r for r in VerificationRequest.objects.filter(enterprise__in=pks, is_current=True)
    }
    latest: dict[int, ContactLogEntry] = {}
    for entry in (
        ContactLogEntry.objects.filter(enterprise__in=pks).select_related("by").order_by("-on", "-id")
    ):
        latest.setdefault(entry.enterprise_id, entry)
    for enterprise in enterprises:
        enterprise.current_request = requests.get(enterprise.pk)
        enterprise.latest_contact = latest.get(enterprise.pk)


def tab_counts() -> dict[str, int]:
    return {tab: queue(tab).count() for tab in TABS}


def register_health(*, now=None) -> dict:
    """For the admin's home: share of active entries verified in the last 12 months, median age in
    days of the confirmed places figures, answer rate to requests sent in the last 90 days."""
    now = now or timezone.now()
    active = Enterprise.objects.filter(status=EnterpriseStatus.ACTIVE)
    total = active.count()
    verified = active.filter(last_verified_at__gte=now - timedelta(days=365)).count()
    today = timezone.localdate()
    confirmed = Offer.objects.filter(
        enterprise__status=EnterpriseStatus.ACTIVE, places_confirmed_at__isnull=False
    )
    # The median by position (count, then one row at the middle): no rows loaded, any database.
    n = confirmed.count()
    middle = (
        confirmed.order_by("places_confirmed_at").values_list("places_confirmed_at", flat=True)[n // 2]
        if n
        else None
    )
    sent = VerificationRequest.objects.filter(created_at__gte=now - timedelta(days=90)).exclude(
        state=VerificationState.REVOKED
    )
    answered = sent.filter(Q(state=VerificationState.ANSWERED) | Q(answered_at__isnull=False)).count()
    sent_count = sent.count()
    return {
        "verified_share": round(100 * verified / total) if total else None,
        "median_places_age": (today - middle).days if middle else None,
        "answer_rate": round(100 * answered / sent_count) if sent_count else None,
        "requests_sent": sent_count,
    }
