"""A caseworker finds a match, proposes it, runs the placement to completion and sees it in statistics."""

from datetime import date

from portal.core.demo import DEMO_PASSWORD
from portal.core.models import Jobcenter, Municipality, Role, User
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
    assert "Fyldt Værksted" in page.locator("#excluded-heading + p + .table-responsive table").inner_text()
    assert axe() == []
    screenshot("matching-matches")

    page.get_by_role("link", name="Foreslå Café Kompasset").click()
    page.get_by_label("Formål").fill("Faste rutiner og afklaring af arbejdsevne.")
    page.get_by_role("button", name="Foreslå forløb").click()
    page.wait_for_load_state()
    assert "/placements/" in page.url
    assert "Forløbet er foreslået." in page.locator("main").inner_text()
    assert axe() == []

    for button in ("Markér som kontaktet", "Markér som aftalt", "Start forløbet"):
        page.get_by_role("button", name=button).click()
        page.wait_for_load_state()
    assert "I gang" in page.locator(".lead").inner_text()
    page.get_by_label("Resultat").select_option(label="Uddannelse")
    page.get_by_label("Faktisk slutdato").fill(date.today().isoformat())
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


def test_matching_pages_fit_a_phone_and_the_distance_select_shows_its_label(page, live_server, login):
    from matching.models import Placement
    from tests.matching.conftest import make_placement

    citizen = setup_data()
    for n in range(3):
        other = make_citizen(
            jobcenter=citizen.jobcenter,
            caseworker=citizen.caseworker,
            first_name="Christoffer-Alexander",
            last_name=f"Vestergaard-Mortensen {n}",
        )
        make_placement(
            citizen=other,
            enterprise=make_enterprise(
                name=f"Socialøkonomisk Genbrugsværksted Nummer {n}", offers={"loentilskud": 2}
            ),
            by=citizen.caseworker,
            code="loentilskud",
            status="active",
        )
    assert Placement.objects.count() == 3
    login("sagsbehandler")
    page.set_viewport_size({"width": 375, "height": 740})
    for path in ("/placements/", "/statistics/", f"/citizens/{citizen.pk}/matches/?excluded=on"):
        page.goto(f"{live_server.url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, (path, width)

    # The citizen's own maximum is the selected distance; its label must not be cut off.
    for width in (1280, 800):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{live_server.url}/citizens/{citizen.pk}/matches/")
        select = page.get_by_label("Afstand")
        assert select.evaluate("s => s.options[s.selectedIndex].text") == "20 km (borgerens maks.)"
        room, needed = select.evaluate(
            """s => {
                const style = getComputedStyle(s);
                const ctx = document.createElement('canvas').getContext('2d');
                ctx.font = style.font;
                const text = ctx.measureText(s.options[s.selectedIndex].text).width;
                const room = s.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
                return [room, text];
            }"""
        )
        assert needed <= room, (width, room, needed)
