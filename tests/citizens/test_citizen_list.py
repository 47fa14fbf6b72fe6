"""The list: opens on "mine", filters in the query string, 25 per page, masked CPR and age."""

import pytest
from django.urls import reverse

from citizens import services
from citizens.models import CaseNote


def names(response) -> list[str]:
    return [c.last_name for c in response.context["citizens"]]


def test_it_opens_on_my_open_cases(citizen, make_citizen, caseworker, colleague, caseworker_client):
    make_citizen(by=colleague, last_name="Kollega")
    closed = make_citizen(by=caseworker, last_name="Lukket")
    services.citizen_close(citizen=closed, by=caseworker, reason="Job")
    response = caseworker_client.get(reverse("citizens:list"))
    assert names(response) == ["Jensen"]
    html = response.content.decode()
    assert "211062-XXXX" in html and "5629" not in html
    assert f"{citizen.age} år" in html


def test_filters_all_status_target_group_and_caseworker(
    citizen, make_citizen, caseworker, colleague, caseworker_client
):
    make_citizen(by=colleague, last_name="Kollega", target_group_id="dagpenge")
    closed = make_citizen(by=caseworker, last_name="Lukket")
    services.citizen_close(citizen=closed, by=caseworker, reason="Job")
    url = reverse("citizens:list")
    assert names(caseworker_client.get(url, {"scope": "all"})) == ["Jensen", "Kollega"]
    assert names(caseworker_client.get(url, {"status": "closed"})) == ["Lukket"]
    assert names(caseworker_client.get(url, {"status": "all"})) == ["Jensen", "Lukket"]
    assert names(caseworker_client.get(url, {"scope": "all", "target_group": "dagpenge"})) == ["Kollega"]
    assert names(caseworker_client.get(url, {"caseworker": colleague.pk})) == ["Kollega"]


def test_name_search_matches_every_word(citizen, make_citizen, caseworker, caseworker_client):
    make_citizen(by=caseworker, first_name="Mette", last_name="Hansen")
    url = reverse("citizens:list")
    assert names(caseworker_client.get(url, {"q": "mette"})) == ["Hansen", "Jensen"]
    assert names(caseworker_client.get(url, {"q": "mette jen"})) == ["Jensen"]


def test_it_pages_by_25(make_citizen, caseworker, caseworker_client):
    for i in range(27):
        make_citizen(by=caseworker, last_name=f"Navn{i:02d}")
    response = caseworker_client.get(reverse("citizens:list"))
    assert len(response.context["citizens"]) == 25
    assert "Side 1 af 2" in response.content.decode()
    response = caseworker_client.get(reverse("citizens:list"), {"page": 2})
    assert names(response) == ["Navn25", "Navn26"]


def test_htmx_gets_only_the_results(citizen, caseworker_client):
    response = caseworker_client.get(reverse("citizens:list"), HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode() and "Jensen" in response.content.decode()


def _seed(make_citizen, caseworker, n: int) -> None:
    for i in range(n):
        c = make_citizen(by=caseworker, last_name=f"Navn{i:03d}", target_group_id="dagpenge")
        CaseNote.objects.create(citizen=c, author=caseworker, text="x")
        c.challenge_areas.set(["misbrug", "sprogbarriere"])


@pytest.mark.parametrize("url_name", ["citizens:list", "citizens:detail"])
def test_query_count_is_constant_from_1_to_200_citizens_with_notes(
    url_name, make_citizen, caseworker, caseworker_client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _seed(make_citizen, caseworker, 1)
    first = caseworker.citizens.order_by("pk").first()
    url = reverse(url_name, args=[first.pk]) if url_name == "citizens:detail" else reverse(url_name)
    with CaptureQueriesContext(connection) as at_one:
        assert caseworker_client.get(url).status_code == 200
    _seed(make_citizen, caseworker, 199)
    for i in range(199):
        CaseNote.objects.create(citizen=first, author=caseworker, text=f"note {i}")
    with django_assert_max_num_queries(len(at_one.captured_queries)):
        response = caseworker_client.get(url)
    assert response.status_code == 200
    if url_name == "citizens:detail":
        assert response.content.decode().count('class="card mb-2"') == 200
    else:
        assert len(response.context["citizens"]) == 25
