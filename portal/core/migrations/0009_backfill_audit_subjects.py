"""Back-fill audit subject rows for events written before the table existed, in batches.

An event is about a citizen when its target is the citizen, or when it lists citizens' ids under
`detail["ids"]` (list, search, candidate and placement-list pages). The rule is copied here rather
than imported: a migration must keep doing what it did when it was written."""

from django.db import migrations

BATCH = 5000


def _citizen_ids(event) -> set[int]:
    ids: set[int] = set()
    if event.target_type == "citizen" and event.target_id is not None:
        ids.add(event.target_id)
    listed = (event.detail or {}).get("ids") if isinstance(event.detail, dict) else None
    if isinstance(listed, list):
        ids.update(value for value in listed if isinstance(value, int) and not isinstance(value, bool))
    return ids


def backfill(apps, schema_editor) -> None:
    AuditEvent = apps.get_model("portal", "AuditEvent")
    AuditSubject = apps.get_model("portal", "AuditSubject")
    last = 0
    while True:
        batch = list(
            AuditEvent.objects.filter(pk__gt=last)
            .order_by("pk")
            .only("pk", "target_type", "target_id", "detail")[:BATCH]
        )
        if not batch:
            return
        rows = [
            AuditSubject(event_id=event.pk, citizen_id=citizen_id)
            for event in batch
            for citizen_id in sorted(_citizen_ids(event))
        ]
        AuditSubject.objects.bulk_create(rows, ignore_conflicts=True)
        last = batch[-1].pk


class Migration(migrations.Migration):
    atomic = False  # each batch commits on its own, so a large log does not hold one huge transaction

    dependencies = [("portal", "0008_audit_subject_and_append_only")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True)]
