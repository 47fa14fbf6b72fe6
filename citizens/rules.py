"""Pure rules for citizen cases (no database)."""

import datetime


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
