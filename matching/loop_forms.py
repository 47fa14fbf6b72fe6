"""Forms for the placement loop after the start (follow-up, edit, extension). Parse only: the rules
live in `matching.loop_rules` and are applied by `matching.loop_services`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from matching.models import FollowUpForm

DATE_WIDGET = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class FollowUpRecordForm(forms.Form):
    held_on = forms.DateField(
        label=_("Afholdt den"),
        error_messages={"required": _("Angiv hvornår opfølgningen blev holdt.")},
        **DATE_WIDGET,
    )
    form = forms.ChoiceField(
        label=_("Form"),
        choices=FollowUpForm.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg opfølgningens form.")},
    )
    note = forms.CharField(label=_("Notat"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    next_follow_up = forms.DateField(
        label=_("Næste opfølgning"),
        required=False,
        help_text=_("Forslaget kommer fra forløbstypen. Tom: ingen flere planlagte opfølgninger."),
        **DATE_WIDGET,
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("prefix", "followup")
        super().__init__(*args, **kwargs)


class PlacementEditForm(forms.Form):
    planned_end_date = forms.DateField(label=_("Planlagt slutdato"), required=False, **DATE_WIDGET)
    hours_per_week = forms.IntegerField(label=_("Timer pr. uge"), required=False, min_value=1, max_value=37)
    tasks = forms.CharField(
        label=_("Arbejdsopgaver"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    enterprise_info = forms.CharField(
        label=_("Oplysninger til virksomheden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Står i praktikaftalen. Skriv kun det, borgeren har sagt ja til, at virksomheden må vide."
        ),
    )
    enterprise_info_agreed_on = forms.DateField(
        label=_("Aftalt med borgeren den"), required=False, **DATE_WIDGET
    )
    contact = forms.TypedChoiceField(
        label=_("Kontaktperson hos virksomheden"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, contacts, **kwargs) -> None:
        kwargs.setdefault("prefix", "edit")
        super().__init__(*args, **kwargs)
        self.fields["contact"].choices = [("", _("Ingen valgt"))] + [
            (c.pk, f"{c.name} ({c.role})" if c.role else c.name) for c in contacts
        ]


class ExtendForm(forms.Form):
    new_end = forms.DateField(
        label=_("Ny planlagt slutdato"),
        error_messages={"required": _("Angiv den nye planlagte slutdato.")},
        **DATE_WIDGET,
    )
    reason = forms.CharField(
        label=_("Begrundelse"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Skriv hvorfor forløbet forlænges.")},
    )
    assessment = forms.CharField(
        label=_("Konkret vurdering"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kræves, hvis forløbet bliver længere end lovens udgangspunkt for borgerens målgruppe."),
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("prefix", "extend")
        super().__init__(*args, **kwargs)
