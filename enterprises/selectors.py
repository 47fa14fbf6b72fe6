"""Reads of the register: list search with filters and sorting, one enterprise for its page."""

from dataclasses import dataclass

from django.db.models import Count, ExpressionWrapper, F, FloatField, Prefetch, Q, QuerySet
from django.http import QueryDict

from enterprises.filters import EnterpriseFilter, SortForm
from enterprises.geo import KM_PER_DEGREE, bounding_box, haversine_km, longitude_scale
from enterprises.models import CorrectionSuggestion, Enterprise, EnterpriseStatus, Offer
from enterprises.visibility import archived_access
from portal.core.access import can_curate_register
from portal.core.collation import danish
from portal.core.models import Jobcenter, Postcode, User


def name_order(descending: bool = False):
    """Names in Danish order (… X Y Z Æ Ø Å) where PostgreSQL has the ICU collation."""
    expr = danish("name")
    return expr.desc() if descending else expr.asc()


def enterprises_visible_to(user: User) -> QuerySet:
    return Enterprise.objects.visible_to(user)


def with_list_related(queryset: QuerySet) -> QuerySet:
    """What a list row shows, in a constant number of queries."""
    return queryset.select_related("postcode", "municipality").prefetch_related(
        Prefetch("offers", queryset=Offer.objects.select_related("placement_type"))
    )


@dataclass
class EnterpriseSearch:
    filterset: EnterpriseFilter
    sort_form: SortForm
    queryset: QuerySet
    sort: str
    origin: Postcode | None
    filtered: QuerySet  # the filters and the radius, unsorted
    no_home: bool = False  # distance is the default, but the user's jobcenter has no postcode

    def count(self) -> int:
        """Counted without the sort's annotations and joins."""
        return self.filtered.order_by().count()


def _home_postcode(user: User) -> Postcode | None:
    if not user.jobcenter_id:
        return None
    return Postcode.objects.filter(
        pk=Jobcenter.objects.filter(pk=user.jobcenter_id).values("postcode")[:1]
    ).first()


def _distance2(origin: Postcode) -> ExpressionWrapper:
    """Squared equirectangular distance in degrees of latitude (see geo.longitude_scale)."""
    scale = longitude_scale(origin.latitude)
    return ExpressionWrapper(
        (F("postcode__latitude") - origin.latitude) * (F("postcode__latitude") - origin.latitude)
        + (F("postcode__longitude") - origin.longitude)
        * (F("postcode__longitude") - origin.longitude)
        * (scale * scale),
        output_field=FloatField(),
    )


def _within(queryset: QuerySet, origin: Postcode, km: int) -> QuerySet:
    min_lat, max_lat, min_lon, max_lon = bounding_box(origin.latitude, origin.longitude, km)
    return (
        queryset.filter(
            postcode__latitude__range=(min_lat, max_lat), postcode__longitude__range=(min_lon, max_lon)
        )
        .alias(distance2=_distance2(origin))
        .filter(distance2__lte=(km / KM_PER_DEGREE) ** 2)
    )


def enterprise_search(*, user: User, params: QueryDict) -> EnterpriseSearch:
    """The filtered, sorted list for `user` (archived entries only for admins).

    Users of a jobcenter start with the nearest first, measured from the jobcenter's postcode (name
    order when it has none); another postcode, another order or a radius can be chosen.
    """
    filterset = EnterpriseFilter(
        params, queryset=enterprises_visible_to(user), can_see_archived=can_curate_register(user)
    )
    queryset = filterset.qs  # invalid filter values are ignored field by field
    home = _home_postcode(user)
    sort_form = SortForm(params, home=home)
    sort_form.is_valid()  # an unknown postcode is shown as the field's error
    data = getattr(sort_form, "cleaned_data", {})
    wants_distance = (data.get("sort") or ("distance" if user.jobcenter_id else "name")) == "distance"
    # An unknown postcode is the field's error; nothing is measured from elsewhere behind its back.
    origin = None if "from_postcode" in sort_form.errors else (data.get("from_postcode") or home)
    sort = "distance" if wants_distance and origin is not None else (data.get("sort") or "name")
    if sort == "distance" and origin is None:
        sort = "name"
    if origin is not None and data.get("within"):
        queryset = _within(queryset, origin, data["within"])
    filtered = queryset
    if sort == "distance":
        queryset = queryset.alias(d2=_distance2(origin)).order_by("d2", name_order(), "pk")
    elif sort == "verified":
        queryset = queryset.order_by(F("last_verified_at").desc(nulls_last=True), name_order(), "pk")
    else:
        queryset = queryset.order_by(name_order(), "pk")
    no_home = wants_distance and user.jobcenter_id is not None and home is None and origin is None
    shown_origin = origin if sort == "distance" or data.get("within") else None
    return EnterpriseSearch(filterset, sort_form, queryset, sort, shown_origin, filtered, no_home)


def distance_km(enterprise: Enterprise, origin: Postcode | None) -> float | None:
    if origin is None:
        return None
    return haversine_km(
        origin.latitude, origin.longitude, enterprise.postcode.latitude, enterprise.postcode.longitude
    )


def enterprises_readable_by(user: User) -> QuerySet:
    """What the detail page may show: the visible ones, plus archived ones the user still works with
    (enterprises/visibility.py). Lists keep using `enterprises_visible_to`."""
    if can_curate_register(user):
        return Enterprise.objects.all()
    return Enterprise.objects.filter(
        ~Q(status=EnterpriseStatus.ARCHIVED) | (Q(status=EnterpriseStatus.ARCHIVED) & archived_access(user))
    )


def enterprise_for_page(*, user: User, queryset: QuerySet | None = None) -> QuerySet:
    """Everything the detail page shows, for `get_scoped_or_404`."""
    queryset = queryset if queryset is not None else enterprises_readable_by(user)
    return (
        queryset.select_related("postcode", "municipality__region", "industry__section", "verified_by")
        .prefetch_related(
            Prefetch("offers", queryset=Offer.objects.select_related("placement_type")),
            "contacts",
            "challenge_areas",
            "target_groups",
        )
        .annotate(open_corrections=Count("corrections", filter=Q(corrections__status="open")))
    )


def open_corrections() -> QuerySet:
    return (
        CorrectionSuggestion.objects.open()
        .select_related("enterprise__postcode", "suggested_by__jobcenter")
        .order_by("created_at", "id")
    )


def resolved_corrections() -> QuerySet:
    """Handled suggestions, most recently handled first, with the reply and who handled them."""
    return (
        CorrectionSuggestion.objects.exclude(status="open")
        .select_related("enterprise__postcode", "suggested_by__jobcenter", "resolved_by")
        .order_by("-resolved_at", "-id")
    )


def corrections_suggested_by(*, user: User, enterprise: Enterprise) -> list[CorrectionSuggestion]:
    """The user's own suggestions for one enterprise, newest first, so they see the outcome."""
    return list(
        CorrectionSuggestion.objects.filter(enterprise=enterprise, suggested_by=user)
        .select_related("resolved_by")
        .order_by("-created_at", "-id")[:20]
    )
