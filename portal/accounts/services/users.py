"""Inviting, changing and deactivating users, and moving a person's open cases to a colleague."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from citizens.models import Citizen
from citizens.services import citizen_reassign
from portal.core import access
from portal.core.audit import AuditContext, audit_log
from portal.core.jobs import send_email_later
from portal.core.models import AuditAction, Jobcenter, User


def _refuse_unless_manageable(*, by: User, user: User) -> None:
    if not access.scope_manageable_users(by, User.objects.filter(pk=user.pk)).exists():
        raise PermissionDenied


def set_password_path(user: User) -> str:
    """The one-time link: the token is bound to the password hash, so it stops working once used."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("accounts:set_password", args=[uid, default_token_generator.make_token(user)])


@transaction.atomic
def user_invite(
    *,
    by: User,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    base_url: str,
    jobcenter: Jobcenter | None = None,
    context: AuditContext | None = None,
) -> User:
    """Create the account without a password and e-mail a one-time link to choose one."""
    if role not in access.assignable_roles(by):
        raise PermissionDenied
    if access.is_team_lead(by):
        jobcenter = by.jobcenter
    email = email.strip().lower()
    if (
        User.objects.filter(username__iexact=email).exists()
        or User.objects.filter(email__iexact=email).exists()
    ):
        raise ValidationError({"email": _("Der findes allerede en bruger med denne e-mailadresse.")})
    user = User(
        username=email,
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=role,
        jobcenter=jobcenter,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    audit_log(
        action=AuditAction.USER_INVITE,
        user=by,
        target=user,
        jobcenter=jobcenter,
        detail={"role": role},
        context=context,
    )
    send_email_later(
        to=[email],
        subject=_("Din konto i Brobygger"),
        body=_(
            "Hej %(name)s\n\n%(inviter)s har oprettet en konto til dig i Brobygger.\n"
            "Vælg din adgangskode her (linket virker én gang og i %(days)s dage):\n\n%(link)s\n\n"
            "Dit brugernavn er %(username)s.\n"
        )
        % {
            "name": user.display_name,
            "inviter": by.display_name,
            "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
            "link": base_url.rstrip("/") + set_password_path(user),
            "username": user.username,
        },
    )
    return user


@transaction.atomic
def user_change_role(
    *, by: User, user: User, role: str, jobcenter: Jobcenter | None, context: AuditContext | None = None
) -> User:
    _refuse_unless_manageable(by=by, user=user)
    if role not in access.assignable_roles(by):
        raise PermissionDenied
    if user.pk == by.pk:
        raise ValidationError({"role": _("Du kan ikke ændre din egen rolle.")})
    if user.is_managed_by_provider:
        # The next sign-in would overwrite it: the municipality's identity provider decides (portal/signin).
        raise ValidationError({"role": _("Rollen styres af kommunens login og kan ikke ændres her.")})
    if access.is_team_lead(by):
        jobcenter = by.jobcenter
    before = {"role": user.role, "jobcenter_id": user.jobcenter_id}
    user.role, user.jobcenter = role, jobcenter
    user.full_clean()
    user.save(update_fields=["role", "jobcenter"])
    audit_log(
        action=AuditAction.USER_ROLE_CHANGE,
        user=by,
        target=user,
        jobcenter=user.jobcenter or by.jobcenter,
        detail={"from": before, "to": {"role": role, "jobcenter_id": user.jobcenter_id}},
        context=context,
    )
    return user


@transaction.atomic
def user_set_active(*, by: User, user: User, active: bool, context: AuditContext | None = None) -> User:
    """Deactivating ends the person's sessions at once: the authentication backend refuses inactive
    users on every request, so the next request of any of their sessions is anonymous."""
    _refuse_unless_manageable(by=by, user=user)
    if user.pk == by.pk:
        raise ValidationError(_("Du kan ikke deaktivere dig selv."))
    if user.is_active == active:
        return user
    user.is_active = active
    user.save(update_fields=["is_active"])
    action = AuditAction.USER_REACTIVATE if active else AuditAction.USER_DEACTIVATE
    audit_log(action=action, user=by, target=user, jobcenter=user.jobcenter, context=context)
    return user


def user_move_open_cases(*, by: User, user: User, to: User, context: AuditContext | None = None) -> int:
    """Move every open case of `user` to the colleague `to` in one transaction, one audit event per case.
    Team leads only (they may reassign cases); both people must be staff of the lead's jobcenter."""
    if not access.can_reassign_citizens(by):
        raise PermissionDenied
    _refuse_unless_manageable(by=by, user=user)
    if (
        to.pk == user.pk
        or not to.is_active
        or not access.is_jobcenter_staff(to)
        or to.jobcenter_id != by.jobcenter_id
    ):
        raise ValidationError({"to": _("Vælg en aktiv kollega i dit jobcenter.")})
    with transaction.atomic():
        cases = list(
            Citizen.objects.select_for_update()
            .filter(jobcenter_id=by.jobcenter_id, caseworker=user)
            .open()
            .order_by("pk")
        )
        for citizen in cases:
            citizen_reassign(citizen=citizen, by=by, caseworker=to, context=context)
    return len(cases)


@transaction.atomic
def user_set_break_glass(
    *, by: User, user: User, break_glass: bool, context: AuditContext | None = None
) -> User:
    """Break-glass accounts may sign in locally when LOCAL_LOGIN is off (docs/break-glass.md): only a
    system administrator marks one, and it needs two-factor like every administrator."""
    if not access.is_system_admin(by):
        raise PermissionDenied
    _refuse_unless_manageable(by=by, user=user)
    if user.is_break_glass != break_glass:
        user.is_break_glass = break_glass
        user.save(update_fields=["is_break_glass"])
        audit_log(
            action=AuditAction.USER_UPDATE,
            user=by,
            target=user,
            jobcenter=user.jobcenter,
            detail={"is_break_glass": break_glass},
            context=context,
        )
    return user
