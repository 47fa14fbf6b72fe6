"""The shared base: accounts, jobcenters, Danish reference data and the append-only audit log."""

import pgtrigger
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


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


class Municipality(models.Model):
    code = models.CharField(_("kommunekode"), max_length=3, primary_key=True)
    name = models.CharField(_("navn"), max_length=60, unique=True)
    official_name = models.CharField(_("officielt navn"), max_length=80)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")

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
        Municipality, related_name="jobcenters", verbose_name=_("kommuner")
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


class Role(models.TextChoices):
    CASEWORKER = "caseworker", _("Sagsbehandler")
    TEAM_LEAD = "team_lead", _("Teamleder")
    ADMIN = "admin", _("Registeradministrator")


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

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")
        constraints = [
            # Caseworkers and team leads belong to a jobcenter; register admins to none.
            models.CheckConstraint(
                condition=Q(is_superuser=True)
                | Q(role=Role.ADMIN, jobcenter__isnull=True)
                | (Q(role__in=[Role.CASEWORKER, Role.TEAM_LEAD]) & Q(jobcenter__isnull=False)),
                name="user_role_matches_jobcenter",
            )
        ]

    def clean(self) -> None:
        super().clean()
        if self.is_superuser:
            return
        if self.role == Role.ADMIN and self.jobcenter_id:
            raise ValidationError({"jobcenter": _("En registeradministrator hører ikke til et jobcenter.")})
        if self.role != Role.ADMIN and not self.jobcenter_id:
            raise ValidationError(
                {"jobcenter": _("Sagsbehandlere og teamledere skal høre til et jobcenter.")}
            )

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class AuditAction(models.TextChoices):
    """Kinds of audited actions. Not bound to the column, so adding one needs no migration."""

    LOGIN = "login", _("Login")
    LOGIN_FAILED = "login_failed", _("Mislykket login")
    LOGIN_LOCKED = "login_locked", _("Login afvist (låst)")
    LOGOUT = "logout", _("Log ud")
    CITIZEN_LIST = "citizen_list", _("Borgerliste vist")
    CITIZEN_SEARCH = "citizen_search", _("Borgersøgning")
    CITIZEN_VIEW = "citizen_view", _("Borgersag læst")
    CITIZEN_CREATE = "citizen_create", _("Borgersag oprettet")
    CITIZEN_UPDATE = "citizen_update", _("Borgersag ændret")
    CITIZEN_NOTE = "citizen_note", _("Notat tilføjet")
    CITIZEN_CLOSE = "citizen_close", _("Sag afsluttet")
    CITIZEN_REOPEN = "citizen_reopen", _("Sag genåbnet")
    CITIZEN_REASSIGN = "citizen_reassign", _("Sag flyttet til anden sagsbehandler")
    CPR_REVEAL = "cpr_reveal", _("CPR-nummer vist")
    CITIZEN_EXPORT = "citizen_export", _("Dataudtræk (indsigt)")
    CITIZEN_ACCESS_REPORT = "citizen_access_report", _("Adgangsrapport hentet")
    CITIZEN_PURGE = "citizen_purge", _("Sag anonymiseret")
    MATCH_VIEW = "match_view", _("Matchforslag vist")
    PLACEMENT_CREATE = "placement_create", _("Forløb foreslået")
    PLACEMENT_TRANSITION = "placement_transition", _("Forløb ændret status")
    PLACEMENT_LIST = "placement_list", _("Forløbsliste vist")
    PLACEMENT_VIEW = "placement_view", _("Forløb læst")
    ENTERPRISE_CREATE = "enterprise_create", _("Virksomhed oprettet")
    ENTERPRISE_UPDATE = "enterprise_update", _("Virksomhed ændret")
    ENTERPRISE_ARCHIVE = "enterprise_archive", _("Virksomhed arkiveret")
    ENTERPRISE_RESTORE = "enterprise_restore", _("Virksomhed genoprettet")
    ENTERPRISE_VERIFY = "enterprise_verify", _("Virksomhed verificeret")
    ENTERPRISE_IMPORT = "enterprise_import", _("Virksomheder importeret")
    CORRECTION_SUGGEST = "correction_suggest", _("Rettelse foreslået")
    CORRECTION_RESOLVE = "correction_resolve", _("Rettelse behandlet")
    FLYER_PUBLISH = "flyer_publish", _("Flyertekst udgivet")
    FLYER_CONTACT_UPDATE = "flyer_contact_update", _("Flyerens kontaktblok ændret")
    FLYER_SEND = "flyer_send", _("Flyer sendt")
    # Security events (no jobcenter: seen by system administrators, for now superusers).
    ACCESS_REFUSED = "access_refused", _("Adgang nægtet til andet jobcenters sag")
    PLACEMENT_FOLLOW_UP = "placement_follow_up", _("Opfølgning registreret")
    PLACEMENT_EDIT = "placement_edit", _("Forløb redigeret")
    PLACEMENT_EXTEND = "placement_extend", _("Forløb forlænget")
    PLACEMENT_AGREEMENT = "placement_agreement", _("Praktikaftale hentet")
    AGENDA_VIEW = "agenda_view", _("Min uge vist")


