"""Panels on other apps' pages: the enterprise page (portal/core/panels.py) and the case page (citizen data contract)."""

from django.db.models import Count, Q
from django.http import HttpRequest

from matching.models import OPEN_STATUSES, Placement, PlacementStatus
from portal.core.access import can_match
from portal.core.audit import audit_log
from portal.core.models import AuditAction

PANEL_ROWS = 10


def citizen_panel_context(request: HttpRequest, citizen) -> dict | None:
    """The citizen's placements and a link to the matches. Two queries, whatever the history."""
    user = getattr(request, "user", None)
    if user is None or not can_match(user) or citizen.jobcenter_id != user.jobcenter_id:
        return None
    placements = Placement.objects.filter(citizen=citizen).select_related("enterprise", "placement_type")
    return {
        "placements": list(placements[:PANEL_ROWS]),
        "placement_count": placements.count(),
    }


def enterprise_panel_context(request: HttpRequest, enterprise) -> dict | None:
    """Counts for everyone; for jobcenter staff their own jobcenter's placements here (names)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    counts = Placement.objects.filter(enterprise=enterprise).aggregate(
        open=Count("id", filter=Q(status__in=OPEN_STATUSES)),
        active=Count("id", filter=Q(status=PlacementStatus.ACTIVE)),
        completed=Count("id", filter=Q(status=PlacementStatus.COMPLETED)),
    )
    context = {"counts": counts, "own_placements": None, "can_match": can_match(user)}
    if can_match(user):
        own = (
            Placement.objects.filter(enterprise=enterprise, citizen__jobcenter_id=user.jobcenter_id)
            .filter(status__in=OPEN_STATUSES)
            .select_related("citizen", "placement_type")
        )
        context["own_placements"] = list(own[:PANEL_ROWS])
        if context["own_placements"]:
            # Citizens' names are shown: their access reports must say so.
            audit_log(
                action=AuditAction.PLACEMENT_LIST,
                request=request,
                target=enterprise,
                detail={"ids": [p.citizen_id for p in context["own_placements"]]},
            )
    return context
