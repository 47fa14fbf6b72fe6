"""The pages of signing in through the municipality: the refusal page and signing out the way one came."""

from functools import wraps

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

REFUSAL_SESSION_KEY = "signin_refusal"
FAILED = gettext_lazy("Login via kommunens login mislykkedes. Prøv at logge ind igen.")
REJECTED = gettext_lazy("Svaret fra kommunens login kunne ikke godkendes. Prøv at logge ind igen.")
UNAVAILABLE = gettext_lazy(
    "Kommunens login svarer ikke lige nu. Prøv igen om lidt, eller kontakt din administrator."
)


def only_when(setting: str):
    """The endpoints of a sign-in method that is not configured answer 404 (local accounts only)."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not getattr(settings, setting):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def refused_page(request: HttpRequest, reason: str, *, status: int = 403) -> HttpResponse:
    return render(request, "signin/refused.html", {"reason": reason}, status=status)


@login_not_required
def refused(request: HttpRequest) -> HttpResponse:
    """Where the OpenID Connect callback sends a refused sign-in; the reason waits in the session."""
    reason = request.session.pop(REFUSAL_SESSION_KEY, None)
    return refused_page(request, reason or FAILED)


@login_not_required
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """Log out; a user who came through the municipality's login also leaves the provider's session
    (SAML single logout, OIDC RP-initiated logout), so the next person at the desk must sign in."""
    method = request.session.get("signin_method") if request.user.is_authenticated else None
    if method == "saml":
        return _continue_to(request, reverse("saml2_logout"))  # builds the LogoutRequest, then logs out
    if method == "oidc":
        provider_url = import_string(settings.OIDC_OP_LOGOUT_URL_METHOD)(request)
        logout(request)
        return _continue_to(request, provider_url)
    logout(request)
    return redirect("login")


def _continue_to(request: HttpRequest, url: str) -> HttpResponse:
    """A page that moves on at once. A redirect would do, but the logout button is a form, and the
    CSP's form-action 'self' also covers a form's redirects: the provider's origin is not 'self'."""
    return render(request, "signin/signing_out.html", {"continue_url": url})
