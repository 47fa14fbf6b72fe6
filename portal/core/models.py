"""The shared base: accounts, jobcenters, Danish reference data and the append-only audit log."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from stdnum.dk import cvr as cvrlib


class Region(models.Model):
    """A Danish region. Regions are data: Hovedstaden and Sjælland merge into Østdanmark in 2027."""

    code = models.CharField(_("regionskode"), max_length=4, primary_key=True)
    name = models.CharField(_("navn"), max_length=60)

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regioner")

    def __str__(self) -> str:
        return self.name


def validate_cvr(value: str) -> None:
    if not cvrlib.is_valid(value):
        raise ValidationError(_("Et CVR-nummer er 8 cifre med gyldigt kontrolciffer."), code="invalid_cvr")


class Municipality(models.Model):
    code = models.CharField(_("kommunekode"), max_length=3, primary_key=True)
    name = models.CharField(_("navn"), max_length=60, unique=True)
    official_name = models.CharField(_("officielt navn"), max_length=80)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")
    # The municipality's own CVR number: SAML sign-in (KOMBIT) names the organisation by it.
    cvr = models.CharField(_("CVR-nummer"), max_length=8, blank=True, validators=[validate_cvr])

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")
        constraints = [
            models.UniqueConstraint(
                fields=["cvr"],
                condition=~Q(cvr=""),
                name="municipality_cvr_unique",
                violation_error_message=_("En anden kommune har allerede dette CVR-nummer."),
            ),
            models.CheckConstraint(
                condition=Q(cvr="") | Q(cvr__regex=r"^[0-9]{8}$"), name="municipality_cvr_8_digits"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Postcode(models.Model):
    number = models.CharField(_("postnummer"), max_length=4, primary_key=True)
    name = models.CharField(_("by"), max_length=60)
    latitude = models.FloatField(_("breddegrad"))
    longitude = models.FloatField(_("længdegrad"))
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="main_postcodes", verbose_name=_("kommune")
    )
    # A postcode can span several municipalities (238 do).
    municipalities = models.ManyToManyField(Municipality, related_name="postcodes", blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("postnummer")
        verbose_name_plural = _("postnumre")

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class IndustrySection(models.Model):
    """DB07 section A–U."""

    code = models.CharField(_("sektion"), max_length=1, primary_key=True)
    name = models.CharField(_("navn"), max_length=200)

    class Meta:
        ordering = ["code"]
        verbose_name = _("branchesektion")
        verbose_name_plural = _("branchesektioner")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Industry(models.Model):
    """DB07 division (hovedgruppe), two digits."""

    code = models.CharField(_("branchekode"), max_length=2, primary_key=True)
    name = models.CharField(_("navn"), max_length=200)
    section = models.ForeignKey(IndustrySection, on_delete=models.PROTECT, related_name="industries")

    class Meta:
        ordering = ["code"]
        verbose_name = _("branche")
        verbose_name_plural = _("brancher")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class CodedChoice(models.Model):
    """A stable slug code with a Danish label: used in forms, CSV files and tests."""

    code = models.SlugField(_("kode"), max_length=40, primary_key=True)
    label = models.CharField(_("betegnelse"), max_length=120)
    description = models.TextField(_("beskrivelse"), blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "label"]

    def __str__(self) -> str:
        return self.label


class TargetGroup(CodedChoice):
    """LAB § 6 target group (dagpenge, kontanthjælp jobparat, ...)."""

    class Meta(CodedChoice.Meta):
        verbose_name = _("målgruppe")
        verbose_name_plural = _("målgrupper")


class PlacementType(CodedChoice):
    """Placement and offer types (virksomhedspraktik, løntilskud, ...). Rules are data, not code."""

    counts_toward_ratio = models.BooleanField(
        _("tæller i rimelighedskravet"),
        default=False,
        help_text=_(
            "Praktik, løntilskud og skånejob bruger af virksomhedens kvote; fleksjob og ordinære timer gør ikke."
        ),
    )
    default_duration_weeks = models.PositiveSmallIntegerField(
        _("standardvarighed i uger"), null=True, blank=True
    )
    follow_up_week = models.PositiveSmallIntegerField(_("opfølgning i uge"), null=True, blank=True)
    follow_up_interval_weeks = models.PositiveSmallIntegerField(
        _("derefter opfølgning hver N. uge"),
        null=True,
        blank=True,
        help_text=_("Tom: ingen faste gentagne opfølgninger (fx skånejob: 52 uger efter den første)."),
    )

    class Meta(CodedChoice.Meta):
        verbose_name = _("forløbstype")
        verbose_name_plural = _("forløbstyper")


class ChallengeArea(CodedChoice):
    """What a citizen struggles with and what an enterprise has experience with."""

    class Meta(CodedChoice.Meta):
        verbose_name = _("udfordring")
        verbose_name_plural = _("udfordringer")


class Jobcenter(models.Model):
    name = models.CharField(_("navn"), max_length=120, unique=True)
    municipalities = models.ManyToManyField(
        Municipality,
        through="JobcenterMunicipality",
        related_name="jobcenters",
        verbose_name=_("kommuner"),
    )
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postcode = models.ForeignKey(
        Postcode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("postnummer"),
    )
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("jobcenter")
        verbose_name_plural = _("jobcentre")

    def __str__(self) -> str:
        return self.name


class JobcenterMunicipality(models.Model):
    """A municipality is served by at most one jobcenter: the unique column says so in SQL.

    The table is the one the plain many-to-many used (migration 0005 keeps it)."""

    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")

    class Meta:
        db_table = "portal_jobcenter_municipalities"
        verbose_name = _("betjent kommune")
        verbose_name_plural = _("betjente kommuner")
        constraints = [
            models.UniqueConstraint(fields=["municipality"], name="municipality_served_by_one_jobcenter"),
        ]

    def __str__(self) -> str:
        return f"{self.jobcenter_id} – {self.municipality_id}"


class Role(models.TextChoices):
    CASEWORKER = "caseworker", _("Sagsbehandler")
    TEAM_LEAD = "team_lead", _("Teamleder")
    ADMIN = "admin", _("Registeradministrator")
    SYSTEM_ADMIN = "systemadministrator", _("Systemadministrator")


# Roles that work inside one jobcenter; the others belong to none.
JOBCENTER_ROLES = (Role.CASEWORKER, Role.TEAM_LEAD)


class User(AbstractUser):
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices, default=Role.CASEWORKER)
    jobcenter = models.ForeignKey(
        Jobcenter,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("jobcenter"),
    )
    # Break-glass accounts may sign in locally even when LOCAL_LOGIN is off (docs/break-glass.md).
    is_break_glass = models.BooleanField(
        _("nødadgang"),
        default=False,
        help_text=_("Må logge ind med lokal adgangskode, også når lokalt login er slået fra."),
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")
        constraints = [
            # Caseworkers and team leads belong to a jobcenter; register and system admins to none.
            models.CheckConstraint(
                condition=Q(is_superuser=True)
                | (Q(role__in=[Role.ADMIN, Role.SYSTEM_ADMIN]) & Q(jobcenter__isnull=True))
                | (Q(role__in=[Role.CASEWORKER, Role.TEAM_LEAD]) & Q(jobcenter__isnull=False)),
                name="user_role_matches_jobcenter",
            )
        ]

    def clean(self) -> None:
        super().clean()
        if self.is_superuser:
            return
        if self.role not in JOBCENTER_ROLES and self.jobcenter_id:
            raise ValidationError(
                {"jobcenter": _("Register- og systemadministratorer hører ikke til et jobcenter.")}
            )
        if self.role in JOBCENTER_ROLES and not self.jobcenter_id:
            raise ValidationError(
                {"jobcenter": _("Sagsbehandlere og teamledere skal høre til et jobcenter.")}
            )

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def sign_in_methods(self) -> list[str]:
        """How this person signs in, for the user list. Local password only, until sign-in through
        the municipality adds its identities (they extend this list)."""
        methods = []
        if self.has_usable_password():
            methods.append(str(_("Lokal adgangskode")))
        if self.is_managed_by_provider:
            methods.append(str(_("Kommunens login")))
        return methods

    @property
    def is_managed_by_provider(self) -> bool:
        """Signs in through the municipality's identity provider (portal/signin): name, e-mail, role and
        jobcenter come from there at every sign-in, so the portal shows them read-only."""
        # .all(), not .exists(): lists prefetch the identities and then ask no query per row.
        return bool(self.external_identities.all())


# The audit log's models live in their own module; imported here last (they refer to User and
# Jobcenter above) so the app registers them and `portal.core.models` stays the one place to import from.
from portal.core.audit_models import (  # noqa: E402, F401  (re-exported)
    AppendOnlyModel,
    AuditAction,
    AuditChainAnchor,
    AuditEvent,
    AuditEventQuerySet,
    AuditSubject,
    LoginThrottle,
    LoginThrottleKind,
)