class AppendOnlyModel(models.Model):
    """Rows that are written once and never edited or deleted one by one (history, audit)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError(f"{type(self).__name__} rows are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(f"{type(self).__name__} rows are append-only.")


class AuditEventQuerySet(models.QuerySet):
    def for_jobcenter(self, jobcenter: Jobcenter) -> "AuditEventQuerySet":
        return self.filter(jobcenter=jobcenter)

    def about(self, target_type: str, target_id: int) -> "AuditEventQuerySet":
        return self.filter(target_type=target_type, target_id=target_id)

    def naming_citizen(self, citizen_id: int) -> "AuditEventQuerySet":
        """Every event naming the citizen, newest first, through the subject rows' primary key
        (citizen_id, event_id). Ordered by id, which is insertion order and so time order (`at` is set
        on insert): PostgreSQL then reads the citizen's newest subject rows straight off that index,
        where ordering by `at` can make it walk the whole log looking for them."""
        return self.filter(subjects__citizen_id=citizen_id).order_by("-id")


class AuditEvent(AppendOnlyModel):
    """Who did what to which object, when and from where. Pruned in bulk by `manage.py prune_audit`."""

    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)
    # PROTECT: users and jobcenters are deactivated, never deleted, and the log must not change.
    actor = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("bruger")
    )
    # The username as typed (failed logins) or as it was when the event was written.
    actor_label = models.CharField(_("brugernavn"), max_length=150, blank=True)
    action = models.CharField(_("handling"), max_length=40, db_index=True)
    # Empty for events no jobcenter owns: logins, and refused access to another jobcenter's case
    # (security events, shown to superusers and system administrators).
    jobcenter = models.ForeignKey(
        Jobcenter,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("jobcenter"),
    )
    target_type = models.CharField(_("objekttype"), max_length=40, blank=True)
    target_id = models.BigIntegerField(_("objekt-id"), null=True, blank=True)
    # Extra facts (ids shown in a list, search criteria). Never a CPR number.
    detail = models.JSONField(_("detaljer"), default=dict, blank=True)
    ip = models.GenericIPAddressField(_("IP-adresse"), null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("logpost")
        verbose_name_plural = _("log")
        indexes = [
            models.Index(fields=["target_type", "target_id", "at"], name="audit_target_idx"),
            models.Index(fields=["jobcenter", "at"], name="audit_jobcenter_idx"),
            models.Index(fields=["actor_label", "action", "at"], name="audit_login_idx"),
        ]
        # The database itself refuses to change history (PostgreSQL); only `prune_audit` may delete,
        # through `pgtrigger.ignore` (portal/core/audit.py: audit_prune).
        triggers = [
            pgtrigger.Protect(name="audit_event_append_only", operation=pgtrigger.Update | pgtrigger.Delete)
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    @property
    def action_label(self) -> str:
        try:
            return AuditAction(self.action).label
        except ValueError:
            return self.action


class AuditSubject(models.Model):
    """One citizen an audit event is about (the case read, or each citizen shown on a list page).

    Written only by `portal.core.audit.audit_log`; the access report and the `/audit/` citizen filter
    join through it instead of scanning events. `citizen_id` is a plain column, not a foreign key:
    the base package knows no app, and a citizen's read history outlives anonymisation anyway."""

    pk = models.CompositePrimaryKey("citizen_id", "event")
    citizen_id = models.BigIntegerField(_("borger-id"))
    event = models.ForeignKey(AuditEvent, on_delete=models.PROTECT, related_name="subjects")

    class Meta:
        verbose_name = _("logpostens borger")
        verbose_name_plural = _("logposternes borgere")
        triggers = [
            pgtrigger.Protect(name="audit_subject_append_only", operation=pgtrigger.Update | pgtrigger.Delete)
        ]

    def __str__(self) -> str:
        return f"{self.event_id} → {self.citizen_id}"
