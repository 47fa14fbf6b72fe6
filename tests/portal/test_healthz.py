"""/healthz for the load balancer: 503 when this server cannot serve (database, media storage), 200 with
"cache": "degraded" when only the cache is gone (Redis down for every server must not drain them all)."""

import shutil
import socket
import subprocess
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


def test_a_stopped_redis_shows_as_degraded_cache_but_keeps_serving(client, db, settings, own_redis):
    server, port = own_redis
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    assert client.get("/healthz").json()["cache"] == "ok"

    server.terminate()
    server.wait(timeout=10)
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "media": "ok", "cache": "degraded"}
