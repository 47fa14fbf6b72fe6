"""Writing a validated import: all rows in one transaction, or nothing."""

from django.db import transaction
from django.http import HttpRequest

from enterprises.csv_io.parsing import ImportReport, ParsedRow, parse_csv
from enterprises.models import ContactPerson, Enterprise, Offer
from portal.core.audit import audit_log
from portal.core.models import AuditAction, User


def import_csv(
    data: bytes,
    *,
    dry_run: bool = False,
    by: User | None = None,
    request: HttpRequest | None = None,
    filename: str = "",
) -> ImportReport:
    """Validate `data`; unless `dry_run` or any line is bad, upsert every row by CVR."""
    report = parse_csv(data)
    if report.ok and not dry_run:
        apply_import(report, by=by, request=request, filename=filename)
    return report


@transaction.atomic
def apply_import(
    report: ImportReport, *, by: User | None = None, request: HttpRequest | None = None, filename: str = ""
) -> ImportReport:
    if not report.ok:
        raise ValueError("refusing to write an import with errors")
    for row in report.rows:
        _write_row(row, by)
        if row.existing is None:
            report.created += 1
        else:
            report.updated += 1
    report.written = True
    audit_log(
        action=AuditAction.ENTERPRISE_IMPORT,
        request=request,
        user=by,
        detail={"file": filename[:200], "created": report.created, "updated": report.updated},
    )
    return report


def _write_row(row: ParsedRow, by: User | None) -> None:
    enterprise = row.existing or Enterprise(cvr=row.cvr)
    for name, value in row.fields.items():
        setattr(enterprise, name, value)
    if by is not None:
        enterprise._history_user = by
    enterprise.save()
    if row.target_groups is not None:
        enterprise.target_groups.set(row.target_groups)
    if row.challenge_areas is not None:
        enterprise.challenge_areas.set(row.challenge_areas)
    if row.offers is not None:
        _write_offers(enterprise, row.offers, is_new=row.existing is None)
    if row.contact:
        _write_contact(enterprise, row.contact)


def _write_offers(enterprise: Enterprise, wanted: dict[str, int], *, is_new: bool) -> None:
    current = {} if is_new else {offer.placement_type_id: offer for offer in enterprise.offers.all()}
    for code, offer in current.items():
        if code not in wanted:
            offer.delete()  # validation made sure no places are taken
        elif offer.places != wanted[code]:
            offer.places = wanted[code]
            offer.save(update_fields=["places", "updated_at"])
    for code, places in wanted.items():
        if code not in current:
            Offer.objects.create(enterprise=enterprise, placement_type_id=code, places=places)


def _write_contact(enterprise: Enterprise, name: str) -> None:
    """The named person becomes the primary contact (created if new)."""
    contacts = list(enterprise.contacts.all())
    match = next((c for c in contacts if c.name == name), None)
    if match is not None and match.is_primary:
        return
    for contact in contacts:
        if contact.is_primary:
            contact.is_primary = False
            contact.save(update_fields=["is_primary"])
    if match is None:
        ContactPerson.objects.create(enterprise=enterprise, name=name, is_primary=True)
    else:
        match.is_primary = True
        match.save(update_fields=["is_primary"])
