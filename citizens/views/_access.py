"""The access gate every view under `/citizens/<id>/` goes through, in this order:
role (admins and others: 403) → the citizen scoped to the user's jobcenter (foreign or unknown: 404,
for every method) → the view's extra predicate (403) → the HTTP method (405) → an anonymised case
refuses every write (back to the case with a message; nothing changes)."""

from collections.abc import Callable, Sequence
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache

from citizens.models import Citizen
from citizens.selectors import citizen_detail, citizen_get
from citizens.services import ANONYMISED_MESSAGE
from portal.core.access import can_access_citizens
from portal.core.audit import audit_if_foreign, audit_log
from portal.core.models import AuditAction, User

SAFE_METHODS = ("GET", "HEAD")


def citizen_view(
    *,
    methods: Sequence[str] = ("GET",),
    predicate: Callable[[User], bool] | None = None,
    full: bool = False,
    writes: bool = True,
) -> Callable:
    """Decorate `view(request, citizen, ...)`; `full=True` loads everything the detail page shows.
    `writes=False` marks a POST that changes nothing in the case (revealing the CPR number), which an
    anonymised case still answers."""

    allowed = [*methods, "HEAD"] if "GET" in methods else list(methods)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @never_cache
        def wrapped(request: HttpRequest, pk: int, *args, **kwargs) -> HttpResponse:
            if not can_access_citizens(request.user):
                raise PermissionDenied
            loader = citizen_detail if full else citizen_get
            try:
                citizen = loader(user=request.user, pk=pk)
            except Http404:
                audit_if_foreign(
                    request, queryset=Citizen.objects, owner="jobcenter_id", kind="citizen", pk=pk
                )
                raise
            if predicate is not None and not predicate(request.user):
                raise PermissionDenied
            if request.method not in allowed:
                return HttpResponseNotAllowed(allowed)
            if writes and request.method not in SAFE_METHODS and citizen.is_anonymised:
                return _refuse_anonymised(request, citizen)
            return view(request, citizen, *args, **kwargs)

        return wrapped

    return decorator


def _refuse_anonymised(request: HttpRequest, citizen: Citizen) -> HttpResponse:
    messages.error(request, ANONYMISED_MESSAGE)
    url = reverse("citizens:detail", args=[citizen.pk])
    if is_htmx(request):
        response = HttpResponse(status=409)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def audit_page_read(request: HttpRequest, citizen: Citizen, page: str) -> None:
    """A page other than the detail page shows the case (its name, and on edit the birth date): logged
    on every render, a form re-shown after an invalid POST included, so no response shows the case
    untraced."""
    audit_log(action=AuditAction.CITIZEN_VIEW, request=request, target=citizen, detail={"page": page})


def is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))  # set by django-htmx's HtmxMiddleware
