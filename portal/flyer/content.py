"""What goes on the flyer: one value object built from the text version, the contact block, the
options and the nearby enterprises. The HTML preview and the PDF both render it."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date

import segno
from django.conf import settings
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils import timezone

from portal.core.models import User
from portal.flyer.models import FlyerContact, FlyerText
from portal.flyer.selectors import (
    NearbyEnterprise,
    enterprises_near,
    flyer_contact_or_default,
    flyer_text_published,
)

# Bump when the template or stylesheet changes, so cached PDFs of the old layout are not served.
RENDER_VERSION = 1
NATIONAL_ISSUER = "Brobygger"


@dataclass(frozen=True)
class FlyerOptions:
    contact: bool = True
    near: bool = True
    qr: bool = True

    @classmethod
    def from_query(cls, query: QueryDict) -> "FlyerOptions":
        """No options in the query = everything on; otherwise an unticked box (absent key) is off."""
        if "vis" not in query:
            return cls()
        return cls(**{name: query.get(name) in ("1", "on", "true") for name in ("contact", "near", "qr")})

    def as_query(self) -> str:
        flags = "&".join(f"{name}={int(getattr(self, name))}" for name in ("contact", "near", "qr"))
        return f"vis=1&{flags}"


@dataclass(frozen=True)
class FlyerContent:
    text: FlyerText
    options: FlyerOptions
    issuer: str
    generated_on: date
    contact: FlyerContact | None = None
    near: list[NearbyEnterprise] = field(default_factory=list)
    qr_url: str = ""

    @property
    def qr_data_uri(self) -> str:
        if not self.qr_url:
            return ""
        qr = segno.make_qr(self.qr_url, error="m")
        return qr.svg_data_uri(scale=4, border=0, dark="#083a50")

    def fingerprint(self) -> str:
        """A hash of every input that changes the PDF: any edit gives another key."""
        contact = self.contact
        facts = {
            "render": RENDER_VERSION,
            "text": self.text.pk,
            "options": self.options.as_query(),
            "issuer": self.issuer,
            "date": self.generated_on.isoformat(),
            "contact": [
                contact.pk,
                contact.updated_at.isoformat() if contact.updated_at else "",
                contact.name,
                contact.contact_person,
                contact.phone,
                contact.email,
                contact.website,
                contact.logo.name if contact.logo else "",
            ]
            if contact
            else None,
            "near": [[e.name, e.town, list(e.placement_types)] for e in self.near],
            "qr": self.qr_url,
        }
        return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()


def flyer_qr_url(request: HttpRequest | None) -> str:
    """The configured address (FLYER_QR_URL), or this portal's public six-reasons page (no login)."""
    if settings.FLYER_QR_URL:
        return settings.FLYER_QR_URL
    path = reverse("flyer:six_reasons")
    return request.build_absolute_uri(path) if request is not None else path


def flyer_content(
    *,
    user: User,
    options: FlyerOptions,
    qr_url: str = "",
    text: FlyerText | None = None,
    on: date | None = None,
) -> FlyerContent:
    jobcenter = user.jobcenter
    return FlyerContent(
        text=text or flyer_text_published(),
        options=options,
        issuer=jobcenter.name if jobcenter else NATIONAL_ISSUER,
        generated_on=on or timezone.localdate(),
        contact=flyer_contact_or_default(jobcenter) if (options.contact and jobcenter) else None,
        near=enterprises_near(jobcenter=jobcenter) if options.near else [],
        qr_url=qr_url if options.qr else "",
    )
