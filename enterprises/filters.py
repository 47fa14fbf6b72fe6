"""The register list's filters: all in the query string, so links can be shared and Back works."""

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from enterprises.models import EnterpriseKind, EnterpriseStatus
from portal.core.models import ChallengeArea, Municipality, PlacementType, Postcode, Region, TargetGroup

SUPPORT_CHOICES = [
    ("has_social_staff", _("Socialfagligt personale")),
    ("has_mentor", _("Mentor")),
    ("has_job_coach", _("Jobcoach")),
    ("wheelchair_access", _("Kørestolsadgang")),
    ("flexible_hours", _("Fleksible eller korte arbejdstider")),
]
SORT_CHOICES = [
    ("name", _("Navn")),
    ("verified", _("Senest verificeret")),
    ("distance", _("Afstand fra postnummer")),
]


def search_q(term: str) -> Q:
    """Free text over name, CVR, description and town."""
    term = term.strip()
    q = Q(name__icontains=term) | Q(description__icontains=term)
    digits = term.replace(" ", "")
    if digits.isdigit():
        q |= Q(cvr__startswith=digits)
        if len(digits) == 4:
            q |= Q(postcode_id=digits)
    # Resolved first so the database sees a plain list it can look up in the postcode index.
    towns = list(Postcode.objects.filter(name__icontains=term).values_list("number", flat=True))
    return q | Q(postcode_id__in=towns) if towns else q


class EnterpriseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Søg"),
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Navn, CVR, by eller opgaver")}),
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Kommune"), queryset=Municipality.objects.all(), empty_label=_("Alle kommuner")
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.all(),
        field_name="municipality__region",
        empty_label=_("Alle regioner"),
    )
    target_group = django_filters.ModelChoiceFilter(
        label=_("Målgruppe"),
        queryset=TargetGroup.objects.all(),
        field_name="target_groups",
        empty_label=_("Alle målgrupper"),
    )
    challenge_area = django_filters.ModelChoiceFilter(
        label=_("Erfaring med"),
        queryset=ChallengeArea.objects.all(),
        field_name="challenge_areas",
        empty_label=_("Alle udfordringer"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Type"), choices=EnterpriseKind.choices, empty_label=_("Alle typer")
    )
    placement_type = django_filters.ModelChoiceFilter(
        label=_("Forløbstype"),
        queryset=PlacementType.objects.all(),
        method="filter_placement_type",
        empty_label=_("Alle forløbstyper"),
    )
    free_places = django_filters.BooleanFilter(
        label=_("Kun med ledige pladser"), method="filter_free_places", widget=forms.CheckboxInput
    )
    rsv = django_filters.BooleanFilter(
        label=_("Kun RSV-registrerede"),
        field_name="rsv_registered",
        method="filter_true",
        widget=forms.CheckboxInput,
    )
    support = django_filters.MultipleChoiceFilter(
        label=_("Støtte på stedet"),
        choices=SUPPORT_CHOICES,
        method="filter_support",
        widget=forms.CheckboxSelectMultiple,
    )
    stale = django_filters.BooleanFilter(
        label=_("Kun ikke verificeret i 12 måneder"), method="filter_stale", widget=forms.CheckboxInput
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=EnterpriseStatus.choices, empty_label=_("Aktive og på pause")
    )

    class Meta:
        fields: list[str] = []

    def __init__(self, *args, can_see_archived: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not can_see_archived:
            del self.filters["status"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(search_q(value)) if value.strip() else queryset

    def filter_placement_type(self, queryset: QuerySet, name: str, value: PlacementType) -> QuerySet:
        if self.form.cleaned_data.get("free_places"):
            return queryset.with_usable_places(value.pk)
        return queryset.filter(offers__placement_type=value)

    def filter_free_places(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        if not value or self.form.cleaned_data.get("placement_type"):
            return queryset  # combined with the placement type above
        return queryset.with_usable_places()

    def filter_true(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return queryset.filter(**{name: True}) if value else queryset

    def filter_support(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        return queryset.filter(**dict.fromkeys(value, True))

    def filter_stale(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return queryset.stale() if value else queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        if "status" in self.filters and not self.form.cleaned_data.get("status"):
            queryset = queryset.exclude(status=EnterpriseStatus.ARCHIVED)
        return queryset


RADIUS_CHOICES = [
    ("", _("Hele landet")),
    ("10", _("Inden for 10 km")),
    ("20", _("Inden for 20 km")),
    ("40", _("Inden for 40 km")),
]


class SortForm(forms.Form):
    """Order and distance. `home` is the user's jobcenter postcode: distance from it is the default."""

    sort = forms.ChoiceField(label=_("Sortér efter"), choices=SORT_CHOICES, required=False)
    within = forms.TypedChoiceField(
        label=_("Afstand"), choices=RADIUS_CHOICES, required=False, coerce=int, empty_value=None
    )
    from_postcode = forms.CharField(
        label=_("Fra postnummer"),
        required=False,
        max_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code", "size": 5}),
    )

    def __init__(self, *args, home: Postcode | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.home = home
        if home is not None:
            self.fields["sort"].initial = "distance"
            self.fields["from_postcode"].widget.attrs["placeholder"] = home.number

    def clean_from_postcode(self) -> Postcode | None:
        number = self.cleaned_data["from_postcode"].strip()
        if not number:
            return None
        postcode = Postcode.objects.filter(number=number).first()
        if postcode is None:
            raise forms.ValidationError(_("Ukendt postnummer."))
        return postcode
