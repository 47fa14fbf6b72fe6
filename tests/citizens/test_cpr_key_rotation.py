"""CPR key rotation: FIELD_ENCRYPTION_KEYS (newest first), CPR_HASH_KEY and `manage.py rotate_cpr_key`,
run online while a case worker creates and reveals citizens."""

import random
import threading
from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from citizens import cpr as cprlib
from citizens import selectors, services
from citizens.models import Citizen
from portal.core.models import AuditEvent, Postcode

from .conftest import next_cpr

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()
HASH_KEY = "ny-søgenøgle-" + "x" * 32


def _create(user, n: int) -> list[tuple[int, str]]:
    postcode = Postcode.objects.get(number="8000")
    made = []
    for _ in range(n):
        number = next_cpr()
        citizen = services.citizen_create(
            by=user, cpr=number, fields={"first_name": "Mette", "last_name": "Jensen", "postcode": postcode}
        )
        made.append((citizen.pk, cprlib.normalise(number)))
    return made


def _rotate(*args: str) -> str:
    out = StringIO()
    call_command("rotate_cpr_key", *args, stdout=out)
    return out.getvalue()


def _everything_holds(user, citizens: list[tuple[int, str]], *, search_keys: list[str]) -> None:
    """Every row decrypts with the newest key alone, and every number is found by an exact search."""
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW]):
        stored = dict(Citizen.objects.values_list("pk", "cpr_encrypted"))
        for pk, number in citizens:
            assert cprlib.decrypt(stored[pk]) == number
    with override_settings(FIELD_ENCRYPTION_KEYS=search_keys):
        for pk, number in citizens:
            assert [c.pk for c in selectors.citizen_cpr_search(user=user, cpr=number)] == [pk]


@override_settings(FIELD_ENCRYPTION_KEYS=[OLD], CPR_HASH_KEY="")
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_rotation_is_online_while_citizens_are_created_and_revealed(reference_data, caseworker):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (SQLite's test database locks whole tables)")
    before = _create(caseworker, 120)
    during: list[tuple[int, str]] = []
    errors: list[str] = []
    stop = threading.Event()

    def case_worker_at_work() -> None:
        try:
            while not stop.is_set():
                during.extend(_create(caseworker, 1))
                pk, number = random.choice(before)
                shown = services.citizen_reveal_cpr(citizen=Citizen.objects.get(pk=pk), by=caseworker)
                if shown != cprlib.format_cpr(number):
                    errors.append(f"citizen {pk} revealed {shown!r}")
        except Exception as exc:  # noqa: BLE001 - any failure of the case worker fails the test below
            errors.append(repr(exc))
        finally:
            connection.close()

    # The operator's steps (docs/operations.md): new key in front, rotate; new hash key, rehash.
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW, OLD]):
        worker = threading.Thread(target=case_worker_at_work)
        worker.start()
        try:
            output = _rotate("--batch-size", "10")
            with override_settings(CPR_HASH_KEY=HASH_KEY):
                rehashed = _rotate("--rehash", "--batch-size", "10")
        finally:
            stop.set()
            worker.join()
    assert errors == []
    assert len(during) > 0
    assert "[##############################] 100 %" in output
    assert "CPR-numre kontrolleret" in output and "søgenøgle beregnet igen" in rehashed
    with override_settings(CPR_HASH_KEY=HASH_KEY):
        _everything_holds(caseworker, before + during, search_keys=[NEW])
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD]), pytest.raises(ValueError):
        cprlib.decrypt(Citizen.objects.get(pk=before[0][0]).cpr_encrypted)  # the old key alone: no longer


@override_settings(FIELD_ENCRYPTION_KEYS=[OLD], CPR_HASH_KEY="")
def test_a_rerun_skips_the_rows_an_interrupted_run_finished(db, caseworker, reference_data):
    citizens = _create(caseworker, 30)
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW, OLD]):
        # An interrupted run: the first 12 rows were rotated before it stopped.
        for pk, _number in citizens[:12]:
            row = Citizen.objects.get(pk=pk)
            Citizen.objects.filter(pk=pk).update(cpr_encrypted=cprlib.reencrypt(row.cpr_encrypted))
        output = _rotate("--batch-size", "7")
        assert "30 CPR-numre kontrolleret, 18 krypteret igen" in output
        assert "(gennemløb: 18, 0)" in output
        assert "30 CPR-numre kontrolleret, 0 krypteret igen" in _rotate()
    # The hash key is still derived from the oldest key, so searches need it until a rehash.
    _everything_holds(caseworker, citizens, search_keys=[NEW, OLD])
    events = AuditEvent.objects.filter(action="cpr_key_rotation").order_by("id")
    assert [e.detail.get("changed") for e in events] == [None, 18, None, 0]


@override_settings(FIELD_ENCRYPTION_KEYS=[OLD], CPR_HASH_KEY="")
def test_rehash_moves_searches_to_the_new_hash_key(db, caseworker, reference_data):
    citizens = _create(caseworker, 15)
    old_hashes = set(Citizen.objects.values_list("cpr_hash", flat=True))
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW, OLD], CPR_HASH_KEY=HASH_KEY):
        # Before the rehash, and while it runs, a search matches the old hashes too.
        assert selectors.citizen_cpr_search(user=caseworker, cpr=citizens[0][1]).count() == 1
        _rotate()
        assert "15 CPR-numre kontrolleret, 15 søgenøgle beregnet igen" in _rotate("--rehash")
        assert old_hashes.isdisjoint(Citizen.objects.values_list("cpr_hash", flat=True))
    # With the old encryption key gone (so no hash key derived from it), every search still finds.
    with override_settings(CPR_HASH_KEY=HASH_KEY):
        _everything_holds(caseworker, citizens, search_keys=[NEW])


@override_settings(FIELD_ENCRYPTION_KEYS=[OLD], CPR_HASH_KEY="")
def test_a_duplicate_cpr_is_refused_while_the_old_hashes_are_still_stored(db, caseworker, reference_data):
    [(_pk, number)] = _create(caseworker, 1)
    new_keys = override_settings(FIELD_ENCRYPTION_KEYS=[NEW, OLD], CPR_HASH_KEY=HASH_KEY)
    with new_keys, pytest.raises(ValidationError) as refused:
        services.citizen_create(by=caseworker, cpr=number, fields={"first_name": "Anden", "last_name": "Sag"})
    assert "cpr" in refused.value.message_dict
    assert Citizen.objects.count() == 1


@override_settings(FIELD_ENCRYPTION_KEYS=[OLD], CPR_HASH_KEY="")
def test_rehash_without_a_new_hash_key_changes_nothing(db, caseworker, reference_data):
    _create(caseworker, 2)
    before = list(Citizen.objects.values_list("cpr_hash", flat=True))
    with pytest.raises(CommandError, match="Sæt CPR_HASH_KEY"):
        _rotate("--rehash")
    assert list(Citizen.objects.values_list("cpr_hash", flat=True)) == before


def test_one_key_setting_is_read_as_a_list_and_the_hash_key_defaults_to_the_oldest(settings):
    settings.FIELD_ENCRYPTION_KEYS, settings.CPR_HASH_KEY = [OLD], ""
    one_key_hash = cprlib.lookup_hash("2110625629")
    settings.FIELD_ENCRYPTION_KEYS = [NEW, OLD]
    assert cprlib.lookup_hash("2110625629") == one_key_hash  # existing hashes stay valid during rotation
    assert cprlib.is_current(cprlib.encrypt("2110625629"))
