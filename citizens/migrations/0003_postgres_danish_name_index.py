"""PostgreSQL-only index for the citizen list in Danish name order (SQLite skips it).

The list orders by `last_name COLLATE "da-DK-x-icu", first_name COLLATE "da-DK-x-icu", id` within a
jobcenter (see `citizens.selectors.list_order`); this index returns that order directly, so a page
is an index scan with no sort, as `citizen_name_order_idx` does for the default collation.
Created only where the ICU collation exists (otherwise the list keeps the default order).
"""

from django.db import migrations

DANISH = (
    "CREATE INDEX IF NOT EXISTS citizen_name_da_idx ON citizens_citizen "
    '(jobcenter_id, last_name COLLATE "da-DK-x-icu", first_name COLLATE "da-DK-x-icu", id)'
)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_collation WHERE collname = 'da-DK-x-icu'")
        if cursor.fetchone():
            cursor.execute(DANISH)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS citizen_name_da_idx")


class Migration(migrations.Migration):
    dependencies = [("citizens", "0002_list_order_index")]

    operations = [migrations.RunPython(forward, backward)]
