"""Export in exactly the import format: UTF-8 with BOM, `;` separated."""

import csv
import io
from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, QuerySet

from enterprises.csv_io import columns as col
from enterprises.models import ContactPerson, Enterprise
from portal.core.csv_safety import excel_safe
from portal.core.formats import format_number


def export_queryset(queryset: QuerySet) -> QuerySet:
    return queryset.select_related(None).prefetch_related(
        "offers",
        "target_groups",
        "challenge_areas",
        Prefetch(
            "contacts", queryset=ContactPerson.objects.filter(is_primary=True), to_attr="primary_contacts"
        ),
    )


def export_rows(enterprises: Iterable[Enterprise]) -> Iterator[list[str]]:
    yield list(col.COLUMNS)
    for e in enterprises:
        primary = e.primary_contacts[0].name if e.primary_contacts else ""
        offers = sorted(e.offers.all(), key=lambda o: o.placement_type_id)
        values = {
            "cvr": e.cvr,
            "navn": e.name,
            "type": col.KIND_NAMES.get(e.kind, e.kind),
            "status": col.STATUS_NAMES.get(e.status, e.status),
            "adresse": e.address,
            "postnummer": e.postcode_id,
            "kommunekode": e.municipality_id,
            "branchekode": e.industry_id or "",
            "beskrivelse": e.description,
            "hjemmeside": e.website,
            "email": e.email,
            "telefon": e.phone,
            "kontaktperson": primary,
            "rsv": "ja" if e.rsv_registered else "nej",
            "ordinaert_ansatte": format_number(e.ordinary_staff_fte),
            "maalgrupper": "|".join(sorted(t.code for t in e.target_groups.all())),
            "erfaring": "|".join(sorted(c.code for c in e.challenge_areas.all())),
            "tilbud": "|".join(f"{o.placement_type_id}:{o.places}" for o in offers),
            "p_nummer": e.p_number,
        }
        yield [excel_safe(values[name]) for name in col.COLUMNS]


def export_csv(queryset: QuerySet) -> str:
    """The whole file as text, starting with a BOM so Excel reads æøå right."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(export_rows(export_queryset(queryset)))
    return buffer.getvalue()
