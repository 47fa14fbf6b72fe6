"""One JSON log line per request, a request id in every line and in `X-Request-ID`, tokens masked."""

import io
import json
import logging

import pytest

from portal.core import log_paths
from portal.core.json_logging import JsonFormatter
from portal.core.log_paths import mask_path, register_secret_path


@pytest.fixture
def log_lines():
    console = next(h for h in logging.getLogger().handlers if isinstance(h.formatter, JsonFormatter))
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(console.formatter)
    for log_filter in console.filters:
        handler.addFilter(log_filter)
    logging.getLogger().addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logging.getLogger().removeHandler(handler)


@pytest.fixture
def registry():
    """Patterns registered by a test are gone after it."""
    saved = list(log_paths._patterns)
    yield
    log_paths._patterns[:] = saved


def test_each_request_is_one_json_line_with_who_what_and_how_long(caseworker_client, caseworker, log_lines):
    response = caseworker_client.get("/enterprises/", {"q": "noget"})

    (line,) = [e for e in log_lines() if e["logger"] == "portal.request"]
    assert set(line) >= {"time", "level", "request_id", "user_id", "method", "path", "status", "duration_ms"}
    assert line["user_id"] == caseworker.pk
    assert (line["method"], line["path"], line["status"], line["view"]) == (
        "GET",
        "/enterprises/",
        200,
        "enterprises:list",
    )
    assert line["level"] == "INFO" and line["duration_ms"] > 0
    assert response["X-Request-ID"] == line["request_id"]


def test_a_request_id_from_the_proxy_is_kept_and_a_forged_one_replaced(client, db, log_lines):
    kept = client.get("/healthz", headers={"X-Request-ID": "proxy-abc.123"})
    forged = client.get("/healthz", headers={"X-Request-ID": 'x" injected {"level": "ERROR"}'})

    assert kept["X-Request-ID"] == "proxy-abc.123"
    assert forged["X-Request-ID"] != 'x" injected {"level": "ERROR"}' and len(forged["X-Request-ID"]) == 32
    ids = [e["request_id"] for e in log_lines() if e["logger"] == "portal.request"]
    assert ids == ["proxy-abc.123", forged["X-Request-ID"]]


def test_every_line_written_while_serving_carries_the_request_id(caseworker_client, log_lines):
    caseworker_client.get("/enterprises/999999/")  # Django logs "Not Found" as well
    entries = log_lines()
    assert len(entries) >= 2
    assert len({e["request_id"] for e in entries}) == 1


def test_a_registered_token_path_is_masked(registry):
    register_secret_path(r"^/register/bekraeft/(?P<token>[^/]+)/")
    register_secret_path(r"^/kalender/(?P<feed>[^/]+)\.ics$")

    assert mask_path("/register/bekraeft/abc.def-ghi/?x=1") == "/register/bekraeft/***/"
    assert mask_path("/kalender/k3y.ics") == "/kalender/***.ics"
    assert mask_path("/enterprises/12/") == "/enterprises/12/"


def test_a_pattern_without_a_named_group_is_refused(registry):
    with pytest.raises(ValueError):
        register_secret_path(r"^/register/bekraeft/[^/]+/")


def test_unregistered_token_like_segments_and_cpr_numbers_are_masked_too():
    assert mask_path("/x/eyJhbGciOiJIUzI1NiJ9abcdef1234/") == "/x/***/"
    assert mask_path("/citizens/2110625629/") == "/citizens/***/"
    assert mask_path("/citizens/by/211062-5629") == "/citizens/by/***"
    assert mask_path("/enterprises/import/") == "/enterprises/import/"


def test_djangos_own_not_found_warning_names_the_masked_path(client, db, registry, log_lines):
    register_secret_path(r"^/register/bekraeft/(?P<token>[^/]+)/")
    client.get("/register/bekraeft/hemmelig-token-1/")
    raw = json.dumps(log_lines())
    assert "hemmelig-token-1" not in raw
    assert "/register/bekraeft/***/" in raw


def test_static_files_and_unknown_paths_are_labelled_without_their_path(client, db, log_lines):
    client.get("/static/css/brobygger.css")
    client.get("/no/such/page/")
    views = [(e["path"], e["view"]) for e in log_lines() if e["logger"] == "portal.request"]
    assert views == [("/static/css/brobygger.css", "static"), ("/no/such/page/", "unmatched")]
