from django.db import migrations

FULL = "Pengeinstitut- og finansieringsvirksomhed undtagen forsikring og pensionsforsikring"


def fix_label(apps, schema_editor):
    # The source file cut DB07 division 64's name short ("... undtagen forsikring og").
    apps.get_model("portal", "Industry").objects.filter(code="64").update(name=FULL)


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_cache_table")]
    operations = [migrations.RunPython(fix_label, migrations.RunPython.noop)]
