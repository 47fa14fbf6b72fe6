"""Fixtures for the enterprise register (factories: tests/factories.py)."""

import pytest

from enterprises.models import Enterprise
from tests.factories import make_enterprise, next_cvr

__all__ = ["make_enterprise"]


@pytest.fixture
def enterprise(db) -> Enterprise:
    return make_enterprise(
        "Café Bro",
        offers={"virksomhedspraktik": 2, "loentilskud": 1},
        target_groups=["kontanthjaelp_aktivitetsparat"],
        challenge_areas=["psykisk_saarbarhed"],
        contact="Mette Hansen",
        description="Café med frokostordning",
    )


@pytest.fixture
def valid_cvr() -> str:
    return next_cvr()
