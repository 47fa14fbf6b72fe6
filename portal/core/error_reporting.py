"""Optional error reporting with sentry-sdk (off unless SENTRY_DSN is set), without personal data.

The SDK is told not to collect personal data, request bodies or local variables; `scrub_event` then
removes what may still carry some (query strings, cookies, headers, user fields other than the id,
breadcrumb URLs' queries and messages) before an event leaves the process."""

from typing import Any

import sentry_sdk

from portal.core.log_paths import mask_path

_SAFE_HEADERS = {"user-agent", "x-request-id", "host", "accept", "content-type", "content-length"}


def _strip_url(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    if not sep:
        return mask_path(url)
    host, slash, path = rest.partition("/")
    return f"{scheme}://{host}{mask_path(slash + path) if slash else ''}"


def _scrub_request(request: dict[str, Any]) -> dict[str, Any]:
    headers = request.get("headers") or {}
    return {
        "method": request.get("method"),
        "url": _strip_url(request.get("url") or ""),
        "headers": {k: v for k, v in headers.items() if k.lower() in _SAFE_HEADERS},
    }


def _scrub_frames(event: dict[str, Any]) -> None:
    """No local variables and no source lines (they could quote data) in any stack trace."""
    for section in ("exception", "threads"):
        for value in (event.get(section) or {}).get("values") or []:
            for frame in (value.get("stacktrace") or {}).get("frames") or []:
                for key in ("vars", "pre_context", "context_line", "post_context"):
                    frame.pop(key, None)


def _scrub_breadcrumbs(event: dict[str, Any]) -> None:
    breadcrumbs = event.get("breadcrumbs") or {}
    values = breadcrumbs.get("values") if isinstance(breadcrumbs, dict) else breadcrumbs
    for crumb in values or []:
        data = crumb.get("data") or {}
        if "url" in data:
            data["url"] = _strip_url(str(data["url"]))
        data.pop("http.query", None)
        if crumb.get("category") == "query":  # SQL with its parameters
            crumb.pop("message", None)
            crumb["data"] = {}


def scrub_event(event: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    """Sentry's before_send/before_send_transaction: the event with personal data removed."""
    if "request" in event:
        event["request"] = _scrub_request(event["request"])
    if "user" in event:
        event["user"] = {"id": event["user"]["id"]} if event["user"].get("id") else {}
    if "transaction" in event and isinstance(event["transaction"], str):
        event["transaction"] = mask_path(event["transaction"])
    _scrub_frames(event)
    _scrub_breadcrumbs(event)
    return event


def init_error_reporting(*, dsn: str, environment: str, release: str | None = None) -> None:
    """Start sentry-sdk with personal data switched off. Called from settings when SENTRY_DSN is set."""
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        # Source lines around a frame are in the repository anyway; in a report they could quote data.
        include_source_context=False,
        before_send=scrub_event,
        before_send_transaction=scrub_event,
        traces_sample_rate=0,
    )
