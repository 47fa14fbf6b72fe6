#!/usr/bin/env python
"""`make bench`: performance budgets (docs/architecture.md), measured on PostgreSQL, printed as a table.

Each `bench/bench_*.py` module has `run(ctx) -> None` and records figures through `ctx` (bench/common.py).
Data is generated once into the database `brobygger_bench` (override with BENCH_DATABASE_URL) and
reused on later runs; `BENCH_RESET=1` drops it first.
"""

import importlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/brobygger_bench"


def ensure_database(url: str) -> None:
    if not url.startswith("postgres"):
        return
    name = url.rsplit("/", 1)[-1]
    base = url.rsplit("/", 1)[0] + "/postgres"
    import psycopg

    with psycopg.connect(base, autocommit=True) as conn:
        if os.environ.get("BENCH_RESET"):
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def main() -> int:
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("FAST_PASSWORD_HASHER", "1")
    # One JSON line per request would flood the table (and time stderr, not the page).
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    ensure_database(url)
    subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput", "-v0"], check=True)

    import django

    django.setup()
    from bench.common import Context

    ctx = Context()
    only = sys.argv[1:]
    for path in sorted((ROOT / "bench").glob("bench_*.py")):
        if only and not any(word in path.stem for word in only):
            continue
        module = importlib.import_module(f"bench.{path.stem}")
        print(f"== {path.stem}", flush=True)
        module.run(ctx)
    ctx.print_table()
    return 1 if ctx.over_budget() else 0


if __name__ == "__main__":
    sys.exit(main())
