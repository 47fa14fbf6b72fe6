"""Reads for the flyer. The flyer composes apps like the home page does, so it may read `enterprises`
(only through `enterprises_near` below)."""

from dataclasses import dataclass
from datetime import datetime, time

from django.utils import timezone

from enterprises.models import Enterprise
from portal.core.models import AuditAction, AuditEvent, Jobcenter, User
from portal.flyer.defaults import DEFAULT_TEXT
from portal.flyer.models import CONTENT_FIELDS, FlyerContact, FlyerText

NEAR_LIMIT = 6


def flyer_text_published() -> FlyerText:
    """The published national text. Reads only: before any version is saved (migration 0002 saves
    version 1), the built-in default, unsaved; `services.flyer_text_ensure` saves it."""
    return FlyerText.objects.published().first() or default_text()


def default_text() -> FlyerText:
    return FlyerText(**DEFAULT_TEXT, change_note="Standardtekst", is_published=True)


def flyer_text_latest() -> FlyerText:
    """What an admin edits next: the newest version (a draft if one is newer than the published one)."""
    return FlyerText.objects.order_by("-created_at", "-id").first() or flyer_text_published()


@dataclass(frozen=True)
class TextVersionRow:
    version: FlyerText
    changed: list[str]


def flyer_text_history() -> list[TextVersionRow]:
    """All versions, newest first, each with the names of the fields it changed from its predecessor."""
    versions = list(FlyerText.objects.select_related("created_by", "published_by", "based_on"))
    rows = []
    for version in versions:
        before = version.based_on
        if before is None:
            changed = []
        else:
            changed = [
                str(FlyerText._meta.get_field(name).verbose_name)
                for name in CONTENT_FIELDS
                if getattr(version, name) != getattr(before, name)
            ]
        rows.append(TextVersionRow(version, changed))
    return rows


def flyer_contact_for(jobcenter: Jobcenter | None) -> FlyerContact | None:
    if jobcenter is None:
        return None
    return FlyerContact.objects.filter(jobcenter=jobcenter).first()


def flyer_contact_or_default(jobcenter: Jobcenter) -> FlyerContact:
    """The saved block, or an unsaved one prefilled from the jobcenter's own contact data."""
    return flyer_contact_for(jobcenter) or FlyerContact(
        jobcenter=jobcenter, name=jobcenter.name, phone=jobcenter.phone, email=jobcenter.email
    )


@dataclass(frozen=True)
class NearbyEnterprise:
    name: str
    town: str
    placement_types: tuple[str, ...]


def enterprises_near(*, jobcenter: Jobcenter | None, limit: int = NEAR_LIMIT) -> list[NearbyEnterprise]:
    """Up to `limit` active enterprises in the jobcenter's municipalities with a place they can use now
    (free, and allowed by the rimelighedskrav)."""
    if jobcenter is None:
        return []
    enterprises = (
        Enterprise.objects.active()
        .with_usable_places()
        .filter(municipality_id__in=jobcenter.municipalities.values("code"))
        .select_related("postcode")
        .prefetch_related("offers__placement_type")
        .order_by("name", "pk")[:limit]
    )
    return [
        NearbyEnterprise(
            name=enterprise.name,
            town=enterprise.postcode.name,
            placement_types=tuple(
                offer.placement_type.label for offer in enterprise.offers_with_ratio() if offer.usable
            ),
        )
        for enterprise in enterprises
    ]


def flyer_sends_today(*, user: User) -> int:
    """How many flyers the user has sent today (local time), counted from the audit log."""
    start = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    return AuditEvent.objects.filter(actor=user, action=AuditAction.FLYER_SEND, at__gte=start).count()


def flyer_logo_for(*, user: User, name: str) -> FlyerContact | None:
    """The contact block whose logo file is `name`, if it is the user's own jobcenter's (the only logo
    their flyer shows); else None. Uploaded files are never served by name alone."""
    if user.jobcenter_id is None:
        return None
    return (
        FlyerContact.objects.filter(jobcenter_id=user.jobcenter_id, logo=f"flyer/logos/{name}")
        .exclude(logo="")
        .first()
    )
