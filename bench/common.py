"""Helpers for benchmarks: time requests in-process (server time, as a WSGI handler sees it)."""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, reset_queries
from django.test import Client


@dataclass
class Figure:
    name: str
    p50_ms: float
    p95_ms: float
    budget_ms: float | None
    queries: int | None = None
    note: str = ""
    passed: bool = True  # for figures judged on more than time (e.g. the load test's 5xx count)

    @property
    def ok(self) -> bool:
        return self.passed and (self.budget_ms is None or self.p95_ms <= self.budget_ms)


@dataclass
class Context:
    figures: list[Figure] = field(default_factory=list)

    def client_for(self, user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    def time_request(
        self,
        name: str,
        client: Client,
        url: str,
        *,
        budget_ms: float | None = 100,
        repeat: int = 40,
        note: str = "",
    ) -> Figure:
        def call() -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return self.time_call(name, call, budget_ms=budget_ms, repeat=repeat, note=note)

    def time_call(
        self,
        name: str,
        call: Callable[[], object],
        *,
        budget_ms: float | None,
        repeat: int = 40,
        note: str = "",
    ) -> Figure:
        call()  # warm up caches and connections
        # Count with an execute wrapper: the test client's request_started signal resets
        # connection.queries, so CaptureQueriesContext would see none.
        executed: list[str] = []

        def count(execute, sql, params, many, context):
            executed.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            call()
        samples = []
        for _ in range(repeat):
            reset_queries()
            start = time.perf_counter()
            call()
            samples.append((time.perf_counter() - start) * 1000)
        samples.sort()
        figure = Figure(
            name=name,
            p50_ms=statistics.median(samples),
            p95_ms=samples[max(0, int(len(samples) * 0.95) - 1)],
            budget_ms=budget_ms,
            queries=len(executed),
            note=note,
        )
        self.figures.append(figure)
        print(f"   {name}: p50 {figure.p50_ms:.1f} ms, p95 {figure.p95_ms:.1f} ms", flush=True)
        return figure

    def print_table(self) -> None:
        print()
        print(f"{'benchmark':<58} {'p50 ms':>8} {'p95 ms':>8} {'budget':>8} {'queries':>8}  ok")
        for f in self.figures:
            budget = f"{f.budget_ms:.0f}" if f.budget_ms is not None else "-"
            queries = str(f.queries) if f.queries is not None else "-"
            print(
                f"{f.name:<58} {f.p50_ms:>8.1f} {f.p95_ms:>8.1f} {budget:>8} {queries:>8}  "
                f"{'yes' if f.ok else 'NO'}{'  ' + f.note if f.note else ''}"
            )

    def over_budget(self) -> bool:
        return any(not f.ok for f in self.figures)
