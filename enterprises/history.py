"""The change history of an enterprise with its offers and contacts (django-simple-history rows)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.utils import get_m2m_reverse_field_name

from enterprises.models import ContactPerson, Enterprise, Offer
from portal.core.formats import format_number

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


class _Labels:
    """Display names of related rows (users, codes, postcodes...), loaded once per related model."""

    def __init__(self) -> None:
        self.wanted: dict[type[Model], set] = defaultdict(set)
        self.loaded: dict[type[Model], dict] = {}

    def want(self, model: type[Model], pk) -> None:
        if pk not in (None, ""):
            self.wanted[model].add(pk)

    def load(self) -> None:
        for model, pks in self.wanted.items():
            self.loaded[model] = model._default_manager.in_bulk(pks)

    def label(self, model: type[Model], pk) -> str:
        obj = self.loaded.get(model, {}).get(pk)
        if obj is None:
            return str(pk)
        return obj.display_name if hasattr(obj, "display_name") else str(obj)


def _m2m_pks(value: list[dict]) -> list:
    """m2m history rows: [{"enterprise": 1, "targetgroup": "dagpenge"}, ...] → ["dagpenge", ...]."""
    return [v for row in value for k, v in row.items() if k not in ("enterprise", "id", "m2m_history_id")]


def _field(model, field_name: str):
    try:
        return model._meta.get_field(field_name)
    except FieldDoesNotExist:  # a field removed since
        return None


def _want(labels: _Labels, model_field, value) -> None:
    if model_field is None or not model_field.is_relation:
        return
    if isinstance(value, list):
        for pk in _m2m_pks(value):
            labels.want(model_field.related_model, pk)
    else:
        labels.want(model_field.related_model, value)


def _display(labels: _Labels, model_field, value) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if model_field is not None and model_field.is_relation:
        related = model_field.related_model
        if isinstance(value, list):
            return ", ".join(sorted(labels.label(related, pk) for pk in _m2m_pks(value))) or "–"
        return labels.label(related, value)
    if model_field is not None and model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("ja") if value else _("nej"))
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "j. F Y H:i")
    if isinstance(value, date):
        return date_format(value, "j. F Y")
    if isinstance(value, Decimal):
        return format_number(value)
    return str(value)


def _verbose(model_field, field_name: str) -> str:
    return str(model_field.verbose_name) if model_field is not None else field_name


@dataclass
class _RawChange:
    entry: HistoryEntry
    model_field: object
    name: str
    old: object
    new: object


def _m2m_rows(records: list, field_names: list[str]) -> dict[tuple[str, int], list[dict]]:
    """Each record's m2m rows per field, one query per field (simple-history's own diff queries
    twice per field and record)."""
    rows: dict[tuple[str, int], list[dict]] = defaultdict(list)
    if not records:
        return rows
    ids = [record.history_id for record in records]
    for name in field_names:
        through = getattr(records[0], name).model
        reverse = get_m2m_reverse_field_name(records[0].instance_type._meta.get_field(name))
        for history_id, pk in (
            through.objects.filter(history_id__in=ids).order_by(reverse).values_list("history_id", reverse)
        ):
            rows[(name, history_id)].append({reverse: pk})
    return rows


def _entries(model, records, what, raw: list[_RawChange]) -> list[HistoryEntry]:
    records = sorted(records, key=lambda r: (r.id, r.history_date, r.history_id))
    m2m_names = [f.name for f in getattr(model.history.model, "_history_m2m_fields", [])]
    m2m = _m2m_rows(records, m2m_names)
    entries = []
    previous: dict[int, object] = {}
    for record in records:
        entry = HistoryEntry(
            at=record.history_date,
            who=record.history_user.display_name
            if record.history_user
            else (record.history_change_reason or str(_("system/import"))),
            kind=str(KINDS.get(record.history_type, record.history_type)),
            what=what(record),
        )
        before = previous.get(record.id)
        previous[record.id] = record
        if record.history_type == "~" and before is not None:
            delta = record.diff_against(before, excluded_fields=["updated_at", *m2m_names])
            changes = [(c.field, c.old, c.new) for c in delta.changes] + [
                (name, m2m[(name, before.history_id)], m2m[(name, record.history_id)])
                for name in m2m_names
                if m2m[(name, before.history_id)] != m2m[(name, record.history_id)]
            ]
            if not changes:
                continue
            raw += [_RawChange(entry, _field(model, name), name, old, new) for name, old, new in changes]
        entries.append(entry)
    return entries


def _format(raw: list[_RawChange]) -> None:
    """Turn raw values into Danish text, loading the related rows they name in one go."""
    labels = _Labels()
    for change in raw:
        _want(labels, change.model_field, change.old)
        _want(labels, change.model_field, change.new)
    labels.load()
    for change in raw:
        change.entry.changes.append(
            Change(
                _verbose(change.model_field, change.name),
                _display(labels, change.model_field, change.old),
                _display(labels, change.model_field, change.new),
            )
        )


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
    raw: list[_RawChange] = []
    entries = (
        _entries(Enterprise, own, lambda r: str(_("Virksomheden")), raw)
        + _entries(Offer, offers, lambda r: f"{_('Tilbud')}: {r.placement_type}", raw)
        + _entries(ContactPerson, contacts, lambda r: f"{_('Kontaktperson')}: {r.name}", raw)
    )
    _format(raw)
    return sorted(entries, key=lambda e: e.at, reverse=True)
