"""The legal maximum lengths shipped as data (loaded into `PracticeLimit` by migration 0002 and by the
test fixtures that restore reference data). A change in the law is a new row set with a new date."""

import datetime

RULES_AS_OF = datetime.date(2025, 1, 1)
# LAB § 61 (virksomhedspraktik): (target group code or None for every other group, weeks); up to 26
# weeks after a concrete assessment.
PRAKTIK_LIMITS = [
    ("dagpenge", 4),
    ("kontanthjaelp_jobparat", 4),
    ("dagpenge_dimittend", 8),
    (None, 13),
]
EXTENDED_MAX_WEEKS = 26


def load_practice_limits(apps) -> None:
    """Idempotent, given a migration's `apps` registry (or the real one)."""
    PracticeLimit = apps.get_model("matching", "PracticeLimit")
    if not apps.get_model("portal", "PlacementType").objects.filter(code="virksomhedspraktik").exists():
        return
    for group, weeks in PRAKTIK_LIMITS:
        PracticeLimit.objects.update_or_create(
            placement_type_id="virksomhedspraktik",
            target_group_id=group,
            defaults={
                "max_weeks": weeks,
                "extended_max_weeks": EXTENDED_MAX_WEEKS,
                "legal_basis": "LAB § 61",
                "rules_as_of": RULES_AS_OF,
            },
        )
