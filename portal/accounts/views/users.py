"""User administration: team leads for their own jobcenter's staff, system administrators for all."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.accounts.forms import InviteForm, MoveCasesForm, RoleForm, add_errors
from portal.accounts.selectors import (
    colleagues_for_cases,
    open_case_count,
    user_for_manager_or_404,
    users_for,
)
from portal.accounts.services import users as services
from portal.core import access
from portal.core.audit import AuditContext
from portal.core.models import Jobcenter


@access.require(access.can_manage_users)
def user_list(request: HttpRequest) -> HttpResponse:
    jobcenters = Jobcenter.objects.all() if access.is_system_admin(request.user) else None
    selected = request.GET.get("jobcenter", "")
    users = users_for(by=request.user, jobcenter_id=int(selected) if selected.isdigit() else None)
    return render(
        request,
        "accounts/user_list.html",
        {"users": users, "jobcenters": jobcenters, "selected": selected},
    )


@access.require(access.can_manage_users)
def user_invite(request: HttpRequest) -> HttpResponse:
    form = InviteForm(request.POST or None, by=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_invite(
                by=request.user,
                base_url=request.build_absolute_uri("/"),
                context=AuditContext.from_request(request),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Invitationen er sendt til %(email)s.") % {"email": user.email})
            return redirect("accounts:user_detail", pk=user.pk)
    return render(request, "accounts/user_invite.html", {"form": form})


def _detail_context(request: HttpRequest, person, **forms) -> dict:
    context = {
        "person": person,
        "open_cases": open_case_count(person),
        "can_move_cases": access.can_reassign_citizens(request.user),
        "is_self": person.pk == request.user.pk,
        "can_break_glass": access.is_system_admin(request.user),
    }
    context["role_form"] = forms.get("role_form") or RoleForm(
        by=request.user, initial={"role": person.role, "jobcenter": person.jobcenter_id}
    )
    if context["can_move_cases"]:
        context["move_form"] = forms.get("move_form") or MoveCasesForm(
            colleagues=colleagues_for_cases(by=request.user, user=person)
        )
    return context


@access.require(access.can_manage_users)
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = user_for_manager_or_404(by=request.user, pk=pk)
    return render(request, "accounts/user_detail.html", _detail_context(request, person))


@require_POST
@access.require(access.can_manage_users)
def user_role(request: HttpRequest, pk: int) -> HttpResponse:
    person = user_for_manager_or_404(by=request.user, pk=pk)
    form = RoleForm(request.POST, by=request.user)
    if form.is_valid():
        try:
            services.user_change_role(
                by=request.user,
                user=person,
                role=form.cleaned_data["role"],
                jobcenter=form.cleaned_data.get("jobcenter"),
                context=AuditContext.from_request(request),
            )
        except ValidationError as exc:
            person.refresh_from_db()
            add_errors(form, exc)
        else:
            messages.success(request, _("Rollen er ændret."))
            return redirect("accounts:user_detail", pk=person.pk)
    return render(
        request, "accounts/user_detail.html", _detail_context(request, person, role_form=form), status=400
    )


@require_POST
@access.require(access.can_manage_users)
def user_active(request: HttpRequest, pk: int) -> HttpResponse:
    person = user_for_manager_or_404(by=request.user, pk=pk)
    active = request.POST.get("active") == "1"
    try:
        services.user_set_active(
            by=request.user, user=person, active=active, context=AuditContext.from_request(request)
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Brugeren er genaktiveret.") if active else _("Brugeren er deaktiveret og logget ud.")
        )
    return redirect("accounts:user_detail", pk=person.pk)


@require_POST
@access.require(access.can_reassign_citizens)
def user_move_cases(request: HttpRequest, pk: int) -> HttpResponse:
    person = user_for_manager_or_404(by=request.user, pk=pk)
    form = MoveCasesForm(request.POST, colleagues=colleagues_for_cases(by=request.user, user=person))
    if form.is_valid():
        try:
            moved = services.user_move_open_cases(
                by=request.user,
                user=person,
                to=form.cleaned_data["to"],
                context=AuditContext.from_request(request),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(count)s åbne sager er flyttet til %(name)s.")
                % {"count": moved, "name": form.cleaned_data["to"].display_name},
            )
            return redirect("accounts:user_detail", pk=person.pk)
    return render(
        request, "accounts/user_detail.html", _detail_context(request, person, move_form=form), status=400
    )


@require_POST
@access.require(access.is_system_admin)
def user_break_glass(request: HttpRequest, pk: int) -> HttpResponse:
    person = user_for_manager_or_404(by=request.user, pk=pk)
    on = request.POST.get("break_glass") == "1"
    services.user_set_break_glass(
        by=request.user, user=person, break_glass=on, context=AuditContext.from_request(request)
    )
    messages.success(request, _("Nødadgang er slået til.") if on else _("Nødadgang er slået fra."))
    return redirect("accounts:user_detail", pk=person.pk)
