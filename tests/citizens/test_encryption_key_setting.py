"""FIELD_ENCRYPTION_KEY: required in production, generated once under var/ in development."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READ_KEY = "import portal.settings as s; print(s.FIELD_ENCRYPTION_KEY)"


def _run(env: dict, tmp_path) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in {"FIELD_ENCRYPTION_KEY", "DEBUG"}}
    base.update({"VAR_DIR": str(tmp_path), **env})
    return subprocess.run(
        [sys.executable, "-c", READ_KEY], cwd=ROOT, env=base, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_a_key(tmp_path):
    env = {
        "DEBUG": "0",
        "SECRET_KEY": "x" * 50,
        "DATABASE_URL": "sqlite:///x.db",
        "ALLOWED_HOSTS": "example.dk",
    }
    result = _run(env, tmp_path)
    assert result.returncode != 0 and "FIELD_ENCRYPTION_KEY must be set" in result.stderr
    assert not (tmp_path / "field_encryption.key").exists()


def test_development_generates_a_key_file_once(tmp_path):
    first = _run({"DEBUG": "1"}, tmp_path)
    second = _run({"DEBUG": "1"}, tmp_path)
    key_file = tmp_path / "field_encryption.key"
    assert first.returncode == 0 and key_file.exists()
    assert first.stdout == second.stdout == key_file.read_text().strip() + "\n"
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
