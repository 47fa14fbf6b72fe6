"""Pure rules of the register's writes (the ratio rule has its own home: `enterprises/ratio.py`)."""

from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _

# --- The register's write rules. One copy each, called by the forms (for field errors), the CSV
# import (for line errors) and `services.enterprise_upsert` (which decides). Each returns a Danish
# reason, or None when the write is allowed.


def one_primary(flags: Sequence[bool]) -> list[bool]:
    """At most one primary contact: the first one marked primary in a write wins."""
    first = next((i for i, flag in enumerate(flags) if flag), None)
    return [i == first for i in range(len(flags))]


def municipality_for_postcode(*, chosen: str | None, main: str, allowed: Iterable[str]) -> str:
    """The municipality follows the postcode; a choice is only needed (and only allowed among the
    postcode's municipalities) where the postcode spans several. Raises ValueError (Danish)."""
    if not chosen:
        return main
    if chosen != main and chosen not in set(allowed):
        raise ValueError(_("Postnummeret ligger ikke i den valgte kommune."))
    return chosen


def places_reason(*, places: int, taken: int) -> str | None:
    """An offer never has fewer places than placements have already taken."""
    if places < taken:
        return _("Der er allerede %(taken)s optagne pladser; antallet kan ikke være lavere.") % {
            "taken": taken
        }
    return None


def type_change_reason(*, taken: int) -> str | None:
    """The taken places belong to placements of the old type."""
    if taken:
        return _(
            "Tilbuddet har %(taken)s optagne pladser; forløbstypen kan ikke ændres. Opret et nyt tilbud."
        ) % {"taken": taken}
    return None


def delete_offer_reason(*, taken: int) -> str | None:
    if taken:
        return _("Et tilbud med optagne pladser kan ikke slettes.")
    return None
