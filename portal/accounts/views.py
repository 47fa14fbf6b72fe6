"""Signing in: the login page (local accounts; lockout enforced in portal/core/lockout.py)."""

from django.contrib.auth import views as auth_views

from portal.accounts.forms import LoginForm


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True
