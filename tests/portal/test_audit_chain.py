"""The audit log's hash chain: written at insert, verified by `manage.py verify_audit`, kept by pruning."""

import datetime
import threading
from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import RequestFactory
from django.utils import timezone

from portal.core.audit import audit_log
from portal.core.audit_chain import lock_chain, seal
from portal.core.models import AuditChainAnchor, AuditEvent


def _log(n: int, **kwargs) -> list[AuditEvent]:
    return [
        audit_log(action="citizen_view", actor_label=f"user{i}", detail={"i": i}, **kwargs) for i in range(n)
    ]


def _old_event(days_ago: int) -> AuditEvent:
    event = AuditEvent(
        action="login", actor_label="old", at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    with transaction.atomic():
        lock_chain()
        seal(event)
        event.save(force_insert=True)
    return event


def _verify() -> str:
    out = StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue()


def _tamper(sql: str, params: list) -> None:
    """What an intruder with database access could do: switch off the append-only guard and edit."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE waits for no deferred checks
            cursor.execute("ALTER TABLE portal_auditevent DISABLE TRIGGER USER")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE portal_auditevent ENABLE TRIGGER USER")


def test_an_untouched_log_verifies(db):
    # An IPv6 address in capitals is stored normalised: the hash is over what is stored.
    request = RequestFactory().get("/", REMOTE_ADDR="2001:DB8::1")
    request.user = AnonymousUser()
    _log(5, request=request)
    assert AuditEvent.objects.filter(ip="2001:db8::1").count() == 5
    assert _verify() == "Loggens hashkæde er intakt: 5 hændelser kontrolleret.\n"


def test_it_names_exactly_the_altered_row(db):
    events = _log(6)
    _tamper("UPDATE portal_auditevent SET actor_label = %s WHERE id = %s", ["someone-else", events[3].pk])
    with pytest.raises(CommandError, match=rf"brudt ved hændelse #{events[3].pk} ") as failure:
        _verify()
    assert "3 hændelser før den er i orden" in str(failure.value)


def test_a_deleted_row_breaks_the_link_after_it(db):
    events = _log(4)
    _tamper("DELETE FROM portal_auditevent WHERE id = %s", [events[1].pk])
    with pytest.raises(CommandError, match=rf"#{events[2].pk} "):
        _verify()


def test_an_altered_detail_or_time_is_caught(db):
    events = _log(3)
    _tamper(
        "UPDATE portal_auditevent SET at = at - interval '1 second' WHERE id = %s"
        if connection.vendor == "postgresql"
        else "UPDATE portal_auditevent SET at = '2020-01-01 00:00:00' WHERE id = %s",
        [events[0].pk],
    )
    with pytest.raises(CommandError, match=rf"#{events[0].pk} "):
        _verify()


def test_pruning_keeps_the_last_pruned_hash_as_anchor(db):
    old = [_old_event(500), _old_event(450)]
    young = _log(3)
    call_command("prune_audit", stdout=StringIO())
    assert list(AuditEvent.objects.order_by("id").values_list("id", flat=True)) == [e.pk for e in young]
    anchor = AuditChainAnchor.objects.get()
    assert (anchor.pruned_through_id, anchor.chain_hash) == (old[-1].pk, old[-1].chain_hash)
    assert _verify() == "Loggens hashkæde er intakt: 3 hændelser kontrolleret.\n"
    _log(1)  # new events link on after the pruned ones as before
    assert "4 hændelser" in _verify()


def test_pruning_never_cuts_the_chain_in_the_middle(db):
    """An old-dated event after a young one stays (with the young one): the rest must still verify."""
    first_old = _old_event(500)
    young = _log(1)[0]
    late_old = _old_event(450)
    call_command("prune_audit", stdout=StringIO())
    assert list(AuditEvent.objects.order_by("id").values_list("id", flat=True)) == [young.pk, late_old.pk]
    assert AuditChainAnchor.objects.get().pruned_through_id == first_old.pk
    assert "2 hændelser" in _verify()


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_chain():
    if connection.vendor != "postgresql":
        pytest.skip("the advisory lock is PostgreSQL's (run with DATABASE_URL)")
    errors: list[Exception] = []

    def writer(n: int) -> None:
        try:
            for i in range(15):
                audit_log(action="citizen_view", actor_label=f"t{n}", detail={"i": i})
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert _verify() == "Loggens hashkæde er intakt: 120 hændelser kontrolleret.\n"
