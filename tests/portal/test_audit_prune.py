"""`manage.py prune_audit`: deletes old events in bulk, never keeps less than six months."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from portal.core.models import AuditEvent
from tests.audit_helpers import backdate_event


def _event(days_ago: int) -> AuditEvent:
    event = AuditEvent.objects.create(action="citizen_view", actor_label="x")
    backdate_event(event, timezone.now() - datetime.timedelta(days=days_ago))
    return event


def test_it_deletes_exactly_the_events_older_than_the_limit(db):
    old, young = _event(401), _event(399)
    out = StringIO()
    call_command("prune_audit", stdout=out)  # default: AUDIT_RETENTION_DAYS = 400
    assert "1 loghændelse ældre end 400 dage er slettet." in out.getvalue()
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [young.pk]
    assert not AuditEvent.objects.filter(pk=old.pk).exists()


def test_it_refuses_less_than_six_months(db):
    _event(200)
    with pytest.raises(CommandError, match="mindst 183 dage"):
        call_command("prune_audit", "--older-than-days", "100", stdout=StringIO())
    assert AuditEvent.objects.count() == 1


def test_a_dry_run_deletes_nothing(db):
    _event(300)
    out = StringIO()
    call_command("prune_audit", "--older-than-days", "183", "--dry-run", stdout=out)
    assert out.getvalue().startswith("1 loghændelse er ældre") and AuditEvent.objects.count() == 1


def test_single_events_still_refuse_deletion(db):
    with pytest.raises(ValidationError):
        _event(1).delete()
