import pytest


@pytest.fixture
def two_factor_enforced(settings) -> None:
    settings.TWO_FACTOR_ENFORCED = True
