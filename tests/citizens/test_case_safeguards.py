"""Safeguards around a case's life: other apps take part in purge and close (citizen data contract), reads of the
edit/close/reassign pages are audited, anonymised cases refuse writes, the closing date is bounded,
and the access report CSV cannot run formulas in Excel."""

import csv
import datetime
import io
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from citizens import services
from citizens.models import CaseNote, Citizen
from portal.core.audit_display import CASE_PAGES
from portal.core.csv_safety import FORMULA_STARTS
from portal.core.models import AuditAction, AuditEvent
from tests.citizen_data_helpers import contributing
from tests.citizens.conftest import citizen_form_data

OPEN_PLACEMENTS = "Borgeren har åbne forløb. Afslut dem, før sagen afsluttes."


def _closed(make_citizen, by, days_ago: int, **fields) -> Citizen:
    citizen = make_citizen(by=by, phone="12345678", **fields)
    CaseNote.objects.create(citizen=citizen, author=by, text="Følsom tekst")
    services.citizen_close(citizen=citizen, by=by, reason="Job")
    # Time passes: the case was closed `days_ago` (the service itself refuses more than 30 days back).
    Citizen.objects.filter(pk=citizen.pk).update(
        closed_at=timezone.localdate() - datetime.timedelta(days=days_ago)
    )
    return citizen


@pytest.fixture
def anonymised(make_citizen, caseworker) -> Citizen:
    citizen = _closed(make_citizen, caseworker, 400, last_name="Gammel")
    services.citizens_purge_closed(older_than_days=365)
    citizen.refresh_from_db()
    assert citizen.is_anonymised
    return citizen


@pytest.fixture
def refusing_receiver():
    def refuse(citizen):
        return OPEN_PLACEMENTS

    with contributing(close_veto=refuse):
        yield refuse


# 1. Purge tells other apps (matching removes placement free text) inside its transaction.


def test_purge_sends_the_purged_ids_after_anonymising_them(make_citizen, caseworker):
    expired = [_closed(make_citizen, caseworker, 400 + n) for n in range(2)]
    _closed(make_citizen, caseworker, 100)
    calls = []

    def erase(citizen_ids):
        anonymised = Citizen.objects.filter(pk__in=citizen_ids, anonymised_at__isnull=False).count()
        calls.append((sorted(citizen_ids), anonymised))

    with contributing(erase=erase):
        call_command("purge_closed_cases", "--older-than-days", "365", "--dry-run", stdout=StringIO())
        assert calls == []  # a dry run tells nobody
        call_command("purge_closed_cases", "--older-than-days", "365", stdout=StringIO())
    assert calls == [(sorted(c.pk for c in expired), 2)]


def test_a_failing_receiver_rolls_the_whole_purge_back(make_citizen, caseworker):
    expired = _closed(make_citizen, caseworker, 400)

    def erase(citizen_ids):
        raise RuntimeError("matching could not remove its free text")

    with contributing(erase=erase), pytest.raises(RuntimeError):
        services.citizens_purge_closed(older_than_days=365)
    expired.refresh_from_db()
    assert expired.anonymised_at is None and expired.cpr_hash and expired.last_name == "Jensen"
    assert expired.notes.get().text == "Følsom tekst"
    assert not AuditEvent.objects.filter(action=AuditAction.CITIZEN_PURGE).exists()


# 2. Another app may refuse to let a case close (open placements).


def test_a_refused_close_shows_the_reason_and_changes_nothing(citizen, caseworker_client, refusing_receiver):
    response = caseworker_client.post(
        reverse("citizens:close", args=[citizen.pk]), {"reason": "Job", "closed_at": timezone.localdate()}
    )
    assert response.status_code == 200
    assert OPEN_PLACEMENTS in response.content.decode()
    citizen.refresh_from_db()
    assert (citizen.status, citizen.closed_at, citizen.closed_reason) == ("active", None, "")
    assert not AuditEvent.objects.filter(action=AuditAction.CITIZEN_CLOSE).exists()


def test_the_close_service_refuses_when_a_receiver_does(citizen, caseworker, refusing_receiver):
    with pytest.raises(ValidationError) as exc:
        services.citizen_close(citizen=citizen, by=caseworker, reason="Job")
    assert exc.value.messages == [OPEN_PLACEMENTS]
    assert Citizen.objects.get(pk=citizen.pk).status == "active"


def test_a_receiver_answering_none_lets_the_case_close(citizen, caseworker):
    seen = []

    def allow(citizen):
        seen.append(citizen.pk)

    with contributing(close_veto=allow):
        services.citizen_close(citizen=citizen, by=caseworker, reason="Job")
    assert seen == [citizen.pk] and Citizen.objects.get(pk=citizen.pk).status == "closed"


# 3. The edit, close and reassign pages show the case: reading them is audited.


@pytest.mark.parametrize(
    ("name", "page_name", "client_fixture"),
    [
        ("citizens:edit", "edit", "caseworker_client"),
        ("citizens:close", "close", "caseworker_client"),
        ("citizens:reassign", "reassign", "team_lead_client"),
    ],
)
def test_reading_a_case_page_is_audited(citizen, request, name, page_name, client_fixture, team_lead_client):
    client = request.getfixturevalue(client_fixture)
    assert client.get(reverse(name, args=[citizen.pk])).status_code == 200
    event = AuditEvent.objects.order_by("-id").first()
    assert (event.action, event.target_id, event.detail) == (
        AuditAction.CITIZEN_VIEW,
        citizen.pk,
        {"page": page_name},
    )
    report = team_lead_client.get(reverse("citizens:access_report", args=[citizen.pk]))
    assert any(
        e.action == AuditAction.CITIZEN_VIEW and e.detail == {"page": page_name}
        for e in report.context["events"]
    )
    assert str(CASE_PAGES[page_name]) in report.content.decode()  # the summary names the page


