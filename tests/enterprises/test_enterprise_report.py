"""Public "Anmeld en virksomhed": validated, honeypot, rate limited, into the admins' queue; approval
creates the enterprise through the one write path."""

import re

from django.test import Client

from enterprises.models import Enterprise, EnterpriseReport, ReportStatus
from tests.enterprises.conftest import make_enterprise

URL = "/register/anmeld/"


def data(cvr: str, **overrides) -> dict:
    return {
        "cvr": cvr,
        "name": "Grønne Hænder",
        "address": "Vestergade 1",
        "postcode": "8000",
        "kind": "socialoekonomisk",
        "offers": ["virksomhedspraktik", "fleksjob"],
        "contact_name": "Lise",
        "contact_email": "lise@hænder.dk".replace("æ", "ae"),
        "contact_phone": "",
        "homepage": "",
        **overrides,
    }


def test_public_form_goes_to_the_admin_queue_and_approval_creates(db, valid_cvr, admin_client_):
    page = Client().get(URL)
    assert page.status_code == 200 and "noindex" in page["X-Robots-Tag"]
    assert [
        h for h in re.findall(r'href="([^"]+)"', page.content.decode()) if not h.startswith("/static/")
    ] == []
    assert Client().post(URL, data(valid_cvr)).status_code == 302
    report = EnterpriseReport.objects.get()
    assert not Enterprise.objects.exists()
    assert "Grønne Hænder" in admin_client_.get("/enterprises/reports/").content.decode()
    response = admin_client_.post(f"/enterprises/reports/{report.pk}/", {"decision": "approve"})
    enterprise = Enterprise.objects.get(cvr=valid_cvr)
    assert response.url == f"/enterprises/{enterprise.pk}/edit/"
    assert {o.placement_type_id for o in enterprise.offers.all()} == {"virksomhedspraktik", "fleksjob"}
    assert enterprise.contacts.get(is_primary=True).email == "lise@haender.dk"
    assert enterprise.municipality_id == "751"
    assert enterprise.history.first().history_user.username == "anna"
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED


def test_bad_input_is_refused_in_danish(db):
    response = Client().post(URL, data("12345678", postcode="0000", contact_email="nej"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "kontrolcifferet" in html and "Ukendt postnummer" in html
    assert not EnterpriseReport.objects.exists()


def test_honeypot_is_thanked_and_dropped(db, valid_cvr):
    assert Client().post(URL, data(valid_cvr, homepage="http://spam.example")).status_code == 302
    assert not EnterpriseReport.objects.exists()


def test_existing_cvr_is_refused_on_approval(db, admin_client_):
    existing = make_enterprise()
    report = EnterpriseReport.objects.create(
        cvr=existing.cvr,
        name="X",
        postcode="8000",
        kind="socialoekonomisk",
        contact_name="A",
        contact_email="a@b.dk",
    )
    response = admin_client_.post(f"/enterprises/reports/{report.pk}/", {"decision": "approve"}, follow=True)
    assert "findes allerede" in response.content.decode()
    assert EnterpriseReport.objects.get().status == ReportStatus.OPEN


def test_queue_permissions(db, caseworker_client):
    assert Client().get("/enterprises/reports/").status_code == 302
    assert caseworker_client.get("/enterprises/reports/").status_code == 403


def test_rate_limit_covers_the_report_form(db):
    client = Client(REMOTE_ADDR="10.9.9.9")
    assert [client.get(URL).status_code for _ in range(31)][-2:] == [200, 429]
