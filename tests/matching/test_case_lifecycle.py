"""Matching's part when a case closes or is purged, and other safeguards found in review."""

import pytest
from django.urls import reverse

from citizens.selectors import citizen_access_events
from enterprises.models import EnterpriseStatus
from matching import services
from matching.models import PlacementEvent
from portal.core.citizen_data import close_refusals, erase_citizens

from .conftest import make_enterprise, make_placement

pytestmark = pytest.mark.django_db


def test_a_case_with_an_open_placement_cannot_close(citizen, enterprise, caseworker):
    make_placement(citizen=citizen, enterprise=enterprise, by=caseworker, status="active")
    assert close_refusals(citizen) == [
        "Borgeren har 1 åbent forløb. Afslut eller annuller forløbet, før sagen afsluttes."
    ]


def test_finished_placements_do_not_block_closing(citizen, enterprise, caseworker):
    make_placement(citizen=citizen, enterprise=enterprise, by=caseworker, status="completed")
    assert close_refusals(citizen) == []


def test_purge_erases_placement_purposes_and_notes_but_keeps_the_facts(citizen, enterprise, caseworker):
    placement = make_placement(citizen=citizen, enterprise=enterprise, by=caseworker, status="agreed")
    services.placement_transition(
        placement=placement, to_status="active", by=caseworker, note="Mette har ADHD"
    )
    erase_citizens([citizen.pk])
    placement.refresh_from_db()
    assert placement.purpose == "" and placement.status == "active"
    assert set(PlacementEvent.objects.filter(placement=placement).values_list("note", flat=True)) == {""}
    assert PlacementEvent.objects.filter(placement=placement).count() == 4


def test_no_place_can_be_taken_at_an_archived_enterprise(citizen, enterprise, caseworker):
    placement = make_placement(citizen=citizen, enterprise=enterprise, by=caseworker, status="contacted")
    enterprise.status = EnterpriseStatus.ARCHIVED
    enterprise.save()
    with pytest.raises(services.PlacementError, match="tager ikke imod borgere"):
        services.placement_transition(placement=placement, to_status="agreed", by=caseworker)
    placement.refresh_from_db()
    assert placement.status == "contacted"


def test_the_propose_page_and_the_enterprise_panel_are_in_the_access_report(
    caseworker_client, caseworker, citizen, enterprise
):
    make_placement(citizen=citizen, enterprise=enterprise, by=caseworker)
    caseworker_client.get(reverse("matching:propose", args=[citizen.pk, enterprise.pk]))
    html = caseworker_client.get(reverse("enterprises:detail", args=[enterprise.pk])).content.decode()
    assert "Mette Madsen" in html
    events = citizen_access_events(citizen=citizen)
    assert {"citizen_view", "placement_list"} <= {e.action for e in events}


def test_pages_with_citizen_names_are_not_cached(caseworker_client, citizen, enterprise, placement):
    for url in [
        reverse("matching:matches", args=[citizen.pk]),
        reverse("matching:candidates", args=[enterprise.pk]),
        reverse("matching:placements"),
        reverse("matching:placement_detail", args=[placement.pk]),
        reverse("enterprises:detail", args=[enterprise.pk]),
    ]:
        assert "no-store" in caseworker_client.get(url)["Cache-Control"], url


def test_statistics_csv_defuses_formula_like_names(team_lead_client, citizen, caseworker):
    evil = make_enterprise(name='=HYPERLINK("http://x.invalid")', offers={"virksomhedspraktik": 2})
    make_placement(citizen=citizen, enterprise=evil, by=caseworker, status="active")
    body = team_lead_client.get(reverse("matching:statistics_csv", args=["enterprises"])).content.decode()
    assert "'=HYPERLINK" in body
    assert "\n=HYPERLINK" not in body and ";=HYPERLINK" not in body
