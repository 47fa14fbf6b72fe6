"""Test-only ways past the log's append-only triggers, to put events in the past."""

import datetime

import pgtrigger

from portal.core.models import AuditEvent


def backdate_event(event: AuditEvent, when: datetime.datetime) -> None:
    """`at` is set by the database on insert; tests that need old events move it afterwards."""
    with pgtrigger.ignore("portal.AuditEvent:audit_event_append_only"):
        AuditEvent.objects.filter(pk=event.pk).update(at=when)
    event.at = when
