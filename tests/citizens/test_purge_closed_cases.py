"""`manage.py purge_closed_cases`: anonymises exactly the closed cases past retention."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from citizens import services
from citizens.models import CaseNote, Citizen
from portal.core.models import AuditAction, AuditEvent


def _closed(make_citizen, by, days_ago: int, **fields) -> Citizen:
    citizen = make_citizen(by=by, phone="12345678", email="a@b.dk", considerations="Ryg", **fields)
    CaseNote.objects.create(citizen=citizen, author=by, text="Følsom tekst")
    services.citizen_close(citizen=citizen, by=by, reason="Job")
    # Time passes: the case was closed `days_ago` (the service itself refuses more than 30 days back).
    Citizen.objects.filter(pk=citizen.pk).update(
        closed_at=timezone.localdate() - datetime.timedelta(days=days_ago)
    )
    return citizen


def test_it_anonymises_exactly_the_expired_closed_cases(make_citizen, caseworker):
    expired = _closed(make_citizen, caseworker, 400, last_name="Gammel", target_group_id="dagpenge")
    recent = _closed(make_citizen, caseworker, 300, last_name="Ny")
    open_case = make_citizen(by=caseworker, last_name="Aaben")
    out = StringIO()
    call_command("purge_closed_cases", "--older-than-days", "365", stdout=out)
    assert "1 afsluttet sag er anonymiseret" in out.getvalue()
    expired.refresh_from_db()
    assert (expired.first_name, expired.last_name, expired.phone, expired.email) == (
        "Anonymiseret",
        "",
        "",
        "",
    )
    assert (expired.cpr_encrypted, expired.cpr_hash, expired.considerations, expired.closed_reason) == (
        "",
        "",
        "",
        "",
    )
    assert expired.birth_date == datetime.date(1990, 1, 1) and expired.anonymised_at is not None
    assert expired.target_group_id == "dagpenge" and expired.status == "closed"  # statistics stay
    assert expired.cpr_masked == "–"
    assert list(expired.notes.values_list("text", flat=True)) == [""]
    for untouched in (recent, open_case):
        before = untouched.last_name
        untouched.refresh_from_db()
        assert untouched.last_name == before and untouched.cpr_hash
    assert recent.notes.get().text == "Følsom tekst"
    assert AuditEvent.objects.filter(action=AuditAction.CITIZEN_PURGE, target_id=expired.pk).count() == 1


def test_a_dry_run_changes_nothing_and_a_second_run_finds_nothing(make_citizen, caseworker):
    expired = _closed(make_citizen, caseworker, 400)
    out = StringIO()
    call_command("purge_closed_cases", "--older-than-days", "365", "--dry-run", stdout=out)
    assert "1 afsluttet sag ville blive anonymiseret" in out.getvalue()
    expired.refresh_from_db()
    assert expired.cpr_hash
    call_command("purge_closed_cases", "--older-than-days", "365", stdout=StringIO())
    out = StringIO()
    call_command("purge_closed_cases", "--older-than-days", "365", stdout=out)
    assert out.getvalue().startswith("0 ")


def test_the_default_retention_is_five_years(make_citizen, caseworker, settings):
    assert settings.CITIZEN_RETENTION_DAYS == 5 * 365
    old = _closed(make_citizen, caseworker, 5 * 365 + 1)
    young = _closed(make_citizen, caseworker, 5 * 365 - 1)
    call_command("purge_closed_cases", stdout=StringIO())
    old.refresh_from_db()
    young.refresh_from_db()
    assert old.anonymised_at is not None and young.anonymised_at is None


def test_an_anonymised_case_cannot_be_reopened_and_frees_the_cpr(make_citizen, caseworker, caseworker_client):
    from django.urls import reverse

    expired = _closed(make_citizen, caseworker, 400, cpr="010190-5555")
    call_command("purge_closed_cases", "--older-than-days", "365", stdout=StringIO())
    caseworker_client.post(reverse("citizens:reopen", args=[expired.pk]))
    expired.refresh_from_db()
    assert expired.status == "closed"
    make_citizen(by=caseworker, cpr="010190-5555")  # a new case for the same person is allowed
