"""Matching's part of the citizen data contract (portal/core/citizen_data.py): the placements panel on
the case page, every placement with its history in the export, what the purge erases, and the veto on
closing a case with open placements. Registered in MatchingConfig.ready()."""

import pgtrigger
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from matching.models import OPEN_STATUSES, Placement, PlacementEvent
from matching.panels import citizen_panel_context
from portal.core.citizen_data import CitizenData, ExportSection

# The purge is the one writer allowed past the placement history's append-only trigger.
_EVENT_TRIGGER = "matching.PlacementEvent:placement_event_append_only"

PLACEMENT_LABELS = {
    "id": _("Forløbsnummer"),
    "enterprise": _("Virksomhed"),
    "enterprise_cvr": _("Virksomhedens CVR-nummer"),
    "placement_type": _("Forløbstype"),
    "status": _("Status"),
    "purpose": _("Formål"),
    "start_date": _("Startdato"),
    "planned_end_date": _("Planlagt slutdato"),
    "follow_up_date": _("Opfølgningsdato"),
    "hours_per_week": _("Timer pr. uge"),
    "outcome": _("Resultat"),
    "cancel_reason": _("Årsag til annullering"),
    "ended_on": _("Faktisk slutdato"),
    "tasks": _("Arbejdsopgaver"),
    "contact": _("Kontaktperson hos virksomheden"),
    "enterprise_info": _("Oplysninger til virksomheden"),
    "enterprise_info_agreed_on": _("Oplysningerne aftalt med borgeren den"),
    "extension_count": _("Antal forlængelser"),
    "created_by": _("Foreslået af"),
    "created_at": _("Foreslået"),
    "status_changed_at": _("Status ændret"),
    "events": _("Hændelser"),
    # The events' own fields:
    "at": _("Tidspunkt"),
    "by": _("Af"),
    "from_status": _("Fra"),
    "to_status": _("Til"),
    "note": _("Notat"),
    "reason": _("Årsag"),
    "kind": _("Art"),
    "held_on": _("Opfølgning holdt den"),
    "follow_up_form": _("Opfølgningens form"),
    "assessment": _("Konkret vurdering"),
    "changes": _("Ændringer"),
}


def _event_row(event: PlacementEvent) -> dict:
    return {
        "at": event.at,
        "by": event.by_label or (event.by.display_name if event.by else ""),
        "from_status": event.get_from_status_display() if event.from_status else "",
        "to_status": event.get_to_status_display(),
        "note": event.note,
        "reason": event.get_reason_display() if event.reason else "",
        "outcome": event.get_outcome_display() if event.outcome else "",
        "kind": event.get_kind_display(),
        "held_on": event.held_on,
        "follow_up_form": event.get_follow_up_form_display() if event.follow_up_form else "",
        "assessment": event.assessment,
        "changes": event.changes,
    }


def _placement_row(placement: Placement) -> dict:
    return {
        "id": placement.pk,
        "enterprise": placement.enterprise.name,
        "enterprise_cvr": placement.enterprise.cvr,
        "placement_type": placement.placement_type.label,
        "status": placement.get_status_display(),
        "purpose": placement.purpose,
        "start_date": placement.start_date,
        "planned_end_date": placement.planned_end_date,
        "follow_up_date": placement.follow_up_date,
        "hours_per_week": placement.hours_per_week,
        "outcome": placement.get_outcome_display() if placement.outcome else "",
        "cancel_reason": placement.get_cancel_reason_display() if placement.cancel_reason else "",
        "ended_on": placement.ended_on,
        "tasks": placement.tasks,
        "contact": placement.contact.name if placement.contact else "",
        "enterprise_info": placement.enterprise_info,
        "enterprise_info_agreed_on": placement.enterprise_info_agreed_on,
        "extension_count": placement.extension_count,
        "created_by": placement.created_by.display_name if placement.created_by else "",
        "created_at": placement.created_at,
        "status_changed_at": placement.status_changed_at,
        "events": [_event_row(event) for event in placement.events.all()],
    }


def export(citizen) -> list[ExportSection]:
    """Each placement: the enterprise it was shared with, purpose, dates, outcome, events and notes."""
    placements = (
        Placement.objects.filter(citizen=citizen)
        .select_related("enterprise", "placement_type", "created_by", "contact")
        .prefetch_related("events__by")
        .order_by("created_at", "pk")
    )
    return [
        ExportSection(
            "placements",
            _("Forløb hos virksomheder"),
            [_placement_row(p) for p in placements],
            PLACEMENT_LABELS,
            ("matching.Placement", "matching.PlacementEvent"),
        )
    ]


def erase(citizen_ids: list[int]) -> None:
    """Purposes, tasks, the text for the enterprise (and which contact got it), event notes and
    extension assessments are free text about the person; statuses, dates and outcomes stay for
    statistics."""
    Placement.objects.filter(citizen_id__in=citizen_ids).update(
        purpose="", tasks="", enterprise_info="", enterprise_info_agreed_on=None, contact=None
    )
    with pgtrigger.ignore(_EVENT_TRIGGER):
        PlacementEvent.objects.filter(
            Q(placement__citizen_id__in=citizen_ids) & (~Q(note="") | ~Q(assessment=""))
        ).update(note="", assessment="")


def close_veto(citizen) -> str | None:
    """A case cannot close while a placement is open: its place would stay taken for good."""
    count = Placement.objects.filter(citizen=citizen, status__in=OPEN_STATUSES).count()
    if count:
        return ngettext(
            "Borgeren har %(count)s åbent forløb. Afslut eller annuller forløbet, før sagen afsluttes.",
            "Borgeren har %(count)s åbne forløb. Afslut eller annuller forløbene, før sagen afsluttes.",
            count,
        ) % {"count": count}
    return None


CONTRIBUTION = CitizenData(
    name="matching",
    order=50,
    panel_template="matching/_citizen_placements_panel.html",
    panel_context=citizen_panel_context,
    export=export,
    erase=erase,
    close_veto=close_veto,
)
