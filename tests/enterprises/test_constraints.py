"""Rules the database says too: an offer never has fewer places than are taken. The migration that
adds the constraint first reports and repairs rows that break it."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from enterprises.models import Enterprise, Offer
from tests.enterprises.conftest import make_enterprise

BEFORE = [("enterprises", "0003_postgres_search_indexes")]
AFTER = [("enterprises", "0004_offer_places_cover_taken")]


def test_the_database_refuses_fewer_places_than_taken(db):
    offer = make_enterprise(offers={"virksomhedspraktik": 2}).offers.get()
    Offer.objects.filter(pk=offer.pk).update(places_taken=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Offer.objects.filter(pk=offer.pk).update(places=1)


def test_the_database_refuses_an_unknown_status(db):
    enterprise = make_enterprise()
    with pytest.raises(IntegrityError), transaction.atomic():
        Enterprise.objects.filter(pk=enterprise.pk).update(status="deleted")


def test_the_migration_reports_and_repairs_offers_before_adding_the_constraint(reference_data, capsys):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps
        enterprise = old.get_model("enterprises", "Enterprise").objects.create(
            cvr="12345674", name="Gammel", postcode_id="8000", municipality_id="751"
        )
        offer = old.get_model("enterprises", "Offer").objects.create(
            enterprise=enterprise, placement_type_id="virksomhedspraktik", places=1, places_taken=3
        )
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        # The model as of AFTER: later migrations add columns the current model would select.
        after = executor.loader.project_state(AFTER).apps.get_model("enterprises", "Offer")
        assert after.objects.get(pk=offer.pk).places == 3
        assert "CVR 12345674, virksomhedspraktik: places 1 < taken 3; set to 3" in capsys.readouterr().out
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
