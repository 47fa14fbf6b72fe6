"""CSV import through the web: upload → preview with per-line validation → confirm, which starts a
background job (enterprises/tasks.py) → a progress page that becomes the result page."""

import csv
import io

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from enterprises.csv_io import COLUMNS, REQUIRED_COLUMNS, parse_csv
from enterprises.forms import ImportUploadForm
from enterprises.models import EnterpriseKind, ImportJob
from enterprises.tasks import run_import
from portal.core.access import can_curate_register, require
from portal.core.csv_safety import excel_safe
from portal.core.models import ChallengeArea, PlacementType, TargetGroup
from portal.core.pending_uploads import save_pending, take_pending

PENDING_SECONDS = 60 * 60
# The upload waits for "confirm" as a file under MEDIA_ROOT (portal/core/pending_uploads.py), not in the cache.
PENDING_KIND = "enterprise-import"


@require(can_curate_register)
def enterprise_import(request: HttpRequest) -> HttpResponse:
    context = {"columns": COLUMNS, "required": REQUIRED_COLUMNS}
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        report = parse_csv(data)
        bad = {error.line for error in report.errors}
        good = sum(1 for row in report.rows if row.line not in bad)
        token = ""
        if good:  # something to import: at once, or (explicitly) skipping the bad rows
            token = save_pending(kind=PENDING_KIND, user_id=request.user.pk, data=data, filename=upload.name)
        return render(
            request,
            "enterprises/import_preview.html",
            {**context, "report": report, "token": token, "filename": upload.name, "good": good},
            status=200 if report.ok else 400,
        )
    return render(request, "enterprises/import.html", {**context, "form": form})


def _confirm(request: HttpRequest) -> HttpResponse:
    token = request.POST["token"]
    existing = ImportJob.objects.filter(pending_token=token[:64], created_by=request.user).first()
    if existing is not None:  # confirmed twice: the same job
        return redirect("enterprises:import_job", pk=existing.pk)
    pending = take_pending(kind=PENDING_KIND, user_id=request.user.pk, token=token, max_age=PENDING_SECONDS)
    if pending is None:
        messages.error(request, _("Importen er udløbet. Upload filen igen."))
        return redirect("enterprises:import")
    data, filename = pending
    try:
        with transaction.atomic():
            job = ImportJob.objects.create(
                created_by=request.user,
                pending_token=token,
                filename=filename[:200],
                data=data,
                skip_bad_rows=request.POST.get("skip_bad_rows") == "1",
            )
            transaction.on_commit(lambda: run_import.enqueue(job.pk))
    except IntegrityError:  # a parallel confirmation won the race
        job = get_object_or_404(ImportJob, pending_token=token, created_by=request.user)
    return redirect("enterprises:import_job", pk=job.pk)


@require(can_curate_register)
@require_GET
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress while the job runs (htmx polls the status part), then the result."""
    job = get_object_or_404(ImportJob.objects.defer("data"), pk=pk, created_by=request.user)
    template = (
        "enterprises/_import_job_status.html"
        if request.headers.get("HX-Request")
        else "enterprises/import_job.html"
    )
    return render(request, template, {"job": job})


def _csv_response(rows: list[list], filename: str) -> HttpResponse:
    # UTF-8 with BOM and ";": Excel opens it with æøå intact (like the export).
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerows([[excel_safe(str(v)) for v in r] for r in rows])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require(can_curate_register)
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    """The headers, one example row, and the valid codes of each code column below it."""
    example = {
        "cvr": "12345674",
        "navn": "Eksempel ApS",
        "postnummer": "8000",
        "tilbud": "virksomhedspraktik:2",
    }
    rows = [list(COLUMNS), [example.get(name, "") for name in COLUMNS], []]
    codes = {
        "maalgrupper": TargetGroup.objects.values_list("code", flat=True),
        "erfaring": ChallengeArea.objects.values_list("code", flat=True),
        "tilbud": PlacementType.objects.values_list("code", flat=True),
        "type": EnterpriseKind.values,
    }
    rows += [[f"# {name}: {' | '.join(values)}"] for name, values in codes.items()]
    return _csv_response(rows, "virksomheder-skabelon.csv")


@require(can_curate_register)
@require_GET
def import_errors(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(ImportJob.objects.defer("data"), pk=pk, created_by=request.user)
    return _csv_response([["linje", "kolonne", "fejl"], *job.errors], f"importfejl-{job.pk}.csv")
