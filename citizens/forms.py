"""Forms for citizen cases: Danish labels and errors, all rendered through crispy-forms."""

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Fieldset, Layout, Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citizens import cpr as cprlib
from citizens.models import CaseNote, Citizen, CitizenStatus
from citizens.rules import MAX_CLOSE_BACKDATE_DAYS, earliest_closing_date
from citizens.selectors import SCOPE_ALL, SCOPE_MINE, STATUS_ALL, STATUS_OPEN, jobcenter_staff
from portal.core.models import Postcode, TargetGroup

CPR_FORMAT_HELP = _("DDMMÅÅ-XXXX eller 10 cifre.")


class CprField(forms.CharField):
    """Accepts `DDMMYY-SSSS` or ten digits; cleans to the ten digits (format and date, no modulus 11)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("CPR-nummer"))
        kwargs.setdefault("max_length", 11)
        kwargs.setdefault("help_text", CPR_FORMAT_HELP)
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "off", "inputmode": "numeric", "spellcheck": "false"})

    def clean(self, value: str) -> str:
        value = super().clean(value)
        if not value:
            return ""
        try:
            return cprlib.normalise(value)
        except cprlib.CprError as exc:
            raise forms.ValidationError(str(exc), code="invalid_cpr") from exc


class CitizenForm(forms.ModelForm):
    """Create and edit. Only facts that matching, follow-up or the law need."""

    cpr = CprField()
    postcode = forms.ModelChoiceField(
        label=_("Postnummer"),
        queryset=Postcode.objects.all(),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 4, "autocomplete": "off"}),
        error_messages={"invalid_choice": _("Ukendt postnummer."), "required": _("Skriv et postnummer.")},
    )

    class Meta:
        model = Citizen
        fields = [
            "first_name",
            "last_name",
            "phone",
            "email",
            "postcode",
            "target_group",
            "status",
            "max_travel_km",
            "hours_per_week",
            "wanted_placement_types",
            "preferred_industries",
            "competences",
            "challenge_areas",
            "considerations",
            "needs_social_support",
            "needs_mentor",
            "consent_given",
            "consent_method",
            "consent_date",
        ]
        widgets = {
            "wanted_placement_types": forms.CheckboxSelectMultiple,
            "challenge_areas": forms.CheckboxSelectMultiple,
            "preferred_industries": forms.SelectMultiple(attrs={"size": 8}),
            "competences": forms.Textarea(attrs={"rows": 2}),
            "considerations": forms.Textarea(attrs={"rows": 2}),
            "consent_method": forms.RadioSelect,
            "consent_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {
            "first_name": _("Fornavn"),
            "last_name": _("Efternavn"),
            "phone": _("Telefon"),
            "email": _("E-mail"),
            "target_group": _("Målgruppe"),
            "status": _("Status"),
            "max_travel_km": _("Maks. transport (km)"),
            "hours_per_week": _("Timer pr. uge"),
            "wanted_placement_types": _("Ønskede forløbstyper"),
            "preferred_industries": _("Foretrukne brancher"),
            "competences": _("Kompetencer og interesser"),
            "challenge_areas": _("Udfordringer"),
            "considerations": _("Skånehensyn"),
            "needs_social_support": _("Behov for socialfaglig støtte"),
            "needs_mentor": _("Behov for mentor"),
            "consent_given": _("Borgeren har givet samtykke til, at oplysninger deles med en virksomhed"),
            "consent_method": _("Samtykket er givet"),
            "consent_date": _("Samtykkedato"),
        }
        help_texts = {
            "competences": _("Kort: hvad borgeren kan og gerne vil."),
            "challenge_areas": _("Følsomme oplysninger: bruges kun til at finde virksomheder med erfaring."),
            "considerations": _("Fx ikke tunge løft, korte dage, rolige omgivelser."),
            "preferred_industries": _("Hold Ctrl nede for at vælge flere."),
        }

    def __init__(self, *args: Any, jobcenter_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.jobcenter_id = jobcenter_id
        self.cpr_notice = ""
        editing = self.instance.pk is not None
        self.fields["first_name"].widget.attrs["autocomplete"] = "off"
        self.fields["last_name"].widget.attrs["autocomplete"] = "off"
        self.fields["target_group"].empty_label = _("Vælg målgruppe")
        # Closing and reopening are their own actions; the form only pauses or resumes.
        self.fields["status"].choices = [
            (CitizenStatus.ACTIVE, CitizenStatus.ACTIVE.label),
            (CitizenStatus.PAUSED, CitizenStatus.PAUSED.label),
        ]
        self.fields["consent_method"].choices = self.fields["consent_method"].choices[1:]
        if editing:
            self.fields["cpr"].required = False
            self.fields["cpr"].label = _("Nyt CPR-nummer")
            self.fields["cpr"].help_text = _(
                "Udfyld kun for at rette nummeret (nu %(masked)s). %(format)s"
            ) % {"masked": self.instance.cpr_masked, "format": CPR_FORMAT_HELP}
            if self.instance.is_closed:
                del self.fields["status"]
        else:
            del self.fields["status"]
        self.helper = FormHelper()
        self.helper.form_tag = True
        self.helper.attrs = {"novalidate": ""}
        status = ["status"] if "status" in self.fields else []
        self.helper.layout = Layout(
            Fieldset(
                _("Borger"),
                Div(Div("cpr", css_class="col-md-4"), css_class="row"),
                Div(
                    Div("first_name", css_class="col-md-6"),
                    Div("last_name", css_class="col-md-6"),
                    css_class="row",
                ),
                Div(
                    Div("phone", css_class="col-md-4"),
                    Div("email", css_class="col-md-5"),
                    Div("postcode", css_class="col-md-3"),
                    css_class="row",
                ),
                Div(Div("target_group", css_class="col-md-6"), *status, css_class="row"),
            ),
            Fieldset(
                _("Ønsker og rammer"),
                Div(
                    Div("max_travel_km", css_class="col-md-3"),
                    Div("hours_per_week", css_class="col-md-3"),
                    css_class="row",
                ),
                "wanted_placement_types",
                "preferred_industries",
                "competences",
            ),
            Fieldset(
                _("Hensyn og støtte"),
                "challenge_areas",
                "considerations",
                "needs_social_support",
                "needs_mentor",
            ),
            Fieldset(
                _("Samtykke"),
                "consent_given",
                "consent_method",
                Div(Div(Field("consent_date"), css_class="col-md-4"), css_class="row"),
            ),
            Submit("save", _("Gem"), css_class="btn-primary"),
        )

    def clean_cpr(self) -> str:
        number = self.cleaned_data.get("cpr", "")
        if number and cprlib.fails_modulus_11(number):
            self.cpr_notice = _(
                "Bemærk: CPR-nummeret består ikke modulus 11-kontrollen. Det er normalt for numre "
                "udstedt efter 2007, så nummeret er gemt."
            )
        return number

    def service_fields(self) -> dict[str, Any]:
        """The cleaned data the services take (the CPR number is passed separately)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "cpr"}


