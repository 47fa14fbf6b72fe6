from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from portal.core import lockout


class LoginForm(AuthenticationForm):
    """The lockout itself is in the authentication backend (portal/core/auth_backends.py); the form
    only picks the message. The same messages show for usernames that exist and ones that do not."""

    error_messages = {
        "invalid_login": _(
            "Forkert brugernavn eller adgangskode. Bemærk, at der skelnes mellem store og små bogstaver."
        ),
        "inactive": _("Denne konto er deaktiveret."),
        "locked": _(
            "Kontoen er midlertidigt låst efter for mange mislykkede loginforsøg. Prøv igen om %(minutes)s minutter."
        ),
        "throttled": _(
            "For mange mislykkede loginforsøg fra din netværksadresse. Prøv igen om %(minutes)s minutter."
        ),
    }

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            refusal = getattr(self.request, "login_refusal", None)
            if refusal == lockout.LOCKED:
                raise forms.ValidationError(
                    self.error_messages["locked"],
                    code="locked",
                    params={"minutes": settings.LOGIN_LOCKOUT_MINUTES},
                ) from None
            if refusal == lockout.THROTTLED:
                raise forms.ValidationError(
                    self.error_messages["throttled"],
                    code="throttled",
                    params={"minutes": settings.LOGIN_ADDRESS_WINDOW_MINUTES},
                ) from None
            raise
