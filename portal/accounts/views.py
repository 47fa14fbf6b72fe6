"""Signing in: the login page (local accounts; lockout enforced in portal/core/lockout.py)."""

from django.conf import settings
from django.contrib.auth import views as auth_views

from portal.accounts.forms import LoginForm


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        # "Log ind med kommunens login" when a municipal identity provider is configured (docs/sign-in.md).
        return super().get_context_data(
            saml_login=settings.SAML_ENABLED, oidc_login=bool(settings.OIDC_ISSUER), **kwargs
        )
