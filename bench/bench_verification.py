"""Register upkeep at national scale: the verification queue over 20,000 enterprises, and a 100,000-row
CSV import run as a job by the real worker (a separate `manage.py db_worker` process) with its
progress watched from here."""

import os
import random
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection
from django.utils import timezone

from bench.bench_enterprises import generate
from bench.common import Figure
from enterprises.demo import cvr_numbers
from enterprises.models import Enterprise, ImportJob, ImportStatus, VerificationRequest, VerificationState
from enterprises.tasks import run_import
from enterprises.verify.tokens import new_token
from portal.core.models import Role, User

ROOT = Path(__file__).resolve().parent.parent
IMPORT_ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "100000"))
HEADER = "cvr;navn;postnummer;tilbud;maalgrupper;type"


def _requests() -> None:
    """Open requests for every tenth enterprise, so the "requested" and "call" tabs have rows."""
    if VerificationRequest.objects.exists():
        return
    now = timezone.now()
    rows = []
    for i, pk in enumerate(Enterprise.objects.order_by("pk").values_list("pk", flat=True)[::10]):
        state = VerificationState.NO_ANSWER if i % 3 == 0 else VerificationState.REQUESTED
        rows.append(
            VerificationRequest(
                enterprise_id=pk,
                token_hash=new_token()[1],
                sent_to="x@example.dk",
                expires_at=now,
                state=state,
            )
        )
    VerificationRequest.objects.bulk_create(rows, batch_size=2000)


def _csv(rows: int) -> bytes:
    rng = random.Random(100_000)
    taken = set(Enterprise.objects.values_list("cvr", flat=True))
    cvrs = [c for c in cvr_numbers(rng, rows + len(taken)) if c not in taken][:rows]
    postcodes = ["8000", "5000", "2100", "9000", "7100", "4000"]
    lines = [HEADER] + [
        f"{cvr};Importeret {i};{rng.choice(postcodes)};virksomhedspraktik:{rng.randint(1, 4)};dagpenge;Socialoekonomisk"
        for i, cvr in enumerate(cvrs)
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def _import(ctx, admin: User) -> None:
    data = _csv(IMPORT_ROWS)
    job = ImportJob.objects.create(
        created_by=admin, pending_token=f"bench-{time.time_ns()}", filename="bench.csv", data=data
    )
    run_import.enqueue(job.pk)
    started = time.perf_counter()
    worker = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "db_worker", "--batch", "--no-startup-delay", "-v0"],
        env={**os.environ, "DATABASE_URL": os.environ["DATABASE_URL"]},
    )
    seen = set()
    while worker.poll() is None:
        seen.add(ImportJob.objects.filter(pk=job.pk).values_list("processed_rows", flat=True)[0])
        time.sleep(0.5)
    elapsed = time.perf_counter() - started
    job.refresh_from_db()
    steps = sorted(v for v in seen if 0 < v < job.total_rows)
    ctx.figures.append(
        Figure(
            f"import job: {IMPORT_ROWS:,} rows, real worker",
            elapsed * 1000,
            elapsed * 1000,
            60_000,
            note=f"{job.status}, {job.created_count} created, progress seen at {len(steps)} steps",
            passed=job.status == ImportStatus.DONE and len(steps) > 0,
        )
    )
    # The bench data stays at 20k for the other modules.
    Enterprise.objects.filter(name__startswith="Importeret ").delete()


def run(ctx) -> None:
    generate()
    _requests()
    admin, _ = User.objects.get_or_create(username="bench-verification-admin", defaults={"role": Role.ADMIN})
    client = ctx.client_for(admin)
    for tab in ("due", "requested", "call", "answered"):
        ctx.time_request(
            f"verification queue: {tab}, 20k enterprises", client, f"/enterprises/verification/?tab={tab}"
        )
    ctx.time_request("admin home with register health", client, "/")
    if connection.vendor == "postgresql":
        _import(ctx, admin)
