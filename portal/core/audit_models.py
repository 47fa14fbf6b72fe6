"""The audit log's tables and the login throttle: append-only rows, guarded in PostgreSQL by triggers.

Re-exported by portal/core/models.py (the app's models module), so imports from there keep working."""

import pgtrigger
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.models import Jobcenter, User


class AuditAction(models.TextChoices):
    """Kinds of audited actions. Not bound to the column, so adding one needs no migration."""

    LOGIN = "login", _("Login")
    LOGIN_FAILED = "login_failed", _("Mislykket login")
    LOGIN_LOCKED = "login_locked", _("Login afvist (låst)")
    LOGIN_THROTTLED = "login_throttled", _("Login afvist (for mange forsøg fra adressen)")
    LOCKOUT_CLEARED = "lockout_cleared", _("Låsning ophævet")
    PASSWORD_CHANGE = "password_change", _("Adgangskode skiftet")
    PASSWORD_SET = "password_set", _("Adgangskode valgt fra invitation")
    MFA_ENROLL = "mfa_enroll", _("Totrinsbekræftelse oprettet")
    USER_INVITE = "user_invite", _("Bruger inviteret")
    USER_UPDATE = "user_update", _("Bruger ændret")
    USER_ROLE_CHANGE = "user_role_change", _("Brugerens rolle ændret")
    USER_DEACTIVATE = "user_deactivate", _("Bruger deaktiveret")
    USER_REACTIVATE = "user_reactivate", _("Bruger genaktiveret")
    JOBCENTER_CREATE = "jobcenter_create", _("Jobcenter oprettet")
    JOBCENTER_UPDATE = "jobcenter_update", _("Jobcenter ændret")
    MUNICIPALITY_CVR = "municipality_cvr", _("Kommunens CVR-nummer ændret")
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
    CPR_KEY_ROTATION = "cpr_key_rotation", _("CPR-nøgle roteret")
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
    ENTERPRISE_MERGE = "enterprise_merge", _("Virksomheder flettet")
    VERIFICATION_REQUEST = "verification_request", _("Bekræftelseslink sendt")
    VERIFICATION_ANSWER = "verification_answer", _("Virksomheden har bekræftet via link")
    VERIFICATION_NEW_LINK = "verification_new_link", _("Virksomheden bad om nyt link")
    VERIFICATION_CONTACT = "verification_contact", _("Kontakt med virksomheden noteret")
    FLYER_PUBLISH = "flyer_publish", _("Flyertekst udgivet")
    FLYER_CONTACT_UPDATE = "flyer_contact_update", _("Flyerens kontaktblok ændret")
    FLYER_SEND = "flyer_send", _("Flyer sendt")
    EXTERNAL_SIGN_IN_REFUSED = "external_sign_in_refused", _("Login via kommunens login afvist")
    USER_PROVISIONED = "user_provisioned", _("Bruger oprettet fra kommunens login")
    USER_SYNCED = "user_synced", _("Bruger opdateret fra kommunens login")
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

    # Set before the insert (not auto_now_add) because the chain hash covers it (portal/core/audit_chain.py).
    at = models.DateTimeField(_("tidspunkt"), default=timezone.now, db_index=True)
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
    # SHA-256 over this event's canonical form and the previous event's hash (portal/core/audit_chain.py).
    chain_hash = models.CharField(_("kædehash"), max_length=64, blank=True, editable=False)

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


class AuditChainAnchor(AppendOnlyModel):
    """Where the hash chain starts after `prune_audit`: the hash of the last pruned event."""

    at = models.DateTimeField(_("tidspunkt"), default=timezone.now)
    pruned_through_id = models.BigIntegerField(_("slettet til og med hændelse"))
    chain_hash = models.CharField(_("kædehash"), max_length=64)

    class Meta:
        ordering = ["-pruned_through_id"]
        verbose_name = _("kædeanker")
        verbose_name_plural = _("kædeankre")

    def __str__(self) -> str:
        return f"#{self.pruned_through_id} {self.chain_hash[:12]}"


class LoginThrottleKind(models.TextChoices):
    ACCOUNT = "account", _("Konto")
    ADDRESS = "address", _("IP-adresse")


class LoginThrottle(models.Model):
    """Failed-login counter for one username (typed, existing or not) or one client address.

    The authentication backend (portal/core/auth_backends.py) locks the account row before it runs the
    password hasher, so parallel guesses queue up behind the lock and see the count of the ones before.
    """

    kind = models.CharField(_("type"), max_length=10, choices=LoginThrottleKind.choices)
    # Lower-cased username or the client's IP address.
    key = models.CharField(_("nøgle"), max_length=150)
    failures = models.PositiveIntegerField(_("mislykkede forsøg"), default=0)
    window_started = models.DateTimeField(_("første forsøg i perioden"))
    # When the account reached the limit; it stays locked LOGIN_LOCKOUT_MINUTES from then.
    locked_at = models.DateTimeField(_("låst fra"), null=True, blank=True)
    last_failure = models.DateTimeField(_("seneste forsøg"), null=True, blank=True)

    class Meta:
        ordering = ["-last_failure"]
        verbose_name = _("loginspærring")
        verbose_name_plural = _("loginspærringer")
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="login_throttle_unique_key")]
        indexes = [models.Index(fields=["locked_at"], name="login_throttle_locked_idx")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"


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
