"""The score in SQL, as an upper bound, so only the few best rows are fetched and scored in Python.

`enterprise_bound(citizen)` annotates each enterprise with the points every component earns that SQL
can compute exactly (challenge areas, support, distance, target group, industry, RSV); the rest
(`ENTERPRISE_UNKNOWN_POINTS`: track record and hours) is added as its maximum. `citizen_bound(enterprise)`
does the same for each citizen row, for the candidates page (`CITIZEN_UNKNOWN_POINTS`: hours, which
depend on the placement type chosen). The selectors fetch rows in bound order and stop once the next
bound cannot beat the last of the top 20 — the ranking stays exact. Distance here is the
equirectangular approximation (off by far less than `MARGIN` points within 300 km).
"""

from math import cos, radians

from django.db.models import Case, Count, Exists, F, FloatField, Max, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.expressions import Combinable
from django.db.models.functions import Cast, Coalesce, Greatest, Power, Sqrt

from citizens.models import Citizen
from enterprises.geo import KM_PER_DEGREE
from enterprises.models import Enterprise
from matching import rules
from matching.rules import NEUTRAL_SHARE, WEIGHTS, CitizenFacts, EnterpriseFacts

MARGIN = 1.0  # rounding of the final score and the distance approximation
ENTERPRISE_UNKNOWN_POINTS = WEIGHTS["track_record"] + WEIGHTS["hours"] + MARGIN
CITIZEN_UNKNOWN_POINTS = WEIGHTS["hours"] + MARGIN


def _f(value: float) -> Value:
    return Value(float(value), output_field=FloatField())


def _if(condition: Q | Exists, points: float) -> Case:
    return Case(When(condition, then=_f(points)), default=_f(0), output_field=FloatField())


def approx_km(lat_field: str, lon_field: str, lat: float, lon: float) -> Combinable:
    return _f(KM_PER_DEGREE) * Sqrt(
        Power(F(lat_field) - _f(lat), 2) + Power((F(lon_field) - _f(lon)) * _f(cos(radians(lat))), 2)
    )


def enterprise_bound(citizen: CitizenFacts, max_km: int) -> Combinable:
    """Upper bound of the score of each enterprise row for this citizen."""
    parts: list[Combinable] = []
    wanted = sorted(citizen.challenge_areas)
    if wanted:
        hits = (
            Enterprise.challenge_areas.through.objects.filter(
                enterprise_id=OuterRef("pk"), challengearea_id__in=wanted
            )
            .values("enterprise_id")
            .annotate(n=Count("*"))
            .values("n")
        )
        parts.append(
            _f(WEIGHTS["challenge_areas"] / len(wanted))
            * Coalesce(Subquery(hits), 0, output_field=FloatField())
        )
    else:
        parts.append(_f(WEIGHTS["challenge_areas"] * NEUTRAL_SHARE))
    needs = []
    if citizen.needs_social_support:
        needs.append(Q(has_social_staff=True))
    if citizen.needs_mentor:
        needs.append(Q(has_mentor=True) | Q(has_job_coach=True))
    if needs:
        parts += [_if(need, WEIGHTS["support"] / len(needs)) for need in needs]
    else:
        parts.append(_f(WEIGHTS["support"]))
    if citizen.latitude is not None:
        km = approx_km("postcode__latitude", "postcode__longitude", citizen.latitude, citizen.longitude)
        parts.append(_f(WEIGHTS["distance"]) * Greatest(_f(0), _f(1) - km / _f(max_km)))
    if citizen.target_group:
        serves = Enterprise.target_groups.through.objects.filter(
            enterprise_id=OuterRef("pk"), targetgroup_id=citizen.target_group
        )
        parts.append(_if(Exists(serves), WEIGHTS["target_group"]))
    else:
        parts.append(_f(WEIGHTS["target_group"] * NEUTRAL_SHARE))
    if citizen.preferred_industries:
        parts.append(_if(Q(industry_id__in=sorted(citizen.preferred_industries)), WEIGHTS["industry"]))
    else:
        parts.append(_f(WEIGHTS["industry"] * NEUTRAL_SHARE))
    parts.append(_if(Q(rsv_registered=True), WEIGHTS["rsv"]))
    return _sum(parts)


def _sum(parts: list[Combinable]) -> Combinable:
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return total


def _hits_per_citizen(relation: str, column: str, codes: list[str], share: bool) -> Combinable:
    """Per citizen row: the share (or, with `share=False`, whether any) of its `relation` codes that
    are in `codes`; NULL when the citizen has none at all."""
    through = getattr(Citizen, relation).through
    rows = through.objects.filter(citizen_id=OuterRef("pk")).values("citizen_id")
    hit = Case(When(**{f"{column}__in": codes or [""]}, then=_f(1)), default=_f(0), output_field=FloatField())
    value = Sum(hit) / Cast(Count("*"), FloatField()) if share else Max(hit)
    return Subquery(rows.annotate(value=value).values("value"), output_field=FloatField())


def citizen_bound(enterprise: EnterpriseFacts) -> Combinable:
    """Upper bound of the score of each citizen row for this enterprise (hours: their maximum).

    The points of each case a row can be in come from `matching.rules` itself, so the bound cannot
    drift from the score."""

    def points(component, **citizen) -> float:
        return component(CitizenFacts(None, None, **citizen), enterprise).points

    other = "\N{REPLACEMENT CHARACTER}"  # a code no enterprise has
    parts: list[Combinable] = []
    known = _hits_per_citizen("challenge_areas", "challengearea_id", sorted(enterprise.challenge_areas), True)
    parts.append(
        Coalesce(
            _f(WEIGHTS["challenge_areas"]) * known,
            _f(points(rules.score_challenge_areas)),
            output_field=FloatField(),
        )
    )
    support = [
        When(
            Q(needs_social_support=social, needs_mentor=mentor),
            then=_f(points(rules.score_support, needs_social_support=social, needs_mentor=mentor)),
        )
        for social in (False, True)
        for mentor in (False, True)
    ]
    parts.append(Case(*support, default=_f(WEIGHTS["support"]), output_field=FloatField()))
    km = approx_km("postcode__latitude", "postcode__longitude", enterprise.latitude, enterprise.longitude)
    # A citizen who travels 0 km scores no distance points; dividing by 1 km instead only raises the bound.
    reach = Greatest(Cast(F("max_travel_km"), FloatField()), _f(1))
    parts.append(_f(WEIGHTS["distance"]) * Greatest(_f(0), _f(1) - km / reach))
    parts.append(
        Case(
            When(target_group_id__isnull=True, then=_f(points(rules.score_target_group))),
            When(
                target_group_id__in=sorted(enterprise.target_groups) or [other],
                then=_f(WEIGHTS["target_group"]),
            ),
            default=_f(points(rules.score_target_group, target_group=other)),
            output_field=FloatField(),
        )
    )
    liked = _hits_per_citizen("preferred_industries", "industry_id", [enterprise.industry or other], False)
    hit = points(rules.score_industry, preferred_industries=frozenset({enterprise.industry or other}))
    miss = points(rules.score_industry, preferred_industries=frozenset({other}))
    parts.append(
        Coalesce(
            _f(miss) + _f(hit - miss) * liked,
            _f(points(rules.score_industry)),
            output_field=FloatField(),
        )
    )
    record = rules.score_track_record(enterprise.finished_placements, enterprise.good_outcomes)
    parts.append(_f(record.points + rules.score_rsv(enterprise).points))
    return _sum(parts)
