"""Every login, failed login and logout is written to the audit log."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from portal.core import lockout
from portal.core.audit import audit_log
from portal.core.models import AuditAction


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs) -> None:
    audit_log(action=AuditAction.LOGIN, request=request, user=user)


# Why an attempt failed, as the authentication backend (portal/core/auth_backends.py) noted it.
_REFUSAL_ACTIONS = {
    lockout.LOCKED: AuditAction.LOGIN_LOCKED,
    lockout.THROTTLED: AuditAction.LOGIN_THROTTLED,
}


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    action = _REFUSAL_ACTIONS.get(getattr(request, "login_refusal", None), AuditAction.LOGIN_FAILED)
    audit_log(action=action, request=request, actor_label=credentials.get("username", "")[:150])


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit_log(action=AuditAction.LOGOUT, request=request, user=user)
