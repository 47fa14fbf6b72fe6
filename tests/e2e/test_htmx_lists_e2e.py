"""Every htmx list, in a real browser, as the role that uses it: after a filter change and after a
page link, focus is on the results heading (scrolled into view) and the count is announced; after two
filter changes, Back shows the whole page again (header, heading, filters), not a bare results table.
A select changed with the arrow keys searches once, not once per key press."""

import pytest
from playwright.sync_api import expect

from matching.views import placements
from portal.auditlog import views as audit_views

HEADING_FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el.id !== 'results-heading' || el.hasAttribute('data-old')) return false;
    const box = el.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
}"""


def mark_old_results(page) -> None:
    """Mark the heading on screen now, so a check afterwards waits for the new one."""
    page.evaluate("() => document.querySelector('#results-heading').setAttribute('data-old', '')")


def assert_results_heading_focused(page) -> None:
    page.wait_for_function(HEADING_FOCUSED, timeout=5000)
    expect(page.locator("#live-status")).not_to_be_empty()


def assert_whole_page(page, h1: str) -> None:
    expect(page.locator("header.site-header")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(h1)
    expect(page.locator("#results-heading")).to_have_count(1)
    assert page.locator("footer.site-footer").count() == 1


def page_then_filter_twice_then_back(page, *, first, second, h1, filters, next_link="Næste"):
    mark_old_results(page)
    page.get_by_role("link", name=next_link, exact=True).first.click()
    assert_results_heading_focused(page)
    mark_old_results(page)
    first()
    assert_results_heading_focused(page)
    filtered_once = page.url
    mark_old_results(page)
    second()
    assert_results_heading_focused(page)
    assert page.url != filtered_once
    page.go_back()
    page.wait_for_url(filtered_once)
    assert_whole_page(page, h1)
    expect(page.locator(filters)).to_have_count(1)


# (list URL, first filter, second filter, h1, the filter form) for the caseworker's htmx lists.
CASEWORKER_LISTS = [
    (
        "/enterprises/",
        ("Kommune", {"label": "Aarhus"}),
        ("Forløbstype", {"value": "virksomhedspraktik"}),
        "Socialøkonomiske virksomheder",
        "form.enterprise-filters",
    ),
    (
        "/citizens/?scope=all",
        ("Status", {"value": "all"}),
        ("Vis", {"value": "mine"}),
        "Borgere",
        "#citizen-filter-form",
    ),
    (
        "/placements/?status=all&scope=all",
        ("Status", {"value": ""}),
        ("Vis", {"value": "mine"}),
        "Forløb",
        "#placement-filters",
    ),
]


def test_caseworker_lists(page, live_server, demo_data, login, monkeypatch):
    monkeypatch.setattr(placements, "PAGE_SIZE", 5)  # demo data has ~30 placements: page them anyway
    login("sagsbehandler")
    for url, (label1, option1), (label2, option2), h1, filters in CASEWORKER_LISTS:
        page.goto(live_server.url + url)
        page_then_filter_twice_then_back(
            page,
            first=lambda: page.get_by_label(label1, exact=True).select_option(**option1),
            second=lambda: page.get_by_label(label2, exact=True).select_option(**option2),
            h1=h1,
            filters=filters,
        )


def test_team_lead_audit_log(page, live_server, demo_data, login, monkeypatch):
    monkeypatch.setattr(audit_views, "PAGE_SIZE", 5)
    login("teamleder")
    page.goto(f"{live_server.url}/audit/")
    page_then_filter_twice_then_back(
        page,
        first=lambda: page.get_by_label("Handling").select_option("citizen_view"),
        second=lambda: page.get_by_label("Handling").select_option("login"),
        h1="Log over læsning og ændringer",
        filters="#audit-filters",
    )


def test_admin_correction_tabs(page, live_server, demo_data, login):
    login("admin")
    page.goto(f"{live_server.url}/enterprises/corrections/")
    mark_old_results(page)
    page.get_by_role("link", name="Behandlede").click()
    assert_results_heading_focused(page)
    resolved = page.url
    mark_old_results(page)
    page.get_by_role("link", name="Åbne").click()
    assert_results_heading_focused(page)
    page.go_back()
    page.wait_for_url(resolved)
    assert_whole_page(page, "Rettelsesforslag")
    expect(page.get_by_role("link", name="Behandlede")).to_have_attribute("aria-current", "page")


@pytest.mark.parametrize("confirm", ["Enter", "Tab"])
def test_arrow_keys_in_a_select_search_once(page, live_server, demo_data, login, confirm):
    login("sagsbehandler")
    page.goto(f"{live_server.url}/enterprises/")
    swaps: list[str] = []
    page.on("request", lambda r: swaps.append(r.url) if r.headers.get("hx-request") else None)
    select = page.get_by_label("Forløbstype")
    select.focus()
    for _ in range(3):
        select.press("ArrowDown")
    page.wait_for_timeout(700)  # longer than any htmx delay: nothing may have been sent
    assert swaps == []
    select.press(confirm)
    assert_results_heading_focused(page)
    assert len(swaps) == 1
