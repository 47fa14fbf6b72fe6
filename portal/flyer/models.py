"""The flyer: a versioned national text (admins) and one contact block per jobcenter (team leads)."""

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

REASON_COUNT = 6

# Fields of a text version that make up its content (compared between versions in the history).
CONTENT_FIELDS = (
    "title",
    "intro",
    "reasons",
    "nuance_title",
    "nuance_text",
    "sparring_title",
    "sparring_text",
    "rule_title",
    "rule_text",
    "rules_as_of",
)


class FlyerTextQuerySet(models.QuerySet):
    def published(self) -> "FlyerTextQuerySet":
        return self.filter(is_published=True)


class FlyerText(models.Model):
    """One version of the national text. Versions are never edited: a change is a new version."""

    title = models.CharField(_("titel"), max_length=200)
    intro = models.TextField(_("indledning"), max_length=600)
    # Six {"title": ..., "text": ...} dicts, in order.
    reasons = models.JSONField(_("de seks grunde"), default=list)
    nuance_title = models.CharField(_("overskrift: nuance"), max_length=120)
    nuance_text = models.TextField(_("tekst: nuance"), max_length=500)
    sparring_title = models.CharField(_("overskrift: sparring"), max_length=120)
    sparring_text = models.TextField(_("tekst: sparring"), max_length=500)
    rule_title = models.CharField(_("overskrift: regler"), max_length=120)
    rule_text = models.TextField(_("tekst: rimelighedskravet"), max_length=700)
    rules_as_of = models.DateField(_("regler pr."))

    change_note = models.CharField(_("hvad er ændret"), max_length=200, blank=True)
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bygger på"),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    is_published = models.BooleanField(_("udgivet"), default=False)
    published_at = models.DateTimeField(_("udgivet"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("udgivet af"),
    )

    objects = FlyerTextQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("flyertekst")
        verbose_name_plural = _("flyertekster")
        constraints = [
            models.UniqueConstraint(
                fields=["is_published"], condition=Q(is_published=True), name="flyer_text_one_published"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.pk})"

    @property
    def version(self) -> int | None:
        return self.pk


def logo_path(instance: "FlyerContact", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"flyer/logos/jobcenter-{instance.jobcenter_id}.{extension}"


class FlyerContact(models.Model):
    """A jobcenter's contact block on the flyer. Holds only work contact data, never citizen data."""

    jobcenter = models.OneToOneField(
        "portal.Jobcenter",
        on_delete=models.CASCADE,
        related_name="flyer_contact",
        verbose_name=_("jobcenter"),
    )
    name = models.CharField(
        _("afsender"),
        max_length=120,
        help_text=_("Fx jobcentrets navn eller afdeling, som den skal stå på flyeren."),
    )
    contact_person = models.CharField(_("kontaktperson"), max_length=120, blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("webadresse"), blank=True)
    logo = models.ImageField(
        _("logo"),
        upload_to=logo_path,
        blank=True,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg"])],
        help_text=_("Valgfrit. PNG eller JPEG, højst 1 MB."),
    )
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ændret af"),
    )

    class Meta:
        verbose_name = _("kontaktblok")
        verbose_name_plural = _("kontaktblokke")

    def __str__(self) -> str:
        return self.name

    @property
    def logo_alt(self) -> str:
        return _("Logo: %(name)s") % {"name": self.name}
