"""The list sorts names in Danish order on PostgreSQL (ICU `da-DK-x-icu`), straight from an index."""

import pytest
from django.db import connection
from django.urls import reverse

from citizens.selectors import citizen_list
from portal.core.collation import has_danish_collation

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Danish ICU collation needs PostgreSQL"
)

# In da-DK ICU, "Aa" is Å (a tertiary difference only), so Aagaard sorts as "Ågaard": after Åby.
DANISH_ORDER = ["Abel", "Zealand", "Æble", "Øster", "Åby", "Aagaard"]


@pytest.fixture
def danish_names(make_citizen, caseworker):
    if not has_danish_collation():
        pytest.skip("this PostgreSQL has no da-DK-x-icu collation")
    for last_name in reversed(DANISH_ORDER):
        make_citizen(by=caseworker, last_name=last_name)


def test_the_list_sorts_ae_oe_aa_after_z_and_aa_as_aa(danish_names, caseworker_client):
    response = caseworker_client.get(reverse("citizens:list"))
    assert [c.last_name for c in response.context["citizens"]] == DANISH_ORDER


def test_first_names_break_ties_in_danish_order(make_citizen, caseworker, caseworker_client):
    if not has_danish_collation():
        pytest.skip("this PostgreSQL has no da-DK-x-icu collation")
    for first_name in ["Aase", "Åse", "Ødis", "Ærling", "Zenia"]:
        make_citizen(by=caseworker, first_name=first_name, last_name="Holm")
    response = caseworker_client.get(reverse("citizens:list"))
    firsts = [c.first_name for c in response.context["citizens"]]
    assert firsts == ["Zenia", "Ærling", "Ødis", "Åse", "Aase"]


def test_the_danish_order_is_read_from_an_index_without_sorting(danish_names, caseworker):
    sql, params = citizen_list(user=caseworker, filters={"scope": "all"})[:25].query.sql_with_params()
    with connection.cursor() as cursor:
        # A tiny table would be scanned; forbid that so the planner shows whether the index fits.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "citizen_name_da_idx" in plan, plan
    assert "Sort" not in plan, plan
