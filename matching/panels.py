"""Panels on other apps' pages: the enterprise page (portal/core/panels.py) and the case page (citizen data contract)."""

from django.db.models import Count, Q
from django.http import HttpRequest

from matching.models import OPEN_STATUSES, Placement, PlacementStatus
from portal.core.access import can_match, is_jobcenter_staff
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
    context = {
        "counts": counts,
        "own_placements": None,
        "can_match": can_match(user),
        "archived": enterprise.is_archived,
    }
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


def archived_enterprises_with_my_open_placements(user):
    """Enterprise ids a caseworker keeps reading after archiving: those with their open placements."""
    if not is_jobcenter_staff(user):
        return None
    return Placement.objects.filter(
        status__in=OPEN_STATUSES, citizen__caseworker=user, citizen__jobcenter_id=user.jobcenter_id
    ).values("enterprise_id")


def enterprise_archive_panel_context(request: HttpRequest, enterprise) -> dict | None:
    """For the archive confirmation (register admins): the open placements that archiving leaves behind.
    Placement number, jobcenter, type, status and caseworker only: admins see no citizens."""
    placements = (
        Placement.objects.filter(enterprise=enterprise, status__in=OPEN_STATUSES)
        .select_related("placement_type", "citizen__jobcenter", "citizen__caseworker")
        .order_by("citizen__jobcenter__name", "pk")
    )
    return {"open_placements": list(placements)}
