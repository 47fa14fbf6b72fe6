"""The placement status machine and default dates, as pure functions.

Allowed moves are data; `matching.services.placement_transition` is the only writer of statuses.
Labels are `PlacementStatus` here, nowhere else. Durations and follow-up weeks come from `portal.PlacementType` (data), never from code.
"""

from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _


# --- Status machine: values and Danish labels in one place ----------------------------------------
class PlacementStatus(models.TextChoices):
    PROPOSED = "proposed", _("Foreslået")
    CONTACTED = "contacted", _("Kontaktet")
    AGREED = "agreed", _("Aftalt")
    ACTIVE = "active", _("I gang")
    COMPLETED = "completed", _("Afsluttet")
    CANCELLED = "cancelled", _("Annulleret")


PROPOSED, CONTACTED, AGREED, ACTIVE, COMPLETED, CANCELLED = PlacementStatus

ALLOWED_MOVES: dict[str, tuple[str, ...]] = {
    PROPOSED: (CONTACTED, CANCELLED),
    CONTACTED: (AGREED, CANCELLED),
    AGREED: (ACTIVE, CANCELLED),
    ACTIVE: (COMPLETED,),
    COMPLETED: (),
    CANCELLED: (),
}
# Still open (one open placement per citizen and enterprise); using one of the enterprise's places.
OPEN = (PROPOSED, CONTACTED, AGREED, ACTIVE)
USES_PLACE = (AGREED, ACTIVE)
NEEDS_REASON = frozenset({CANCELLED})
NEEDS_OUTCOME = frozenset({COMPLETED})


def can_move(from_status: str, to_status: str) -> bool:
    return to_status in ALLOWED_MOVES.get(from_status, ())


def next_statuses(status: str) -> tuple[str, ...]:
    return ALLOWED_MOVES.get(status, ())


def starts_using_place(from_status: str, to_status: str) -> bool:
    return to_status in USES_PLACE and from_status not in USES_PLACE


def stops_using_place(from_status: str, to_status: str) -> bool:
    return from_status in USES_PLACE and to_status not in USES_PLACE


# --- Dates from the placement type (data in portal.PlacementType, never hard-coded) --------------------
def planned_end(start: date | None, duration_weeks: int | None) -> date | None:
    if start is None or not duration_weeks:
        return None
    return start + timedelta(weeks=duration_weeks)


def follow_up(start: date | None, follow_up_week: int | None) -> date | None:
    """The follow-up falls at the start of week `follow_up_week` of the placement (week 1 = start)."""
    if start is None or not follow_up_week:
        return None
    return start + timedelta(weeks=follow_up_week - 1)
