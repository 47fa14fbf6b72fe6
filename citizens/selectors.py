"""Reads of citizen cases. Every query starts from `citizens_for(user)`, i.e. the user's own jobcenter."""

from typing import Any

from django.db.models import Prefetch, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from citizens import cpr as cprlib
from citizens.models import CaseNote, Citizen, CitizenQuerySet
from portal.core.access import get_scoped_or_404, scope_to_jobcenter
from portal.core.collation import danish
from portal.core.models import AuditAction, AuditEvent, Role, User

STATUS_OPEN = ""
STATUS_ALL = "all"
SCOPE_MINE = "mine"
SCOPE_ALL = "all"


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
    return citizens_for(user).for_list().with_cpr_hash(cprlib.lookup_hash(cpr)).order_by(*list_order())


def citizen_access_events(*, citizen: Citizen) -> list[AuditEvent]:
    """Who read or changed the case, and when (CJEU C-579/21): events about the case itself plus
    list pages on which the citizen was shown (name, masked CPR and age), newest first."""
    direct = AuditEvent.objects.about("citizen", citizen.pk)
    # List events store the ids shown as {"ids": [1, 2, 3]}; matched as text so it works on SQLite too.
    listed = (
        AuditEvent.objects.filter(
            jobcenter_id=citizen.jobcenter_id,
            # Every page that lists citizens records their ids under "ids" (candidates, placements too).
            action__in=[
                AuditAction.CITIZEN_LIST,
                AuditAction.CITIZEN_SEARCH,
                AuditAction.MATCH_VIEW,
                AuditAction.PLACEMENT_LIST,
            ],
        )
        .annotate(detail_text=Cast("detail", TextField()))
        .filter(detail_text__regex=rf'"ids": \[([0-9]+, )*{citizen.pk}[,\]]')
    )
    return list(
        AuditEvent.objects.filter(Q(pk__in=direct.values("pk")) | Q(pk__in=listed.values("pk")))
        .select_related("actor")
        .order_by("-at", "-id")
    )


def citizen_export_data(*, citizen: Citizen) -> dict[str, Any]:
    """All data held about one citizen (access request, GDPR art. 15), including their access log.
    The only place the CPR number leaves the case in clear."""
    citizen = (
        Citizen.objects.select_related("caseworker", "jobcenter", "postcode", "target_group")
        .prefetch_related("wanted_placement_types", "preferred_industries", "challenge_areas")
        .get(pk=citizen.pk)
    )
    cpr = cprlib.decrypt(citizen.cpr_encrypted)
    return {
        "udtrukket": timezone.now().isoformat(),
        "jobcenter": citizen.jobcenter.name,
        "borger": {
            "id": citizen.pk,
            "cpr": cprlib.format_cpr(cpr) if cpr else "",
            "fødselsdato": citizen.birth_date.isoformat() if citizen.birth_date else None,
            "fornavn": citizen.first_name,
            "efternavn": citizen.last_name,
            "telefon": citizen.phone,
            "email": citizen.email,
            "postnummer": str(citizen.postcode) if citizen.postcode else "",
            "målgruppe": citizen.target_group.label if citizen.target_group else "",
            "status": citizen.get_status_display(),
            "afsluttet": citizen.closed_at.isoformat() if citizen.closed_at else None,
            "årsag_til_afslutning": citizen.closed_reason,
            "sagsbehandler": citizen.caseworker.display_name,
            "maks_transport_km": citizen.max_travel_km,
            "timer_pr_uge": citizen.hours_per_week,
            "ønskede_forløbstyper": [p.label for p in citizen.wanted_placement_types.all()],
            "foretrukne_brancher": [str(i) for i in citizen.preferred_industries.all()],
            "kompetencer_og_interesser": citizen.competences,
            "udfordringer": [c.label for c in citizen.challenge_areas.all()],
            "skånehensyn": citizen.considerations,
            "behov_for_socialfaglig_støtte": citizen.needs_social_support,
            "behov_for_mentor": citizen.needs_mentor,
            "samtykke": {
                "givet": citizen.consent_given,
                "hvordan": citizen.get_consent_method_display() if citizen.consent_method else "",
                "dato": citizen.consent_date.isoformat() if citizen.consent_date else None,
            },
            "oprettet": citizen.created_at.isoformat(),
            "ændret": citizen.updated_at.isoformat(),
        },
        "notater": [
            {
                "oprettet": note.created_at.isoformat(),
                "type": note.get_kind_display(),
                "forfatter": note.author.display_name,
                "tekst": note.text,
            }
            for note in citizen.notes.select_related("author")
        ],
        "adgangslog": [
            {
                "tidspunkt": event.at.isoformat(),
                "bruger": event.actor.display_name if event.actor else event.actor_label,
                "handling": event.action_label,
            }
            for event in citizen_access_events(citizen=citizen)
        ],
    }
