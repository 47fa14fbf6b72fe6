"""Citizen case records, scoped to one jobcenter. CPR numbers are confidential: see `citizens/cpr.py`."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citizens.cpr import mask
from citizens.rules import age_on, consent_errors
from portal.core.models import ChallengeArea, Industry, Jobcenter, PlacementType, Postcode, TargetGroup


class CitizenStatus(models.TextChoices):
    ACTIVE = "active", _("Aktiv")
    PAUSED = "paused", _("Sat på pause")
    CLOSED = "closed", _("Afsluttet")


class ConsentMethod(models.TextChoices):
    SIGNED = "signed", _("Underskrevet")
    VERBAL = "verbal", _("Mundtligt")
    DIGITAL = "digital", _("Digitalt")


class CitizenQuerySet(models.QuerySet):
    def open(self) -> "CitizenQuerySet":
        return self.exclude(status=CitizenStatus.CLOSED)

    def of_caseworker(self, user) -> "CitizenQuerySet":
        return self.filter(caseworker=user)

    def closed(self) -> "CitizenQuerySet":
        return self.filter(status=CitizenStatus.CLOSED)

    def not_anonymised(self) -> "CitizenQuerySet":
        return self.filter(anonymised_at__isnull=True)

    def closed_before(self, day) -> "CitizenQuerySet":
        """Closed cases whose closing date lies before `day` (retention)."""
        return self.closed().filter(closed_at__lt=day)

    def name_matches(self, text: str) -> "CitizenQuerySet":
        """Every word must occur in the first or last name (case-insensitive)."""
        qs = self
        for word in text.split():
            qs = qs.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
        return qs

    def with_cpr_hash(self, *cpr_hashes: str) -> "CitizenQuerySet":
        return self.filter(cpr_hash__in=cpr_hashes)

    def for_list(self) -> "CitizenQuerySet":
        """What a list row shows: related names in the same query, wide text columns left out."""
        return self.select_related("caseworker", "target_group", "postcode").defer(
            "cpr_encrypted", "competences", "considerations", "closed_reason"
        )


DUPLICATE_CPR_CODE = "duplicate_cpr"
DUPLICATE_CPR_MESSAGE = _(
    "Der findes allerede en sag med dette CPR-nummer i jobcentret. Søg den frem i stedet."
)


class Citizen(models.Model):
    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.PROTECT, related_name="citizens")
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="citizens",
        verbose_name=_("sagsbehandler"),
    )
    # CPR: encrypted at rest (Fernet), a keyed hash (HMAC-SHA256) for exact search and duplicates,
    # and the birth date for age and the masked display. The number itself is never stored in clear.
    cpr_encrypted = models.TextField(_("CPR-nummer (krypteret)"), blank=True)
    cpr_hash = models.CharField(_("CPR-søgenøgle"), max_length=64, blank=True, db_index=True)
    birth_date = models.DateField(_("fødselsdato"), null=True, blank=True)

    first_name = models.CharField(_("fornavn"), max_length=100)
    last_name = models.CharField(_("efternavn"), max_length=100)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    postcode = models.ForeignKey(
        Postcode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("postnummer"),
    )
    target_group = models.ForeignKey(
        TargetGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("målgruppe"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CitizenStatus.choices, default=CitizenStatus.ACTIVE
    )
    closed_at = models.DateField(_("afsluttet den"), null=True, blank=True)
    closed_reason = models.CharField(_("årsag til afslutning"), max_length=200, blank=True)

    max_travel_km = models.PositiveSmallIntegerField(
        _("maks. transport (km)"), default=20, validators=[MinValueValidator(1), MaxValueValidator(300)]
    )
    hours_per_week = models.PositiveSmallIntegerField(
        _("timer pr. uge"), null=True, blank=True, validators=[MaxValueValidator(37)]
    )
    wanted_placement_types = models.ManyToManyField(
        PlacementType, blank=True, related_name="+", verbose_name=_("ønskede forløbstyper")
    )
    preferred_industries = models.ManyToManyField(
        Industry, blank=True, related_name="+", verbose_name=_("foretrukne brancher")
    )
    competences = models.TextField(_("kompetencer og interesser"), blank=True)
    # Sensitive personal data: same protection as the rest of the case.
    challenge_areas = models.ManyToManyField(
        ChallengeArea, blank=True, related_name="+", verbose_name=_("udfordringer")
    )
    considerations = models.TextField(_("skånehensyn"), blank=True)
    needs_social_support = models.BooleanField(_("behov for socialfaglig støtte"), default=False)
    needs_mentor = models.BooleanField(_("behov for mentor"), default=False)

    consent_given = models.BooleanField(_("samtykke til at dele oplysninger med virksomhed"), default=False)
    consent_method = models.CharField(
        _("samtykke givet"), max_length=10, choices=ConsentMethod.choices, blank=True
    )
    consent_date = models.DateField(_("samtykkedato"), null=True, blank=True)

    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    anonymised_at = models.DateTimeField(_("anonymiseret"), null=True, blank=True)

    objects = CitizenQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("borger")
        verbose_name_plural = _("borgere")
        constraints = [
            # One case per CPR number in a jobcenter (anonymised cases have no hash).
            models.UniqueConstraint(
                fields=["jobcenter", "cpr_hash"],
                condition=~Q(cpr_hash=""),
                name="citizen_unique_cpr_per_jobcenter",
                violation_error_code=DUPLICATE_CPR_CODE,
                violation_error_message=DUPLICATE_CPR_MESSAGE,
            ),
            models.CheckConstraint(
                condition=~Q(status=CitizenStatus.CLOSED) | Q(closed_at__isnull=False),
                name="citizen_closed_has_date",
            ),
            models.CheckConstraint(
                condition=Q(status=CitizenStatus.CLOSED) | Q(closed_at__isnull=True),
                name="citizen_open_has_no_closing_date",
            ),
            models.CheckConstraint(condition=Q(status__in=CitizenStatus.values), name="citizen_status_known"),
            # A consent is recorded with how and when (rules.consent_errors), and nothing without one.
            models.CheckConstraint(
                condition=Q(consent_given=True, consent_date__isnull=False) & ~Q(consent_method="")
                | Q(consent_given=False, consent_date__isnull=True, consent_method=""),
                name="citizen_consent_complete",
            ),
        ]
        indexes = [
            models.Index(fields=["jobcenter", "caseworker", "status"], name="citizen_scope_idx"),
            # The list's order (name, then id for stable pages) straight from the index.
            models.Index(
                fields=["jobcenter", "last_name", "first_name", "id"], name="citizen_name_order_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def clean(self) -> None:
        if not self.consent_given:
            self.consent_method, self.consent_date = "", None
        errors = consent_errors(
            given=self.consent_given,
            method=self.consent_method,
            day=self.consent_date,
            today=timezone.localdate(),
        )
        if errors:
            raise ValidationError(errors)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def cpr_masked(self) -> str:
        """`DDMMYY-XXXX`: shown everywhere instead of the number (revealing it is audited)."""
        if self.anonymised_at is not None:
            return "–"
        return mask(self.birth_date)

    @property
    def age(self) -> int | None:
        return age_on(self.birth_date, timezone.localdate())

    @property
    def is_closed(self) -> bool:
        return self.status == CitizenStatus.CLOSED

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None


class NoteKind(models.TextChoices):
    NOTE = "note", _("Notat")
    MEETING = "meeting", _("Møde")
    PHONE = "phone", _("Telefonsamtale")


class CaseNote(models.Model):
    citizen = models.ForeignKey(Citizen, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("type"), max_length=10, choices=NoteKind.choices, default=NoteKind.NOTE)
    text = models.TextField(_("tekst"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notat")
        verbose_name_plural = _("notater")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%d-%m-%Y}"
