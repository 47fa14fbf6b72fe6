"""Curation forms: the enterprise with its offers and contacts (inline formsets), and small forms."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _
from stdnum.dk import cvr as stdnum_cvr
from stdnum.exceptions import ValidationError as StdnumError

from enterprises import rules
from enterprises.models import ContactPerson, CorrectionStatus, CorrectionSuggestion, Enterprise, Offer
from enterprises.services import ContactData, EnterpriseData, OfferData
from portal.core.formats import format_number
from portal.core.models import Municipality, Postcode


def clean_cvr(value: str) -> str:
    """8 digits with a valid modulus-11 check; spaces allowed on input."""
    compact = stdnum_cvr.compact(value or "")
    if not compact.isdigit() or len(compact) != 8:
        raise forms.ValidationError(_("Et CVR-nummer består af 8 cifre."))
    try:
        return stdnum_cvr.validate(compact)
    except StdnumError as exc:
        raise forms.ValidationError(_("Ugyldigt CVR-nummer (kontrolcifferet passer ikke).")) from exc


def clean_p_number(value: str) -> str:
    compact = (value or "").replace(" ", "")
    if compact and (not compact.isdigit() or len(compact) != 10):
        raise forms.ValidationError(_("Et P-nummer består af 10 cifre."))
    return compact


class PostcodeField(forms.CharField):
    """Four digits typed by the user, looked up in the reference table."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", 4)
        kwargs.setdefault("min_length", 4)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "postal-code"})

    def prepare_value(self, value):
        return value.pk if isinstance(value, Postcode) else value

    def clean(self, value) -> Postcode | None:
        number = super().clean(value)
        if not number:
            return None
        postcode = Postcode.objects.filter(number=number).first()
        if postcode is None:
            raise forms.ValidationError(_("Ukendt postnummer."))
        return postcode


