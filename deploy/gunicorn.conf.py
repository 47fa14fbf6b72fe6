"""gunicorn for production: `gunicorn -c deploy/gunicorn.conf.py portal.wsgi` (see README; one instance
per brobygger-web@<port>.service, each with its own PROMETHEUS_MULTIPROC_DIR).

Logs: no access log of gunicorn's own (its line carries the query string, which may hold a citizen's
name); the app writes one JSON line per request instead (portal/core/request_log.py), and gunicorn's
own messages are JSON too. Metrics: every worker writes its figures under PROMETHEUS_MULTIPROC_DIR and
/metrics adds them up, so a scrape sees the whole server whichever worker answers it.
"""

import os
import shutil
import tempfile

# Before prometheus_client is imported anywhere: it picks its multiprocess mode on import.
os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", os.path.join(tempfile.gettempdir(), "brobygger-metrics"))
METRICS_DIR = os.environ["PROMETHEUS_MULTIPROC_DIR"]

from prometheus_client import multiprocess  # noqa: E402

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = 60
graceful_timeout = 20
# Recycle workers now and then so a slow leak can never take a server down.
max_requests = 2000
max_requests_jitter = 200
# Only the proxy in front (on this machine) may set X-Forwarded-*.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn's control socket (one path per user, shared by every server of that user) is not used:
# systemd and signals manage the servers (deploy/systemd/brobygger-web@.service).
control_socket_disable = True

accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "portal.core.json_logging.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": loglevel.upper(), "propagate": False},
        "gunicorn.access": {"handlers": [], "propagate": False},
    },
}


def on_starting(server) -> None:
    """Figures of a previous run would be added to this one's: start from an empty folder."""
    shutil.rmtree(METRICS_DIR, ignore_errors=True)
    os.makedirs(METRICS_DIR, exist_ok=True)


def child_exit(server, worker) -> None:
    multiprocess.mark_process_dead(worker.pid)
