"""Correction suggestions: jobcenter staff send them from the detail page, admins resolve them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from enterprises import corrections, selectors
from enterprises.forms import CorrectionForm, ResolveCorrectionForm
from enterprises.models import CorrectionSuggestion
from portal.core.access import (
    can_curate_register,
    can_suggest_register_correction,
    get_scoped_or_404,
    require,
)
from portal.core.audit import AuditContext
from portal.core.htmx import render_list


@require(can_suggest_register_correction)
@require_POST
def correction_suggest(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = get_scoped_or_404(selectors.enterprises_visible_to(request.user), pk=pk)
    form = CorrectionForm(request.POST)
    if form.is_valid():
        corrections.correction_suggest(
            enterprise=enterprise,
            text=form.cleaned_data["text"],
            by=request.user,
            context=AuditContext.from_request(request),
        )
        messages.success(request, _("Tak! Dit rettelsesforslag er sendt til registeradministratorerne."))
    else:
        messages.error(request, _("Skriv, hvad der er forkert, før du sender forslaget."))
    return redirect("enterprises:detail", pk=pk)


@require(can_curate_register)
@require_GET
def correction_queue(request: HttpRequest) -> HttpResponse:
    """Open suggestions to resolve, or (`?status=resolved`) those already handled."""
    resolved = request.GET.get("status") == "resolved"
    if resolved:
        suggestions = list(selectors.resolved_corrections()[:200])
    else:
        suggestions = list(selectors.open_corrections()[:200])
        for suggestion in suggestions:
            suggestion.form = ResolveCorrectionForm(prefix=f"c{suggestion.pk}", changes=suggestion.changes)
    return render_list(
        request,
        page_template="enterprises/corrections.html",
        fragment_template="enterprises/_corrections_results.html",
        context={"suggestions": suggestions, "resolved": resolved},
    )


@require(can_curate_register)
@require_POST
def correction_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = get_scoped_or_404(CorrectionSuggestion.objects.open().select_related("enterprise"), pk=pk)
    form = ResolveCorrectionForm(request.POST, prefix=f"c{suggestion.pk}", changes=suggestion.changes)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("enterprises:corrections")
    try:
        corrections.correction_resolve(
            suggestion=suggestion,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            accept=form.cleaned_data.get("accept") or [],
            by=request.user,
            context=AuditContext.from_request(request),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Rettelsesforslaget er behandlet."))
    return redirect("enterprises:corrections")
