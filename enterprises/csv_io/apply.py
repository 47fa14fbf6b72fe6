"""Writing a validated import through `enterprise_upsert_many`: all rows in one transaction, or nothing."""

from collections.abc import Callable

from enterprises.csv_io.parsing import ImportReport, ParsedRow, RowError, parse_csv
from enterprises.services import (
    ContactData,
    EnterpriseData,
    OfferData,
    UpsertRowError,
    enterprise_upsert_many,
)
from portal.core.audit import SYSTEM, AuditContext


def import_csv(
    data: bytes, *, dry_run: bool = False, context: AuditContext = SYSTEM, filename: str = ""
) -> ImportReport:
    """Validate `data`; unless `dry_run` or any line is bad, upsert every row by CVR."""
    report = parse_csv(data)
    if report.ok and not dry_run:
        apply_import(report, context=context, filename=filename)
    return report


def apply_import(
    report: ImportReport,
    *,
    context: AuditContext = SYSTEM,
    filename: str = "",
    skip_bad_rows: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """All or nothing by default; with `skip_bad_rows`, exactly the rows without an error are written."""
    if not report.ok and not skip_bad_rows:
        raise ValueError("refusing to write an import with errors")
    bad = {error.line for error in report.errors}
    rows = [row for row in report.rows if row.line not in bad]
    if not rows:
        return report
    try:
        result = enterprise_upsert_many(
            rows=[_data(row) for row in rows], context=context, source=filename, progress=progress
        )
    except UpsertRowError as exc:  # the register changed since the file was checked; nothing written
        report.errors.append(RowError(rows[exc.index].line, "", " ".join(exc.error.messages)))
        return report
    report.created = len(result.created)
    report.updated = len(result.changed) + len(result.unchanged)
    report.written = True
    return report


def _data(row: ParsedRow) -> EnterpriseData:
    offers = None
    if row.offers is not None:
        offers = [OfferData(values={"placement_type": code, "places": n}) for code, n in row.offers.items()]
        if row.existing is not None:
            offers += [
                OfferData(values={"placement_type": offer.placement_type_id}, delete=True)
                for offer in row.existing.offers.all()
                if offer.placement_type_id not in row.offers
            ]
    contacts = None
    if row.contact:
        # The named person becomes the primary contact (created if new); the others stay.
        known = row.existing.contacts.all() if row.existing is not None else []
        match = next((contact for contact in known if contact.name == row.contact), None)
        values = {"is_primary": True} if match else {"name": row.contact, "is_primary": True}
        contacts = [ContactData(values=values, pk=match.pk if match else None)]
    return EnterpriseData(
        fields={"cvr": row.cvr, **row.fields},
        target_groups=row.target_groups,
        challenge_areas=row.challenge_areas,
        offers=offers,
        contacts=contacts,
    )
