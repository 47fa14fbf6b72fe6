"""The public pages under /register/: no login, no portal navigation, no citizen data, noindex, rate
limited per address (database counters), tokens masked in logs (enterprises/apps.py)."""

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from enterprises.models import VerificationRequest
from enterprises.verify import ratelimit, services
from enterprises.verify.forms import ConfirmForm
from enterprises.verify.reports import ReportForm, report_create
from enterprises.verify.tokens import check_token
from portal.core.audit import client_ip


def public_page(view):
    """No login; 30 requests a minute per address; never indexed, cached or leaking the URL onward."""

    @login_not_required
    @never_cache
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        ip = client_ip(request) or "unknown"
        if not ratelimit.hit(f"ip:{ip}", limit=ratelimit.REQUESTS_PER_MINUTE):
            response = too_many(request)
        else:
            response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        # The confirm link is a secret: never send it to another site as a Referer. ("no-referrer" would
        # make Chromium send "Origin: null" with the form, which Django's CSRF check refuses.)
        response["Referrer-Policy"] = "same-origin"
        return response

    return wrapped


def too_many(request: HttpRequest) -> HttpResponse:
    response = render(request, "enterprises/public/429.html", status=429)
    response["Retry-After"] = "60"
    return response


def not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "enterprises/public/not_found.html", status=404)


@public_page
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Opening (GET) never uses the link up (mail scanners open links); one successful POST does."""
    checked = check_token(token)
    if checked is None:
        return not_found(request)
    request_row = (
        VerificationRequest.objects.select_related("enterprise").filter(token_hash=checked.token_hash).first()
    )
    if request_row is None:
        return not_found(request)
    if request.method == "POST" and request.POST.get("action") == "new_link":
        services.ask_new_link(token_hash=checked.token_hash, ip=client_ip(request))
        return render(request, "enterprises/public/new_link_asked.html")
    try:
        if checked.expired:
            raise services.LinkUnusable
        services.usable_request(checked.token_hash)
    except services.LinkUnusable:
        return render(
            request, "enterprises/public/link_unusable.html", {"expired": checked.expired}, status=410
        )
    enterprise = request_row.enterprise
    if request.method != "POST":
        return _form_page(request, ConfirmForm(enterprise))
    if services.count_submission(checked.token_hash) > ratelimit.SUBMISSIONS_PER_LINK:
        return too_many(request)
    form = ConfirmForm(enterprise, request.POST)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    try:
        services.answer_submit(
            token_hash=checked.token_hash,
            answer=form.answer(confirm_only=request.POST.get("action") == "confirm"),
            ip=client_ip(request),
        )
    except services.LinkUnusable:
        return render(request, "enterprises/public/link_unusable.html", {"expired": False}, status=410)
    except ValidationError as exc:
        form.add_error(None, exc)
        return _form_page(request, form, status=400)
    return redirect("register:thanks")


def _form_page(request: HttpRequest, form: ConfirmForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "enterprises/public/confirm.html",
        {"form": form, "enterprise": form.enterprise},
        status=status,
    )


@public_page
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "enterprises/public/thanks.html")


@public_page
def report(request: HttpRequest) -> HttpResponse:
    """ "Anmeld en virksomhed": goes to the admins' queue; nothing is published before they approve."""
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not form.is_robot:  # a filled honeypot gets the same thanks and is dropped
            report_create(data=form.cleaned_data)
        return redirect("register:report_thanks")
    return render(
        request, "enterprises/public/report.html", {"form": form}, status=400 if form.errors else 200
    )


@public_page
def report_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "enterprises/public/report_thanks.html")
