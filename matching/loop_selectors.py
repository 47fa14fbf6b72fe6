"""Reads for the placement page's loop section: the forms with their data-driven defaults."""

from django.utils import timezone

from matching import loop_rules
from matching.loop_forms import ExtendForm, FollowUpRecordForm, PlacementEditForm
from matching.loop_services import FOLLOW_UP_STATUSES, practice_limit_for
from matching.models import OPEN_STATUSES, Placement


def default_next_follow_up(placement: Placement, held_on):
    return loop_rules.next_follow_up(
        held_on=held_on,
        interval_weeks=placement.placement_type.follow_up_interval_weeks,
        planned_end=placement.planned_end_date,
    )


def loop_context(placement: Placement, bound: dict) -> dict:
    """Follow-up, edit and extend forms for an open placement (a bound one re-renders with its errors)."""
    if placement.status not in OPEN_STATUSES:
        return {"placement_open": False}
    today = timezone.localdate()
    contacts = list(placement.enterprise.contacts.all())
    context = {
        "placement_open": True,
        "contacts": contacts,
        "edit_form": bound.get("edit")
        or PlacementEditForm(
            contacts=contacts,
            initial={
                "planned_end_date": placement.planned_end_date,
                "hours_per_week": placement.hours_per_week,
                "tasks": placement.tasks,
                "contact": placement.contact_id,
                "enterprise_info": placement.enterprise_info,
                "enterprise_info_agreed_on": placement.enterprise_info_agreed_on,
            },
        ),
    }
    if placement.status in FOLLOW_UP_STATUSES:
        limit = practice_limit_for(placement)
        context["follow_up_form"] = bound.get("follow_up") or FollowUpRecordForm(
            initial={"held_on": today, "next_follow_up": default_next_follow_up(placement, today)}
        )
        context["extend_form"] = bound.get("extend") or ExtendForm()
        context["limit"] = limit
    return context
