"""/healthz for the load balancer: 503 when this server cannot serve (database, media storage), 200 with
"cache": "degraded" when only the cache is gone (Redis down for every server must not drain them all)."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time

import pytest
from django.db import DatabaseError


def test_healthz_answers_json_without_login(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "media": "ok", "cache": "ok"}


def test_healthz_says_503_when_the_database_does_not_answer(client, db, monkeypatch):
    from portal.core import health

    class BrokenConnection:
        def cursor(self):
            raise DatabaseError("connection refused")

    monkeypatch.setattr(health, "connection", BrokenConnection())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_healthz_says_503_when_media_storage_cannot_be_written(client, db, settings, tmp_path):
    not_a_folder = tmp_path / "media"
    not_a_folder.write_text("a file where the upload folder should be")
    settings.MEDIA_ROOT = str(not_a_folder)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["media"] == "unavailable"
    assert response.json()["database"] == "ok"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def own_redis(tmp_path):
    """A Redis of our own on a free port (the shared one is never stopped)."""
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    port = _free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
    )
    for _ in range(50):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.1)
    yield server, port
    if server.poll() is None:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def redis_cache(settings, own_redis):
    """The cache as settings.py builds it for REDIS_URL, on our own Redis."""
    server, port = own_redis
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }
    assert _redis_caches_from_settings_module(port) == settings.CACHES
    return server


def _redis_caches_from_settings_module(port: int) -> dict:
    """What portal/settings.py makes of REDIS_URL, read in a fresh process."""
    env = {**os.environ, "DEBUG": "1", "REDIS_URL": f"redis://127.0.0.1:{port}/0"}
    code = "import json, portal.settings as s; print(json.dumps(s.CACHES))"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_a_stopped_redis_shows_as_degraded_cache_but_keeps_serving(client, db, redis_cache):
    assert client.get("/healthz").json()["cache"] == "ok"

    redis_cache.terminate()
    redis_cache.wait(timeout=10)
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "media": "ok", "cache": "degraded"}


def test_pages_that_cache_still_answer_with_redis_stopped(caseworker_client, redis_cache):
    assert caseworker_client.get("/enterprises/").status_code == 200
    redis_cache.terminate()
    redis_cache.wait(timeout=10)
    assert caseworker_client.get("/enterprises/").status_code == 200
    assert caseworker_client.get("/flyer.pdf").status_code == 200
