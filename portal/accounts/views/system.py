"""System administrators: jobcenters, municipalities' CVR numbers, and current lockouts."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.accounts.forms import CvrForm, JobcenterForm, add_errors
from portal.accounts.services import system as services
from portal.core import access, lockout
from portal.core.audit import AuditContext
from portal.core.models import Jobcenter, JobcenterMunicipality, LoginThrottle, Municipality


@access.require(access.can_manage_jobcenters)
def jobcenter_list(request: HttpRequest) -> HttpResponse:
    jobcenters = (
        Jobcenter.objects.select_related("postcode")
        .prefetch_related(Prefetch("municipalities", queryset=Municipality.objects.order_by("name")))
        .annotate(user_count=Count("users"))
        .order_by("name")
    )
    return render(request, "accounts/jobcenter_list.html", {"jobcenters": jobcenters})


@access.require(access.can_manage_jobcenters)
def jobcenter_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    jobcenter = get_object_or_404(Jobcenter, pk=pk) if pk else None
    initial = {"municipalities": list(jobcenter.municipalities.all())} if jobcenter else {}
    form = JobcenterForm(request.POST or None, instance=jobcenter, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in services.JOBCENTER_FIELDS}
        try:
            saved = services.jobcenter_save(
                by=request.user,
                jobcenter=Jobcenter.objects.get(pk=pk) if pk else None,
                data=data,
                municipalities=list(form.cleaned_data["municipalities"]),
                context=AuditContext.from_request(request),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("%(name)s er gemt.") % {"name": saved.name})
            return redirect("accounts:jobcenters")
    return render(request, "accounts/jobcenter_form.html", {"form": form, "jobcenter": jobcenter})


@access.require(access.can_manage_jobcenters)
def municipality_list(request: HttpRequest) -> HttpResponse:
    served = dict(JobcenterMunicipality.objects.values_list("municipality_id", "jobcenter__name"))
    municipalities = list(Municipality.objects.select_related("region").order_by("name"))
    for municipality in municipalities:
        municipality.served_by = served.get(municipality.code, "")
    return render(request, "accounts/municipality_list.html", {"municipalities": municipalities})


@access.require(access.can_manage_jobcenters)
def municipality_edit(request: HttpRequest, code: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality, code=code)
    form = CvrForm(request.POST or None, initial={"cvr": municipality.cvr})
    if request.method == "POST" and form.is_valid():
        try:
            services.municipality_set_cvr(
                by=request.user,
                municipality=municipality,
                cvr=form.cleaned_data["cvr"],
                context=AuditContext.from_request(request),
            )
        except ValidationError as exc:
            municipality.refresh_from_db()
            add_errors(form, exc)
        else:
            messages.success(request, _("CVR-nummeret for %(name)s er gemt.") % {"name": municipality.name})
            return redirect("accounts:municipalities")
    return render(request, "accounts/municipality_form.html", {"form": form, "municipality": municipality})


@access.require(access.can_view_lockouts)
def lockout_list(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/lockout_list.html", {"rows": lockout.active_lockouts()})


@require_POST
@access.require(access.can_view_lockouts)
def lockout_clear(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(LoginThrottle, pk=pk)
    services.lockout_clear(by=request.user, row=row, context=AuditContext.from_request(request))
    messages.success(request, _("Låsningen af %(key)s er ophævet.") % {"key": row.key})
    return redirect("accounts:lockouts")
