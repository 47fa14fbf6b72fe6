#!/usr/bin/env python
"""`make stack` / `make stack-stop`: a production-like Brobygger on loopback, for bench/stack/stack_test.py.

    haproxy (TLS, self-signed, 127.0.0.1:8443)  ->  gunicorn app1, app2 (DEBUG=0, X-App-Server: appN)
    own PostgreSQL cluster (initdb as postgres, 127.0.0.1:5433), own Redis (127.0.0.1:6380)

Sessions in the database, the cache in Redis. Everything lives in var/stack/ (secrets generated there
once); nothing touches the shared PostgreSQL on 5432 or Redis on 6379. `stop` ends only the processes
whose pid files are in var/stack/.
"""

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STACK = ROOT / "var" / "stack"
PG_BIN = Path("/usr/lib/postgresql/15/bin")
PG_DATA = STACK / "pg"
PG_PORT, REDIS_PORT, PROXY_PORT = 5433, 6380, 8443
HOST = "127.0.0.1"
APPS = ("app1", "app2")
DB_NAME = "brobygger"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection((HOST, port), timeout=0.3).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"stack: nothing answers on {HOST}:{port}")


def _secret(name: str, make) -> str:
    path = STACK / name
    if not path.exists():
        path.write_text(make())
        path.chmod(0o600)
    return path.read_text().strip()


def _state() -> dict:
    path = STACK / "state.json"
    return json.loads(path.read_text()) if path.exists() else {}


def _save_state(state: dict) -> None:
    (STACK / "state.json").write_text(json.dumps(state, indent=2))


# --- PostgreSQL -------------------------------------------------------------------------------------
def _as_postgres(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(["runuser", "-u", "postgres", "--", *args], check=True, **kwargs)


def pg_start() -> None:
    if not (PG_DATA / "PG_VERSION").exists():
        PG_DATA.mkdir(parents=True, exist_ok=True)
        shutil.chown(PG_DATA, "postgres", "postgres")
        PG_DATA.chmod(0o700)
        _as_postgres(
            str(PG_BIN / "initdb"),
            "-D",
            str(PG_DATA),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            capture_output=True,
        )
    if subprocess.run(["pg_isready", "-h", HOST, "-p", str(PG_PORT), "-q"]).returncode == 0:
        return
    options = (
        f"-p {PG_PORT} -c listen_addresses={HOST} -c unix_socket_directories={PG_DATA} -c max_connections=100"
    )
    _as_postgres(
        str(PG_BIN / "pg_ctl"),
        "-D",
        str(PG_DATA),
        "-o",
        options,
        "-l",
        str(PG_DATA / "log"),
        "-w",
        "start",
        capture_output=True,
    )


def pg_stop() -> None:
    if (PG_DATA / "postmaster.pid").exists():
        _as_postgres(
            str(PG_BIN / "pg_ctl"), "-D", str(PG_DATA), "-m", "fast", "-w", "stop", capture_output=True
        )


# --- Redis ------------------------------------------------------------------------------------------
def redis_start() -> None:
    if (
        subprocess.run(
            ["redis-cli", "-h", HOST, "-p", str(REDIS_PORT), "ping"], capture_output=True
        ).returncode
        == 0
    ):
        return
    subprocess.run(
        [
            "redis-server",
            "--bind",
            HOST,
            "--port",
            str(REDIS_PORT),
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "yes",
            "--pidfile",
            str(STACK / "redis.pid"),
            "--dir",
            str(STACK),
            "--logfile",
            str(STACK / "redis.log"),
        ],
        check=True,
    )
    _wait_for_port(REDIS_PORT)


def redis_stop() -> None:
    _kill_pidfile(STACK / "redis.pid", signal.SIGTERM)


# --- App servers -------------------------------------------------------------------------------------
def app_env(name: str | None = None, port: int | None = None) -> dict:
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"FIELD_ENCRYPTION_KEY", "FAST_PASSWORD_HASHER"}},
        "DEBUG": "0",
        "SECRET_KEY": _secret("secret_key", lambda: secrets.token_urlsafe(60)),
        "FIELD_ENCRYPTION_KEYS": _secret("field_encryption.key", _fernet_key),
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "CSRF_TRUSTED_ORIGINS": f"https://{HOST}:{PROXY_PORT},https://localhost:{PROXY_PORT}",
        "DATABASE_URL": f"postgres://postgres@{HOST}:{PG_PORT}/{DB_NAME}",
        "REDIS_URL": f"redis://{HOST}:{REDIS_PORT}/0",
        "TRUSTED_PROXY_COUNT": "1",
        "BEHIND_TLS_PROXY": "1",
        "VAR_DIR": str(STACK / "var"),
        "STATIC_ROOT": str(STACK / "static"),
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    if name:
        env |= {
            "APP_SERVER_NAME": name,
            "GUNICORN_BIND": f"{HOST}:{port}",
            "GUNICORN_WORKERS": "3",
            "PROMETHEUS_MULTIPROC_DIR": str(STACK / f"metrics-{name}"),
        }
    return env


def _fernet_key() -> str:
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode()


def _manage(*args: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=app_env(), cwd=ROOT, check=True)


