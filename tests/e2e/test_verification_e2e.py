"""End to end in Chromium: an admin sends a verification link (real worker, file e-mail backend), the
enterprise opens it on a 320 px screen, lowers one offer's places and sends; the admin sees it answered;
a caseworker sees the new free places and "verificeret i dag". axe on every page on the way."""

import re

from django.core.management import call_command

from enterprises.models import ContactPerson, Enterprise, EnterpriseStatus, Offer
from enterprises.verify import ratelimit


def test_enterprise_confirms_by_link_on_a_phone(
    page, browser, live_server, demo_data, login, axe, settings, tmp_path
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    settings.PUBLIC_BASE_URL = live_server.url
    offer = (
        Offer.objects.filter(
            enterprise__status=EnterpriseStatus.ACTIVE, enterprise__municipality_id="751", places__gte=2
        )
        .order_by("pk")
        .first()
    )
    enterprise = offer.enterprise
    ContactPerson.objects.filter(enterprise=enterprise, is_primary=True).update(email="kontakt@virksomhed.dk")
    if not ContactPerson.objects.filter(enterprise=enterprise, is_primary=True).exists():
        ContactPerson.objects.create(
            enterprise=enterprise, name="Kim", email="kontakt@virksomhed.dk", is_primary=True
        )
    lowered = offer.places - 1
    assert lowered >= offer.places_taken

    login("admin")
    page.goto(f"{live_server.url}/enterprises/verification/{enterprise.pk}/")
    assert axe() == []
    page.get_by_role("button", name="Send nyt bekræftelseslink").click()
    assert "Afventer svar" in page.content()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    sent = "".join(p.read_text() for p in tmp_path.iterdir())
    assert "kontakt@virksomhed.dk" in sent
    link = re.search(r"(http://\S+/register/bekraeft/\S+/)", sent).group(1)

    phone = browser.new_context(viewport={"width": 320, "height": 700})
    mobile = phone.new_page()
    mobile.goto(link)
    wide = mobile.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 321)"
        ".map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40))"
    )
    assert wide == []
    assert enterprise.name in mobile.content()
    assert mobile.locator("a[href]").count() == 0  # nowhere into the portal
    mobile.evaluate(axe.__globals__["AXE_JS"].read_text(encoding="utf-8"))
    result = mobile.evaluate(
        "async () => await axe.run(document, {runOnly: ['wcag2a','wcag2aa','wcag21a','wcag21aa']})"
    )
    assert result["violations"] == []
    mobile.get_by_label(f"{offer.placement_type.label}: pladser i alt").fill(str(lowered))
    mobile.get_by_role("button", name="Send ændringerne").click()
    assert mobile.get_by_role("heading", level=1).inner_text() == "Tak for svaret"
    phone.close()

    page.goto(f"{live_server.url}/enterprises/verification/{enterprise.pk}/")
    assert "Besvaret" in page.content()
    page.goto(f"{live_server.url}/enterprises/verification/?tab=answered")
    assert enterprise.name in page.content()
    assert axe() == []

    page.context.clear_cookies()
    login("sagsbehandler")
    page.goto(f"{live_server.url}/enterprises/{enterprise.pk}/")
    assert "verificeret i dag" in page.content()
    free = lowered - offer.places_taken
    cells = page.locator("tr", has_text=offer.placement_type.label).first.locator("td").all_inner_texts()
    assert [c.strip() for c in cells[:3]] == [str(lowered), str(offer.places_taken), str(free)]
    assert Enterprise.objects.get(pk=enterprise.pk).verified_source == "enterprise"
    assert ratelimit.REQUESTS_PER_MINUTE == 30


def test_report_page_on_a_phone_is_accessible(browser, live_server, axe):
    phone = browser.new_context(viewport={"width": 320, "height": 700})
    page = phone.new_page()
    page.goto(f"{live_server.url}/register/anmeld/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.evaluate(axe.__globals__["AXE_JS"].read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: ['wcag2a','wcag2aa','wcag21a','wcag21aa']})"
    )
    assert [v["id"] for v in result["violations"]] == []
    page.get_by_role("button", name="Send anmeldelsen").click()
    assert page.get_by_role("alert").count() == 1
    phone.close()
