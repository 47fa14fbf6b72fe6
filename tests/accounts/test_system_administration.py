"""System administrators: jobcenters and the municipalities they serve, CVR numbers, lockouts; and no
access to citizens at all."""

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from portal.core import lockout
from portal.core.models import AuditAction, AuditEvent, Jobcenter, LoginThrottle, Municipality
from tests.conftest import PASSWORD
from tests.matching.conftest import make_citizen

ENTERPRISE_ID = 1


def citizen_paths(citizen_pk: int) -> list[str]:
    """Every URL pattern with a citizen in it, from the URL configuration itself (so a new citizen
    page is covered without editing this test)."""
    paths = []

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                if route.startswith("citizens/"):
                    paths.append(
                        "/"
                        + route.replace("<int:pk>", str(citizen_pk)).replace(
                            "<int:enterprise_pk>", str(ENTERPRISE_ID)
                        )
                    )

    walk(get_resolver().url_patterns)
    return paths


def test_a_system_admin_gets_403_on_every_citizen_url(system_admin_client, caseworker, jobcenter):
    citizen = make_citizen(jobcenter=jobcenter, caseworker=caseworker)
    paths = citizen_paths(citizen.pk)
    assert len(paths) >= 15
    for path in paths:
        # Each method a page answers is refused; a method it does not answer at all is a 405.
        statuses = {system_admin_client.get(path).status_code, system_admin_client.post(path, {}).status_code}
        assert 403 in statuses and statuses <= {403, 405}, (path, statuses)
    assert not AuditEvent.objects.filter(target_type="citizen").exists()


def test_a_system_admin_creates_a_jobcenter_serving_free_municipalities(system_admin_client, system_admin):
    response = system_admin_client.post(
        reverse("accounts:jobcenter_create"), {"name": "Jobcenter Vejle", "municipalities": ["630"]}
    )
    assert response.status_code == 302
    jobcenter = Jobcenter.objects.get(name="Jobcenter Vejle")
    assert list(jobcenter.municipalities.values_list("code", flat=True)) == ["630"]
    assert AuditEvent.objects.filter(action=AuditAction.JOBCENTER_CREATE, actor=system_admin).exists()


def test_a_municipality_already_served_is_refused_with_the_other_jobcenters_name(
    system_admin_client, jobcenter
):
    response = system_admin_client.post(
        reverse("accounts:jobcenter_create"),
        {"name": "Jobcenter Østjylland", "municipalities": ["751", "630"]},
    )
    assert response.status_code == 200
    assert "Aarhus betjenes allerede af Jobcenter Aarhus" in response.content.decode()
    assert not Jobcenter.objects.filter(name="Jobcenter Østjylland").exists()


def test_the_database_itself_refuses_a_second_jobcenter_for_a_municipality(jobcenter):
    other = Jobcenter.objects.create(name="Jobcenter Anden")
    with pytest.raises(IntegrityError), transaction.atomic():
        other.municipalities.add("751")


def test_editing_a_jobcenter_keeps_and_changes_its_municipalities(system_admin_client, jobcenter):
    path = reverse("accounts:jobcenter_edit", args=[jobcenter.pk])
    response = system_admin_client.post(path, {"name": "Jobcenter Aarhus", "municipalities": ["751", "727"]})
    assert response.status_code == 302
    assert set(jobcenter.municipalities.values_list("code", flat=True)) == {"751", "727"}
    assert AuditEvent.objects.get(action=AuditAction.JOBCENTER_UPDATE).detail["municipalities"] == [
        "727",
        "751",
    ]


def test_a_municipalitys_cvr_is_validated_and_audited(system_admin_client):
    path = reverse("accounts:municipality_edit", args=["751"])
    bad = system_admin_client.post(path, {"cvr": "55133019"})
    assert "gyldigt kontrolciffer" in bad.content.decode()
    assert Municipality.objects.get(code="751").cvr == ""
    assert system_admin_client.post(path, {"cvr": "55133018"}).status_code == 302
    assert Municipality.objects.get(code="751").cvr == "55133018"
    assert AuditEvent.objects.get(action=AuditAction.MUNICIPALITY_CVR).detail["to"] == "55133018"


def test_two_municipalities_cannot_share_a_cvr(system_admin_client):
    Municipality.objects.filter(code="751").update(cvr="55133018")
    response = system_admin_client.post(
        reverse("accounts:municipality_edit", args=["461"]), {"cvr": "55133018"}
    )
    assert "allerede dette CVR-nummer" in response.content.decode()


def test_lockouts_and_throttles_show_to_system_admins_who_can_lift_them(
    system_admin_client, caseworker, settings
):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 5
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(6):
        attacker.post("/accounts/login/", {"username": "sara", "password": "forkert"})
    page = system_admin_client.get(reverse("accounts:lockouts")).content.decode()
    assert "sara" in page and "203.0.113.9" in page
    row = LoginThrottle.objects.get(kind="account", key="sara")
    system_admin_client.post(reverse("accounts:lockout_clear", args=[row.pk]))
    assert AuditEvent.objects.filter(action=AuditAction.LOCKOUT_CLEARED).exists()
    assert list(lockout.active_lockouts().values_list("key", flat=True)) == ["203.0.113.9"]
    assert Client().post("/accounts/login/", {"username": "sara", "password": PASSWORD}).status_code == 302
