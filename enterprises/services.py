"""Writes to the register. Every curating action is audited (portal.core.audit)."""

from django.db import transaction
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest
from django.utils import timezone

from enterprises.models import CorrectionStatus, CorrectionSuggestion, Enterprise, EnterpriseStatus
from portal.core.audit import audit_log
from portal.core.models import AuditAction, User


@transaction.atomic
def enterprise_save(
    *,
    form: ModelForm,
    formsets: list[BaseInlineFormSet],
    by: User,
    request: HttpRequest | None = None,
) -> Enterprise:
    """Create or update an enterprise with its offers and contacts from validated forms."""
    creating = form.instance.pk is None
    enterprise = form.save(commit=False)
    enterprise._history_user = by
    enterprise.save()
    form.save_m2m()
    for formset in formsets:
        formset.instance = enterprise
        formset.save()
    _one_primary_contact(enterprise)
    audit_log(
        action=AuditAction.ENTERPRISE_CREATE if creating else AuditAction.ENTERPRISE_UPDATE,
        request=request,
        user=by,
        target=enterprise,
        detail={"cvr": enterprise.cvr, "fields": sorted(form.changed_data)},
    )
    return enterprise


def _one_primary_contact(enterprise: Enterprise) -> None:
    """At most one primary contact: the first one marked primary wins."""
    primaries = list(enterprise.contacts.filter(is_primary=True).order_by("pk"))
    for contact in primaries[1:]:
        contact.is_primary = False
        contact.save(update_fields=["is_primary"])


def _set_status(*, enterprise: Enterprise, status: str, by: User, action: str, request) -> Enterprise:
    enterprise.status = status
    enterprise._history_user = by
    enterprise.save(update_fields=["status", "updated_at"])
    audit_log(action=action, request=request, user=by, target=enterprise, detail={"cvr": enterprise.cvr})
    return enterprise


@transaction.atomic
def enterprise_archive(*, enterprise: Enterprise, by: User, request: HttpRequest | None = None) -> Enterprise:
    return _set_status(
        enterprise=enterprise,
        status=EnterpriseStatus.ARCHIVED,
        by=by,
        action=AuditAction.ENTERPRISE_ARCHIVE,
        request=request,
    )


@transaction.atomic
def enterprise_restore(*, enterprise: Enterprise, by: User, request: HttpRequest | None = None) -> Enterprise:
    return _set_status(
        enterprise=enterprise,
        status=EnterpriseStatus.ACTIVE,
        by=by,
        action=AuditAction.ENTERPRISE_RESTORE,
        request=request,
    )


@transaction.atomic
def enterprise_verify(*, enterprise: Enterprise, by: User, request: HttpRequest | None = None) -> Enterprise:
    """ "Mark verified today": an admin has checked the facts with the enterprise."""
    enterprise.last_verified_at = timezone.now()
    enterprise.verified_by = by
    enterprise._history_user = by
    enterprise.save(update_fields=["last_verified_at", "verified_by", "updated_at"])
    audit_log(
        action=AuditAction.ENTERPRISE_VERIFY,
        request=request,
        user=by,
        target=enterprise,
        detail={"cvr": enterprise.cvr},
    )
    return enterprise


@transaction.atomic
def correction_suggest(
    *, enterprise: Enterprise, text: str, by: User, request: HttpRequest | None = None
) -> CorrectionSuggestion:
    suggestion = CorrectionSuggestion.objects.create(
        enterprise=enterprise, text=text.strip(), suggested_by=by
    )
    audit_log(
        action=AuditAction.CORRECTION_SUGGEST,
        request=request,
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
    by: User,
    request: HttpRequest | None = None,
) -> CorrectionSuggestion:
    if status not in (CorrectionStatus.ACCEPTED, CorrectionStatus.REJECTED):
        raise ValueError(f"not a resolution: {status}")
    suggestion.status = status
    suggestion.resolution_note = note
    suggestion.resolved_by = by
    suggestion.resolved_at = timezone.now()
    suggestion.save(update_fields=["status", "resolution_note", "resolved_by", "resolved_at"])
    audit_log(
        action=AuditAction.CORRECTION_RESOLVE,
        request=request,
        user=by,
        target=suggestion.enterprise,
        detail={"suggestion": suggestion.pk, "status": status},
    )
    return suggestion
