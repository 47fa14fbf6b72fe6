import math
import time

from django.conf import settings
from django.http import HttpRequest

from portal.accounts.middleware import LAST_ACTIVITY_KEY


def session_timeout(request: HttpRequest) -> dict:
    """Seconds left before the server ends this idle session, and when to warn (for
    static/js/session-timeout.js), on signed-in pages only."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    idle = settings.SESSION_IDLE_SECONDS
    session = getattr(request, "session", None) or {}
    last = session.get(LAST_ACTIVITY_KEY, time.time())
    remaining = max(1, math.ceil(idle - (time.time() - last)))
    warning = min(settings.SESSION_WARNING_SECONDS, idle)
    return {
        "session_idle_seconds": remaining,
        "session_warning_seconds": warning,
        "session_warning_minutes": max(1, round(warning / 60)),
    }
