"""The placement loop after the start, through the services and the placement page."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from citizens import services as citizen_services
from enterprises.models import ContactPerson
from matching import loop_services, services
from matching.models import Placement, PlacementEvent
from matching.statistics import statistics_for
from portal.core.models import AuditAction, AuditEvent, PlacementType

from .conftest import make_citizen, make_enterprise, make_placement

TODAY = timezone.localdate()


def _page(client, placement):
    return client.get(reverse("matching:placement_detail", args=[placement.pk])).content.decode()


@pytest.fixture
def active(placement, caseworker) -> Placement:
    for step in ("contacted", "agreed", "active"):
        services.placement_transition(
            placement=placement,
            to_status=step,
            by=caseworker,
            start_date=TODAY - timedelta(days=70) if step == "active" else None,
        )
    placement.refresh_from_db()
    return placement


# --- follow-ups -----------------------------------------------------------------------------------
def test_recording_a_follow_up_clears_the_overdue_flag_without_a_status_change(active, caseworker, team_lead):
    assert active.is_follow_up_overdue()  # started 10 weeks ago, follow-up in week 10
    before = dict(statistics_for(team_lead).by_status)
    next_date = TODAY + timedelta(days=14)
    loop_services.placement_record_follow_up(
        placement=active,
        by=caseworker,
        held_on=TODAY,
        form="visit",
        note="Går godt",
        next_follow_up=next_date,
    )
    active.refresh_from_db()
    assert active.status == "active" and active.follow_up_date == next_date
    assert not active.is_follow_up_overdue()
    assert not Placement.objects.follow_up_overdue().filter(pk=active.pk).exists()
    event = active.events.last()
    assert (event.kind, event.from_status, event.to_status, event.held_on) == (
        "follow_up",
        "active",
        "active",
        TODAY,
    )
    assert dict(statistics_for(team_lead).by_status) == before
    assert AuditEvent.objects.filter(
        action=AuditAction.PLACEMENT_FOLLOW_UP, target_id=active.citizen_id
    ).exists()


def test_a_follow_up_in_the_future_is_refused_on_the_page_and_changes_nothing(caseworker_client, active):
    events = active.events.count()
    response = caseworker_client.post(
        reverse("matching:placement_follow_up", args=[active.pk]),
        {"followup-held_on": (TODAY + timedelta(days=1)).isoformat(), "followup-form": "phone"},
    )
    assert response.status_code == 400
    assert "kan ikke registreres i fremtiden" in response.content.decode()
    active.refresh_from_db()
    assert active.events.count() == events and active.is_follow_up_overdue()


def test_a_follow_up_cannot_be_recorded_on_a_proposed_placement(placement, caseworker):
    with pytest.raises(services.PlacementError):
        loop_services.placement_record_follow_up(
            placement=placement, by=caseworker, held_on=TODAY, form="phone", note="", next_follow_up=None
        )
    assert placement.events.count() == 1


def test_skaanejob_suggests_the_next_follow_up_twelve_months_later(caseworker_client, citizen, caseworker):
    enterprise = make_enterprise(offers={"skaanejob": 1})
    placement = make_placement(
        citizen=citizen, enterprise=enterprise, by=caseworker, code="skaanejob", status="active"
    )
    assert PlacementType.objects.get(code="skaanejob").follow_up_interval_weeks == 52
    html = _page(caseworker_client, placement)
    assert f'value="{(TODAY + timedelta(weeks=52)).isoformat()}"' in html
    assert "Registrér opfølgning" in html


# --- edit ----------------------------------------------------------------------------------------
def test_editing_shows_the_enterprise_contact_and_is_audited(caseworker_client, active, enterprise):
    contact = ContactPerson.objects.create(enterprise=enterprise, name="Karin Kok", phone="86 12 34 56")
    new_end = active.planned_end_date + timedelta(days=7)
    response = caseworker_client.post(
        reverse("matching:placement_edit", args=[active.pk]),
        {
            "edit-planned_end_date": new_end.isoformat(),
            "edit-hours_per_week": "20",
            "edit-tasks": "Opvask og kaffe",
            "edit-contact": str(contact.pk),
        },
    )
    assert response.status_code == 302
    active.refresh_from_db()
    assert (active.planned_end_date, active.hours_per_week, active.tasks, active.contact) == (
        new_end,
        20,
        "Opvask og kaffe",
        contact,
    )
    audit = AuditEvent.objects.get(action=AuditAction.PLACEMENT_EDIT)
    assert audit.detail["fields"] == ["contact_id", "hours_per_week", "planned_end_date", "tasks"]
    html = _page(caseworker_client, active)
    assert "Karin Kok" in html and "86 12 34 56" in html and "Opvask og kaffe" in html


def test_a_contact_of_another_enterprise_is_refused(caseworker, active):
    elsewhere = ContactPerson.objects.create(enterprise=make_enterprise(name="Andet sted"), name="Fremmed")
    with pytest.raises(services.PlacementError) as refused:
        loop_services.placement_update(
            placement=active,
            by=caseworker,
            planned_end_date=active.planned_end_date,
            hours_per_week=10,
            tasks="",
            contact_id=elsewhere.pk,
        )
    assert refused.value.field == "contact"
    active.refresh_from_db()
    assert active.contact is None and active.hours_per_week != 10


# --- extension and the legal maximum ---------------------------------------------------------------
def test_extending_a_dagpenge_praktik_past_4_weeks_asks_for_a_concrete_assessment(
    caseworker_client, jobcenter, caseworker, enterprise
):
    citizen = make_citizen(jobcenter=jobcenter, caseworker=caseworker, target_group_id="dagpenge")
    placement = make_placement(citizen=citizen, enterprise=enterprise, by=caseworker, status="active")
    url = reverse("matching:placement_extend", args=[placement.pk])
    new_end = placement.start_date + timedelta(weeks=6)
    data = {"extend-new_end": new_end.isoformat(), "extend-reason": "Mangler at prøve kassen"}
    response = caseworker_client.post(url, data)
    assert response.status_code == 400
    assert "konkret vurdering" in response.content.decode() and "regler pr." in response.content.decode()
    placement.refresh_from_db()
    assert placement.extension_count == 0
    data["extend-assessment"] = "Borgeren har brug for længere tid pga. angst; virksomheden bekræfter."
    assert caseworker_client.post(url, data).status_code == 302
    placement.refresh_from_db()
    assert placement.planned_end_date == new_end and placement.extension_count == 1
    event = placement.events.last()
    assert event.kind == "extension" and event.assessment.startswith("Borgeren har brug")
    html = _page(caseworker_client, placement)
    assert f"Ny planlagt slutdato: {date_format(new_end)}" in html
    assert AuditEvent.objects.filter(action=AuditAction.PLACEMENT_EXTEND).count() == 1


def test_past_26_weeks_an_extension_is_refused(caseworker, active):
    with pytest.raises(services.PlacementError, match="højst 26 uger"):
        loop_services.placement_extend(
            placement=active,
            by=caseworker,
            new_end=active.start_date + timedelta(weeks=27),
            reason="Længere",
            assessment="Konkret vurdering",
        )


# --- agreed start in the future, activation, actual end date --------------------------------------
def test_an_agreed_future_start_is_kept_and_activated_on_the_day_by_the_system(
    citizen, enterprise, caseworker
):
    start = TODAY + timedelta(days=10)
    placement = services.placement_propose(
        citizen=citizen,
        enterprise=enterprise,
        by=caseworker,
        purpose="Rutiner",
        placement_type=PlacementType.objects.get(code="virksomhedspraktik"),
    )
    services.placement_transition(placement=placement, to_status="contacted", by=caseworker)
    services.placement_transition(placement=placement, to_status="agreed", by=caseworker, start_date=start)
    assert placement.status == "agreed" and placement.start_date == start
    out = StringIO()
    call_command("activate_due_placements", "--today", (start - timedelta(days=1)).isoformat(), stdout=out)
    placement.refresh_from_db()
    assert placement.status == "agreed" and "0 forløb startet" in out.getvalue()
    call_command("activate_due_placements", "--today", start.isoformat(), stdout=out)
    placement.refresh_from_db()
    assert placement.status == "active" and placement.start_date == start
    event = placement.events.last()
    assert event.by is None and event.by_label == loop_services.SYSTEM_ACTOR
    call_command("activate_due_placements", "--today", start.isoformat(), stdout=out)
    assert placement.events.filter(to_status="active").count() == 1


def test_activate_due_placements_refuses_a_nonsense_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="2026-03-01"):
        call_command("activate_due_placements", "--today", "i morgen")


def test_completing_needs_an_actual_end_date_within_the_placement(caseworker, active, caseworker_client):
    for wrong in (None, TODAY + timedelta(days=1), active.start_date - timedelta(days=1)):
        with pytest.raises(services.PlacementError) as refused:
            services.placement_transition(
                placement=active, to_status="completed", by=caseworker, outcome="education", ended_on=wrong
            )
        assert refused.value.field == "ended_on"
    actual = TODAY - timedelta(days=3)
    services.placement_transition(
        placement=active, to_status="completed", by=caseworker, outcome="education", ended_on=actual
    )
    assert active.ended_on == actual
    html = _page(caseworker_client, active)
    assert "Planlagt" in html and "Faktisk" in html


# --- access and the citizen data contract -----------------------------------------------------------
def test_a_foreign_caseworker_gets_404_on_every_loop_action(outsider_client, active):
    for name in ("placement_follow_up", "placement_edit", "placement_extend"):
        assert outsider_client.post(reverse(f"matching:{name}", args=[active.pk]), {}).status_code == 404


def test_purge_erases_tasks_text_for_the_enterprise_and_assessments(caseworker, active):
    Placement.objects.filter(pk=active.pk).update(tasks="Opvask", enterprise_info="Har angst")
    loop_services.placement_extend(
        placement=active,
        by=caseworker,
        new_end=active.start_date + timedelta(weeks=20),
        reason="Mere tid",
        assessment="Konkret: angst",
    )
    services.placement_transition(
        placement=active, to_status="completed", by=caseworker, outcome="education", ended_on=TODAY
    )
    citizen_services.citizen_close(citizen=active.citizen, by=caseworker, reason="Job")
    # closed 400 days ago (a closing date is at most 30 days back, so backdate the row)
    type(active.citizen).objects.filter(pk=active.citizen_id).update(closed_at=TODAY - timedelta(days=400))
    call_command("purge_closed_cases", "--older-than-days", "365", stdout=StringIO())
    active.refresh_from_db()
    assert (active.tasks, active.enterprise_info, active.purpose) == ("", "", "")
    assert not PlacementEvent.objects.filter(placement=active).exclude(assessment="", note="").exists()
    assert active.status == "completed" and active.extension_count == 1  # statistics stay


def test_a_dagpenge_praktik_is_planned_for_the_laws_4_weeks_not_the_types_13(
    jobcenter, caseworker, enterprise
):
    citizen = make_citizen(jobcenter=jobcenter, caseworker=caseworker, target_group_id="dagpenge")
    placement = make_placement(citizen=citizen, enterprise=enterprise, by=caseworker, status="active")
    assert placement.planned_end_date == placement.start_date + timedelta(weeks=4)
    assert placement.follow_up_date == placement.start_date + timedelta(weeks=3)
    dimittend = make_citizen(jobcenter=jobcenter, caseworker=caseworker, target_group_id="dagpenge_dimittend")
    other = make_placement(citizen=dimittend, enterprise=enterprise, by=caseworker, status="active")
    assert other.planned_end_date == other.start_date + timedelta(weeks=8)


def test_the_access_request_export_holds_the_loop_data(caseworker, active, enterprise):
    from citizens.export import export_json

    contact = ContactPerson.objects.create(enterprise=enterprise, name="Karin Kok")
    loop_services.placement_update(
        placement=active,
        by=caseworker,
        planned_end_date=active.planned_end_date,
        hours_per_week=12,
        tasks="Opvask",
        contact_id=contact.pk,
        enterprise_info="Har brug for pauser",
        enterprise_info_agreed_on=TODAY,
    )
    loop_services.placement_record_follow_up(
        placement=active, by=caseworker, held_on=TODAY, form="visit", note="Godt besøg", next_follow_up=None
    )
    loop_services.placement_extend(
        placement=active,
        by=caseworker,
        new_end=active.start_date + timedelta(weeks=20),
        reason="Mere tid",
        assessment="Konkret: brug for ro",
    )
    exported = export_json(citizen=active.citizen)
    for expected in (
        "Opvask",
        "Karin Kok",
        "Har brug for pauser",
        "Godt besøg",
        "Besøg på virksomheden",
        "Konkret: brug for ro",
        "Forlængelse",
        "extension_count",
    ):
        assert expected in exported, expected


def test_new_completions_cannot_use_the_old_extended_outcome(caseworker, active, caseworker_client):
    with pytest.raises(services.PlacementError, match="Forlæng"):
        services.placement_transition(
            placement=active, to_status="completed", by=caseworker, outcome="extended", ended_on=TODAY
        )
    assert "Forlænget forløb" not in _page(caseworker_client, active)
