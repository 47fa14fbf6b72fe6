"""Rimelighedskravet (the ratio rule) and the RAR dispensation: the pure rule and its SQL twin, in one
home (docs/domain.md explains the rule).

At most 1 supported person per 5 ordinary employees (FTE) up to 50, never less than 1, plus 1 per 10
ordinary employees above 50. Virksomhedspraktik, løntilskud and skånejob use the quota; fleksjob and
ordinary hours never do; skånejob does not while a RAR dispensation is valid.

Users: the register's "Kun med ledige pladser" filter and the flyer's nearby list
(`Enterprise.objects.with_usable_places`, SQL), the detail page (`Enterprise.offers_with_ratio`),
matching and candidates (`matching.rules.EnterpriseFacts.headroom`) and the transition service
(`matching.services`). tests/enterprises/test_ratio_rule_users.py pins all of them to this module.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from math import floor

from django.db.models import (
    DecimalField,
    ExpressionWrapper,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Floor, Greatest, Least
from django.db.models.lookups import GreaterThanOrEqual, IsNull
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.core.formats import format_number
from portal.core.models import PlacementType

SKAANEJOB = "skaanejob"


# --- The pure rule ---------------------------------------------------------------------------------
def dispensation_valid(until: date | None, on: date | None = None) -> bool:
    """A RAR dispensation is valid through its last day."""
    return bool(until and until >= (on or date.today()))


def max_supported(ordinary_fte: Decimal | int | float) -> int:
    fte = Decimal(str(ordinary_fte))
    first = min(fte, Decimal(50))
    above = max(fte - 50, Decimal(0))
    return max(1, floor(first / 5)) + floor(above / 10)


def applies(placement_type: str, counts_toward_ratio: bool, dispensation: bool) -> bool:
    """Praktik, løntilskud and skånejob use the quota; skånejob not while a RAR dispensation is valid."""
    if not counts_toward_ratio:
        return False
    return not (placement_type == SKAANEJOB and dispensation)


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
        if not applies(placement_type, counts_toward_ratio, self.skaanejob_exempt):
            return False
        return not self.can_take_one_more

    def sentence(self) -> str:
        """One Danish sentence for the detail and match pages."""
        limit = ngettext(
            "Rimelighedskravet tillader %(n)s støttet person",
            "Rimelighedskravet tillader %(n)s støttede personer",
            self.max_supported,
        ) % {"n": self.max_supported}
        now = _("%(n)s er i forløb nu") % {"n": format_number(self.supported_now)}
        if self.placed_by_others > 0:
            now += " " + _("(heraf %(n)s placeret af andre)") % {"n": format_number(self.placed_by_others)}
        if self.can_take_one_more:
            rest = _("så der er plads til %(n)s mere.") % {"n": format_number(self.headroom)}
        else:
            rest = _("så der er ikke plads til flere i praktik, løntilskud eller skånejob.")
        exempt = (
            " " + _("Skånejob tæller ikke med, fordi RAR har givet dispensation.")
            if self.skaanejob_exempt
            else ""
        )
        return f"{limit}; {now}, {rest}{exempt}"


def ratio_status(
    *,
    ordinary_fte: Decimal,
    other_supported_fte: Decimal,
    taken_by_type: Mapping[str, int],
    counting_types: Iterable[str],
    skaanejob_exempt: bool = False,
) -> RatioStatus:
    """`taken_by_type`: this portal's agreed and active placements per placement type code."""
    counting = {code for code in counting_types if applies(code, True, skaanejob_exempt)}
    placed = sum(count for code, count in taken_by_type.items() if code in counting)
    return RatioStatus(
        max_supported=max_supported(ordinary_fte),
        supported_now=Decimal(other_supported_fte) + placed,
        skaanejob_exempt=skaanejob_exempt,
        placed_by_others=Decimal(other_supported_fte),
    )


# --- The SQL twin (SQLite and PostgreSQL) -------------------------------------------------------------
DECIMAL = DecimalField(max_digits=9, decimal_places=2)


def _dec(value: int | str) -> Value:
    return Value(Decimal(value), output_field=DECIMAL)


def dispensation_valid_sql(until, on: date | None = None) -> Q:
    """`dispensation_valid` for a date column or reference (`until`)."""
    # NOT (... AND NULL) would drop the row: test for NULL explicitly.
    return Q(IsNull(until, False)) & Q(GreaterThanOrEqual(until, on or date.today()))


def applies_sql(on: date | None = None) -> Q:
    """`applies` for a subquery on offers whose `OuterRef` is the enterprise."""
    exempt = Q(placement_type_id=SKAANEJOB) & dispensation_valid_sql(OuterRef("rar_dispensation_until"), on)
    return Q(placement_type__counts_toward_ratio=True) & ~exempt


def headroom_sql(offers: QuerySet, on: date | None = None) -> ExpressionWrapper:
    """`RatioStatus.headroom` in SQL, for a subquery on `offers` (the Offer model's queryset) whose
    `OuterRef` is the enterprise."""
    fte = OuterRef("ordinary_staff_fte")
    most = Greatest(_dec(1), Floor(Least(fte, _dec(50)) / _dec(5))) + Floor(
        Greatest(fte - _dec(50), _dec(0)) / _dec(10)
    )
    counting = PlacementType.objects.filter(counts_toward_ratio=True).values("code")
    # OuterRef(OuterRef()): the enterprise itself, without joining it again.
    exempt = Q(placement_type_id=SKAANEJOB) & dispensation_valid_sql(
        OuterRef(OuterRef("rar_dispensation_until")), on
    )
    taken = (
        offers.filter(enterprise_id=OuterRef("enterprise_id"), placement_type_id__in=counting)
        .exclude(exempt)
        .order_by()
        .values(total=Func(F("places_taken"), function="SUM"))  # one row, no GROUP BY
    )
    supported_now = OuterRef("other_supported_fte") + Coalesce(Subquery(taken, output_field=DECIMAL), _dec(0))
    return ExpressionWrapper(most - supported_now, output_field=DECIMAL)
