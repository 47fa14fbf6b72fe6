"""One person's first sign-in arriving twice at the same moment (two tabs, two app servers): one user,
no error (PostgreSQL only)."""

import threading
import time

import pytest
from django.db import connection

from portal.core.models import Role, User
from portal.signin import services
from portal.signin.models import ExternalIdentity
from portal.signin.rules import Claimed
from tests.signin.fixtures import AARHUS_CVR

THREADS = 4


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_first_sign_ins_make_one_user(reference_data, monkeypatch, jobcenter, municipality_cvrs):
    if connection.vendor != "postgresql":
        pytest.skip("the race needs PostgreSQL's concurrent transactions")
    # Widen the race window: every thread dawdles between "no identity yet" and creating one.
    assign = services.assignment_for

    def slow_assign(claimed):
        result = assign(claimed)
        time.sleep(0.3)
        return result

    monkeypatch.setattr(services, "assignment_for", slow_assign)
    claimed = Claimed(role=Role.CASEWORKER, municipalities=frozenset({AARHUS_CVR}), by_cvr=True)
    barrier, results, errors = threading.Barrier(THREADS), [], []

    def sign_in():
        try:
            barrier.wait()
            results.append(
                services.external_sign_in(
                    issuer="https://idp.kommune.dk",
                    subject="samme-person",
                    profile=services.Profile(email="karen@aarhus.dk"),
                    claimed=claimed,
                ).pk  # fmt: skip
            )
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_in) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(results)) == 1 and len(results) == THREADS
    assert ExternalIdentity.objects.count() == 1
    assert User.objects.filter(email="karen@aarhus.dk").count() == 1
