"""Valid HTML: the Nu Html Checker (vnu) finds no error in any page or htmx fragment the server sent
to the browser tests in this run, in one vnu run; and the check is proven to fail on a bad page."""

import json

import pytest

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.sent_html import FRAGMENT_PAGE, validate

GOOD = '<!doctype html><html lang="da"><head><meta charset="utf-8"><title>God</title></head><body><p>Hej</p></body></html>'
# The kinds of error the portal had: hx-* attributes, a duplicate type, a form inside a span,
# a <time> with microseconds and an empty name.
BAD = FRAGMENT_PAGE.format(
    '<form hx-get="/x"><input type="text" type="search" name="q"></form>'
    '<span><form method="post"><button name="">Vis</button></form></span>'
    '<time datetime="2026-01-01T10:00:00.123456+00:00">i dag</time>'
)


def test_the_checker_fails_on_a_known_bad_page_and_passes_a_good_one():
    errors = validate({"GET /bad": BAD, "GET /good": GOOD})
    assert "GET /good" not in errors
    found = " ".join(errors["GET /bad"])
    assert "hx-get" in found
    assert "Duplicate attribute" in found
    assert "datetime" in found
    assert len(errors["GET /bad"]) >= 4


@pytest.mark.after_every_page
def test_every_page_the_suite_visited_is_valid_html(sent_html):
    if not sent_html.documents:
        pytest.skip("no browser test ran before this one in this run: nothing was sent to check")
    errors = validate(sent_html.documents)
    if errors:  # the whole list, for whoever fixes them
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "vnu-errors.json").write_text(json.dumps(errors, indent=1, ensure_ascii=False))
    assert errors == {}
