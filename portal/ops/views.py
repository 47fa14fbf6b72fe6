"""Operations pages: /metrics for Prometheus and the failed-jobs list."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST

from portal.core import jobs, metrics
from portal.core.access import can_view_failed_jobs, require

PAGE_SIZE = 50


@login_not_required
@never_cache
@require_GET
def metrics_view(request: HttpRequest) -> HttpResponse:
    """Not behind login (a scraper has no session), but behind METRICS_TOKEN or METRICS_ALLOWED_IPS."""
    allowed = metrics.may_scrape(
        authorization=request.headers.get("Authorization", ""),
        remote_addr=request.META.get("REMOTE_ADDR", ""),
        token=settings.METRICS_TOKEN,
        allowed=settings.METRICS_ALLOWED_IPS,
    )
    if not allowed:
        return HttpResponse("Forbidden\n", status=403, content_type="text/plain")
    return HttpResponse(metrics.render_metrics(), content_type=CONTENT_TYPE_LATEST)


@require_GET
@require(can_view_failed_jobs)
def failed_jobs(request: HttpRequest) -> HttpResponse:
    page = Paginator(jobs.failed_jobs(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "ops/failed_jobs.html", {"page": page, "max_attempts": jobs.MAX_ATTEMPTS})