def prepare_database() -> None:
    exists = subprocess.run(
        [
            "psql",
            "-h",
            HOST,
            "-p",
            str(PG_PORT),
            "-U",
            "postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}'",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(["createdb", "-h", HOST, "-p", str(PG_PORT), "-U", "postgres", DB_NAME], check=True)
    _manage("migrate", "--noinput", "-v0")
    _manage("collectstatic", "--noinput", "-v0")
    subprocess.run(
        [sys.executable, str(Path(__file__).parent / "seed.py")], env=app_env(), cwd=ROOT, check=True
    )


def app_start(name: str, port: int) -> None:
    log = open(STACK / f"{name}.log", "ab")  # noqa: SIM115 - handed to the child process
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--pid",
            str(STACK / f"{name}.pid"),
            "portal.wsgi:application",
        ],
        cwd=ROOT,
        env=app_env(name, port),
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    (STACK / f"{name}.pgid").write_text(str(process.pid))
    _wait_for_port(port)


def app_kill(name: str) -> None:
    """SIGKILL the whole server (master and workers): a machine that dies, no graceful shutdown."""
    pgid_file = STACK / f"{name}.pgid"
    if pgid_file.exists():
        with contextlib.suppress(ProcessLookupError):
            os.killpg(int(pgid_file.read_text()), signal.SIGKILL)
        pgid_file.unlink()


def app_stop(name: str) -> None:
    _kill_pidfile(STACK / f"{name}.pid", signal.SIGTERM)
    (STACK / f"{name}.pgid").unlink(missing_ok=True)


# --- haproxy -------------------------------------------------------------------------------------------
HAPROXY_CFG = """\
global
    daemon
    pidfile {stack}/haproxy.pid
    stats socket {stack}/haproxy.sock mode 600 level admin
    maxconn 500

defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 30s
    # Only a request that never reached a server is retried (elsewhere): a write is never applied twice.
    retries 2
    retry-on conn-failure
    option redispatch 1

frontend https
    bind {host}:{proxy_port} ssl crt {stack}/tls.pem
    # One proxy of our own: replace whatever the client sent (TRUSTED_PROXY_COUNT=1 reads this entry).
    http-request del-header X-Forwarded-For
    option forwardfor
    http-request set-header X-Forwarded-Proto https
    http-response set-header Strict-Transport-Security "max-age=31536000; includeSubDomains"
    default_backend apps

backend apps
    balance roundrobin
    # TCP checks: a dead server is out within a second; a database outage is the app's to report (/healthz).
    default-server check inter 500ms fall 1 rise 2
{servers}
"""


def proxy_start(ports: dict[str, int]) -> None:
    tls = STACK / "tls.pem"
    if not tls.exists():
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "30",
                "-keyout",
                str(STACK / "tls.key"),
                "-out",
                str(STACK / "tls.crt"),
                "-subj",
                "/CN=localhost",
                "-addext",
                f"subjectAltName=IP:{HOST},DNS:localhost",
            ],
            check=True,
            capture_output=True,
        )
        tls.write_text((STACK / "tls.crt").read_text() + (STACK / "tls.key").read_text())
        tls.chmod(0o600)
    servers = "\n".join(f"    server {name} {HOST}:{port}" for name, port in ports.items())
    cfg = STACK / "haproxy.cfg"
    cfg.write_text(HAPROXY_CFG.format(stack=STACK, host=HOST, proxy_port=PROXY_PORT, servers=servers))
    subprocess.run(["haproxy", "-c", "-q", "-f", str(cfg)], check=True)
    subprocess.run(["haproxy", "-f", str(cfg)], check=True)
    _wait_for_port(PROXY_PORT)


def proxy_stop() -> None:
    _kill_pidfile(STACK / "haproxy.pid", signal.SIGTERM)


# --- the whole -----------------------------------------------------------------------------------------
def _kill_pidfile(path: Path, sig: int) -> None:
    if not path.exists():
        return
    try:
        pid = int(path.read_text().split()[0])
        os.kill(pid, sig)
        for _ in range(100):
            os.kill(pid, 0)
            time.sleep(0.1)
    except (ProcessLookupError, ValueError):
        pass
    path.unlink(missing_ok=True)


def start() -> dict:
    STACK.mkdir(parents=True, exist_ok=True)
    STACK.chmod(0o755)  # the postgres user must reach var/stack/pg
    state = _state()
    if state.get("running"):
        print(f"stack: already running on https://{HOST}:{PROXY_PORT}/")
        return state
    pg_start()
    redis_start()
    prepare_database()
    ports = {name: _free_port() for name in APPS}
    for name, port in ports.items():
        app_start(name, port)
    proxy_start(ports)
    state = {"running": True, "ports": ports, "proxy": f"https://{HOST}:{PROXY_PORT}"}
    _save_state(state)
    print(
        f"stack: https://{HOST}:{PROXY_PORT}/ (haproxy) -> {ports}; PostgreSQL :{PG_PORT}, Redis :{REDIS_PORT}"
    )
    return state


def stop() -> None:
    proxy_stop()
    for name in APPS:
        app_stop(name)
        app_kill(name)
    redis_stop()
    pg_stop()
    _save_state({"running": False})
    print("stack: stopped")


if __name__ == "__main__":
    {"start": start, "stop": stop}[sys.argv[1] if len(sys.argv) > 1 else "start"]()
