"""Enterprise register in a real browser: curation form, filtered search, WCAG checks."""

import re

import pytest
from playwright.sync_api import expect

from enterprises.models import Enterprise
from portal.core.models import Jobcenter, Municipality, Role, User
from tests.enterprises.conftest import make_enterprise

PASSWORD = "en-god-adgangskode-42"


@pytest.fixture
def people(reference_data):
    jobcenter = Jobcenter.objects.create(name="Jobcenter Aarhus")
    jobcenter.municipalities.set(Municipality.objects.filter(code="751"))
    User.objects.create_user(username="admin", password=PASSWORD, role=Role.ADMIN)
    User.objects.create_user(
        username="sagsbehandler", password=PASSWORD, role=Role.CASEWORKER, jobcenter=jobcenter
    )


def test_admin_creates_an_enterprise_with_an_offer(page, live_server, people, login, axe, screenshot):
    login("admin", PASSWORD)
    page.goto(f"{live_server.url}/enterprises/new/")
    assert axe() == []
    page.locator("#id_name").fill("Café Solsikke")
    page.locator("#id_cvr").fill("29403473")
    page.locator("#id_postcode").fill("8000")
    page.locator("#id_ordinary_staff_fte").fill("12,5")
    page.get_by_label("Misbrug").check()
    page.locator("#id_offers-0-placement_type").select_option("virksomhedspraktik")
    page.locator("#id_offers-0-places").fill("2")
    page.locator("#id_contacts-0-name").fill("Mette Hansen")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Café Solsikke")
    expect(page.locator("main")).to_contain_text("Virksomhedspraktik")
    expect(page.locator("main")).to_contain_text("Rimelighedskravet tillader 2 støttede personer")
    assert Enterprise.objects.get(cvr="29403473").offers.get().places == 2
    assert axe() == []
    screenshot("enterprise-detail-admin")


def test_caseworker_filters_by_municipality_and_placement_type(
    page, live_server, people, login, axe, screenshot
):
    make_enterprise("Aarhus Praktik", postcode="8000", offers={"virksomhedspraktik": 2})
    make_enterprise("Aarhus Fleksjob", postcode="8200", offers={"fleksjob": 1})
    make_enterprise("Odense Praktik", postcode="5000", offers={"virksomhedspraktik": 1})
    login("sagsbehandler", PASSWORD)
    page.goto(f"{live_server.url}/enterprises/")
    expect(page.locator("#results")).to_contain_text("3 virksomheder")
    assert axe() == []
    page.get_by_label("Kommune").select_option(label="Aarhus")
    expect(page.locator("#results")).to_contain_text("2 virksomheder")
    page.get_by_label("Forløbstype").select_option("virksomhedspraktik")
    expect(page.locator("#results")).to_contain_text("1 virksomhed")
    assert re.search(r"municipality=751.*placement_type=virksomhedspraktik", page.url)
    screenshot("enterprise-list-filtered")
    page.get_by_role("link", name="Aarhus Praktik").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aarhus Praktik")
    assert axe() == []
    page.go_back()
    expect(page.locator("#results")).to_contain_text("1 virksomhed")
