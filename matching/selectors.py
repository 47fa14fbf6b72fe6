"""Reads for matching: ranked enterprises for a citizen, ranked citizens for an enterprise.

Both prefilter in SQL (bounding box, active, offered types with free places), order the rows by an
SQL upper bound of their score (`matching.bounds`) and score them in Python with `matching.rules` a
page at a time, until no later row can reach the top: the exact top 20, fetching every related fact
in one query per kind and page.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from math import cos, radians
from typing import TypeVar

from django.db.models import Case, Count, Exists, F, Max, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Abs, Coalesce
from django.utils import timezone

from citizens.models import Citizen, CitizenStatus
from enterprises import geo
from enterprises.models import Enterprise, EnterpriseStatus, Offer
from matching import bounds, rules
from matching.models import GOOD_OUTCOMES, OPEN_STATUSES, Placement, PlacementStatus
from portal.models import PlacementType, Postcode, User

T = TypeVar("T")

TOP_N = 20
EXCLUDED_SHOWN = 50
# Rows scored in Python per round of the bound-ordered ranking. A citizen's bound misses only the
# hours, so the top 20 candidates are usually settled within the first 40 rows (bench: 23-37).
POOL_PAGE = 150
CANDIDATE_PAGE = 50


@dataclass
class MatchResult:
    ranked: list[rules.Match]
    excluded: list[rules.Match] = field(default_factory=list)
    excluded_total: int = 0
    types: list[rules.TypeInfo] = field(default_factory=list)
    max_km: int = 0
    open_enterprise_ids: set[int] = field(default_factory=set)


def placement_types() -> dict[str, rules.TypeInfo]:
    return {
        t.code: rules.TypeInfo(t.code, t.label, t.counts_toward_ratio)
        for t in PlacementType.objects.order_by("sort_order")
    }


CITIZEN_CODES = (
    ("wanted_placement_types", "placementtype_id"),
    ("challenge_areas", "challengearea_id"),
    ("preferred_industries", "industry_id"),
)


def _citizen_codes(ids: list[int]) -> dict[str, dict[int, set[str]]]:
    """{relation: {citizen id: codes}} straight from the three link tables (three queries)."""
    result: dict[str, dict[int, set[str]]] = {}
    for relation, column in CITIZEN_CODES:
        through = getattr(Citizen, relation).through
        codes: dict[int, set[str]] = defaultdict(set)
        for citizen_id, code in through.objects.filter(citizen_id__in=ids).values_list("citizen_id", column):
            codes[citizen_id].add(code)
        result[relation] = codes
    return result


def citizen_facts(
    citizen: Citizen, codes: dict[str, dict[int, set[str]]] | None = None
) -> rules.CitizenFacts:
    """Needs `postcode` selected, and either `codes` from `_citizen_codes` or the three M2M sets
    prefetched (see `citizens_for_matching`)."""
    if codes is None:
        mine = {
            "wanted_placement_types": {t.pk for t in citizen.wanted_placement_types.all()},
            "challenge_areas": {c.pk for c in citizen.challenge_areas.all()},
            "preferred_industries": {i.pk for i in citizen.preferred_industries.all()},
        }
    else:
        mine = {relation: codes[relation].get(citizen.pk, set()) for relation, _column in CITIZEN_CODES}
    postcode = citizen.postcode
    return rules.CitizenFacts(
        latitude=postcode.latitude if postcode else None,
        longitude=postcode.longitude if postcode else None,
        max_travel_km=citizen.max_travel_km,
        hours_per_week=citizen.hours_per_week,
        wanted_types=frozenset(mine["wanted_placement_types"]),
        challenge_areas=frozenset(mine["challenge_areas"]),
        target_group=citizen.target_group_id,
        needs_social_support=citizen.needs_social_support,
        needs_mentor=citizen.needs_mentor,
        preferred_industries=frozenset(mine["preferred_industries"]),
    )


def citizens_for_matching(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("postcode", "jobcenter", "caseworker").prefetch_related(
        "wanted_placement_types", "challenge_areas", "preferred_industries"
    )


def track_records(enterprise_ids) -> dict[int, tuple[int, int]]:
    """{enterprise id: (finished, into job or education)} in one aggregated query."""
    rows = (
        Placement.objects.filter(enterprise_id__in=enterprise_ids, status=PlacementStatus.COMPLETED)
        .values("enterprise_id")
        .annotate(finished=Count("id"), good=Count("id", filter=Q(outcome__in=GOOD_OUTCOMES)))
    )
    return {row["enterprise_id"]: (row["finished"], row["good"]) for row in rows}


ENTERPRISE_FIELDS = (
    "id",
    "name",
    "status",
    "postcode__latitude",
    "postcode__longitude",
    "industry_id",
    "rsv_registered",
    "has_social_staff",
    "has_mentor",
    "has_job_coach",
    "flexible_hours",
    "min_hours_per_week",
    "ordinary_staff_fte",
    "other_supported_fte",
    "rar_dispensation_until",
)


def enterprise_facts(queryset: QuerySet) -> list[rules.EnterpriseFacts]:
    """Facts for every enterprise in `queryset`: five queries, whatever the number of rows."""
    rows = list(queryset.values(*ENTERPRISE_FIELDS))
    ids = [row["id"] for row in rows]
    offers: dict[int, dict[str, rules.OfferFacts]] = defaultdict(dict)
    challenges: dict[int, set[str]] = defaultdict(set)
    groups: dict[int, set[str]] = defaultdict(set)
    if ids:
        for offer in Offer.objects.filter(enterprise_id__in=ids).values(
            "enterprise_id", "placement_type_id", "places", "places_taken", "hours_min", "hours_max"
        ):
            offers[offer["enterprise_id"]][offer["placement_type_id"]] = rules.OfferFacts(
                offer["placement_type_id"],
                offer["places"],
                offer["places_taken"],
                offer["hours_min"],
                offer["hours_max"],
            )
        through = Enterprise.challenge_areas.through
        for eid, code in through.objects.filter(enterprise_id__in=ids).values_list(
            "enterprise_id", "challengearea_id"
        ):
            challenges[eid].add(code)
        through = Enterprise.target_groups.through
        for eid, code in through.objects.filter(enterprise_id__in=ids).values_list(
            "enterprise_id", "targetgroup_id"
        ):
            groups[eid].add(code)
    records = track_records(ids) if ids else {}
    today = timezone.localdate()
    return [
        rules.EnterpriseFacts(
            id=row["id"],
            name=row["name"],
            active=row["status"] == EnterpriseStatus.ACTIVE,
            latitude=row["postcode__latitude"],
            longitude=row["postcode__longitude"],
            offers=offers[row["id"]],
            challenge_areas=frozenset(challenges[row["id"]]),
            target_groups=frozenset(groups[row["id"]]),
            has_social_staff=row["has_social_staff"],
            has_mentor=row["has_mentor"],
            has_job_coach=row["has_job_coach"],
            flexible_hours=row["flexible_hours"],
            min_hours_per_week=row["min_hours_per_week"],
            industry=row["industry_id"],
            rsv_registered=row["rsv_registered"],
            ordinary_staff_fte=row["ordinary_staff_fte"] or Decimal(0),
            other_supported_fte=row["other_supported_fte"] or Decimal(0),
            rar_dispensation_valid=bool(
                row["rar_dispensation_until"] and row["rar_dispensation_until"] >= today
            ),
            finished_placements=records.get(row["id"], (0, 0))[0],
            good_outcomes=records.get(row["id"], (0, 0))[1],
        )
        for row in rows
    ]


def _types_for(citizen: rules.CitizenFacts, wanted: str | None, all_types: dict) -> list[rules.TypeInfo]:
    if wanted and wanted in all_types:
        return [all_types[wanted]]
    codes = citizen.wanted_types or set(all_types)
    return [info for code, info in all_types.items() if code in codes]


def match_enterprises(
    *,
    citizen: Citizen,
    placement_type: str | None = None,
    max_km: int | None = None,
    show_excluded: bool = False,
    limit: int = TOP_N,
) -> MatchResult:
    """Top `limit` enterprises for a citizen, and (on request) nearby enterprises that fail a hard rule."""
    facts = citizen_facts(citizen)
    all_types = placement_types()
    types = _types_for(facts, placement_type, all_types)
    max_km = max_km or facts.max_travel_km
    counting = {code for code, info in all_types.items() if info.counts_toward_ratio}
    open_ids = set(Placement.objects.open().filter(citizen=citizen).values_list("enterprise_id", flat=True))
    result = MatchResult(ranked=[], types=types, max_km=max_km, open_enterprise_ids=open_ids)
    if facts.latitude is None or not types:
        return result
    min_lat, max_lat, min_lon, max_lon = geo.bounding_box(facts.latitude, facts.longitude, max_km)
    nearby = Enterprise.objects.filter(
        postcode__latitude__range=(min_lat, max_lat), postcode__longitude__range=(min_lon, max_lon)
    )
    free = Offer.objects.filter(
        enterprise=OuterRef("pk"), placement_type_id__in=[t.code for t in types], places__gt=F("places_taken")
    )
    eligible = Q(Exists(free), status=EnterpriseStatus.ACTIVE)
    result.ranked, failed = _rank_pruned(facts, nearby.filter(eligible), types, counting, max_km, limit)
    if show_excluded:
        ineligible = nearby.exclude(status=EnterpriseStatus.ARCHIVED).exclude(eligible)
        km = bounds.approx_km("postcode__latitude", "postcode__longitude", facts.latitude, facts.longitude)
        nearest = ineligible.alias(km=km).order_by("km", "pk")[:EXCLUDED_SHOWN]
        result.excluded_total = ineligible.count() + len(failed)
        failed += [rules.evaluate(facts, e, types, counting, max_km) for e in enterprise_facts(nearest)]
        failed.sort(key=lambda m: (m.km if m.km is not None else 1e9, m.enterprise.name))
        result.excluded = failed[:EXCLUDED_SHOWN]
    return result


def _rank_pruned(
    facts: rules.CitizenFacts,
    candidates: QuerySet,
    types: list[rules.TypeInfo],
    counting: set[str],
    max_km: int,
    limit: int,
) -> tuple[list[rules.Match], list[rules.Match]]:
    """Exact top `limit` enterprises by score. Returns (ranked, evaluated but excluded)."""
    ordered = list(
        candidates.annotate(bound=bounds.enterprise_bound(facts, max_km))
        .order_by("-bound", "pk")
        .values_list("pk", "bound")
    )

    def evaluate(ids: list[int]) -> list[rules.Match]:
        page = enterprise_facts(Enterprise.objects.filter(pk__in=ids))
        return [rules.evaluate(facts, e, types, counting, max_km) for e in page]

    evaluated = _evaluate_by_bound(
        ordered,
        evaluate,
        top=lambda matches: rules.rank(matches, limit),
        score=lambda match: match.score,
        limit=limit,
        unknown_points=bounds.ENTERPRISE_UNKNOWN_POINTS,
        page_size=POOL_PAGE,
    )
    return rules.rank(evaluated, limit), [m for m in evaluated if m.excluded]


def _evaluate_by_bound(
    ordered: list[tuple[int, float]],
    evaluate: Callable[[list[int]], list[T]],
    *,
    top: Callable[[list[T]], list[T]],
    score: Callable[[T], int],
    limit: int,
    unknown_points: float,
    page_size: int,
) -> list[T]:
    """Evaluate rows page by page in order of their SQL upper bound (`ordered`: (pk, bound), best
    first) until the next bound plus the points SQL cannot know cannot beat the last of the top
    `limit`. Everything evaluated is returned; `top` ranks it exactly like scoring every row would."""
    evaluated: list[T] = []
    for start in range(0, len(ordered), page_size):
        evaluated += evaluate([pk for pk, _bound in ordered[start : start + page_size]])
        following = start + page_size
        if following >= len(ordered):
            break
        best = top(evaluated)
        if len(best) >= limit and ordered[following][1] + unknown_points < score(best[-1]):
            break
    return evaluated


@dataclass
class Candidate:
    citizen: Citizen
    match: rules.Match
    already_open: bool = False


def match_citizens(
    *, enterprise: Enterprise, user: User, placement_type: str | None = None, limit: int = TOP_N
) -> list[Candidate]:
    """Citizens of the user's own jobcenter who would match this enterprise, ranked the same way.

    SQL keeps active citizens within their own travel distance (bounding box) who want an offered
    type with a free place (and rimelighedskrav headroom) and can work its hours; it orders them by an
    upper bound of their score (`bounds.citizen_bound`), and they are scored in Python page by page
    until no later citizen can reach the top: the exact top `limit` of scoring every citizen.
    """
    (ent,) = enterprise_facts(Enterprise.objects.filter(pk=enterprise.pk)) or (None,)
    if ent is None or not ent.active:
        return []
    all_types = placement_types()
    counting = {code for code, info in all_types.items() if info.counts_toward_ratio}
    offered = [code for code, offer in ent.offers.items() if _has_room(ent, offer, all_types, counting)]
    if placement_type:
        offered = [code for code in offered if code == placement_type]
    if not offered:
        return []
    pool = _candidate_pool(ent, offered, user)
    ordered = list(
        pool.annotate(bound=bounds.citizen_bound(ent)).order_by("-bound", "pk").values_list("pk", "bound")
    )
    open_here = set(
        Placement.objects.filter(enterprise_id=ent.id, status__in=OPEN_STATUSES).values_list(
            "citizen_id", flat=True
        )
    )

    def evaluate(ids: list[int]) -> list[Candidate]:
        citizens = Citizen.objects.filter(pk__in=ids).select_related("postcode", "caseworker")
        codes_of = _citizen_codes(ids)
        found = []
        for citizen in citizens:
            facts = citizen_facts(citizen, codes_of)
            types = [all_types[c] for c in offered if not facts.wanted_types or c in facts.wanted_types]
            if not types:
                continue
            match = rules.evaluate(facts, ent, types, counting, facts.max_travel_km)
            if not match.excluded:
                found.append(Candidate(citizen, match, already_open=citizen.pk in open_here))
        return found

    def top(candidates: list[Candidate]) -> list[Candidate]:
        key = lambda c: (-c.match.score, c.match.km or 0, c.citizen.last_name, c.citizen.pk)  # noqa: E731
        return sorted(candidates, key=key)[:limit]

    evaluated = _evaluate_by_bound(
        ordered,
        evaluate,
        top=top,
        score=lambda candidate: candidate.match.score,
        limit=limit,
        unknown_points=bounds.CITIZEN_UNKNOWN_POINTS,
        page_size=CANDIDATE_PAGE,
    )
    return top(evaluated)


def _has_room(
    ent: rules.EnterpriseFacts, offer: rules.OfferFacts, all_types: dict, counting: set[str]
) -> bool:
    """Free places and, where the rimelighedskrav applies, headroom: the hard rules every citizen
    would fail together, checked once here instead of for each citizen."""
    info = all_types.get(offer.placement_type)
    if info is None or offer.places_free < 1:
        return False
    if rules.ratio_applies(info.code, info.counts_toward_ratio, ent.rar_dispensation_valid):
        return ent.headroom(counting) >= 1
    return True


def _candidate_pool(ent: rules.EnterpriseFacts, offered: list[str], user: User) -> QuerySet:
    """Open citizens of the user's jobcenter within their own travel distance (bounding box) who want
    an offered type (or any type) and can work the fewest hours one of the offered types asks."""
    citizens_here = Citizen.objects.filter(jobcenter_id=user.jobcenter_id).exclude(
        status=CitizenStatus.CLOSED
    )
    reach = citizens_here.aggregate(km=Max("max_travel_km"))["km"] or 0
    min_lat, max_lat, min_lon, max_lon = geo.bounding_box(ent.latitude, ent.longitude, reach)
    # The postcodes anyone could travel from (a short list) steer PostgreSQL to the postcode index.
    postcodes = list(
        Postcode.objects.filter(
            latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon)
        ).values_list("number", flat=True)
    )
    lat_km = Abs(F("postcode__latitude") - ent.latitude) * geo.KM_PER_DEGREE
    lon_km = Abs(F("postcode__longitude") - ent.longitude) * geo.KM_PER_DEGREE * cos(radians(ent.latitude))
    # 1 if the citizen wants an offered type, 0 if only others, NULL if no wish (any type will do); one
    # lookup per row, where `EXISTS(...) OR NOT EXISTS(...)` would hash the whole link table twice.
    wants_offered = Subquery(
        Citizen.wanted_placement_types.through.objects.filter(citizen_id=OuterRef("pk"))
        .values("citizen_id")
        .annotate(hit=Max(Case(When(placementtype_id__in=offered, then=Value(1)), default=Value(0))))
        .values("hit")
    )
    pool = (
        citizens_here.filter(postcode_id__in=postcodes)
        .alias(lat_km=lat_km, lon_km=lon_km, wants_offered=Coalesce(wants_offered, 1))
        .filter(lat_km__lte=F("max_travel_km"), lon_km__lte=F("max_travel_km"), wants_offered=1)
    )
    minimums = [rules.offered_min_hours(ent.offers[code], ent) for code in offered]
    if not ent.flexible_hours and None not in minimums:
        pool = pool.filter(Q(hours_per_week__isnull=True) | Q(hours_per_week__gte=min(minimums)))
    return pool
