"""The CSV import's preview keeps the upload as a file under MEDIA_ROOT until "confirm": a cache outage
or flush cannot lose it, and only the admin who uploaded it can confirm it, once, within the hour."""

import os
import time

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from enterprises.models import Enterprise
from tests.conftest import Role, client_for, make_user
from tests.enterprises.test_csv_import import csv_bytes, row


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def _preview(client, cvr: str) -> str:
    upload = SimpleUploadedFile("liste.csv", csv_bytes([row(cvr)]), content_type="text/csv")
    response = client.post("/enterprises/import/", {"file": upload})
    assert response.status_code == 200
    return response.context["token"]


def _pending_files(media) -> list:
    return [p for p in media.rglob("*") if p.is_file()]


def test_a_flushed_cache_does_not_lose_the_upload(
    admin_client_, valid_cvr, media, django_capture_on_commit_callbacks
):
    token = _preview(admin_client_, valid_cvr)
    assert len(_pending_files(media)) == 1
    cache.clear()

    with django_capture_on_commit_callbacks(execute=True):
        done = admin_client_.post("/enterprises/import/", {"token": token})

    assert done.status_code == 302 and done.url.startswith("/enterprises/import/")
    assert Enterprise.objects.filter(cvr=valid_cvr).exists()
    assert _pending_files(media) == []  # taken once, then gone


def test_another_admin_cannot_confirm_my_upload(admin_client_, valid_cvr, media, db):
    token = _preview(admin_client_, valid_cvr)
    other = client_for(make_user("berit", Role.ADMIN, None))

    response = other.post("/enterprises/import/", {"token": token}, follow=True)

    assert "Importen er udløbet" in response.content.decode()
    assert not Enterprise.objects.exists()


def test_an_upload_older_than_an_hour_has_expired(admin_client_, valid_cvr, media):
    token = _preview(admin_client_, valid_cvr)
    (path,) = _pending_files(media)
    two_hours_ago = time.time() - 2 * 3600
    os.utime(path, (two_hours_ago, two_hours_ago))

    response = admin_client_.post("/enterprises/import/", {"token": token}, follow=True)

    assert "Importen er udløbet" in response.content.decode()
    assert not Enterprise.objects.exists()
    assert _pending_files(media) == []


@pytest.mark.parametrize("token", ["../../etc/passwd", "", "x" * 500])
def test_a_made_up_token_is_just_expired(admin_client_, media, token):
    response = admin_client_.post("/enterprises/import/", {"token": token}, follow=True)
    assert response.status_code == 200
    assert "Importen er udløbet" in response.content.decode()


def test_uploads_nobody_confirmed_are_removed_a_day_later(admin_client_, valid_cvr, media):
    _preview(admin_client_, valid_cvr)
    (forgotten,) = _pending_files(media)
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(forgotten, (two_days_ago, two_days_ago))

    _preview(admin_client_, valid_cvr)

    files = _pending_files(media)
    assert len(files) == 1 and files[0] != forgotten
