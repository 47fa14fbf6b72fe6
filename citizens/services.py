"""Writes to citizen cases. Each service checks its invariants, saves, and writes one audit event."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citizens import cpr as cprlib
from citizens.models import DUPLICATE_CPR_CODE, DUPLICATE_CPR_MESSAGE, CaseNote, Citizen, CitizenStatus
from citizens.rules import anonymised_birth_date, closing_date_reason, retention_cutoff
from portal.core.access import is_jobcenter_staff
from portal.core.audit import AuditContext, audit_log
from portal.core.citizen_data import close_refusals, erase_citizens
from portal.core.models import AuditAction, User

M2M_FIELDS = ("wanted_placement_types", "preferred_industries", "challenge_areas")
ANONYMISED_NAME = "Anonymiseret"
ANONYMISED_MESSAGE = _("Sagen er anonymiseret og kan ikke længere ændres.")
# Closing and reopening are their own actions; an update only pauses or resumes.
UPDATE_STATUSES = (CitizenStatus.ACTIVE, CitizenStatus.PAUSED)


def _refuse_if_anonymised(citizen: Citizen) -> None:
    if citizen.is_anonymised:
        raise ValidationError(ANONYMISED_MESSAGE)


def _set_cpr(citizen: Citizen, cpr: str) -> None:
    citizen.cpr_encrypted = cprlib.encrypt(cpr)
    citizen.cpr_hash = cprlib.lookup_hash(cpr)
    citizen.birth_date = cprlib.birth_date(cpr)


def _clean_and_save(citizen: Citizen, **save_kwargs: Any) -> None:
    """Every write of a case goes through here: `full_clean()` decides, and this is the one place that
    refuses a duplicate CPR number (the unique constraint, checked first and again by the insert,
    where a concurrent create may have won the race)."""
    try:
        citizen.full_clean(exclude=M2M_FIELDS)
        with transaction.atomic():
            citizen.save(**save_kwargs)
    except ValidationError as exc:
        if any(
            e.code == DUPLICATE_CPR_CODE for e in getattr(exc, "error_dict", {}).get(NON_FIELD_ERRORS, [])
        ):
            raise ValidationError({"cpr": DUPLICATE_CPR_MESSAGE}, code=DUPLICATE_CPR_CODE) from exc
        raise
    except IntegrityError as exc:
        raise ValidationError({"cpr": DUPLICATE_CPR_MESSAGE}, code=DUPLICATE_CPR_CODE) from exc


def _refuse_a_cpr_taken_under_another_hash(citizen: Citizen, cpr: str) -> None:
    """While `rotate_cpr_key --rehash` runs, older rows still carry the previous hash, which the unique
    constraint cannot compare with the new one: look for every hash the number may have."""
    taken = (
        Citizen.objects.filter(jobcenter_id=citizen.jobcenter_id, cpr_hash__in=cprlib.lookup_hashes(cpr))
        .exclude(pk=citizen.pk)
        .exists()
    )
    if taken:
        raise ValidationError({"cpr": DUPLICATE_CPR_MESSAGE}, code=DUPLICATE_CPR_CODE)


def _split(fields: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Iterable]]:
    plain = {k: v for k, v in fields.items() if k not in M2M_FIELDS}
    m2m = {k: v for k, v in fields.items() if k in M2M_FIELDS}
    return plain, m2m


@transaction.atomic
def citizen_create(
    *, by: User, cpr: str, fields: dict[str, Any], context: AuditContext | None = None
) -> Citizen:
    """A new case in the creator's jobcenter, assigned to the creator unless `fields` names a caseworker."""
    plain, m2m = _split(fields)
    plain.pop("status", None)
    plain.setdefault("caseworker", by)
    citizen = Citizen(jobcenter_id=by.jobcenter_id, **plain)
    cpr = cprlib.normalise(cpr)
    _set_cpr(citizen, cpr)
    _refuse_a_cpr_taken_under_another_hash(citizen, cpr)
    _clean_and_save(citizen)
    for name, values in m2m.items():
        getattr(citizen, name).set(values)
    audit_log(action=AuditAction.CITIZEN_CREATE, context=context, user=by, target=citizen)
    return citizen


@transaction.atomic
def citizen_update(
    *,
    citizen: Citizen,
    by: User,
    fields: dict[str, Any],
    cpr: str | None = None,
    context: AuditContext | None = None,
) -> Citizen:
    """Change the case's facts. Records the names of changed fields (never their values)."""
    # Compare with the stored row (locked): a ModelForm may already have copied its data onto `citizen`.
    stored = Citizen.objects.select_for_update().get(pk=citizen.pk)
    _refuse_if_anonymised(stored)
    plain, m2m = _split(fields)
    new_status = plain.get("status", stored.status)
    if new_status != stored.status and (stored.is_closed or new_status not in UPDATE_STATUSES):
        raise ValidationError({"status": _("Luk og genåbn sagen med knapperne på sagen.")})
    changed = [name for name, value in plain.items() if getattr(stored, name) != value]
    for name, value in plain.items():
        setattr(citizen, name, value)
    if cpr:
        cpr = cprlib.normalise(cpr)
        if citizen.cpr_hash not in cprlib.lookup_hashes(cpr):
            _set_cpr(citizen, cpr)
            _refuse_a_cpr_taken_under_another_hash(citizen, cpr)
            changed.append("cpr")
    _clean_and_save(citizen)
    for name, values in m2m.items():
        before = set(getattr(citizen, name).values_list("pk", flat=True))
        after = {getattr(v, "pk", v) for v in values}
        if before != after:
            getattr(citizen, name).set(values)
            changed.append(name)
    audit_log(
        action=AuditAction.CITIZEN_UPDATE,
        context=context,
        user=by,
        target=citizen,
        detail={"fields": sorted(changed)},
    )
    return citizen


