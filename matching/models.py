"""Placements (forløb) of citizens at enterprises, and their append-only status history."""

from datetime import date

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from matching.status import OPEN, USES_PLACE, PlacementStatus
from portal.core.models import AppendOnlyModel, PlacementType, TargetGroup

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

    def due_for_activation(self, today) -> "PlacementQuerySet":
        """Agreed placements whose agreed start date has come (`manage.py activate_due_placements`)."""
        return self.filter(status=PlacementStatus.AGREED, start_date__lte=today)

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
    # The actual end date: asked for on completion; the cancellation date for cancelled placements.
    ended_on = models.DateField(_("faktisk slutdato"), null=True, blank=True)
    tasks = models.TextField(_("arbejdsopgaver"), blank=True)
    contact = models.ForeignKey(
        "enterprises.ContactPerson",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kontaktperson hos virksomheden"),
    )
    enterprise_info = models.TextField(
        _("oplysninger til virksomheden"),
        blank=True,
        help_text=_("Det, borgeren har sagt ja til, at virksomheden må vide. Står i praktikaftalen."),
    )
    enterprise_info_agreed_on = models.DateField(_("aftalt med borgeren den"), null=True, blank=True)
    extension_count = models.PositiveSmallIntegerField(_("antal forlængelser"), default=0)
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
            # The agenda and reminders: open placements by their next date.
            models.Index(fields=["status", "follow_up_date"], name="placement_follow_up_idx"),
            models.Index(fields=["status", "start_date"], name="placement_start_idx"),
            models.Index(fields=["status", "planned_end_date"], name="placement_planned_end_idx"),
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


class EventKind(models.TextChoices):
    STATUS = "status", _("Statusskift")
    FOLLOW_UP = "follow_up", _("Opfølgning")
    EDIT = "edit", _("Ændring")
    EXTENSION = "extension", _("Forlængelse")


class FollowUpForm(models.TextChoices):
    MEETING = "meeting", _("Møde")
    PHONE = "phone", _("Telefon")
    VISIT = "visit", _("Besøg på virksomheden")


class PlacementEvent(AppendOnlyModel):
    """One status change (or the proposal itself, from_status ""), or a follow-up, edit or extension
    (kind != status: from_status == to_status). Append-only; written by services."""

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
    kind = models.CharField(_("art"), max_length=10, choices=EventKind.choices, default=EventKind.STATUS)
    held_on = models.DateField(_("afholdt den"), null=True, blank=True)
    follow_up_form = models.CharField(_("form"), max_length=10, choices=FollowUpForm.choices, blank=True)
    # Extension: the concrete assessment in words when past the legal maximum (free text: purged).
    assessment = models.TextField(_("konkret vurdering"), blank=True)
    # Old and new values of what changed (dates, hours; no free text about the citizen).
    changes = models.JSONField(_("ændringer"), default=dict, blank=True)

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

    @property
    def new_planned_end(self):
        """An extension's new planned end (stored as ISO text in `changes`), as a date for the page."""
        value = (self.changes or {}).get("planned_end_date")
        return date.fromisoformat(value[1]) if isinstance(value, list) and value[1] else None


class PracticeLimit(models.Model):
    """The legal maximum length of a placement type per target group (LAB § 61 for praktik). Data,
    so a change in the law is a data change; `rules_as_of` says which rules the numbers state."""

    placement_type = models.ForeignKey(
        PlacementType, on_delete=models.CASCADE, related_name="+", verbose_name=_("forløbstype")
    )
    # Empty: every target group without its own row ("øvrige").
    target_group = models.ForeignKey(
        TargetGroup, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    max_weeks = models.PositiveSmallIntegerField(_("højst uger"))
    extended_max_weeks = models.PositiveSmallIntegerField(
        _("højst uger efter konkret vurdering"), null=True, blank=True
    )
    legal_basis = models.CharField(_("hjemmel"), max_length=60)
    rules_as_of = models.DateField(_("regler pr."))

    class Meta:
        verbose_name = _("lovens maksimale varighed")
        verbose_name_plural = _("lovens maksimale varigheder")
        constraints = [
            models.UniqueConstraint(
                fields=["placement_type", "target_group"], name="practice_limit_one_per_group"
            ),
            models.UniqueConstraint(
                fields=["placement_type"],
                condition=Q(target_group__isnull=True),
                name="practice_limit_one_default",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement_type_id}/{self.target_group_id or '*'}: {self.max_weeks}"


class AgendaSettings(models.Model):
    """A user's reminder choice and calendar feed. The feed's token is stored only as a SHA-256 hash:
    it is shown once when made, and making a new one or revoking it kills the old URL."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agenda_settings"
    )
    reminders_enabled = models.BooleanField(_("daglig påmindelse på e-mail"), default=True)
    calendar_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    calendar_token_created_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("indstillinger for Min uge")
        verbose_name_plural = _("indstillinger for Min uge")

    def __str__(self) -> str:
        return f"{self.user_id}"


class ReminderSent(models.Model):
    """One row per user and day a reminder was sent: `send_reminders` sends at most one a day."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("dag"))
    sent_at = models.DateTimeField(_("sendt"), default=timezone.now)
    counts = models.JSONField(_("antal"), default=dict)  # numbers only, never names

    class Meta:
        verbose_name = _("sendt påmindelse")
        verbose_name_plural = _("sendte påmindelser")
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="reminder_once_per_user_day")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.day}"
