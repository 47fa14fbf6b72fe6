"""The citizen services decide, whoever calls them (a view, a command, another app): the closing-date
rule, reopen and reassign rules, the consent rule and the one refusal of a duplicate CPR number."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from citizens import services
from citizens.models import Citizen, CitizenStatus
from portal.core.models import AuditAction, AuditEvent
from tests.factories import next_cpr

TODAY = timezone.localdate


def _days_ago(days: int) -> datetime.date:
    return TODAY() - datetime.timedelta(days=days)


@pytest.mark.parametrize(
    ("closed_at", "message"),
    [
        (lambda: _days_ago(-1), "Datoen kan ikke ligge i fremtiden."),
        (lambda: _days_ago(31), "Datoen kan højst ligge 30 dage tilbage."),
    ],
)
def test_it_refuses_a_closing_date_outside_the_rule(citizen, caseworker, closed_at, message):
    with pytest.raises(ValidationError) as info:
        services.citizen_close(citizen=citizen, by=caseworker, reason="Job", closed_at=closed_at())
    assert info.value.message_dict == {"closed_at": [message]}
    citizen.refresh_from_db()
    assert (citizen.status, citizen.closed_at) == (CitizenStatus.ACTIVE, None)
    assert not AuditEvent.objects.filter(action=AuditAction.CITIZEN_CLOSE).exists()


def test_it_refuses_a_closing_date_before_the_case_was_created(citizen, caseworker):
    Citizen.objects.filter(pk=citizen.pk).update(created_at=timezone.now() - datetime.timedelta(days=3))
    citizen.refresh_from_db()
    with pytest.raises(ValidationError, match="før sagen blev oprettet"):
        services.citizen_close(citizen=citizen, by=caseworker, reason="Job", closed_at=_days_ago(10))


def test_it_closes_up_to_30_days_back(citizen, caseworker):
    Citizen.objects.filter(pk=citizen.pk).update(created_at=timezone.now() - datetime.timedelta(days=90))
    citizen.refresh_from_db()
    services.citizen_close(citizen=citizen, by=caseworker, reason="Job", closed_at=_days_ago(30))
    citizen.refresh_from_db()
    assert (citizen.status, citizen.closed_at) == (CitizenStatus.CLOSED, _days_ago(30))


def test_it_reopens_only_a_closed_case(citizen, caseworker):
    with pytest.raises(ValidationError, match="ikke afsluttet"):
        services.citizen_reopen(citizen=citizen, by=caseworker)


def test_it_refuses_to_reassign_to_the_same_caseworker_or_another_jobcenter(citizen, caseworker, outsider):
    for other in (caseworker, outsider):
        with pytest.raises(ValidationError):
            services.citizen_reassign(citizen=citizen, by=caseworker, caseworker=other)
    citizen.refresh_from_db()
    assert citizen.caseworker == caseworker


def test_an_update_cannot_close_a_case(citizen, caseworker):
    with pytest.raises(ValidationError, match="Luk og genåbn"):
        services.citizen_update(citizen=citizen, by=caseworker, fields={"status": CitizenStatus.CLOSED})
    assert Citizen.objects.get(pk=citizen.pk).status == CitizenStatus.ACTIVE


def test_consent_needs_a_method_and_a_date_not_in_the_future(citizen, caseworker):
    with pytest.raises(ValidationError) as info:
        services.citizen_update(
            citizen=citizen,
            by=caseworker,
            fields={"consent_given": True, "consent_method": "", "consent_date": _days_ago(-2)},
        )
    assert set(info.value.message_dict) == {"consent_method", "consent_date"}
    assert not Citizen.objects.get(pk=citizen.pk).consent_given


def test_one_place_refuses_a_duplicate_cpr_on_create_and_on_update(make_citizen, caseworker):
    number = next_cpr()
    make_citizen(by=caseworker, cpr=number)
    with pytest.raises(ValidationError) as info:
        make_citizen(by=caseworker, cpr=number)
    assert info.value.message_dict == {"cpr": [str(Citizen._meta.constraints[0].violation_error_message)]}
    other = make_citizen(by=caseworker)
    with pytest.raises(ValidationError) as info:
        services.citizen_update(citizen=other, by=caseworker, fields={}, cpr=number)
    assert "cpr" in info.value.message_dict
    assert Citizen.objects.count() == 2
