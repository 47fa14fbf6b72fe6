"""Every response that shows a citizen's name writes an audit event naming that citizen.

Crawls every URL pattern of the site with GET, POST, PUT and OPTIONS as each role, for a case with a
distinctive name, filling each id in the pattern with every id that could matter (the case, its
placement, the enterprise, a foreign case). Any response containing the name must have written at
least one subject row for the case (portal.core.models.AuditSubject) during that request."""

import itertools
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from portal.core.models import AuditSubject, Role, User
from tests.conftest import make_user
from tests.matching.conftest import make_citizen, make_enterprise, make_placement

pytestmark = pytest.mark.django_db

NAME = "Zeferina Quistgaard"
METHODS = ("get", "post", "put", "options")
# Path parameters that are not ids: a status to move a placement to, a statistics table, a token.
WORDS = {"to_status": ["contacted", "cancelled"], "table": ["forloeb"], "token": ["x"], "slug": ["x"]}


def patterns(resolver: URLResolver = None, prefix: str = "") -> list[str]:
    """Every URL pattern as a route string with <name> placeholders (regex patterns simplified)."""
    resolver = resolver or get_resolver()
    routes = []
    for entry in resolver.url_patterns:
        route = prefix + _route(entry)
        if isinstance(entry, URLResolver):
            routes.extend(patterns(entry, route))
        elif isinstance(entry, URLPattern):
            routes.append(route)
    return routes


def _route(entry) -> str:
    pattern = entry.pattern
    text = getattr(pattern, "_route", None)
    if text is None:  # a regex pattern (admin, static): named groups become <name>
        text = (
            re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", pattern._regex).lstrip("^").rstrip("$").replace("\\", "")
        )
        text = re.sub(r"[()?*+|\[\]]", "", text)
    return re.sub(r"<(?:\w+:)?(\w+)>", r"<\1>", text)


def fill(route: str, ids: list[int]) -> list[str]:
    names = re.findall(r"<(\w+)>", route)
    choices = [WORDS.get(name, [str(i) for i in ids]) for name in names]
    urls = []
    for combo in itertools.product(*choices):
        url = route
        for name, value in zip(names, combo, strict=True):
            url = url.replace(f"<{name}>", value, 1)
        urls.append("/" + url)
    return urls


@pytest.fixture
def case(jobcenter, caseworker, colleague, other_jobcenter, outsider):
    citizen = make_citizen(
        jobcenter=jobcenter, caseworker=caseworker, first_name="Zeferina", last_name="Quistgaard"
    )
    enterprise = make_enterprise(name="Værkstedet Vest", offers={"virksomhedspraktik": 3})
    placement = make_placement(citizen=citizen, enterprise=enterprise, by=caseworker, status="agreed")
    foreign = make_citizen(jobcenter=other_jobcenter, caseworker=outsider, postcode="5000")
    return citizen, sorted({citizen.pk, placement.pk, enterprise.pk, foreign.pk})


def clients(jobcenter, other_jobcenter) -> dict[str, Client]:
    users = {
        "caseworker": User.objects.get(username="sara"),
        "colleague": User.objects.get(username="carl"),
        "team_lead": make_user("tove", Role.TEAM_LEAD, jobcenter),
        "admin": make_user("alma", Role.ADMIN, None),
        "outsider": User.objects.get(username="otto"),
    }
    superuser = make_user("root", Role.ADMIN, None)
    superuser.is_superuser = superuser.is_staff = True
    superuser.save()
    users["superuser"] = superuser
    result = {"anonymous": Client()}
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        result[role] = client
    return result


def test_every_response_showing_the_name_wrote_an_event_naming_the_citizen(
    case, jobcenter, other_jobcenter, outsider
):
    citizen, ids = case
    urls = sorted({url for route in patterns() for url in fill(route, ids)})
    unlogged, shown = [], 0
    for role, client in clients(jobcenter, other_jobcenter).items():
        for url, method in itertools.product(urls, METHODS):
            if "logout" in url:
                continue  # ends the session the rest of the crawl uses; shows no citizen
            before = AuditSubject.objects.filter(citizen_id=citizen.pk).count()
            response = getattr(client, method)(url)
            body = b"" if getattr(response, "streaming", False) else response.content
            if NAME.encode() in body or b"Zeferina" in body:
                shown += 1
                if AuditSubject.objects.filter(citizen_id=citizen.pk).count() == before:
                    unlogged.append(f"{role} {method.upper()} {url} → {response.status_code}")
    assert not unlogged, "shown without an audit event:\n" + "\n".join(unlogged)
    assert shown > 20  # the crawl did reach the pages that show the case
    # Another jobcenter's caseworker never got the case shown (their guesses are security events).
    assert not AuditSubject.objects.filter(citizen_id=citizen.pk, event__actor=outsider).exists()
