"""Placements: start dates, closed cases, tri-state reasons, wording and layout of the matching pages."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from citizens.models import Citizen, CitizenStatus
from matching import rules, services
from matching.forms import MatchFilterForm
from matching.models import Placement
from matching.statistics import statistics_for
from portal.core.citizen_data import close_refusals
from portal.core.models import PlacementType

from .conftest import make_citizen, make_enterprise, make_placement

pytestmark = pytest.mark.django_db


def _move(placement, by, *steps, **kwargs):
    for step in steps:
        services.placement_transition(placement=placement, to_status=step, by=by, **kwargs)
    placement.refresh_from_db()
    return placement


def _close(citizen):
    Citizen.objects.filter(pk=citizen.pk).update(status=CitizenStatus.CLOSED, closed_at=timezone.now())
    citizen.refresh_from_db()
    return citizen


# --- 1. a placement starts on or before today, and finishes only after it has started -------------------
def test_an_empty_start_date_starts_the_placement_today_not_on_the_planned_future_date(
    citizen, enterprise, caseworker
):
    today = timezone.localdate()
    placement = services.placement_propose(
        citizen=citizen,
        enterprise=enterprise,
        placement_type=PlacementType.objects.get(code="virksomhedspraktik"),
        by=caseworker,
        purpose="Faste rutiner",
        start_date=today + timedelta(days=10),
    )
    _move(placement, caseworker, "contacted", "agreed", "active")
    assert placement.status == "active"
    assert placement.start_date == today
    assert placement.planned_end_date == today + timedelta(weeks=13)


def test_it_refuses_to_start_a_placement_with_a_future_start_date(placement, caseworker):
    _move(placement, caseworker, "contacted", "agreed")
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(services.PlacementError) as refused:
        _move(placement, caseworker, "active", start_date=tomorrow)
    assert refused.value.field == "start_date"
    assert "i dag eller tidligere" in refused.value.message
    assert placement.status == "agreed" and placement.events.count() == 3


def test_a_start_date_today_or_earlier_is_accepted(placement, caseworker):
    earlier = timezone.localdate() - timedelta(days=3)
    _move(placement, caseworker, "contacted", "agreed", "active", start_date=earlier)
    assert placement.status == "active" and placement.start_date == earlier


def test_it_refuses_to_complete_a_placement_before_its_start_date(placement, caseworker):
    _move(placement, caseworker, "contacted", "agreed", "active")
    # An active placement with a future start, as the old code could leave behind.
    Placement.objects.filter(pk=placement.pk).update(start_date=timezone.localdate() + timedelta(days=10))
    with pytest.raises(services.PlacementError, match="først afsluttes"):
        _move(placement, caseworker, "completed", outcome="education")
    assert placement.status == "active"


def test_the_placement_page_refuses_a_future_start_with_a_field_error(
    caseworker_client, placement, caseworker
):
    _move(placement, caseworker, "contacted", "agreed")
    future = (timezone.localdate() + timedelta(days=10)).isoformat()
    url = reverse("matching:placement_move", args=[placement.pk, "active"])
    response = caseworker_client.post(url, {"active-start_date": future})
    assert response.status_code == 400
    assert "Et forløb kan kun startes med en startdato i dag eller tidligere" in response.content.decode()
    placement.refresh_from_db()
    assert placement.status == "agreed"


def test_the_start_form_says_an_empty_date_means_today_and_no_future_dates(caseworker_client, placement):
    services.placement_transition(placement=placement, to_status="contacted", by=placement.created_by)
    services.placement_transition(placement=placement, to_status="agreed", by=placement.created_by)
    html = caseworker_client.get(reverse("matching:placement_detail", args=[placement.pk])).content.decode()
    assert "Tom: i dag. Forløbet kan kun startes på en dato i dag eller tidligere." in html


def test_median_days_to_start_counts_only_placements_that_have_started(citizen, enterprise, caseworker):
    started = make_placement(citizen=citizen, enterprise=enterprise, by=caseworker, status="active")
    Placement.objects.filter(pk=started.pk).update(created_at=timezone.now() - timedelta(days=6))
    other = make_citizen(jobcenter=citizen.jobcenter, caseworker=caseworker)
    not_yet = make_placement(citizen=other, enterprise=enterprise, by=caseworker, status="active")
    Placement.objects.filter(pk=not_yet.pk).update(start_date=timezone.localdate() + timedelta(days=10))
    stats = statistics_for(caseworker)
    assert stats.started_count == 1
    assert stats.median_days_to_start == 6


# --- 2. a closed case offers no matching ---------------------------------------------------------------
def test_a_closed_case_has_no_matching_button_in_the_citizen_panel(citizen, caseworker):
    from django.apps import apps
    from django.template import Context, Template
    from django.test import RequestFactory

    apps.get_app_config("matching").ready()
    request = RequestFactory().get("/")
    request.user = caseworker

    def panel():
        return Template("{% load portal_panels %}{% citizen_panels obj %}").render(
            Context({"request": request, "obj": citizen})
        )

    assert "Find virksomheder (matchforslag)" in panel()
    _close(citizen)
    html = panel()
    assert "Find virksomheder (matchforslag)" not in html
    assert "Sagen er afsluttet" in html


def test_the_matches_page_of_a_closed_case_shows_a_notice_instead_of_propose_buttons(
    caseworker_client, citizen, enterprise
):
    url = reverse("matching:matches", args=[citizen.pk])
    propose_url = reverse("matching:propose", args=[citizen.pk, enterprise.pk])
    assert propose_url in caseworker_client.get(url).content.decode()
    _close(citizen)
    html = caseworker_client.get(url).content.decode()
    assert "Café Kompasset" in html
    assert propose_url not in html and ">Foreslå<" not in html
    assert "Borgerens sag er afsluttet" in html


def test_the_propose_page_of_a_closed_case_shows_the_notice_and_no_form(
    caseworker_client, citizen, enterprise
):
    _close(citizen)
    url = reverse("matching:propose", args=[citizen.pk, enterprise.pk])
    response = caseworker_client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Borgerens sag er afsluttet" in html
    assert 'name="purpose"' not in html and "Foreslå forløb</button>" not in html
    refused = caseworker_client.post(url, {"placement_type": "virksomhedspraktik", "purpose": "Job"})
    assert refused.status_code == 400 and not Placement.objects.exists()


# --- 3. tri-state reasons: ✓ met, – partial or no data, ✗ a real miss ------------------------------------
def test_a_distance_within_the_maximum_is_partial_not_a_miss():
    check = rules.score_distance(8.9, 15)
    assert check.state == rules.PARTIAL and check.ok
    assert rules.score_distance(0, 15).state == rules.MET
    assert rules.score_distance(20, 15).state == rules.MISS


def test_too_few_finished_placements_is_no_data_not_met():
    assert rules.score_track_record(0, 0).state == rules.NO_DATA
    assert rules.score_track_record(4, 4).state == rules.MET
    assert rules.score_track_record(4, 2).state == rules.PARTIAL
    assert rules.score_track_record(4, 0).state == rules.MISS


def test_the_matches_page_shows_partial_and_no_data_with_a_dash(caseworker_client, jobcenter, caseworker):
    citizen = make_citizen(jobcenter=jobcenter, caseworker=caseworker, max_travel_km=15)
    make_enterprise(name="Genbrug Nord", postcode="8200")
    html = caseworker_client.get(reverse("matching:matches", args=[citizen.pk])).content.decode()
    check = r'<li class="match-check match-check-(\w+)"><span aria-hidden="true">(.)</span><span class="visually-hidden">([^<]*)</span> (?:<strong>[^<]*</strong>: )?'  # the criterion's points come first
    assert re.search(check + "For få afsluttede forløb", html).groups() == ("no_data", "–", "Ingen data:")
    assert re.search(check + r"[\d,]+ km væk", html).groups() == ("partial", "–", "Delvist:")
    points = r"(?:<strong>[^<]*</strong>: )?"
    assert not re.search(r"Opfyldt:</span> " + points + "For få afsluttede forløb", html)
    assert not re.search(r"Ikke opfyldt:</span> " + points + r"[\d,]+ km væk", html)


# --- 4. grammar of the close refusal ---------------------------------------------------------------------
def test_the_close_refusal_says_one_open_placement_in_the_singular(citizen, enterprise, caseworker):
    make_placement(citizen=citizen, enterprise=enterprise, by=caseworker)
    assert close_refusals(citizen) == [
        "Borgeren har 1 åbent forløb. Afslut eller annuller forløbet, før sagen afsluttes."
    ]
    make_placement(citizen=citizen, enterprise=make_enterprise(), by=caseworker)
    assert close_refusals(citizen) == [
        "Borgeren har 2 åbne forløb. Afslut eller annuller forløbene, før sagen afsluttes."
    ]


# --- 5. every matching table scrolls inside .table-responsive (375 px wide phones) --------------------
def _tables_are_responsive(html: str) -> bool:
    return html.count("<table") >= 1 and html.count("<table") == len(
        re.findall(r'<div class="table-responsive">\s*<table', html)
    )


def test_every_matching_table_is_wrapped_in_table_responsive(
    caseworker_client, team_lead_client, citizen, enterprise, placement
):
    make_enterprise(name="Fyldt op", offers={"virksomhedspraktik": 0})
    pages = [
        (caseworker_client, reverse("matching:placements")),
        (team_lead_client, reverse("matching:statistics")),
        (caseworker_client, reverse("matching:candidates", args=[make_enterprise(name="Ny").pk])),
        (caseworker_client, reverse("matching:matches", args=[citizen.pk]) + "?excluded=on&km=40"),
    ]
    for client, url in pages:
        html = client.get(url).content.decode()
        assert _tables_are_responsive(html), url


# --- 6. selects say what to choose ---------------------------------------------------------------------
def test_the_cancel_and_outcome_selects_say_what_to_choose(caseworker_client, placement, caseworker):
    url = reverse("matching:placement_detail", args=[placement.pk])
    assert '<option value="" selected>Vælg årsag</option>' in caseworker_client.get(url).content.decode()
    _move(placement, caseworker, "contacted", "agreed", "active")
    html = caseworker_client.get(url).content.decode()
    assert '<option value="" selected>Vælg resultat</option>' in html
    assert "---------" not in html


# --- 7. the distance select's label is short enough to show in full -----------------------------------
def test_the_citizens_own_maximum_has_a_short_label():
    form = MatchFilterForm(type_choices=[], default_km=15)
    assert dict(form.fields["km"].choices)[15] == "15 km (borgerens maks.)"
