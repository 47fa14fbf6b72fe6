"""Statistics for the statistics page and its CSV files, computed from placements and their events.

Scope: caseworkers see their own caseload, team leads their jobcenter, register admins national
counts only (no names of citizens or caseworkers; no per-enterprise list).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import median

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from enterprises.models import EnterpriseStatus, Offer
from matching.models import GOOD_OUTCOMES, Outcome, Placement, PlacementStatus
from portal.core.access import is_admin, is_jobcenter_staff, is_team_lead
from portal.core.models import PlacementType, User

TOP_ENTERPRISES = 10


@dataclass
class Statistics:
    scope_label: str
    by_status: list[tuple[str, int]]
    outcomes: list[tuple[str, int]]
    outcomes_total: int
    good_share: float | None
    median_days_to_start: float | None
    started_count: int
    free_places: list[tuple[str, int, int]]  # (type label, free, places)
    top_enterprises: list[tuple[str, int]] | None = field(default=None)

    @property
    def good_percent(self) -> int | None:
        return None if self.good_share is None else round(self.good_share * 100)


def placements_in_scope(user: User) -> QuerySet:
    if is_admin(user):
        return Placement.objects.all()
    if is_team_lead(user):
        return Placement.objects.filter(citizen__jobcenter_id=user.jobcenter_id)
    if is_jobcenter_staff(user):
        return Placement.objects.filter(citizen__jobcenter_id=user.jobcenter_id, citizen__caseworker=user)
    return Placement.objects.none()


def scope_label(user: User) -> str:
    if is_admin(user):
        return _("Hele landet (kun antal)")
    if is_team_lead(user):
        return _("Hele %(jobcenter)s") % {"jobcenter": user.jobcenter}
    return _("Dine egne borgere")


def by_status(placements: QuerySet) -> list[tuple[str, int]]:
    counts = dict(placements.values_list("status").annotate(n=Count("id")).order_by())
    return [(label, counts.get(value, 0)) for value, label in PlacementStatus.choices]


def outcomes(placements: QuerySet, since, until=None) -> list[tuple[str, int]]:
    until = until or timezone.localdate()
    counts = dict(
        placements.filter(status=PlacementStatus.COMPLETED, ended_on__gte=since, ended_on__lte=until)
        .values_list("outcome")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [(label, counts.get(value, 0)) for value, label in Outcome.choices]


def days_to_start(placements: QuerySet, since: date, today: date) -> list[int]:
    """Days from proposal to the start date, for placements that have actually started since `since`.

    Started = moved to active (now active or completed) with a start date that is not in the future.
    """
    rows = placements.filter(
        status__in=(PlacementStatus.ACTIVE, PlacementStatus.COMPLETED),
        start_date__isnull=False,
        start_date__gte=since,
        start_date__lte=today,
    ).values_list("start_date", "created_at")
    return [max(0, (started - timezone.localdate(proposed)).days) for started, proposed in rows]


def free_places(user: User) -> list[tuple[str, int, int]]:
    offers = Offer.objects.filter(enterprise__status=EnterpriseStatus.ACTIVE)
    if is_jobcenter_staff(user):
        offers = offers.filter(enterprise__municipality__jobcenters=user.jobcenter_id)
    sums = {
        row["placement_type_id"]: (row["places"] or 0, row["taken"] or 0)
        for row in offers.values("placement_type_id")
        .annotate(places=Sum("places"), taken=Sum("places_taken"))
        .order_by()
    }
    result = []
    for ptype in PlacementType.objects.order_by("sort_order"):
        places, taken = sums.get(ptype.code, (0, 0))
        result.append((ptype.label, max(0, places - taken), places))
    return result


def top_enterprises(placements: QuerySet) -> list[tuple[str, int]]:
    rows = (
        placements.filter(~Q(status=PlacementStatus.CANCELLED))
        .values("enterprise_id", "enterprise__name")
        .annotate(n=Count("id"))
        .order_by("-n", "enterprise__name")[:TOP_ENTERPRISES]
    )
    return [(row["enterprise__name"], row["n"]) for row in rows]


def statistics_for(user: User, since: date | None = None, until: date | None = None) -> Statistics:
    """Key figures for the period `since`–`until` (default: the last 12 months up to today)."""
    placements = placements_in_scope(user)
    until = until or timezone.localdate()
    since = since or (timezone.now() - timedelta(days=365)).date()
    outcome_rows = outcomes(placements, since, until)
    total = sum(n for _label, n in outcome_rows)
    good_labels = {Outcome(v).label for v in GOOD_OUTCOMES}
    good = sum(n for label, n in outcome_rows if label in good_labels)
    days = days_to_start(placements, since, min(until, timezone.localdate()))
    return Statistics(
        scope_label=scope_label(user),
        by_status=by_status(placements),
        outcomes=outcome_rows,
        outcomes_total=total,
        good_share=(good / total) if total else None,
        median_days_to_start=median(days) if days else None,
        started_count=len(days),
        free_places=free_places(user),
        top_enterprises=None if is_admin(user) else top_enterprises(placements),
    )
