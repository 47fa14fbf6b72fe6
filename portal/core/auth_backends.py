"""The one way a password is checked: every login path (the portal's form, /admin/login/, anything
calling `django.contrib.auth.authenticate`) goes through this backend, so the lockout cannot be walked
around and a success on one path never resets the count of another."""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest

from portal.core import lockout
from portal.core.audit import client_ip
from portal.core.models import User


def local_login_allowed(user: User) -> bool:
    """Local passwords work when LOCAL_LOGIN is on, and always for break-glass accounts."""
    return settings.LOCAL_LOGIN or user.is_break_glass


class LockoutModelBackend(ModelBackend):
    def authenticate(self, request: HttpRequest | None, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if username is None or password is None:
            return None
        with transaction.atomic():
            # The counter row stays locked until the outcome is written: parallel guesses wait here.
            attempt = lockout.begin_attempt(username=username, ip=client_ip(request))
            if attempt.refusal:
                if request is not None:
                    # Read by the login form (which message) and the audit receiver (which action).
                    request.login_refusal = attempt.refusal
                # PermissionDenied stops Django from trying any other backend.
                raise PermissionDenied(attempt.refusal)
            user = super().authenticate(request, username=username, password=password, **kwargs)
            if user is None or not local_login_allowed(user):
                lockout.record_failure(attempt)
                return None
            lockout.record_success(attempt)
            return user
