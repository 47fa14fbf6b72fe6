"""Version 1 of the national flyer text is the built-in default, saved here once, so reading the
published text never has to write (portal/flyer/selectors.py)."""

from django.db import migrations
from django.utils import timezone

from portal.flyer.defaults import DEFAULT_TEXT  # the text as it ships: data, not a model


def save_default(apps, schema_editor):
    FlyerText = apps.get_model("flyer", "FlyerText")
    if not FlyerText.objects.filter(is_published=True).exists():
        FlyerText.objects.create(
            **DEFAULT_TEXT, change_note="Standardtekst", is_published=True, published_at=timezone.now()
        )


class Migration(migrations.Migration):
    dependencies = [("flyer", "0001_initial")]

    operations = [migrations.RunPython(save_default, migrations.RunPython.noop)]
