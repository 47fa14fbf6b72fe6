"""The audit log is append-only in the database itself (PostgreSQL triggers), not only in the ORM:
raw SQL cannot change or delete an event or its subject rows; `prune_audit` still can."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from portal.core.audit import audit_log
from portal.core.models import AuditAction, AuditEvent, AuditSubject
from tests.audit_helpers import backdate_event

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the triggers exist on PostgreSQL (SQLite keeps the ORM guard)"
)


def _sql(statement: str, params: list) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.fixture
def event(db, caseworker) -> AuditEvent:
    return audit_log(action=AuditAction.CITIZEN_LIST, user=caseworker, detail={"ids": [7, 8]})


def test_one_event_writes_one_subject_row_per_citizen_named(event, caseworker):
    about = audit_log(action=AuditAction.CITIZEN_VIEW, user=caseworker, target=None, citizens=[9])
    assert sorted(event.subjects.values_list("citizen_id", flat=True)) == [7, 8]
    assert list(about.subjects.values_list("citizen_id", flat=True)) == [9]
    login = audit_log(action=AuditAction.LOGIN, user=caseworker)
    assert not login.subjects.exists()


@postgres_only
def test_raw_sql_cannot_change_an_event(event):
    with pytest.raises(DatabaseError, match="Cannot update or delete"):
        _sql("UPDATE portal_auditevent SET actor_label = 'someone else' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).actor_label == "sara"


@postgres_only
def test_raw_sql_cannot_delete_an_event_or_its_subjects(event):
    with pytest.raises(DatabaseError, match="Cannot update or delete"):
        _sql("DELETE FROM portal_auditsubject WHERE event_id = %s", [event.pk])
    with pytest.raises(DatabaseError, match="Cannot update or delete"):
        _sql("UPDATE portal_auditsubject SET citizen_id = 1 WHERE event_id = %s", [event.pk])
    with pytest.raises(DatabaseError):  # refused by the trigger (or the subject rows' foreign key)
        _sql("DELETE FROM portal_auditevent WHERE id = %s", [event.pk])
    assert AuditSubject.objects.filter(event=event).count() == 2


def test_prune_audit_deletes_old_events_with_their_subject_rows(event, caseworker):
    young = audit_log(action=AuditAction.CITIZEN_VIEW, user=caseworker, citizens=[7])
    backdate_event(event, timezone.now() - datetime.timedelta(days=500))
    call_command("prune_audit", "--batch-size", "1", stdout=StringIO())
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [young.pk]
    assert list(AuditSubject.objects.values_list("event_id", "citizen_id")) == [(young.pk, 7)]


def test_prune_audit_works_in_batches(db, caseworker):
    old = timezone.now() - datetime.timedelta(days=500)
    for n in range(7):
        backdate_event(audit_log(action=AuditAction.CITIZEN_VIEW, user=caseworker, citizens=[n + 1]), old)
    out = StringIO()
    call_command("prune_audit", "--batch-size", "3", stdout=out)
    assert "7 loghændelser" in out.getvalue()
    assert not AuditEvent.objects.exists() and not AuditSubject.objects.exists()


def test_users_and_jobcenters_with_history_cannot_be_deleted(event, caseworker):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        caseworker.delete()
    with pytest.raises(ProtectedError):
        caseworker.jobcenter.delete()
