"""The access gate every view under `/citizens/<id>/` goes through, in this order:
role (admins and others: 403) → the citizen scoped to the user's jobcenter (foreign or unknown: 404,
for every method) → the view's extra predicate (403) → the HTTP method (405)."""

from collections.abc import Callable, Sequence
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.views.decorators.cache import never_cache

from citizens.selectors import citizen_detail, citizen_get
from portal.access import can_access_citizens
from portal.models import User


def citizen_view(
    *,
    methods: Sequence[str] = ("GET",),
    predicate: Callable[[User], bool] | None = None,
    full: bool = False,
) -> Callable:
    """Decorate `view(request, citizen, ...)`; `full=True` loads everything the detail page shows."""

    allowed = [*methods, "HEAD"] if "GET" in methods else list(methods)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @never_cache
        def wrapped(request: HttpRequest, pk: int, *args, **kwargs) -> HttpResponse:
            if not can_access_citizens(request.user):
                raise PermissionDenied
            loader = citizen_detail if full else citizen_get
            citizen = loader(user=request.user, pk=pk)
            if predicate is not None and not predicate(request.user):
                raise PermissionDenied
            if request.method not in allowed:
                return HttpResponseNotAllowed(allowed)
            return view(request, citizen, *args, **kwargs)

        return wrapped

    return decorator


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"
