"""Pure rules for the placement loop after the start: follow-ups, extensions, real dates.

No database access: the services pass in plain values (dates, weeks from `PlacementType` and
`PracticeLimit` data). Each check returns a Danish message, or None when the input is fine.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _


def _d(value: date) -> str:
    return date_format(value, "j. F Y")


# --- Follow-ups --------------------------------------------------------------------------------------
def follow_up_held_error(*, held_on: date, today: date, start: date | None) -> str | None:
    if held_on > today:
        return _("En opfølgning kan ikke registreres i fremtiden (%(date)s).") % {"date": _d(held_on)}
    if start and held_on < start:
        return _("Opfølgningen ligger før forløbets start %(date)s.") % {"date": _d(start)}
    return None


def first_follow_up(
    *, start: date | None, follow_up_week: int | None, planned_end: date | None
) -> date | None:
    """The type's follow-up week (week 1 = the start), but no later than a week before a shortened end:
    the follow-up around the end is where an extension is decided."""
    if start is None or not follow_up_week:
        return None
    planned = start + timedelta(weeks=follow_up_week - 1)
    if planned_end and planned > planned_end - timedelta(weeks=1):
        return max(start, planned_end - timedelta(weeks=1))
    return planned


def next_follow_up(*, held_on: date, interval_weeks: int | None, planned_end: date | None) -> date | None:
    """The default next follow-up after one held on `held_on`.

    Types with recurring follow-ups (skånejob: every 52 weeks) repeat the interval. Others get one
    more follow-up a week before the planned end, where an extension is decided, if that is still
    at least a week away; else none.
    """
    if interval_weeks:
        return held_on + timedelta(weeks=interval_weeks)
    if planned_end:
        before_end = planned_end - timedelta(weeks=1)
        if before_end >= held_on + timedelta(weeks=1):
            return before_end
    return None


def next_follow_up_error(*, next_date: date | None, held_on: date) -> str | None:
    if next_date is not None and next_date <= held_on:
        return _("Næste opfølgning skal ligge efter den opfølgning, der registreres nu.")
    return None


# --- Real dates --------------------------------------------------------------------------------------
def actual_end_error(*, actual_end: date | None, start: date | None, today: date) -> str | None:
    """Completing asks for the actual end date: not in the future, not before the start."""
    if actual_end is None:
        return _("Angiv den faktiske slutdato.")
    if actual_end > today:
        return _("Den faktiske slutdato %(date)s ligger i fremtiden.") % {"date": _d(actual_end)}
    if start and actual_end < start:
        return _("Den faktiske slutdato ligger før startdatoen %(date)s.") % {"date": _d(start)}
    return None


def is_due_for_activation(*, status: str, start: date | None, today: date) -> bool:
    """An agreed placement becomes active on its agreed start date (`activate_due_placements`)."""
    return status == "agreed" and start is not None and start <= today


def planned_end_error(*, planned_end: date | None, start: date | None) -> str | None:
    if planned_end and start and planned_end < start:
        return _("Slutdatoen ligger før startdatoen.")
    return None


def enterprise_info_error(*, text: str, agreed_on: date | None, today: date) -> str | None:
    """Text for the enterprise is shared only when agreed with the citizen, on a day that has come."""
    if text and agreed_on is None:
        return _("Angiv hvornår teksten til virksomheden er aftalt med borgeren.")
    if text and agreed_on > today:
        return _("Datoen for aftalen med borgeren kan ikke ligge i fremtiden.")
    return None


# --- Extensions and the legal maximum ----------------------------------------------------------------
@dataclass(frozen=True)
class Limit:
    """The legal maximum for one placement type and target group (from `PracticeLimit` data)."""

    max_weeks: int
    extended_max_weeks: int | None
    legal_basis: str
    rules_as_of: date

    def note(self) -> str:
        return _("%(basis)s, regler pr. %(date)s") % {"basis": self.legal_basis, "date": _d(self.rules_as_of)}


@dataclass(frozen=True)
class ExtensionVerdict:
    error: str | None = None  # refused outright
    needs_assessment: bool = False  # past the maximum: a concrete assessment in words is required
    weeks: int = 0  # the placement's length with the new end, in started weeks
    warning: str = ""


def weeks_between(start: date, end: date) -> int:
    """Length in started weeks, counting both the start and the end day (1-7 days = 1 week)."""
    return ((end - start).days + 7) // 7


def extension_verdict(
    *, start: date | None, current_end: date | None, new_end: date | None, limit: Limit | None
) -> ExtensionVerdict:
    if new_end is None:
        return ExtensionVerdict(error=_("Angiv den nye planlagte slutdato."))
    if start and new_end < start:
        return ExtensionVerdict(error=_("Slutdatoen ligger før startdatoen."))
    if current_end and new_end <= current_end:
        return ExtensionVerdict(
            error=_("En forlængelse skal ligge efter den nuværende slutdato %(date)s.")
            % {"date": _d(current_end)}
        )
    if start is None or limit is None:
        return ExtensionVerdict()
    weeks = weeks_between(start, new_end)
    if weeks <= limit.max_weeks:
        return ExtensionVerdict(weeks=weeks)
    ceiling = limit.extended_max_weeks
    if ceiling is None or weeks > ceiling:
        return ExtensionVerdict(
            weeks=weeks,
            error=_("Forløbet bliver %(weeks)s uger; loven tillader højst %(max)s uger (%(note)s).")
            % {"weeks": weeks, "max": ceiling or limit.max_weeks, "note": limit.note()},
        )
    return ExtensionVerdict(
        weeks=weeks,
        needs_assessment=True,
        warning=_(
            "Forløbet bliver %(weeks)s uger, mere end de %(max)s uger, loven giver borgerens målgruppe. "
            "Det kræver en konkret vurdering, skrevet her (højst %(ceiling)s uger; %(note)s)."
        )
        % {"weeks": weeks, "max": limit.max_weeks, "ceiling": ceiling, "note": limit.note()},
    )
