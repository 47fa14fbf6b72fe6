"""`/placements/` (list with filters), `/placements/<id>/` (timeline and next steps) and transitions."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from matching import placement_search, services, status
from matching.forms import PlacementFilterForm, TransitionForm
from matching.loop_selectors import loop_context
from matching.models import Placement
from portal.core.access import can_match, get_scoped_or_404, is_team_lead, require
from portal.core.audit import AuditContext, audit_if_foreign, audit_log
from portal.core.htmx import render_list
from portal.core.models import AuditAction

PAGE_SIZE = 50


def _scoped_placement(request: HttpRequest, pk: int) -> Placement:
    try:
        return get_scoped_or_404(scoped_placements(request), pk=pk)
    except Http404:
        owner = "citizen__jobcenter_id"
        audit_if_foreign(request, queryset=Placement.objects, owner=owner, kind="placement", pk=pk)
        raise


def scoped_placements(request: HttpRequest):
    return placement_search.scoped_placements(request.user)


SORT_COLUMNS = (
    ("citizen", _("Borger")),
    ("enterprise", _("Virksomhed")),
    ("type", _("Forløbstype")),
    ("status", _("Status")),
    ("start", _("Start")),
    ("follow_up", _("Opfølgning")),
    ("end", _("Faktisk slut")),
)


def _columns(query, current: str) -> list[dict]:
    """Column headers as links: a click sorts by the column, a second click reverses it."""
    columns = []
    for key, label in SORT_COLUMNS:
        params = query.copy()
        params["sort"] = f"-{key}" if current == key else key
        direction = "ascending" if current == key else "descending" if current == f"-{key}" else ""
        columns.append({"label": label, "url": "?" + params.urlencode(), "aria_sort": direction})
    return columns


@never_cache
@require(can_match)
def placement_list(request: HttpRequest) -> HttpResponse:
    mine_by_default = not is_team_lead(request.user)
    initial = {"scope": "mine" if mine_by_default else "all"}
    form = PlacementFilterForm(request.GET or None, initial=initial)
    filters = form.cleaned_data if form.is_valid() else {}
    placements = placement_search.placement_search(
        user=request.user, filters=filters, mine_by_default=mine_by_default
    )
    page = Paginator(placements, PAGE_SIZE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    audit_log(
        action=AuditAction.PLACEMENT_LIST,
        request=request,
        # "ids" = citizens shown: the citizen's access report finds list views by it.
        detail={
            "ids": [p.citizen_id for p in page.object_list],
            "placements": [p.pk for p in page.object_list],
        },
    )
    sort_query = query.copy()
    sort_query.pop("sort", None)
    return render_list(
        request,
        page_template="matching/placement_list.html",
        fragment_template="matching/_placement_results.html",
        context={
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "columns": _columns(sort_query, filters.get("sort") or ""),
            "status_links": _status_links(query, filters.get("status") or ""),
        },
    )


def _status_links(query, current: str) -> list[dict]:
    """Open / finished / all, one click each (the filter's status field, kept in sync)."""
    links = []
    for value, label in (("", _("Åbne")), ("finished", _("Afsluttede")), ("all", _("Alle"))):
        params = query.copy()
        params["status"] = value
        links.append({"label": label, "url": "?" + params.urlencode(), "current": current == value})
    return links


def _transition_forms(placement: Placement, bound: TransitionForm | None = None) -> list[TransitionForm]:
    forms = []
    for to_status in status.next_statuses(placement.status):
        if bound is not None and bound.to_status == to_status:
            forms.append(bound)
        else:
            forms.append(TransitionForm(to_status=to_status))
    return forms


def _render_detail(
    request: HttpRequest, placement: Placement, bound=None, status: int = 200, loop_bound: dict | None = None
):
    audit_log(
        action=AuditAction.PLACEMENT_VIEW,
        request=request,
        target=placement.citizen,
        detail={"placement": placement.pk},
    )
    return render(
        request,
        "matching/placement_detail.html",
        {
            "placement": placement,
            "events": placement.events.select_related("by").all(),
            "forms": _transition_forms(placement, bound),
            **loop_context(placement, loop_bound or {}),
        },
        status=status,
    )


@never_cache
@require(can_match)
def placement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _scoped_placement(request, pk))


@require(can_match)
@require_POST
def placement_move(request: HttpRequest, pk: int, to_status: str) -> HttpResponse:
    placement = _scoped_placement(request, pk)
    if not status.can_move(placement.status, to_status):
        messages.error(request, _("Forløbet kan ikke flyttes dertil fra sin nuværende status."))
        return redirect("matching:placement_detail", pk=pk)
    form = TransitionForm(request.POST, to_status=to_status)
    if not form.is_valid():
        return _render_detail(request, placement, bound=form, status=400)
    try:
        services.placement_transition(
            placement=placement,
            to_status=to_status,
            by=request.user,
            note=form.cleaned_data.get("note", ""),
            reason=form.cleaned_data.get("reason"),
            outcome=form.cleaned_data.get("outcome"),
            start_date=form.cleaned_data.get("start_date"),
            ended_on=form.cleaned_data.get("ended_on"),
            context=AuditContext.from_request(request),
        )
    except services.PlacementError as error:
        if error.field in form.fields:
            form.add_error(error.field, error.message)
            return _render_detail(request, placement, bound=form, status=400)
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Forløbet er nu: %(status)s.") % {"status": placement.get_status_display()}
        )
    return redirect("matching:placement_detail", pk=pk)
