import io
from collections.abc import Callable

import pytest
from pypdf import PdfReader

from enterprises.models import Enterprise, Offer
from portal.flyer import pdf as flyer_pdf_module
from portal.flyer.services import flyer_text_ensure


@pytest.fixture(autouse=True)
def published_text(request) -> None:
    """Version 1 of the national text, as migration 0002 saves it (a transactional test elsewhere may
    have emptied the tables since)."""
    for name in ("transactional_db", "db"):
        if name in request.fixturenames:
            request.getfixturevalue(name)
            flyer_text_ensure()
            return


@pytest.fixture
def read_pdf() -> Callable[[bytes], PdfReader]:
    return lambda data: PdfReader(io.BytesIO(data))


@pytest.fixture
def pdf_text(read_pdf) -> Callable[[bytes], str]:
    def text(data: bytes) -> str:
        # Join lines: a phrase may wrap in the PDF.
        return " ".join(" ".join(page.extract_text().split()) for page in read_pdf(data).pages)

    return text


@pytest.fixture
def render_count(monkeypatch) -> list[int]:
    """Counts real WeasyPrint renders (the function still renders; it is only wrapped)."""
    calls = [0]
    real = flyer_pdf_module.render_pdf

    def counting(content):
        calls[0] += 1
        return real(content)

    monkeypatch.setattr(flyer_pdf_module, "render_pdf", counting)
    return calls


@pytest.fixture
def make_enterprise(db) -> Callable[..., Enterprise]:
    cvrs = iter(
        [
            "13748136",
            "13748144",
            "13748152",
            "13748160",
            "13748179",
            "13748187",
            "13748195",
            "13748209",
            "13748217",
            "13748225",
        ]
    )

    def make(
        name: str,
        *,
        places: int = 2,
        taken: int = 0,
        status: str = "active",
        municipality="751",
        postcode="8000",
        types=("virksomhedspraktik",),
    ) -> Enterprise:
        enterprise = Enterprise.objects.create(
            cvr=next(cvrs), name=name, postcode_id=postcode, municipality_id=municipality, status=status
        )
        for code in types:
            offer = Offer.objects.create(enterprise=enterprise, placement_type_id=code, places=places)
            Offer.objects.filter(pk=offer.pk).update(places_taken=taken)
        return enterprise

    return make


def png_bytes(size=(240, 80)) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rectangle([4, 4, size[0] - 5, size[1] - 5], outline="#0b4f6c", width=6)
    draw.ellipse([16, 16, 64, 64], fill="#0b4f6c")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def logo_png() -> bytes:
    return png_bytes()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
