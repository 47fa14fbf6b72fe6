"""Two-factor enrolment and verification with django-otp (TOTP apps plus static recovery codes).

Why django-otp: well kept, with throttling of wrong codes built into its devices; we only add the
enrolment page (the QR as SVG via segno) and the rule of who needs it (portal/core/access.py)."""

from django.db import transaction
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.core.audit import AuditContext, audit_log
from portal.core.models import AuditAction, User

RECOVERY_CODES = 10


def has_confirmed_device(user: User) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


@transaction.atomic
def enrolment_device(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator being set up (one at a time), created on first visit."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)
    return device


@transaction.atomic
def enrolment_confirm(
    *, user: User, device: TOTPDevice, token: str, context: AuditContext | None = None
) -> list[str] | None:
    """Confirm the authenticator with a code it shows; replace older devices and hand out fresh
    recovery codes (shown once). None when the code is wrong."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user, confirmed=False)
    if not device.verify_token(token):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name="Gendannelseskoder", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
    audit_log(action=AuditAction.MFA_ENROLL, user=user, target=user, context=context)
    return codes


@transaction.atomic
def verify(*, user: User, token: str) -> Device | None:
    """The confirmed device (authenticator or a recovery code, used once) that accepts `token`."""
    token = token.replace(" ", "")
    for device in devices_for_user(user, confirmed=True, for_verify=True):
        allowed, _ = device.verify_is_allowed()
        if allowed and device.verify_token(token):
            return device
    return None
