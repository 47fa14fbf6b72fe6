"""A caseworker creates a citizen, adds a note and reveals the CPR; the team lead sees it in /audit/.
axe finds no WCAG 2.1 AA violation on the list, the form and the detail page."""

from playwright.sync_api import expect


def test_a_case_from_creation_to_the_team_leads_audit_log(
    page, live_server, demo_data, login, axe, screenshot
):
    login("sagsbehandler")
    page.goto(f"{live_server.url}/citizens/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Borgere")
    assert axe() == []
    screenshot("citizens-list")

    page.get_by_role("link", name="Opret borger").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Opret borger")
    assert axe() == []
    screenshot("citizens-form")
    page.get_by_label("CPR-nummer").fill("070791-1237")
    page.get_by_label("Fornavn").fill("Lærke")
    page.get_by_label("Efternavn").fill("Østergård")
    page.get_by_label("Postnummer").fill("8000")
    page.get_by_label("Målgruppe").select_option("kontanthjaelp_aktivitetsparat")
    page.get_by_label("Virksomhedspraktik").check()
    page.get_by_label("Borgeren har givet samtykke").check()
    page.get_by_label("Underskrevet").check()
    page.get_by_label("Samtykkedato").fill("2026-11-02")
    page.get_by_role("button", name="Gem").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Lærke Østergård")
    expect(page.locator("#cpr-value")).to_have_text("070791-XXXX")
    page.get_by_role("textbox", name="Notat").fill("Første samtale: vil gerne arbejde i køkken.")
    page.get_by_role("button", name="Tilføj notat").click()
    expect(page.locator("#notater")).to_contain_text("vil gerne arbejde i køkken")
    page.get_by_role("button", name="Vis CPR").click()
    expect(page.locator("#cpr-value")).to_have_text("070791-1237")
    assert "1237" not in page.title() and "1237" not in page.url
    assert axe() == []
    screenshot("citizens-detail")

    page.get_by_role("button", name="Log ud").click()
    login("teamleder")
    page.goto(f"{live_server.url}/audit/")
    log = page.locator("main")
    for label in ("Borgersag oprettet", "Notat tilføjet", "CPR-nummer vist", "Borgersag læst"):
        expect(log).to_contain_text(label)
    expect(log).to_contain_text("Sara Holm")
    assert axe() == []
    screenshot("audit-log")


def test_a_cpr_typed_into_the_name_search_never_reaches_a_url(page, live_server, login, caseworker):
    from citizens import services
    from portal.core.models import Postcode
    from tests.conftest import PASSWORD

    services.citizen_create(
        by=caseworker,
        cpr="070791-1237",
        fields={
            "first_name": "Lærke",
            "last_name": "Østergård",
            "postcode": Postcode.objects.get(number="8000"),
        },
    )
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    login(caseworker.username, PASSWORD)
    page.goto(f"{live_server.url}/citizens/")
    page.get_by_label("Søg på navn").fill("070791-1237")
    page.get_by_label("Søg på navn").press("Enter")
    expect(page.locator("#citizen-results")).to_contain_text("Østergård")
    expect(page.get_by_label("Find borger på CPR-nummer")).to_have_value("070791-1237")
    # Leaving the field (the filters submit on change through htmx) takes the same way.
    page.goto(f"{live_server.url}/citizens/")
    page.get_by_label("Søg på navn").fill("0707911237")
    page.get_by_label("Søg på navn").press("Tab")
    expect(page.get_by_label("Find borger på CPR-nummer")).to_have_value("0707911237")
    expect(page.locator("#citizen-results")).to_contain_text("Østergård")
    storage = page.evaluate("() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage)")
    for digits in ("0707911237", "070791", "1237"):
        assert digits not in page.url and digits not in storage
        assert not [url for url in urls if digits in url]


LINES = """el => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
}"""
PAGE_OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


def test_on_a_phone_the_cpr_stays_on_one_line_and_tables_scroll(
    page, live_server, login, caseworker, team_lead
):
    from citizens import services
    from portal.core.models import Postcode
    from tests.conftest import PASSWORD

    citizen = services.citizen_create(
        by=caseworker,
        cpr="150169-1234",
        fields={
            "first_name": "Maria Louise",
            "last_name": "Østergård-Christiansen",
            "postcode": Postcode.objects.get(number="8000"),
        },
    )
    page.set_viewport_size({"width": 375, "height": 740})
    login(caseworker.username, PASSWORD)
    page.goto(f"{live_server.url}/citizens/")
    cell = page.locator("td.citizen-cpr").first
    expect(cell).to_have_text("150169-XXXX")
    assert cell.evaluate(LINES) == 1
    assert page.evaluate(PAGE_OVERFLOW) <= 0  # the table scrolls inside .table-responsive
    page.goto(f"{live_server.url}/citizens/{citizen.pk}/")
    assert page.locator("#cpr-value").evaluate(LINES) == 1

    page.context.clear_cookies()  # the logout button sits in the collapsed menu at this width
    login(team_lead.username, PASSWORD)
    page.goto(f"{live_server.url}/audit/")
    expect(page.locator("main")).to_contain_text("1 borger vist")
    assert page.evaluate(PAGE_OVERFLOW) <= 0
