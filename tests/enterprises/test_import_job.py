"""Imports as background jobs: all or nothing by default, "skip the bad rows" writes exactly the good
ones, one job per confirmation, the real worker, and progress visible while the import's transaction
is still open (PostgreSQL)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, connections, transaction

from enterprises.models import Enterprise, ImportJob, ImportStatus
from enterprises.tasks import _ProgressWriter, run_import
from tests.enterprises.test_csv_import import csv_bytes, row
from tests.factories import next_cvr


def _upload(client, rows: list[str]):
    upload = SimpleUploadedFile("liste.csv", csv_bytes(rows), content_type="text/csv")
    return client.post("/enterprises/import/", {"file": upload})


def _good_and_bad():
    good = [next_cvr() for _ in range(3)]
    return good, [row(good[0]), row("12345678"), row(good[1]), row(good[2], postnummer="0000")]


def test_all_or_nothing_by_default(admin_client_, django_capture_on_commit_callbacks):
    good, rows = _good_and_bad()
    preview = _upload(admin_client_, rows)
    assert preview.status_code == 400
    html = preview.content.decode()
    assert "spring de fejlbehæftede over" in html
    # The default button (all or nothing) is not offered for a file with errors; a hand-made
    # confirmation without the explicit choice writes nothing.
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_.post("/enterprises/import/", {"token": preview.context["token"]})
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.FAILED
    assert not Enterprise.objects.exists()
    assert "Intet er gemt" in admin_client_.get(response.url).content.decode()


def test_skip_bad_rows_writes_exactly_the_good_ones(admin_client_, django_capture_on_commit_callbacks):
    good, rows = _good_and_bad()
    preview = _upload(admin_client_, rows)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_.post(
            "/enterprises/import/", {"token": preview.context["token"], "skip_bad_rows": "1"}
        )
    assert sorted(Enterprise.objects.values_list("cvr", flat=True)) == sorted(good[:2])
    job = ImportJob.objects.get()
    assert (job.status, job.created_count, job.skipped_count) == (ImportStatus.DONE, 2, 2)
    assert job.data == b"" or bytes(job.data) == b""
    page = admin_client_.get(response.url).content.decode()
    assert "2 fejlbehæftede rækker sprunget over" in page


@pytest.mark.django_db(transaction=True)
def test_the_real_worker_runs_the_job_once(reference_data, admin_client_, settings, valid_cvr):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    preview = _upload(admin_client_, [row(valid_cvr)])
    token = preview.context["token"]
    first = admin_client_.post("/enterprises/import/", {"token": token})
    second = admin_client_.post("/enterprises/import/", {"token": token})
    assert first.url == second.url
    job = ImportJob.objects.get()
    run_import.enqueue(job.pk)  # a duplicate delivery is a no-op
    page = admin_client_.get(first.url)
    assert 'hx-trigger="every 2s"' in page.content.decode()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and Enterprise.objects.filter(cvr=valid_cvr).count() == 1
    assert "hx-trigger" not in admin_client_.get(first.url).content.decode()


def test_only_the_uploader_sees_the_job(admin_client_, caseworker_client, db):
    job = ImportJob.objects.create(pending_token="x" * 20, filename="a.csv", data=b"")
    assert admin_client_.get(f"/enterprises/import/{job.pk}/").status_code == 404
    assert caseworker_client.get(f"/enterprises/import/{job.pk}/").status_code == 403


@pytest.mark.django_db(transaction=True)
def test_progress_is_visible_while_the_import_transaction_is_open(admin_user):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time: progress is written at the end there")
    job = ImportJob.objects.create(pending_token="y" * 20, filename="a.csv", data=b"", created_by=admin_user)
    watcher = connections.create_connection("default")
    try:
        with transaction.atomic():
            Enterprise.objects.select_for_update().exists()
            writer = _ProgressWriter(job.pk)
            writer(1000)
            with watcher.cursor() as cursor:
                cursor.execute("SELECT processed_rows FROM enterprises_importjob WHERE id = %s", [job.pk])
                assert cursor.fetchone()[0] == 1000
            writer.close()
    finally:
        watcher.close()


def test_template_and_error_report_download(
    admin_client_, caseworker_client, django_capture_on_commit_callbacks
):
    template = admin_client_.get("/enterprises/import/template.csv")
    text = template.content.decode("utf-8-sig")
    assert template["Content-Type"].startswith("text/csv")
    assert text.splitlines()[0].startswith("cvr;navn;") and "postnummer" in text.splitlines()[0]
    assert "virksomhedspraktik" in text and "dagpenge" in text
    assert caseworker_client.get("/enterprises/import/template.csv").status_code == 403
    _, rows = _good_and_bad()
    preview = _upload(admin_client_, rows)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_.post(
            "/enterprises/import/", {"token": preview.context["token"], "skip_bad_rows": "1"}
        )
    report = admin_client_.get(response.url + "errors.csv").content.decode("utf-8-sig")
    assert report.splitlines()[0] == "linje;kolonne;fejl"
    assert "3;cvr;Ugyldigt CVR-nummer" in report
