"""The score in SQL, as an upper bound, so only the few best rows are fetched and scored in Python.

`enterprise_bound(citizen)` annotates each enterprise with the points every component earns that SQL
can compute exactly (challenge areas, support, distance, target group, industry, RSV); the rest
(`UNKNOWN_POINTS`: track record and hours) is added as its maximum. The selectors fetch rows in
bound order and stop once the next bound cannot beat the last of the top 20 — the ranking stays exact.
Distance here is the equirectangular approximation (off by far less than `MARGIN` points within 300 km).
"""

from math import cos, radians

from django.db.models import Case, Count, Exists, F, FloatField, OuterRef, Q, Subquery, Value, When
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce, Greatest, Power, Sqrt

from enterprises.geo import KM_PER_DEGREE
from enterprises.models import Enterprise
from matching.rules import WEIGHTS, CitizenFacts

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
        parts.append(_f(WEIGHTS["challenge_areas"]))
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
        parts.append(_f(WEIGHTS["target_group"] / 2))
    if citizen.preferred_industries:
        parts.append(_if(Q(industry_id__in=sorted(citizen.preferred_industries)), WEIGHTS["industry"]))
    else:
        parts.append(_f(WEIGHTS["industry"] / 2))
    parts.append(_if(Q(rsv_registered=True), WEIGHTS["rsv"]))
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return total
