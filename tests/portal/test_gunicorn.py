"""The production server as the README starts it (deploy/gunicorn.conf.py, two worker processes): JSON
log lines without query strings, and /metrics that adds up every worker's requests."""

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "gunicorn-test-token-0123456789"
REQUESTS = 40


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, path: str, headers: dict | None = None) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
        response = conn.getresponse()
        return response.status, response.read().decode()
    finally:
        conn.close()


@pytest.fixture
def gunicorn(tmp_path):
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "PROMETHEUS_MULTIPROC_DIR"}},
        "DEBUG": "0",
        "SECRET_KEY": "gunicorn-test-" + "s" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "SECURE_SSL_REDIRECT": "0",
        "VAR_DIR": str(tmp_path),
        "METRICS_TOKEN": TOKEN,
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_THREADS": "2",
    }
    log = (tmp_path / "server.log").open("w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "portal.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if _get(port, "/healthz")[0] in (200, 503):
                break
        except OSError:
            time.sleep(0.2)
    yield port, tmp_path / "server.log"
    server.terminate()
    server.wait(timeout=20)
    log.close()


def test_two_workers_log_json_without_query_and_metrics_add_up_both(gunicorn):
    port, log_path = gunicorn
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(
            pool.map(lambda i: _get(port, f"/healthz?q=Zebulonia+Quixtrup+{i}")[0], range(REQUESTS))
        )
    assert set(statuses) == {200}  # cache degraded (no cache table in this empty database), still serving

    totals = []
    for _ in range(4):  # whichever worker answers the scrape, it reports both workers' requests
        status, text = _get(port, "/metrics", {"Authorization": f"Bearer {TOKEN}"})
        assert status == 200
        line = next(
            line
            for line in text.splitlines()
            if line.startswith("brobygger_http_requests_total{") and 'view="healthz"' in line
        )
        totals.append(float(line.rsplit(" ", 1)[1]))
    assert min(totals) >= REQUESTS + 1  # + the readiness probe

    time.sleep(0.5)
    lines = [json.loads(line) for line in log_path.read_text().splitlines() if line.strip()]
    assert "Zebulonia" not in log_path.read_text()
    served = [e for e in lines if e.get("logger") == "portal.request" and e["path"] == "/healthz"]
    assert len(served) >= REQUESTS
    assert len({e["pid"] for e in served}) == 2  # both workers served, and both were counted
    assert any(e["logger"] == "gunicorn.error" for e in lines)  # gunicorn's own lines are JSON too
