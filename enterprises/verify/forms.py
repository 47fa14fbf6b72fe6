"""The enterprise's confirm form on the public page, built from its own entry (and nothing else)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from enterprises.models import ContactChannel, Enterprise
from enterprises.verify.services import Answer
from portal.core.models import ChallengeArea, PlacementType, TargetGroup

CONTACT_FIELDS = ("name", "role", "phone", "email")


class ConfirmForm(forms.Form):
    contact_name = forms.CharField(label=_("Navn"), max_length=120)
    contact_role = forms.CharField(label=_("Rolle"), max_length=120, required=False)
    contact_phone = forms.CharField(label=_("Telefon"), max_length=30, required=False)
    contact_email = forms.EmailField(label=_("E-mail"), required=False)
    description = forms.CharField(
        label=_("Beskrivelse"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=4000
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Målgrupper"), widget=forms.CheckboxSelectMultiple, required=False
    )
    challenge_areas = forms.MultipleChoiceField(
        label=_("Erfaring med"), widget=forms.CheckboxSelectMultiple, required=False
    )
    offers_add = forms.MultipleChoiceField(
        label=_("Nye tilbud, vi gerne vil have med"), widget=forms.CheckboxSelectMultiple, required=False
    )
    offers_remove = forms.MultipleChoiceField(
        label=_("Tilbud, vi ikke længere har"), widget=forms.CheckboxSelectMultiple, required=False
    )
    note = forms.CharField(
        label=_("Andet, registeret skal vide"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(self, enterprise: Enterprise, *args, **kwargs) -> None:
        self.enterprise = enterprise
        self.offers = list(enterprise.offers.select_related("placement_type"))
        self.primary = next((c for c in enterprise.contacts.all() if c.is_primary), None)
        initial = {
            "description": enterprise.description,
            "target_groups": [t.code for t in enterprise.target_groups.all()],
            "challenge_areas": [c.code for c in enterprise.challenge_areas.all()],
            **{f"contact_{name}": getattr(self.primary, name, "") for name in CONTACT_FIELDS},
            **{f"places_{o.pk}": o.places for o in self.offers},
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["target_groups"].choices = [(t.code, t.label) for t in TargetGroup.objects.all()]
        self.fields["challenge_areas"].choices = [(c.code, c.label) for c in ChallengeArea.objects.all()]
        offered = {o.placement_type_id for o in self.offers}
        types = list(PlacementType.objects.all())
        self.fields["offers_add"].choices = [(t.code, t.label) for t in types if t.code not in offered]
        self.fields["offers_remove"].choices = [(t.code, t.label) for t in types if t.code in offered]
        for offer in self.offers:
            # Never below the places placements already take (enterprises/rules.py decides again).
            self.fields[f"places_{offer.pk}"] = forms.IntegerField(
                label=_("%(type)s: pladser i alt") % {"type": offer.placement_type.label},
                min_value=offer.places_taken,
                max_value=999,
                help_text=_("%(taken)s er optaget af igangværende forløb.") % {"taken": offer.places_taken},
                error_messages={
                    "min_value": _(
                        "Der er allerede %(limit_value)s optagne pladser; antallet kan ikke være lavere."
                    )
                },
            )

        for bound in self:
            widget = bound.field.widget
            css = "form-check-input" if isinstance(widget, forms.CheckboxSelectMultiple) else "form-control"
            widget.attrs["class"] = css
            if bound.help_text and not isinstance(widget, forms.CheckboxSelectMultiple):
                widget.attrs["aria-describedby"] = f"{bound.auto_id}_help"

    def place_fields(self):
        return [self[f"places_{offer.pk}"] for offer in self.offers]

    def answer(self, *, confirm_only: bool) -> Answer:
        """Everything unchanged when the enterprise only confirms; otherwise places and contact apply,
        and the rest (only what differs) becomes a suggestion."""
        if confirm_only:
            return Answer(places={})
        data = self.cleaned_data
        contact = {name: data[f"contact_{name}"] for name in CONTACT_FIELDS}
        current = {name: getattr(self.primary, name, "") for name in CONTACT_FIELDS}

        def changed(name: str):
            value = data[name]
            initial = self.initial[name]
            differs = sorted(value) != sorted(initial) if isinstance(value, list) else value != initial
            return value if differs else None

        return Answer(
            places={offer.pk: data[f"places_{offer.pk}"] for offer in self.offers},
            contact=contact if contact != current else None,
            description=changed("description"),
            target_groups=changed("target_groups"),
            challenge_areas=changed("challenge_areas"),
            offers_add=data["offers_add"],
            offers_remove=data["offers_remove"],
            note=data["note"].strip(),
        )


class BulkForm(forms.Form):
    ACTIONS = [
        ("send", _("Send bekræftelseslink")),
        ("verify", _("Markér som verificeret i dag")),
        ("archive", _("Arkivér")),
    ]
    action = forms.ChoiceField(label=_("Handling for de valgte"), choices=ACTIONS)
    ids = forms.TypedMultipleChoiceField(
        coerce=int, error_messages={"required": _("Vælg mindst én virksomhed.")}
    )

    def __init__(self, *args, allowed_ids: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ids"].choices = [(pk, pk) for pk in allowed_ids]


class ContactLogForm(forms.Form):
    # ISO in the value: a type="date" input does not take the Danish display format.
    on = forms.DateField(label=_("Dato"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    channel = forms.ChoiceField(label=_("Kanal"))
    note = forms.CharField(
        label=_("Notat"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = ContactChannel.choices
