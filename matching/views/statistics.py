"""`/statistics/`: charts (server-rendered SVG), tables and CSV files, scoped by role."""

import csv

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from matching.charts import bar_chart
from matching.statistics import Statistics, statistics_for
from portal.core.access import can_view_statistics, require
from portal.core.csv_safety import excel_safe


def _tables(stats: Statistics) -> dict[str, tuple[str, list[str], list[tuple]]]:
    """{slug: (title, header, rows)}: the same rows feed the chart, the table and the CSV file."""
    tables = {
        "status": (_("Forløb efter status"), [_("Status"), _("Antal")], stats.by_status),
        "outcomes": (
            _("Resultater de seneste 12 måneder"),
            [_("Resultat"), _("Antal")],
            stats.outcomes,
        ),
        "free-places": (
            _("Ledige pladser efter forløbstype"),
            [_("Forløbstype"), _("Ledige"), _("Pladser i alt")],
            stats.free_places,
        ),
    }
    if stats.top_enterprises is not None:
        tables["enterprises"] = (
            _("Mest brugte virksomheder"),
            [_("Virksomhed"), _("Forløb")],
            stats.top_enterprises,
        )
    return tables


@require(can_view_statistics)
def statistics(request: HttpRequest) -> HttpResponse:
    stats = statistics_for(request.user)
    sections = [
        {
            "slug": slug,
            "title": title,
            "header": header,
            "rows": rows,
            "chart": bar_chart(title, [(row[0], row[1]) for row in rows]),
        }
        for slug, (title, header, rows) in _tables(stats).items()
    ]
    return render(request, "matching/statistics.html", {"stats": stats, "sections": sections})


@require(can_view_statistics)
def statistics_csv(request: HttpRequest, table: str) -> HttpResponse:
    tables = _tables(statistics_for(request.user))
    if table not in tables:
        raise Http404
    _title, header, rows = tables[table]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="statistik-{table}.csv"'
    response.write("\ufeff")  # BOM: Excel opens æøå correctly
    writer = csv.writer(response, delimiter=";")
    writer.writerow(header)
    writer.writerows([excel_safe(cell) for cell in row] for row in rows)  # names may start with "="
    return response
