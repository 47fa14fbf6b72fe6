"""`/audit/`: the team lead's view of the jobcenter's audit log (who read or changed what, and when);
`/audit/security/`: refused access to other jobcenters' cases, for superusers (system administrators later)."""

import django_filters
from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from portal.core.access import can_view_audit_log, can_view_security_log, require
from portal.core.audit_display import with_summaries
from portal.core.models import AuditAction, AuditEvent, Jobcenter, Role, User

PAGE_SIZE = 50


class AuditEventFilter(django_filters.FilterSet):
    actor = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Bruger"), queryset=User.objects.none(), empty_label=gettext_lazy("Alle")
    )
    citizen = django_filters.NumberFilter(
        label=gettext_lazy("Borger (sagsnummer)"), method="filter_citizen", min_value=1
    )
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
        actor = self.filters["actor"]
        actor.queryset = User.objects.filter(
            jobcenter_id=jobcenter_id, role__in=[Role.CASEWORKER, Role.TEAM_LEAD]
        ).order_by("first_name", "last_name", "username")
        actor.field.label_from_instance = lambda user: user.display_name

    def filter_citizen(self, queryset, name, value):
        # An indexed join through the subject rows: the case's own events and every list showing it.
        return queryset.naming_citizen(value)


@never_cache
@require_http_methods(["GET", "HEAD"])
@require(can_view_audit_log)
def audit_list(request: HttpRequest) -> HttpResponse:
    jobcenter_id = request.user.jobcenter_id
    queryset = AuditEvent.objects.filter(jobcenter_id=jobcenter_id).select_related("actor")
    filterset = AuditEventFilter(request.GET or None, queryset=queryset, jobcenter_id=jobcenter_id)
    # Newest first by the model's ordering; a citizen filter orders by id instead (naming_citizen).
    events = filterset.qs if filterset.is_bound else queryset
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return render(
        request,
        "audit/list.html",
        {
            "filter": filterset,
            "page": page,
            "events": with_summaries(page.object_list),
            "querystring": querystring.urlencode(),
        },
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
