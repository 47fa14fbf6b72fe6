"""CSV import through the web: upload → preview with per-line validation → confirm."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from enterprises.csv_io import COLUMNS, REQUIRED_COLUMNS, import_csv, parse_csv
from enterprises.forms import ImportUploadForm
from portal.core.access import can_curate_register, require
from portal.core.audit import AuditContext
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
        token = ""
        if report.ok:
            token = save_pending(kind=PENDING_KIND, user_id=request.user.pk, data=data, filename=upload.name)
        return render(
            request,
            "enterprises/import_preview.html",
            {**context, "report": report, "token": token, "filename": upload.name},
            status=200 if report.ok else 400,
        )
    return render(request, "enterprises/import.html", {**context, "form": form})


def _confirm(request: HttpRequest) -> HttpResponse:
    pending = take_pending(
        kind=PENDING_KIND, user_id=request.user.pk, token=request.POST["token"], max_age=PENDING_SECONDS
    )
    if pending is None:
        messages.error(request, _("Importen er udløbet. Upload filen igen."))
        return redirect("enterprises:import")
    data, filename = pending
    report = import_csv(data, context=AuditContext.from_request(request), filename=filename)
    if not report.ok:  # the register changed since the preview
        return render(
            request,
            "enterprises/import_preview.html",
            {"report": report, "token": "", "filename": filename},
            status=400,
        )
    messages.success(
        request,
        _("Importen er gennemført: %(created)s oprettet, %(updated)s opdateret.")
        % {"created": report.created, "updated": report.updated},
    )
    return redirect("enterprises:list")
