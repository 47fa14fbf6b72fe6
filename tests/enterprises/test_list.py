from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from enterprises.models import EnterpriseKind, EnterpriseStatus
from tests.enterprises.conftest import make_enterprise

URL = "/enterprises/"


def names(response) -> list[str]:
    return [e.name for e in response.context["rows"]]


def test_anonymous_is_sent_to_login(db):
    response = Client().get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["caseworker_client", "team_lead_client", "admin_client_", "outsider_client"])
def test_every_role_may_browse_the_register(request, who, enterprise):
    response = request.getfixturevalue(who).get(URL)
    assert response.status_code == 200
    assert "<h1" in response.content.decode()
    assert "Café Bro" in names(response)


def test_free_text_searches_name_cvr_description_and_town(caseworker_client, enterprise):
    make_enterprise("Grønne Hænder", postcode="5000", description="Parkpleje")
    assert names(caseworker_client.get(URL, {"q": "café"})) == ["Café Bro"]
    assert names(caseworker_client.get(URL, {"q": enterprise.cvr[:5]})) == ["Café Bro"]
    assert names(caseworker_client.get(URL, {"q": "frokost"})) == ["Café Bro"]
    assert names(caseworker_client.get(URL, {"q": "Odense"})) == ["Grønne Hænder"]


def test_it_filters_by_municipality_and_placement_type_with_free_places(caseworker_client):
    make_enterprise("Aarhus praktik", postcode="8000", offers={"virksomhedspraktik": 1})
    make_enterprise("Aarhus løntilskud", postcode="8000", offers={"loentilskud": 1})
    full = make_enterprise("Aarhus fuld", postcode="8000", offers={"virksomhedspraktik": 1})
    full.offers.update(places_taken=1)
    make_enterprise("Odense praktik", postcode="5000", offers={"virksomhedspraktik": 1})
    params = {"municipality": "751", "placement_type": "virksomhedspraktik"}
    assert names(caseworker_client.get(URL, params)) == ["Aarhus fuld", "Aarhus praktik"]
    assert names(caseworker_client.get(URL, {**params, "free_places": "on"})) == ["Aarhus praktik"]
    assert names(caseworker_client.get(URL, {"free_places": "on", "region": "1083"})) == ["Odense praktik"]


def test_only_free_places_leaves_out_paused_enterprises(caseworker_client):
    make_enterprise("Aktiv praktik", offers={"virksomhedspraktik": 2})
    make_enterprise("Pause praktik", offers={"virksomhedspraktik": 2}, status=EnterpriseStatus.PAUSED)
    assert names(caseworker_client.get(URL)) == ["Aktiv praktik", "Pause praktik"]
    assert names(caseworker_client.get(URL, {"free_places": "on"})) == ["Aktiv praktik"]
    typed = {"free_places": "on", "placement_type": "virksomhedspraktik"}
    assert names(caseworker_client.get(URL, typed)) == ["Aktiv praktik"]


def test_it_filters_by_target_group_challenge_kind_rsv_and_support(caseworker_client):
    make_enterprise(
        "A", target_groups=["dagpenge"], challenge_areas=["misbrug"], rsv_registered=True, has_mentor=True
    )
    make_enterprise("B", kind=EnterpriseKind.SOCIALLY_RESPONSIBLE, has_mentor=True, has_job_coach=True)
    assert names(caseworker_client.get(URL, {"target_group": "dagpenge"})) == ["A"]
    assert names(caseworker_client.get(URL, {"challenge_area": "misbrug"})) == ["A"]
    assert names(caseworker_client.get(URL, {"kind": "socialt_ansvarlig"})) == ["B"]
    assert names(caseworker_client.get(URL, {"rsv": "on"})) == ["A"]
    assert names(caseworker_client.get(URL, {"support": ["has_mentor", "has_job_coach"]})) == ["B"]


def test_archived_enterprises_are_for_admins_only(caseworker_client, admin_client_):
    make_enterprise("Arkivet", status=EnterpriseStatus.ARCHIVED)
    make_enterprise("Aktiv")
    assert names(caseworker_client.get(URL, {"status": "archived"})) == ["Aktiv"]
    assert names(admin_client_.get(URL)) == ["Aktiv"]
    assert names(admin_client_.get(URL, {"status": "archived"})) == ["Arkivet"]


