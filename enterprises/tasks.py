"""Background jobs of the register: a CSV import that may be too large for a web request."""

from django.db import connections, transaction
from django.utils import timezone
from django_tasks import task

from enterprises.csv_io import apply_import, parse_csv
from enterprises.models import ImportJob, ImportStatus
from portal.core.audit import AuditContext
from portal.core.models import User

MAX_STORED_ERRORS = 5000
_PROGRESS_SQL = "UPDATE enterprises_importjob SET processed_rows = %s WHERE id = %s"


class _ProgressWriter:
    """Writes `processed_rows` over a second database connection in autocommit, so the import's own
    (all-or-nothing) transaction can still be watched from the page. SQLite allows one writer at a
    time, so there the progress jumps from 0 to done."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.connection = None
        if connections["default"].vendor != "sqlite":
            self.connection = connections.create_connection("default")

    def __call__(self, processed: int) -> None:
        if self.connection is None:
            return
        with self.connection.cursor() as cursor:
            cursor.execute(_PROGRESS_SQL, [processed, self.job_id])

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()


@task()
def run_import(job_id: int) -> None:
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id, status=ImportStatus.QUEUED).first()
        if job is None:  # already run (a retried delivery): one import per confirmation
            return
        job.status = ImportStatus.RUNNING
        job.save(update_fields=["status"])
    try:
        _run(job)
    except Exception:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED,
            finished_at=timezone.now(),
            errors=[[0, "", "Importen stoppede med en uventet fejl. Intet er gemt."]],
        )
        raise


def _run(job: ImportJob) -> None:
    report = parse_csv(bytes(job.data))
    bad_lines = {e.line for e in report.errors}
    job.total_rows = len([r for r in report.rows if r.line not in bad_lines])
    job.skipped_count = len(bad_lines)
    job.save(update_fields=["total_rows", "skipped_count"])
    written = False
    if report.ok or (job.skip_bad_rows and job.total_rows):
        progress = _ProgressWriter(job.pk)
        try:
            user = User.objects.filter(pk=job.created_by_id).first()
            apply_import(
                report,
                context=AuditContext(user=user),
                filename=job.filename,
                skip_bad_rows=job.skip_bad_rows,
                progress=progress,
            )
        finally:
            progress.close()
        written = report.written
    job.errors = [[e.line, e.column, e.message] for e in report.errors[:MAX_STORED_ERRORS]]
    job.created_count, job.updated_count = report.created, report.updated
    job.processed_rows = job.total_rows if written else 0
    job.status = ImportStatus.DONE if written else ImportStatus.FAILED
    job.finished_at = timezone.now()
    job.data = b""  # the upload is not kept once it is imported
    job.save()
