"""Ten caseworkers agree the last place at the same moment: exactly one succeeds (PostgreSQL only)."""

import threading
import time

import pytest
from django.db import connection

from enterprises.models import Offer
from matching import services
from matching.models import Placement
from portal.core.models import Jobcenter, Municipality, Role, User

from .conftest import make_citizen, make_enterprise, make_placement

THREADS = 10


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_only_one_of_ten_simultaneous_agreements_gets_the_last_place(reference_data, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    # Widen the race window: every thread dawdles between its capacity check and its commit.
    check = services._check_capacity

    def slow_check(**kwargs):
        check(**kwargs)
        time.sleep(0.2)

    monkeypatch.setattr(services, "_check_capacity", slow_check)
    jobcenter = Jobcenter.objects.create(name="Jobcenter Aarhus")
    jobcenter.municipalities.set(Municipality.objects.filter(code="751"))
    user = User.objects.create_user(username="sara", password="x", role=Role.CASEWORKER, jobcenter=jobcenter)
    enterprise = make_enterprise(offers={"virksomhedspraktik": 1}, fte="50")
    placements = [
        make_placement(
            citizen=make_citizen(jobcenter=jobcenter, caseworker=user),
            enterprise=enterprise,
            by=user,
            status="contacted",
        )
        for _ in range(THREADS)
    ]
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def agree(placement: Placement) -> None:
        try:
            connection.ensure_connection()
            barrier.wait()
            services.placement_transition(placement=placement, to_status="agreed", by=user)
            result = "ok"
        except services.PlacementError:
            result = "refused"
        except Exception as exc:  # a deadlock or anything else would show up here
            result = f"error: {exc!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=agree, args=(p,)) for p in placements]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["ok"] + ["refused"] * (THREADS - 1)
    assert Placement.objects.filter(status="agreed").count() == 1
    assert Offer.objects.get(enterprise=enterprise).places_taken == 1
