"""Writes to citizen cases. Each service checks its invariants, saves, and writes one audit event."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citizens import cpr as cprlib
from citizens.models import CaseNote, Citizen, CitizenStatus
from citizens.rules import anonymised_birth_date, retention_cutoff
from citizens.selectors import cpr_taken
from portal.core.access import is_jobcenter_staff
from portal.core.audit import audit_log
from portal.core.citizen_data import close_refusals, erase_citizens
from portal.core.models import AuditAction, User

M2M_FIELDS = ("wanted_placement_types", "preferred_industries", "challenge_areas")
DUPLICATE_CPR_MESSAGE = _(
    "Der findes allerede en sag med dette CPR-nummer i jobcentret. Søg den frem i stedet."
)
ANONYMISED_NAME = "Anonymiseret"
ANONYMISED_MESSAGE = _("Sagen er anonymiseret og kan ikke længere ændres.")


def _refuse_if_anonymised(citizen: Citizen) -> None:
    if citizen.is_anonymised:
        raise ValidationError(ANONYMISED_MESSAGE)


def _set_cpr(citizen: Citizen, cpr: str) -> None:
    citizen.cpr_encrypted = cprlib.encrypt(cpr)
    citizen.cpr_hash = cprlib.lookup_hash(cpr)
    citizen.birth_date = cprlib.birth_date(cpr)


def _save_checking_duplicate(citizen: Citizen) -> None:
    try:
        with transaction.atomic():
            citizen.save()
    except IntegrityError as exc:  # a concurrent create won the race for the same CPR
        raise ValidationError({"cpr": DUPLICATE_CPR_MESSAGE}) from exc


def _split(fields: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Iterable]]:
    plain = {k: v for k, v in fields.items() if k not in M2M_FIELDS}
    m2m = {k: v for k, v in fields.items() if k in M2M_FIELDS}
    return plain, m2m


@transaction.atomic
def citizen_create(
    *, by: User, cpr: str, fields: dict[str, Any], request: HttpRequest | None = None
) -> Citizen:
    """A new case in the creator's jobcenter, assigned to the creator unless `fields` names a caseworker."""
    cpr = cprlib.normalise(cpr)
    if cpr_taken(jobcenter_id=by.jobcenter_id, cpr=cpr):
        raise ValidationError({"cpr": DUPLICATE_CPR_MESSAGE})
    plain, m2m = _split(fields)
    plain.setdefault("caseworker", by)
    citizen = Citizen(jobcenter_id=by.jobcenter_id, **plain)
    _set_cpr(citizen, cpr)
    _save_checking_duplicate(citizen)
    for name, values in m2m.items():
        getattr(citizen, name).set(values)
    audit_log(action=AuditAction.CITIZEN_CREATE, request=request, user=by, target=citizen)
    return citizen


@transaction.atomic
def citizen_update(
    *,
    citizen: Citizen,
    by: User,
    fields: dict[str, Any],
    cpr: str | None = None,
    request: HttpRequest | None = None,
) -> Citizen:
    """Change the case's facts. Records the names of changed fields (never their values)."""
    _refuse_if_anonymised(citizen)
    plain, m2m = _split(fields)
    # Compare with the stored row: a ModelForm may already have copied its data onto `citizen`.
    stored = Citizen.objects.get(pk=citizen.pk)
    changed = [name for name, value in plain.items() if getattr(stored, name) != value]
    for name, value in plain.items():
        setattr(citizen, name, value)
    if cpr:
        cpr = cprlib.normalise(cpr)
        if cprlib.lookup_hash(cpr) != citizen.cpr_hash:
            if cpr_taken(jobcenter_id=citizen.jobcenter_id, cpr=cpr, exclude_pk=citizen.pk):
                raise ValidationError({"cpr": DUPLICATE_CPR_MESSAGE})
            _set_cpr(citizen, cpr)
            changed.append("cpr")
    _save_checking_duplicate(citizen)
    for name, values in m2m.items():
        before = set(getattr(citizen, name).values_list("pk", flat=True))
        after = {getattr(v, "pk", v) for v in values}
        if before != after:
            getattr(citizen, name).set(values)
            changed.append(name)
    audit_log(
        action=AuditAction.CITIZEN_UPDATE,
        request=request,
        user=by,
        target=citizen,
        detail={"fields": sorted(changed)},
    )
    return citizen


def citizen_add_note(
    *, citizen: Citizen, by: User, kind: str, text: str, request: HttpRequest | None = None
) -> CaseNote:
    """Notes are never edited: a correction is a new note."""
    _refuse_if_anonymised(citizen)
    note = CaseNote.objects.create(citizen=citizen, author=by, kind=kind, text=text)
    audit_log(
        action=AuditAction.CITIZEN_NOTE,
        request=request,
        user=by,
        target=citizen,
        detail={"note_id": note.pk, "kind": kind},
    )
    return note


