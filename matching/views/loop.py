"""POST actions of the placement loop: record a follow-up, edit, extend. Each re-renders the placement
page with field errors (400) on bad input, else redirects back to it."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from matching import agreement, loop_services
from matching.loop_forms import ExtendForm, FollowUpRecordForm, PlacementEditForm
from matching.services import PlacementError
from matching.views.placements import _render_detail, _scoped_placement
from portal.core.access import can_match, require
from portal.core.audit import AuditContext, audit_log
from portal.core.models import AuditAction


def _run(request, placement, key, form, action, success: str) -> HttpResponse:
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except PlacementError as error:
            if error.field not in form.fields:
                messages.error(request, error.message)
                return redirect("matching:placement_detail", pk=placement.pk)
            form.add_error(error.field, error.message)
        else:
            messages.success(request, success)
            return redirect("matching:placement_detail", pk=placement.pk)
    return _render_detail(request, placement, status=400, loop_bound={key: form})


@require(can_match)
@require_POST
def placement_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    placement = _scoped_placement(request, pk)
    return _run(
        request,
        placement,
        "follow_up",
        FollowUpRecordForm(request.POST),
        lambda data: loop_services.placement_record_follow_up(
            placement=placement,
            by=request.user,
            held_on=data["held_on"],
            form=data["form"],
            note=data["note"],
            next_follow_up=data["next_follow_up"],
            context=AuditContext.from_request(request),
        ),
        _("Opfølgningen er registreret."),
    )


@require(can_match)
@require_POST
def placement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    placement = _scoped_placement(request, pk)
    form = PlacementEditForm(request.POST, contacts=placement.enterprise.contacts.all())
    return _run(
        request,
        placement,
        "edit",
        form,
        lambda data: loop_services.placement_update(
            placement=placement,
            by=request.user,
            planned_end_date=data["planned_end_date"],
            hours_per_week=data["hours_per_week"],
            tasks=data["tasks"],
            contact_id=data["contact"],
            enterprise_info=data["enterprise_info"],
            enterprise_info_agreed_on=data["enterprise_info_agreed_on"],
            context=AuditContext.from_request(request),
        ),
        _("Forløbet er opdateret."),
    )


@require(can_match)
@require_POST
def placement_extend(request: HttpRequest, pk: int) -> HttpResponse:
    placement = _scoped_placement(request, pk)
    return _run(
        request,
        placement,
        "extend",
        ExtendForm(request.POST),
        lambda data: loop_services.placement_extend(
            placement=placement,
            by=request.user,
            new_end=data["new_end"],
            reason=data["reason"],
            assessment=data["assessment"],
            context=AuditContext.from_request(request),
        ),
        _("Forløbet er forlænget."),
    )


@never_cache
@require(can_match)
def placement_agreement_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The praktikaftale draft. Only with the citizen's consent; every download is audited."""
    placement = _scoped_placement(request, pk)
    refusal = agreement.agreement_refusal(placement)
    if refusal:
        messages.error(request, refusal)
        return redirect("matching:placement_detail", pk=pk)
    draft = agreement.agreement_for(placement, request.user)
    pdf = agreement.agreement_pdf(draft)
    audit_log(
        action=AuditAction.PLACEMENT_AGREEMENT,
        request=request,
        target=placement.citizen,
        detail={"placement": placement.pk},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{agreement.agreement_filename(draft)}"'
    return response
