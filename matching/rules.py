"""Pure matching rules: the hard rules and the weighted score (status machine: `matching/status.py`).

No database here. Selectors turn rows into the small fact records below; tests pin every function.
Each rule and score component returns a `Check` (points, Danish reason, ok, state: met / partial /
no data / miss) so the page can explain it with ✓, – or ✗.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from enterprises import ratio
from enterprises.geo import haversine_km
from portal.core.formats import format_fixed, format_number


# --- Facts ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class OfferFacts:
    placement_type: str
    places: int
    places_taken: int
    hours_min: int | None = None
    hours_max: int | None = None

    @property
    def places_free(self) -> int:
        return max(0, self.places - self.places_taken)


@dataclass(frozen=True)
class CitizenFacts:
    latitude: float | None
    longitude: float | None
    max_travel_km: int = 20
    hours_per_week: int | None = None
    wanted_types: frozenset[str] = frozenset()
    challenge_areas: frozenset[str] = frozenset()
    target_group: str | None = None
    needs_social_support: bool = False
    needs_mentor: bool = False
    preferred_industries: frozenset[str] = frozenset()


@dataclass(frozen=True)
class EnterpriseFacts:
    id: int
    name: str
    active: bool
    latitude: float
    longitude: float
    offers: Mapping[str, OfferFacts] = field(default_factory=dict)
    challenge_areas: frozenset[str] = frozenset()
    target_groups: frozenset[str] = frozenset()
    has_social_staff: bool = False
    has_mentor: bool = False
    has_job_coach: bool = False
    flexible_hours: bool = False
    min_hours_per_week: int | None = None
    industry: str | None = None
    rsv_registered: bool = False
    ordinary_staff_fte: Decimal = Decimal("0")
    other_supported_fte: Decimal = Decimal("0")
    rar_dispensation_valid: bool = False
    finished_placements: int = 0
    good_outcomes: int = 0

    def headroom(self, counting_types: Iterable[str]) -> Decimal:
        status = ratio.ratio_status(
            ordinary_fte=self.ordinary_staff_fte,
            other_supported_fte=self.other_supported_fte,
            taken_by_type={code: offer.places_taken for code, offer in self.offers.items()},
            counting_types=counting_types,
            skaanejob_exempt=self.rar_dispensation_valid,
        )
        return status.headroom


# How a check is shown: ✓ met (full points), – partial or no data to compare with, ✗ a real miss.
MET, PARTIAL, NO_DATA, MISS = "met", "partial", "no_data", "miss"


@dataclass(frozen=True)
class Check:
    """`ok`: a hard rule passes (or a score component is not a miss). `state`: how the page shows it;
    when not given it follows `ok` (met or miss), which is what every hard rule wants."""

    points: float
    reason: str
    ok: bool
    state: str = ""

    def __post_init__(self) -> None:
        if not self.state:
            object.__setattr__(self, "state", MET if self.ok else MISS)


def _met(points: float, reason: str) -> Check:
    return Check(points, reason, True, MET)


def _partial(points: float, reason: str) -> Check:
    return Check(points, reason, True, PARTIAL)


def _no_data(points: float, reason: str) -> Check:
    return Check(points, reason, True, NO_DATA)


def _miss(reason: str) -> Check:
    return Check(0, reason, False, MISS)


# --- Hard rules (an enterprise failing one is not ranked) ------------------------------------------------
def rule_active(enterprise: EnterpriseFacts) -> Check:
    if enterprise.active:
        return Check(0, "Virksomheden er aktiv", True)
    return Check(0, "Virksomheden tager ikke imod borgere lige nu (pause eller arkiveret)", False)


def rule_offers_type(enterprise: EnterpriseFacts, placement_type: str, type_label: str) -> Check:
    if placement_type in enterprise.offers:
        return Check(0, f"Tilbyder {type_label.lower()}", True)
    return Check(0, f"Tilbyder ikke {type_label.lower()}", False)


def rule_free_places(offer: OfferFacts) -> Check:
    free = offer.places_free
    if free >= 1:
        return Check(0, f"{free} ledig{'e' if free != 1 else ''} plads{'er' if free != 1 else ''}", True)
    return Check(0, "Ingen ledige pladser", False)


def rule_headroom(headroom: Decimal, applies: bool) -> Check:
    if not applies:
        return Check(0, "Rimelighedskravet gælder ikke for denne forløbstype", True)
    if headroom >= 1:
        return Check(0, f"Plads i rimelighedskravet ({format_number(headroom)})", True)
    return Check(0, "Rimelighedskravet er opbrugt", False)


def rule_distance(km: float | None, max_km: int) -> Check:
    if km is None:
        return Check(0, "Borgerens postnummer mangler, så afstanden kan ikke beregnes", False)
    if km <= max_km:
        return Check(0, f"{format_fixed(km)} km (højst {max_km} km)", True)
    return Check(0, f"{format_fixed(km)} km er længere end borgerens {max_km} km", False)


def offered_min_hours(offer: OfferFacts, enterprise: EnterpriseFacts) -> int | None:
    return offer.hours_min if offer.hours_min is not None else enterprise.min_hours_per_week


def rule_hours(citizen_hours: int | None, offer: OfferFacts, enterprise: EnterpriseFacts) -> Check:
    """Overlap: the citizen can work at least the fewest hours the enterprise offers."""
    minimum = offered_min_hours(offer, enterprise)
    if citizen_hours is None or minimum is None:
        return Check(0, "Timetal passer", True)
    if citizen_hours >= minimum or enterprise.flexible_hours:
        return Check(0, "Timetal passer", True)
    return Check(0, f"Kræver mindst {minimum} timer om ugen, borgeren kan {citizen_hours}", False)


# --- Score components (weights in ONE place) ------------------------------------------------------------
WEIGHTS: dict[str, int] = {
    "challenge_areas": 30,  # the strongest signal: they know what it takes for exactly these citizens
    "support": 15,
    "distance": 15,
    "target_group": 10,
    "industry": 10,
    "track_record": 10,
    "hours": 5,
    "rsv": 5,
}
TRACK_RECORD_MIN_FINISHED = 3
# A component the citizen gives nothing to compare with earns half its weight: it neither lifts the
# citizen above those the enterprise fits well nor drops them below those it fits badly.
NEUTRAL_SHARE = 0.5


def score_challenge_areas(citizen: CitizenFacts, enterprise: EnterpriseFacts) -> Check:
    weight = WEIGHTS["challenge_areas"]
    wanted = citizen.challenge_areas
    if not wanted:
        return _no_data(weight * NEUTRAL_SHARE, "Borgeren har ingen registrerede udfordringer")
    hits = len(wanted & enterprise.challenge_areas)
    points = weight * hits / len(wanted)
    if hits == len(wanted):
        return _met(points, "Erfaring med alle borgerens udfordringer")
    if hits:
        return _partial(points, f"Erfaring med {hits} af borgerens {len(wanted)} udfordringer")
    return _miss("Ingen erfaring med borgerens udfordringer")


def score_target_group(citizen: CitizenFacts, enterprise: EnterpriseFacts) -> Check:
    weight = WEIGHTS["target_group"]
    if not citizen.target_group:
        return _no_data(weight * NEUTRAL_SHARE, "Borgerens målgruppe er ikke angivet")
    if citizen.target_group in enterprise.target_groups:
        return _met(weight, "Arbejder med borgerens målgruppe")
    return _miss("Arbejder ikke med borgerens målgruppe")


def score_support(citizen: CitizenFacts, enterprise: EnterpriseFacts) -> Check:
    weight = WEIGHTS["support"]
    needs = []
    if citizen.needs_social_support:
        needs.append(enterprise.has_social_staff)
    if citizen.needs_mentor:
        needs.append(enterprise.has_mentor or enterprise.has_job_coach)
    if not needs:
        return _met(weight, "Borgeren har ikke brug for særlig støtte")
    met = sum(needs)
    if met == len(needs):
        return _met(weight, "Har den støtte på stedet, borgeren har brug for")
    if met:
        return _partial(weight * met / len(needs), "Har en del af den støtte, borgeren har brug for")
    return _miss("Mangler den støtte på stedet, borgeren har brug for")


def score_industry(citizen: CitizenFacts, enterprise: EnterpriseFacts) -> Check:
    weight = WEIGHTS["industry"]
    if not citizen.preferred_industries:
        return _no_data(weight * NEUTRAL_SHARE, "Borgeren har ingen brancheønsker")
    if enterprise.industry in citizen.preferred_industries:
        return _met(weight, "I en branche, borgeren ønsker")
    return _miss("Ikke i en branche, borgeren ønsker")


def score_distance(km: float, max_km: int) -> Check:
    """Closer is better: full points at 0 km, none at the citizen's maximum.

    Within the maximum it is never a miss (the hard rule already passed), only a partial score."""
    weight = WEIGHTS["distance"]
    share = max(0.0, 1 - km / max_km) if max_km > 0 else 0.0
    reason = f"{format_fixed(km)} km væk"
    if km > max_km:
        return _miss(reason)
    if share >= 1:
        return _met(weight, reason)
    return _partial(weight * share, reason)


def score_hours(citizen_hours: int | None, offer: OfferFacts, enterprise: EnterpriseFacts) -> Check:
    weight = WEIGHTS["hours"]
    if citizen_hours is None:
        return _no_data(weight * NEUTRAL_SHARE, "Borgerens timetal er ikke angivet")
    low = offered_min_hours(offer, enterprise) or 0
    high = offer.hours_max
    if low <= citizen_hours and (high is None or citizen_hours <= high):
        return _met(weight, "Timetallet passer til borgeren")
    if enterprise.flexible_hours:
        return _met(weight, "Fleksible arbejdstider")
    return _partial(weight / 2, "Timetallet passer delvist")


def score_rsv(enterprise: EnterpriseFacts) -> Check:
    if enterprise.rsv_registered:
        return _met(WEIGHTS["rsv"], "Registreret socialøkonomisk virksomhed (RSV)")
    return _miss("Ikke RSV-registreret")


def score_track_record(finished: int, good: int) -> Check:
    weight = WEIGHTS["track_record"]
    if finished < TRACK_RECORD_MIN_FINISHED:
        return _no_data(weight * NEUTRAL_SHARE, f"For få afsluttede forløb til at vurdere ({finished})")
    share = good / finished
    reason = f"{round(share * 100)} % af {finished} afsluttede forløb endte i job eller uddannelse"
    if share >= 1:
        return _met(weight, reason)
    if share > 0:
        return _partial(weight * share, reason)
    return _miss(reason)


# --- Putting it together ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class TypeInfo:
    code: str
    label: str
    counts_toward_ratio: bool


@dataclass
class Match:
    enterprise: EnterpriseFacts
    placement_type: TypeInfo
    km: float | None
    places_free: int
    headroom: Decimal | None
    score: int = 0
    components: list[tuple[str, Check]] = field(default_factory=list)
    failed: list[Check] = field(default_factory=list)

    @property
    def excluded(self) -> bool:
        return bool(self.failed)


def evaluate(
    citizen: CitizenFacts,
    enterprise: EnterpriseFacts,
    types: list[TypeInfo],
    counting_types: Iterable[str],
    max_km: int,
) -> Match:
    """The best placement type at this enterprise for this citizen: a ranked match or an exclusion."""
    counting = set(counting_types)
    km = None
    if citizen.latitude is not None and citizen.longitude is not None:
        km = haversine_km(citizen.latitude, citizen.longitude, enterprise.latitude, enterprise.longitude)
    first_failure: Match | None = None
    for info in types:
        failed = [
            c
            for c in (rule_active(enterprise), rule_offers_type(enterprise, info.code, info.label))
            if not c.ok
        ]
        offer = enterprise.offers.get(info.code)
        headroom = None
        if offer is not None:
            applies = ratio.applies(info.code, info.counts_toward_ratio, enterprise.rar_dispensation_valid)
            headroom = enterprise.headroom(counting) if applies else None
            failed += [
                c
                for c in (
                    rule_free_places(offer),
                    rule_headroom(headroom if headroom is not None else Decimal(0), applies),
                    rule_hours(citizen.hours_per_week, offer, enterprise),
                )
                if not c.ok
            ]
        distance = rule_distance(km, max_km)
        if not distance.ok:
            failed.append(distance)
        match = Match(
            enterprise=enterprise,
            placement_type=info,
            km=km,
            places_free=offer.places_free if offer else 0,
            headroom=headroom,
            failed=failed,
        )
        if not failed:
            return score(match, citizen, offer, max_km)
        first_failure = first_failure or match
    assert first_failure is not None, "evaluate() needs at least one placement type"
    return first_failure


def score(match: Match, citizen: CitizenFacts, offer: OfferFacts, max_km: int) -> Match:
    enterprise = match.enterprise
    match.components = [
        ("challenge_areas", score_challenge_areas(citizen, enterprise)),
        ("support", score_support(citizen, enterprise)),
        ("distance", score_distance(match.km or 0.0, max_km)),
        ("target_group", score_target_group(citizen, enterprise)),
        ("industry", score_industry(citizen, enterprise)),
        ("track_record", score_track_record(enterprise.finished_placements, enterprise.good_outcomes)),
        ("hours", score_hours(citizen.hours_per_week, offer, enterprise)),
        ("rsv", score_rsv(enterprise)),
    ]
    match.score = round(sum(check.points for _key, check in match.components))
    return match


def rank(matches: Iterable[Match], limit: int = 20) -> list[Match]:
    """Best score first; ties by distance, then name (stable and explainable)."""
    ranked = [m for m in matches if not m.excluded]
    ranked.sort(key=lambda m: (-m.score, m.km if m.km is not None else 1e9, m.enterprise.name))
    return ranked[:limit]
