"""Who a user is at an identity provider: the one key provisioning matches on (never username or e-mail)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExternalIdentity(models.Model):
    """(issuer, subject): SAML's IdP entity id + persistent NameID, or OIDC's `iss` + `sub`."""

    issuer = models.CharField(_("udsteder"), max_length=255)
    subject = models.CharField(_("subjekt"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="external_identities",
        verbose_name=_("bruger"),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    last_sign_in_at = models.DateTimeField(_("sidste login"), null=True, blank=True)
    # True when the provider's own answer (no valid role or jobcenter) deactivated the user: a later valid
    # sign-in may then reactivate. A deactivation made in the portal leaves this False and wins.
    deactivated_by_provider = models.BooleanField(_("deaktiveret af identitetsudbyder"), default=False)

    class Meta:
        verbose_name = _("ekstern identitet")
        verbose_name_plural = _("eksterne identiteter")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"], name="external_identity_issuer_subject_uniq"
            )
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.subject}"
