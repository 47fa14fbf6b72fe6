"""`manage.py prune_job_results`: daily, delete finished background jobs.

A queued e-mail keeps its body (an invitation's one-time link, an enterprise's confirm link) in the job
row until the row is gone, so sent jobs go after a day; failed ones stay 30 days for the failed-jobs
page (portal/ops/). The work is django-tasks-db's own `prune_db_task_results`.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

FINISHED_MIN_AGE_DAYS = 1
FAILED_MIN_AGE_DAYS = 30


class Command(BaseCommand):
    help = "Sletter afsluttede baggrundsjob (sendte e-mails efter 1 dag, fejlede efter 30 dage)."

    def handle(self, *args, **options) -> None:
        call_command(
            "prune_db_task_results",
            min_age_days=FINISHED_MIN_AGE_DAYS,
            failed_min_age_days=FAILED_MIN_AGE_DAYS,
            stdout=self.stdout,
        )
