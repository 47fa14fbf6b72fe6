"""The access-request export (GDPR art. 15) assembled from every app's section of the citizen data
contract. JSON keys are stable snake_case (docs/citizen-export.md); times are Europe/Copenhagen with
their UTC offset; the page shows the same rows with Danish labels."""

import datetime
import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from citizens.models import Citizen
from portal.core.citizen_data import ExportSection, export_sections

FORMAT_VERSION = 1


class ExportEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime):
            return timezone.localtime(o).isoformat()
        return super().default(o)  # dates as ISO, lazy translations as text


def citizen_export(*, citizen: Citizen) -> tuple[dict[str, Any], list[ExportSection]]:
    """(header, sections): everything the portal holds about the person."""
    header = {
        "format_version": FORMAT_VERSION,
        "exported_at": timezone.localtime(),
        "jobcenter": citizen.jobcenter.name,
    }
    return header, export_sections(citizen)


def export_json(*, citizen: Citizen) -> str:
    header, sections = citizen_export(citizen=citizen)
    data = dict(header)
    for section in sections:
        data[section.key] = section.rows[0] if section.single else section.rows
    return json.dumps(data, ensure_ascii=False, indent=2, cls=ExportEncoder)


def readable(value: Any) -> Any:
    """A value as the page shows it: Danish dates, Ja/Nej, lists joined; nested rows stay rows."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return gettext("Ja") if value else gettext("Nej")
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "j. F Y H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "j. F Y")
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return value
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "–"
    return str(value)


def labelled(row: dict[str, Any], labels: dict[str, str]) -> list[dict[str, Any]]:
    """[{"label", "value", "rows"}]: `rows` (a nested table, e.g. a placement's events) or `value`."""
    fields = []
    for key, value in row.items():
        shown = readable(value)
        if isinstance(shown, list):
            nested = [labelled(item, labels) for item in shown]
            fields.append({"label": labels.get(key, key), "value": None, "rows": nested})
        else:
            fields.append({"label": labels.get(key, key), "value": shown, "rows": None})
    return fields
