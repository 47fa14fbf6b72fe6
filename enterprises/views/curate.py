"""Curating the register (admins only): create, edit, archive, restore, verify, history."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from enterprises import services
from enterprises.forms import ContactFormSet, EnterpriseForm, OfferFormSet, enterprise_data
from enterprises.history import history_entries
from enterprises.models import Enterprise
from portal.core.access import can_curate_register, get_scoped_or_404, require
from portal.core.audit import AuditContext


def _edit(request: HttpRequest, enterprise: Enterprise) -> HttpResponse:
    creating = enterprise.pk is None
    data = request.POST if request.method == "POST" else None
    form = EnterpriseForm(data, instance=enterprise)
    offers = OfferFormSet(data, instance=enterprise, prefix="offers")
    contacts = ContactFormSet(data, instance=enterprise, prefix="contacts")
    if data is not None and all([form.is_valid(), offers.is_valid(), contacts.is_valid()]):
        try:
            enterprise = services.enterprise_upsert(
                enterprise=enterprise,
                data=enterprise_data(form, offers, contacts),
                context=AuditContext.from_request(request),
            )
        except ValidationError as exc:  # e.g. a place taken since the form was opened
            form.add_error(None, exc.messages)
        else:
            messages.success(
                request, _("Virksomheden er oprettet.") if creating else _("Ændringerne er gemt.")
            )
            return redirect("enterprises:detail", pk=enterprise.pk)
    return render(
        request,
        "enterprises/form.html",
        {
            "form": form,
            "offers": offers,
            "contacts": contacts,
            "enterprise": enterprise,
            "creating": creating,
        },
        status=400 if data is not None else 200,
    )


@require(can_curate_register)
def enterprise_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, Enterprise())


@require(can_curate_register)
def enterprise_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, get_scoped_or_404(Enterprise.objects.all(), pk=pk))


@require(can_curate_register)
@require_http_methods(["GET", "POST"])
def enterprise_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: confirm, with what archiving leaves behind (matching lists open placements in a panel)."""
    enterprise = get_scoped_or_404(Enterprise.objects.all(), pk=pk)
    if request.method == "GET":
        return render(request, "enterprises/archive_confirm.html", {"enterprise": enterprise})
    services.enterprise_archive(
        enterprise=enterprise, by=request.user, context=AuditContext.from_request(request)
    )
    messages.success(request, _("Virksomheden er arkiveret. Kun registeradministratorer kan se den."))
    return redirect("enterprises:detail", pk=pk)


@require(can_curate_register)
@require_POST
def enterprise_restore(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = get_scoped_or_404(Enterprise.objects.all(), pk=pk)
    services.enterprise_restore(
        enterprise=enterprise, by=request.user, context=AuditContext.from_request(request)
    )
    messages.success(request, _("Virksomheden er aktiv igen."))
    return redirect("enterprises:detail", pk=pk)


@require(can_curate_register)
@require_POST
def enterprise_verify(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = get_scoped_or_404(Enterprise.objects.all(), pk=pk)
    services.enterprise_verify(
        enterprise=enterprise, by=request.user, context=AuditContext.from_request(request)
    )
    messages.success(request, _("Virksomheden er markeret som verificeret i dag."))
    return redirect("enterprises:detail", pk=pk)


@require(can_curate_register)
def enterprise_history(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = get_scoped_or_404(Enterprise.objects.all(), pk=pk)
    return render(
        request,
        "enterprises/history.html",
        {"enterprise": enterprise, "entries": history_entries(enterprise)},
    )
