"""Case pages: Danish dates in the logs, the close refusal shown before the form is
filled in, the access report CSV's details column, the reassign select, singular/plural counts, and
the CPR number kept on one line on a phone."""

import csv
import datetime
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from citizens.models import CaseNote
from portal.core.audit import audit_log
from portal.core.audit_display import event_summary
from portal.core.models import AuditAction, AuditEvent
from tests.audit_helpers import backdate_event
from tests.citizen_data_helpers import contributing

OPEN_PLACEMENTS = "Borgeren har åbne forløb. Afslut dem, før sagen afsluttes."
ENGLISH_MONTHS = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b")
ENGLISH_DAYS = re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b")
UTC = datetime.UTC


def _event_at(event: AuditEvent, when: datetime.datetime) -> AuditEvent:
    backdate_event(event, when)
    return event


def _table(html: str) -> str:
    return html[html.index("<table") : html.index("</table>")]


@pytest.fixture
def refusing_receiver():
    def refuse(citizen):
        return OPEN_PLACEMENTS

    with contributing(close_veto=refuse):
        yield refuse


# 1. Danish month names, local time (Europe/Copenhagen), no seconds.


@pytest.mark.parametrize(
    ("utc", "shown"),
    [
        (datetime.datetime(2026, 11, 27, 14, 4, 59, tzinfo=UTC), "27. november 2026 15:04"),  # CET
        (datetime.datetime(2026, 5, 3, 6, 30, 0, tzinfo=UTC), "3. maj 2026 08:30"),  # CEST
    ],
)
def test_the_audit_log_and_access_report_show_danish_dates_in_local_time(
    citizen, caseworker, team_lead_client, utc, shown
):
    event = audit_log(action=AuditAction.CPR_REVEAL, user=caseworker, target=citizen)
    _event_at(event, utc)
    for url in ("/audit/", reverse("citizens:access_report", args=[citizen.pk])):
        table = _table(team_lead_client.get(url).content.decode())
        assert shown in table
        assert not ENGLISH_MONTHS.search(table) and not ENGLISH_DAYS.search(table)
        assert f"{shown}:" not in table  # minutes, not seconds


def test_no_citizens_or_audit_template_uses_an_english_abbreviation():
    """`M`, `N`, `D`, `b`, `E`, `l`, `r` give English-ish words; Danish pages use `j. F Y H:i`."""
    roots = [Path(settings.BASE_DIR) / "templates" / name for name in ("citizens", "audit")]
    formats = [
        fmt
        for root in roots
        for path in root.glob("*.html")
        for fmt in re.findall(r"""\|date:["']([^"']*)["']""", path.read_text())
    ]
    assert formats  # the check reads something
    assert [fmt for fmt in formats if fmt != "c" and re.search(r"(?<!\\)[MNDbElr]", fmt)] == []


def test_the_readable_export_shows_danish_dates(citizen, caseworker, team_lead_client):
    note = citizen.notes.get()
    CaseNote.objects.filter(pk=note.pk).update(created_at=datetime.datetime(2026, 11, 27, 14, 4, tzinfo=UTC))
    html = team_lead_client.get(reverse("citizens:export_html", args=[citizen.pk])).content.decode()
    assert "27. november 2026 15:04" in html
    assert "21. oktober 1862" in html  # the birth date (serial 5xxx with year 62: the 1800s)
    assert not re.search(r"\d{4}-\d\d-\d\dT", html)


# 2. The close refusal appears on GET, before the form is filled in.


