"""Writes for placements: propose, move through the status machine, keep `Offer.places_taken` true.

The only code that creates placements, writes `PlacementEvent` rows and updates `places_taken`.
Capacity and the rimelighedskrav are re-checked under a lock on the enterprise row, so two
caseworkers agreeing the last place at the same moment cannot both succeed.
"""

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from citizens.models import Citizen, CitizenStatus
from enterprises import ratio
from enterprises.models import Enterprise, EnterpriseStatus, Offer
from matching import loop_rules, status
from matching.limits import limit_for
from matching.models import (
    PLACE_USING_STATUSES,
    CancelReason,
    Outcome,
    Placement,
    PlacementEvent,
    PlacementStatus,
)
from portal.core.audit import AuditContext, audit_log
from portal.core.models import AuditAction, PlacementType, User


class PlacementError(Exception):
    """A refused write, with a Danish message for the user."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def offer_recount_places(*, enterprise_id: int, placement_type_id: str) -> int:
    """Recount agreed and active placements of this type at this enterprise into `Offer.places_taken`."""
    taken = Placement.objects.filter(
        enterprise_id=enterprise_id, placement_type_id=placement_type_id, status__in=PLACE_USING_STATUSES
    ).count()
    Offer.objects.filter(enterprise_id=enterprise_id, placement_type_id=placement_type_id).update(
        places_taken=taken
    )
    return taken


def _defaults_for(placement_type: PlacementType, start: date | None, target_group_id: str | None) -> dict:
    """Planned end and follow-up from the type; never longer than the law's starting point for the
    citizen's target group (a longer placement is an extension with a concrete assessment)."""
    weeks = placement_type.default_duration_weeks
    limit = limit_for(placement_type_id=placement_type.pk, target_group_id=target_group_id) if weeks else None
    if limit and limit.max_weeks < weeks:
        weeks = limit.max_weeks
    end = status.planned_end(start, weeks)
    return {
        "planned_end_date": end,
        "follow_up_date": loop_rules.first_follow_up(
            start=start, follow_up_week=placement_type.follow_up_week, planned_end=end
        ),
    }


def placement_propose(
    *,
    citizen: Citizen,
    enterprise: Enterprise,
    placement_type: PlacementType,
    by: User,
    purpose: str,
    start_date: date | None = None,
    planned_end_date: date | None = None,
    hours_per_week: int | None = None,
    note: str = "",
    context: AuditContext | None = None,
    at: datetime | None = None,
) -> Placement:
    """Create a proposed placement. Needs the citizen's consent and an enterprise offering the type."""
    purpose = (purpose or "").strip()
    if not purpose:
        raise PlacementError(_("Skriv formålet med forløbet."), field="purpose")
    if not citizen.consent_given:
        raise PlacementError(
            _("Borgeren har ikke givet samtykke til, at oplysninger deles med en virksomhed."),
        )
    if citizen.status == CitizenStatus.CLOSED:
        raise PlacementError(_("Borgerens sag er afsluttet."))
    if enterprise.status != EnterpriseStatus.ACTIVE:
        raise PlacementError(_("Virksomheden tager ikke imod borgere lige nu."))
    if not Offer.objects.filter(enterprise=enterprise, placement_type=placement_type).exists():
        raise PlacementError(
            _("Virksomheden tilbyder ikke %(type)s.") % {"type": placement_type.label.lower()},
            field="placement_type",
        )
    defaults = _defaults_for(placement_type, start_date, citizen.target_group_id)
    if planned_end_date:
        defaults["planned_end_date"] = planned_end_date
    if start_date and defaults["planned_end_date"] and defaults["planned_end_date"] < start_date:
        raise PlacementError(_("Slutdatoen ligger før startdatoen."), field="planned_end_date")
    now = at or timezone.now()
    with transaction.atomic():
        # The same row lock the close service takes: a case cannot close while a proposal is being made.
        locked = Citizen.objects.select_for_update().only("status").get(pk=citizen.pk)
        if locked.status == CitizenStatus.CLOSED:
            raise PlacementError(_("Borgerens sag er afsluttet."))
        try:
            with transaction.atomic():
                placement = Placement.objects.create(
                    citizen=citizen,
                    enterprise=enterprise,
                    placement_type=placement_type,
                    purpose=purpose,
                    start_date=start_date,
                    hours_per_week=hours_per_week if hours_per_week is not None else citizen.hours_per_week,
                    created_by=by,
                    created_at=now,
                    status_changed_at=now,
                    **defaults,
                )
        except IntegrityError as exc:
            raise PlacementError(_("Borgeren har allerede et åbent forløb hos denne virksomhed.")) from exc
        PlacementEvent.objects.create(
            placement=placement,
            at=now,
            by=by,
            by_label=by.display_name if by else "",
            from_status="",
            to_status=PlacementStatus.PROPOSED,
            note=note,
        )
        audit_log(
            action=AuditAction.PLACEMENT_CREATE,
            context=context,
            user=by,
            target=citizen,
            detail={"placement": placement.pk, "enterprise": enterprise.pk, "type": placement_type.pk},
        )
    return placement


