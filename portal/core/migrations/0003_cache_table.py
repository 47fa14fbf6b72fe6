from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # The database cache backend (default when REDIS_URL is unset) needs its table in every
    # database, test databases included; `createcachetable` is idempotent.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_reference_data")]
    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
