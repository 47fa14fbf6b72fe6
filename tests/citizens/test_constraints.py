"""Case rules the database says too: an open case has no closing date, and a consent is recorded with
how and when. The migration first reports and repairs rows that break them."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from citizens.models import Citizen

BEFORE = [("citizens", "0004_duplicate_cpr_message")]
AFTER = [("citizens", "0005_consistent_closing_and_consent")]


def test_the_database_refuses_a_consent_without_date(citizen):
    with pytest.raises(IntegrityError), transaction.atomic():
        Citizen.objects.filter(pk=citizen.pk).update(consent_given=True, consent_method="signed")


def test_the_database_refuses_an_open_case_with_a_closing_date(citizen):
    with pytest.raises(IntegrityError), transaction.atomic():
        Citizen.objects.filter(pk=citizen.pk).update(closed_at=datetime.date(2026, 1, 1))


def test_the_migration_reports_and_repairs_cases_before_adding_the_constraints(
    reference_data, caseworker, capsys
):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps
        row = old.get_model("citizens", "Citizen").objects.create(
            jobcenter_id=caseworker.jobcenter_id,
            caseworker_id=caseworker.pk,
            first_name="A",
            last_name="B",
            closed_at=datetime.date(2026, 1, 1),
            consent_given=True,
        )
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        repaired = Citizen.objects.get(pk=row.pk)
        assert (repaired.closed_at, repaired.consent_given) == (None, False)
        out = capsys.readouterr().out
        assert f"citizens [{row.pk}]: open case with a closing date (cleared)" in out
        assert f"citizens [{row.pk}]: consent without method or date (withdrawn)" in out
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
