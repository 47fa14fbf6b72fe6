"""The loop after the start, in Chromium: propose with a future start, agree, the daily command starts
it, a follow-up clears the overdue flag, extend past the group's maximum with an assessment, complete
with the actual end date, find it in the placement list, see it in statistics. Axe on every page."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from enterprises.models import Enterprise
from matching.models import Placement
from tests.e2e.test_matching_e2e import setup_data


def test_the_whole_loop_after_the_start(page, live_server, login, axe, screenshot):
    citizen = setup_data()
    enterprise_id = Enterprise.objects.get(name="Café Kompasset").pk
    today = timezone.localdate()
    start = today + timedelta(days=3)
    login("sagsbehandler")

    page.goto(
        f"{live_server.url}/citizens/{citizen.pk}/matches/{enterprise_id}/propose/?type=virksomhedspraktik"
    )
    page.get_by_label("Formål").fill("Faste rutiner og afklaring af arbejdsevne.")
    page.get_by_label("Forventet startdato").fill(start.isoformat())
    page.get_by_role("button", name="Foreslå forløb").click()
    page.wait_for_load_state()
    placement_url = page.url
    page.get_by_role("button", name="Markér som kontaktet").click()
    page.wait_for_load_state()
    page.get_by_label("Aftalt startdato").fill(start.isoformat())
    page.get_by_role("button", name="Markér som aftalt").click()
    page.wait_for_load_state()
    assert "Aftalt" in page.locator(".lead").inner_text()
    assert axe() == []

    # The daily timer on the agreed day (the live server's clock is never frozen).
    call_command("activate_due_placements", "--today", start.isoformat())
    page.goto(placement_url)
    assert "I gang" in page.locator(".lead").inner_text()
    assert "Brobygger (automatisk)" in page.locator(".placement-timeline").inner_text()

    # Two weeks pass and the first follow-up, due yesterday, was missed.
    Placement.objects.filter(citizen=citizen).update(
        start_date=start - timedelta(days=14),
        planned_end_date=start - timedelta(days=14) + timedelta(weeks=13),
        follow_up_date=today - timedelta(days=1),
    )
    page.goto(placement_url)
    assert "Opfølgning overskredet" in page.locator("main").inner_text()
    page.get_by_label("Afholdt den").fill(today.isoformat())
    page.get_by_label("Besøg på virksomheden").check()
    page.get_by_role("button", name="Registrér opfølgning").click()
    page.wait_for_load_state()
    assert "Opfølgningen er registreret." in page.locator("main").inner_text()
    assert "Opfølgning overskredet" not in page.locator("main").inner_text()
    assert axe() == []

    placement = Placement.objects.get(citizen=citizen)
    page.get_by_label("Ny planlagt slutdato").fill(
        (placement.planned_end_date + timedelta(weeks=2)).isoformat()
    )
    page.get_by_label("Begrundelse").fill("Borgeren mangler at prøve kassen.")
    page.get_by_role("button", name="Forlæng forløbet").click()
    page.wait_for_load_state()
    assert "konkret vurdering" in page.locator("main").inner_text()  # past the 13 weeks for "others"
    page.get_by_label("Konkret vurdering").fill("Angsten fylder mindre; to uger mere giver et ordinært job.")
    page.get_by_role("button", name="Forlæng forløbet").click()
    page.wait_for_load_state()
    assert "Forløbet er forlænget." in page.locator("main").inner_text()
    assert axe() == []
    screenshot("placement-loop-detail")

    page.get_by_label("Resultat").select_option(label="Ordinært job")
    page.get_by_label("Faktisk slutdato").fill(today.isoformat())
    page.get_by_role("button", name="Afslut forløbet").click()
    page.wait_for_load_state()
    assert "Afsluttet" in page.locator(".lead").inner_text()

    page.goto(f"{live_server.url}/placements/")
    page.get_by_role("link", name="Afsluttede").click()
    page.wait_for_load_state()
    page.get_by_role("textbox", name="Søg", exact=True).fill("Mette")
    page.get_by_role("textbox", name="Søg", exact=True).press("Enter")
    expect(page.locator("#results")).to_contain_text("Mette Madsen")  # after the htmx swap
    assert "Ordinært job" in page.locator("#results").inner_text()
    assert axe() == []

    page.goto(f"{live_server.url}/statistics/")
    outcomes = page.locator("section:has(#stat-outcomes) table").first.inner_text()
    assert "Ordinært job\t1" in outcomes
    extensions = page.locator("section:has(#stat-extensions) table").first.inner_text()
    assert "Forlængelser registreret i perioden\t1" in extensions
    assert axe() == []
    screenshot("placement-loop-statistics")