class EnterpriseForm(forms.ModelForm):
    postcode = PostcodeField(label=_("Postnummer"))
    # A text input: the browser's own check of type="url" silently refuses "aarhus.dk/jobcenter".
    website = forms.URLField(
        label=_("Hjemmeside"),
        required=False,
        assume_scheme="https",
        max_length=200,
        widget=forms.TextInput(attrs={"inputmode": "url", "autocomplete": "url"}),
    )

    class Meta:
        model = Enterprise
        fields = [
            "name",
            "kind",
            "cvr",
            "p_number",
            "status",
            "description",
            "address",
            "postcode",
            "municipality",
            "industry",
            "website",
            "email",
            "phone",
            "rsv_registered",
            "rsv_since",
            "has_social_staff",
            "has_mentor",
            "has_job_coach",
            "wheelchair_access",
            "flexible_hours",
            "min_hours_per_week",
            "challenge_areas",
            "target_groups",
            "ordinary_staff_fte",
            "other_supported_fte",
            "rar_dispensation_reference",
            "rar_dispensation_until",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "challenge_areas": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "rsv_since": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "rar_dispensation_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {"rsv_since": _("Dato for registrering i RSV")}
        help_texts = {
            "municipality": _(
                "Udfyldes automatisk ud fra postnummeret; vælg kun, hvis postnummeret dækker flere kommuner."
            ),
            "ordinary_staff_fte": _(
                "Gennemsnit af de seneste 4 måneder, uden ansatte med løntilskud og under 18 år."
            ),
            "other_supported_fte": _("Fx borgere i praktik eller løntilskud fra andre jobcentre."),
            "rsv_registered": _("RSV-listen er selvangivet og delvist forældet: tjek den."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].required = False
        self.fields["municipality"].empty_label = _("Ud fra postnummer")
        self.fields["industry"].empty_label = _("Vælg branche (valgfri)")
        for name in ("ordinary_staff_fte", "other_supported_fte"):
            self.fields[name].localize = True
            self.fields[name].widget = forms.TextInput(attrs={"inputmode": "decimal"})
            self.fields[name].widget.is_localized = True
            if not self.is_bound and getattr(self.instance, name, None) is not None:
                self.initial[name] = format_number(getattr(self.instance, name))  # "12,5", not "12,50"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Fieldset(_("Virksomhed"), "name", "kind", "cvr", "p_number", "status", "description", "industry"),
            Fieldset(
                _("Adresse og kontakt"), "address", "postcode", "municipality", "website", "email", "phone"
            ),
            Fieldset(_("RSV"), "rsv_registered", "rsv_since"),
            Fieldset(
                _("Støtte på stedet"),
                "has_social_staff",
                "has_mentor",
                "has_job_coach",
                "wheelchair_access",
                "flexible_hours",
                "min_hours_per_week",
            ),
            Fieldset(_("Erfaring og målgrupper"), "challenge_areas", "target_groups"),
            Fieldset(
                _("Rimelighedskravet"),
                "ordinary_staff_fte",
                "other_supported_fte",
                "rar_dispensation_reference",
                "rar_dispensation_until",
            ),
        )

    def clean_cvr(self) -> str:
        return clean_cvr(self.cleaned_data["cvr"])

    def clean_p_number(self) -> str:
        return clean_p_number(self.cleaned_data["p_number"])

    def clean(self) -> dict:
        data = super().clean()
        postcode: Postcode | None = data.get("postcode")
        municipality: Municipality | None = data.get("municipality")
        if postcode is not None:
            try:
                rules.municipality_for_postcode(
                    chosen=municipality.pk if municipality else None,
                    main=postcode.municipality_id,
                    allowed=postcode.municipalities.values_list("code", flat=True),
                )
                data["municipality"] = municipality or postcode.municipality
            except ValueError as exc:
                self.add_error("municipality", str(exc))
        return data


class OfferForm(forms.ModelForm):
    class Meta:
        model = Offer
        fields = ["placement_type", "places", "hours_min", "hours_max", "work_tasks"]
        widgets = {"work_tasks": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["placement_type"].empty_label = _("Vælg forløbstype")

    def clean(self) -> dict:
        data = super().clean()
        low, high = data.get("hours_min"), data.get("hours_max")
        if low is not None and high is not None and high < low:
            self.add_error("hours_max", _("Det højeste timetal skal være mindst det laveste."))
        # The same rules as the service, for an error beside the field (the service decides).
        places = data.get("places")
        taken = self.instance.places_taken if self.instance.pk else 0
        kind = data.get("placement_type")
        changes_type = kind is not None and kind.pk != self.instance.placement_type_id
        if changes_type and (reason := rules.type_change_reason(taken=taken)):
            self.add_error("placement_type", reason)
        if places is not None and (reason := rules.places_reason(places=places, taken=taken)):
            self.add_error("places", reason)
        return data


class BaseOfferFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data:
                continue
            if form.cleaned_data.get("DELETE"):
                if form.instance.pk and (
                    reason := rules.delete_offer_reason(taken=form.instance.places_taken)
                ):
                    raise forms.ValidationError(reason)
                continue
            kind = form.cleaned_data.get("placement_type")
            if kind in seen:
                raise forms.ValidationError(_("Hver forløbstype kan kun optræde én gang."))
            seen.add(kind)


OfferFormSet = inlineformset_factory(
    Enterprise, Offer, form=OfferForm, formset=BaseOfferFormSet, extra=1, can_delete=True
)
ContactFormSet = inlineformset_factory(
    Enterprise,
    ContactPerson,
    fields=["name", "role", "phone", "email", "is_primary"],
    extra=1,
    can_delete=True,
)


def _values(form: forms.ModelForm, skip: tuple[str, ...] = ()) -> dict:
    """A model form's cleaned values as plain data: foreign keys as their key, m2m left out."""
    values = {}
    for model_field in form._meta.model._meta.concrete_fields:
        name = model_field.name
        if name in form.cleaned_data and name not in ("id", *skip):
            value = form.cleaned_data[name]
            values[model_field.attname] = value.pk if model_field.is_relation and value else value
    return values


def _rows(formset: BaseInlineFormSet, data_class: type) -> list:
    rows = []
    for form in formset.forms:
        pk = form.instance.pk
        if form in formset.deleted_forms:
            rows.append(data_class(values={}, pk=pk, delete=True))
        elif pk or form.has_changed():
            values = _values(form, skip=(formset.fk.name,))
            if "placement_type_id" in values:
                values["placement_type"] = values.pop("placement_type_id")
            rows.append(data_class(values=values, pk=pk))
    return rows


def enterprise_data(
    form: forms.ModelForm, offers: BaseInlineFormSet, contacts: BaseInlineFormSet
) -> EnterpriseData:
    """Validated curation forms (ours or the Django admin's) → the plain data `enterprise_upsert` takes."""
    m2m = {name: [obj.pk for obj in form.cleaned_data[name]] for name in ("target_groups", "challenge_areas")}
    return EnterpriseData(
        fields=_values(form),
        target_groups=m2m["target_groups"],
        challenge_areas=m2m["challenge_areas"],
        offers=_rows(offers, OfferData),
        contacts=_rows(contacts, ContactData),
    )


class CorrectionForm(forms.ModelForm):
    class Meta:
        model = CorrectionSuggestion
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class ResolveCorrectionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Afgørelse"),
        choices=[(CorrectionStatus.ACCEPTED, _("Rettet")), (CorrectionStatus.REJECTED, _("Afvist"))],
    )
    note = forms.CharField(label=_("Svar (valgfrit)"), required=False, max_length=2000)
    accept = forms.MultipleChoiceField(
        label=_("Godkend disse ændringer fra virksomheden"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    CHANGE_LABELS = {
        "description": _("Beskrivelse"),
        "target_groups": _("Målgrupper"),
        "challenge_areas": _("Erfaring med"),
        "offers_add": _("Nye tilbud"),
        "offers_remove": _("Tilbud fjernes"),
    }

    def __init__(self, *args, changes: dict | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        acceptable = {k: v for k, v in (changes or {}).items() if k in self.CHANGE_LABELS}
        if acceptable:
            self.fields["accept"].choices = [
                (key, f"{self.CHANGE_LABELS[key]}: {', '.join(v) if isinstance(v, list) else v}")
                for key, v in acceptable.items()
            ]
        else:
            del self.fields["accept"]

    def clean(self):
        data = super().clean()
        if data.get("accept") and data.get("status") != CorrectionStatus.ACCEPTED:
            self.add_error("status", _('Vælg "Rettet", når du godkender ændringer.'))
        return data


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-fil"),
        help_text=_("UTF-8 eller Windows-1252, adskilt med semikolon eller komma. Højst 5 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("Filen er for stor (højst 5 MB)."))
        return upload
