"""htmx lists, one way (portal/core/htmx.py): an htmx swap gets the results only, everything else
(a first visit, Back after htmx pushed a URL) gets the whole page, and every answer says it varies
by `HX-Request` so no cache hands one shape to the other."""

import pytest
from django.urls import reverse

from tests.conftest import client_for

pytestmark = pytest.mark.django_db

LISTS = [
    ("caseworker", "enterprises:list"),
    ("caseworker", "citizens:list"),
    ("caseworker", "matching:placements"),
    ("team_lead", "audit:list"),
    ("admin_user", "enterprises:corrections"),
]
FRAGMENT = {"HX-Request": "true"}
RESTORE = {"HX-Request": "true", "HX-History-Restore-Request": "true"}


@pytest.fixture
def client_as(request):
    return lambda fixture: client_for(request.getfixturevalue(fixture))


@pytest.mark.parametrize(("who", "url_name"), LISTS)
def test_an_htmx_swap_gets_the_results_with_their_heading(client_as, who, url_name):
    response = client_as(who).get(reverse(url_name), headers=FRAGMENT)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<header" not in html
    assert 'id="results-heading"' in html and "data-result-count" in html
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize(("who", "url_name"), LISTS)
def test_a_history_restore_gets_the_whole_page(client_as, who, url_name):
    response = client_as(who).get(reverse(url_name), headers=RESTORE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html and "<header" in html and "<h1" in html and "<form" in html
    assert 'id="results-heading"' in html
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize(("who", "url_name"), LISTS)
def test_a_plain_visit_gets_the_whole_page_and_varies_too(client_as, who, url_name):
    response = client_as(who).get(reverse(url_name))
    assert "<html" in response.content.decode()
    assert "HX-Request" in response["Vary"]
