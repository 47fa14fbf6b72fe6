"""The admins' verification queue (/enterprises/verification/) and one enterprise's contact log."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from enterprises import services as enterprise_services
from enterprises.models import Enterprise, VerificationRequest
from enterprises.verify import selectors, services
from enterprises.verify.forms import BulkForm, ContactLogForm
from portal.core.access import can_curate_register, require
from portal.core.audit import AuditContext

PAGE_SIZE = 50
TAB_LABELS = {
    "due": _lazy("Forfaldne"),
    "requested": _lazy("Afventer svar"),
    "answered": _lazy("Besvaret"),
    "call": _lazy("Ring op"),
}


@require(can_curate_register)
def queue(request: HttpRequest) -> HttpResponse:
    tab = request.GET.get("tab") if request.GET.get("tab") in selectors.TABS else "due"
    page = Paginator(selectors.queue(tab), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    selectors.attach_status(rows)
    if request.method == "POST":
        form = BulkForm(request.POST, allowed_ids=[row.pk for row in rows])
        if form.is_valid():
            _bulk(request, form.cleaned_data["action"], form.cleaned_data["ids"])
            return redirect(request.get_full_path())
        status = 400
    else:
        form, status = BulkForm(allowed_ids=[]), 200
    counts = selectors.tab_counts()
    tabs = [(key, f"{label} ({counts[key]})") for key, label in TAB_LABELS.items()]
    context = {"tab": tab, "tabs": tabs, "page": page, "rows": rows, "form": form}
    return render(request, "enterprises/verification_queue.html", context, status=status)


def _bulk(request: HttpRequest, action: str, ids: list[int]) -> None:
    context = AuditContext.from_request(request)
    enterprises = list(Enterprise.objects.filter(pk__in=ids).prefetch_related("offers", "contacts"))
    for enterprise in enterprises:
        if action == "send":
            services.request_send(enterprise=enterprise, context=context)
        elif action == "verify":
            services.mark_verified(enterprise=enterprise, context=context)
        else:
            enterprise_services.enterprise_archive(enterprise=enterprise, by=request.user, context=context)
    done = {
        "send": ngettext("%(n)s link sendt.", "%(n)s links sendt.", len(enterprises)),
        "verify": ngettext(
            "%(n)s virksomhed verificeret.", "%(n)s virksomheder verificeret.", len(enterprises)
        ),
        "archive": ngettext("%(n)s virksomhed arkiveret.", "%(n)s virksomheder arkiveret.", len(enterprises)),
    }[action]
    messages.success(request, done % {"n": len(enterprises)})


@require(can_curate_register)
def contact_log(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = get_object_or_404(Enterprise, pk=pk)
    form = ContactLogForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        services.contact_log_add(
            enterprise=enterprise, **form.cleaned_data, context=AuditContext.from_request(request)
        )
        messages.success(request, _("Kontakten er noteret."))
        return redirect("enterprises:contact_log", pk=pk)
    context = {
        "enterprise": enterprise,
        "form": form,
        "entries": enterprise.contact_log.select_related("by")[:100],
        "requests": VerificationRequest.objects.filter(enterprise=enterprise).select_related("created_by")[
            :20
        ],
    }
    return render(
        request, "enterprises/verification_contact_log.html", context, status=400 if form.errors else 200
    )


@require(can_curate_register)
@require_POST
def send_one(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = get_object_or_404(Enterprise, pk=pk)
    services.request_send(enterprise=enterprise, context=AuditContext.from_request(request))
    messages.success(request, _("Bekræftelseslinket er sendt til %(name)s.") % {"name": enterprise.name})
    return redirect("enterprises:contact_log", pk=pk)