def test_names_sort_by_name_and_by_distance_from_a_postcode(caseworker_client):
    make_enterprise("Nordjysk værksted", postcode="9000")
    make_enterprise("Odense café", postcode="5000")
    make_enterprise("Midtjysk have", postcode="8000")
    assert names(caseworker_client.get(URL)) == ["Midtjysk have", "Nordjysk værksted", "Odense café"]
    response = caseworker_client.get(URL, {"sort": "distance", "from_postcode": "5000"})
    assert names(response) == ["Odense café", "Midtjysk have", "Nordjysk værksted"]
    assert response.context["rows"][0].distance_km < 5
    assert "km" in response.content.decode()


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="Danish ICU collation needs PostgreSQL")
def test_names_sort_in_danish_order_on_postgresql(caseworker_client):
    for name in ["Ålborg Cykler", "Ørnen", "Zebra", "Æblehaven", "Bageriet"]:
        make_enterprise(name)
    assert names(caseworker_client.get(URL)) == ["Bageriet", "Zebra", "Æblehaven", "Ørnen", "Ålborg Cykler"]


def test_an_unknown_sort_postcode_is_a_danish_error_and_falls_back_to_name(caseworker_client, enterprise):
    response = caseworker_client.get(URL, {"sort": "distance", "from_postcode": "0000"})
    assert response.status_code == 200
    assert "Ukendt postnummer." in response.content.decode()


def test_entries_not_verified_for_a_year_are_marked(caseworker_client):
    make_enterprise("Gammel", last_verified_at=timezone.now() - timedelta(days=400))
    make_enterprise("Frisk")
    html = caseworker_client.get(URL).content.decode()
    assert html.count("Ikke verificeret i 12 måneder") == 1
    assert names(caseworker_client.get(URL, {"stale": "on"})) == ["Gammel"]


def test_it_pages_25_at_a_time_with_a_count(caseworker_client):
    for i in range(30):
        make_enterprise(f"Firma {i:02d}")
    first = caseworker_client.get(URL)
    assert len(first.context["rows"]) == 25
    assert "30 virksomheder" in first.content.decode()
    assert len(caseworker_client.get(URL, {"page": 2}).context["rows"]) == 5


def test_a_script_name_is_shown_escaped(caseworker_client):
    make_enterprise("<script>alert(1)</script>")
    html = caseworker_client.get(URL).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("count", [1, 200])
def test_the_list_runs_a_constant_number_of_queries(caseworker_client, django_assert_max_num_queries, count):
    # 20 = session, user, filter values, count, page, offers, plus the filter form's fragment cache
    # (a miss reads and writes the database cache; a hit is one query and skips the form's choices).
    for i in range(count):
        make_enterprise(
            f"Firma {i}",
            offers={"virksomhedspraktik": 2, "fleksjob": 1},
            target_groups=["dagpenge"],
            challenge_areas=["misbrug"],
        )
    with django_assert_max_num_queries(20):
        response = caseworker_client.get(URL, {"q": "Firma", "free_places": "on", "municipality": "751"})
    assert response.status_code == 200
    with django_assert_max_num_queries(20):
        caseworker_client.get(URL, {"sort": "distance", "from_postcode": "8000"})


def test_pagination_has_page_numbers_first_and_last_and_keeps_the_filters(caseworker_client, monkeypatch):
    from enterprises.views import browse

    monkeypatch.setattr(browse, "PAGE_SIZE", 2)
    for i in range(24):
        make_enterprise(f"Firma {i:02d}")
    html = caseworker_client.get(URL, {"q": "Firma", "page": 6}).content.decode()
    nav = html[html.index('<nav aria-label="Sider"') :]
    nav = nav[: nav.index("</nav>")]
    assert '<span class="page-link" aria-current="page">6</span>' in nav
    for number in [1, 4, 5, 7, 8, 12]:
        assert f'href="?q=Firma&amp;page={number}"' in nav
    for number in [2, 3, 9, 10, 11]:
        assert f'page={number}"' not in nav
    assert nav.count("…") == 2
    assert "Forrige" in nav and "Næste" in nav
