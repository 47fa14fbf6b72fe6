"""`/agenda/` ("Min uge"), the reminder choice, and the private calendar feed (`.ics`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from matching import reminders
from matching.agenda import agenda_for
from portal.core.access import is_jobcenter_staff, require
from portal.core.audit import audit_log
from portal.core.models import AuditAction


def _page(request: HttpRequest, new_token: str = "") -> HttpResponse:
    agenda = agenda_for(user=request.user)
    audit_log(action=AuditAction.AGENDA_VIEW, request=request, detail={"ids": agenda.citizen_ids()})
    feed_url = (
        request.build_absolute_uri(reverse("matching:calendar_feed", args=[new_token])) if new_token else ""
    )
    return render(
        request,
        "matching/agenda.html",
        {"agenda": agenda, "settings": reminders.settings_for(request.user), "feed_url": feed_url},
    )


@never_cache
@require(is_jobcenter_staff)
def agenda(request: HttpRequest) -> HttpResponse:
    return _page(request)


@require(is_jobcenter_staff)
@require_POST
def agenda_reminders(request: HttpRequest) -> HttpResponse:
    enabled = request.POST.get("reminders") == "on"
    reminders.reminders_set(user=request.user, enabled=enabled)
    messages.success(
        request, _("Daglige påmindelser er slået til.") if enabled else _("Daglige påmindelser er slået fra.")
    )
    return redirect(reverse("matching:agenda") + "#indstillinger")


@never_cache
@require(is_jobcenter_staff)
@require_POST
def calendar_token(request: HttpRequest) -> HttpResponse:
    """Make a new feed URL (the old one dies) and show it once; or revoke it."""
    if request.POST.get("action") == "revoke":
        reminders.calendar_token_revoke(user=request.user)
        messages.success(request, _("Kalenderadressen er slettet og virker ikke længere."))
        return redirect(reverse("matching:agenda") + "#kalender")
    token = reminders.calendar_token_create(user=request.user)
    return _page(request, new_token=token)


@login_not_required
@never_cache
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """No login (calendar programs cannot log in): the unguessable token is the key. 404 when unknown,
    revoked, or the user is deactivated."""
    user = reminders.calendar_user(token)
    if user is None:
        raise Http404
    response = HttpResponse(reminders.calendar_ics(user=user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="brobygger.ics"'
    return response
