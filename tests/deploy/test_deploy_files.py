"""deploy/: the systemd units and the nginx site, rendered with this checkout's paths, pass the real
checkers (`systemd-analyze verify`, `nginx -t`), and nginx behaves as deploy/README.md promises."""

import http.server
import importlib.util
import os
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RENDER = ROOT / "deploy" / "render.py"
DAILY_COMMANDS = [
    "prune_audit",
    "purge_closed_cases",
    "verify_audit",
    "deactivate_inactive_users",
    "prune_job_results",
    "send_verification_requests",
    "activate_due_placements",
    "send_reminders",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _render(out: Path, **values: str) -> Path:
    args = [f"{name}={value}" for name, value in values.items()]
    subprocess.run([sys.executable, str(RENDER), "--out", str(out), *args], check=True, capture_output=True)
    return out


def _require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (.ci/run installs it)")
    return path


def test_a_typo_in_a_placeholder_never_reaches_etc():
    spec = importlib.util.spec_from_file_location("deploy_render", RENDER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with pytest.raises(SystemExit, match="APP_DIRR"):
        module.render("ExecStart=@APP_DIRR@/manage.py", module.defaults(), "x.service")


def test_the_systemd_units_pass_systemd_analyze_verify(tmp_path):
    tool = _require("systemd-analyze")
    env_file = tmp_path / "brobygger.env"
    env_file.write_text("DEBUG=0\n")
    units = _render(tmp_path / "r", ENV_FILE=str(env_file), BACKUP_ENV_FILE=str(env_file)) / "systemd"
    # Templates are checked through an instance, as systemd would start them.
    shutil.copy(units / "brobygger-web@.service", units / "brobygger-web@8001.service")
    to_check = [units / "brobygger-web@8001.service", units / "brobygger-worker.service"]
    to_check += [units / "brobygger-backup.service", units / "brobygger-backup.timer"]
    for command in DAILY_COMMANDS:
        shutil.copy(units / "brobygger-daily@.service", units / f"brobygger-daily@{command}.service")
        to_check.append(units / f"brobygger-daily@{command}.service")
        timer = units / f"brobygger-{command.replace('_', '-')}.timer"
        assert f"Unit=brobygger-daily@{command}.service" in timer.read_text()
        to_check.append(timer)
    result = subprocess.run(
        [tool, "verify", "--man=no", *map(str, to_check)], cwd=units, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""


def test_systemd_analyze_would_catch_a_broken_unit(tmp_path):
    """The check above can fail: a unit whose program does not exist is refused."""
    tool = _require("systemd-analyze")
    units = _render(tmp_path / "r", VENV="/nonexistent/venv") / "systemd"
    result = subprocess.run(
        [tool, "verify", "--man=no", str(units / "brobygger-worker.service")], capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "/nonexistent/venv/bin/python" in result.stderr


def test_every_daily_command_has_a_timer_and_exists():
    from django.core.management import get_commands

    timers = sorted(p.name for p in (ROOT / "deploy" / "systemd").glob("*.timer"))
    commands = get_commands()
    for command in DAILY_COMMANDS:
        assert f"brobygger-{command.replace('_', '-')}.timer" in timers
        assert command in commands


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [_require("openssl"), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost"],
        check=True,
        capture_output=True,
    )
    return cert, key


class _EchoHandler(http.server.BaseHTTPRequestHandler):
    """Stands in for an app server: answers with the X-Forwarded-For it received."""

    def do_GET(self) -> None:
        body = (self.headers.get("X-Forwarded-For") or "").encode()
        self.send_response(200)
        self.send_header("X-App-Server", "echo")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def nginx_site(tmp_path):
    nginx = _require("nginx")
    cert, key = _self_signed(tmp_path)
    app_port, https_port = _free_port(), _free_port()
    echo = http.server.ThreadingHTTPServer(("127.0.0.1", app_port), _EchoHandler)
    threading.Thread(target=echo.serve_forever, daemon=True).start()
    (tmp_path / "logs").mkdir()
    static = tmp_path / "static"
    (static / "css").mkdir(parents=True)
    (static / "css" / "site.css").write_text("body{}")
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "secret.txt").write_text("never from disk")
    rendered = _render(
        tmp_path / "r",
        TLS_CERT=str(cert),
        TLS_KEY=str(key),
        LOG_DIR=str(tmp_path / "logs"),
        CONF_DIR=str(tmp_path / "r" / "nginx"),
        STATIC_ROOT=str(static),
        HTTP_PORT=str(_free_port()),
        HTTPS_PORT=str(https_port),
        APP_PORT_1=str(app_port),
        APP_PORT_2=str(_free_port()),  # nothing listens: nginx routes around it
        SERVER_NAME="localhost",
    )
    main = tmp_path / "nginx.conf"
    # As root nginx's workers would run as nobody, who cannot enter pytest's private tmp directory.
    user = "user root;\n" if os.geteuid() == 0 else ""
    main.write_text(
        f"{user}pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/logs/error.log;\nevents {{}}\n"
        f"http {{\n  include {rendered}/nginx/brobygger.conf;\n}}\n"
    )
    base = [nginx, "-p", str(tmp_path), "-c", str(main), "-e", str(tmp_path / "logs" / "error.log")]
    yield {"base": base, "port": https_port, "logs": tmp_path / "logs"}
    subprocess.run([*base, "-s", "stop"], capture_output=True)
    echo.shutdown()


def test_the_nginx_site_passes_nginx_t(nginx_site):
    result = subprocess.run([*nginx_site["base"], "-t"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def _get(port: int, path: str, headers: dict[str, str] | None = None):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    request = urllib.request.Request(f"https://127.0.0.1:{port}{path}", headers=headers or {})
    try:
        return urllib.request.urlopen(request, context=context, timeout=5)
    except urllib.error.HTTPError as exc:
        return exc


def test_nginx_serves_as_deploy_readme_promises(nginx_site):
    subprocess.run(nginx_site["base"], check=True, capture_output=True)
    port = nginx_site["port"]
    for _ in range(50):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)

    # A forged X-Forwarded-For is replaced: the app sees exactly one entry, the address nginx saw,
    # which is what TRUSTED_PROXY_COUNT=1 reads. Both requests reach the live server only.
    for _ in range(2):
        page = _get(port, "/borgere/?q=Jensen", {"X-Forwarded-For": "6.6.6.6"})
        assert page.status == 200
        assert page.read() == b"127.0.0.1"
        assert page.headers["Strict-Transport-Security"].startswith("max-age=31536000")

    static = _get(port, "/static/css/site.css")
    assert static.status == 200 and static.read() == b"body{}"
    assert "Strict-Transport-Security" in static.headers

    # /media/ goes to the portal (its permission-checked views), never straight from disk.
    media = _get(port, "/media/secret.txt")
    assert media.headers["X-App-Server"] == "echo"
    assert media.read() != b"never from disk"

    # A calendar feed's token is masked in the access log as the app masks it (matching/apps.py).
    _get(port, "/agenda/calendar/feedtoken0123456789.ics")

    subprocess.run([*nginx_site["base"], "-s", "reopen"], capture_output=True)
    access_log = (nginx_site["logs"] / "brobygger-access.log").read_text()
    assert "/borgere/" in access_log
    assert "/agenda/calendar/***.ics" in access_log and "feedtoken0123456789" not in access_log
    assert "Jensen" not in access_log and "q=" not in access_log
