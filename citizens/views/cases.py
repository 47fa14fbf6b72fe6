"""List, CPR search, create, detail and edit of citizen cases."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from citizens import services
from citizens.forms import CitizenFilterForm, CitizenForm, CprSearchForm, NoteForm
from citizens.models import Citizen
from citizens.selectors import CPR_SEARCH_TERM, SCOPE_ALL, citizen_cpr_search, citizen_list
from citizens.views._access import audit_page_read, citizen_view
from portal.core.access import can_access_citizens, can_reassign_citizens, can_view_audit_log, require
from portal.core.audit import AuditContext, audit_log
from portal.core.htmx import render_list
from portal.core.models import AuditAction

PAGE_SIZE = 25


def _log_list(request: HttpRequest, citizens: list[Citizen], *, search: str | None, page: int = 1) -> None:
    detail: dict = {"ids": [c.pk for c in citizens], "page": page}
    if search is None:
        audit_log(action=AuditAction.CITIZEN_LIST, request=request, detail=detail)
    else:
        audit_log(action=AuditAction.CITIZEN_SEARCH, request=request, detail={**detail, "search": search})


def _whole_jobcenter_query(params, filters: dict, *, found: bool) -> str:
    """A name search that found none of "my" citizens: the same search in the whole jobcenter."""
    if found or not (filters.get("q") or "").strip() or filters.get("scope") == SCOPE_ALL:
        return ""
    wider = params.copy()
    wider["scope"] = SCOPE_ALL
    wider.pop("page", None)
    return wider.urlencode()


@never_cache
@require_http_methods(["GET", "HEAD"])
@require(can_access_citizens)
def citizen_list_view(request: HttpRequest) -> HttpResponse:
    params = request.GET.copy()
    digits_in_query = any(ch.isdigit() for ch in params.get("q", ""))
    if digits_in_query:
        # A CPR number (or part of one) typed into the name search: not used, not logged, not echoed.
        params.pop("q")
        messages.warning(
            request, _("Søg på CPR-nummer i CPR-feltet, så nummeret ikke kommer i adresselinjen.")
        )
    form = CitizenFilterForm(params or None, jobcenter_id=request.user.jobcenter_id)
    filters = form.filters()
    query = (filters.get("q") or "").strip()
    page = Paginator(citizen_list(user=request.user, filters=filters), PAGE_SIZE).get_page(params.get("page"))
    citizens = list(page.object_list)
    search = CPR_SEARCH_TERM if digits_in_query else (query or None)
    _log_list(request, citizens, search=search, page=page.number)
    params.pop("page", None)
    querystring = params
    context = {
        "form": form,
        "cpr_form": CprSearchForm(),
        "page": page,
        "citizens": citizens,
        "querystring": querystring.urlencode(),
        "whole_jobcenter_query": _whole_jobcenter_query(params, filters, found=bool(citizens)),
    }
    return render_list(
        request,
        page_template="citizens/list.html",
        fragment_template="citizens/_list_results.html",
        context=context,
    )


@never_cache
@sensitive_post_parameters("cpr")
@require_POST
@require(can_access_citizens)
def citizen_cpr_search_view(request: HttpRequest) -> HttpResponse:
    """Exact CPR search by POST (the number stays out of URLs); logged as "cpr-søgning"."""
    cpr_form = CprSearchForm(request.POST)
    citizens: list[Citizen] = []
    if cpr_form.is_valid():
        citizens = list(citizen_cpr_search(user=request.user, cpr=cpr_form.cleaned_data["cpr"]))
        _log_list(request, citizens, search=CPR_SEARCH_TERM)
    context = {
        "form": CitizenFilterForm(None, jobcenter_id=request.user.jobcenter_id),
        "cpr_form": cpr_form,
        "page": None,
        "citizens": citizens,
        "cpr_search": True,
        "querystring": "",
    }
    return render(request, "citizens/list.html", context)


@never_cache
@sensitive_post_parameters("cpr")
@require_http_methods(["GET", "HEAD", "POST"])
@require(can_access_citizens)
def citizen_create_view(request: HttpRequest) -> HttpResponse:
    form = CitizenForm(request.POST or None, jobcenter_id=request.user.jobcenter_id)
    if request.method == "POST" and form.is_valid():
        try:
            citizen = services.citizen_create(
                by=request.user,
                cpr=form.cleaned_data["cpr"],
                fields=form.service_fields(),
                context=AuditContext.from_request(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Borgeren er oprettet."))
            if form.cpr_notice:
                messages.info(request, form.cpr_notice)
            return redirect("citizens:detail", pk=citizen.pk)
    return render(request, "citizens/form.html", {"form": form, "citizen": None})


@citizen_view(full=True)
def citizen_detail_view(request: HttpRequest, citizen: Citizen) -> HttpResponse:
    audit_log(action=AuditAction.CITIZEN_VIEW, request=request, target=citizen)
    return render(
        request,
        "citizens/detail.html",
        {
            "citizen": citizen,
            "notes": list(citizen.notes.all()),
            "note_form": NoteForm(action=reverse("citizens:note_add", args=[citizen.pk])),
            "can_reassign": can_reassign_citizens(request.user),
            "can_export": can_view_audit_log(request.user),
        },
    )


@sensitive_post_parameters("cpr")
@citizen_view(methods=("GET", "POST"))
def citizen_edit_view(request: HttpRequest, citizen: Citizen) -> HttpResponse:
    form = CitizenForm(request.POST or None, instance=citizen, jobcenter_id=citizen.jobcenter_id)
    if request.method == "POST" and form.is_valid():
        try:
            services.citizen_update(
                citizen=citizen,
                by=request.user,
                fields=form.service_fields(),
                cpr=form.cleaned_data.get("cpr") or None,
                context=AuditContext.from_request(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Sagen er gemt."))
            if form.cpr_notice:
                messages.info(request, form.cpr_notice)
            return redirect("citizens:detail", pk=citizen.pk)
    audit_page_read(request, citizen, "edit")
    return render(request, "citizens/form.html", {"form": form, "citizen": citizen})
