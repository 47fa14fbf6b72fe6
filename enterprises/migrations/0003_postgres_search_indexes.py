"""PostgreSQL-only indexes for the register at national scale (SQLite skips them).

- trigram GIN indexes on UPPER(name) and UPPER(description): Django's `icontains` is
  `UPPER(col::text) LIKE UPPER('%term%')`, which these serve;
- the name in Danish ICU order (`da-DK-x-icu`), used by the list's default sort;
- last verified, newest first, for the "senest verificeret" sort.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS enterprise_name_trgm ON enterprises_enterprise USING gin (UPPER(name) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS enterprise_description_trgm ON enterprises_enterprise "
    "USING gin (UPPER(description) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS enterprise_verified_idx ON enterprises_enterprise "
    "(last_verified_at DESC NULLS LAST)",
]
DANISH = (
    'CREATE INDEX IF NOT EXISTS enterprise_name_da_idx ON enterprises_enterprise (name COLLATE "da-DK-x-icu")'
)
BACKWARD = [
    "DROP INDEX IF EXISTS enterprise_name_trgm",
    "DROP INDEX IF EXISTS enterprise_description_trgm",
    "DROP INDEX IF EXISTS enterprise_verified_idx",
    "DROP INDEX IF EXISTS enterprise_name_da_idx",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for sql in FORWARD:
            cursor.execute(sql)
        cursor.execute("SELECT 1 FROM pg_collation WHERE collname = 'da-DK-x-icu'")
        if cursor.fetchone():
            cursor.execute(DANISH)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for sql in BACKWARD:
            cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0002_correction_suggestion")]

    operations = [migrations.RunPython(forward, backward)]
