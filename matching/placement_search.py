"""The placement list's reads: search by citizen name or enterprise, filters and sortable columns."""

from typing import Any

from django.db.models import Q, QuerySet

from citizens.models import Citizen
from matching.models import OPEN_STATUSES, Placement, PlacementStatus
from portal.core.access import scope_to_jobcenter
from portal.core.models import User

FINISHED = "finished"
# Sort keys shown as column links → database order (a "-" prefix on the key reverses it).
SORTS = {
    "citizen": ("citizen__last_name", "citizen__first_name"),
    "enterprise": ("enterprise__name",),
    "type": ("placement_type__sort_order",),
    "status": ("status",),
    "start": ("start_date",),
    "follow_up": ("follow_up_date",),
    "end": ("ended_on",),
    "changed": ("status_changed_at",),
}
DEFAULT_SORT = "-changed"


def scoped_placements(user: User) -> QuerySet:
    return scope_to_jobcenter(
        user,
        Placement.objects.select_related("citizen", "enterprise", "placement_type", "citizen__caseworker"),
        field="citizen__jobcenter",
    )


def _order(sort: str) -> list[str]:
    key = sort.lstrip("-")
    fields = SORTS.get(key) or SORTS["changed"]
    descending = sort.startswith("-") if key in SORTS else True
    return [f"-{f}" if descending else f for f in fields] + ["-pk" if descending else "pk"]


def placement_search(*, user: User, filters: dict[str, Any], mine_by_default: bool) -> QuerySet:
    placements = scoped_placements(user)
    if (filters.get("scope") or ("mine" if mine_by_default else "all")) == "mine":
        placements = placements.of_caseworker(user)
    wanted = filters.get("status") or ""
    if wanted == "":
        placements = placements.filter(status__in=OPEN_STATUSES)
    elif wanted == FINISHED:
        placements = placements.filter(status__in=(PlacementStatus.COMPLETED, PlacementStatus.CANCELLED))
    elif wanted != "all":
        placements = placements.filter(status=wanted)
    if filters.get("flag") == "overdue":
        placements = placements.follow_up_overdue()
    elif filters.get("flag") == "stale":
        placements = placements.stale()
    text = (filters.get("q") or "").strip()
    if text:
        # A name (every word in the first or last name) or part of the enterprise's name.
        citizens = Citizen.objects.name_matches(text).values("pk")
        placements = placements.filter(Q(citizen__in=citizens) | Q(enterprise__name__icontains=text))
    return placements.order_by(*_order(filters.get("sort") or DEFAULT_SORT))
