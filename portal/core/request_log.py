"""One log line per request (method, masked path without query, status, duration, user id), a request
id carried through every log line and back in `X-Request-ID`, and the request metrics."""

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from portal.core import metrics
from portal.core.json_logging import current_request_id
from portal.core.log_paths import mask_path

logger = logging.getLogger("portal.request")

HEADER = "X-Request-ID"
# An id from the proxy is kept when it is a plain token; anything else (or nothing) gets a new one,
# so a client cannot write arbitrary text into the log.
_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def request_id_for(request: HttpRequest) -> str:
    incoming = request.headers.get(HEADER, "")
    return incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex


def view_name(request: HttpRequest) -> str:
    """The route's name (never the path, which may hold ids or tokens); "static" for whitenoise's files,
    "unmatched" for 404s."""
    match = getattr(request, "resolver_match", None)
    if match and match.view_name:
        return match.view_name
    return "static" if request.path.startswith(settings.STATIC_URL or "/static/") else "unmatched"


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_for(request)
        request.request_id = request_id
        token = current_request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            duration = time.perf_counter() - started
            response[HEADER] = request_id
            self._log(request, response.status_code, duration)
            return response
        finally:
            current_request_id.reset(token)

    def _log(self, request: HttpRequest, status: int, duration: float) -> None:
        user = getattr(request, "user", None)
        view = view_name(request)
        metrics.observe_request(view=view, method=request.method or "", status=status, seconds=duration)
        logger.info(
            "request",
            extra={
                "user_id": user.pk if user is not None and user.is_authenticated else None,
                "method": request.method,
                "path": mask_path(request.path),
                "view": view,
                "status": status,
                "duration_ms": round(duration * 1000, 1),
            },
        )
