"""Access requests (GDPR art. 15, CJEU C-579/21): the citizen's data export and access report."""

import csv
import datetime
import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from citizens.models import Citizen
from citizens.selectors import citizen_access_events, citizen_export_data
from citizens.views._access import citizen_view
from portal.core.access import can_view_audit_log
from portal.core.audit import audit_log
from portal.core.audit_display import event_summary, with_summaries
from portal.core.csv_safety import excel_safe
from portal.core.models import AuditAction

# Keys of the export data holding ISO dates/times; the readable page shows them the Danish way.
DATE_KEYS = {"fødselsdato", "afsluttet", "oprettet", "ændret", "dato", "tidspunkt"}


def _danish_when(iso: str | None) -> str | None:
    """ "2026-11-27T14:04:59+00:00" → "27. november 2026 15:04" (local time); a date → "27. november 2026"."""
    if not iso:
        return iso
    if "T" in iso:
        return date_format(timezone.localtime(datetime.datetime.fromisoformat(iso)), "j. F Y H:i")
    return date_format(datetime.date.fromisoformat(iso), "j. F Y")


def _with_danish_dates(item: dict[str, Any]) -> dict[str, Any]:
    return {
        key: _danish_when(value) if key in DATE_KEYS and isinstance(value, str) else value
        for key, value in item.items()
    }


def _readable(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("Ja") if value else gettext("Nej")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):  # consent
        if not value.get("givet"):
            return gettext("Ikke givet")
        return f"{gettext('Givet')} – {value.get('hvordan', '')} {value.get('dato') or ''}".strip()
    return str(value)


@citizen_view(predicate=can_view_audit_log)
def export_json_view(request: HttpRequest, citizen: Citizen) -> HttpResponse:
    data = citizen_export_data(citizen=citizen)
    audit_log(action=AuditAction.CITIZEN_EXPORT, request=request, target=citizen, detail={"format": "json"})
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="borger-{citizen.pk}-indsigt.json"'
    return response


@citizen_view(predicate=can_view_audit_log)
def export_html_view(request: HttpRequest, citizen: Citizen) -> HttpResponse:
    data = citizen_export_data(citizen=citizen)
    audit_log(action=AuditAction.CITIZEN_EXPORT, request=request, target=citizen, detail={"format": "html"})
    person = _with_danish_dates(data["borger"])
    person["samtykke"] = _with_danish_dates(person["samtykke"])
    rows = [(key.replace("_", " "), _readable(value)) for key, value in person.items()]
    readable = {
        **data,
        "notater": [_with_danish_dates(note) for note in data["notater"]],
        "adgangslog": [_with_danish_dates(event) for event in data["adgangslog"]],
    }
    return render(request, "citizens/export.html", {"citizen": citizen, "data": readable, "rows": rows})


@citizen_view(predicate=can_view_audit_log)
def access_report_view(request: HttpRequest, citizen: Citizen) -> HttpResponse:
    events = with_summaries(citizen_access_events(citizen=citizen))
    audit_log(action=AuditAction.CITIZEN_ACCESS_REPORT, request=request, target=citizen)
    return render(request, "citizens/access_report.html", {"citizen": citizen, "events": events})


@citizen_view(predicate=can_view_audit_log)
def access_report_csv_view(request: HttpRequest, citizen: Citizen) -> HttpResponse:
    """UTF-8 with BOM and `;`, so Danish Excel opens it with æøå intact."""
    events = citizen_access_events(citizen=citizen)
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
