"""Danish alphabetical order for names: … X Y Z Æ Ø Å, with "Aa" sorted as Å.

PostgreSQL's ICU collation `da-DK-x-icu` does this; SQLite (and a PostgreSQL built without ICU) keeps
the database's default order. Indexes that serve such an order are created by PostgreSQL-only
migrations on `col COLLATE "da-DK-x-icu"` (enterprises 0003, citizens 0003).
"""

from functools import cache

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import F
from django.db.models.functions import Collate

DANISH_COLLATION = "da-DK-x-icu"


@cache
def _collation_exists(alias: str) -> bool:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_collation WHERE collname = %s", [DANISH_COLLATION])
        return cursor.fetchone() is not None


def has_danish_collation(alias: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether the database behind `alias` has the Danish ICU collation (asked once per process)."""
    if connections[alias].vendor != "postgresql":
        return False
    return _collation_exists(alias)


def danish(field: str) -> Collate | F:
    """`field` compared in Danish order where the database can, else as is (for `order_by`)."""
    return Collate(field, DANISH_COLLATION) if has_danish_collation() else F(field)
