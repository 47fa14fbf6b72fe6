"""Gunicorn settings for one Brobygger app server (deploy/README.md). Values come from the environment
so the same file serves every instance of brobygger-web@.service and the stack in bench/stack/."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: the portal is CPU- and database-bound; two per core leaves room for I/O waits.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
worker_class = "sync"
# A request that runs longer than this is stuck (the flyer PDF, the slowest page, takes ~1 s).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak can never take a server down.
max_requests = 2000
max_requests_jitter = 200
# Only the proxy in front may set X-Forwarded-*: gunicorn believes it from loopback alone.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
proxy_allow_ips = forwarded_allow_ips
# gunicorn's control socket (one path per user, shared by every server of that user) is not used:
# systemd and signals manage the servers.
control_socket_disable = True
accesslog = None  # the proxy logs requests (without query strings); gunicorn logs errors only
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
