"""Matching's part in a case's life (signals from `citizens`, connected in MatchingConfig.ready)."""

from django.db.models import Q
from django.utils.translation import ngettext

from matching.models import OPEN_STATUSES, Placement, PlacementEvent


def refuse_close_with_open_placements(sender, citizen, **kwargs) -> str | None:
    """A case cannot close while a placement is open: its place would stay taken for good."""
    count = Placement.objects.filter(citizen=citizen, status__in=OPEN_STATUSES).count()
    if count:
        return ngettext(
            "Borgeren har %(count)s åbent forløb. Afslut eller annuller forløbet, før sagen afsluttes.",
            "Borgeren har %(count)s åbne forløb. Afslut eller annuller forløbene, før sagen afsluttes.",
            count,
        ) % {"count": count}
    return None


def erase_placement_texts(sender, citizen_ids, **kwargs) -> None:
    """Purge: purposes, tasks, the text for the enterprise, notes and assessments are free text about
    the citizen. Statuses, dates and outcomes stay for statistics. (Bulk updates: events are
    append-only for users, not for retention.)"""
    Placement.objects.filter(citizen_id__in=citizen_ids).update(
        purpose="", tasks="", enterprise_info="", enterprise_info_agreed_on=None, contact=None
    )
    PlacementEvent.objects.filter(
        Q(placement__citizen_id__in=citizen_ids) & (~Q(note="") | ~Q(assessment=""))
    ).update(note="", assessment="")