def _check_capacity(*, enterprise: Enterprise, placement_type: PlacementType, exclude_pk: int) -> None:
    """Under the enterprise lock: a free place of this type and, where it applies, quota headroom."""
    taken = dict(
        Placement.objects.filter(enterprise=enterprise, status__in=PLACE_USING_STATUSES)
        .exclude(pk=exclude_pk)
        .values_list("placement_type_id")
        .annotate(n=Count("id"))
    )
    offer = Offer.objects.filter(enterprise=enterprise, placement_type=placement_type).first()
    if offer is None:
        raise PlacementError(_("Virksomheden tilbyder ikke længere denne forløbstype."))
    if taken.get(placement_type.pk, 0) >= offer.places:
        raise PlacementError(
            _(
                "Der er ikke længere en ledig plads (%(type)s) hos %(name)s. "
                "En kollega har måske netop aftalt den sidste plads."
            )
            % {"type": placement_type.label.lower(), "name": enterprise.name}
        )
    exempt = enterprise.rar_dispensation_valid()
    if ratio.applies(placement_type.pk, placement_type.counts_toward_ratio, exempt):
        counting = set(PlacementType.objects.filter(counts_toward_ratio=True).values_list("code", flat=True))
        status_now = ratio.ratio_status(
            ordinary_fte=enterprise.ordinary_staff_fte,
            other_supported_fte=enterprise.other_supported_fte,
            taken_by_type=taken,
            counting_types=counting,
            skaanejob_exempt=exempt,
        )
        if not status_now.can_take_one_more:
            raise PlacementError(
                _("Rimelighedskravet er opbrugt hos %(name)s: %(sentence)s")
                % {"name": enterprise.name, "sentence": status_now.sentence()}
            )


def _validate_move(placement: Placement, to_status: str, reason: str | None, outcome: str | None) -> None:
    if not status.can_move(placement.status, to_status):
        raise PlacementError(
            _("Forløbet kan ikke gå fra %(from)s til %(to)s.")
            % {
                "from": PlacementStatus(placement.status).label.lower(),
                "to": PlacementStatus(to_status).label.lower()
                if to_status in PlacementStatus.values
                else to_status,
            }
        )
    if to_status in status.NEEDS_REASON and reason not in CancelReason.values:
        raise PlacementError(_("Vælg en årsag til annulleringen."), field="reason")
    if to_status in status.NEEDS_OUTCOME and outcome not in Outcome.values:
        raise PlacementError(_("Vælg forløbets resultat."), field="outcome")
    if to_status in status.NEEDS_OUTCOME and outcome == Outcome.EXTENDED:
        raise PlacementError(
            _("Et forløb forlænges med handlingen Forlæng, ikke ved at afslutte det."), field="outcome"
        )


