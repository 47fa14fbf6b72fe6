"""Candidates: ranked citizens of the user's own jobcenter for an enterprise with a free place.

Same method as the matches page (`matching.selectors`): an SQL prefilter, rows ordered by an SQL
upper bound of their score (`matching.bounds.citizen_bound`), exact scoring a page at a time.
"""

from dataclasses import dataclass
from math import cos, radians

from django.db.models import Case, F, Max, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Abs, Coalesce

from citizens.models import Citizen, CitizenStatus
from enterprises import geo, ratio
from enterprises.models import Enterprise
from matching import bounds, rules
from matching.models import OPEN_STATUSES, Placement
from matching.selectors import (
    CANDIDATE_PAGE,
    TOP_N,
    citizen_codes,
    citizen_facts,
    enterprise_facts,
    evaluate_by_bound,
    placement_types,
)
from portal.core.models import Postcode, User


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
        codes_of = citizen_codes(ids)
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

    evaluated = evaluate_by_bound(
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
    if ratio.applies(info.code, info.counts_toward_ratio, ent.rar_dispensation_valid):
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