@transaction.atomic
def citizen_close(
    *,
    citizen: Citizen,
    by: User,
    reason: str,
    closed_at: datetime.date | None = None,
    request: HttpRequest | None = None,
) -> Citizen:
    """Close the case unless another app vetoes it (citizen data contract, e.g. open placements).
    The row is locked first, so a receiver's answer holds until the close is saved."""
    locked = Citizen.objects.select_for_update().only("status", "anonymised_at").get(pk=citizen.pk)
    citizen.status, citizen.anonymised_at = locked.status, locked.anonymised_at
    _refuse_if_anonymised(citizen)
    if citizen.is_closed:
        raise ValidationError(_("Sagen er allerede afsluttet."))
    refusals = close_refusals(citizen)
    if refusals:
        raise ValidationError([str(message) for message in refusals])
    citizen.status = CitizenStatus.CLOSED
    citizen.closed_at = closed_at or timezone.localdate()
    citizen.closed_reason = reason
    citizen.save(update_fields=["status", "closed_at", "closed_reason", "updated_at"])
    audit_log(action=AuditAction.CITIZEN_CLOSE, request=request, user=by, target=citizen)
    return citizen


def citizen_reopen(*, citizen: Citizen, by: User, request: HttpRequest | None = None) -> Citizen:
    if not citizen.is_closed:
        raise ValidationError(_("Sagen er ikke afsluttet."))
    _refuse_if_anonymised(citizen)
    citizen.status = CitizenStatus.ACTIVE
    citizen.closed_at = None
    citizen.closed_reason = ""
    citizen.save(update_fields=["status", "closed_at", "closed_reason", "updated_at"])
    audit_log(action=AuditAction.CITIZEN_REOPEN, request=request, user=by, target=citizen)
    return citizen


def citizen_reassign(
    *, citizen: Citizen, by: User, caseworker: User, request: HttpRequest | None = None
) -> Citizen:
    """Team leads move a case to another caseworker or team lead of the same jobcenter."""
    _refuse_if_anonymised(citizen)
    if not is_jobcenter_staff(caseworker) or caseworker.jobcenter_id != citizen.jobcenter_id:
        raise ValidationError({"caseworker": _("Vælg en medarbejder i sagens jobcenter.")})
    previous = citizen.caseworker_id
    citizen.caseworker = caseworker
    citizen.save(update_fields=["caseworker", "updated_at"])
    audit_log(
        action=AuditAction.CITIZEN_REASSIGN,
        request=request,
        user=by,
        target=citizen,
        detail={"from_user_id": previous, "to_user_id": caseworker.pk},
    )
    return citizen


def citizen_reveal_cpr(*, citizen: Citizen, by: User, request: HttpRequest | None = None) -> str:
    """The CPR number in clear, formatted `DDMMYY-SSSS`. Logged before it is returned."""
    audit_log(action=AuditAction.CPR_REVEAL, request=request, user=by, target=citizen)
    number = cprlib.decrypt(citizen.cpr_encrypted)
    return cprlib.format_cpr(number) if number else ""


def citizens_purge_closed(
    *, older_than_days: int, today: datetime.date | None = None, dry_run: bool = False
) -> list[int]:
    """Anonymise closed cases past retention: CPR, names, contact data, free text and note texts go;
    statistics fields (jobcenter, target group, postcode, status, dates, codes, birth year) stay."""
    cutoff = retention_cutoff(today or timezone.localdate(), older_than_days)
    expired = Citizen.objects.closed_before(cutoff).not_anonymised().order_by("pk")
    ids = list(expired.values_list("pk", flat=True))
    if dry_run or not ids:
        return ids
    now = timezone.now()
    with transaction.atomic():
        for citizen in Citizen.objects.filter(pk__in=ids).select_for_update():
            citizen.cpr_encrypted = ""
            citizen.cpr_hash = ""
            citizen.birth_date = anonymised_birth_date(citizen.birth_date)
            citizen.first_name = ANONYMISED_NAME
            citizen.last_name = ""
            citizen.phone = ""
            citizen.email = ""
            citizen.competences = ""
            citizen.considerations = ""
            citizen.closed_reason = ""
            citizen.anonymised_at = now
            citizen.save()
            audit_log(
                action=AuditAction.CITIZEN_PURGE,
                target=citizen,
                jobcenter=citizen.jobcenter,
                actor_label="purge_closed_cases",
            )
        # Every app in the citizen data contract (notes; matching: placement purposes and event notes)
        # removes its free text in the same transaction.
        erase_citizens(ids)
    return ids
