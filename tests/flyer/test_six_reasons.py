"""`/seks-grunde/`: the public page the printed flyer's QR code leads to (the path never changes)."""

import pytest
from django.test import Client, RequestFactory

from portal.flyer.content import flyer_qr_url
from portal.flyer.defaults import DEFAULT_TEXT

pytestmark = pytest.mark.django_db


def test_it_shows_the_six_reasons_without_login():
    response = Client().get("/seks-grunde/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Seks gode grunde" in html
    for reason in DEFAULT_TEXT["reasons"]:
        assert reason["title"] in html
    assert "Log ud" not in html


def test_the_qr_code_points_there_unless_configured_otherwise(settings):
    settings.FLYER_QR_URL = ""
    request = RequestFactory().get("/flyer/", HTTP_HOST="testserver")
    assert flyer_qr_url(request) == "http://testserver/seks-grunde/"
    settings.FLYER_QR_URL = "https://brobygger.kommune.dk/seks-grunde/"
    assert flyer_qr_url(request) == "https://brobygger.kommune.dk/seks-grunde/"
