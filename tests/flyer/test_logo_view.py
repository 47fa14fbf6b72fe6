"""`/media/flyer/logos/<name>`: a jobcenter's logo reaches its own users only, never by name alone."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from portal.flyer.models import FlyerContact


@pytest.fixture
def logo_url(jobcenter, media_root, logo_png) -> str:
    contact = FlyerContact.objects.create(
        jobcenter=jobcenter,
        name="Jobcenter Aarhus",
        logo=SimpleUploadedFile("logo.png", logo_png, content_type="image/png"),
    )
    return contact.logo.url


def test_it_sends_anonymous_visitors_to_login(logo_url):
    response = Client().get(logo_url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_shows_the_logo_to_its_own_jobcenter(logo_url, caseworker_client, logo_png):
    response = caseworker_client.get(logo_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == logo_png
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, max-age=300"


def test_another_jobcenter_or_an_admin_gets_404(logo_url, outsider_client, admin_client_):
    assert outsider_client.get(logo_url).status_code == 404
    assert admin_client_.get(logo_url).status_code == 404


def test_a_file_no_contact_block_names_is_404(logo_url, caseworker_client, media_root):
    (media_root / "flyer" / "logos" / "stray.png").write_bytes(b"not a logo of anyone")
    assert caseworker_client.get("/media/flyer/logos/stray.png").status_code == 404
    assert caseworker_client.get("/media/flyer/logos/..%2F..%2Fsecret").status_code == 404
