"""A team lead changes the contact phone, previews, downloads the PDF and sends it; axe on the preview."""

import io
from pathlib import Path

from pypdf import PdfReader

from portal.core import demo as portal_demo
from portal.flyer import demo as flyer_demo


def seed() -> None:
    # Just the portal's and the flyer's demo data: fast, and independent of the other apps' seeds.
    portal_demo.seed()
    flyer_demo.seed()


def test_a_team_lead_edits_the_phone_previews_downloads_and_sends_the_flyer(
    page, live_server, login, mailoutbox, screenshot
):
    seed()
    login("teamleder")
    page.goto(f"{live_server.url}/flyer/")
    page.get_by_role("link", name="Jobcentrets kontaktblok").click()
    page.get_by_label("Telefon").fill("70 11 22 33")
    page.get_by_role("button", name="Gem kontaktblok").click()
    page.wait_for_load_state()

    assert page.url.startswith(f"{live_server.url}/flyer/")
    assert "70 11 22 33" in page.locator(".flyer-contact").inner_text()
    screenshot("flyer-preview")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Hent PDF").click()
    data = Path(download_info.value.path()).read_bytes()
    assert data.startswith(b"%PDF")
    text = " ".join(pdf_page.extract_text() for pdf_page in PdfReader(io.BytesIO(data)).pages)
    assert "70 11 22 33" in text

    page.get_by_role("link", name="Send til en kollega").click()
    page.get_by_label("Kollegaens e-mailadresse").fill("kollega@aarhus.dk")
    page.get_by_label("Kort hilsen (valgfri)").fill("Til mødet på fredag")
    page.get_by_role("button", name="Send flyeren").click()
    page.wait_for_load_state()
    assert "Flyeren er sendt til kollega@aarhus.dk." in page.locator("main").inner_text()
    assert len(mailoutbox) == 1
    ((_name, content, _mimetype),) = mailoutbox[0].attachments
    assert "70 11 22 33" in " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)


def test_the_flyer_pages_have_no_wcag_violations(page, live_server, login, axe):
    seed()
    login("teamleder")
    for path in ("/flyer/", "/flyer/send/", "/flyer/contact/"):
        page.goto(f"{live_server.url}{path}")
        assert axe() == [], path
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_load_state()
    login("admin")
    for path in ("/flyer/text/", "/flyer/text/new/"):
        page.goto(f"{live_server.url}{path}")
        assert axe() == [], path
