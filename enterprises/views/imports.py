"""CSV import through the web: upload → preview with per-line validation → confirm."""

import secrets

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from enterprises.csv_io import COLUMNS, REQUIRED_COLUMNS, import_csv, parse_csv
from enterprises.forms import ImportUploadForm
from portal.core.access import can_curate_register, require
from portal.core.audit import AuditContext

PENDING_SECONDS = 60 * 60


def _pending_key(request: HttpRequest, token: str) -> str:
    # The cache is shared by all app processes (database or Redis), unlike local files.
    return f"enterprise-import:{request.user.pk}:{token}"


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
            token = secrets.token_urlsafe(16)
            cache.set(_pending_key(request, token), {"data": data, "name": upload.name}, PENDING_SECONDS)
        return render(
            request,
            "enterprises/import_preview.html",
            {**context, "report": report, "token": token, "filename": upload.name},
            status=200 if report.ok else 400,
        )
    return render(request, "enterprises/import.html", {**context, "form": form})


def _confirm(request: HttpRequest) -> HttpResponse:
    key = _pending_key(request, request.POST["token"])
    pending = cache.get(key)
    if pending is None:
        messages.error(request, _("Importen er udløbet. Upload filen igen."))
        return redirect("enterprises:import")
    report = import_csv(pending["data"], context=AuditContext.from_request(request), filename=pending["name"])
    cache.delete(key)
    if not report.ok:  # the register changed since the preview
        return render(
            request,
            "enterprises/import_preview.html",
            {"report": report, "token": "", "filename": pending["name"]},
            status=400,
        )
    messages.success(
        request,
        _("Importen er gennemført: %(created)s oprettet, %(updated)s opdateret.")
        % {"created": report.created, "updated": report.updated},
    )
    return redirect("enterprises:list")
