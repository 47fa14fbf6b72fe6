"""Why number one is first: each score component's points out of its weight, and the sum (pure).

The score is `round(sum of exact points)` (matching/rules.py, pinned to its SQL bound). The shown
whole points are apportioned by largest remainder so they add up to exactly that score, each within
one point of its exact value.
"""

from dataclasses import dataclass
from math import floor

from django.utils.translation import gettext_lazy as _

from matching.rules import WEIGHTS, Check

LABELS = {
    "challenge_areas": _("Erfaring med borgerens udfordringer"),
    "support": _("Støtte på stedet"),
    "distance": _("Afstand"),
    "target_group": _("Borgerens målgruppe"),
    "industry": _("Branche"),
    "track_record": _("Tidligere forløb"),
    "hours": _("Timetal"),
    "rsv": _("Registreret socialøkonomisk (RSV)"),
}


@dataclass(frozen=True)
class ScoreLine:
    key: str
    label: str
    points: int
    weight: int
    check: Check


def apportion(exact: list[float]) -> list[int]:
    """Whole numbers that sum to round(sum(exact)), each floor or ceil of its exact value."""
    if not exact:
        return []
    target = round(sum(exact))
    shown = [floor(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (-(exact[i] - shown[i]), i))
    for i in by_remainder[: max(0, target - sum(shown))]:
        shown[i] += 1
    return shown


def score_lines(components: list[tuple[str, Check]]) -> list[ScoreLine]:
    shown = apportion([check.points for _key, check in components])
    return [
        ScoreLine(key, str(LABELS.get(key, key)), points, WEIGHTS.get(key, 0), check)
        for (key, check), points in zip(components, shown, strict=True)
    ]
