"""Jobcenter.municipalities gets an explicit through model on the same table, so that "a municipality
is served by at most one jobcenter" can be a unique constraint. The table and its rows stay as they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0005_accounts_roles_cvr_break_glass_login_throttle"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="JobcenterMunicipality",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        (
                            "jobcenter",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="portal.jobcenter"
                            ),
                        ),
                        (
                            "municipality",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="portal.municipality"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "betjent kommune",
                        "verbose_name_plural": "betjente kommuner",
                        "db_table": "portal_jobcenter_municipalities",
                    },
                ),
                migrations.AlterField(
                    model_name="jobcenter",
                    name="municipalities",
                    field=models.ManyToManyField(
                        related_name="jobcenters",
                        through="portal.JobcenterMunicipality",
                        to="portal.municipality",
                        verbose_name="kommuner",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.AddConstraint(
            model_name="jobcentermunicipality",
            constraint=models.UniqueConstraint(fields=("municipality",), name="municipality_served_by_one_jobcenter"),
        ),
    ]
