"""The PDF: A4, one or two pages, tagged (PDF/UA), Danish, with the six reasons, issuer and date."""

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import formats

from portal.flyer.content import FlyerOptions, flyer_content
from portal.flyer.models import FlyerContact
from portal.flyer.pdf import render_pdf

ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts"
A4 = (595.28, 841.89)
REASON_KEYWORDS = ["betale sig", "Meningsfuldt", "rummelige", "selvværd", "socialfaglige", "landdistrikt"]


@pytest.fixture
def aarhus_pdf(caseworker_client, make_enterprise) -> bytes:
    make_enterprise("Café Bryggen", types=("virksomhedspraktik", "loentilskud"))
    make_enterprise("Genbrugsværkstedet Ådalen", types=("skaanejob",))
    response = caseworker_client.get("/flyer.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def test_it_is_an_a4_pdf_of_one_or_two_pages(aarhus_pdf, read_pdf):
    assert aarhus_pdf.startswith(b"%PDF")
    reader = read_pdf(aarhus_pdf)
    assert 1 <= len(reader.pages) <= 2
    for page in reader.pages:
        box = page.mediabox
        assert float(box.width) == pytest.approx(A4[0], abs=1)
        assert float(box.height) == pytest.approx(A4[1], abs=1)


def test_it_holds_the_six_reasons_issuer_date_and_nearby_enterprises_with_danish_letters(
    aarhus_pdf, pdf_text
):
    text = pdf_text(aarhus_pdf)
    for keyword in REASON_KEYWORDS:
        assert keyword in text
    assert "Jobcenter Aarhus" in text
    assert formats.date_format(date.today(), "DATE_FORMAT") in text  # e.g. "27. november 2026"
    assert "Café Bryggen" in text and "Genbrugsværkstedet Ådalen" in text
    assert "Regler pr." in text
    assert "æ" in text and "ø" in text and "å" in text


def test_it_is_a_tagged_pdf_in_danish_with_title_and_author(aarhus_pdf, read_pdf):
    reader = read_pdf(aarhus_pdf)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "da"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert reader.metadata.title.startswith("Seks gode grunde")
    assert reader.metadata.author == "Jobcenter Aarhus"


def test_it_embeds_only_the_shipped_font(aarhus_pdf, read_pdf):
    page = read_pdf(aarhus_pdf).pages[0]
    fonts = {str(font.get_object()["/BaseFont"]) for font in page["/Resources"]["/Font"].values()}
    assert fonts and all("Source-Sans-3" in name for name in fonts), fonts


def alt_texts(reader) -> list[str]:
    found = []

    def walk(node) -> None:
        node = node.get_object()
        if isinstance(node, dict):
            if "/Alt" in node:
                found.append(str(node["/Alt"]))
            kids = node.get("/K")
            if kids is not None:
                walk(kids)
        elif isinstance(node, list):
            for kid in node:
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_the_qr_code_has_alt_text_in_the_structure_tree(aarhus_pdf, read_pdf):
    assert "QR-kode med link til http://testserver/seks-grunde/" in alt_texts(read_pdf(aarhus_pdf))


def test_options_leave_out_contact_block_enterprises_and_qr(caseworker_client, make_enterprise, pdf_text):
    make_enterprise("Café Bryggen")
    response = caseworker_client.get("/flyer.pdf?vis=1&contact=0&near=0&qr=0")
    text = pdf_text(response.content)
    assert "Café Bryggen" not in text
    assert "Kontakt os" not in text
    assert "QR-kode" not in response.content.decode("latin-1")
    assert "Jobcenter Aarhus" in text  # still the issuer in the footer


def test_a_full_flyer_fits_one_page_and_renders_to_a_png_artifact(
    caseworker, make_enterprise, settings, media_root, logo_png, read_pdf
):
    """Everything on (contact block with logo, six enterprises, QR): still one page. Rendered with
    poppler for a human look (var/test-artifacts/flyer-page1.png)."""
    settings.FLYER_QR_URL = "https://brobygger.example/flyer/"
    FlyerContact.objects.create(
        jobcenter=caseworker.jobcenter,
        name="Jobcenter Aarhus, Virksomhedsservice",
        contact_person="Thomas Lund, teamleder",
        phone="89 40 20 00",
        email="virksomhedsservice@aarhus.dk",
        website="https://www.aarhus.dk/jobcenter",
        logo=SimpleUploadedFile("logo.png", logo_png, content_type="image/png"),
    )
    make_enterprise("Café Bryggen", types=("virksomhedspraktik", "loentilskud"))
    make_enterprise("Genbrugsværkstedet Ådalen", types=("skaanejob",))
    make_enterprise("Cykelsmeden Trøjborg", types=("virksomhedspraktik", "fleksjob"))
    make_enterprise("Grønne Hænder Havepleje", types=("virksomhedspraktik", "loentilskud", "skaanejob"))
    make_enterprise("Kaffebaren på Godsbanen", types=("ordinaere_timer",))
    make_enterprise("Møbelværkstedet Østbyen", types=("loentilskud",))
    make_enterprise("Syvende virksomhed bliver ikke vist")
    content = flyer_content(user=caseworker, options=FlyerOptions(), qr_url=settings.FLYER_QR_URL)
    data = render_pdf(content)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "flyer.pdf").write_bytes(data)
    reader = read_pdf(data)
    assert "Logo: Jobcenter Aarhus, Virksomhedsservice" in alt_texts(reader)
    assert "Syvende virksomhed" not in " ".join(page.extract_text() for page in reader.pages)
    if shutil.which("pdftoppm"):
        page1 = ARTIFACTS / "flyer-page1"
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "110",
                "-f",
                "1",
                "-singlefile",
                str(ARTIFACTS / "flyer.pdf"),
                str(page1),
            ],
            check=True,
        )
        assert (ARTIFACTS / "flyer-page1.png").stat().st_size > 10_000
    assert len(reader.pages) == 1
