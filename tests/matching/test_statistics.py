"""Statistics: scoped by role, charts as SVG, tables and CSV files."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from matching.charts import bar_chart
from matching.statistics import statistics_for

from .conftest import make_citizen, make_enterprise, make_placement

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(jobcenter, other_jobcenter, caseworker, colleague, outsider):
    enterprise = make_enterprise(name="Genbrugsbutikken", offers={"virksomhedspraktik": 10})
    odense = make_enterprise(name="Odense Café", postcode="5000", offers={"virksomhedspraktik": 10})
    for status in ("completed", "completed", "active", "proposed"):
        make_placement(
            citizen=make_citizen(jobcenter=jobcenter, caseworker=caseworker),
            enterprise=enterprise,
            by=caseworker,
            status=status,
        )
    make_placement(
        citizen=make_citizen(jobcenter=jobcenter, caseworker=colleague),
        enterprise=enterprise,
        by=colleague,
        status="cancelled",
    )
    make_placement(
        citizen=make_citizen(jobcenter=other_jobcenter, caseworker=outsider, postcode="5000"),
        enterprise=odense,
        by=outsider,
        status="completed",
    )


def counts(stats):
    return dict(stats.by_status)


def test_a_caseworker_sees_their_own_caseload(history, caseworker):
    stats = statistics_for(caseworker)
    assert counts(stats) == {
        "Foreslået": 1,
        "Kontaktet": 0,
        "Aftalt": 0,
        "I gang": 1,
        "Afsluttet": 2,
        "Annulleret": 0,
    }
    assert stats.outcomes_total == 2 and stats.good_percent == 100
    assert stats.median_days_to_start == 0 and stats.started_count == 3
    assert stats.top_enterprises == [("Genbrugsbutikken", 4)]


def test_a_team_lead_sees_the_whole_jobcenter(history, team_lead):
    assert counts(statistics_for(team_lead))["Annulleret"] == 1
    assert counts(statistics_for(team_lead))["Afsluttet"] == 2


def test_an_admin_sees_national_counts_only(history, admin_user):
    stats = statistics_for(admin_user)
    assert counts(stats)["Afsluttet"] == 3
    assert stats.top_enterprises is None


def test_free_places_are_counted_per_type_in_the_jobcenters_municipalities(history, team_lead):
    free = {label: (free, places) for label, free, places in statistics_for(team_lead).free_places}
    assert free["Virksomhedspraktik"] == (9, 10)  # one active placement takes a place


def test_the_statistics_page_has_svg_charts_tables_and_csv_links(history, team_lead_client):
    response = team_lead_client.get(reverse("matching:statistics"))
    html = response.content.decode()
    assert response.status_code == 200
    # One chart and one table per section (status, outcomes, trend, 3 breakdowns, extensions, free
    # places, caseworkers, top enterprises).
    assert html.count("<svg") == 10 and html.count("<table") == 10
    assert 'style="' not in html
    assert reverse("matching:statistics_csv", args=["outcomes"]) in html


def test_the_admin_page_has_no_enterprise_names(history, admin_client_):
    html = admin_client_.get(reverse("matching:statistics")).content.decode()
    assert "Genbrugsbutikken" not in html
    assert admin_client_.get(reverse("matching:statistics_csv", args=["enterprises"])).status_code == 404


def test_csv_is_excel_friendly(history, caseworker_client):
    response = caseworker_client.get(reverse("matching:statistics_csv", args=["status"]))
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeffStatus;Antal")
    assert "Afsluttet;2" in body


def test_statistics_need_login(history):
    assert Client().get(reverse("matching:statistics")).status_code == 302


def test_statistics_queries_stay_constant(
    history, team_lead_client, jobcenter, caseworker, django_assert_max_num_queries
):
    url = reverse("matching:statistics")
    with django_assert_max_num_queries(20) as before:
        team_lead_client.get(url)
    enterprise = make_enterprise(offers={"virksomhedspraktik": 20})
    for _ in range(10):
        make_placement(
            citizen=make_citizen(jobcenter=jobcenter, caseworker=caseworker),
            enterprise=enterprise,
            by=caseworker,
            status="completed",
        )
    with django_assert_max_num_queries(len(before.captured_queries)):
        team_lead_client.get(url)


def test_bar_chart_scales_to_the_largest_value():
    chart = bar_chart("x", [("a", 10), ("b", 5), ("c", 0)])
    assert [bar.width for bar in chart.bars] == [360, 180, 0]
    assert bar_chart("x", [("a", 0)]).bars[0].width == 0


# --- statistics by period -------------------------------------------------------------------------
def test_the_period_defaults_to_the_last_12_months_and_bad_dates_are_refused(team_lead_client):
    from matching.period_statistics import Period

    html = team_lead_client.get(reverse("matching:statistics")).content.decode()
    assert Period.last_12_months(timezone.localdate()).label() in html
    response = team_lead_client.get(
        reverse("matching:statistics"), {"start": "2026-05-01", "end": "2026-01-01"}
    )
    assert response.status_code == 400 and "Til-datoen ligger før fra-datoen." in response.content.decode()


def test_small_counts_by_caseworker_and_target_group_show_as_under_5(history, team_lead_client):
    html = team_lead_client.get(reverse("matching:statistics")).content.decode()
    section = html[html.index('id="stat-caseworkers"') :]
    assert "&lt; 5" in section[: section.index("</table>")]
    section = html[html.index('id="stat-target-groups"') :]
    assert "&lt; 5" in section[: section.index("</table>")]


def test_excel_download_writes_every_cell_as_text(history, team_lead_client):
    import io

    from openpyxl import load_workbook

    from enterprises.models import Enterprise

    Enterprise.objects.update(name='=HYPERLINK("http://x")')
    response = team_lead_client.get(reverse("matching:statistics_xlsx", args=["enterprises"]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert any(cell.value.startswith("=HYPERLINK") for cell in cells)
    assert all(cell.data_type == "s" for cell in cells)


def test_the_monthly_trend_and_the_csv_follow_the_period(history, team_lead_client):
    today = timezone.localdate()
    params = {"start": today.replace(day=1).isoformat(), "end": today.isoformat()}
    html = team_lead_client.get(reverse("matching:statistics"), params).content.decode()
    section = html[html.index('id="stat-trend"') :]
    assert section[: section.index("</table>")].count("<tr>") == 2  # header + this month
    body = team_lead_client.get(reverse("matching:statistics_csv", args=["trend"]), params).content.decode()
    assert body.startswith("\ufeffMåned;Startet;Afsluttede;I job eller uddannelse")
