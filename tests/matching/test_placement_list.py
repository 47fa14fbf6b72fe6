"""`/placements/`: search, filters, sortable columns, finished placements one click away; and the
archived enterprise a caseworker still works with."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from enterprises import services as enterprise_services
from matching import services
from portal.core.models import AuditAction, AuditEvent
from tests.conftest import client_for

from .conftest import make_citizen, make_enterprise, make_placement

URL = reverse("matching:placements")


@pytest.fixture
def history(jobcenter, caseworker, outsider):
    kompas = make_enterprise(name="Café Kompasset", offers={"virksomhedspraktik": 5}, fte="50")
    bryg = make_enterprise(name="Bryggeriet Ådalen", offers={"virksomhedspraktik": 5}, fte="50")
    open_one = make_placement(
        citizen=make_citizen(
            jobcenter=jobcenter, caseworker=caseworker, first_name="Yrsa", last_name="Ingemann"
        ),
        enterprise=kompas,
        by=caseworker,
        status="active",
    )
    finished = make_placement(
        citizen=make_citizen(jobcenter=jobcenter, caseworker=caseworker, first_name="Åge", last_name="Zacho"),
        enterprise=bryg,
        by=caseworker,
        status="active",
    )
    type(finished).objects.filter(pk=finished.pk).update(start_date=timezone.localdate() - timedelta(days=30))
    services.placement_transition(
        placement=finished,
        to_status="completed",
        by=caseworker,
        outcome="education",
        ended_on=timezone.localdate() - timedelta(days=2),
    )
    foreign = make_placement(
        citizen=make_citizen(
            jobcenter=outsider.jobcenter,
            caseworker=outsider,
            postcode="5000",
            first_name="Yrsa",
            last_name="Odense",
        ),
        enterprise=make_enterprise(name="Café Kompasset Odense", postcode="5000"),
        by=outsider,
    )
    return {"open": open_one, "finished": finished, "foreign": foreign, "kompas": kompas}


def _html(client, **params):
    return client.get(URL, params).content.decode()


def test_search_finds_a_placement_by_citizen_name_or_enterprise_never_another_jobcenters(
    caseworker_client, history
):
    html = _html(caseworker_client, q="yrsa")
    assert "Yrsa Ingemann" in html and "Yrsa Odense" not in html
    html = _html(caseworker_client, q="kompas")
    assert "Yrsa Ingemann" in html and "Café Kompasset Odense" not in html
    assert "Åge Zacho" not in _html(caseworker_client, q="kompas", status="all")


def test_finished_placements_are_one_click_away_with_outcome_and_actual_end(caseworker_client, history):
    html = _html(caseworker_client)
    assert "Åge Zacho" not in html and "?status=finished" in html.replace("&amp;", "&")
    html = _html(caseworker_client, status="finished")
    assert "Åge Zacho" in html and "Uddannelse" in html and "Yrsa Ingemann" not in html
    assert date_format(timezone.localdate() - timedelta(days=2)) in html  # the actual end date


def test_columns_sort_and_a_second_click_reverses(caseworker_client, history):
    html = _html(caseworker_client, status="all", sort="citizen")
    assert html.index("Yrsa Ingemann") < html.index("Åge Zacho")  # Ingemann before Zacho
    html = _html(caseworker_client, status="all", sort="-citizen")
    assert html.index("Åge Zacho") < html.index("Yrsa Ingemann")
    assert 'aria-sort="descending"' in html
    assert "sort=citizen" in html  # the header now offers the other direction


def test_htmx_gets_only_the_results_and_the_list_audits_the_citizens_shown(caseworker_client, history):
    response = caseworker_client.get(URL, {"q": "Yrsa"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "Yrsa Ingemann" in html
    event = AuditEvent.objects.filter(action=AuditAction.PLACEMENT_LIST).latest("pk")
    assert event.detail["ids"] == [history["open"].citizen_id]


def test_nonsense_sort_falls_back_to_latest_change(caseworker_client, history):
    response = caseworker_client.get(URL, {"sort": "'; drop table", "status": "all"})
    assert response.status_code == 200


# --- archived enterprise --------------------------------------------------------------------------
def test_archiving_with_open_placements_warns_and_lists_them_without_citizen_names(admin_client_, history):
    url = reverse("enterprises:archive", args=[history["kompas"].pk])
    html = admin_client_.get(url).content.decode()
    assert "Virksomheden har 1 åbent forløb" in html
    assert f"<td>{history['open'].pk}</td>" in html and "Jobcenter Aarhus" in html
    assert "Yrsa" not in html


def test_a_caseworker_with_an_open_placement_keeps_a_read_only_view_of_the_archived_enterprise(
    caseworker_client, colleague, admin_user, history
):
    enterprise_services.enterprise_archive(enterprise=history["kompas"], by=admin_user)
    detail = reverse("enterprises:detail", args=[history["kompas"].pk])
    response = caseworker_client.get(detail)
    html = response.content.decode()
    assert response.status_code == 200 and "kun læse" in html
    assert "Find kandidater" not in html and "Er noget forkert?" not in html
    assert client_for(colleague).get(detail).status_code == 404  # no open placement there
    services.placement_transition(
        placement=history["open"],
        to_status="completed",
        by=history["open"].created_by,
        outcome="education",
        ended_on=timezone.localdate(),
    )
    assert caseworker_client.get(detail).status_code == 404
