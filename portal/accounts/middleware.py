"""Two request rules for signed-in people: a second factor where required, and the idle timeout."""

import time

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from portal.accounts.services.two_factor import has_confirmed_device
from portal.core import access
from portal.core.audit import audit_log
from portal.core.models import AuditAction

LOCAL_BACKEND = settings.AUTHENTICATION_BACKENDS[0]
# Requests our own pages make in the background (the session check, polling) send this header and do
# not count as activity; static/js/session-timeout.js sets it.
BACKGROUND_HEADER = "X-Background"
LAST_ACTIVITY_KEY = "_last_activity"
STARTED_KEY = "_session_started"


def _write_interval() -> float:
    """Activity is written to the session at most every tenth of the idle time (3 minutes of 30), so
    pages do not pay a session write each; the warning dialog is told the server's own deadline
    (portal/accounts/context_processors.py), so the two clocks agree."""
    return settings.SESSION_IDLE_SECONDS / 10


def _always_allowed(path: str) -> bool:
    return path.startswith((settings.STATIC_URL, "/accounts/2fa/", "/accounts/logout/", "/healthz"))


class TwoFactorRequiredMiddleware:
    """People who need a second factor reach no page but the setup (or the code prompt) until they
    have used it in this session. After django_otp's OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not _always_allowed(request.path)
            and access.requires_two_factor(
                user, signed_in_locally=request.session.get(BACKEND_SESSION_KEY) == LOCAL_BACKEND
            )
            and not user.is_verified()
        ):
            name = "accounts:two_factor_verify" if has_confirmed_device(user) else "accounts:two_factor_setup"
            return redirect(f"{reverse(name)}?{urlencode({'next': request.path})}")
        return self.get_response(request)


@receiver(user_logged_in)
def _start_session_clock(sender, request, user, **kwargs) -> None:
    """A new sign-in starts both clocks (and spares the first request a session write)."""
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[STARTED_KEY] = now
        request.session[LAST_ACTIVITY_KEY] = now


class SessionIdleMiddleware:
    """Ends a session after SESSION_IDLE_SECONDS without activity, and SESSION_COOKIE_AGE after sign-in
    whatever happens, checked on the server for every request. Background requests neither count as
    activity nor keep a session alive."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            started = session.setdefault(STARTED_KEY, now)
            last = session.setdefault(LAST_ACTIVITY_KEY, now)
            if now - last > settings.SESSION_IDLE_SECONDS or now - started > settings.SESSION_COOKIE_AGE:
                reason = "absolute" if now - started > settings.SESSION_COOKIE_AGE else "idle"
                return self._end(request, reason=reason)
            if not request.headers.get(BACKGROUND_HEADER) and now - last >= _write_interval():
                session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)

    @staticmethod
    def _end(request: HttpRequest, *, reason: str) -> HttpResponse:
        user = request.user
        audit_log(action=AuditAction.LOGOUT, request=request, user=user, detail={"reason": reason})
        # logout() would write a second LOGOUT event through the signal; flush quietly instead.
        request.session.flush()
        request.user = AnonymousUser()
        if request.headers.get("HX-Request") or request.headers.get(BACKGROUND_HEADER):
            response = HttpResponse(status=401)
            response["HX-Redirect"] = reverse("login")
            return response
        # The path without its query string: a search may hold a CPR number.
        return redirect_to_login(request.path)
