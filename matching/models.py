"""Placements (forløb) of citizens at enterprises, and their append-only status history."""

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from matching.status import OPEN, USES_PLACE, PlacementStatus
from portal.core.models import AppendOnlyModel, PlacementType

# Statuses in which a placement is still open (one open placement per citizen and enterprise), and
# those that use one of the enterprise's places (and its rimelighedskrav quota).
OPEN_STATUSES = OPEN
PLACE_USING_STATUSES = USES_PLACE


class CancelReason(models.TextChoices):
    DECLINED_BY_CITIZEN = "declined_by_citizen", _("Borgeren takkede nej")
    DECLINED_BY_ENTERPRISE = "declined_by_enterprise", _("Virksomheden takkede nej")
    NO_CAPACITY = "no_capacity", _("Ingen ledig plads")
    OTHER = "other", _("Andet")


class Outcome(models.TextChoices):
    ORDINARY_JOB = "ordinary_job", _("Ordinært job")
    SUBSIDISED_JOB = "subsidised_job", _("Job med løntilskud")
    FLEKSJOB = "fleksjob", _("Fleksjob")
    EDUCATION = "education", _("Uddannelse")
    EXTENDED = "extended", _("Forlænget forløb")
    NO_PROGRESS = "no_progress", _("Ingen progression")
    DROPPED_OUT = "dropped_out", _("Afbrudt")


# Outcomes that count as "into job or education" in statistics and the track record.
GOOD_OUTCOMES = (
    Outcome.ORDINARY_JOB,
    Outcome.SUBSIDISED_JOB,
    Outcome.FLEKSJOB,
    Outcome.EDUCATION,
)


class PlacementQuerySet(models.QuerySet):
    def open(self) -> "PlacementQuerySet":
        return self.filter(status__in=OPEN_STATUSES)

    def stale(self, days: int = 14) -> "PlacementQuerySet":
        """Proposed or contacted, and nothing has happened for `days` days."""
        cutoff = timezone.now() - timezone.timedelta(days=days)
        return self.filter(
            status__in=[PlacementStatus.PROPOSED, PlacementStatus.CONTACTED], status_changed_at__lt=cutoff
        )

    def follow_up_overdue(self, today=None) -> "PlacementQuerySet":
        today = today or timezone.localdate()
        return self.filter(status=PlacementStatus.ACTIVE, follow_up_date__lt=today)

    def of_caseworker(self, user) -> "PlacementQuerySet":
        return self.filter(citizen__caseworker=user)


class Placement(models.Model):
    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.PROTECT, related_name="placements", verbose_name=_("borger")
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.PROTECT,
        related_name="placements",
        verbose_name=_("virksomhed"),
    )
    placement_type = models.ForeignKey(
        PlacementType, on_delete=models.PROTECT, related_name="+", verbose_name=_("forløbstype")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PlacementStatus.choices, default=PlacementStatus.PROPOSED
    )
    purpose = models.TextField(
        _("formål"), help_text=_("Hvad skal forløbet føre til? Fx afklaring af arbejdsevne eller job.")
    )
    start_date = models.DateField(_("startdato"), null=True, blank=True)
    planned_end_date = models.DateField(_("planlagt slutdato"), null=True, blank=True)
    follow_up_date = models.DateField(_("opfølgningsdato"), null=True, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(_("timer pr. uge"), null=True, blank=True)
    outcome = models.CharField(_("resultat"), max_length=20, choices=Outcome.choices, blank=True)
    cancel_reason = models.CharField(
        _("årsag til annullering"), max_length=30, choices=CancelReason.choices, blank=True
    )
    ended_on = models.DateField(_("afsluttet den"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    created_at = models.DateTimeField(_("foreslået"), default=timezone.now)
    status_changed_at = models.DateTimeField(_("status ændret"), default=timezone.now)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        ordering = ["-status_changed_at", "-id"]
        verbose_name = _("forløb")
        verbose_name_plural = _("forløb")
        constraints = [
            models.UniqueConstraint(
                fields=["citizen", "enterprise"],
                condition=Q(status__in=OPEN_STATUSES),
                name="placement_one_open_per_citizen_enterprise",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(planned_end_date__isnull=True)
                | Q(planned_end_date__gte=F("start_date")),
                name="placement_end_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status=PlacementStatus.COMPLETED) | ~Q(outcome=""),
                name="placement_completed_has_outcome",
            ),
            models.CheckConstraint(
                condition=~Q(status=PlacementStatus.CANCELLED) | ~Q(cancel_reason=""),
                name="placement_cancelled_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[c.value for c in PlacementStatus]), name="placement_status_known"
            ),
        ]
        indexes = [
            models.Index(fields=["enterprise", "placement_type", "status"], name="placement_capacity_idx"),
            models.Index(fields=["status", "status_changed_at"], name="placement_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.placement_type} – {self.enterprise}"

    def is_stale(self, days: int = 14) -> bool:
        return self.status in (
            PlacementStatus.PROPOSED,
            PlacementStatus.CONTACTED,
        ) and self.status_changed_at < timezone.now() - timezone.timedelta(days=days)

    def is_follow_up_overdue(self) -> bool:
        return (
            self.status == PlacementStatus.ACTIVE
            and self.follow_up_date is not None
            and self.follow_up_date < timezone.localdate()
        )


class PlacementEvent(AppendOnlyModel):
    """One status change (or the proposal itself, from_status ""). Append-only; written by services."""

    # PROTECT: history is never deleted with its placement or user (users are deactivated instead).
    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(_("tidspunkt"), default=timezone.now, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("af")
    )
    by_label = models.CharField(_("af (navn)"), max_length=150, blank=True)
    from_status = models.CharField(_("fra"), max_length=10, choices=PlacementStatus.choices, blank=True)
    to_status = models.CharField(_("til"), max_length=10, choices=PlacementStatus.choices)
    note = models.TextField(_("notat"), blank=True)
    reason = models.CharField(_("årsag"), max_length=30, choices=CancelReason.choices, blank=True)
    outcome = models.CharField(_("resultat"), max_length=20, choices=Outcome.choices, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("forløbshændelse")
        verbose_name_plural = _("forløbshændelser")
        # PostgreSQL refuses UPDATE and DELETE; the one sanctioned writer is the purge's note eraser
        # (matching/citizen_data.py), through `pgtrigger.ignore`.
        triggers = [
            pgtrigger.Protect(
                name="placement_event_append_only", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return f"{self.from_status or '–'} → {self.to_status}"
