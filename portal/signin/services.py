"""Writes for sign-in through an identity provider: provisioning keyed on (issuer, subject), refreshed
from the provider at every sign-in, every change audited; and deactivating users who stopped coming."""

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.audit import audit_log
from portal.core.models import AuditAction, Jobcenter, User
from portal.signin.models import ExternalIdentity
from portal.signin.rules import Claimed, SignInRefused
from portal.signin.selectors import assignment_for


@dataclass(frozen=True)
class Profile:
    first_name: str = ""
    last_name: str = ""
    email: str = ""


def _new_username(*, issuer: str, subject: str, email: str) -> str:
    """Readable where possible; the username is a label only, never what a sign-in matches on."""
    if email and not User.objects.filter(username=email[:150]).exists():
        return email[:150]
    return "ext-" + hashlib.sha256(f"{issuer}\n{subject}".encode()).hexdigest()[:16]


def _refuse(*, identity: ExternalIdentity | None, reason: str, issuer: str, ip: str | None) -> SignInRefused:
    """Audit the refusal; a provider that no longer vouches for a role or jobcenter deactivates the user."""
    user = identity.user if identity else None
    if identity and user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
        identity.deactivated_by_provider = True
        identity.save(update_fields=["deactivated_by_provider"])
        audit_log(
            action=AuditAction.USER_DEACTIVATE, user=user, target=user, detail={"reason": reason}, ip=ip
        )
    audit_log(
        action=AuditAction.EXTERNAL_SIGN_IN_REFUSED,
        user=user,
        actor_label=user.username if user else issuer[:150],
        detail={"reason": reason, "issuer": issuer},
        ip=ip,
    )
    return SignInRefused(reason)


def _sync(*, user: User, profile: Profile, role: str, jobcenter: Jobcenter | None) -> dict[str, list]:
    wanted = {
        "first_name": profile.first_name[:150],
        "last_name": profile.last_name[:150],
        "email": profile.email[:254],
        "role": role,
        "jobcenter": jobcenter,
        "is_active": True,
    }
    changes = {}
    for field, value in wanted.items():
        old = getattr(user, field)
        if old != value:
            changes[field] = [
                str(old) if old is not None else None,
                str(value) if value is not None else None,
            ]
            setattr(user, field, value)
    if changes:
        user.save()
    return changes


def _sign_in(
    *, issuer: str, subject: str, profile: Profile, claimed: Claimed | SignInRefused, ip: str | None
) -> User | SignInRefused:
    identity = (
        ExternalIdentity.objects.select_for_update()
        .select_related("user")
        .filter(issuer=issuer, subject=subject)
        .first()
    )
    if identity and not identity.user.is_active and not identity.deactivated_by_provider:
        # Deactivated in the portal (by a person or for inactivity): that wins over the provider.
        reason = _("Din bruger er deaktiveret i Brobygger. Kontakt en administrator i dit jobcenter.")
        return _refuse(identity=None, reason=reason, issuer=issuer, ip=ip)
    try:
        if isinstance(claimed, SignInRefused):
            raise claimed
        role, jobcenter = assignment_for(claimed)
    except SignInRefused as refusal:
        return _refuse(identity=identity, reason=refusal.reason, issuer=issuer, ip=ip)
    if identity is None:
        user = User(username=_new_username(issuer=issuer, subject=subject, email=profile.email))
        user.set_unusable_password()  # signs in only through the provider
        _sync(user=user, profile=profile, role=role, jobcenter=jobcenter)
        identity = ExternalIdentity.objects.create(issuer=issuer, subject=subject, user=user)
        audit_log(
            action=AuditAction.USER_PROVISIONED,
            user=user,
            target=user,
            detail={"issuer": issuer, "role": role, "jobcenter": jobcenter.name if jobcenter else None},
            ip=ip,
        )
    else:
        user = identity.user
        changes = _sync(user=user, profile=profile, role=role, jobcenter=jobcenter)
        if changes:
            audit_log(action=AuditAction.USER_SYNCED, user=user, target=user, detail=changes, ip=ip)
    identity.last_sign_in_at = timezone.now()
    identity.deactivated_by_provider = False
    identity.save(update_fields=["last_sign_in_at", "deactivated_by_provider"])
    return user


def external_sign_in(
    *, issuer: str, subject: str, profile: Profile, claimed: Claimed | SignInRefused, ip: str | None = None
) -> User:
    """The user the provider vouches for, created or refreshed; raises SignInRefused (with a Danish
    reason) after the refusal and any deactivation it causes have been committed."""
    try:
        with transaction.atomic():
            outcome = _sign_in(issuer=issuer, subject=subject, profile=profile, claimed=claimed, ip=ip)
    except IntegrityError:
        # Two first sign-ins of one person at once (two tabs, two app servers): the unique (issuer,
        # subject) lets one create the user; the other, run again, finds it.
        with transaction.atomic():
            outcome = _sign_in(issuer=issuer, subject=subject, profile=profile, claimed=claimed, ip=ip)
    if isinstance(outcome, SignInRefused):
        raise outcome
    return outcome


def users_deactivate_inactive(*, days: int, now=None) -> list[User]:
    """Deactivate active users with no sign-in (or, never signed in, no creation) for `days` days.
    Break-glass accounts are kept: they are the way in when everything else fails."""
    cutoff = (now or timezone.now()) - timedelta(days=days)
    stale = (
        User.objects.filter(is_active=True, is_break_glass=False)
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
        .order_by("pk")
    )
    deactivated = []
    with transaction.atomic():
        for user in stale.select_for_update():
            user.is_active = False
            user.save(update_fields=["is_active"])
            audit_log(
                action=AuditAction.USER_DEACTIVATE,
                target=user,
                jobcenter=user.jobcenter,
                actor_label="deactivate_inactive_users",
                detail={"reason": f"inactive for {days} days"},
            )
            deactivated.append(user)
    return deactivated
