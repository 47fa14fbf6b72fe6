"""The praktikaftale draft for the enterprise: a tagged A4 PDF (PDF/UA-1) with the flyer's fonts.

What goes in is chosen here, field by field: the citizen's name but never the CPR number, and never
the case's considerations, challenge areas or notes; the only text about the citizen is what the
caseworker wrote for the enterprise and marked as agreed with the citizen.
"""

from dataclasses import dataclass
from datetime import date

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from matching.models import Placement, PlacementStatus
from portal.core.pdf import html_to_tagged_pdf

AGREEMENT_STATUSES = (
    PlacementStatus.PROPOSED,
    PlacementStatus.CONTACTED,
    PlacementStatus.AGREED,
    PlacementStatus.ACTIVE,
)


@dataclass(frozen=True)
class AgreementParty:
    name: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Agreement:
    number: int
    type_label: str
    enterprise: AgreementParty
    contact: AgreementParty | None
    citizen_name: str
    jobcenter: AgreementParty
    purpose: str
    start: date | None
    planned_end: date | None
    hours_per_week: int | None
    tasks: str
    follow_up: date | None
    enterprise_info: str
    enterprise_info_agreed_on: date | None
    made_on: date


def agreement_refusal(placement: Placement) -> str | None:
    """Why no agreement can be made (Danish), or None."""
    if not placement.citizen.consent_given:
        return _("Borgeren har ikke givet samtykke til, at oplysninger deles med virksomheden.")
    if placement.status not in AGREEMENT_STATUSES:
        return _("Forløbet er slut; der laves ikke en aftale for det.")
    if not placement.purpose.strip():
        return _("Skriv forløbets formål, før aftalen dannes.")
    return None


def _line(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def agreement_for(placement: Placement, caseworker) -> Agreement:
    enterprise, citizen = placement.enterprise, placement.citizen
    jobcenter = citizen.jobcenter
    contact = placement.contact
    return Agreement(
        number=placement.pk,
        type_label=placement.placement_type.label,
        enterprise=AgreementParty(
            enterprise.name,
            (
                _("CVR %(cvr)s") % {"cvr": enterprise.cvr},
                _line(enterprise.address, str(enterprise.postcode or "")),
                _line(enterprise.phone, enterprise.email),
            ),
        ),
        contact=AgreementParty(contact.name, (contact.role, _line(contact.phone, contact.email)))
        if contact
        else None,
        citizen_name=citizen.full_name,
        jobcenter=AgreementParty(
            jobcenter.name,
            (
                _("Sagsbehandler: %(name)s") % {"name": caseworker.display_name},
                _line(caseworker.email, jobcenter.phone),
            ),
        ),
        purpose=placement.purpose,
        start=placement.start_date,
        planned_end=placement.planned_end_date,
        hours_per_week=placement.hours_per_week,
        tasks=placement.tasks,
        follow_up=placement.follow_up_date,
        enterprise_info=placement.enterprise_info if placement.enterprise_info_agreed_on else "",
        enterprise_info_agreed_on=placement.enterprise_info_agreed_on,
        made_on=timezone.localdate(),
    )


def agreement_pdf(agreement: Agreement) -> bytes:
    return html_to_tagged_pdf(render_to_string("matching/agreement_pdf.html", {"a": agreement}))


def agreement_filename(agreement: Agreement) -> str:
    return f"praktikaftale-forloeb-{agreement.number}.pdf"
