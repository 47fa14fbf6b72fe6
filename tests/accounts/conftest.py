import pytest
from django.test import Client

from portal.core.models import Role, User
from tests.conftest import client_for, make_user


@pytest.fixture
def system_admin(db) -> User:
    return make_user("sysa", Role.SYSTEM_ADMIN, None)


@pytest.fixture
def system_admin_client(system_admin) -> Client:
    return client_for(system_admin)


@pytest.fixture
def two_factor_enforced(settings) -> None:
    settings.TWO_FACTOR_ENFORCED = True
