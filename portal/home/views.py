from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from enterprises.verify.selectors import register_health
from portal.core.access import can_curate_register
from portal.core.health import health
from portal.home.dashboard import figures_for


def home(request: HttpRequest) -> HttpResponse:
    health = register_health() if can_curate_register(request.user) else None
    return render(request, "portal/home.html", {"figures": figures_for(request.user), "health": health})


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    body, serving = health()
    return JsonResponse(body, status=200 if serving else 503)


@login_not_required
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    """`/was`: the official WAS-Tool statement when configured, else our own page."""
    if settings.ACCESSIBILITY_STATEMENT_URL:
        return redirect(settings.ACCESSIBILITY_STATEMENT_URL)
    return render(request, "portal/accessibility.html")
