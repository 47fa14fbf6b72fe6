"""Reads of the legal maximum length (`PracticeLimit` data) for a placement's type and citizen."""

from django.db.models import F, Q

from matching import loop_rules
from matching.models import Placement, PracticeLimit


def limit_for(*, placement_type_id: str, target_group_id: str | None) -> loop_rules.Limit | None:
    """The row for the citizen's target group, else the type's row for all other groups, else None."""
    row = (
        PracticeLimit.objects.filter(placement_type_id=placement_type_id)
        .filter(Q(target_group_id=target_group_id) | Q(target_group__isnull=True))
        .order_by(F("target_group").asc(nulls_last=True))
        .first()
    )
    if row is None:
        return None
    return loop_rules.Limit(row.max_weeks, row.extended_max_weeks, row.legal_basis, row.rules_as_of)


def practice_limit_for(placement: Placement) -> loop_rules.Limit | None:
    """The legal maximum for this placement's type and the citizen's target group (or "others")."""
    return limit_for(
        placement_type_id=placement.placement_type_id, target_group_id=placement.citizen.target_group_id
    )
