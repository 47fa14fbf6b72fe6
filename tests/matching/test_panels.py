"""Panels on the citizen and enterprise detail pages, rendered through the template tags."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from .conftest import make_citizen, make_placement

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _matching_panels_registered():
    """Other modules' tests may clear a whole slot; registering again is idempotent."""
    from django.apps import apps

    apps.get_app_config("matching").ready()


def render(slot, obj, user) -> str:
    """The enterprise page's panel slot, or the case page's panels from the citizen data contract."""
    request = RequestFactory().get("/")
    request.user = user
    tag = "{% citizen_panels obj %}" if slot == "citizen_detail" else "{% panels slot obj %}"
    return Template("{% load portal_panels %}" + tag).render(
        Context({"request": request, "slot": slot, "obj": obj})
    )


def test_the_citizen_panel_lists_placements_and_links_to_matches(placement, citizen, caseworker):
    html = render("citizen_detail", citizen, caseworker)
    assert "Café Kompasset" in html and f"/citizens/{citizen.pk}/matches/" in html


def test_the_citizen_panel_is_hidden_from_other_jobcenters_and_admins(
    placement, citizen, outsider, admin_user
):
    assert render("citizen_detail", citizen, outsider) == ""
    assert render("citizen_detail", citizen, admin_user) == ""


def test_the_enterprise_panel_shows_names_to_the_own_jobcenter_only(
    placement, enterprise, caseworker, outsider, admin_user
):
    own = render("enterprise_detail", enterprise, caseworker)
    assert "Mette Madsen" in own and f"/enterprises/{enterprise.pk}/candidates/" in own
    for user in (outsider, admin_user):
        html = render("enterprise_detail", enterprise, user)
        assert "Åbne forløb: 1, heraf 0 i gang." in html
        assert "Mette Madsen" not in html
    assert "candidates" not in render("enterprise_detail", enterprise, admin_user)


def test_panel_queries_stay_constant(enterprise, citizen, jobcenter, caseworker):
    make_placement(citizen=citizen, enterprise=enterprise, by=caseworker)
    with CaptureQueriesContext(connection) as one:
        render("enterprise_detail", enterprise, caseworker)
        render("citizen_detail", citizen, caseworker)
    for _ in range(5):
        other = make_citizen(jobcenter=jobcenter, caseworker=caseworker)
        make_placement(citizen=other, enterprise=enterprise, by=caseworker)
    with CaptureQueriesContext(connection) as many:
        render("enterprise_detail", enterprise, caseworker)
        render("citizen_detail", citizen, caseworker)
    assert len(many.captured_queries) == len(one.captured_queries)
