"""Pages: permission ladder (anonymous → login, wrong role → 403, foreign id → 404, right role → 200)."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from matching.models import Placement
from portal.core.models import AuditEvent

from .conftest import make_citizen, make_enterprise, make_placement

pytestmark = pytest.mark.django_db


def urls_for(citizen, enterprise, placement) -> dict[str, str]:
    return {
        "matches": reverse("matching:matches", args=[citizen.pk]),
        "propose": reverse("matching:propose", args=[citizen.pk, enterprise.pk]),
        "candidates": reverse("matching:candidates", args=[enterprise.pk]),
        "placements": reverse("matching:placements"),
        "placement_detail": reverse("matching:placement_detail", args=[placement.pk]),
    }


@pytest.mark.parametrize("name", ["matches", "propose", "candidates", "placements", "placement_detail"])
def test_the_permission_ladder(
    name, citizen, enterprise, placement, caseworker_client, admin_client_, outsider_client
):
    url = urls_for(citizen, enterprise, placement)[name]
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert admin_client_.get(url).status_code == 403
    if name not in ("placements", "candidates"):
        assert outsider_client.get(url).status_code == 404
    response = caseworker_client.get(url)
    assert response.status_code == 200
    assert b"<h1" in response.content


def test_matches_show_score_reasons_and_a_propose_button(caseworker_client, citizen, enterprise):
    response = caseworker_client.get(reverse("matching:matches", args=[citizen.pk]))
    html = response.content.decode()
    assert "Matchforslag for Mette Madsen" in html
    assert "Café Kompasset" in html and "point" in html and "Foreslå" in html
    assert AuditEvent.objects.filter(action="match_view", target_id=citizen.pk).exists()


def test_matches_can_show_the_excluded_with_the_reason(caseworker_client, citizen):
    make_enterprise(name="Fyldt op", offers={"virksomhedspraktik": 0})
    url = reverse("matching:matches", args=[citizen.pk])
    assert "Fyldt op" not in caseworker_client.get(url).content.decode()
    html = caseworker_client.get(url, {"excluded": "on", "km": 40}).content.decode()
    assert "Fyldt op" in html and "Ingen ledige pladser" in html


def test_matches_page_queries_stay_constant(caseworker_client, citizen, django_assert_max_num_queries):
    url = reverse("matching:matches", args=[citizen.pk])
    make_enterprise()
    with django_assert_max_num_queries(25) as one:
        caseworker_client.get(url)
    for _ in range(25):
        make_enterprise(challenge_areas=["misbrug"], target_groups=["dagpenge"])
    with django_assert_max_num_queries(len(one.captured_queries)):
        caseworker_client.get(url)


def test_proposing_creates_the_placement_and_opens_it(caseworker_client, citizen, enterprise):
    url = reverse("matching:propose", args=[citizen.pk, enterprise.pk])
    response = caseworker_client.post(
        url, {"placement_type": "virksomhedspraktik", "purpose": "Faste rutiner", "start_date": "2026-02-02"}
    )
    placement = Placement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("matching:placement_detail", args=[placement.pk])
    assert placement.created_by.username == "sara" and placement.purpose == "Faste rutiner"


def test_proposing_without_purpose_shows_a_danish_error(caseworker_client, citizen, enterprise):
    url = reverse("matching:propose", args=[citizen.pk, enterprise.pk])
    response = caseworker_client.post(url, {"placement_type": "virksomhedspraktik", "purpose": ""})
    assert response.status_code == 400
    assert "Skriv formålet med forløbet." in response.content.decode()
    assert not Placement.objects.exists()


def test_proposing_without_consent_is_refused(caseworker_client, jobcenter, caseworker, enterprise):
    citizen = make_citizen(jobcenter=jobcenter, caseworker=caseworker, consent=False)
    url = reverse("matching:propose", args=[citizen.pk, enterprise.pk])
    response = caseworker_client.post(url, {"placement_type": "virksomhedspraktik", "purpose": "Job"})
    assert response.status_code == 400
    assert "samtykke" in response.content.decode()
    assert not Placement.objects.exists()


def test_the_placement_moves_through_its_steps_by_post(caseworker_client, placement):
    def move(to_status, **data):
        url = reverse("matching:placement_move", args=[placement.pk, to_status])
        return caseworker_client.post(url, {f"{to_status}-{k}": v for k, v in data.items()})

    assert move("contacted", note="Ringet").status_code == 302
    assert move("agreed").status_code == 302
    assert move("active", start_date="2026-01-05").status_code == 302
    response = move("completed")
    assert response.status_code == 400 and "Vælg forløbets resultat." in response.content.decode()
    response = move("completed", outcome="education")
    assert response.status_code == 400 and "Angiv den faktiske slutdato." in response.content.decode()
    assert move("completed", outcome="education", ended_on="2026-02-13").status_code == 302
    placement.refresh_from_db()
    assert placement.status == "completed" and placement.outcome == "education"
    assert placement.ended_on == date(2026, 2, 13)
    assert list(placement.events.values_list("to_status", flat=True)) == [
        "proposed",
        "contacted",
        "agreed",
        "active",
        "completed",
    ]


def test_a_refused_move_gives_a_message_and_changes_nothing(caseworker_client, placement):
    url = reverse("matching:placement_move", args=[placement.pk, "completed"])
    response = caseworker_client.post(url, {"completed-outcome": "education"}, follow=True)
    assert "kan ikke flyttes" in response.content.decode()
    placement.refresh_from_db()
    assert placement.status == "proposed"


def test_the_loser_of_the_last_place_gets_a_clear_message(caseworker_client, jobcenter, caseworker):
    enterprise = make_enterprise(offers={"virksomhedspraktik": 1})
    first, second = (
        make_placement(
            citizen=make_citizen(jobcenter=jobcenter, caseworker=caseworker),
            enterprise=enterprise,
            by=caseworker,
            status="contacted",
        )
        for _ in range(2)
    )
    caseworker_client.post(reverse("matching:placement_move", args=[first.pk, "agreed"]))
    response = caseworker_client.post(
        reverse("matching:placement_move", args=[second.pk, "agreed"]), follow=True
    )
    assert "ikke længere en ledig plads" in response.content.decode()


def test_moving_a_foreign_placement_is_404(outsider_client, placement):
    url = reverse("matching:placement_move", args=[placement.pk, "contacted"])
    assert outsider_client.post(url).status_code == 404


def test_placements_list_filters_and_flags(
    caseworker_client, team_lead_client, jobcenter, caseworker, colleague
):
    enterprise = make_enterprise(offers={"virksomhedspraktik": 5})
    mine = make_placement(
        citizen=make_citizen(jobcenter=jobcenter, caseworker=caseworker, first_name="Min"),
        enterprise=enterprise,
        by=caseworker,
    )
    make_placement(
        citizen=make_citizen(jobcenter=jobcenter, caseworker=colleague, first_name="Kollegas"),
        enterprise=enterprise,
        by=colleague,
    )
    Placement.objects.filter(pk=mine.pk).update(status_changed_at="2020-01-01T00:00Z")
    url = reverse("matching:placements")
    html = caseworker_client.get(url).content.decode()
    assert "Min Borger" in html and "Kollegas Borger" not in html
    assert "Ingen bevægelse i 14 dage" in html
    assert "Kollegas Borger" in caseworker_client.get(url, {"scope": "all"}).content.decode()
    assert "Kollegas Borger" in team_lead_client.get(url).content.decode()
    stale = caseworker_client.get(url, {"scope": "all", "flag": "stale"}).content.decode()
    assert "Min Borger" in stale and "Kollegas Borger" not in stale
    assert "Min Borger" not in caseworker_client.get(url, {"status": "active"}).content.decode()


def test_placements_list_queries_stay_constant(
    team_lead_client, jobcenter, caseworker, django_assert_max_num_queries
):
    enterprise = make_enterprise(offers={"virksomhedspraktik": 50})
    url = reverse("matching:placements")

    def add(n):
        for _ in range(n):
            make_placement(
                citizen=make_citizen(jobcenter=jobcenter, caseworker=caseworker),
                enterprise=enterprise,
                by=caseworker,
            )

    add(1)
    with django_assert_max_num_queries(12) as one:
        team_lead_client.get(url)
    add(30)
    with django_assert_max_num_queries(len(one.captured_queries)):
        team_lead_client.get(url)


def test_candidates_page_lists_own_jobcenter_citizens(
    caseworker_client, outsider_client, citizen, enterprise
):
    url = reverse("matching:candidates", args=[enterprise.pk])
    assert "Mette Madsen" in caseworker_client.get(url).content.decode()
    assert "Mette Madsen" not in outsider_client.get(url).content.decode()


def test_placement_detail_shows_timeline_and_only_allowed_next_steps(caseworker_client, placement):
    html = caseworker_client.get(reverse("matching:placement_detail", args=[placement.pk])).content.decode()
    assert "Forløbets historik" in html
    assert "Markér som kontaktet" in html and "Annullér forløbet" in html
    assert "Start forløbet" not in html
    assert AuditEvent.objects.filter(action="placement_view").exists()


def test_candidates_and_placement_lists_appear_in_the_citizens_access_report(
    caseworker_client, caseworker, citizen, enterprise, placement
):
    from citizens.selectors import citizen_access_events

    caseworker_client.get(reverse("matching:candidates", args=[enterprise.pk]))
    caseworker_client.get(reverse("matching:placements"))
    actions = {event.action for event in citizen_access_events(citizen=citizen) if event.actor == caseworker}
    assert {"match_view", "placement_list"} <= actions
