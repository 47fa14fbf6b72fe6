"""Browsing the register: list with filters (htmx partial), detail page, CSV export."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from enterprises import selectors
from enterprises.csv_io import export_csv
from enterprises.forms import CorrectionForm
from portal.core.access import (
    can_browse_register,
    can_curate_register,
    can_suggest_register_correction,
    get_scoped_or_404,
    require,
)
from portal.core.htmx import render_list

PAGE_SIZE = 25


@require(can_browse_register)
@require_GET
def enterprise_list(request: HttpRequest) -> HttpResponse:
    search = selectors.enterprise_search(user=request.user, params=request.GET)
    paginator = Paginator(search.queryset, PAGE_SIZE)
    paginator.count = search.count()  # a cached_property: the cheaper count replaces Django's
    page = paginator.get_page(request.GET.get("page"))
    rows = list(selectors.with_list_related(page.object_list))
    for enterprise in rows:
        enterprise.distance_km = selectors.distance_km(enterprise, search.origin)
        enterprise.offer_rows = enterprise.offers_with_ratio()
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": search.filterset,
        "sort_form": search.sort_form,
        "sort": search.sort,
        "origin": search.origin,
        "no_home": search.no_home,
        "page": page,
        "page_range": list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
        "rows": rows,
        "query": query.urlencode(),
        "can_curate": can_curate_register(request.user),
    }
    return render_list(
        request,
        page_template="enterprises/list.html",
        fragment_template="enterprises/_results.html",
        context=context,
    )


@never_cache  # matching's panel may list the user's own citizens here
@require(can_browse_register)
@require_GET
def enterprise_detail(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = get_scoped_or_404(selectors.enterprise_for_page(user=request.user), pk=pk)
    offers = enterprise.offers_with_ratio()
    # An archived enterprise is read-only for the caseworkers who still see it.
    may_suggest = can_suggest_register_correction(request.user) and not enterprise.is_archived
    return render(
        request,
        "enterprises/detail.html",
        {
            "enterprise": enterprise,
            "offers": offers,
            "ratio": enterprise.ratio(),
            "can_curate": can_curate_register(request.user),
            "correction_form": CorrectionForm() if may_suggest else None,
            "my_corrections": (
                selectors.corrections_suggested_by(user=request.user, enterprise=enterprise)
                if may_suggest
                else []
            ),
        },
    )


@require(can_browse_register)
@require_GET
def enterprise_export(request: HttpRequest) -> HttpResponse:
    search = selectors.enterprise_search(user=request.user, params=request.GET)
    response = HttpResponse(export_csv(search.queryset), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="virksomheder-{stamp}.csv"'
    return response
