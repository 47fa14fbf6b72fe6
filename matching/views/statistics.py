"""`/statistics/`: a period, charts (server-rendered SVG), tables, CSV and Excel files, scoped by role."""

import csv
from io import BytesIO

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from matching.charts import bar_chart
from matching.period_statistics import KPI_DEFINITIONS, Period
from matching.statistics_tables import tables_for
from portal.core.access import can_view_statistics, require
from portal.core.csv_safety import excel_safe

MAX_DAYS = 5 * 366
DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), "required": False}


class PeriodForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("Fra"), **DATE)
    end = forms.DateField(label=gettext_lazy("Til"), **DATE)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("Til-datoen ligger før fra-datoen."))
        elif start and end and (end - start).days > MAX_DAYS:
            self.add_error("start", _("Vælg en periode på højst 5 år."))
        return data


def _period(request: HttpRequest) -> tuple[PeriodForm, Period]:
    default = Period.last_12_months(timezone.localdate())
    form = PeriodForm(request.GET or None, initial={"start": default.start, "end": default.end})
    if request.GET and form.is_valid():
        start = form.cleaned_data.get("start") or default.start
        end = form.cleaned_data.get("end") or default.end
        if start <= end:
            return form, Period(start, end)
    return form, default


@require(can_view_statistics)
def statistics(request: HttpRequest) -> HttpResponse:
    form, period = _period(request)
    stats, tables = tables_for(request.user, period)
    sections = [
        {
            "slug": slug,
            "title": title,
            "header": header,
            "rows": rows,
            "chart": bar_chart(title, [(r[0], r[1]) for r in rows if isinstance(r[1], int)]),
        }
        for slug, (title, header, rows) in tables.items()
    ]
    context = {
        "stats": stats,
        "sections": sections,
        "form": form,
        "period": period,
        "query": request.GET.urlencode(),
        "definitions": KPI_DEFINITIONS,
    }
    return render(request, "matching/statistics.html", context, status=400 if form.errors else 200)


def _table(request: HttpRequest, table: str):
    _form, period = _period(request)
    tables = tables_for(request.user, period)[1]
    if table not in tables:
        raise Http404
    return period, tables[table]


@require(can_view_statistics)
def statistics_csv(request: HttpRequest, table: str) -> HttpResponse:
    period, (_title, header, rows) = _table(request, table)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="statistik-{table}-{period.start}-{period.end}.csv"'
    )
    response.write("\ufeff")  # BOM: Excel opens æøå correctly
    writer = csv.writer(response, delimiter=";")
    writer.writerow(header)
    writer.writerows([excel_safe(cell) for cell in row] for row in rows)  # names may start with "="
    return response


@require(can_view_statistics)
def statistics_xlsx(request: HttpRequest, table: str) -> HttpResponse:
    """openpyxl; every cell written as text (data_type "s"), so nothing in a name runs as a formula."""
    period, (title, header, rows) = _table(request, table)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table[:31]
    sheet.append([title, period.label()])
    for values in [header, *rows]:
        sheet.append([str(value) for value in values])
    for row in sheet.iter_rows():
        for cell in row:
            cell.data_type = "s"
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="statistik-{table}-{period.start}-{period.end}.xlsx"'
    )
    return response
