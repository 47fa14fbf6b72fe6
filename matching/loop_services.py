"""Writes for the placement loop after the start: follow-ups, edits, extensions, automatic starts.

Each write locks the placement row, appends a `PlacementEvent` (kind follow_up / edit / extension,
without a status change) and an audit event, in one transaction. Statuses are still written only by
`matching.services.placement_transition`.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enterprises.models import ContactPerson
from matching import loop_rules
from matching.limits import practice_limit_for
from matching.models import EventKind, FollowUpForm, Placement, PlacementEvent, PlacementStatus
from matching.services import PlacementError, placement_transition
from portal.core.audit import AuditContext, audit_log
from portal.core.models import AuditAction, User

FOLLOW_UP_STATUSES = (PlacementStatus.AGREED, PlacementStatus.ACTIVE)
SYSTEM_ACTOR = "Brobygger (automatisk)"
FREE_TEXT = ("tasks", "enterprise_info")


def _lock(placement: Placement, allowed: tuple[str, ...]) -> Placement:
    current = (
        Placement.objects.select_for_update(of=("self",))
        .select_related("placement_type", "citizen")
        .get(pk=placement.pk)
    )
    if current.status not in allowed:
        raise PlacementError(
            _("Det kan ikke lade sig gøre, når forløbet er %(status)s.")
            % {"status": current.get_status_display().lower()}
        )
    return current


def _event(placement: Placement, by: User, kind: str, **fields) -> PlacementEvent:
    return PlacementEvent.objects.create(
        placement=placement,
        by=by,
        by_label=by.display_name,
        from_status=placement.status,
        to_status=placement.status,
        kind=kind,
        **fields,
    )


def placement_record_follow_up(
    *,
    placement: Placement,
    by: User,
    held_on: date,
    form: str,
    note: str,
    next_follow_up: date | None,
    context: AuditContext | None = None,
) -> Placement:
    """Record a follow-up (no status change). The next date replaces the due one: the overdue flag goes."""
    if form not in FollowUpForm.values:
        raise PlacementError(_("Vælg opfølgningens form."), field="form")
    with transaction.atomic():
        current = _lock(placement, FOLLOW_UP_STATUSES)
        today = timezone.localdate()
        error = loop_rules.follow_up_held_error(held_on=held_on, today=today, start=current.start_date)
        if error:
            raise PlacementError(error, field="held_on")
        error = loop_rules.next_follow_up_error(next_date=next_follow_up, held_on=held_on)
        if error:
            raise PlacementError(error, field="next_follow_up")
        changes = {"follow_up_date": [_iso(current.follow_up_date), _iso(next_follow_up)]}
        current.follow_up_date = next_follow_up
        current.save(update_fields=["follow_up_date"])
        _event(
            current,
            by,
            EventKind.FOLLOW_UP,
            held_on=held_on,
            follow_up_form=form,
            note=note or "",
            changes=changes,
        )
        audit_log(
            action=AuditAction.PLACEMENT_FOLLOW_UP,
            context=context,
            user=by,
            target=current.citizen,
            detail={"placement": current.pk, "held_on": held_on.isoformat()},
        )
    return current


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def placement_update(
    *,
    placement: Placement,
    by: User,
    planned_end_date: date | None,
    hours_per_week: int | None,
    tasks: str,
    contact_id: int | None,
    enterprise_info: str = "",
    enterprise_info_agreed_on: date | None = None,
    context: AuditContext | None = None,
) -> Placement:
    """Edit planned end, weekly hours, tasks, the enterprise's contact person and the text for the
    enterprise (agreed with the citizen, with the date) of an open placement."""
    enterprise_info = (enterprise_info or "").strip()
    error = loop_rules.enterprise_info_error(
        text=enterprise_info, agreed_on=enterprise_info_agreed_on, today=timezone.localdate()
    )
    if error:
        raise PlacementError(error, field="enterprise_info_agreed_on")
    with transaction.atomic():
        current = _lock(placement, (PlacementStatus.PROPOSED, PlacementStatus.CONTACTED, *FOLLOW_UP_STATUSES))
        if (
            contact_id
            and not ContactPerson.objects.filter(pk=contact_id, enterprise_id=current.enterprise_id).exists()
        ):
            raise PlacementError(_("Vælg en af virksomhedens kontaktpersoner."), field="contact")
        error = loop_rules.planned_end_error(planned_end=planned_end_date, start=current.start_date)
        if error:
            raise PlacementError(error, field="planned_end_date")
        new = {
            "planned_end_date": planned_end_date,
            "hours_per_week": hours_per_week,
            "tasks": (tasks or "").strip(),
            "contact_id": contact_id or None,
            "enterprise_info": enterprise_info,
            "enterprise_info_agreed_on": enterprise_info_agreed_on if enterprise_info else None,
        }
        changed = {name: value for name, value in new.items() if getattr(current, name) != value}
        if not changed:
            return current
        # Texts are recorded as "changed" only: the event log keeps no free text twice.
        changes = {
            name: [_plain(getattr(current, name)), _plain(value)] if name not in FREE_TEXT else True
            for name, value in changed.items()
        }
        for name, value in changed.items():
            setattr(current, name, value)
        current.save(update_fields=list(changed))
        _event(current, by, EventKind.EDIT, changes=changes)
        audit_log(
            action=AuditAction.PLACEMENT_EDIT,
            context=context,
            user=by,
            target=current.citizen,
            detail={"placement": current.pk, "fields": sorted(changed)},
        )
    return current


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value


def placement_extend(
    *,
    placement: Placement,
    by: User,
    new_end: date | None,
    reason: str,
    assessment: str = "",
    context: AuditContext | None = None,
) -> Placement:
    """Move the planned end later. Past the legal maximum for the citizen's target group it needs a
    concrete assessment in words; past the extended maximum it is refused."""
    reason, assessment = (reason or "").strip(), (assessment or "").strip()
    if not reason:
        raise PlacementError(_("Skriv hvorfor forløbet forlænges."), field="reason")
    with transaction.atomic():
        current = _lock(placement, FOLLOW_UP_STATUSES)
        verdict = loop_rules.extension_verdict(
            start=current.start_date,
            current_end=current.planned_end_date,
            new_end=new_end,
            limit=practice_limit_for(current),
        )
        if verdict.error:
            raise PlacementError(verdict.error, field="new_end")
        if verdict.needs_assessment and not assessment:
            raise PlacementError(verdict.warning, field="assessment")
        changes = {"planned_end_date": [_iso(current.planned_end_date), _iso(new_end)]}
        current.planned_end_date = new_end
        current.extension_count += 1
        current.save(update_fields=["planned_end_date", "extension_count"])
        _event(
            current,
            by,
            EventKind.EXTENSION,
            note=reason,
            assessment=assessment if verdict.needs_assessment else "",
            changes=changes,
        )
        audit_log(
            action=AuditAction.PLACEMENT_EXTEND,
            context=context,
            user=by,
            target=current.citizen,
            detail={"placement": current.pk, "weeks": verdict.weeks},
        )
    return current


def activate_due_placements(*, today: date) -> list[int]:
    """Start every agreed placement whose agreed start date has come; the system is the actor."""
    started = []
    for placement in Placement.objects.due_for_activation(today).order_by("start_date", "pk"):
        try:
            placement_transition(
                placement=placement,
                to_status=PlacementStatus.ACTIVE,
                by=None,
                actor_label=SYSTEM_ACTOR,
                start_date=placement.start_date,
                note=_("Startet automatisk på den aftalte startdato."),
                today=today,
            )
        except PlacementError:
            continue  # moved or cancelled meanwhile: the next run sees the truth
        started.append(placement.pk)
    return started
