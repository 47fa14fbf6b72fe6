"""`/citizens/<id>/matches/`, proposing from it, and `/enterprises/<id>/candidates/`."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from citizens.models import Citizen
from enterprises.models import Enterprise, Offer
from matching import selectors, services
from matching.candidates import match_citizens
from matching.forms import CandidateFilterForm, MatchFilterForm, ProposeForm
from portal.core.access import can_match, get_scoped_or_404, require, scope_to_jobcenter
from portal.core.audit import AuditContext, audit_if_foreign, audit_log
from portal.core.models import AuditAction, PlacementType


def _scoped_citizen(request: HttpRequest, pk: int) -> Citizen:
    citizens = selectors.citizens_for_matching(scope_to_jobcenter(request.user, Citizen.objects.all()))
    try:
        return get_scoped_or_404(citizens, pk=pk)
    except Http404:
        audit_if_foreign(request, queryset=Citizen.objects, owner="jobcenter_id", kind="citizen", pk=pk)
        raise


@never_cache
@require(can_match)
def matches(request: HttpRequest, pk: int) -> HttpResponse:
    citizen = _scoped_citizen(request, pk)
    types = selectors.placement_types()
    data = request.GET.copy()
    if not data.get("km"):
        data["km"] = str(citizen.max_travel_km)
    form = MatchFilterForm(
        data,
        type_choices=[(code, info.label) for code, info in types.items()],
        default_km=citizen.max_travel_km,
    )
    placement_type, km, show_excluded = None, citizen.max_travel_km, False
    if form.is_valid():
        placement_type = form.cleaned_data["type"] or None
        km = form.cleaned_data["km"] or citizen.max_travel_km
        show_excluded = form.cleaned_data["excluded"]
    result = selectors.match_enterprises(
        citizen=citizen, placement_type=placement_type, max_km=km, show_excluded=show_excluded
    )
    audit_log(
        action=AuditAction.MATCH_VIEW,
        request=request,
        target=citizen,
        detail={
            "type": placement_type or "",
            "km": km,
            "enterprises": [m.enterprise.id for m in result.ranked],
        },
    )
    return render(
        request,
        "matching/matches.html",
        {"citizen": citizen, "form": form, "result": result, "show_excluded": show_excluded},
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@require(can_match)
def propose(request: HttpRequest, pk: int, enterprise_pk: int) -> HttpResponse:
    citizen = _scoped_citizen(request, pk)
    enterprise = get_object_or_404(Enterprise.objects.visible_to(request.user), pk=enterprise_pk)
    offered = PlacementType.objects.filter(
        code__in=Offer.objects.filter(enterprise=enterprise).values("placement_type_id")
    ).order_by("sort_order")
    type_choices = [(t.code, t.label) for t in offered]
    initial = {"placement_type": request.GET.get("type"), "hours_per_week": citizen.hours_per_week}
    form = ProposeForm(request.POST or None, initial=initial, type_choices=type_choices)
    if request.method == "POST" and form.is_valid():
        try:
            placement = services.placement_propose(
                citizen=citizen,
                enterprise=enterprise,
                placement_type=offered.get(code=form.cleaned_data["placement_type"]),
                by=request.user,
                purpose=form.cleaned_data["purpose"],
                start_date=form.cleaned_data["start_date"],
                hours_per_week=form.cleaned_data["hours_per_week"],
                note=form.cleaned_data["note"],
                context=AuditContext.from_request(request),
            )
        except services.PlacementError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Forløbet er foreslået."))
            return redirect("matching:placement_detail", pk=placement.pk)
    # Logged on every render (a form re-shown after an invalid POST shows the case too).
    audit_log(
        action=AuditAction.CITIZEN_VIEW,
        request=request,
        target=citizen,
        detail={"page": "propose", "enterprise": enterprise.pk},
    )
    return render(
        request,
        "matching/propose.html",
        {"citizen": citizen, "enterprise": enterprise, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@never_cache
@require(can_match)
def candidates(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = get_object_or_404(Enterprise.objects.visible_to(request.user), pk=pk)
    offered = PlacementType.objects.filter(
        code__in=Offer.objects.filter(enterprise=enterprise).values("placement_type_id")
    ).order_by("sort_order")
    form = CandidateFilterForm(request.GET or None, type_choices=[(t.code, t.label) for t in offered])
    placement_type = (form.cleaned_data["type"] or None) if form.is_valid() else None
    found = match_citizens(enterprise=enterprise, user=request.user, placement_type=placement_type)
    audit_log(
        action=AuditAction.MATCH_VIEW,
        request=request,
        target=enterprise,
        # "ids" = citizens shown: the citizen's access report finds list views by it.
        detail={"type": placement_type or "", "ids": [c.citizen.pk for c in found]},
    )
    return render(
        request,
        "matching/candidates.html",
        {"enterprise": enterprise, "form": form, "candidates": found},
    )
