# Placement history: PROTECT instead of CASCADE/SET_NULL, and the database refuses UPDATE and DELETE.

import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('matching', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='placementevent',
            name='by',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='af'),
        ),
        migrations.AlterField(
            model_name='placementevent',
            name='placement',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='events', to='matching.placement'),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='placementevent',
            trigger=pgtrigger.compiler.Trigger(name='placement_event_append_only', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION 'pgtrigger: Cannot update or delete rows from % table', TG_TABLE_NAME;", hash='46ce26c20f08fc77e68ab3e158cdab180d3be64e', operation='UPDATE OR DELETE', pgid='pgtrigger_placement_event_append_only_e13a6', table='matching_placementevent', when='BEFORE')),
        ),
    ]