def test_saving_the_edit_form_logs_the_change_not_a_read(citizen, caseworker_client):
    caseworker_client.post(
        reverse("citizens:edit", args=[citizen.pk]), citizen_form_data(cpr="", status="active")
    )
    events = AuditEvent.objects.filter(target_id=citizen.pk).order_by("id")
    assert list(events.values_list("action", flat=True)) == [
        AuditAction.CITIZEN_CREATE,
        AuditAction.CITIZEN_UPDATE,
    ]


# 4. An anonymised case refuses every write and says why.


def _writes(citizen: Citizen, caseworker) -> list[tuple[str, dict]]:
    return [
        ("citizens:note_add", {"kind": "note", "text": "Ny tekst"}),
        ("citizens:edit", citizen_form_data(cpr="", first_name="Ny")),
        ("citizens:close", {"reason": "Job", "closed_at": timezone.localdate()}),
        ("citizens:reopen", {}),
        ("citizens:reassign", {"caseworker": caseworker.pk}),
    ]


def test_an_anonymised_case_refuses_every_write(anonymised, caseworker, colleague, team_lead_client):
    before = (
        Citizen.objects.filter(pk=anonymised.pk).values().get(),
        list(CaseNote.objects.filter(citizen=anonymised).values()),
        AuditEvent.objects.count(),
    )
    detail_url = reverse("citizens:detail", args=[anonymised.pk])
    for name, data in _writes(anonymised, colleague):
        response = team_lead_client.post(reverse(name, args=[anonymised.pk]), data)
        assert (name, response.status_code, response["Location"]) == (name, 302, detail_url)
        after = (
            Citizen.objects.filter(pk=anonymised.pk).values().get(),
            list(CaseNote.objects.filter(citizen=anonymised).values()),
            AuditEvent.objects.count(),
        )
        assert after == before, name
    html = team_lead_client.get(detail_url).content.decode()
    assert "Sagen er anonymiseret og kan ikke længere ændres." in html


def test_an_htmx_write_to_an_anonymised_case_answers_409(anonymised, caseworker_client):
    response = caseworker_client.post(
        reverse("citizens:note_add", args=[anonymised.pk]),
        {"kind": "note", "text": "Ny tekst"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 409
    assert response["HX-Redirect"] == reverse("citizens:detail", args=[anonymised.pk])
    assert list(anonymised.notes.values_list("text", flat=True)) == [""]


def test_the_services_refuse_writes_to_an_anonymised_case(anonymised, caseworker, colleague):
    for write in (
        lambda: services.citizen_add_note(citizen=anonymised, by=caseworker, kind="note", text="x"),
        lambda: services.citizen_update(citizen=anonymised, by=caseworker, fields={"first_name": "Ny"}),
        lambda: services.citizen_reassign(citizen=anonymised, by=caseworker, caseworker=colleague),
        lambda: services.citizen_reopen(citizen=anonymised, by=caseworker),
    ):
        with pytest.raises(ValidationError, match="anonymiseret"):
            write()
    anonymised.refresh_from_db()
    assert (anonymised.first_name, anonymised.caseworker) == ("Anonymiseret", caseworker)


# 5. The closing date: not in the future, not before the case was created, at most 30 days back.


def _close(client, citizen, days_ago: int):
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    return client.post(reverse("citizens:close", args=[citizen.pk]), {"reason": "Job", "closed_at": day})


@pytest.mark.parametrize(
    ("created_days_ago", "closed_days_ago", "error"),
    [
        (60, -1, "Datoen kan ikke ligge i fremtiden."),
        (60, 31, "Datoen kan højst ligge 30 dage tilbage."),
        (60, 400, "Datoen kan højst ligge 30 dage tilbage."),
        (5, 6, "Datoen kan ikke ligge før sagen blev oprettet"),
    ],
)
def test_an_impossible_closing_date_is_refused(
    citizen, caseworker_client, created_days_ago, closed_days_ago, error
):
    created = timezone.now() - datetime.timedelta(days=created_days_ago)
    Citizen.objects.filter(pk=citizen.pk).update(created_at=created)
    response = _close(caseworker_client, citizen, closed_days_ago)
    assert response.status_code == 200
    assert error in response.context["form"].errors["closed_at"][0]
    citizen.refresh_from_db()
    assert (citizen.status, citizen.closed_at) == ("active", None)


@pytest.mark.parametrize(("created_days_ago", "closed_days_ago"), [(60, 30), (5, 5), (0, 0)])
def test_a_closing_date_within_the_bounds_is_accepted(
    citizen, caseworker_client, created_days_ago, closed_days_ago
):
    created = timezone.now() - datetime.timedelta(days=created_days_ago)
    Citizen.objects.filter(pk=citizen.pk).update(created_at=created)
    assert _close(caseworker_client, citizen, closed_days_ago).status_code == 302
    citizen.refresh_from_db()
    assert citizen.closed_at == timezone.localdate() - datetime.timedelta(days=closed_days_ago)


# 7. The access report CSV defuses cells Excel would run as formulas.


def test_the_access_report_csv_defuses_formulas(citizen, caseworker, caseworker_client, team_lead_client):
    caseworker.first_name = '=HYPERLINK("http://evil.example","klik")'
    caseworker.save()
    caseworker_client.get(reverse("citizens:detail", args=[citizen.pk]))
    text = team_lead_client.get(reverse("citizens:access_report_csv", args=[citizen.pk])).content.decode()
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert all(not cell.startswith(FORMULA_STARTS) for row in rows for cell in row)
    assert {row[1] for row in rows[1:]} == {'\'=HYPERLINK("http://evil.example","klik")'}
