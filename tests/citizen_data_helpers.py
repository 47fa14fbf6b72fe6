"""Register a throw-away app in the citizen data contract for one test."""

import contextlib
from collections.abc import Iterator

from portal.core.citizen_data import CitizenData, register_citizen_data, unregister_citizen_data


@contextlib.contextmanager
def contributing(**hooks) -> Iterator[CitizenData]:
    contribution = CitizenData(name="test-app", **hooks)
    register_citizen_data(contribution)
    try:
        yield contribution
    finally:
        unregister_citizen_data("test-app")
