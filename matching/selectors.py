"""Reads for matching: ranked enterprises for a citizen (candidates for an enterprise: `candidates.py`).

Both prefilter in SQL (bounding box, active, offered types with free places), order the rows by an
SQL upper bound of their score (`matching.bounds`) and score them in Python with `matching.rules` a
page at a time, until no later row can reach the top: the exact top 20, fetching every related fact
in one query per kind and page.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from citizens.models import Citizen
from enterprises import geo, ratio
from enterprises.models import Enterprise, EnterpriseStatus, Offer
from matching import bounds, rules
from matching.models import GOOD_OUTCOMES, Placement, PlacementStatus
from portal.core.models import PlacementType

T = TypeVar("T")

TOP_N = 20
EXCLUDED_SHOWN = 50
# Rows scored in Python per round of the bound-ordered ranking. A citizen's bound misses only the
# hours, so the top 20 candidates are usually settled within the first 40 rows (bench: 23-37).
POOL_PAGE = 150
CANDIDATE_PAGE = 50  # used by matching.candidates


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


def citizen_codes(ids: list[int]) -> dict[str, dict[int, set[str]]]:
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
    """Needs `postcode` selected, and either `codes` from `citizen_codes` or the three M2M sets
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
            rar_dispensation_valid=ratio.dispensation_valid(row["rar_dispensation_until"], today),
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

    evaluated = evaluate_by_bound(
        ordered,
        evaluate,
        top=lambda matches: rules.rank(matches, limit),
        score=lambda match: match.score,
        limit=limit,
        unknown_points=bounds.ENTERPRISE_UNKNOWN_POINTS,
        page_size=POOL_PAGE,
    )
    return rules.rank(evaluated, limit), [m for m in evaluated if m.excluded]


def evaluate_by_bound(
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
