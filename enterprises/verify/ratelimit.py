"""Rate limits of the public pages, counted in the database (PublicRateCounter) so that every app
server counts together and a restart forgets nothing. A fixed one-minute window per client address."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from enterprises.models import PublicRateCounter

REQUESTS_PER_MINUTE = 30
SUBMISSIONS_PER_LINK = 10
# Counters older than this are removed when new ones are written.
KEEP = timedelta(minutes=10)


def hit(key: str, *, limit: int, window: timedelta = timedelta(minutes=1)) -> bool:
    """Count one hit for `key`; False when this hit is over `limit` within the current window."""
    now = timezone.now()
    seconds = int(window.total_seconds())
    start = now - timedelta(seconds=int(now.timestamp()) % seconds, microseconds=now.microsecond)
    key = key[:120]
    updated = PublicRateCounter.objects.filter(key=key, window_start=start).update(hits=F("hits") + 1)
    if not updated:
        try:
            with transaction.atomic():
                PublicRateCounter.objects.create(key=key, window_start=start, hits=1)
        except IntegrityError:  # another server created the row between our update and insert
            PublicRateCounter.objects.filter(key=key, window_start=start).update(hits=F("hits") + 1)
        PublicRateCounter.objects.filter(window_start__lt=now - KEEP).delete()
    hits = PublicRateCounter.objects.filter(key=key, window_start=start).values_list("hits", flat=True)
    return (hits.first() or 0) <= limit
