from django.conf import settings
from django.http import HttpRequest


def session_timeout(request: HttpRequest) -> dict:
    """Seconds for the idle warning (static/js/session-timeout.js), for signed-in pages only."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    warning = min(settings.SESSION_WARNING_SECONDS, settings.SESSION_IDLE_SECONDS)
    return {
        "session_idle_seconds": settings.SESSION_IDLE_SECONDS,
        "session_warning_seconds": warning,
        "session_warning_minutes": max(1, round(warning / 60)),
    }
