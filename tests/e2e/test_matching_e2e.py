"""A caseworker finds a match, proposes it, runs the placement to completion and sees it in statistics."""

from portal.demo import DEMO_PASSWORD
from portal.models import Jobcenter, Municipality, Role, User
from tests.matching.conftest import make_citizen, make_enterprise


def setup_data():
    jobcenter = Jobcenter.objects.create(name="Jobcenter Aarhus")
    jobcenter.municipalities.set(Municipality.objects.filter(code="751"))
    user = User.objects.create_user(
        username="sagsbehandler",
        password=DEMO_PASSWORD,
        role=Role.CASEWORKER,
        jobcenter=jobcenter,
        first_name="Sara",
    )
    citizen = make_citizen(
        jobcenter=jobcenter,
        caseworker=user,
        first_name="Mette",
        last_name="Madsen",
        challenge_areas=["psykisk_saarbarhed"],
        needs_mentor=True,
        hours_per_week=15,
        wanted=["virksomhedspraktik"],
    )
    make_enterprise(
        name="Café Kompasset",
        postcode="8000",
        challenge_areas=["psykisk_saarbarhed"],
        has_mentor=True,
        rsv_registered=True,
        offers={"virksomhedspraktik": 2},
    )
    make_enterprise(name="Genbrug Nord", postcode="8200", offers={"virksomhedspraktik": 1})
    make_enterprise(name="Fyldt Værksted", postcode="8000", offers={"virksomhedspraktik": 0})
    return citizen


def test_a_caseworker_proposes_runs_and_completes_a_placement(page, live_server, login, axe, screenshot):
    citizen = setup_data()
    login("sagsbehandler")
    page.goto(f"{live_server.url}/citizens/{citizen.pk}/matches/?excluded=on")
    assert page.get_by_role("heading", level=1).inner_text() == "Matchforslag for Mette Madsen"
    cards = page.locator(".match-card h3")
    assert "Café Kompasset" in cards.first.inner_text()
    assert "Fyldt Værksted" in page.locator("#excluded-heading + p + table").inner_text()
    assert axe() == []
    screenshot("matching-matches")

    page.get_by_role("link", name="Foreslå Café Kompasset").click()
    page.get_by_label("Formål").fill("Faste rutiner og afklaring af arbejdsevne.")
    page.get_by_role("button", name="Foreslå forløb").click()
    page.wait_for_load_state()
    assert "/placements/" in page.url
    assert "Forløbet er foreslået." in page.locator("main").inner_text()
    assert axe() == []

    for button in ("Marker som kontaktet", "Marker som aftalt", "Start forløbet"):
        page.get_by_role("button", name=button).click()
        page.wait_for_load_state()
    assert "I gang" in page.locator(".lead").inner_text()
    page.get_by_label("Resultat").select_option(label="Uddannelse")
    page.get_by_role("button", name="Afslut forløbet").click()
    page.wait_for_load_state()
    assert "Afsluttet" in page.locator(".lead").inner_text()
    assert "Resultat: Uddannelse" in page.locator(".placement-timeline").inner_text()
    assert axe() == []
    screenshot("matching-placement")

    page.get_by_role("link", name="Statistik").first.click()
    page.wait_for_load_state()
    outcomes = page.locator("#stat-outcomes ~ table, section:has(#stat-outcomes) table").first.inner_text()
    assert "Uddannelse\t1" in outcomes
    assert "100 %" in page.locator(".stat-keys").inner_text()
    assert axe() == []
    screenshot("matching-statistics")
