"""The flyer as an accessible, tagged A4 PDF (WeasyPrint, PDF/UA-1), cached by its inputs."""

import mimetypes
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from portal.flyer.content import FlyerContent

# Resources are resolved against this fake origin and served from disk; nothing is fetched over a network.
BASE_URL = "https://flyer.brobygger.invalid/"
CACHE_SECONDS = 24 * 60 * 60
FILENAME = "flyer-socialoekonomiske-virksomheder.pdf"


class LocalFetcher(URLFetcher):
    """Static files and uploaded logos from disk, `data:` URIs as usual, everything else refused."""

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if not url.startswith(BASE_URL):
            raise ValueError(f"Flyer resources must be local: {url}")
        path = unquote(urlsplit(url).path)
        if path.startswith(settings.STATIC_URL):
            found = finders.find(path.removeprefix(settings.STATIC_URL))
            if not found:
                raise FileNotFoundError(path)
            with open(found, "rb") as handle:
                body = handle.read()
        elif path.startswith(settings.MEDIA_URL):
            with default_storage.open(path.removeprefix(settings.MEDIA_URL), "rb") as handle:
                body = handle.read()
        else:
            raise ValueError(f"Unknown flyer resource: {url}")
        mime_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": mime_type})


def render_pdf(content: FlyerContent) -> bytes:
    """Render once with WeasyPrint. Use `flyer_pdf` (cached) everywhere else."""
    html = render_to_string("flyer/pdf.html", {"flyer": content})
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=LocalFetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1")


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
