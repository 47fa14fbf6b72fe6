"""Every page each role can open, in a real browser, on demo data: it loads (200), it has one h1,
axe finds no WCAG 2.1 AA violation, and the console shows no error (a CSP violation from an inline
script or style would show up there)."""

import pytest
from django.urls import reverse

from citizens.models import Citizen
from enterprises.models import Enterprise, EnterpriseStatus
from matching.models import Placement
from portal.core.demo import DEMO_PASSWORD
from portal.flyer.models import FlyerText


def pages_for(username: str) -> list[str]:
    enterprise = Enterprise.objects.filter(status=EnterpriseStatus.ACTIVE, municipality_id="751").order_by(
        "pk"
    )[0]
    if username == "superuser":  # security events (system administrators arrive with issue 12)
        return [reverse("home"), reverse("audit:security")]
    if username == "admin":
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
            reverse("matching:statistics"),
            reverse("flyer:preview"),
            reverse("flyer:text_versions"),
            reverse("flyer:text_new"),
            reverse("flyer:text_detail", args=[text.pk]),
            reverse("accessibility"),
            reverse("ops:failed_jobs"),
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
    ]
    if username == "teamleder":
        pages += [
            reverse("audit:list"),
            reverse("citizens:reassign", args=[citizen.pk]),
            reverse("citizens:access_report", args=[citizen.pk]),
            reverse("citizens:export_html", args=[citizen.pk]),
            reverse("flyer:contact_edit"),
        ]
    return pages


@pytest.mark.parametrize("username", ["sagsbehandler", "teamleder", "admin", "superuser"])
def test_every_page_loads_is_accessible_and_keeps_the_csp(page, live_server, demo_data, login, axe, username):
    if username == "superuser":
        _superuser_with_a_security_event(live_server)
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
        found += errors
        errors.clear()
        if found:
            problems[path] = found
    assert problems == {}


def _superuser_with_a_security_event(live_server) -> None:
    """Demo data has no superuser: make one, and one refused access for the security log to show."""
    from django.test import Client

    from portal.core.models import Role, User

    User.objects.create_superuser("superuser", password=DEMO_PASSWORD, role=Role.ADMIN)
    foreign = Citizen.objects.exclude(jobcenter__name="Jobcenter Odense").order_by("pk")[0]
    client = Client()
    client.force_login(User.objects.get(username="sagsbehandler2"))
    assert client.get(reverse("citizens:detail", args=[foreign.pk])).status_code == 404
