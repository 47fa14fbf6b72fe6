from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.accounts.selectors import roles_for_form
from portal.core import access, lockout
from portal.core.models import Jobcenter, Municipality, User, validate_cvr


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


def add_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form it came from (field errors where they belong)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class InviteForm(forms.Form):
    first_name = forms.CharField(label=_("Fornavn"), max_length=150)
    last_name = forms.CharField(label=_("Efternavn"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), help_text=_("Bliver også brugernavnet."))
    role = forms.ChoiceField(label=_("Rolle"))
    jobcenter = forms.ModelChoiceField(label=_("Jobcenter"), queryset=Jobcenter.objects.all(), required=False)

    def __init__(self, *args, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = roles_for_form(by)
        if not access.is_system_admin(by):
            del self.fields["jobcenter"]


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rolle"))
    jobcenter = forms.ModelChoiceField(label=_("Jobcenter"), queryset=Jobcenter.objects.all(), required=False)

    def __init__(self, *args, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = roles_for_form(by)
        if not access.is_system_admin(by):
            del self.fields["jobcenter"]


class MoveCasesForm(forms.Form):
    to = forms.ModelChoiceField(label=_("Flyt åbne sager til"), queryset=User.objects.none())

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = colleagues
        self.fields["to"].label_from_instance = lambda user: user.display_name


class JobcenterForm(forms.ModelForm):
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Kommuner, jobcentret betjener"),
        queryset=Municipality.objects.all(),
        required=False,
        help_text=_("En kommune betjenes af højst ét jobcenter."),
    )

    class Meta:
        model = Jobcenter
        fields = ["name", "address", "postcode", "phone", "email"]


class CvrForm(forms.Form):
    cvr = forms.CharField(label=_("CVR-nummer"), max_length=8, required=False, validators=[validate_cvr])


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Kode"),
        max_length=16,
        help_text=_("Koden fra din godkendelsesapp, eller en af dine gendannelseskoder."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