def _check_dates(
    placement: Placement, to_status: str, start_date: date | None, ended_on: date | None, today: date
) -> date | None:
    """Agreed: any start date (also in the future: `activate_due_placements` starts it on the day).
    Active: never in the future. Completed: an actual end date between the start and today.

    Returns the start date to set (agreed, active), or None to keep it.
    """
    if to_status == PlacementStatus.AGREED:
        return start_date or placement.start_date
    if to_status == PlacementStatus.ACTIVE:
        # Pressing "start" means the citizen has begun: empty is today, even before the agreed date.
        new_start = start_date or today
        if new_start > today:
            raise PlacementError(
                _(
                    "Startdatoen %(date)s ligger i fremtiden. Et forløb kan kun startes med en startdato "
                    "i dag eller tidligere; start det, når borgeren er begyndt."
                )
                % {"date": date_format(new_start, "j. F Y")},
                field="start_date",
            )
        return new_start
    if to_status == PlacementStatus.COMPLETED:
        if placement.start_date and placement.start_date > today:
            raise PlacementError(
                _("Forløbet kan først afsluttes fra startdatoen %(date)s.")
                % {"date": date_format(placement.start_date, "j. F Y")},
            )
        error = loop_rules.actual_end_error(actual_end=ended_on, start=placement.start_date, today=today)
        if error:
            raise PlacementError(error, field="ended_on")
    return None


def placement_transition(
    *,
    placement: Placement,
    to_status: str,
    by: User,
    note: str = "",
    reason: str | None = None,
    outcome: str | None = None,
    start_date: date | None = None,
    ended_on: date | None = None,
    context: AuditContext | None = None,
    at: datetime | None = None,
    today: date | None = None,
    actor_label: str = "",
) -> Placement:
    """Move a placement one step; writes the event, keeps `places_taken` true, audits the move.

    `by` is None and `actor_label` names the system for automatic moves (`activate_due_placements`);
    `today` lets that command run for a given day without touching the clock.
    """
    now = at or timezone.now()
    with transaction.atomic():
        # Lock order: enterprise first (capacity and quota are per enterprise), then the placement.
        enterprise = Enterprise.objects.select_for_update().get(pk=placement.enterprise_id)
        current = (
            Placement.objects.select_for_update(of=("self",))
            .select_related("placement_type", "citizen")
            .get(pk=placement.pk)
        )
        _validate_move(current, to_status, reason, outcome)
        from_status = current.status
        if status.starts_using_place(from_status, to_status):
            if enterprise.status != EnterpriseStatus.ACTIVE:
                raise PlacementError(
                    _("%(name)s tager ikke imod borgere lige nu (%(status)s).")
                    % {"name": enterprise.name, "status": enterprise.get_status_display().lower()}
                )
            _check_capacity(
                enterprise=enterprise, placement_type=current.placement_type, exclude_pk=current.pk
            )
        today = today or timezone.localdate(now)
        new_start = _check_dates(current, to_status, start_date, ended_on, today)
        current.status = to_status
        current.status_changed_at = now
        if new_start and new_start != current.start_date:
            current.start_date = new_start
            for name, value in _defaults_for(
                current.placement_type, new_start, current.citizen.target_group_id
            ).items():
                setattr(current, name, value)
        if to_status == PlacementStatus.COMPLETED:
            current.outcome = outcome
            current.ended_on = ended_on
        if to_status == PlacementStatus.CANCELLED:
            current.cancel_reason = reason
            current.ended_on = today
        current.save()
        PlacementEvent.objects.create(
            placement=current,
            at=now,
            by=by,
            by_label=by.display_name if by else actor_label,
            from_status=from_status,
            to_status=to_status,
            note=note or "",
            reason=(reason or "") if to_status == PlacementStatus.CANCELLED else "",
            outcome=(outcome or "") if to_status == PlacementStatus.COMPLETED else "",
        )
        if status.starts_using_place(from_status, to_status) or status.stops_using_place(
            from_status, to_status
        ):
            offer_recount_places(enterprise_id=enterprise.pk, placement_type_id=current.placement_type_id)
        audit_log(
            action=AuditAction.PLACEMENT_TRANSITION,
            context=context,
            user=by,
            actor_label=actor_label,
            target=current.citizen,
            jobcenter=None if by else current.citizen.jobcenter,
            detail={"placement": current.pk, "from": from_status, "to": to_status},
        )
    placement.refresh_from_db()
    return placement
