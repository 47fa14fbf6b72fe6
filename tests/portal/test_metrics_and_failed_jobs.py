"""/metrics (Prometheus) behind a token or an address allow-list, and the failed-jobs page for system administrators;
both read failures the real worker (`manage.py db_worker`) recorded."""

import pytest
from django.core.management import call_command

from portal.core.jobs import MAX_ATTEMPTS, send_email_later

TOKEN = "metrics-token-for-tests-0123456789"


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


@pytest.fixture
def failed_email(settings, db):
    """An e-mail that failed all its attempts, run by the real worker."""
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "tests.portal.failing_mail.Backend"
    send_email_later(to=["kollega@aarhus.dk"], subject="Hemmeligt emne", body="x")
    for _ in range(MAX_ATTEMPTS):
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        run_worker()
    send_email_later(to=["ny@aarhus.dk"], subject="Venter", body="x")  # one still queued


def scrape(client, **headers):
    return client.get("/metrics", headers=headers)


def test_metrics_refuse_a_scraper_without_token_or_allowed_address(client, db, settings):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_IPS = []
    assert scrape(client).status_code == 403
    assert scrape(client, Authorization="Bearer wrong").status_code == 403
    settings.METRICS_TOKEN = ""
    assert scrape(client, Authorization="Bearer ").status_code == 403  # nothing configured: closed


def test_metrics_answer_the_token_or_an_allowed_address(client, db, settings):
    settings.METRICS_TOKEN = TOKEN
    assert scrape(client, Authorization=f"Bearer {TOKEN}").status_code == 200
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/8", "127.0.0.1"]  # the test client comes from 127.0.0.1
    response = scrape(client)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")


@pytest.mark.django_db(transaction=True)
def test_metrics_count_requests_by_view_and_show_queue_and_failed_jobs(
    client, caseworker_client, settings, failed_email
):
    settings.METRICS_TOKEN = TOKEN
    caseworker_client.get("/enterprises/")
    caseworker_client.get("/enterprises/")

    text = scrape(client, Authorization=f"Bearer {TOKEN}").content.decode()

    lines = text.splitlines()
    counted = [
        line
        for line in lines
        if line.startswith("brobygger_http_requests_total{")
        and 'view="enterprises:list"' in line
        and 'status="200"' in line
    ]
    assert counted and float(counted[0].rsplit(" ", 1)[1]) >= 2
    assert any(
        line.startswith("brobygger_http_request_duration_seconds_bucket{") and "enterprises:list" in line
        for line in lines
    )
    assert 'brobygger_jobs_failed{task="portal.core.jobs.send_email"} 1.0' in lines
    assert 'brobygger_jobs_queued{task="portal.core.jobs.send_email"} 1.0' in lines
    assert "kollega@aarhus.dk" not in text and "Hemmeligt" not in text


@pytest.mark.django_db(transaction=True)
def test_system_admins_see_a_job_that_failed_for_good_once(system_admin_client, failed_email):
    response = system_admin_client.get("/jobs/failed/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("send_email") == 1  # attempts 1 and 2 were retried, only the last gave up
    assert "OSError" in html
    assert "kollega@aarhus.dk" not in html and "Hemmeligt emne" not in html


def test_failed_jobs_page_permission_ladder(
    client, caseworker_client, team_lead_client, admin_client_, system_admin_client
):
    anonymous = client.get("/jobs/failed/")
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert caseworker_client.get("/jobs/failed/").status_code == 403
    assert team_lead_client.get("/jobs/failed/").status_code == 403
    assert admin_client_.get("/jobs/failed/").status_code == 403
    response = system_admin_client.get("/jobs/failed/")
    assert response.status_code == 200
    assert "Ingen fejlede job." in response.content.decode()


def test_system_admins_find_the_failed_jobs_page_in_the_menu(system_admin_client, caseworker_client):
    assert 'href="/jobs/failed/"' in system_admin_client.get("/").content.decode()
    assert 'href="/jobs/failed/"' not in caseworker_client.get("/").content.decode()
