"""Actions on one case: add a note, close, reopen, reveal the CPR number, reassign."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from citizens import services
from citizens.forms import CloseForm, NoteForm, ReassignForm
from citizens.models import Citizen
from citizens.views._access import audit_page_read, citizen_view, is_htmx
from portal.core.access import can_reassign_citizens
from portal.core.audit import AuditContext
from portal.core.citizen_data import close_refusals


@citizen_view(methods=("POST",))
def note_add_view(request: HttpRequest, citizen: Citizen) -> HttpResponse:
    form = NoteForm(request.POST, action=request.path)
    if form.is_valid():
        services.citizen_add_note(
            citizen=citizen,
            by=request.user,
            kind=form.cleaned_data["kind"],
            text=form.cleaned_data["text"],
            context=AuditContext.from_request(request),
        )
        messages.success(request, _("Notatet er tilføjet."))
        return redirect(reverse("citizens:detail", args=[citizen.pk]) + "#notater")
    audit_page_read(request, citizen, "note")
    return render(request, "citizens/note_form.html", {"citizen": citizen, "form": form}, status=400)


@citizen_view(methods=("GET", "POST"))
def citizen_close_view(request: HttpRequest, citizen: Citizen) -> HttpResponse:
    if citizen.is_closed:
        messages.info(request, _("Sagen er allerede afsluttet."))
        return redirect("citizens:detail", pk=citizen.pk)
    # Ask before the form is filled in; the service asks again (under a row lock) when it is sent.
    refusals = [str(message) for message in close_refusals(citizen)]
    form = CloseForm(request.POST or None, citizen=citizen, refused=bool(refusals))
    if request.method == "POST" and form.is_valid():
        try:
            services.citizen_close(
                citizen=citizen,
                by=request.user,
                reason=form.cleaned_data["reason"],
                closed_at=form.cleaned_data["closed_at"],
                context=AuditContext.from_request(request),
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):  # the date or the reason: shown beside the field
                for name, errors in exc.error_dict.items():
                    form.add_error({"closed_reason": "reason"}.get(name, name), errors)
            else:  # e.g. matching refuses: the citizen has open placements
                refusals = exc.messages
                form.refuse()
        else:
            messages.success(request, _("Sagen er afsluttet."))
            return redirect("citizens:detail", pk=citizen.pk)
    audit_page_read(request, citizen, "close")
    return render(request, "citizens/close.html", {"citizen": citizen, "form": form, "refusals": refusals})


@citizen_view(methods=("POST",))
def citizen_reopen_view(request: HttpRequest, citizen: Citizen) -> HttpResponse:
    try:
        services.citizen_reopen(citizen=citizen, by=request.user, context=AuditContext.from_request(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Sagen er genåbnet."))
    return redirect("citizens:detail", pk=citizen.pk)


@citizen_view(methods=("POST",), writes=False)
def cpr_reveal_view(request: HttpRequest, citizen: Citizen) -> HttpResponse:
    """POST only (a link could be prefetched); the answer is never cached."""
    number = services.citizen_reveal_cpr(
        citizen=citizen, by=request.user, context=AuditContext.from_request(request)
    )
    template = "citizens/_cpr_revealed.html" if is_htmx(request) else "citizens/cpr_reveal.html"
    return render(request, template, {"citizen": citizen, "cpr": number})


@citizen_view(methods=("GET", "POST"), predicate=can_reassign_citizens)
def citizen_reassign_view(request: HttpRequest, citizen: Citizen) -> HttpResponse:
    form = ReassignForm(request.POST or None, citizen=citizen)
    if request.method == "POST" and form.is_valid():
        try:
            services.citizen_reassign(
                citizen=citizen,
                by=request.user,
                caseworker=form.cleaned_data["caseworker"],
                context=AuditContext.from_request(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Sagen er flyttet."))
            return redirect("citizens:detail", pk=citizen.pk)
    audit_page_read(request, citizen, "reassign")
    return render(request, "citizens/reassign.html", {"citizen": citizen, "form": form})
