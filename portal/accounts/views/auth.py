"""Signing in, the invitation link, one's own password and account, two-factor, the idle session."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from portal.accounts.forms import LoginForm, TokenForm
from portal.accounts.qr import base32_secret, otpauth_svg
from portal.accounts.selectors import last_logins
from portal.accounts.services import passwords, two_factor
from portal.core.audit import AuditContext
from portal.core.models import User


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        # "Log ind med kommunens login" when a municipal identity provider is configured (docs/sign-in.md).
        return super().get_context_data(
            local_login=settings.LOCAL_LOGIN,
            saml_login=settings.SAML_ENABLED,
            oidc_login=bool(settings.OIDC_ISSUER),
            **kwargs,
        )


def _safe_next(request: HttpRequest, fallback: str = "home") -> str:
    """The `next` address when it stays on this site; else the `fallback` page (by name) or ""."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse(fallback) if fallback else ""


def _invited_user(uidb64: str, token: str) -> User | None:
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))), is_active=True)
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        return None
    return user if default_token_generator.check_token(user, token) else None


@login_not_required
def set_password(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The invitation's one-time link: choose a password, then sign in as usual."""
    user = _invited_user(uidb64, token)
    if user is None:
        return render(request, "accounts/set_password.html", {"invalid": True}, status=404)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        passwords.password_set(
            user=user,
            password=form.cleaned_data["new_password1"],
            invited=True,
            context=AuditContext.from_request(request),
        )
        messages.success(
            request,
            _("Din adgangskode er gemt. Log ind med dit brugernavn %(username)s.")
            % {"username": user.username},
        )
        return redirect("login")
    return render(request, "accounts/set_password.html", {"form": form, "invited_user": user})


def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = passwords.password_set(
            user=request.user,
            password=form.cleaned_data["new_password1"],
            invited=False,
            context=AuditContext.from_request(request),
        )
        update_session_auth_hash(request, user)  # stay signed in here; other sessions end
        messages.success(request, _("Din adgangskode er skiftet."))
        return redirect("accounts:me")
    return render(request, "accounts/password_change.html", {"form": form})


def my_account(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/me.html",
        {"logins": last_logins(request.user), "has_device": two_factor.has_confirmed_device(request.user)},
    )


def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    # Replacing a device needs the old one first: a stolen password alone must not enrol a new phone.
    if two_factor.has_confirmed_device(user) and not user.is_verified():
        return redirect(f"{reverse('accounts:two_factor_verify')}?next={request.path}")
    device = two_factor.enrolment_device(user=user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.enrolment_confirm(
            user=user,
            device=device,
            token=form.cleaned_data["token"],
            context=AuditContext.from_request(request),
        )
        if codes is not None:
            device.refresh_from_db()
            otp_login(request, device)
            return render(
                request, "accounts/recovery_codes.html", {"codes": codes, "next": _safe_next(request)}
            )
        form.add_error(
            "token", _("Koden passer ikke. Tjek at telefonens ur går rigtigt, og prøv den næste kode.")
        )
    context = {
        "form": form,
        "qr": otpauth_svg(device),
        "secret": base32_secret(device),
        "next": _safe_next(request, ""),
    }
    return render(request, "accounts/two_factor_setup.html", context)


def two_factor_verify(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.verify(user=request.user, token=form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_safe_next(request))
        form.add_error("token", _("Koden passer ikke. Prøv igen med den næste kode."))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _safe_next(request, "")})


@require_POST
def session_keepalive(request: HttpRequest) -> HttpResponse:
    """ "Bliv logget ind" in the idle warning: an ordinary request, so it counts as activity."""
    if request.headers.get("X-Requested-With") == "fetch":
        return HttpResponse(status=204)
    return redirect(_safe_next(request))
