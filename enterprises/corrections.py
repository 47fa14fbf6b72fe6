"""Correction suggestions: staff suggest, admins resolve field by field through the one write path
(`enterprises.services.enterprise_upsert`), and the suggester is told the outcome."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enterprises.models import CorrectionStatus, CorrectionSuggestion, Enterprise
from enterprises.services import EnterpriseData, OfferData, enterprise_upsert
from portal.core.audit import AuditContext, audit_log
from portal.core.jobs import send_email_later
from portal.core.models import AuditAction, User


@transaction.atomic
def correction_suggest(
    *, enterprise: Enterprise, text: str, by: User, context: AuditContext | None = None
) -> CorrectionSuggestion:
    suggestion = CorrectionSuggestion.objects.create(
        enterprise=enterprise, text=text.strip(), suggested_by=by
    )
    audit_log(
        action=AuditAction.CORRECTION_SUGGEST,
        context=context,
        user=by,
        target=enterprise,
        detail={"suggestion": suggestion.pk},
    )
    return suggestion


@transaction.atomic
def correction_resolve(
    *,
    suggestion: CorrectionSuggestion,
    status: str,
    note: str = "",
    accept: list[str] | tuple[str, ...] = (),
    by: User,
    context: AuditContext | None = None,
) -> CorrectionSuggestion:
    """Resolve a suggestion; `accept` names the structured changes (from the enterprise's confirm page)
    to apply through the one write path. The suggester is told by e-mail."""
    if status not in (CorrectionStatus.ACCEPTED, CorrectionStatus.REJECTED):
        raise ValueError(f"not a resolution: {status}")
    context = context or AuditContext(user=by)
    if accept:
        enterprise_upsert(
            enterprise=suggestion.enterprise,
            data=_accepted_changes(suggestion.changes, accept),
            context=context,
        )
    suggestion.status = status
    suggestion.resolution_note = note
    suggestion.resolved_by = by
    suggestion.resolved_at = timezone.now()
    suggestion.save(update_fields=["status", "resolution_note", "resolved_by", "resolved_at"])
    audit_log(
        action=AuditAction.CORRECTION_RESOLVE,
        context=context,
        user=by,
        target=suggestion.enterprise,
        detail={"suggestion": suggestion.pk, "status": status, "accepted": list(accept)},
    )
    _tell_suggester(suggestion)
    return suggestion


def _accepted_changes(changes: dict, accept) -> "EnterpriseData":
    data = EnterpriseData(fields={})
    if "description" in accept:
        data.fields["description"] = changes["description"]
    for name in ("target_groups", "challenge_areas"):
        if name in accept:
            setattr(data, name, list(changes[name]))
    offers = [
        OfferData(values={"placement_type": code, "places": 1})
        for code in changes.get("offers_add", [])
        if "offers_add" in accept
    ]
    offers += [
        OfferData(values={"placement_type": code}, delete=True)
        for code in changes.get("offers_remove", [])
        if "offers_remove" in accept
    ]
    data.offers = offers or None
    return data


def _tell_suggester(suggestion: CorrectionSuggestion) -> None:
    person = suggestion.suggested_by
    if person is None or not person.email:
        return
    outcome = _("rettet") if suggestion.status == CorrectionStatus.ACCEPTED else _("afvist")
    body = _("Dit rettelsesforslag til %(name)s er behandlet: %(outcome)s.") % {
        "name": suggestion.enterprise.name,
        "outcome": outcome,
    }
    if suggestion.resolution_note:
        body += "\n\n" + _("Svar:") + " " + suggestion.resolution_note
    send_email_later(
        to=[person.email],
        subject=_("Dit rettelsesforslag til %(name)s er behandlet") % {"name": suggestion.enterprise.name},
        body=body,
    )