def test_the_close_page_shows_the_refusal_before_the_form_is_filled_in(
    citizen, caseworker_client, refusing_receiver
):
    response = caseworker_client.get(reverse("citizens:close", args=[citizen.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    alert = re.search(r'<div class="alert alert-danger" role="alert"[^>]*>(.*?)</div>', html, re.S)
    assert alert and OPEN_PLACEMENTS in alert.group(1)
    assert f'href="{reverse("citizens:detail", args=[citizen.pk])}"' in alert.group(1)
    assert html.index("</h1>") < html.index('role="alert"') < html.index('name="reason"')  # at the top
    submit = re.search(r'<input type="submit"[^>]*name="close"[^>]*>', html).group(0)
    assert "disabled" in submit
    assert re.search(r'<input[^>]*name="reason"[^>]*disabled', html)
    assert AuditEvent.objects.filter(action=AuditAction.CITIZEN_VIEW, detail={"page": "close"}).exists()


def test_the_close_page_without_a_refusal_has_no_alert_and_an_enabled_button(citizen, caseworker_client):
    html = caseworker_client.get(reverse("citizens:close", args=[citizen.pk])).content.decode()
    assert 'role="alert"' not in html
    submit = re.search(r'<input type="submit"[^>]*name="close"[^>]*>', html).group(0)
    assert "disabled" not in submit


def test_a_refused_post_shows_the_refusal_once_and_closes_nothing(
    citizen, caseworker_client, refusing_receiver
):
    response = caseworker_client.post(
        reverse("citizens:close", args=[citizen.pk]), {"reason": "Job", "closed_at": datetime.date.today()}
    )
    assert response.content.decode().count(OPEN_PLACEMENTS) == 1
    citizen.refresh_from_db()
    assert citizen.status == "active"
    assert not AuditEvent.objects.filter(action=AuditAction.CITIZEN_CLOSE).exists()


# 3. The access report CSV has the page's "Detaljer" column.


def test_the_access_report_csv_has_the_details_column(citizen, caseworker_client, team_lead_client):
    caseworker_client.get(reverse("citizens:close", args=[citizen.pk]))
    caseworker_client.get(reverse("citizens:list"), {"q": "Jensen"})
    page = team_lead_client.get(reverse("citizens:access_report", args=[citizen.pk])).content.decode()
    text = team_lead_client.get(reverse("citizens:access_report_csv", args=[citizen.pk])).content.decode()
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Tidspunkt", "Bruger", "Handling", "Detaljer", "IP-adresse"]
    details = {row[3] for row in rows[1:]}
    assert {"afslutningsside", "1 borger vist; søgning: Jensen"} <= details
    for detail in details - {""}:
        assert detail in page  # the same text as the page


def test_the_details_cell_is_defused_like_the_others(citizen, caseworker, team_lead_client):
    audit_log(action=AuditAction.CITIZEN_VIEW, user=caseworker, target=citizen, detail={"format": "=cmd"})
    text = team_lead_client.get(reverse("citizens:access_report_csv", args=[citizen.pk])).content.decode()
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert "'=CMD" in {row[3] for row in rows[1:]}


# 4. The reassign select: a Danish empty label, and not the current caseworker.


def test_the_reassign_select_asks_for_a_caseworker_and_leaves_out_the_current_one(
    citizen, caseworker, colleague, team_lead, team_lead_client
):
    html = team_lead_client.get(reverse("citizens:reassign", args=[citizen.pk])).content.decode()
    select = re.search(r'<select name="caseworker".*?</select>', html, re.S).group(0)
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)
    assert options[0] == ("", "Vælg sagsbehandler")
    assert "---------" not in select
    values = {value for value, _ in options}
    assert str(caseworker.pk) not in values
    assert {str(colleague.pk), str(team_lead.pk)} <= values


def test_reassigning_to_the_current_caseworker_is_refused(citizen, caseworker, team_lead_client):
    response = team_lead_client.post(
        reverse("citizens:reassign", args=[citizen.pk]), {"caseworker": caseworker.pk}
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert not AuditEvent.objects.filter(action=AuditAction.CITIZEN_REASSIGN).exists()


# 5. Singular and plural.


@pytest.mark.parametrize(
    ("ids", "text"), [([7], "1 borger vist"), ([7, 8], "2 borgere vist"), ([], "0 borgere vist")]
)
def test_the_list_summary_counts_in_singular_and_plural(ids, text):
    assert event_summary(AuditEvent(detail={"ids": ids})) == text


def test_the_audit_page_says_one_citizen_shown(citizen, caseworker_client, team_lead_client):
    caseworker_client.get(reverse("citizens:list"))
    html = team_lead_client.get("/audit/").content.decode()
    assert "1 borger vist" in html and "1 borgere" not in html


# 6. On a phone the CPR number stays on one line; the tables scroll instead of the page.


def test_the_cpr_number_has_the_no_wrap_class_everywhere_it_is_shown(citizen, caseworker_client):
    css = (Path(settings.BASE_DIR) / "static" / "css" / "brobygger.css").read_text()
    assert re.search(r"\.citizen-cpr\s*\{\s*white-space:\s*nowrap;\s*\}", css)
    listing = caseworker_client.get(reverse("citizens:list")).content.decode()
    assert re.search(r'<td class="[^"]*\bcitizen-cpr\b[^"]*">211062-XXXX</td>', listing)
    detail = caseworker_client.get(reverse("citizens:detail", args=[citizen.pk])).content.decode()
    assert re.search(r'id="cpr-value" class="[^"]*\bcitizen-cpr\b', detail)
    for url, headers in [
        (reverse("citizens:reveal_cpr", args=[citizen.pk]), {}),
        (reverse("citizens:reveal_cpr", args=[citizen.pk]), {"HX-Request": "true"}),
    ]:
        revealed = caseworker_client.post(url, headers=headers).content.decode()
        assert re.search(r'class="[^"]*\bcitizen-cpr\b[^"]*"[^>]*>211062-5629<', revealed)
    for html in (listing, detail):
        assert 'style="' not in html


def test_the_list_and_audit_tables_scroll_inside_table_responsive(
    citizen, caseworker_client, team_lead_client
):
    pages = [
        caseworker_client.get(reverse("citizens:list")),
        team_lead_client.get("/audit/"),
        team_lead_client.get(reverse("citizens:access_report", args=[citizen.pk])),
        team_lead_client.get(reverse("citizens:export_html", args=[citizen.pk])),
    ]
    for response in pages:
        html = response.content.decode()
        tables = html.count("<table")
        assert tables and len(re.findall(r'<div class="table-responsive">\s*<table', html)) == tables
