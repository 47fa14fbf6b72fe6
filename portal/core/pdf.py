"""Tagged A4 PDFs from templates with WeasyPrint (PDF/UA-1), fetching only local files.

Shared by the flyer (portal.flyer) and the placement agreement (matching); both link the same
fonts in static/fonts/ so the printed pieces look alike.
"""

import mimetypes
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Resources are resolved against this fake origin and served from disk; nothing is fetched over a network.
BASE_URL = "https://flyer.brobygger.invalid/"


class LocalFetcher(URLFetcher):
    """Static files and uploaded logos from disk, `data:` URIs as usual, everything else refused."""

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if not url.startswith(BASE_URL):
            raise ValueError(f"PDF resources must be local: {url}")
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
            raise ValueError(f"Unknown PDF resource: {url}")
        mime_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": mime_type})


def html_to_tagged_pdf(html: str) -> bytes:
    """One WeasyPrint render of a complete HTML document (with `lang`, `<title>`) to a PDF/UA-1 file."""
    return HTML(string=html, base_url=BASE_URL, url_fetcher=LocalFetcher()).write_pdf(pdf_variant="pdf/ua-1")
