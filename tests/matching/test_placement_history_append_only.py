"""Placement history is append-only in PostgreSQL itself; the purge is the one writer allowed to blank
the notes of anonymised cases' events."""

import datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from citizens import services as citizen_services
from citizens.models import Citizen
from matching.models import PlacementEvent

from .conftest import make_placement

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the triggers exist on PostgreSQL (SQLite keeps the ORM guard)"
)


def _sql(statement: str, params: list) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)


@postgres_only
def test_raw_sql_cannot_change_or_delete_a_placement_event(citizen, enterprise, caseworker):
    placement = make_placement(citizen=citizen, enterprise=enterprise, by=caseworker, status="contacted")
    event = placement.events.last()
    with pytest.raises(DatabaseError, match="Cannot update or delete"):
        _sql("UPDATE matching_placementevent SET note = 'rewritten' WHERE id = %s", [event.pk])
    with pytest.raises(DatabaseError, match="Cannot update or delete"):
        _sql("DELETE FROM matching_placementevent WHERE id = %s", [event.pk])
    assert PlacementEvent.objects.filter(placement=placement).count() == 2


def test_a_placement_with_history_cannot_be_deleted(citizen, enterprise, caseworker):
    placement = make_placement(citizen=citizen, enterprise=enterprise, by=caseworker)
    with pytest.raises(ProtectedError):
        placement.delete()


def test_the_purge_still_blanks_the_notes_of_anonymised_cases(citizen, enterprise, caseworker):
    placement = make_placement(citizen=citizen, enterprise=enterprise, by=caseworker, status="agreed")
    from matching import services

    services.placement_transition(
        placement=placement,
        to_status="cancelled",
        by=caseworker,
        reason="other",
        note="Mette flytter til Odense",
    )
    long_ago = timezone.localdate() - datetime.timedelta(days=900)
    citizen_services.citizen_close(citizen=citizen, by=caseworker, reason="Flyttet")
    Citizen.objects.filter(pk=citizen.pk).update(closed_at=long_ago)  # closed 900 days ago
    assert citizen_services.citizens_purge_closed(older_than_days=365) == [citizen.pk]
    notes = list(PlacementEvent.objects.filter(placement=placement).values_list("note", flat=True))
    assert len(notes) == 4 and set(notes) == {""}
