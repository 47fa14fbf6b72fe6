"""Writes of the verification flow: sending links, reminders, the enterprise's answer, the contact log.
Every change to the enterprise itself goes through `enterprises.services.enterprise_upsert`."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from enterprises.models import (
    ContactLogEntry,
    CorrectionSource,
    CorrectionSuggestion,
    Enterprise,
    EnterpriseStatus,
    VerificationRequest,
    VerificationState,
    VerifiedSource,
)
from enterprises.services import ContactData, EnterpriseData, OfferData, enterprise_upsert, enterprise_verify
from enterprises.verify.tokens import VALID_FOR, new_token
from portal.core.audit import AuditContext, audit_log
from portal.core.jobs import send_email_later
from portal.core.models import AuditAction, Role, User

REMIND_AFTER = timedelta(days=14)
# After the reminder, this long without an answer moves the entry to "ring op".
CALL_AFTER = timedelta(days=14)
VIA_LINK = "virksomheden via link"


class LinkUnusable(Exception):
    """The link was used, revoked, replaced or has expired."""


def link_url(token: str) -> str:
    return settings.PUBLIC_BASE_URL + reverse("register:confirm", args=[token])


def _recipient(enterprise: Enterprise) -> str:
    primary = next((c for c in enterprise.contacts.all() if c.is_primary and c.email), None)
    return primary.email if primary else enterprise.email


def _mail_link(request: VerificationRequest, token: str, *, reminder: bool) -> None:
    enterprise = request.enterprise
    subject = (
        _("Påmindelse: Er jeres oplysninger i Brobygger stadig rigtige?")
        if reminder
        else _("Er jeres oplysninger i Brobygger stadig rigtige?")
    )
    body = _(
        "Kære %(name)s\n\nJobcentrene bruger Brobygger til at finde pladser til borgere. Se venligst jeres "
        "oplysninger igennem, og bekræft dem eller ret antallet af pladser her:\n\n%(url)s\n\n"
        "Linket virker i 30 dage og kan bruges til én indsendelse.\n\nVenlig hilsen\nRegisteradministrationen"
    ) % {"name": enterprise.name, "url": link_url(token)}
    send_email_later(to=[request.sent_to], subject=subject, body=body)


@transaction.atomic
def request_send(*, enterprise: Enterprise, context: AuditContext) -> VerificationRequest:
    """A new link for `enterprise` (the previous one stops working). Without an e-mail address the
    request is recorded as bounced, which puts the entry on the "ring op" list."""
    enterprise = Enterprise.objects.select_for_update().prefetch_related("contacts").get(pk=enterprise.pk)
    _retire_current(enterprise)
    token, token_hash = new_token()
    recipient = _recipient(enterprise)
    request = VerificationRequest.objects.create(
        enterprise=enterprise,
        token_hash=token_hash,
        sent_to=recipient,
        created_by=context.user,
        expires_at=timezone.now() + VALID_FOR,
        state=VerificationState.REQUESTED if recipient else VerificationState.BOUNCED,
    )
    if recipient:
        _mail_link(request, token, reminder=False)
    audit_log(
        action=AuditAction.VERIFICATION_REQUEST,
        context=context,
        target=enterprise,
        detail={"cvr": enterprise.cvr, "sent": bool(recipient)},
    )
    return request


def _retire_current(enterprise: Enterprise) -> None:
    VerificationRequest.objects.filter(
        enterprise=enterprise, is_current=True, state=VerificationState.REQUESTED
    ).update(state=VerificationState.REVOKED)
    VerificationRequest.objects.filter(enterprise=enterprise, is_current=True).update(is_current=False)


@transaction.atomic
def request_revoke(*, request: VerificationRequest, context: AuditContext) -> None:
    VerificationRequest.objects.filter(pk=request.pk, state=VerificationState.REQUESTED).update(
        state=VerificationState.REVOKED
    )


def mark_bounced(*, request: VerificationRequest) -> None:
    """The mail server returned the e-mail: an admin must call."""
    VerificationRequest.objects.filter(pk=request.pk, state=VerificationState.REQUESTED).update(
        state=VerificationState.BOUNCED
    )


@dataclass
class DailyResult:
    sent: int = 0
    reminded: int = 0
    to_call: int = 0


def send_due(
    *, older_than: timedelta, cvr: str | None = None, now: datetime | None = None, context: AuditContext
) -> DailyResult:
    """The daily run (`manage.py send_verification_requests`): links to active entries not verified
    within `older_than` and without a current request, one reminder after REMIND_AFTER, then "ring op".
    Idempotent: a second run the same day sends nothing more."""
    now = now or timezone.now()
    result = DailyResult()
    due = Enterprise.objects.filter(status=EnterpriseStatus.ACTIVE).exclude(
        verification_requests__is_current=True, verification_requests__created_at__gte=now - older_than
    )
    due = due.exclude(last_verified_at__gte=now - older_than)
    if cvr:
        due = due.filter(cvr=cvr)
    for enterprise in due.order_by("pk").iterator():
        request_send(enterprise=enterprise, context=context)
        result.sent += 1
    waiting = VerificationRequest.objects.filter(is_current=True, state=VerificationState.REQUESTED)
    if cvr:
        waiting = waiting.filter(enterprise__cvr=cvr)
    for request in waiting.filter(reminded_at__isnull=True, created_at__lte=now - REMIND_AFTER):
        _remind(request, now)
        result.reminded += 1
    result.to_call = waiting.filter(reminded_at__lte=now - CALL_AFTER).update(
        state=VerificationState.NO_ANSWER
    )
    return result


@transaction.atomic
def _remind(request: VerificationRequest, now: datetime) -> None:
    # Only hashes are stored, so the reminder carries a fresh token for the same request.
    token, token_hash = new_token()
    request.token_hash = token_hash
    request.reminded_at = now
    request.save(update_fields=["token_hash", "reminded_at"])
    _mail_link(request, token, reminder=True)


def usable_request(token_hash: str, *, lock: bool = False) -> VerificationRequest:
    """The request behind a link that can still be submitted; raises LinkUnusable otherwise."""
    queryset = VerificationRequest.objects.select_related("enterprise")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    request = queryset.filter(token_hash=token_hash).first()
    if request is None:
        raise VerificationRequest.DoesNotExist
    usable = request.is_current and request.state == VerificationState.REQUESTED
    if not usable or request.expires_at <= timezone.now():
        raise LinkUnusable
    return request


@dataclass
class Answer:
    """What the enterprise sent. `places`: offer id → places. The rest: only what differs from the
    register (None: unchanged) and goes to the admins as a suggestion."""

    places: dict[int, int]
    contact: dict[str, str] | None = None
    description: str | None = None
    target_groups: list[str] | None = None
    challenge_areas: list[str] | None = None
    offers_add: list[str] = field(default_factory=list)
    offers_remove: list[str] = field(default_factory=list)
    note: str = ""

    def suggested_changes(self) -> dict:
        changes = {
            "description": self.description,
            "target_groups": self.target_groups,
            "challenge_areas": self.challenge_areas,
            "offers_add": self.offers_add or None,
            "offers_remove": self.offers_remove or None,
            "note": self.note or None,
        }
        return {name: value for name, value in changes.items() if value is not None}


def count_submission(token_hash: str) -> int:
    """Count one submission on the link (kept even when the answer is refused) and return the count."""
    VerificationRequest.objects.filter(token_hash=token_hash).update(submissions=F("submissions") + 1)
    return VerificationRequest.objects.filter(token_hash=token_hash).values_list("submissions", flat=True)[0]


@transaction.atomic
def answer_submit(*, token_hash: str, answer: Answer, ip: str | None) -> VerificationRequest:
    """The enterprise's one submission: verified today by "virksomheden", every offer's places
    confirmed today (changed or not) through the one write path, the primary contact updated, and
    anything else as a "fra virksomheden" suggestion. Raises LinkUnusable, or ValidationError
    (Danish) with nothing written."""
    request = usable_request(token_hash, lock=True)
    context = AuditContext(ip=ip, label=VIA_LINK)
    enterprise = request.enterprise
    today = timezone.localdate()
    offers = list(enterprise.offers.all())
    unknown = set(answer.places) - {offer.pk for offer in offers}
    if unknown:
        raise ValidationError(_("Et af tilbuddene findes ikke længere. Åbn linket igen."))
    data = EnterpriseData(
        fields={
            "last_verified_at": timezone.now(),
            "verified_by": None,
            "verified_source": VerifiedSource.ENTERPRISE,
        },
        offers=[
            OfferData(
                pk=o.pk, values={"places": answer.places.get(o.pk, o.places), "places_confirmed_at": today}
            )
            for o in offers
        ],
        contacts=_contact_change(enterprise, answer.contact),
    )
    enterprise_upsert(enterprise=enterprise, data=data, context=context)
    changes = answer.suggested_changes()
    if changes:
        CorrectionSuggestion.objects.create(
            enterprise=enterprise,
            text=answer.note or _("Ændringer sendt af virksomheden via bekræftelseslinket."),
            source=CorrectionSource.ENTERPRISE,
            changes=changes,
        )
    request.state = VerificationState.ANSWERED
    request.answered_at = timezone.now()
    request.save(update_fields=["state", "answered_at"])
    audit_log(
        action=AuditAction.VERIFICATION_ANSWER,
        context=context,
        target=enterprise,
        detail={"cvr": enterprise.cvr, "suggestion": bool(changes)},
    )
    return request


def _contact_change(enterprise: Enterprise, contact: dict[str, str] | None) -> list[ContactData] | None:
    if not contact:
        return None
    primary = next((c for c in enterprise.contacts.all() if c.is_primary), None)
    return [ContactData(pk=primary.pk if primary else None, values={**contact, "is_primary": True})]


@transaction.atomic
def ask_new_link(*, token_hash: str, ip: str | None) -> bool:
    """The enterprise behind a used or expired link asks for a new one: the admins are told (no link
    is sent from here: only an admin or the daily run sends links). False for an unknown link."""
    request = (
        VerificationRequest.objects.select_for_update(of=("self",))
        .select_related("enterprise")
        .filter(token_hash=token_hash)
        .first()
    )
    if request is None:
        return False
    first_time = request.new_link_asked_at is None
    request.new_link_asked_at = timezone.now()
    request.save(update_fields=["new_link_asked_at"])
    if first_time:
        admins = list(
            User.objects.filter(role=Role.ADMIN, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        if admins:
            send_email_later(
                to=admins,
                subject=_("%(name)s beder om et nyt bekræftelseslink") % {"name": request.enterprise.name},
                body=_(
                    "%(name)s (CVR %(cvr)s) har åbnet et brugt eller udløbet bekræftelseslink og beder om "
                    "et nyt. Send det fra verifikationskøen i Brobygger."
                )
                % {"name": request.enterprise.name, "cvr": request.enterprise.cvr},
            )
    audit_log(
        action=AuditAction.VERIFICATION_NEW_LINK,
        context=AuditContext(ip=ip, label=VIA_LINK),
        target=request.enterprise,
        detail={"cvr": request.enterprise.cvr},
    )
    return True


@transaction.atomic
def contact_log_add(
    *, enterprise: Enterprise, on: date, channel: str, note: str, context: AuditContext
) -> ContactLogEntry:
    entry = ContactLogEntry(enterprise=enterprise, on=on, channel=channel, note=note.strip(), by=context.user)
    entry.full_clean(exclude=["by"])
    entry.save()
    audit_log(
        action=AuditAction.VERIFICATION_CONTACT,
        context=context,
        target=enterprise,
        detail={"cvr": enterprise.cvr, "channel": channel},
    )
    return entry


def mark_verified(*, enterprise: Enterprise, context: AuditContext) -> Enterprise:
    """An admin has checked the entry (from the queue, one or many): the register's own "verify" action,
    which also settles a "ring op"."""
    with transaction.atomic():
        enterprise = enterprise_verify(enterprise=enterprise, by=context.user, context=context)
        VerificationRequest.objects.filter(
            enterprise=enterprise,
            is_current=True,
            state__in=[VerificationState.NO_ANSWER, VerificationState.BOUNCED],
        ).update(state=VerificationState.ANSWERED, answered_at=timezone.now())
    return enterprise
