"""Flyer pages: preview, PDF, send to a colleague, national text (admins), contact block (team leads)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from portal.core.access import can_edit_flyer_contact, can_edit_flyer_text, get_scoped_or_404, require
from portal.core.audit import AuditContext
from portal.flyer import services
from portal.flyer.content import FlyerContent, FlyerOptions, flyer_content, flyer_qr_url
from portal.flyer.forms import FlyerContactForm, FlyerOptionsForm, FlyerSendForm, FlyerTextForm
from portal.flyer.models import FlyerText
from portal.flyer.pdf import FILENAME, flyer_pdf
from portal.flyer.selectors import (
    flyer_contact_or_default,
    flyer_logo_for,
    flyer_sends_today,
    flyer_text_history,
    flyer_text_latest,
    flyer_text_published,
)


def _pdf_response(content: FlyerContent) -> HttpResponse:
    response = HttpResponse(flyer_pdf(content), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{FILENAME}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_not_required  # where the printed flyer's QR code leads: anyone may read the six reasons
@cache_control(public=True, max_age=300)
@require_GET
def six_reasons(request: HttpRequest) -> HttpResponse:
    return render(request, "flyer/six_reasons.html", {"text": flyer_text_published()})


@require_GET
def preview(request: HttpRequest) -> HttpResponse:
    options = FlyerOptions.from_query(request.GET)
    content = flyer_content(user=request.user, options=options, qr_url=flyer_qr_url(request))
    query = options.as_query()
    return render(
        request,
        "flyer/preview.html",
        {
            "flyer": content,
            "options_form": FlyerOptionsForm(
                options=options, show_contact=request.user.jobcenter_id is not None
            ),
            "pdf_url": f"{reverse('flyer:pdf')}?{query}",
            "send_url": f"{reverse('flyer:send')}?{query}",
            "can_edit_text": can_edit_flyer_text(request.user),
            "can_edit_contact": can_edit_flyer_contact(request.user),
        },
    )


@require_GET
def pdf(request: HttpRequest) -> HttpResponse:
    options = FlyerOptions.from_query(request.GET)
    return _pdf_response(flyer_content(user=request.user, options=options, qr_url=flyer_qr_url(request)))


@require_GET
@cache_control(private=True, max_age=3600)
def stylesheet(request: HttpRequest) -> HttpResponse:
    """The flyer's stylesheet, shared with the PDF template (one source for screen, print and PDF)."""
    return HttpResponse(render_to_string("flyer/flyer.css"), content_type="text/css; charset=utf-8")


def send(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = FlyerSendForm(request.POST)
        if form.is_valid():
            options = form.options()
            content = flyer_content(user=request.user, options=options, qr_url=flyer_qr_url(request))
            try:
                services.flyer_send(
                    user=request.user,
                    to=form.cleaned_data["email"],
                    note=form.cleaned_data["note"],
                    content=content,
                    context=AuditContext.from_request(request),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Flyeren er sendt til %(email)s.") % {"email": form.cleaned_data["email"]}
                )
                return redirect(f"{reverse('flyer:preview')}?{options.as_query()}")
    else:
        form = FlyerSendForm(options=FlyerOptions.from_query(request.GET))
    return render(
        request,
        "flyer/send.html",
        {
            "form": form,
            "sent_today": flyer_sends_today(user=request.user),
            "limit": settings.FLYER_SEND_DAILY_LIMIT,
        },
    )


@require(can_edit_flyer_contact)
def contact_edit(request: HttpRequest) -> HttpResponse:
    """A team lead's own jobcenter's block: there is no id in the URL, so no other block is reachable."""
    jobcenter = request.user.jobcenter
    contact = flyer_contact_or_default(jobcenter)
    form = FlyerContactForm(request.POST or None, request.FILES or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        services.flyer_contact_update(
            jobcenter=jobcenter,
            data=form.cleaned_data,
            by=request.user,
            context=AuditContext.from_request(request),
        )
        messages.success(request, _("Kontaktblokken er gemt. Sådan ser flyeren ud nu."))
        return redirect("flyer:preview")
    return render(request, "flyer/contact_edit.html", {"form": form, "jobcenter": jobcenter})


@require(can_edit_flyer_text)
@require_GET
def text_versions(request: HttpRequest) -> HttpResponse:
    return render(request, "flyer/text_versions.html", {"rows": flyer_text_history()})


@require(can_edit_flyer_text)
def text_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = FlyerTextForm(request.POST)
        if form.is_valid():
            try:
                version = services.flyer_text_create(data=form.content(), by=request.user)
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.info(request, _("Kladden er gemt. Se den igennem, og udgiv den, når den er klar."))
                return redirect("flyer:text_detail", pk=version.pk)
    else:
        form = FlyerTextForm(initial=FlyerTextForm.initial_for(flyer_text_latest()))
    return render(request, "flyer/text_form.html", {"form": form})


def _version_content(request: HttpRequest, version: FlyerText) -> FlyerContent:
    return flyer_content(
        user=request.user, options=FlyerOptions(), qr_url=flyer_qr_url(request), text=version
    )


@require(can_edit_flyer_text)
@require_GET
def text_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_scoped_or_404(FlyerText.objects.select_related("created_by", "published_by"), pk=pk)
    return render(
        request, "flyer/text_detail.html", {"version": version, "flyer": _version_content(request, version)}
    )


@require(can_edit_flyer_text)
@require_GET
def text_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_scoped_or_404(FlyerText.objects.all(), pk=pk)
    return _pdf_response(_version_content(request, version))


@require(can_edit_flyer_text)
@require_POST
def text_publish(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_scoped_or_404(FlyerText.objects.all(), pk=pk)
    services.flyer_text_publish(version=version, by=request.user, context=AuditContext.from_request(request))
    messages.success(request, _("Version %(pk)s er udgivet.") % {"pk": version.pk})
    return redirect("flyer:text_versions")


@require_GET
def logo(request: HttpRequest, name: str) -> FileResponse:
    """`/media/flyer/logos/<name>`: a jobcenter's logo, to its own users only (the proxy never serves
    /media/ from disk, deploy/nginx/brobygger.conf)."""
    contact = flyer_logo_for(user=request.user, name=name)
    if contact is None or not contact.logo.storage.exists(contact.logo.name):
        raise Http404
    response = FileResponse(contact.logo.open("rb"))
    response["Cache-Control"] = "private, max-age=300"
    return response
