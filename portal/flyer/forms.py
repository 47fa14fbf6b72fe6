"""Forms for the flyer pages. All rendered through crispy-forms."""

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.validators import validate_single_line
from portal.flyer.content import FlyerOptions
from portal.flyer.models import REASON_COUNT, FlyerContact, FlyerText

LOGO_MAX_BYTES = 1024 * 1024
PHONE_RE = re.compile(r"^\+?[0-9 ]{8,20}$")


class FlyerOptionsForm(forms.Form):
    vis = forms.CharField(widget=forms.HiddenInput, initial="1")
    contact = forms.BooleanField(label=_("Jobcentrets kontaktblok"), required=False)
    near = forms.BooleanField(label=_("Virksomheder nær dig (op til 6 med ledige pladser)"), required=False)
    qr = forms.BooleanField(label=_("QR-kode"), required=False)

    def __init__(self, *args, options: FlyerOptions, show_contact: bool = True, **kwargs):
        super().__init__(
            *args,
            initial={"vis": "1", "contact": options.contact, "near": options.near, "qr": options.qr},
            **kwargs,
        )
        if not show_contact:
            # Register admins belong to no jobcenter: no contact block, no "near you".
            del self.fields["contact"]
            del self.fields["near"]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_tag = True
        self.helper.attrs = {"aria-label": _("Indhold på flyeren")}
        self.helper.add_input(Submit("preview", _("Opdatér forhåndsvisning")))


class FlyerTextForm(forms.Form):
    """The national text. Saving makes a new draft version; publishing is a separate step."""

    title = forms.CharField(label=_("Titel"), max_length=200, validators=[validate_single_line])
    intro = forms.CharField(label=_("Indledning"), max_length=600, widget=forms.Textarea(attrs={"rows": 3}))
    nuance_title = forms.CharField(label=_("Overskrift"), max_length=120, validators=[validate_single_line])
    nuance_text = forms.CharField(label=_("Tekst"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))
    sparring_title = forms.CharField(label=_("Overskrift"), max_length=120, validators=[validate_single_line])
    sparring_text = forms.CharField(
        label=_("Tekst"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    rule_title = forms.CharField(label=_("Overskrift"), max_length=120, validators=[validate_single_line])
    rule_text = forms.CharField(label=_("Tekst"), max_length=700, widget=forms.Textarea(attrs={"rows": 4}))
    rules_as_of = forms.DateField(
        label=_("Regler pr."),
        help_text=_("Den dato reglerne sidst er tjekket. Vises på flyeren som »regler pr. (dato)«."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y"],
    )
    change_note = forms.CharField(
        label=_("Hvad har du ændret?"),
        max_length=200,
        required=False,
        help_text=_("Kort note til versionshistorikken."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        reason_fields = []
        for number in range(1, REASON_COUNT + 1):
            self.fields[f"reason_{number}_title"] = forms.CharField(
                label=_("Grund %(n)s: overskrift") % {"n": number},
                max_length=80,
                validators=[validate_single_line],
            )
            self.fields[f"reason_{number}_text"] = forms.CharField(
                label=_("Grund %(n)s: tekst") % {"n": number},
                max_length=300,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            reason_fields += [f"reason_{number}_title", f"reason_{number}_text"]
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(_("Overskrift og indledning"), "title", "intro"),
            Fieldset(_("De seks grunde"), *reason_fields),
            Fieldset(_("En nuance på paletten"), "nuance_title", "nuance_text"),
            Fieldset(_("Sparring"), "sparring_title", "sparring_text"),
            Fieldset(_("Rimelighedskravet"), "rule_title", "rule_text", "rules_as_of"),
            "change_note",
            HTML(
                '<p class="form-text">{% load i18n %}{% translate "Gem opretter en kladde, som du ser igennem, før du udgiver den." %}</p>'
            ),
        )
        self.helper.add_input(Submit("save", _("Gem kladde og se forhåndsvisning")))

    @staticmethod
    def initial_for(text: FlyerText) -> dict:
        initial = {
            name: getattr(text, name)
            for name in (
                "title",
                "intro",
                "nuance_title",
                "nuance_text",
                "sparring_title",
                "sparring_text",
                "rule_title",
                "rule_text",
                "rules_as_of",
            )
        }
        for number, reason in enumerate(text.reasons, start=1):
            initial[f"reason_{number}_title"] = reason.get("title", "")
            initial[f"reason_{number}_text"] = reason.get("text", "")
        return initial

    def content(self) -> dict:
        """Cleaned data in the shape of a FlyerText version."""
        data = {name: value for name, value in self.cleaned_data.items() if not name.startswith("reason_")}
        data["reasons"] = [
            {
                "title": self.cleaned_data[f"reason_{n}_title"],
                "text": self.cleaned_data[f"reason_{n}_text"],
            }
            for n in range(1, REASON_COUNT + 1)
        ]
        return data


class FlyerContactForm(forms.ModelForm):
    # A text input: the browser's own check of type="url" silently refuses "aarhus.dk/jobcenter".
    website = forms.URLField(
        label=_("Webadresse"),
        required=False,
        assume_scheme="https",
        max_length=200,
        widget=forms.TextInput(attrs={"inputmode": "url", "autocomplete": "url"}),
    )

    class Meta:
        model = FlyerContact
        fields = ["name", "contact_person", "phone", "email", "website", "logo"]
        widgets = {"logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Gem kontaktblok")))

    def clean_phone(self) -> str:
        phone = " ".join(self.cleaned_data["phone"].split())
        if phone and not PHONE_RE.match(phone):
            raise forms.ValidationError(_("Skriv et telefonnummer med mindst 8 cifre, fx 89 40 20 00."))
        return phone

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and getattr(logo, "size", 0) > LOGO_MAX_BYTES:
            raise forms.ValidationError(_("Logoet må højst fylde 1 MB."))
        return logo


class FlyerSendForm(forms.Form):
    email = forms.EmailField(
        label=_("Kollegaens e-mailadresse"),
        error_messages={"invalid": _("Skriv en gyldig e-mailadresse, fx navn@kommune.dk.")},
    )
    note = forms.CharField(
        label=_("Kort hilsen (valgfri)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Højst 500 tegn. Skriv aldrig oplysninger om borgere."),
    )
    vis = forms.CharField(widget=forms.HiddenInput, initial="1")
    contact = forms.BooleanField(widget=forms.HiddenInput, required=False)
    near = forms.BooleanField(widget=forms.HiddenInput, required=False)
    qr = forms.BooleanField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, options: FlyerOptions | None = None, **kwargs):
        if options is not None:
            kwargs.setdefault("initial", {}).update(
                {"vis": "1", "contact": options.contact, "near": options.near, "qr": options.qr}
            )
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("send", _("Send flyeren")))

    def options(self) -> FlyerOptions:
        return FlyerOptions(
            contact=self.cleaned_data["contact"], near=self.cleaned_data["near"], qr=self.cleaned_data["qr"]
        )
