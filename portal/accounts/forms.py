from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from portal.core.audit import audit_log
from portal.core.lockout import is_locked_out
from portal.core.models import AuditAction


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Forkert brugernavn eller adgangskode. Bemærk, at der skelnes mellem store og små bogstaver."
        ),
        "inactive": _("Denne konto er deaktiveret."),
        "locked": _(
            "Kontoen er midlertidigt låst efter for mange mislykkede loginforsøg. Prøv igen om %(minutes)s minutter."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username", "")
        if is_locked_out(username):
            # Refused before the password is even checked: a correct guess must not unlock it.
            audit_log(action=AuditAction.LOGIN_LOCKED, request=self.request, actor_label=username[:150])
            raise forms.ValidationError(
                self.error_messages["locked"],
                code="locked",
                params={"minutes": settings.LOGIN_LOCKOUT_MINUTES},
            )
        return super().clean()
