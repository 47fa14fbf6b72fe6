"""The restore drill (docs/operations.md): deploy/backup, deploy/restore into a fresh database, then the
restored portal works with the kept field-encryption key. PostgreSQL only (pg_dump, pg_restore)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from cryptography.fernet import Fernet
from django.db import connection
from django.test import override_settings

from citizens import services
from citizens.models import CaseNote, Citizen
from portal.core.models import AuditEvent, Postcode, User
from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
KEY = Fernet.generate_key().decode()
CPR = "211062-5629"


def _url(name: str) -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def _admin(sql: str) -> None:
    with psycopg.connect(_url("postgres"), autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture
def fresh_database():
    name = f"{connection.settings_dict['NAME']}_restore"
    _admin(f'DROP DATABASE IF EXISTS "{name}"')
    _admin(f'CREATE DATABASE "{name}"')
    yield name
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
@override_settings(FIELD_ENCRYPTION_KEYS=[KEY], CPR_HASH_KEY="")
@pytest.mark.django_db(transaction=True)
def test_the_restore_drill(reference_data, caseworker, fresh_database, tmp_path):
    if connection.vendor != "postgresql" or not shutil.which("pg_dump") or not shutil.which("gpg"):
        pytest.skip("the drill needs PostgreSQL, pg_dump and gpg")
    postcode = Postcode.objects.get(number="8000")
    citizen = services.citizen_create(
        by=caseworker, cpr=CPR, fields={"first_name": "Mette", "last_name": "Drillesen", "postcode": postcode}
    )
    services.citizen_create(by=caseworker, cpr="010190-1234", fields={"first_name": "Ali", "last_name": "B"})
    CaseNote.objects.create(citizen=citizen, author=caseworker, text="Første samtale i drillen.")
    media = tmp_path / "media"
    (media / "flyer").mkdir(parents=True)
    (media / "flyer" / "logo.png").write_bytes(b"\x89PNG logo")
    before = {
        "users": User.objects.count(),
        "citizens": Citizen.objects.count(),
        "notes": CaseNote.objects.count(),
        "audit": AuditEvent.objects.count(),
    }
    passphrase = tmp_path / "backup.pass"
    passphrase.write_text("en lang og tilfældig adgangssætning til backup\n")
    env = {
        **os.environ,
        "DATABASE_URL": _url(connection.settings_dict["NAME"]),
        "MEDIA_ROOT": str(media),
        "BACKUP_DIR": str(tmp_path / "backups"),
        "BACKUP_PASSPHRASE_FILE": str(passphrase),
    }
    backup = subprocess.run([ROOT / "deploy" / "backup"], env=env, capture_output=True, text=True, check=True)
    stamp = backup.stdout.strip()
    files = sorted(p.name for p in (tmp_path / "backups").iterdir())
    assert files == [f"brobygger-{stamp}.{ext}" for ext in ("dump.gpg", "media.tar.gpg", "sha256")]
    dump = (tmp_path / "backups" / f"brobygger-{stamp}.dump.gpg").read_bytes()
    assert b"Drillesen" not in dump and b"samtale" not in dump  # encrypted at rest

    restored_media = tmp_path / "restored-media"
    restore = subprocess.run(
        [ROOT / "deploy" / "restore", stamp, _url(fresh_database), str(restored_media)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert restore.returncode == 0, restore.stderr
    assert (restored_media / "flyer" / "logo.png").read_bytes() == b"\x89PNG logo"

    probe_env = {**env, "DATABASE_URL": _url(fresh_database), "FIELD_ENCRYPTION_KEYS": KEY, "DEBUG": "1"}
    probe_env.pop("FIELD_ENCRYPTION_KEY", None)
    probe = subprocess.run(
        [
            sys.executable,
            ROOT / "tests" / "deploy" / "restore_probe.py",
            caseworker.username,
            PASSWORD,
            str(citizen.pk),
        ],
        env=probe_env,
        capture_output=True,
        text=True,
    )
    assert probe.returncode == 0, probe.stderr
    result = json.loads(probe.stdout.strip().splitlines()[-1])
    assert result["counts"] == before
    assert result["revealed"] == "211062-5629"
    assert result["verify_audit"].startswith("Loggens hashkæde er intakt")
    assert (result["login_status"], result["home_status"]) == (302, 200)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty(fresh_database, tmp_path):
    if connection.vendor != "postgresql" or not shutil.which("gpg"):
        pytest.skip("needs PostgreSQL and gpg")
    passphrase = tmp_path / "p"
    passphrase.write_text("x" * 20)
    env = {
        **os.environ,
        "DATABASE_URL": _url(connection.settings_dict["NAME"]),
        "BACKUP_DIR": str(tmp_path),
        "BACKUP_PASSPHRASE_FILE": str(passphrase),
    }
    stamp = subprocess.run(
        [ROOT / "deploy" / "backup"], env=env, capture_output=True, text=True
    ).stdout.strip()
    # Restoring twice into the same database: the second time it is not empty and nothing is touched.
    target = _url(fresh_database)
    assert (
        subprocess.run([ROOT / "deploy" / "restore", stamp, target], env=env, capture_output=True).returncode
        == 0
    )
    again = subprocess.run(
        [ROOT / "deploy" / "restore", stamp, target], env=env, capture_output=True, text=True
    )
    assert again.returncode == 2 and "is not empty" in again.stderr
