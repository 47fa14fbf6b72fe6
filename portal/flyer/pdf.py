"""The flyer as an accessible, tagged A4 PDF (WeasyPrint, PDF/UA-1), cached by its inputs."""

from django.core.cache import cache
from django.template.loader import render_to_string

from portal.core.pdf import html_to_tagged_pdf
from portal.flyer.content import FlyerContent

CACHE_SECONDS = 24 * 60 * 60
FILENAME = "flyer-socialoekonomiske-virksomheder.pdf"


def render_pdf(content: FlyerContent) -> bytes:
    """Render once with WeasyPrint. Use `flyer_pdf` (cached) everywhere else."""
    html = render_to_string("flyer/pdf.html", {"flyer": content})
    return html_to_tagged_pdf(html)


def cache_key(content: FlyerContent) -> str:
    return f"flyer:pdf:{content.fingerprint()}"


def flyer_pdf(content: FlyerContent) -> bytes:
    """The PDF for these inputs, from the shared cache when an identical one was made before."""
    key = cache_key(content)
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_pdf(content)
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf
