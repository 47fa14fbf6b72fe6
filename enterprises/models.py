"""The national register of social-economy enterprises, curated by register admins."""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import (
    Exists,
    F,
    OuterRef,
    Q,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from enterprises import ratio as ratio_rule
from portal.core.access import can_curate_register
from portal.core.models import ChallengeArea, Industry, Municipality, PlacementType, Postcode, TargetGroup


class EnterpriseKind(models.TextChoices):
    SOCIAL_ECONOMY = "socialoekonomisk", _("Socialøkonomisk virksomhed")
    SOCIALLY_RESPONSIBLE = "socialt_ansvarlig", _("Socialt ansvarlig virksomhed")


class EnterpriseStatus(models.TextChoices):
    ACTIVE = "active", _("Aktiv")
    PAUSED = "paused", _("Sat på pause")
    ARCHIVED = "archived", _("Arkiveret")


# An entry not verified for this long is marked as stale in lists and on its page.
STALE_AFTER = timedelta(days=365)


class EnterpriseQuerySet(models.QuerySet):
    def active(self) -> "EnterpriseQuerySet":
        return self.filter(status=EnterpriseStatus.ACTIVE)

    def visible_to(self, user) -> "EnterpriseQuerySet":
        """Archived enterprises are for register admins only."""
        return self if can_curate_register(user) else self.exclude(status=EnterpriseStatus.ARCHIVED)

    def in_municipality(self, code: str) -> "EnterpriseQuerySet":
        return self.filter(municipality_id=code)

    def with_usable_places(
        self, placement_type: str | None = None, *, on: date | None = None
    ) -> "EnterpriseQuerySet":
        """Active enterprises with an offer that can take one more person now: a free place and, for
        types that count toward the rimelighedskrav, headroom of at least 1 (a paused enterprise takes
        no one). The SQL twin of `Enterprise.offers_with_ratio()`; one query, no rows loaded."""
        offers = (
            Offer.objects.filter(enterprise=OuterRef("pk"), places__gt=F("places_taken"))
            .alias(headroom=ratio_rule.headroom_sql(Offer.objects.all(), on))
            .filter(~ratio_rule.applies_sql(on) | Q(headroom__gte=1))
        )
        if placement_type:
            offers = offers.filter(placement_type_id=placement_type)
        return self.active().filter(Exists(offers))

    def stale(self) -> "EnterpriseQuerySet":
        """Not verified within the last 12 months (or never)."""
        cutoff = timezone.now() - STALE_AFTER
        return self.filter(Q(last_verified_at__isnull=True) | Q(last_verified_at__lt=cutoff))


class Enterprise(models.Model):
    kind = models.CharField(
        _("type"), max_length=20, choices=EnterpriseKind.choices, default=EnterpriseKind.SOCIAL_ECONOMY
    )
    cvr = models.CharField(_("CVR-nummer"), max_length=8, unique=True)
    p_number = models.CharField(_("P-nummer"), max_length=10, blank=True)
    name = models.CharField(_("navn"), max_length=200)
    description = models.TextField(
        _("beskrivelse"), blank=True, help_text=_("Hvad laver virksomheden, og hvilke arbejdsopgaver er der?")
    )
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postcode = models.ForeignKey(
        Postcode, on_delete=models.PROTECT, related_name="+", verbose_name=_("postnummer")
    )
    # Derived from the postcode, editable where a postcode spans several municipalities.
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="enterprises", verbose_name=_("kommune")
    )
    industry = models.ForeignKey(
        Industry, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("branche")
    )
    website = models.URLField(_("hjemmeside"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)

    rsv_registered = models.BooleanField(_("registreret socialøkonomisk virksomhed (RSV)"), default=False)
    rsv_since = models.DateField(_("RSV-registreret siden"), null=True, blank=True)

    # Support on site.
    has_social_staff = models.BooleanField(_("socialfagligt personale"), default=False)
    has_mentor = models.BooleanField(_("mentor"), default=False)
    has_job_coach = models.BooleanField(_("jobcoach"), default=False)
    wheelchair_access = models.BooleanField(_("kørestolsadgang"), default=False)
    flexible_hours = models.BooleanField(_("fleksible eller korte arbejdstider"), default=False)
    min_hours_per_week = models.PositiveSmallIntegerField(_("fra timer pr. uge"), null=True, blank=True)

    challenge_areas = models.ManyToManyField(
        ChallengeArea, blank=True, related_name="enterprises", verbose_name=_("erfaring med")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="enterprises", verbose_name=_("målgrupper")
    )

    # The ratio rule (rimelighedskravet): ordinary staff as full-time equivalents.
    ordinary_staff_fte = models.DecimalField(
        _("ordinært ansatte (årsværk)"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    other_supported_fte = models.DecimalField(
        _("støttede personer placeret af andre (årsværk)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    rar_dispensation_reference = models.CharField(
        _("RAR-dispensation, reference"), max_length=100, blank=True
    )
    rar_dispensation_until = models.DateField(_("RAR-dispensation gyldig til"), null=True, blank=True)

    status = models.CharField(
        _("status"), max_length=10, choices=EnterpriseStatus.choices, default=EnterpriseStatus.ACTIVE
    )
    last_verified_at = models.DateTimeField(_("sidst verificeret"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verificeret af"),
    )
    verified_source = models.CharField(_("verificeret af (kilde)"), max_length=10, blank=True)
    # An archived duplicate points to the entry it was merged into (enterprises/merge.py).
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_duplicates",
        verbose_name=_("flettet ind i"),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[challenge_areas, target_groups])
    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("virksomhed")
        verbose_name_plural = _("virksomheder")
        constraints = [
            models.CheckConstraint(
                condition=Q(ordinary_staff_fte__gte=0), name="enterprise_staff_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(other_supported_fte__gte=0), name="enterprise_supported_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(status__in=EnterpriseStatus.values), name="enterprise_status_known"
            ),
            models.CheckConstraint(condition=Q(kind__in=EnterpriseKind.values), name="enterprise_kind_known"),
        ]
        indexes = [
            models.Index(fields=["status", "name"], name="enterprise_status_name_idx"),
            models.Index(fields=["municipality", "status"], name="enterprise_municipality_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_stale(self) -> bool:
        return self.last_verified_at is None or self.last_verified_at < timezone.now() - STALE_AFTER

    @property
    def verified_today(self) -> bool:
        return (
            self.last_verified_at is not None
            and timezone.localdate(self.last_verified_at) == timezone.localdate()
        )

    @property
    def is_archived(self) -> bool:
        return self.status == EnterpriseStatus.ARCHIVED

    def rar_dispensation_valid(self, on: date | None = None) -> bool:
        return ratio_rule.dispensation_valid(self.rar_dispensation_until, on)

    def ratio(self, on: date | None = None) -> ratio_rule.RatioStatus:
        """Rimelighedskrav headroom. Prefetch `offers__placement_type` to avoid queries in lists."""
        offers = list(self.offers.all())
        return ratio_rule.ratio_status(
            ordinary_fte=self.ordinary_staff_fte,
            other_supported_fte=self.other_supported_fte,
            taken_by_type={offer.placement_type_id: offer.places_taken for offer in offers},
            counting_types={
                offer.placement_type_id for offer in offers if offer.placement_type.counts_toward_ratio
            },
            skaanejob_exempt=self.rar_dispensation_valid(on),
        )

    def offers_with_ratio(self, on: date | None = None) -> list["Offer"]:
        """The (prefetched) offers, each marked `usable` (can take one more now) and `ratio_blocked`
        (has free places, but the rimelighedskrav is used up). Same answer as `with_usable_places`."""
        status = self.ratio(on)
        offers = list(self.offers.all())
        for offer in offers:
            offer.ratio_blocked = offer.places_free > 0 and status.blocks(
                offer.placement_type_id, offer.placement_type.counts_toward_ratio
            )
            offer.usable = offer.places_free > 0 and not offer.ratio_blocked
        return offers


class Offer(models.Model):
    """What an enterprise offers: a placement type with a number of places."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="offers")
    placement_type = models.ForeignKey(
        PlacementType, on_delete=models.PROTECT, related_name="offers", verbose_name=_("forløbstype")
    )
    places = models.PositiveSmallIntegerField(_("pladser"), default=1)
    # Agreed and active placements of this type. Maintained only by matching's transition service
    # (under a row lock), so lists can filter on free places without counting placements.
    places_taken = models.PositiveSmallIntegerField(_("optaget"), default=0, editable=False)
    hours_min = models.PositiveSmallIntegerField(_("timer pr. uge, fra"), null=True, blank=True)
    hours_max = models.PositiveSmallIntegerField(_("timer pr. uge, til"), null=True, blank=True)
    work_tasks = models.TextField(_("arbejdsopgaver"), blank=True)
    # The day someone (an admin or the enterprise by its link) last said the places figure is right.
    places_confirmed_at = models.DateField(_("pladser bekræftet"), null=True, blank=True)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["placement_type__sort_order"]
        verbose_name = _("tilbud")
        verbose_name_plural = _("tilbud")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "placement_type"], name="offer_one_per_type"),
            models.CheckConstraint(condition=Q(places__gte=0), name="offer_places_not_negative"),
            # Places taken by placements never disappear (rules.places_reason says it in Danish).
            models.CheckConstraint(
                condition=Q(places__gte=F("places_taken")), name="offer_places_cover_taken"
            ),
            models.CheckConstraint(
                condition=Q(hours_min__isnull=True)
                | Q(hours_max__isnull=True)
                | Q(hours_max__gte=F("hours_min")),
                name="offer_hours_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement_type}: {self.places}"

    def save(self, *args, **kwargs) -> None:
        # An edit never writes `places_taken` back: the value read when the form was opened may be
        # stale by now (matching recounts it under a lock). Only inserts and the recount set it.
        if self.pk is not None and not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name for f in self._meta.concrete_fields if not f.primary_key and f.name != "places_taken"
            ]
        super().save(*args, **kwargs)

    @property
    def places_free(self) -> int:
        return max(0, self.places - self.places_taken)


class ContactPerson(models.Model):
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("navn"), max_length=120)
    role = models.CharField(_("rolle"), max_length=120, blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_primary = models.BooleanField(_("primær kontakt"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-is_primary", "name"]
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")

    def __str__(self) -> str:
        return self.name


class CorrectionSource(models.TextChoices):
    PORTAL = "portal", _("fra jobcentret")
    ENTERPRISE = "enterprise", _("fra virksomheden")


class CorrectionStatus(models.TextChoices):
    OPEN = "open", _("Åben")
    ACCEPTED = "accepted", _("Rettet")
    REJECTED = "rejected", _("Afvist")


class CorrectionQuerySet(models.QuerySet):
    def open(self) -> "CorrectionQuerySet":
        return self.filter(status=CorrectionStatus.OPEN)


class CorrectionSuggestion(models.Model):
    """A caseworker's or team lead's note that something in the register is wrong; admins resolve it."""

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("virksomhed")
    )
    text = models.TextField(_("hvad er forkert, og hvad er det rigtige?"), max_length=4000)
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("foreslået af"),
    )
    created_at = models.DateTimeField(_("foreslået"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CorrectionStatus.choices, default=CorrectionStatus.OPEN
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("behandlet af"),
    )
    resolved_at = models.DateTimeField(_("behandlet"), null=True, blank=True)
    resolution_note = models.TextField(_("svar"), blank=True, max_length=2000)
    source = models.CharField(
        _("kilde"), max_length=10, choices=CorrectionSource.choices, default=CorrectionSource.PORTAL
    )
    # Structured changes from the enterprise's confirm page, accepted by an admin field by field:
    # {"description": "...", "target_groups": [...], "challenge_areas": [...], "offers_add": [...],
    #  "offers_remove": [...]}.
    changes = models.JSONField(_("ændringer"), default=dict, blank=True)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("rettelsesforslag")
        verbose_name_plural = _("rettelsesforslag")
        indexes = [models.Index(fields=["status", "created_at"], name="correction_status_idx")]

    def __str__(self) -> str:
        return f"{self.enterprise}: {self.text[:40]}"


# Who confirmed an entry last: an admin in the portal, or the enterprise itself through its link.
class VerifiedSource(models.TextChoices):
    ADMIN = "admin", _("registeradministrator")
    ENTERPRISE = "enterprise", _("virksomheden")


# The verification models live in their own module to keep this one readable.
from enterprises.import_models import ImportJob, ImportStatus  # noqa: E402
from enterprises.verification_models import (  # noqa: E402
    ContactChannel,
    ContactLogEntry,
    EnterpriseReport,
    PublicRateCounter,
    ReportStatus,
    VerificationRequest,
    VerificationState,
)

__all__ = [
    "EnterpriseReport",
    "ReportStatus",
    "ImportJob",
    "ImportStatus",
    "ContactChannel",
    "ContactLogEntry",
    "PublicRateCounter",
    "VerificationRequest",
    "VerificationState",
]
