"""Reads for `/audit/`: the citizens its rows name, scoped to the team lead's jobcenter."""

from collections.abc import Iterable

from citizens.models import Citizen
from portal.core.models import AuditEvent


def citizens_named_in(events: Iterable[AuditEvent], *, jobcenter_id: int) -> dict[int, Citizen]:
    """{citizen id: citizen} for the events' citizens of this jobcenter, in one query."""
    ids = {event.target_id for event in events if event.target_type == "citizen" and event.target_id}
    if not ids:
        return {}
    found = Citizen.objects.filter(jobcenter_id=jobcenter_id, pk__in=ids).only(
        "first_name", "last_name", "anonymised_at"
    )
    return {citizen.pk: citizen for citizen in found}


def citizen_ids_named(*, jobcenter_id: int, name: str):
    """Ids of the jobcenter's citizens whose name matches every word of `name` (a subquery)."""
    return Citizen.objects.filter(jobcenter_id=jobcenter_id).name_matches(name).values("pk")
