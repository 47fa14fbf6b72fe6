"""In Chromium: a team lead invites a caseworker (e-mail written by the real job worker to files), the
caseworker chooses a password from the link and signs in; the idle warning takes the focus."""

import re

from django.core.management import call_command

from portal.core.models import User

NEW_PASSWORD = "Karens-eget-kodeord-2026"


def test_a_team_lead_invites_a_caseworker_who_sets_a_password_and_signs_in(
    page, live_server, demo_data, login, axe, settings, tmp_path
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)

    login("teamleder")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Brugere").click()
    page.get_by_role("link", name="Invitér en bruger").click()
    page.get_by_label("Fornavn").fill("Karen")
    page.get_by_label("Efternavn").fill("Krag")
    page.get_by_label("E-mail").fill("karen.krag@aarhus.dk")
    page.get_by_label("Rolle").select_option("caseworker")
    assert axe() == []
    page.get_by_role("button", name="Send invitation").click()
    assert "Invitationen er sendt" in page.locator("main").inner_text()
    assert list(tmp_path.iterdir()) == []  # queued, not sent by the request

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    [message] = [path.read_text() for path in tmp_path.iterdir()]
    assert "To: karen.krag@aarhus.dk" in message
    link = re.search(r"https?://\S+/accounts/set-password/\S+/", message).group(0)

    page.get_by_role("button", name="Log ud").click()
    page.goto(link)
    assert axe() == []
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.get_by_label("Bekræftelse af ny adgangskode").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Gem adgangskode").click()
    assert "/accounts/login/" in page.url
    login("karen.krag@aarhus.dk", NEW_PASSWORD)
    assert page.url == f"{live_server.url}/"
    assert "Karen Krag" in page.locator("header").inner_text()
    assert User.objects.get(username="karen.krag@aarhus.dk").last_login is not None


def test_the_idle_warning_takes_the_focus_and_the_button_keeps_the_session(
    page, live_server, demo_data, login, axe, settings
):
    settings.SESSION_IDLE_SECONDS = 6
    settings.SESSION_WARNING_SECONDS = 5
    login("sagsbehandler")
    dialog = page.get_by_role("dialog")
    dialog.wait_for(state="visible", timeout=5000)
    assert "Du bliver logget ud om 1 minut" in dialog.inner_text()
    assert page.evaluate("document.activeElement.textContent.trim()") == "Bliv logget ind"
    assert axe() == []
    page.keyboard.press("Enter")
    dialog.wait_for(state="hidden", timeout=3000)
    page.wait_for_timeout(3000)  # longer than the idle time since sign-in, but not since "stay"
    page.goto(f"{live_server.url}/enterprises/")
    assert "/accounts/login/" not in page.url
