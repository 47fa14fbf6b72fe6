"""Shared fixtures: one user per role in Jobcenter Aarhus, plus an outsider from Jobcenter Odense."""

import pytest
from django.test import Client

from portal.core.models import Jobcenter, Municipality, Role, User

PASSWORD = "en-god-adgangskode-42"

# Identity providers for sign-in tests, shared with the browser tests in tests/e2e/.
pytest_plugins = ["tests.signin.fixtures"]


@pytest.fixture(autouse=True)
def _jobs_run_at_once(settings) -> None:
    """Jobs run when queued, so a test sees their effect at once. Tests of the job mechanism itself
    switch back to the database backend and run the real worker (tests/portal/test_jobs.py)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def reference_data(transactional_db) -> None:
    """For transactional tests (live_server, threads): the database is emptied after each of them,
    reference data included, so load it again. (serialized_rollback would do this, but Playwright's
    greenlets see another connection object than the one the serialized contents hang on.)"""
    from django.apps import apps

    from matching.legal_limits import load_practice_limits
    from portal.core.models import Postcode
    from portal.core.reference_data import load_reference_data

    if not Postcode.objects.exists():
        load_reference_data(apps)
        load_practice_limits(apps)


@pytest.fixture
def jobcenter(db) -> Jobcenter:
    jc = Jobcenter.objects.create(name="Jobcenter Aarhus", phone="89 40 20 00", email="jobcenter@aarhus.dk")
    jc.municipalities.set(Municipality.objects.filter(code="751"))
    return jc


@pytest.fixture
def other_jobcenter(db) -> Jobcenter:
    jc = Jobcenter.objects.create(name="Jobcenter Odense")
    jc.municipalities.set(Municipality.objects.filter(code="461"))
    return jc


def make_user(username: str, role: str, jobcenter: Jobcenter | None) -> User:
    user = User.objects.create_user(
        username=username, password=PASSWORD, role=role, jobcenter=jobcenter, first_name=username.title()
    )
    return user


@pytest.fixture
def caseworker(jobcenter) -> User:
    return make_user("sara", Role.CASEWORKER, jobcenter)


@pytest.fixture
def colleague(jobcenter) -> User:
    return make_user("carl", Role.CASEWORKER, jobcenter)


@pytest.fixture
def team_lead(jobcenter) -> User:
    return make_user("tina", Role.TEAM_LEAD, jobcenter)


@pytest.fixture
def admin_user(db) -> User:
    return make_user("anna", Role.ADMIN, None)


@pytest.fixture
def system_admin(db) -> User:
    """Jobcenters, municipalities, users and failed jobs; never citizens."""
    return make_user("sysa", Role.SYSTEM_ADMIN, None)


@pytest.fixture
def outsider(other_jobcenter) -> User:
    """A caseworker from another jobcenter: must never see Aarhus' citizens."""
    return make_user("otto", Role.CASEWORKER, other_jobcenter)


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def caseworker_client(caseworker) -> Client:
    return client_for(caseworker)


@pytest.fixture
def team_lead_client(team_lead) -> Client:
    return client_for(team_lead)


@pytest.fixture
def admin_client_(admin_user) -> Client:
    return client_for(admin_user)


@pytest.fixture
def system_admin_client(system_admin) -> Client:
    return client_for(system_admin)


@pytest.fixture
def outsider_client(outsider) -> Client:
    return client_for(outsider)
