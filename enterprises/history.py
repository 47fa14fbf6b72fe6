"""The change history of an enterprise with its offers and contacts (django-simple-history rows)."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from enterprises.models import ContactPerson, Enterprise, Offer

KINDS = {"+": _("Oprettet"), "~": _("Ændret"), "-": _("Slettet")}
LIMIT = 200


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    at: datetime
    who: str
    kind: str
    what: str
    changes: list[Change] = field(default_factory=list)


def _display(model, field_name: str, value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, list):  # m2m: [{"enterprise": 1, "targetgroup": "dagpenge"}, ...]
        codes = [
            str(v) for row in value for k, v in row.items() if k not in ("enterprise", "id", "m2m_history_id")
        ]
        return ", ".join(sorted(codes)) or "–"
    try:
        model_field = model._meta.get_field(field_name)
    except Exception:  # noqa: BLE001 (a field removed since)
        return str(value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("ja") if value else _("nej"))
    return str(value)


def _verbose(model, field_name: str) -> str:
    try:
        return str(model._meta.get_field(field_name).verbose_name)
    except Exception:  # noqa: BLE001
        return field_name


def _entries(model, records, what) -> list[HistoryEntry]:
    entries = []
    previous: dict[int, object] = {}
    for record in sorted(records, key=lambda r: (r.id, r.history_date, r.history_id)):
        entry = HistoryEntry(
            at=record.history_date,
            who=record.history_user.display_name if record.history_user else str(_("system/import")),
            kind=str(KINDS.get(record.history_type, record.history_type)),
            what=what(record),
        )
        before = previous.get(record.id)
        if record.history_type == "~" and before is not None:
            delta = record.diff_against(before, excluded_fields=["updated_at"])
            entry.changes = [
                Change(
                    _verbose(model, c.field), _display(model, c.field, c.old), _display(model, c.field, c.new)
                )
                for c in delta.changes
            ]
            if not entry.changes:
                previous[record.id] = record
                continue
        previous[record.id] = record
        entries.append(entry)
    return entries


def history_entries(enterprise: Enterprise) -> list[HistoryEntry]:
    """Newest first: the enterprise's own changes, then its offers' and contacts'."""
    own = enterprise.history.select_related("history_user").order_by("-history_date")[:LIMIT]
    offers = (
        Offer.history.filter(enterprise_id=enterprise.pk)
        .select_related("history_user", "placement_type")
        .order_by("-history_date")[:LIMIT]
    )
    contacts = (
        ContactPerson.history.filter(enterprise_id=enterprise.pk)
        .select_related("history_user")
        .order_by("-history_date")[:LIMIT]
    )
    entries = (
        _entries(Enterprise, own, lambda r: str(_("Virksomheden")))
        + _entries(Offer, offers, lambda r: f"{_('Tilbud')}: {r.placement_type}")
        + _entries(ContactPerson, contacts, lambda r: f"{_('Kontaktperson')}: {r.name}")
    )
    return sorted(entries, key=lambda e: e.at, reverse=True)
