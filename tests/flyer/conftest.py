import io
from collections.abc import Callable

import pytest
from pypdf import PdfReader

from enterprises.models import Enterprise
from portal.flyer import pdf as flyer_pdf_module
from portal.flyer.services import flyer_text_ensure
from tests import factories


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
    """Enterprises as the flyer sees them: `types` each with `places`, `taken` of them in use."""

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
        return factories.make_enterprise(
            name,
            postcode=postcode,
            municipality_id=municipality,
            status=status,
            fte="0",  # the smallest enterprise: room for one supported person
            offers={code: {"places": places, "places_taken": taken} for code in types},
        )

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
