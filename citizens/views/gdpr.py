"""Access requests (GDPR art. 15, CJEU C-579/21): the citizen's data export and access report."""

import csv

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from citizens.export import citizen_export, export_json, labelled
from citizens.models import Citizen
from citizens.selectors import citizen_access_events
from citizens.views._access import citizen_view
from portal.core.access import can_view_audit_log
from portal.core.audit import audit_log
from portal.core.audit_display import event_summary, with_summaries
from portal.core.csv_safety import excel_safe
from portal.core.models import AuditAction

ACCESS_PAGE_SIZE = 50


@citizen_view(predicate=can_view_audit_log)
def export_json_view(request: HttpRequest, citizen: Citizen) -> HttpResponse:
    body = export_json(citizen=citizen)
    audit_log(action=AuditAction.CITIZEN_EXPORT, request=request, target=citizen, detail={"format": "json"})
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="borger-{citizen.pk}-indsigt.json"'
    return response


@citizen_view(predicate=can_view_audit_log)
def export_html_view(request: HttpRequest, citizen: Citizen) -> HttpResponse:
    header, sections = citizen_export(citizen=citizen)
    audit_log(action=AuditAction.CITIZEN_EXPORT, request=request, target=citizen, detail={"format": "html"})
    shown = [
        {"key": s.key, "title": s.title, "items": [labelled(row, s.labels) for row in s.rows]}
        for s in sections
    ]
    return render(request, "citizens/export.html", {"citizen": citizen, "header": header, "sections": shown})


@citizen_view(predicate=can_view_audit_log)
def access_report_view(request: HttpRequest, citizen: Citizen) -> HttpResponse:
    # Paged: a citizen shown on every list page for a year has thousands of events; the CSV has them all.
    page = Paginator(citizen_access_events(citizen=citizen), ACCESS_PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    events = with_summaries(page.object_list)  # read before this read is logged, so count and rows agree
    audit_log(action=AuditAction.CITIZEN_ACCESS_REPORT, request=request, target=citizen)
    context = {"citizen": citizen, "page": page, "events": events}
    return render(request, "citizens/access_report.html", context)


@citizen_view(predicate=can_view_audit_log)
def access_report_csv_view(request: HttpRequest, citizen: Citizen) -> HttpResponse:
    """UTF-8 with BOM and `;`, so Danish Excel opens it with æøå intact."""
    events = list(citizen_access_events(citizen=citizen))  # read before this read is logged, like the page
    audit_log(
        action=AuditAction.CITIZEN_ACCESS_REPORT, request=request, target=citizen, detail={"format": "csv"}
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="borger-{citizen.pk}-adgangslog.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["Tidspunkt", "Bruger", "Handling", "Detaljer", "IP-adresse"])
    for event in events:
        row = [
            timezone.localtime(event.at).strftime("%d-%m-%Y %H:%M:%S"),
            event.actor.display_name if event.actor else event.actor_label,
            event.action_label,
            event_summary(event),
            event.ip or "",
        ]
        # Names and search terms come from user input: a cell starting with = + - @ would run as an
        # Excel formula.
        writer.writerow([excel_safe(str(cell)) for cell in row])
    return response
