"""Production logs never carry a citizen's name or CPR number: paths are logged without the query string,
and the CPR search is a POST whose number no log line repeats."""

import io
import json
import logging

import pytest
from django.conf import settings

from portal.core.json_logging import JsonFormatter

NAME = "Zebulonia Quixtrup"
CPR = "211062-5629"


@pytest.fixture
def distinctive_citizen(make_citizen, caseworker):
    first, last = NAME.split()
    return make_citizen(by=caseworker, cpr=CPR, first_name=first, last_name=last)


@pytest.fixture
def log_output():
    """What the configured console handler writes (same formatter and filter), from every logger."""
    console = next(h for h in logging.getLogger().handlers if isinstance(h.formatter, JsonFormatter))
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(console.formatter)
    for log_filter in console.filters:
        handler.addFilter(log_filter)
    root = logging.getLogger()
    root.addHandler(handler)
    yield stream
    root.removeHandler(handler)


def _log_lines(stream) -> list[dict]:
    lines = [line for line in stream.getvalue().splitlines() if line.strip()]
    return [json.loads(line) for line in lines]  # every line is one JSON object


def test_the_console_logs_json(log_output):
    assert settings.LOGGING["handlers"]["console"]["formatter"] == "json"


def test_name_search_and_cpr_search_leave_no_name_or_cpr_in_any_log_line(
    caseworker_client, distinctive_citizen, log_output
):
    by_name = caseworker_client.get("/citizens/", {"q": NAME, "scope": "all"})
    by_cpr = caseworker_client.post("/citizens/search/cpr/", {"cpr": CPR})
    missing = caseworker_client.get("/citizens/999999/", {"q": NAME})  # a 404 is logged by Django too

    assert NAME.split()[1] in by_name.content.decode()  # the search did find the citizen
    assert NAME.split()[1] in by_cpr.content.decode()
    assert missing.status_code == 404
    entries = _log_lines(log_output)
    raw = json.dumps(entries, ensure_ascii=False)
    for secret in (NAME, *NAME.split(), CPR, CPR.replace("-", ""), "211062"):
        assert secret not in raw
    requests = [e for e in entries if e["logger"] == "portal.request"]
    assert [(e["method"], e["path"], e["status"]) for e in requests] == [
        ("GET", "/citizens/", 200),
        ("POST", "/citizens/search/cpr/", 200),
        ("GET", "/citizens/999999/", 404),
    ]
