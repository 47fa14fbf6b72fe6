"""The admins' queue of public "Anmeld en virksomhed" submissions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from enterprises.models import EnterpriseReport
from enterprises.verify.reports import open_reports, report_approve, report_reject
from portal.core.access import can_curate_register, require
from portal.core.audit import AuditContext


@require(can_curate_register)
def report_queue(request: HttpRequest) -> HttpResponse:
    return render(request, "enterprises/reports.html", {"reports": list(open_reports()[:200])})


@require(can_curate_register)
@require_POST
def report_decide(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(EnterpriseReport, pk=pk)
    if request.POST.get("decision") == "approve":
        try:
            enterprise = report_approve(report=report, context=AuditContext.from_request(request))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("%(name)s er oprettet i registeret.") % {"name": enterprise.name})
            return redirect("enterprises:edit", pk=enterprise.pk)
    elif request.POST.get("decision") == "reject":
        report_reject(report=report)
        messages.success(request, _("Anmeldelsen er afvist."))
    else:
        messages.error(request, _("Vælg opret eller afvis."))
    return redirect("enterprises:reports")
