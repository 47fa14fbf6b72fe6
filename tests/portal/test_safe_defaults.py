"""Safe by default: without DEBUG=1 the settings are production's, and production refuses what is
only fit for development (the committed key, the demo logins)."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command

from portal.core.models import User

ROOT = Path(__file__).resolve().parents[2]
SHOW = (
    "import json, portal.settings as s; print(json.dumps({'debug': s.DEBUG, 'proxy': "
    "getattr(s, 'SECURE_PROXY_SSL_HEADER', None), 'email_timeout': s.EMAIL_TIMEOUT, "
    "'ssl_redirect': getattr(s, 'SECURE_SSL_REDIRECT', False)}))"
)
PRODUCTION = {
    "SECRET_KEY": "a-real-random-production-key-" + "k" * 30,
    "DATABASE_URL": "sqlite:///x.db",
    "ALLOWED_HOSTS": "brobygger.example.dk",
    "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
}


def _settings(env: dict, tmp_path) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "BEHIND_TLS_PROXY"}}
    base.update({"VAR_DIR": str(tmp_path), **env})
    return subprocess.run([sys.executable, "-c", SHOW], cwd=ROOT, env=base, capture_output=True, text=True)


def test_without_debug_set_the_settings_are_production_and_demand_a_secret_key(tmp_path):
    result = _settings({}, tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_by_default_with_no_trusted_proxy_and_a_10_second_mail_timeout(tmp_path):
    result = _settings(PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "debug": False,
        "proxy": None,
        "email_timeout": 10,
        "ssl_redirect": True,
    }


def test_behind_tls_proxy_trusts_x_forwarded_proto_only_when_set(tmp_path):
    result = _settings({**PRODUCTION, "BEHIND_TLS_PROXY": "1"}, tmp_path)
    assert json.loads(result.stdout)["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_production_refuses_the_development_secret_key(tmp_path):
    from django.conf import settings

    result = _settings({**PRODUCTION, "SECRET_KEY": settings.DEV_SECRET_KEY}, tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY is the development key" in result.stderr


def test_development_must_be_asked_for(tmp_path):
    result = _settings({"DEBUG": "1"}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["debug"] is True


def test_seed_demo_refuses_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--allow-production-demo"):
        call_command("seed_demo", stdout=StringIO())
    assert not User.objects.exists()


def test_seed_demo_runs_in_production_only_when_asked_to(db, settings):
    settings.DEBUG = False
    call_command("seed_demo", "--allow-production-demo", stdout=StringIO())
    assert User.objects.filter(username="sagsbehandler").exists()
