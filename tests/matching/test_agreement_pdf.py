"""`/placements/<id>/agreement.pdf`: the praktikaftale draft, tagged, Danish, without sensitive case data."""

import io
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from enterprises.models import ContactPerson
from matching import loop_services
from portal.core.models import AuditAction, AuditEvent

from .conftest import make_citizen, make_placement

ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts"
CPR = "0101901234"


@pytest.fixture
def sensitive_placement(jobcenter, caseworker, enterprise):
    citizen = make_citizen(
        jobcenter=jobcenter,
        caseworker=caseworker,
        first_name="Zenobia",
        last_name="Quistgaard",
        cpr=CPR,
        considerations="Tåler ikke støj fra opvaskemaskinen",
        challenge_areas=["psykisk_saarbarhed"],
    )
    placement = make_placement(citizen=citizen, enterprise=enterprise, by=caseworker, status="active")
    contact = ContactPerson.objects.create(enterprise=enterprise, name="Karin Kok", phone="86 12 34 56")
    loop_services.placement_update(
        placement=placement,
        by=caseworker,
        planned_end_date=placement.planned_end_date,
        hours_per_week=15,
        tasks="Opvask, kaffebrygning og kasse",
        contact_id=contact.pk,
        enterprise_info="Zenobia holder en pause hver anden time.",
        enterprise_info_agreed_on=timezone.localdate() - timedelta(days=1),
    )
    placement.refresh_from_db()
    return placement


def _get(client, placement):
    return client.get(reverse("matching:placement_agreement", args=[placement.pk]))


def _text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)


def test_it_is_a_tagged_danish_a4_pdf_of_one_or_two_pages(caseworker_client, sensitive_placement):
    response = _get(caseworker_client, sensitive_placement)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "praktikaftale-forloeb-" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "da" and bool(root["/MarkInfo"]["/Marked"])
    assert 1 <= len(reader.pages) <= 2
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(595.28, abs=1)
        assert float(page.mediabox.height) == pytest.approx(841.89, abs=1)
    assert reader.metadata.title.startswith("Aftale om Virksomhedspraktik")


def test_it_holds_purpose_period_parties_and_the_agreed_text_but_never_the_cpr_or_case_notes(
    caseworker_client, sensitive_placement
):
    data = _get(caseworker_client, sensitive_placement).content
    text = _text(data)
    start = sensitive_placement.start_date.strftime("%-d.")
    assert "Afklaring af arbejdsevne" in text  # purpose
    assert start in text and "Periode" in text
    assert "Zenobia Quistgaard" in text and "Café Kompasset" in text and "Karin Kok" in text
    assert "Opvask, kaffebrygning og kasse" in text and "15" in text
    assert "holder en pause" in text and "Aftalt med borgeren" in text
    assert "Underskrifter" in text
    for secret in ("0101901234", "010190-1234", "010190", "opvaskemaskinen", "Psykisk sårbarhed"):
        assert secret not in text
        assert secret.encode() not in data
    _save_first_page_as_png(data)


def _save_first_page_as_png(data: bytes) -> None:
    """Page 1 as PNG in var/test-artifacts/ for a human look (poppler's pdftoppm, when installed)."""
    if shutil.which("pdftoppm") is None:
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / "agreement.pdf"
    pdf.write_bytes(data)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(ARTIFACTS / "agreement-page-1"),
        ],
        check=True,
    )


def test_every_download_is_audited(caseworker_client, sensitive_placement):
    _get(caseworker_client, sensitive_placement)
    _get(caseworker_client, sensitive_placement)
    events = AuditEvent.objects.filter(action=AuditAction.PLACEMENT_AGREEMENT)
    assert events.count() == 2 and events.first().target_id == sensitive_placement.citizen_id


def test_without_consent_there_is_no_agreement(caseworker_client, sensitive_placement):
    type(sensitive_placement.citizen).objects.filter(pk=sensitive_placement.citizen_id).update(
        consent_given=False, consent_method="", consent_date=None
    )
    response = _get(caseworker_client, sensitive_placement)
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action=AuditAction.PLACEMENT_AGREEMENT).exists()
    page = caseworker_client.get(response.url).content.decode()
    assert "ikke givet samtykke" in page


def test_the_permission_ladder(client, outsider_client, team_lead_client, sensitive_placement):
    url = reverse("matching:placement_agreement", args=[sensitive_placement.pk])
    assert client.get(url).status_code == 302 and "login" in client.get(url).url
    assert outsider_client.get(url).status_code == 404
    assert team_lead_client.get(url).status_code == 200


def test_text_for_the_enterprise_needs_the_date_it_was_agreed_with_the_citizen(
    caseworker, sensitive_placement
):
    with pytest.raises(loop_services.PlacementError) as refused:
        loop_services.placement_update(
            placement=sensitive_placement,
            by=caseworker,
            planned_end_date=sensitive_placement.planned_end_date,
            hours_per_week=15,
            tasks="",
            contact_id=None,
            enterprise_info="Ny tekst",
            enterprise_info_agreed_on=None,
        )
    assert refused.value.field == "enterprise_info_agreed_on"
    sensitive_placement.refresh_from_db()
    assert sensitive_placement.enterprise_info.startswith("Zenobia")
