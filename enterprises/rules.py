"""Rimelighedskravet (the ratio rule), as pure functions. See shared domain notes §1.1.

At most 1 supported person per 5 ordinary employees (FTE) up to 50, never less than 1, plus 1 per 10
ordinary employees above 50. Virksomhedspraktik, løntilskud and skånejob use the quota; fleksjob and
ordinary hours never do; skånejob does not while a RAR dispensation is valid.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from math import floor

from django.utils.translation import gettext as _

SKAANEJOB = "skaanejob"


def max_supported(ordinary_fte: Decimal | int | float) -> int:
    fte = Decimal(str(ordinary_fte))
    first = min(fte, Decimal(50))
    above = max(fte - 50, Decimal(0))
    return max(1, floor(first / 5)) + floor(above / 10)


@dataclass(frozen=True)
class RatioStatus:
    max_supported: int
    supported_now: Decimal
    skaanejob_exempt: bool
    # The part of `supported_now` placed by others (e.g. other jobcenters), not through this portal.
    placed_by_others: Decimal = Decimal(0)

    @property
    def headroom(self) -> Decimal:
        return Decimal(self.max_supported) - self.supported_now

    @property
    def can_take_one_more(self) -> bool:
        return self.headroom >= 1

    def blocks(self, placement_type: str, counts_toward_ratio: bool) -> bool:
        """True when the ratio rule stops this placement type from taking one more person now."""
        if not counts_toward_ratio or (placement_type == SKAANEJOB and self.skaanejob_exempt):
            return False
        return not self.can_take_one_more

    def sentence(self) -> str:
        """One Danish sentence for the detail and match pages."""
        people = "støttet person" if self.max_supported == 1 else "støttede personer"
        limit = f"Rimelighedskravet tillader {self.max_supported} {people}"
        now = f"{format_number(self.supported_now)} er i forløb nu"
        if self.placed_by_others > 0:
            now += f" (heraf {format_number(self.placed_by_others)} placeret af andre)"
        if self.can_take_one_more:
            rest = f"så der er plads til {format_number(self.headroom)} mere."
        else:
            rest = "så der er ikke plads til flere i praktik, løntilskud eller skånejob."
        exempt = (
            " Skånejob tæller ikke med, fordi RAR har givet dispensation." if self.skaanejob_exempt else ""
        )
        return f"{limit}; {now}, {rest}{exempt}"


def format_number(value: Decimal | int | float | str) -> str:
    """Danish decimal comma, no trailing zeros: 6 → "6", 12.50 → "12,5", 1.25 → "1,25"."""
    value = Decimal(str(value))
    return (
        str(int(value))
        if value == value.to_integral_value()
        else f"{value:.2f}".rstrip("0").replace(".", ",")
    )


def ratio_status(
    *,
    ordinary_fte: Decimal,
    other_supported_fte: Decimal,
    taken_by_type: Mapping[str, int],
    counting_types: Iterable[str],
    skaanejob_exempt: bool = False,
) -> RatioStatus:
    """`taken_by_type`: this portal's agreed and active placements per placement type code."""
    counting = set(counting_types)
    if skaanejob_exempt:
        counting.discard(SKAANEJOB)
    placed = sum(count for code, count in taken_by_type.items() if code in counting)
    return RatioStatus(
        max_supported=max_supported(ordinary_fte),
        supported_now=Decimal(other_supported_fte) + placed,
        skaanejob_exempt=skaanejob_exempt,
        placed_by_others=Decimal(other_supported_fte),
    )


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
