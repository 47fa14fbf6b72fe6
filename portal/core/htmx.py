"""htmx lists, one way: the results fragment for an htmx swap, the whole page for everything else.

A history-restore request (Back after htmx pushed a URL, with htmx's history cache off) carries
`HX-Request` too but replaces the whole body, so it gets the full page. The same URL answers two
shapes, hence `Vary: HX-Request` so no cache hands one to the other.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def wants_fragment(request: HttpRequest) -> bool:
    details = getattr(request, "htmx", None)  # set by django_htmx's HtmxMiddleware
    return bool(details) and not details.history_restore_request


def render_list(
    request: HttpRequest,
    *,
    page_template: str,
    fragment_template: str,
    context: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    """Render a list page, or only its results for an htmx swap (`fragment` is True in the context)."""
    fragment = wants_fragment(request)
    template = fragment_template if fragment else page_template
    response = render(request, template, {**context, "fragment": fragment}, status=status)
    patch_vary_headers(response, ("HX-Request",))
    return response
