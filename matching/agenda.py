"""Reads for "Min uge" (`/agenda/`), the daily reminder and the calendar feed.

One query per section whatever the caseload; the reminder counts for every user come from one
grouped query. Windows are data here, named once: follow-ups due within 7 days (or overdue),
starts and planned ends within 14 days, proposals with no move for 14 days.
"""

import operator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import reduce

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from matching.models import Placement, PlacementStatus
from portal.core.access import is_team_lead
from portal.core.models import User

FOLLOW_UP_DAYS = 7
START_END_DAYS = 14
STALE_DAYS = 14
SECTIONS = ("follow_ups", "starting", "ending", "stale")


@dataclass
class Agenda:
    today: date
    grouped: bool  # team leads: grouped by caseworker
    follow_ups: list = field(default_factory=list)
    starting: list = field(default_factory=list)
    ending: list = field(default_factory=list)
    stale: list = field(default_factory=list)

    def citizen_ids(self) -> list[int]:
        return sorted({p.citizen_id for name in SECTIONS for p in getattr(self, name)})

    @property
    def empty(self) -> bool:
        return not any(getattr(self, name) for name in SECTIONS)


def _conditions(today: date) -> dict[str, Q]:
    soon = today + timedelta(days=START_END_DAYS)
    return {
        "follow_ups": Q(
            status__in=(PlacementStatus.AGREED, PlacementStatus.ACTIVE),
            follow_up_date__lte=today + timedelta(days=FOLLOW_UP_DAYS),
        ),
        "starting": Q(status=PlacementStatus.AGREED, start_date__gte=today, start_date__lte=soon),
        "ending": Q(status=PlacementStatus.ACTIVE, planned_end_date__gte=today, planned_end_date__lte=soon),
        "stale": Q(
            status__in=(PlacementStatus.PROPOSED, PlacementStatus.CONTACTED),
            status_changed_at__lt=timezone.now() - timedelta(days=STALE_DAYS),
        ),
    }


ORDER = {
    "follow_ups": "follow_up_date",
    "starting": "start_date",
    "ending": "planned_end_date",
    "stale": "status_changed_at",
}


def _scope(user: User) -> QuerySet:
    placements = Placement.objects.filter(citizen__jobcenter_id=user.jobcenter_id)
    if is_team_lead(user):
        return placements
    return placements.filter(citizen__caseworker=user)


def agenda_for(*, user: User, today: date | None = None) -> Agenda:
    today = today or timezone.localdate()
    grouped = is_team_lead(user)
    base = _scope(user).select_related("citizen", "enterprise", "placement_type", "citizen__caseworker")
    agenda = Agenda(today=today, grouped=grouped)
    for name, condition in _conditions(today).items():
        order = ("citizen__caseworker__first_name", "citizen__caseworker__last_name") if grouped else ()
        rows = base.filter(condition).order_by(*order, ORDER[name], "pk")
        setattr(agenda, name, list(rows))
    return agenda


def reminder_counts(*, today: date) -> dict[int, dict[str, int]]:
    """{caseworker id: {section: count}} for every caseworker with at least one thing due."""
    conditions = _conditions(today)
    rows = (
        Placement.objects.filter(citizen__caseworker__isnull=False)
        .filter(reduce(operator.or_, conditions.values()))
        .values("citizen__caseworker_id")
        .annotate(**{name: Count("pk", filter=condition) for name, condition in conditions.items()})
        .order_by()
    )
    return {row.pop("citizen__caseworker_id"): row for row in rows if any(row[n] for n in SECTIONS)}


def calendar_placements(*, user: User) -> QuerySet:
    """Open placements of the user's own citizens with a follow-up date (for the .ics feed)."""
    return (
        Placement.objects.filter(
            citizen__caseworker=user,
            citizen__jobcenter_id=user.jobcenter_id,
            status__in=(PlacementStatus.AGREED, PlacementStatus.ACTIVE),
            follow_up_date__isnull=False,
        )
        .select_related("enterprise")
        .only("pk", "follow_up_date", "enterprise__name", "status")
        .order_by("follow_up_date", "pk")
    )
