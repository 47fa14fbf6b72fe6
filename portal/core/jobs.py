"""The one background-job mechanism: django-tasks with its database backend (django-tasks-db).

Why this library: it is the backport of the task framework Django itself adopts (django.tasks in 6.0),
so the calls below stay when we move to Django 6; its database backend works on SQLite and PostgreSQL
with no broker to run, and `manage.py db_worker` is the worker (`make run` starts one).

Every e-mail the portal sends goes through `send_email_later`, so a silent SMTP server never holds a
request (or the row lock it may hold) hostage. A failed attempt is retried at most `MAX_ATTEMPTS` times
with growing delays; after that the job stays failed and shows on the failed-jobs list.
"""

import base64
import logging
from datetime import timedelta

from django.core.mail import EmailMessage
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
# Seconds to wait before attempt 2, 3, ...: a short blip passes, a long outage ends as "failed".
BACKOFF_SECONDS = (60, 300)


def retry_delay(attempt: int) -> timedelta:
    """How long to wait before the attempt after `attempt` (1-based)."""
    return timedelta(seconds=BACKOFF_SECONDS[min(attempt, len(BACKOFF_SECONDS)) - 1])


@task()
def send_email(
    *,
    to: list[str],
    subject: str,
    body: str,
    reply_to: list[str] | None = None,
    attachments: list[list[str]] | None = None,
    attempt: int = 1,
) -> int:
    """Send one e-mail. `attachments`: [filename, base64 content, mimetype] (job arguments are JSON)."""
    message = EmailMessage(subject=subject, body=body, to=to, reply_to=reply_to or None)
    for filename, content, mimetype in attachments or []:
        message.attach(filename, base64.b64decode(content), mimetype)
    try:
        return message.send()
    except Exception:
        if attempt < MAX_ATTEMPTS:
            send_email.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(
                to=to,
                subject=subject,
                body=body,
                reply_to=reply_to,
                attachments=attachments,
                attempt=attempt + 1,
            )
        logger.warning("e-mail job failed", extra={"attempt": attempt, "final": attempt >= MAX_ATTEMPTS})
        raise


def send_email_later(
    *,
    to: list[str],
    subject: str,
    body: str,
    reply_to: list[str] | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> None:
    """Queue an e-mail. The job row is written in the current transaction, so the worker sees (and sends)
    it only once that commits, and a rolled-back action sends nothing."""
    encoded = [[name, base64.b64encode(data).decode("ascii"), mime] for name, data, mime in attachments or []]
    send_email.enqueue(
        to=list(to), subject=str(subject), body=str(body), reply_to=reply_to, attachments=encoded, attempt=1
    )


# A job that retries itself passes `attempt` on every enqueue, the first included; a failed attempt below
# MAX_ATTEMPTS has its retry queued, so only the others failed for good.
_FAILED_FOR_GOOD = Q(status="FAILED") & (
    Q(args_kwargs__kwargs__attempt__isnull=True) | Q(args_kwargs__kwargs__attempt__gte=MAX_ATTEMPTS)
)


def failed_jobs() -> QuerySet[DBTaskResult]:
    """Jobs that failed with no retry left, newest first (the failed-jobs page)."""
    return DBTaskResult.objects.filter(_FAILED_FOR_GOOD).order_by("-finished_at")


def _counts_by_task(queryset: QuerySet[DBTaskResult]) -> dict[str, int]:
    rows = queryset.order_by().values("task_path").annotate(n=Count("id"))
    return {row["task_path"]: row["n"] for row in rows}


def queued_counts() -> dict[str, int]:
    """Jobs waiting (due now or later), per task path."""
    return _counts_by_task(DBTaskResult.objects.filter(status="READY"))


def failed_counts() -> dict[str, int]:
    return _counts_by_task(DBTaskResult.objects.filter(_FAILED_FOR_GOOD))
