"""Prometheus metrics: requests by view, and the job queue (prometheus-client, the reference client).

Under gunicorn every worker is its own process: with PROMETHEUS_MULTIPROC_DIR set (deploy/gunicorn.conf.py
does it) prometheus-client keeps each process's figures in files there and a scrape adds them up.
Job figures are not counted in processes at all: they are read from the job table at scrape time.
"""

import ipaddress
import logging
import os
import secrets
from collections.abc import Iterable

from django.db import DatabaseError
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import REGISTRY, Collector

from portal.core import jobs

logger = logging.getLogger(__name__)

REQUESTS = Counter("brobygger_http_requests", "HTTP requests answered", ["view", "method", "status"])
LATENCY = Histogram(
    "brobygger_http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


def observe_request(*, view: str, method: str, status: int, seconds: float) -> None:
    REQUESTS.labels(view=view, method=method, status=str(status)).inc()
    LATENCY.labels(view=view).observe(seconds)


class JobCollector(Collector):
    """Queue length and failed jobs, per task, straight from the job table."""

    def collect(self) -> Iterable[GaugeMetricFamily]:
        try:
            queued_by_task, failed_by_task = jobs.queued_counts(), jobs.failed_counts()
        except DatabaseError:  # the request figures are still worth a scrape; /healthz reports the database
            logger.warning("metrics: job table unavailable", exc_info=True)
            return []
        queued = GaugeMetricFamily("brobygger_jobs_queued", "Jobs waiting to run", labels=["task"])
        for task, count in queued_by_task.items():
            queued.add_metric([task], count)
        failed = GaugeMetricFamily(
            "brobygger_jobs_failed", "Jobs that failed for good (no retry left)", labels=["task"]
        )
        for task, count in failed_by_task.items():
            failed.add_metric([task], count)
        return [queued, failed]


def render_metrics() -> bytes:
    """The text exposition of every process's request metrics plus the job figures."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = CollectorRegistry()
        registry.register(_Delegate(REGISTRY))
    registry.register(JobCollector())
    return generate_latest(registry)


class _Delegate(Collector):
    def __init__(self, source: CollectorRegistry) -> None:
        self.source = source

    def collect(self) -> Iterable:
        return self.source.collect()


def may_scrape(*, authorization: str, remote_addr: str, token: str, allowed: list[str]) -> bool:
    """A scraper shows `Authorization: Bearer <METRICS_TOKEN>` or comes from METRICS_ALLOWED_IPS.
    With neither configured nobody may scrape."""
    if token and secrets.compare_digest(authorization.encode(), f"Bearer {token}".encode()):
        return True
    try:
        address = ipaddress.ip_address(remote_addr)
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(net, strict=False) for net in allowed)
