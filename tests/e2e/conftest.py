"""Browser tests: Playwright drives Debian's Chromium (never `playwright install`), axe-core checks WCAG.

Tests here use `live_server`, i.e. a transactional database that is emptied after each test; the
autouse `reference_data` fixture brings back municipalities, postcodes and codes before each test.
"""

import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from portal.core.demo import DEMO_PASSWORD
from tests.e2e.sent_html import SentHtml

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    missing = [
        what for what, ok in (("chromium", Path(CHROMIUM).exists()), ("axe-core", AXE_JS.exists())) if not ok
    ]
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.django_db(transaction=True))
            if missing and not os.environ.get("E2E_REQUIRED"):
                item.add_marker(pytest.mark.skip(reason=f"missing for browser tests: {', '.join(missing)}"))
    # The HTML check runs once, over what every other browser test made the server send: last.
    last = [item for item in items if item.get_closest_marker("after_every_page")]
    items[:] = [item for item in items if item not in last] + last


@pytest.fixture(scope="session", autouse=True)
def sent_html():
    """Every text/html answer of the live server in this run (tests/e2e/sent_html.py)."""
    recorder = SentHtml()
    undo = recorder.install()
    yield recorder
    undo()


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(autouse=True)
def _reference_data(reference_data):
    pass


@pytest.fixture
def demo_data(reference_data):
    # The test runner turns DEBUG off, which seed_demo reads as production.
    call_command("seed_demo", allow_production_demo=True, stdout=StringIO())


@pytest.fixture
def login(page, live_server):
    """`login("sagsbehandler")` signs in through the real login form."""

    def do_login(username: str, password: str = DEMO_PASSWORD) -> None:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Brugernavn").fill(username)
        page.get_by_label("Adgangskode").fill(password)
        page.get_by_role("button", name="Log ind").click()
        page.wait_for_load_state()

    return do_login


@pytest.fixture
def axe(page):
    """`axe()` returns WCAG 2.1 A/AA violations on the current page (empty list = clean)."""

    def run() -> list[dict]:
        # Evaluated through the DevTools protocol, which the page's CSP does not block (a <script> would be).
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
        result = page.evaluate(
            "async () => await axe.run(document, {runOnly: ['wcag2a','wcag2aa','wcag21a','wcag21aa']})"
        )
        return [
            {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
        ]

    return run


@pytest.fixture
def screenshot(page):
    def shoot(name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return shoot
