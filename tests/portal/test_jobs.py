"""The background-job mechanism (portal/core/jobs.py), run by the real worker (`manage.py db_worker`)."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal.core.jobs import MAX_ATTEMPTS, send_email_later

DB_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_jobs(settings) -> None:
    settings.TASKS = DB_BACKEND


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_it_sends_a_queued_email_only_when_the_worker_runs(database_jobs) -> None:
    send_email_later(
        to=["kollega@aarhus.dk"],
        subject="Hej",
        body="Flyer",
        attachments=[("f.pdf", b"%PDF", "application/pdf")],
    )
    assert mail.outbox == []
    assert DBTaskResult.objects.count() == 1

    run_worker()

    assert [m.to for m in mail.outbox] == [["kollega@aarhus.dk"]]
    assert mail.outbox[0].attachments[0][:2] == ("f.pdf", b"%PDF")
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_a_failing_send_is_retried_later_and_gives_up_after_three_attempts(database_jobs, settings) -> None:
    settings.EMAIL_BACKEND = "tests.portal.failing_mail.Backend"
    send_email_later(to=["kollega@aarhus.dk"], subject="Hej", body="x")

    run_worker()  # attempt 1 fails and queues attempt 2 for later

    results = DBTaskResult.objects.order_by("enqueued_at")
    assert [r.status for r in results] == ["FAILED", "READY"]
    assert results[1].run_after > timezone.now()
    assert results[1].args_kwargs["kwargs"]["attempt"] == 2

    # Make the later attempts due now, and run them.
    for _ in range(MAX_ATTEMPTS):
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        run_worker()
    statuses = list(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses.count("FAILED") == MAX_ATTEMPTS
    assert "READY" not in statuses
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_sent_jobs_and_the_links_in_them_are_pruned_after_a_day(database_jobs) -> None:
    send_email_later(to=["ny@aarhus.dk"], subject="Invitation", body="https://x/accounts/set-password/a/b/")
    run_worker()
    DBTaskResult.objects.update(finished_at=timezone.now() - datetime.timedelta(days=2))
    call_command("prune_job_results", verbosity=0)
    assert DBTaskResult.objects.count() == 0
