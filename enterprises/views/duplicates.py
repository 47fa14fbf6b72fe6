"""Likely duplicates and the merge confirm page (admins)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from enterprises.merge import duplicate_pairs, enterprise_merge
from enterprises.models import Enterprise
from portal.core.access import can_curate_register, require
from portal.core.audit import AuditContext


@require(can_curate_register)
def duplicates(request: HttpRequest) -> HttpResponse:
    return render(request, "enterprises/duplicates.html", {"pairs": duplicate_pairs()})


@require(can_curate_register)
def merge(request: HttpRequest, pk: int, duplicate_pk: int) -> HttpResponse:
    """GET: what will happen; POST: merge `duplicate_pk` into `pk`."""
    live = Enterprise.objects.filter(merged_into__isnull=True).select_related("postcode")
    survivor = get_object_or_404(live.prefetch_related("offers__placement_type"), pk=pk)
    duplicate = get_object_or_404(live.prefetch_related("offers__placement_type"), pk=duplicate_pk)
    error = ""
    if request.method == "POST":
        try:
            enterprise_merge(
                survivor=survivor, duplicate=duplicate, context=AuditContext.from_request(request)
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _("%(dup)s er flettet ind i %(name)s.") % {"dup": duplicate.name, "name": survivor.name},
            )
            return redirect("enterprises:detail", pk=survivor.pk)
    context = {"survivor": survivor, "duplicate": duplicate, "error": error}
    return render(request, "enterprises/merge.html", context, status=400 if error else 200)
