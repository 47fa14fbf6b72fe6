"""Jobcenters, municipalities' CVR numbers and lockouts: system administrators only."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from portal.core import access, lockout
from portal.core.audit import AuditContext, audit_log
from portal.core.models import (
    AuditAction,
    Jobcenter,
    JobcenterMunicipality,
    LoginThrottle,
    Municipality,
    User,
)

JOBCENTER_FIELDS = ("name", "address", "postcode", "phone", "email")


def _refuse_unless_system_admin(by: User) -> None:
    if not access.can_manage_jobcenters(by):
        raise PermissionDenied


def _check_municipalities_free(jobcenter: Jobcenter, municipalities: list[Municipality]) -> None:
    taken = (
        JobcenterMunicipality.objects.filter(municipality__in=municipalities)
        .exclude(jobcenter_id=jobcenter.pk)
        .select_related("municipality", "jobcenter")
    )
    problems = [
        _("%(municipality)s betjenes allerede af %(jobcenter)s.")
        % {"municipality": link.municipality.name, "jobcenter": link.jobcenter.name}
        for link in taken
    ]
    if problems:
        raise ValidationError({"municipalities": problems})


def jobcenter_save(
    *,
    by: User,
    jobcenter: Jobcenter | None,
    data: dict,
    municipalities: list[Municipality],
    context: AuditContext | None = None,
) -> Jobcenter:
    """Create (`jobcenter=None`) or change a jobcenter and the municipalities it serves."""
    _refuse_unless_system_admin(by)
    created = jobcenter is None
    jobcenter = jobcenter or Jobcenter()
    before = {field: str(getattr(jobcenter, field) or "") for field in JOBCENTER_FIELDS}
    for field in JOBCENTER_FIELDS:
        setattr(jobcenter, field, data[field])
    jobcenter.full_clean()
    try:
        with transaction.atomic():
            jobcenter.save()
            _check_municipalities_free(jobcenter, municipalities)
            jobcenter.municipalities.set(municipalities)
    except IntegrityError as exc:
        # Someone else took one of the municipalities between the check and the write.
        raise ValidationError(
            {"municipalities": [_("En af kommunerne betjenes allerede af et andet jobcenter.")]}
        ) from exc
    after = {field: str(getattr(jobcenter, field) or "") for field in JOBCENTER_FIELDS}
    audit_log(
        action=AuditAction.JOBCENTER_CREATE if created else AuditAction.JOBCENTER_UPDATE,
        user=by,
        target=jobcenter,
        jobcenter=jobcenter,
        detail={
            "changed": sorted(k for k in after if after[k] != before[k]),
            "municipalities": sorted(m.code for m in municipalities),
        },
        context=context,
    )
    return jobcenter


def municipality_set_cvr(
    *, by: User, municipality: Municipality, cvr: str, context: AuditContext | None = None
) -> Municipality:
    _refuse_unless_system_admin(by)
    before = municipality.cvr
    municipality.cvr = cvr
    municipality.full_clean()
    try:
        with transaction.atomic():
            municipality.save(update_fields=["cvr"])
    except IntegrityError as exc:
        raise ValidationError({"cvr": [_("En anden kommune har allerede dette CVR-nummer.")]}) from exc
    audit_log(
        action=AuditAction.MUNICIPALITY_CVR,
        user=by,
        detail={"municipality": municipality.code, "from": before, "to": cvr},
        context=context,
    )
    return municipality


def lockout_clear(*, by: User, row: LoginThrottle, context: AuditContext | None = None) -> None:
    if not access.can_view_lockouts(by):
        raise PermissionDenied
    lockout.clear(row)
    audit_log(
        action=AuditAction.LOCKOUT_CLEARED,
        user=by,
        detail={"kind": row.kind, "key": row.key},
        context=context,
    )
