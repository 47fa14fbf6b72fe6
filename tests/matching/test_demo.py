"""The demo seed: placements in every status, consistent capacity counts, idempotent."""

from io import StringIO

import pytest
from django.db.models import Count

from enterprises.models import Offer
from matching import demo
from matching.models import Placement, PlacementStatus

from .conftest import make_citizen, make_enterprise

pytestmark = pytest.mark.django_db


def test_it_creates_nothing_without_citizens_and_enterprises(jobcenter):
    demo.seed(stdout=StringIO())
    assert not Placement.objects.exists()


def test_it_seeds_every_status_with_consistent_places_and_is_idempotent(jobcenter, caseworker):
    for i in range(4):
        make_enterprise(name=f"Demo {i}", offers={"virksomhedspraktik": 6, "loentilskud": 2}, fte="60")
    for i in range(16):
        make_citizen(jobcenter=jobcenter, caseworker=caseworker, last_name=f"Demo{i}")
    demo.seed(stdout=StringIO())
    statuses = set(Placement.objects.values_list("status", flat=True))
    assert statuses == set(PlacementStatus.values)
    for offer in Offer.objects.all():
        using = Placement.objects.filter(
            enterprise=offer.enterprise_id,
            placement_type=offer.placement_type_id,
            status__in=["agreed", "active"],
        ).count()
        assert offer.places_taken == using
    every_placement_has_history = Placement.objects.annotate(n=Count("events")).filter(n=0)
    assert not every_placement_has_history.exists()
    count = Placement.objects.count()
    demo.seed(stdout=StringIO())
    assert Placement.objects.count() == count
