#!/usr/bin/env python
"""`make stack-test`: bounded load through the stack (bench/stack/stack.py) with fault injection.

30 case workers mix page views and case-note writes through haproxy for the whole run, while:
  1. both app servers serve                      (throughput, p95)
  2. app1 is SIGKILLed mid-load                  (failed requests <= those in flight on app1)
  3. one app server serves                       (throughput, p95)
  4. PostgreSQL is stopped for 5+ s and started  (/healthz 503 during, 200 after; recovery <= 10 s)
  5. Redis is stopped                            (pages keep working: no 5xx after the first 3 s)
and at the end every acknowledged note is in the database exactly once and the audit chain verifies.
Prints a table; exits 1 when a row fails.
"""

import csv
import io
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.stack import stack  # noqa: E402
from bench.stack.load import Recorder, case_worker, poll_health  # noqa: E402

CLIENTS = int(os.environ.get("STACK_CLIENTS", "30"))
PHASE_SECONDS = float(os.environ.get("STACK_PHASE_SECONDS", "20"))
OUTAGE_SECONDS = 5


def psql(sql: str) -> str:
    return subprocess.run(
        [
            "psql",
            "-h",
            stack.HOST,
            "-p",
            str(stack.PG_PORT),
            "-U",
            "postgres",
            "-d",
            stack.DB_NAME,
            "-tAc",
            sql,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def in_flight(server: str) -> int:
    """Requests haproxy has open on `server` right now (`scur` in its stats)."""
    with socket.socket(socket.AF_UNIX) as sock:
        sock.connect(str(stack.STACK / "haproxy.sock"))
        sock.sendall(b"show stat\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    rows = csv.DictReader(io.StringIO(data.decode().lstrip("# ")))
    row = next(r for r in rows if r["pxname"] == "apps" and r["svname"] == server)
    return int(row["scur"]) + int(row["qcur"] or 0)


def figures(results) -> tuple[int, float, float, int]:
    if not results:
        return 0, 0.0, 0.0, 0
    span = max(r.ended for r in results) - min(r.started for r in results)
    ms = sorted(r.ms for r in results)
    return (
        len(results),
        len(results) / max(span, 0.001),
        ms[max(0, int(len(ms) * 0.95) - 1)],
        sum(r.failed for r in results),
    )


def servers(results) -> str:
    counts: dict[str, int] = {}
    for r in results:
        counts[r.server or "-"] = counts.get(r.server or "-", 0) + 1
    return " ".join(f"{k}={v}" for k, v in sorted(counts.items()))


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str, bool, str]] = []

    def add(self, name, results, ok: bool, note: str) -> None:
        n, rate, p95, failed = figures(results)
        self.rows.append((name, str(n), f"{rate:.1f}", f"{p95:.0f}", str(failed), ok, note))

    def print(self) -> None:
        head = ("row", "requests", "req/s", "p95 ms", "failed", "result", "detail")
        body = [(*r[:5], "PASS" if r[5] else "FAIL", r[6]) for r in self.rows]
        widths = [max(len(x[i]) for x in [head, *body]) for i in range(len(head))]
        for line in [head, tuple("-" * w for w in widths), *body]:
            print(" | ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)))


def main() -> int:
    state = stack.start()
    ports = state["ports"]
    run_id = uuid.uuid4().hex[:10]
    citizen_ids = [int(x) for x in psql("SELECT id FROM citizens_citizen ORDER BY id LIMIT 200").split()]
    rec, stop, table = Recorder(), threading.Event(), Table()
    workers = [
        threading.Thread(target=case_worker, args=(n, citizen_ids, run_id, stop, rec))
        for n in range(1, CLIENTS + 1)
    ]
    for w in workers:
        w.start()
    deadline = time.monotonic() + 180
    while rec.logged_in < CLIENTS and time.monotonic() < deadline:  # Argon2 logins on a busy machine
        time.sleep(0.5)
    try:
        # 1. Two servers.
        t0 = time.monotonic()
        time.sleep(PHASE_SECONDS)
        both = rec.between(t0, time.monotonic())
        table.add("two app servers", both, figures(both)[3] == 0, servers(both))

        # 2. SIGKILL app1 mid-load.
        t1 = time.monotonic()
        time.sleep(3)
        flying = in_flight("app1")
        stack.app_kill("app1")
        # The kill is done when app1's port refuses connections (its processes take a moment to die);
        # a request that reached it before then was in flight on it.
        while True:
            flying = max(flying, in_flight("app1"))
            try:
                socket.create_connection((stack.HOST, ports["app1"]), timeout=0.2).close()
                time.sleep(0.01)
            except OSError:
                break
        killed_at = time.monotonic()
        time.sleep(7)
        kill_phase = rec.between(t1, time.monotonic())
        failed = [r for r in kill_phase if r.failed]
        # In flight on app1 at the kill: haproxy's count just before it, and (client side) the requests
        # open across the kill that app2 did not answer. A request sent after the kill must not fail.
        overlapping = [r for r in kill_phase if r.started < killed_at < r.ended and r.server != "app2"]
        failed_later = [r for r in failed if r.started >= killed_at]
        table.add(
            "app1 SIGKILLed",
            kill_phase,
            not failed_later and len(failed) <= max(flying, len(overlapping)),
            f"in flight on app1 at the kill: {flying} (haproxy), {len(overlapping)} (clients); {len(failed)} failed, "
            f"{len(failed_later)} of them sent after the kill; {servers(rec.between(killed_at + 1, time.monotonic()))} after",
        )

        # 3. One server.
        t2 = time.monotonic()
        time.sleep(PHASE_SECONDS)
        one = rec.between(t2, time.monotonic())
        table.add("one app server", one, figures(one)[3] == 0, servers(one))
        stack.app_start("app1", ports["app1"])
        time.sleep(3)  # haproxy: rise 2 x 500 ms

        # 4. PostgreSQL stopped 4 s, started again.
        health: list[tuple[float, float, int]] = []
        hstop = threading.Event()
        poller = threading.Thread(target=poll_health, args=(hstop, health))
        poller.start()
        t3 = time.monotonic()
        time.sleep(3)
        down_at = time.monotonic()
        stack.pg_stop()
        # Down for at least OUTAGE_SECONDS and until three /healthz polls have been answered inside the
        # outage (on a busy machine one poll can take seconds), at most 30 s.
        while time.monotonic() - down_at < 30 and (
            time.monotonic() - down_at < OUTAGE_SECONDS
            or sum(1 for h in list(health) if h[0] > down_at + 0.3) < 3
        ):
            time.sleep(0.2)
        stack.pg_start()
        up_at = time.monotonic()
        time.sleep(12)
        hstop.set()
        poller.join()
        pg_phase = rec.between(t3, time.monotonic())
        # Polls wholly inside the outage must all say 503; polls after it must reach 200.
        during = {s for start, end, s in health if down_at + 0.3 < start and end < up_at}
        after_ok = [end for start, end, s in health if start > up_at and s == 200]
        late_failures = [r for r in pg_phase if r.failed and r.started > up_at]
        for r in late_failures:
            print(
                f"  after PostgreSQL start: {r.kind} {r.status} {r.server or '-'} "
                f"sent +{r.started - up_at:.1f} s, answered +{r.ended - up_at:.1f} s"
            )
        recovered = (max(r.ended for r in late_failures) - up_at) if late_failures else 0.0
        ok = (
            during == {503}
            and bool(after_ok)
            and recovered <= 10
            and not [r for r in pg_phase if r.failed and r.started > up_at + 10]
        )
        first_200 = (min(after_ok) - up_at) if after_ok else float("nan")
        table.add(
            "PostgreSQL restarted",
            pg_phase,
            ok,
            f"/healthz during outage: {sorted(during)}; 200 again {first_200:.1f} s after start; "
            f"last failed request {recovered:.1f} s after start; no app server restarted",
        )

        # 5. Redis stopped.
        t4 = time.monotonic()
        stack.redis_stop()
        time.sleep(PHASE_SECONDS)
        redis_phase = rec.between(t4, time.monotonic())
        late = [r for r in redis_phase if r.failed and r.started > t4 + 3]
        table.add(
            "Redis stopped",
            redis_phase,
            not late,
            f"{sum(r.failed for r in redis_phase)} failed in all, {len(late)} after the first 3 s",
        )
        stack.redis_start()
    finally:
        stop.set()
        for w in workers:
            w.join()

    # Writes: every acknowledged note exactly once.
    stored = psql(
        f"SELECT text, count(*) FROM citizens_casenote WHERE text LIKE 'stack {run_id} %' GROUP BY text"
    )
    counts = dict(line.split("|") for line in stored.splitlines() if line)
    lost = [t for t in rec.acknowledged if t not in counts]
    duplicated = [t for t, c in counts.items() if int(c) > 1]
    writes = [r for r in rec.results if r.kind == "write note"]
    table.add(
        "acknowledged writes",
        writes,
        not lost and not duplicated,
        f"{len(rec.acknowledged)} acknowledged, {len(lost)} lost, {len(duplicated)} duplicated, "
        f"{len(counts) - len(rec.acknowledged) + len(lost)} stored without an answer",
    )
    verify = subprocess.run(
        [sys.executable, str(stack.ROOT / "manage.py"), "verify_audit"],
        env=stack.app_env(),
        cwd=stack.ROOT,
        capture_output=True,
        text=True,
    )
    events = psql("SELECT count(*) FROM portal_auditevent")
    table.add(
        "audit hash chain",
        [],
        verify.returncode == 0,
        f"{events} events; {(verify.stdout + verify.stderr).strip()}",
    )
    print()
    print(
        f"make stack-test: {CLIENTS} clients, {len(rec.results)} requests through haproxy (TLS), run {run_id}"
    )
    table.print()
    return 0 if all(row[5] for row in table.rows) else 1


if __name__ == "__main__":
    code = main()
    if os.environ.get("STACK_KEEP") != "1":
        stack.stop()
    sys.exit(code)
