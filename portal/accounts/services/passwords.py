"""Choosing and changing one's own password, and enrolling a second factor."""

from django.contrib.auth import password_validation
from django.db import transaction

from portal.core.audit import AuditContext, audit_log
from portal.core.models import AuditAction, User


@transaction.atomic
def password_set(*, user: User, password: str, invited: bool, context: AuditContext | None = None) -> User:
    """`invited`: chosen from the invitation link (which this makes unusable, as the token is bound
    to the old hash); otherwise changed by the person while signed in."""
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_log(
        action=AuditAction.PASSWORD_SET if invited else AuditAction.PASSWORD_CHANGE,
        user=user,
        target=user,
        context=context,
    )
    return user
