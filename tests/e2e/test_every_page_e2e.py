"""Every page each role can open, in a real browser, on demo data: it loads (200), it has one h1,
axe finds no WCAG 2.1 AA violation, the console shows no error (a CSP violation from an inline
script or style would show up there), and what axe does not check holds too (tests/e2e/a11y.py):
control boundaries and focus indicators at 3:1, and no sideways page scroll at 320 px. One load per
page serves all checks; its HTML goes to the one vnu run (tests/e2e/test_valid_html_e2e.py)."""

import json

import pytest
from django.urls import reverse

from citizens.models import Citizen
from enterprises.models import Enterprise, EnterpriseStatus
from matching.models import Placement
from portal.core.models import Jobcenter, User
from portal.flyer.models import FlyerText
from tests.e2e.a11y import boundary_problems, focus_problems, overflow_at
from tests.e2e.conftest import ARTIFACTS

OWN_ACCOUNT_PAGES = ["accounts:me", "accounts:password_change", "accounts:two_factor_setup"]


def system_admin_pages() -> list[str]:
    jobcenter = Jobcenter.objects.order_by("pk")[0]
    person = User.objects.get(username="sagsbehandler")
    return [
        reverse("home"),
        reverse("accounts:users"),
        reverse("accounts:users") + f"?jobcenter={jobcenter.pk}",
        reverse("accounts:user_invite"),
        reverse("accounts:user_detail", args=[person.pk]),
        reverse("accounts:jobcenters"),
        reverse("accounts:jobcenter_create"),
        reverse("accounts:jobcenter_edit", args=[jobcenter.pk]),
        reverse("accounts:municipalities"),
        reverse("accounts:municipality_edit", args=["751"]),
        reverse("accounts:lockouts"),
        reverse("audit:security"),
        reverse("ops:failed_jobs"),
        reverse("enterprises:list"),
        *[reverse(name) for name in OWN_ACCOUNT_PAGES],
    ]


def pages_for(username: str) -> list[str]:
    if username == "systemadmin":
        return system_admin_pages()
    enterprise = Enterprise.objects.filter(status=EnterpriseStatus.ACTIVE, municipality_id="751").order_by(
        "pk"
    )[0]
    if username == "superuser":  # security events (system administrators arrive with issue 12)
        return [reverse("home"), reverse("audit:security")]
    if username == "admin":
        other = (
            Enterprise.objects.filter(status=EnterpriseStatus.ACTIVE)
            .exclude(pk=enterprise.pk)
            .order_by("pk")[0]
        )
        text = FlyerText.objects.order_by("pk").first()
        return [
            reverse("home"),
            reverse("enterprises:list"),
            reverse("enterprises:detail", args=[enterprise.pk]),
            reverse("enterprises:create"),
            reverse("enterprises:edit", args=[enterprise.pk]),
            reverse("enterprises:archive", args=[enterprise.pk]),
            reverse("enterprises:history", args=[enterprise.pk]),
            reverse("enterprises:import"),
            reverse("enterprises:corrections"),
            reverse("enterprises:verification"),
            reverse("enterprises:verification") + "?tab=requested",
            reverse("enterprises:verification") + "?tab=call",
            reverse("enterprises:contact_log", args=[enterprise.pk]),
            reverse("enterprises:duplicates"),
            reverse("enterprises:reports"),
            reverse("enterprises:merge", args=[enterprise.pk, other.pk]),
            reverse("matching:statistics"),
            reverse("flyer:preview"),
            reverse("flyer:text_versions"),
            reverse("flyer:text_new"),
            reverse("flyer:text_detail", args=[text.pk]),
            reverse("accessibility"),
            *[reverse(name) for name in OWN_ACCOUNT_PAGES],
            reverse("flyer:six_reasons"),
        ]
    citizen = Citizen.objects.filter(caseworker__username=username, status="active").order_by("pk")[0]
    placement = Placement.objects.filter(citizen__jobcenter=citizen.jobcenter).order_by("pk")[0]
    # An active one too: the placement page's follow-up, extend and edit forms.
    active = Placement.objects.filter(citizen__jobcenter=citizen.jobcenter, status="active").order_by("pk")[0]
    pages = [
        reverse("home"),
        reverse("enterprises:list") + "?municipality=751&placement_type=virksomhedspraktik",
        reverse("enterprises:detail", args=[enterprise.pk]),
        reverse("matching:candidates", args=[enterprise.pk]),
        reverse("citizens:list"),
        reverse("citizens:create"),
        reverse("citizens:detail", args=[citizen.pk]),
        reverse("citizens:edit", args=[citizen.pk]),
        reverse("citizens:close", args=[citizen.pk]),
        reverse("matching:matches", args=[citizen.pk]) + "?excluded=on",
        reverse("matching:propose", args=[citizen.pk, enterprise.pk]),
        reverse("matching:placements"),
        reverse("matching:placement_detail", args=[placement.pk]),
        reverse("matching:placement_detail", args=[active.pk]),
        reverse("matching:agenda"),
        reverse("matching:statistics"),
        reverse("flyer:preview"),
        reverse("flyer:send"),
        *[reverse(name) for name in OWN_ACCOUNT_PAGES],
    ]
    if username == "teamleder":
        pages += [
            reverse("audit:list"),
            reverse("citizens:reassign", args=[citizen.pk]),
            reverse("citizens:access_report", args=[citizen.pk]),
            reverse("citizens:export_html", args=[citizen.pk]),
            reverse("flyer:contact_edit"),
            reverse("accounts:users"),
            reverse("accounts:user_invite"),
            reverse("accounts:user_detail", args=[User.objects.get(username="sagsbehandler").pk]),
        ]
    return pages


@pytest.mark.parametrize("username", ["sagsbehandler", "teamleder", "admin", "systemadmin"])
def test_every_page_loads_is_accessible_and_keeps_the_csp(page, live_server, demo_data, login, axe, username):
    if username == "systemadmin":
        _a_refused_access_for_the_security_log()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    login(username)
    problems = {}
    for path in pages_for(username):
        response = page.goto(live_server.url + path)
        found = []
        if response.status != 200:
            found.append(f"status {response.status}")
        if page.locator("h1").count() != 1:
            found.append(f"{page.locator('h1').count()} h1 elements")
        found += [f"axe {v['id']}: {v['help']} {v['nodes']}" for v in axe()]
        found += boundary_problems(page) + focus_problems(page)
        if overflow := overflow_at(page, 320):
            found.append(f"scrolls {overflow} px sideways at 320 px")
        found += errors
        errors.clear()
        if found:
            problems[path] = found
    if problems:  # the whole list, for whoever fixes them
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / f"every-page-problems-{username}.json").write_text(json.dumps(problems, indent=1))
    assert problems == {}


def _a_refused_access_for_the_security_log() -> None:
    """One guessed case id from another jobcenter, so the system administrator's security log shows a row."""
    from django.test import Client

    foreign = Citizen.objects.exclude(jobcenter__name="Jobcenter Odense").order_by("pk")[0]
    client = Client()
    client.force_login(User.objects.get(username="sagsbehandler2"))
    assert client.get(reverse("citizens:detail", args=[foreign.pk])).status_code == 404
