"""Reads of citizen cases. Every query starts from `citizens_for(user)`, i.e. the user's own jobcenter."""

from typing import Any

from django.db.models import Prefetch, QuerySet

from citizens import cpr as cprlib
from citizens.models import CaseNote, Citizen, CitizenQuerySet
from portal.core.access import get_scoped_or_404, scope_to_jobcenter
from portal.core.collation import danish
from portal.core.models import AuditEvent, Role, User

STATUS_OPEN = ""
STATUS_ALL = "all"
SCOPE_MINE = "mine"
SCOPE_ALL = "all"


CPR_SEARCH_TERM = "cpr-søgning"  # what the log records instead of a searched CPR number


def list_order() -> tuple:
    """Last name, first name in Danish order (Æ, Ø, Å after Z; "Aa" as Å), then id for stable pages.
    Served by `citizen_name_order_idx` (SQLite) or `citizen_name_da_idx` (PostgreSQL, migration 0003)."""
    return (danish("last_name"), danish("first_name"), "id")


def citizens_for(user: User) -> CitizenQuerySet:
    """The user's jobcenter's citizens; nothing for admins and users without a jobcenter."""
    return scope_to_jobcenter(user, Citizen.objects.all())


def citizen_get(*, user: User, pk: int) -> Citizen:
    """A citizen of the user's jobcenter, or 404 (foreign and unknown ids look the same)."""
    return get_scoped_or_404(citizens_for(user).select_related("caseworker", "jobcenter"), pk=pk)


def citizen_detail(*, user: User, pk: int) -> Citizen:
    """Everything the detail page shows, in a fixed number of queries."""
    qs = (
        citizens_for(user)
        .select_related("caseworker", "jobcenter", "postcode", "target_group")
        .prefetch_related(
            "wanted_placement_types",
            "preferred_industries",
            "challenge_areas",
            Prefetch("notes", queryset=CaseNote.objects.select_related("author")),
        )
    )
    return get_scoped_or_404(qs, pk=pk)


def jobcenter_staff(jobcenter_id: int | None) -> QuerySet[User]:
    """Caseworkers and team leads of a jobcenter: who a case can be assigned to."""
    return User.objects.filter(
        jobcenter_id=jobcenter_id, role__in=[Role.CASEWORKER, Role.TEAM_LEAD], is_active=True
    ).order_by("first_name", "last_name", "username")


def citizen_list(*, user: User, filters: dict[str, Any]) -> CitizenQuerySet:
    """The list page: name search, mine/all, status, target group and caseworker (query-string filters).

    A caseworker filter replaces "mine"; the default status shows open cases (active and paused).
    """
    qs = citizens_for(user).for_list()
    caseworker = filters.get("caseworker")
    if caseworker:
        qs = qs.filter(caseworker=caseworker)
    elif filters.get("scope", SCOPE_MINE) != SCOPE_ALL:
        qs = qs.filter(caseworker=user)
    status = filters.get("status") or STATUS_OPEN
    if status == STATUS_OPEN:
        qs = qs.open()
    elif status != STATUS_ALL:
        qs = qs.filter(status=status)
    if filters.get("target_group"):
        qs = qs.filter(target_group=filters["target_group"])
    if filters.get("q"):
        qs = qs.name_matches(filters["q"])
    return qs.order_by(*list_order())


def citizen_cpr_search(*, user: User, cpr: str) -> CitizenQuerySet:
    """Exact CPR search through the keyed hash (the number is never compared in clear)."""
    return citizens_for(user).for_list().with_cpr_hash(*cprlib.lookup_hashes(cpr)).order_by(*list_order())


def citizen_access_events(*, citizen: Citizen) -> QuerySet[AuditEvent]:
    """Who read or changed the case, and when (CJEU C-579/21): every event naming the citizen (the case
    itself, or a list page that showed them), newest first. An indexed join through the audit subject
    table (portal.core.models.AuditSubject), so its cost follows the citizen's history, not the log's."""
    return AuditEvent.objects.naming_citizen(citizen.pk).select_related("actor")
