# The audit subject table and the database's refusal to change history (PostgreSQL triggers).

import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0007_merge_20261201_1751'),
    ]

    operations = [
        migrations.CreateModel(
            name='AuditSubject',
            fields=[
                ('pk', models.CompositePrimaryKey('citizen_id', 'event', blank=True, editable=False, primary_key=True, serialize=False)),
                ('citizen_id', models.BigIntegerField(verbose_name='borger-id')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='subjects', to='portal.auditevent')),
            ],
            options={
                'verbose_name': 'logpostens borger',
                'verbose_name_plural': 'logposternes borgere',
            },
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='actor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='bruger'),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='jobcenter',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='portal.jobcenter', verbose_name='jobcenter'),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='auditevent',
            trigger=pgtrigger.compiler.Trigger(name='audit_event_append_only', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION 'pgtrigger: Cannot update or delete rows from % table', TG_TABLE_NAME;", hash='e6da52d63d60becc9b6a6bcdf22b73ca76e025d8', operation='UPDATE OR DELETE', pgid='pgtrigger_audit_event_append_only_d80fc', table='portal_auditevent', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='auditsubject',
            trigger=pgtrigger.compiler.Trigger(name='audit_subject_append_only', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION 'pgtrigger: Cannot update or delete rows from % table', TG_TABLE_NAME;", hash='ccf4b6bb2c6d58aa745ab6f3bf3233a9e36d1fca', operation='UPDATE OR DELETE', pgid='pgtrigger_audit_subject_append_only_48e77', table='portal_auditsubject', when='BEFORE')),
        ),
    ]