def citizen_add_note(
    *, citizen: Citizen, by: User, kind: str, text: str, context: AuditContext | None = None
) -> CaseNote:
    """Notes are never edited: a correction is a new note."""
    _refuse_if_anonymised(citizen)
    note = CaseNote(citizen=citizen, author=by, kind=kind, text=text)
    note.full_clean()
    note.save()
    audit_log(
        action=AuditAction.CITIZEN_NOTE,
        context=context,
        user=by,
        target=citizen,
        detail={"note_id": note.pk, "kind": kind},
    )
    return note


def _lock(citizen: Citizen) -> None:
    """Lock the row and refresh what the rules read, so a decision holds until it is saved."""
    locked = (
        Citizen.objects.select_for_update().only("status", "anonymised_at", "caseworker").get(pk=citizen.pk)
    )
    citizen.status, citizen.anonymised_at = locked.status, locked.anonymised_at
    citizen.caseworker_id = locked.caseworker_id
    _refuse_if_anonymised(citizen)


@transaction.atomic
def citizen_close(
    *,
    citizen: Citizen,
    by: User,
    reason: str,
    closed_at: datetime.date | None = None,
    context: AuditContext | None = None,
) -> Citizen:
    """Close the case on `closed_at` (today by default; never in the future, not before the case was
    created, at most 30 days back) unless another app refuses (`citizen_closing`, e.g. open
    placements). The row is locked first, so a receiver's answer holds until the close is saved."""
    _lock(citizen)
    if citizen.is_closed:
        raise ValidationError(_("Sagen er allerede afsluttet."))
    today = timezone.localdate()
    closed_at = closed_at or today
    why = closing_date_reason(day=closed_at, created=timezone.localdate(citizen.created_at), today=today)
    if why:
        raise ValidationError({"closed_at": why})
    if not reason.strip():
        raise ValidationError({"closed_reason": _("Skriv årsagen til afslutningen.")})
    refusals = close_refusals(citizen)
    if refusals:
        raise ValidationError([str(message) for message in refusals])
    citizen.status = CitizenStatus.CLOSED
    citizen.closed_at = closed_at
    citizen.closed_reason = reason.strip()
    _clean_and_save(citizen, update_fields=["status", "closed_at", "closed_reason", "updated_at"])
    audit_log(action=AuditAction.CITIZEN_CLOSE, context=context, user=by, target=citizen)
    return citizen


@transaction.atomic
def citizen_reopen(*, citizen: Citizen, by: User, context: AuditContext | None = None) -> Citizen:
    _lock(citizen)
    if not citizen.is_closed:
        raise ValidationError(_("Sagen er ikke afsluttet."))
    citizen.status = CitizenStatus.ACTIVE
    citizen.closed_at = None
    citizen.closed_reason = ""
    _clean_and_save(citizen, update_fields=["status", "closed_at", "closed_reason", "updated_at"])
    audit_log(action=AuditAction.CITIZEN_REOPEN, context=context, user=by, target=citizen)
    return citizen


@transaction.atomic
def citizen_reassign(
    *, citizen: Citizen, by: User, caseworker: User, context: AuditContext | None = None
) -> Citizen:
    """Team leads move a case to another caseworker or team lead of the same jobcenter."""
    _lock(citizen)
    if not is_jobcenter_staff(caseworker) or caseworker.jobcenter_id != citizen.jobcenter_id:
        raise ValidationError({"caseworker": _("Vælg en medarbejder i sagens jobcenter.")})
    if caseworker.pk == citizen.caseworker_id:
        raise ValidationError({"caseworker": _("Sagen ligger allerede hos den medarbejder.")})
    previous = citizen.caseworker_id
    citizen.caseworker = caseworker
    _clean_and_save(citizen, update_fields=["caseworker", "updated_at"])
    audit_log(
        action=AuditAction.CITIZEN_REASSIGN,
        context=context,
        user=by,
        target=citizen,
        detail={"from_user_id": previous, "to_user_id": caseworker.pk},
    )
    return citizen


def citizen_reveal_cpr(*, citizen: Citizen, by: User, context: AuditContext | None = None) -> str:
    """The CPR number in clear, formatted `DDMMYY-SSSS`. Logged before it is returned."""
    audit_log(action=AuditAction.CPR_REVEAL, context=context, user=by, target=citizen)
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
