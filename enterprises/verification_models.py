"""Verification of the register by the enterprises themselves: signed links (stored only as a hash),
the admins' contact log, and the database-stored counters behind the public pages' rate limits."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class VerificationState(models.TextChoices):
    REQUESTED = "requested", _("Afventer svar")
    ANSWERED = "answered", _("Besvaret")
    NO_ANSWER = "no_answer", _("Intet svar – ring op")
    BOUNCED = "bounced", _("E-mail kom retur – ring op")
    REVOKED = "revoked", _("Tilbagekaldt")


# States that need an admin on the phone.
CALL_STATES = (VerificationState.NO_ANSWER, VerificationState.BOUNCED)


class VerificationRequest(models.Model):
    """One e-mailed link. Only the newest request of an enterprise is `is_current`; sending a new one
    revokes the old link."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="verification_requests"
    )
    # SHA-256 of the token: a database dump does not hand out working links.
    token_hash = models.CharField(max_length=64, unique=True)
    sent_to = models.EmailField(_("sendt til"), blank=True)
    created_at = models.DateTimeField(_("sendt"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    expires_at = models.DateTimeField(_("udløber"))
    reminded_at = models.DateTimeField(_("rykket"), null=True, blank=True)
    answered_at = models.DateTimeField(_("besvaret"), null=True, blank=True)
    state = models.CharField(
        _("status"), max_length=10, choices=VerificationState.choices, default=VerificationState.REQUESTED
    )
    is_current = models.BooleanField(default=True)
    # Refused submissions (form errors) count too: at most SUBMISSIONS_PER_LINK per link.
    submissions = models.PositiveSmallIntegerField(default=0)
    new_link_asked_at = models.DateTimeField(_("bedt om nyt link"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("verifikationsanmodning")
        verbose_name_plural = _("verifikationsanmodninger")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise"], condition=Q(is_current=True), name="verification_one_current"
            ),
            models.CheckConstraint(
                condition=Q(state__in=VerificationState.values), name="verification_state_known"
            ),
        ]
        indexes = [models.Index(fields=["is_current", "state", "created_at"], name="verification_queue_idx")]

    def __str__(self) -> str:
        return f"{self.enterprise_id}: {self.state}"


class ContactChannel(models.TextChoices):
    PHONE = "phone", _("Telefon")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Brev")
    MEETING = "meeting", _("Møde")


class ContactLogEntry(models.Model):
    """An admin's note of a contact with the enterprise about its entry."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="contact_log"
    )
    on = models.DateField(_("dato"))
    channel = models.CharField(_("kanal"), max_length=10, choices=ContactChannel.choices)
    note = models.TextField(_("notat"), max_length=2000, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("kontaktlog")
        verbose_name_plural = _("kontaktlog")

    def __str__(self) -> str:
        return f"{self.on} {self.channel}"


class PublicRateCounter(models.Model):
    """Hits per key and time window on the public pages, in the database so every app server counts
    together (enterprises/verify/ratelimit.py)."""

    key = models.CharField(max_length=120)
    window_start = models.DateTimeField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="public_rate_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.window_start}: {self.hits}"


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Afventer")
    APPROVED = "approved", _("Oprettet")
    REJECTED = "rejected", _("Afvist")


class EnterpriseReport(models.Model):
    """A public "Anmeld en virksomhed" submission, waiting for an admin (register/anmeld/)."""

    cvr = models.CharField(_("CVR-nummer"), max_length=8)
    name = models.CharField(_("navn"), max_length=200)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postcode = models.CharField(_("postnummer"), max_length=4)
    kind = models.CharField(_("type"), max_length=20)
    offers = models.JSONField(_("tilbud"), default=list, blank=True)
    contact_name = models.CharField(_("kontaktperson"), max_length=120)
    contact_email = models.EmailField(_("e-mail"))
    contact_phone = models.CharField(_("telefon"), max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.cvr})"
