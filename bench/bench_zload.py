"""Load: 20 concurrent clients on loopback for 60 s against gunicorn with production settings.

Budget (docs/architecture.md): zero 5xx and zero lost writes. Every client logs in, then mixes page views
with case-note writes; afterwards each acknowledged note must be in the database exactly once.
Runs last (`zload`), on the citizens and enterprises the other benchmarks generated.
"""

import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings

from bench.common import Figure
from citizens.models import CaseNote, Citizen
from portal.core.models import Role, User

CLIENTS = int(os.environ.get("BENCH_LOAD_CLIENTS", "20"))
SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "60"))
PASSWORD = "bench-load-password-1"
ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """A minimal cookie-keeping HTTP client (production cookies are `Secure`; this is plain loopback)."""

    def __init__(self, port: int) -> None:
        self.conn = HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, text

    def csrf_from(self, html: str) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        return match.group(1) if match else ""


def start_server(port: int, static_root: str) -> subprocess.Popen:
    key_file = Path(settings.VAR_DIR) / "field_encryption.key"
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + uuid.uuid4().hex * 2,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": static_root,
        "FIELD_ENCRYPTION_KEY": settings.FIELD_ENCRYPTION_KEY or key_file.read_text().strip(),
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"], env=env, check=True
    )
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "portal.wsgi",
            "--workers",
            "4",
            "--threads",
            "4",
            "--worker-class",
            "gthread",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def run(ctx) -> None:
    citizen = Citizen.objects.filter(jobcenter__name__startswith="Bench-jobcenter").order_by("pk").first()
    if citizen is None:
        print("   no bench citizens; run the citizens benchmark first")
        return
    user, _ = User.objects.update_or_create(
        username="bench-load",
        defaults={"role": Role.CASEWORKER, "jobcenter": citizen.jobcenter, "first_name": "Load"},
    )
    user.set_password(PASSWORD)
    user.save()
    citizen_ids = list(
        Citizen.objects.filter(jobcenter=citizen.jobcenter).open().values_list("pk", flat=True)[:200]
    )
    run_id = uuid.uuid4().hex[:12]
    port = free_port()
    results: list[tuple[str, int, float]] = []
    acknowledged: list[str] = []
    lock = threading.Lock()

    def client(number: int) -> None:
        rng = random.Random(number)
        browser = Browser(port)
        status, html = browser.request("GET", "/accounts/login/")
        status, _ = browser.request(
            "POST",
            "/accounts/login/",
            {"username": "bench-load", "password": PASSWORD, "csrfmiddlewaretoken": browser.csrf_from(html)},
        )
        with lock:
            results.append(("login", status, 0.0))
        deadline = time.monotonic() + SECONDS
        sequence = 0
        while time.monotonic() < deadline:
            pk = rng.choice(citizen_ids)
            choice = rng.random()
            start = time.perf_counter()
            if choice < 0.25:
                sequence += 1
                text = f"load {run_id} {number}-{sequence}"
                status, _ = browser.request("POST", f"/citizens/{pk}/notes/", {"kind": "note", "text": text})
                if status == 302:
                    with lock:
                        acknowledged.append(text)
                kind = "write note"
            elif choice < 0.45:
                status, _ = browser.request("GET", f"/citizens/{pk}/")
                kind = "citizen detail"
            elif choice < 0.65:
                status, _ = browser.request("GET", "/citizens/")
                kind = "citizen list"
            elif choice < 0.85:
                status, _ = browser.request("GET", "/enterprises/?q=k")
                kind = "enterprise search"
            else:
                status, _ = browser.request("GET", "/")
                kind = "home"
            with lock:
                results.append((kind, status, (time.perf_counter() - start) * 1000))

    with tempfile.TemporaryDirectory() as static_root:
        server = start_server(port, static_root)
        try:
            threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        finally:
            server.terminate()
            server.wait(timeout=30)

    stored = list(CaseNote.objects.filter(text__startswith=f"load {run_id} ").values_list("text", flat=True))
    lost = len(set(acknowledged) - set(stored))
    duplicated = len(stored) - len(set(stored))
    server_errors = sum(1 for _, status, _ in results if status >= 500)
    unexpected = sum(1 for kind, status, _ in results if status not in (200, 302))
    timings = sorted(ms for kind, _, ms in results if kind != "login")
    figure = Figure(
        name=f"load: {CLIENTS} clients × {SECONDS:.0f} s, all requests",
        p50_ms=statistics.median(timings),
        p95_ms=timings[int(len(timings) * 0.95) - 1],
        budget_ms=None,
        note=(
            f"{len(timings)} requests ({len(timings) / SECONDS:.0f}/s), {server_errors} 5xx, "
            f"{unexpected} other non-2xx/3xx, {len(acknowledged)} notes written, {lost} lost, {duplicated} duplicated"
        ),
        passed=server_errors == 0 and lost == 0 and duplicated == 0 and unexpected == 0,
    )
    ctx.figures.append(figure)
    print(f"   {figure.name}: {figure.note}", flush=True)
