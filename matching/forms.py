"""Forms for matching and placements. Rendered with crispy-forms (`|crispy`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from matching.models import CancelReason, Outcome, PlacementStatus

DISTANCE_CHOICES = [(km, _("%(km)s km") % {"km": km}) for km in (5, 10, 20, 30, 40, 60, 100)]


class MatchFilterForm(forms.Form):
    """Controls on the matches page (GET, shareable link)."""

    type = forms.ChoiceField(label=_("Forløbstype"), required=False)
    km = forms.TypedChoiceField(label=_("Afstand"), coerce=int, required=False)
    excluded = forms.BooleanField(label=_("Vis fravalgte virksomheder"), required=False)

    def __init__(self, *args, type_choices, default_km: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("Borgerens ønskede forløbstyper"))] + list(type_choices)
        kms = dict(DISTANCE_CHOICES)
        kms.setdefault(default_km, _("%(km)s km") % {"km": default_km})
        self.fields["km"].choices = [
            (km, f"{label} ({_('borgerens maks.')})" if km == default_km else label)
            for km, label in sorted(kms.items())
        ]
        self.fields["km"].initial = default_km


class CandidateFilterForm(forms.Form):
    type = forms.ChoiceField(label=_("Forløbstype"), required=False)

    def __init__(self, *args, type_choices, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("Alle tilbudte typer med ledige pladser"))] + list(type_choices)


class ProposeForm(forms.Form):
    placement_type = forms.ChoiceField(label=_("Forløbstype"))
    purpose = forms.CharField(
        label=_("Formål"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hvad skal forløbet føre til? Fx afklaring af arbejdsevne, faste rutiner eller job."),
        error_messages={"required": _("Skriv formålet med forløbet.")},
    )
    start_date = forms.DateField(
        label=_("Forventet startdato"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Slutdato og opfølgning beregnes ud fra forløbstypen."),
    )
    hours_per_week = forms.IntegerField(label=_("Timer pr. uge"), required=False, min_value=1, max_value=37)
    note = forms.CharField(label=_("Notat"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, type_choices, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["placement_type"].choices = list(type_choices)


TRANSITION_LABELS = {
    PlacementStatus.CONTACTED: _("Markér som kontaktet"),
    PlacementStatus.AGREED: _("Markér som aftalt"),
    PlacementStatus.ACTIVE: _("Start forløbet"),
    PlacementStatus.COMPLETED: _("Afslut forløbet"),
    PlacementStatus.CANCELLED: _("Annullér forløbet"),
}


class TransitionForm(forms.Form):
    """One next step on the placement page; prefixed by the target status so ids stay unique."""

    note = forms.CharField(label=_("Notat"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.ChoiceField(
        label=_("Årsag"),
        choices=[("", _("Vælg årsag"))] + list(CancelReason.choices),
        error_messages={"required": _("Vælg en årsag til annulleringen.")},
    )
    outcome = forms.ChoiceField(
        label=_("Resultat"),
        # "Forlænget forløb" stays on old placements; a new extension is the "Forlæng" action.
        choices=[("", _("Vælg resultat"))] + [c for c in Outcome.choices if c[0] != Outcome.EXTENDED],
        error_messages={"required": _("Vælg forløbets resultat.")},
    )
    start_date = forms.DateField(
        label=_("Startdato"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Tom: i dag. Forløbet kan kun startes på en dato i dag eller tidligere."),
    )
    ended_on = forms.DateField(
        label=_("Faktisk slutdato"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Den dag, borgeren sidst var i forløbet. Ikke i fremtiden, ikke før starten."),
        error_messages={"required": _("Angiv den faktiske slutdato.")},
    )

    def __init__(self, *args, to_status: str, **kwargs) -> None:
        kwargs.setdefault("prefix", to_status)
        super().__init__(*args, **kwargs)
        self.to_status = to_status
        self.submit_label = TRANSITION_LABELS.get(to_status, to_status)
        if to_status != PlacementStatus.CANCELLED:
            del self.fields["reason"]
        if to_status != PlacementStatus.COMPLETED:
            del self.fields["outcome"]
        if to_status == PlacementStatus.AGREED:
            # An agreed start may lie in the future: the placement then starts by itself on that day.
            self.fields["start_date"].label = _("Aftalt startdato")
            self.fields["start_date"].help_text = _(
                "Må gerne ligge i fremtiden: forløbet starter af sig selv på datoen. Tom: uændret."
            )
        elif to_status != PlacementStatus.ACTIVE:
            del self.fields["start_date"]
        if to_status != PlacementStatus.COMPLETED:
            del self.fields["ended_on"]


class PlacementFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Søg"),
        required=False,
        max_length=100,
        help_text=_("Borgerens navn eller virksomhedens navn."),
    )
    sort = forms.CharField(required=False, widget=forms.HiddenInput, max_length=20)
    scope = forms.ChoiceField(
        label=_("Vis"),
        required=False,
        choices=[("mine", _("Mine borgeres forløb")), ("all", _("Hele jobcentrets forløb"))],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle åbne")), ("finished", _("Afsluttede og annullerede")), ("all", _("Alle"))]
        + list(PlacementStatus.choices),
    )
    flag = forms.ChoiceField(
        label=_("Kræver handling"),
        required=False,
        choices=[
            ("", _("Alle")),
            ("overdue", _("Opfølgning overskredet")),
            ("stale", _("Ingen bevægelse i 14 dage")),
        ],
    )
