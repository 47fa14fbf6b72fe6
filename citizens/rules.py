"""Pure rules for citizen cases (no database)."""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _


def age_on(birth: datetime.date | None, today: datetime.date) -> int | None:
    """Whole years on `today` (a 29 February birthday counts from 1 March in common years)."""
    if birth is None:
        return None
    had_birthday = (today.month, today.day) >= (birth.month, birth.day)
    return today.year - birth.year - (0 if had_birthday else 1)


def retention_cutoff(today: datetime.date, older_than_days: int) -> datetime.date:
    """Cases closed before this date are past the retention period."""
    return today - datetime.timedelta(days=older_than_days)


def anonymised_birth_date(birth: datetime.date | None) -> datetime.date | None:
    """Keep the birth year for statistics (age bands), drop day and month."""
    return birth.replace(month=1, day=1) if birth else None


MAX_CLOSE_BACKDATE_DAYS = 30


def earliest_closing_date(*, created: datetime.date, today: datetime.date) -> datetime.date:
    """A case may be closed back to this date: not before it was created, at most 30 days back
    (a mistyped year would otherwise make the case due for irreversible anonymisation)."""
    return max(created, today - datetime.timedelta(days=MAX_CLOSE_BACKDATE_DAYS))


def closing_date_reason(*, day: datetime.date, created: datetime.date, today: datetime.date) -> str | None:
    """Why a case cannot be closed on `day`, in Danish; None when it can."""
    if day > today:
        return _("Datoen kan ikke ligge i fremtiden.")
    if day < today - datetime.timedelta(days=MAX_CLOSE_BACKDATE_DAYS):
        return _("Datoen kan højst ligge %(days)s dage tilbage.") % {"days": MAX_CLOSE_BACKDATE_DAYS}
    if day < created:
        return _("Datoen kan ikke ligge før sagen blev oprettet (%(day)s).") % {"day": date_format(created)}
    return None


def consent_errors(
    *, given: bool, method: str, day: datetime.date | None, today: datetime.date
) -> dict[str, str]:
    """A consent is recorded with how and when it was given, never in the future."""
    errors = {}
    if given:
        if not method:
            errors["consent_method"] = _("Angiv hvordan samtykket er givet.")
        if day is None:
            errors["consent_date"] = _("Angiv datoen for samtykket.")
        elif day > today:
            errors["consent_date"] = _("Samtykkedatoen kan ikke ligge i fremtiden.")
    return errors
