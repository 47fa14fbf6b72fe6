"""Writes for the flyer: text versions, publishing, contact blocks and sending to a colleague."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.audit import AuditContext, audit_log
from portal.core.jobs import send_email_later
from portal.core.models import AuditAction, Jobcenter, User
from portal.core.validators import single_line, validate_single_line
from portal.flyer.content import FlyerContent
from portal.flyer.models import CONTENT_FIELDS, FlyerContact, FlyerText
from portal.flyer.pdf import FILENAME, flyer_pdf
from portal.flyer.selectors import default_text, flyer_sends_today

SINGLE_LINE_FIELDS = ("title", "nuance_title", "sparring_title", "rule_title")


def flyer_text_ensure() -> FlyerText:
    """The published text, saved: the built-in default becomes version 1 if no version is published."""
    try:
        with transaction.atomic():
            text = FlyerText.objects.published().first()
            if text is None:
                text = default_text()
                text.published_at = timezone.now()
                text.save()
            return text
    except IntegrityError:  # another request saved it at the same moment
        return FlyerText.objects.published().get()


def flyer_text_create(*, data: dict[str, Any], by: User) -> FlyerText:
    """A new, unpublished version (a draft to preview). Earlier versions stay as they were.
    Titles are one line each (they become e-mail subjects and headings)."""
    version = FlyerText(
        **{name: data[name] for name in CONTENT_FIELDS},
        change_note=data.get("change_note", ""),
        based_on=FlyerText.objects.order_by("-created_at", "-id").first() or flyer_text_ensure(),
        created_by=by,
    )
    titles = [(name, getattr(version, name)) for name in SINGLE_LINE_FIELDS]
    titles += [("reasons", reason.get("title", "")) for reason in version.reasons]
    errors: dict[str, list] = {}
    for name, value in titles:
        try:
            validate_single_line(value)
        except ValidationError as exc:
            errors.setdefault(name, []).extend(exc.error_list)
    if errors:
        raise ValidationError(errors)
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def flyer_text_publish(*, version: FlyerText, by: User, context: AuditContext | None = None) -> FlyerText:
    """Make `version` the one published text; the previous one is kept in the history."""
    previous = FlyerText.objects.select_for_update().filter(is_published=True).exclude(pk=version.pk)
    previous_ids = list(previous.values_list("pk", flat=True))
    previous.update(is_published=False)
    version.is_published = True
    version.published_at = timezone.now()
    version.published_by = by
    version.save(update_fields=["is_published", "published_at", "published_by"])
    audit_log(
        action=AuditAction.FLYER_PUBLISH,
        context=context,
        user=by,
        target=version,
        detail={"replaced": previous_ids},
    )
    return version


def flyer_contact_update(
    *, jobcenter: Jobcenter, data: dict[str, Any], by: User, context: AuditContext | None = None
) -> FlyerContact:
    """Create or change the jobcenter's contact block. `data` holds cleaned form values."""
    contact = FlyerContact.objects.filter(jobcenter=jobcenter).first() or FlyerContact(jobcenter=jobcenter)
    changed = []
    for name in ("name", "contact_person", "phone", "email", "website"):
        if getattr(contact, name) != data[name]:
            changed.append(name)
            setattr(contact, name, data[name])
    logo = data.get("logo")
    if logo is False:  # "clear" ticked
        if contact.logo:
            contact.logo.delete(save=False)
            changed.append("logo")
        contact.logo = ""
    elif isinstance(logo, UploadedFile):
        if contact.logo:
            contact.logo.delete(save=False)
        contact.logo = logo
        changed.append("logo")
    contact.updated_by = by
    contact.save()
    audit_log(
        action=AuditAction.FLYER_CONTACT_UPDATE,
        context=context,
        user=by,
        target=contact,
        jobcenter=jobcenter,
        detail={"fields": changed},
    )
    return contact


def flyer_send(
    *, user: User, to: str, note: str, content: FlyerContent, context: AuditContext | None = None
) -> None:
    """E-mail the flyer as a PDF attachment; at most FLYER_SEND_DAILY_LIMIT a day per user."""
    limit = settings.FLYER_SEND_DAILY_LIMIT
    with transaction.atomic():
        # Lock the sender's row so two simultaneous sends cannot both pass the limit.
        User.objects.select_for_update().filter(pk=user.pk).first()
        if flyer_sends_today(user=user) >= limit:
            raise ValidationError(
                _("Du har allerede sendt %(limit)s flyere i dag. Prøv igen i morgen.") % {"limit": limit},
                code="limit",
            )
        pdf = flyer_pdf(content)
        sender = user.get_full_name() or user.username
        if user.jobcenter:
            sender = f"{sender}, {user.jobcenter.name}"
        lines = [
            _("%(sender)s har sendt dig en flyer fra Brobygger:") % {"sender": sender},
            single_line(content.text.title),
            "",
        ]
        if note:
            lines += [note, ""]
        lines.append(_("Flyeren er vedhæftet som PDF."))
        # The audit row, the count and the queued job commit together; the worker sends after commit.
        audit_log(
            action=AuditAction.FLYER_SEND,
            context=context,
            user=user,
            target=content.text,
            detail={"to": to, "options": content.options.as_query()},
        )
        send_email_later(
            to=[to],
            subject=single_line(content.text.title),
            body="\n".join(lines),
            reply_to=[user.email] if user.email else None,
            attachments=[(FILENAME, pdf, "application/pdf")],
        )
