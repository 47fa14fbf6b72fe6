"""`/audit/`: the team lead's view of the jobcenter's audit log (who read or changed what, and when);
`/audit/security/`: refused access to other jobcenters' cases, for superusers (system administrators later)."""

import django_filters
from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from citizens.forms import CprSearchForm
from citizens.selectors import CPR_SEARCH_TERM, citizen_cpr_search
from portal.auditlog import selectors
from portal.core.access import can_view_audit_log, can_view_security_log, require
from portal.core.audit import audit_log
from portal.core.audit_display import with_summaries
from portal.core.htmx import render_list
from portal.core.models import AuditAction, AuditEvent, Jobcenter, Role, User

PAGE_SIZE = 50


class AuditEventFilter(django_filters.FilterSet):
    actor = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Bruger"), queryset=User.objects.none(), empty_label=gettext_lazy("Alle")
    )
    name = django_filters.CharFilter(
        label=gettext_lazy("Borgerens navn"), method="filter_name", max_length=100
    )
    # Set by "Se log for sagen" on the case page; shown as the citizen's name above the results.
    citizen = django_filters.NumberFilter(method="filter_citizen", min_value=1, widget=forms.HiddenInput)
    action = django_filters.ChoiceFilter(
        label=gettext_lazy("Handling"), choices=AuditAction.choices, empty_label=gettext_lazy("Alle")
    )
    date_from = django_filters.DateFilter(
        label=gettext_lazy("Fra dato"),
        field_name="at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label=gettext_lazy("Til dato"),
        field_name="at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = AuditEvent
        fields: list[str] = []

    def __init__(self, *args, jobcenter_id: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.jobcenter_id = jobcenter_id
        actor = self.filters["actor"]
        actor.queryset = User.objects.filter(
            jobcenter_id=jobcenter_id, role__in=[Role.CASEWORKER, Role.TEAM_LEAD]
        ).order_by("first_name", "last_name", "username")
        actor.field.label_from_instance = lambda user: user.display_name

    def filter_citizen(self, queryset, name, value):
        # An indexed join through the subject rows: the case's own events and every list showing it.
        return queryset.naming_citizen(value)

    def filter_name(self, queryset, name, value):
        if not value.strip():
            return queryset
        ids = selectors.citizen_ids_named(jobcenter_id=self.jobcenter_id, name=value)
        return queryset.filter(target_type="citizen", target_id__in=ids)


@never_cache
@require_http_methods(["GET", "HEAD"])
@require(can_view_audit_log)
def audit_list(request: HttpRequest) -> HttpResponse:
    return _render_log(request, request.GET)


@never_cache
@sensitive_post_parameters("cpr")
@require_POST
@require(can_view_audit_log)
def audit_cpr_search(request: HttpRequest) -> HttpResponse:
    """Find a citizen's events by CPR number: by POST, so the number never lands in a URL."""
    form = CprSearchForm(request.POST)
    if form.is_valid():
        found = list(citizen_cpr_search(user=request.user, cpr=form.cleaned_data["cpr"]))
        audit_log(
            action=AuditAction.CITIZEN_SEARCH,
            request=request,
            detail={"ids": [c.pk for c in found], "search": CPR_SEARCH_TERM, "page": "audit"},
        )
        if found:
            return redirect(f"{reverse('audit:list')}?citizen={found[0].pk}")
        form.add_error("cpr", _("Ingen borger i jobcentret har dette CPR-nummer."))
    return _render_log(request, QueryDict(), cpr_form=form)


def _render_log(
    request: HttpRequest, params: QueryDict, cpr_form: CprSearchForm | None = None
) -> HttpResponse:
    jobcenter_id = request.user.jobcenter_id
    queryset = AuditEvent.objects.filter(jobcenter_id=jobcenter_id).select_related("actor")
    filterset = AuditEventFilter(params or None, queryset=queryset, jobcenter_id=jobcenter_id)
    events = filterset.qs if filterset.is_bound else queryset
    # Newest first by the model's ordering; a citizen filter orders by id instead (naming_citizen).
    page = Paginator(events, PAGE_SIZE).get_page(params.get("page"))
    shown = with_summaries(page.object_list)
    citizens = selectors.citizens_named_in(shown, jobcenter_id=jobcenter_id)
    for event in shown:
        event.citizen = citizens.get(event.target_id) if event.target_type == "citizen" else None
    if citizens:  # the page names these citizens: that is a read of their cases
        audit_log(
            action=AuditAction.CITIZEN_LIST,
            request=request,
            detail={"ids": sorted(citizens), "page": "audit"},
        )
    querystring = params.copy()
    querystring.pop("page", None)
    chosen = params.get("citizen", "")
    return render_list(
        request,
        page_template="audit/list.html",
        fragment_template="audit/_results.html",
        context={
            "filter": filterset,
            "cpr_form": cpr_form or CprSearchForm(),
            "page": page,
            "events": shown,
            "querystring": querystring.urlencode(),
            "only_citizen": citizens.get(int(chosen)) if chosen.isdigit() else None,
        },
        status=200,
    )


@never_cache
@require_http_methods(["GET", "HEAD"])
@require(can_view_security_log)
def security_list(request: HttpRequest) -> HttpResponse:
    """Security events no jobcenter owns: refused access to another jobcenter's cases (guessed ids)."""
    events = AuditEvent.objects.filter(action=AuditAction.ACCESS_REFUSED).select_related("actor__jobcenter")
    page = Paginator(events.order_by("-at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    jobcenters = dict(Jobcenter.objects.values_list("pk", "name"))
    for event in page.object_list:
        event.owner = jobcenters.get((event.detail or {}).get("owner_jobcenter_id"), "–")
    return render(request, "audit/security.html", {"page": page, "events": page.object_list})
