"""The data migration back-fills subject rows for events written before the subject table existed."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("portal", "0008_audit_subject_and_append_only")]
AFTER = [("portal", "0009_backfill_audit_subjects")]


@pytest.fixture(autouse=True)
def _back_to_the_latest_schema():
    """Later migrations (any app) were unapplied with BEFORE: apply every leaf again afterwards, so the
    tests that follow see the whole schema."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_events_get_subject_rows_from_their_target_and_listed_ids(reference_data):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    AuditEvent = old.get_model("portal", "AuditEvent")
    viewed = AuditEvent.objects.create(action="citizen_view", target_type="citizen", target_id=11)
    listed = AuditEvent.objects.create(action="citizen_list", detail={"ids": [11, 12, 13], "page": 1})
    both = AuditEvent.objects.create(
        action="placement_view", target_type="citizen", target_id=14, detail={"ids": [14, 15]}
    )
    other = AuditEvent.objects.create(action="enterprise_update", target_type="enterprise", target_id=11)
    odd = AuditEvent.objects.create(action="citizen_list", detail={"ids": ["x", True, None]})
    login = AuditEvent.objects.create(action="login")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    AuditSubject = new.get_model("portal", "AuditSubject")
    rows = set(AuditSubject.objects.values_list("event_id", "citizen_id"))
    assert rows == {
        (viewed.pk, 11),
        (listed.pk, 11),
        (listed.pk, 12),
        (listed.pk, 13),
        (both.pk, 14),
        (both.pk, 15),
    }
    assert not {other.pk, odd.pk, login.pk} & {event for event, _ in rows}
