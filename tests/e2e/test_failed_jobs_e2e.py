"""The failed-jobs page in a real browser, with a job the real worker gave up on: the row is there,
the page passes axe, and the arguments (recipient, subject) are not shown."""

from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal.core.jobs import MAX_ATTEMPTS, send_email_later
from tests.conftest import PASSWORD, Role, make_user


def test_a_system_admin_sees_the_failed_email_and_the_page_is_accessible(
    page, live_server, login, axe, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "tests.portal.failing_mail.Backend"
    send_email_later(to=["kollega@aarhus.dk"], subject="Hemmeligt emne", body="x")
    for _ in range(MAX_ATTEMPTS):
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    make_user("sysa", Role.SYSTEM_ADMIN, None)

    login("sysa", PASSWORD)
    page.get_by_role("link", name="Fejlede job").first.click()

    assert page.get_by_role("heading", level=1).inner_text() == "Fejlede baggrundsjob"
    rows = page.locator("tbody tr")
    assert rows.count() == 1
    assert "send_email" in rows.inner_text() and "OSError" in rows.inner_text()
    assert "kollega@aarhus.dk" not in page.content() and "Hemmeligt emne" not in page.content()
    assert axe() == []