class NoteForm(forms.ModelForm):
    class Meta:
        model = CaseNote
        fields = ["kind", "text"]
        labels = {"kind": _("Type"), "text": _("Notat")}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, action: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.layout = Layout(
            Div(Div("kind", css_class="col-md-4"), css_class="row"),
            "text",
            Submit("add_note", _("Tilføj notat"), css_class="btn-primary"),
        )


class CloseForm(forms.Form):
    reason = forms.CharField(label=_("Årsag til afslutning"), max_length=200)
    closed_at = forms.DateField(
        label=_("Afsluttet den"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, citizen: Citizen, refused: bool = False, **kwargs: Any) -> None:
        self.today = timezone.localdate()
        self.earliest = earliest_closing_date(
            created=timezone.localdate(citizen.created_at), today=self.today
        )
        kwargs.setdefault("initial", {"closed_at": self.today})
        super().__init__(*args, **kwargs)
        widget = self.fields["closed_at"].widget
        widget.attrs.update({"min": self.earliest.isoformat(), "max": self.today.isoformat()})
        self.fields["closed_at"].help_text = _(
            "Højst %(days)s dage tilbage og ikke før sagen blev oprettet."
        ) % {"days": MAX_CLOSE_BACKDATE_DAYS}
        self.helper = FormHelper()
        self.refused = False
        self.helper.add_input(Submit("close", _("Afslut sagen"), css_class="btn-danger"))
        if refused:
            self.refuse()

    def refuse(self) -> None:
        """Another app refuses the close (e.g. open placements): nothing to fill in or submit here.
        Only the widgets are disabled, so a POST is still validated (and then refused by the service)."""
        self.refused = True
        for field in self.fields.values():
            field.widget.attrs["disabled"] = True
        self.helper.inputs = [Submit("close", _("Afslut sagen"), css_class="btn-danger", disabled=True)]


class ReassignForm(forms.Form):
    caseworker = forms.ModelChoiceField(
        label=_("Ny sagsbehandler"), queryset=None, empty_label=_("Vælg sagsbehandler")
    )

    def __init__(self, *args: Any, citizen: Citizen, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["caseworker"]
        # Moving a case to the caseworker who already has it is no choice.
        field.queryset = jobcenter_staff(citizen.jobcenter_id).exclude(pk=citizen.caseworker_id)
        field.label_from_instance = lambda user: user.display_name
        self.helper = FormHelper()
        self.helper.add_input(Submit("reassign", _("Flyt sagen"), css_class="btn-primary"))


class CprSearchForm(forms.Form):
    """Sent by POST so the number never lands in a URL, browser history or access log."""

    cpr = CprField(label=_("Find borger på CPR-nummer"), help_text="")


class CitizenFilterForm(forms.Form):
    """Query-string filters of the list (shareable links); never a CPR number."""

    q = forms.CharField(
        label=_("Søg på navn"),
        required=False,
        max_length=100,
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )
    scope = forms.ChoiceField(
        label=_("Vis"),
        required=False,
        choices=[(SCOPE_MINE, _("Mine borgere")), (SCOPE_ALL, _("Alle i jobcentret"))],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[(STATUS_OPEN, _("Åbne sager")), *CitizenStatus.choices, (STATUS_ALL, _("Alle"))],
    )
    target_group = forms.ModelChoiceField(
        label=_("Målgruppe"), required=False, queryset=TargetGroup.objects.all(), empty_label=_("Alle")
    )
    caseworker = forms.ModelChoiceField(
        label=_("Sagsbehandler"), required=False, queryset=None, empty_label=_("Alle")
    )

    def __init__(self, *args: Any, jobcenter_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["caseworker"]
        field.queryset = jobcenter_staff(jobcenter_id)
        field.label_from_instance = lambda user: user.display_name

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {"scope": SCOPE_MINE}
        return self.cleaned_data
