"""Reading and validating an import file. Reads the database, never writes it."""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.forms import ValidationError as FormValidationError
from django.utils.translation import gettext as _

from enterprises import rules
from enterprises.csv_io import columns as col
from enterprises.forms import clean_cvr, clean_p_number
from enterprises.models import Enterprise, EnterpriseKind, EnterpriseStatus
from portal.core.csv_safety import from_excel_safe
from portal.core.models import ChallengeArea, Industry, PlacementType, Postcode, TargetGroup


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = _("Linje %(line)s") % {"line": self.line}
        if self.column:
            where += _(", kolonne »%(column)s«") % {"column": self.column}
        return f"{where}: {self.message}"


@dataclass
class ParsedRow:
    line: int
    cvr: str
    fields: dict[str, Any] = field(default_factory=dict)
    target_groups: list[str] | None = None
    challenge_areas: list[str] | None = None
    offers: dict[str, int] | None = None
    contact: str | None = None
    existing: Enterprise | None = None


@dataclass
class ImportReport:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""
    created: int = 0
    updated: int = 0
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def to_create(self) -> int:
        return sum(1 for row in self.rows if row.existing is None)

    @property
    def to_update(self) -> int:
        return sum(1 for row in self.rows if row.existing is not None)


def decode(data: bytes) -> tuple[str, str]:
    """UTF-8 (BOM or not) first; Windows-1252 for files saved by older Excel."""
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252"), "Windows-1252"


def sniff_delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") >= header.count(",") else ","


class _Reference:
    """Reference data loaded once per import (a handful of queries whatever the file size)."""

    def __init__(self) -> None:
        self.postcodes = {
            p.number: p
            for p in Postcode.objects.prefetch_related("municipalities").only("number", "municipality")
        }
        self.industries = set(Industry.objects.values_list("code", flat=True))
        self.target_groups = set(TargetGroup.objects.values_list("code", flat=True))
        self.challenge_areas = set(ChallengeArea.objects.values_list("code", flat=True))
        self.placement_types = set(PlacementType.objects.values_list("code", flat=True))


def parse_csv(data: bytes) -> ImportReport:
    report = ImportReport()
    try:
        text, report.encoding = decode(data)
    except UnicodeDecodeError:
        report.errors.append(RowError(1, "", _("Filen kan ikke læses som UTF-8 eller Windows-1252.")))
        return report
    if not text.strip():
        report.errors.append(RowError(1, "", _("Filen er tom.")))
        return report
    report.delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=report.delimiter)
    try:
        header = [col.normalise_header(name) for name in next(reader)]
    except csv.Error:
        report.errors.append(RowError(1, "", _("Overskriften kan ikke læses (et felt er for langt).")))
        return report
    if not _check_header(header, report):
        return report
    ref = _Reference()
    raw_rows = _read_rows(reader, header, report)
    if not raw_rows and report.ok:
        report.errors.append(RowError(1, "", _("Filen indeholder ingen virksomheder.")))
    parsed: list[ParsedRow] = []
    first_line_of: dict[str, int] = {}
    for line, raw in raw_rows:
        row = _parse_row(line, raw, ref, report)
        if row is None:
            continue
        if row.cvr in first_line_of:
            report.errors.append(
                RowError(
                    line,
                    "cvr",
                    _("CVR-nummeret står også på linje %(line)s.") % {"line": first_line_of[row.cvr]},
                )
            )
            continue
        first_line_of[row.cvr] = line
        parsed.append(row)
    # Looked up by the cleaned CVR ("DK 12-34-56-78" is 12345678), so an existing one is updated.
    existing = Enterprise.objects.prefetch_related("offers", "contacts").in_bulk(
        list(first_line_of), field_name="cvr"
    )
    for row in parsed:
        row.existing = existing.get(row.cvr)
        _check_offers_against_taken(row, report)
        report.rows.append(row)
    return report


def _read_rows(reader, header: list[str], report: ImportReport) -> list[tuple[int, dict[str, str]]]:
    """Each non-empty line as {column: cell}. A line with another number of cells than the header, a
    cell the csv module refuses (over its field limit) or a NUL byte is a line error, never a crash."""
    rows: list[tuple[int, dict[str, str]]] = []
    line = reader.line_num + 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return rows
        except csv.Error:  # the reader cannot go on after this: report the line and stop
            report.errors.append(RowError(line, "", _("Linjen kan ikke læses: et felt er for langt.")))
            return rows
        if any(v.strip() for v in values):
            if len(values) != len(header):
                message = (
                    _("Linjen har flere felter end overskriften.")
                    if len(values) > len(header)
                    else _("Linjen har færre felter end overskriften.")
                )
                report.errors.append(RowError(line, "", message))
            else:
                cells = {name: value for name, value in zip(header, values, strict=True) if name}
                for name, value in cells.items():
                    if "\x00" in value:
                        report.errors.append(
                            RowError(line, name, _("Feltet indeholder et ugyldigt tegn (NUL)."))
                        )
                rows.append((line, {name: from_excel_safe(value) for name, value in cells.items()}))
        line = reader.line_num + 1


def _check_header(header: list[str], report: ImportReport) -> bool:
    unknown = [name for name in header if name and name not in col.COLUMNS]
    for name in unknown:
        report.errors.append(
            RowError(
                1,
                name,
                _("Ukendt kolonne. Kendte kolonner: %(columns)s.") % {"columns": ", ".join(col.COLUMNS)},
            )
        )
    missing = [name for name in col.REQUIRED_COLUMNS if name not in header]
    for name in missing:
        report.errors.append(RowError(1, name, _("Kolonnen mangler; den er påkrævet.")))
    doubles = {name for name in header if name and header.count(name) > 1}
    for name in sorted(doubles):
        report.errors.append(RowError(1, name, _("Kolonnen står to gange.")))
    return not (unknown or missing or doubles)


def _parse_row(line: int, raw: dict[str, str], ref: _Reference, report: ImportReport) -> ParsedRow | None:
    errors_before = len(report.errors)

    def cell(name: str, parse: Callable[[str], Any]) -> Any:
        try:
            return parse(raw[name])
        except (ValueError, FormValidationError) as exc:
            message = exc.messages[0] if isinstance(exc, FormValidationError) else str(exc)
            value = raw[name].strip()
            shown = f" Værdi: »{value[:80]}«." if value else ""
            report.errors.append(
                RowError(line, name, message[0].upper() + message[1:].rstrip(".") + "." + shown)
            )
            return None

    row = ParsedRow(line=line, cvr=cell("cvr", clean_cvr) or "")
    fields = row.fields
    name = cell("navn", lambda v: col.parse_text(v, 200))
    if name == "":
        report.errors.append(RowError(line, "navn", _("Navn skal udfyldes.")))
    fields["name"] = name
    postcode = cell("postnummer", lambda v: _postcode(v, ref))
    if postcode is not None:
        fields["postcode"] = postcode
        chosen = raw.get("kommunekode", "").strip()
        fields["municipality_id"] = cell(
            "kommunekode" if chosen else "postnummer",
            lambda _v: rules.municipality_for_postcode(
                chosen=chosen.zfill(3)[-3:] if chosen else None,
                main=postcode.municipality_id,
                allowed=[m.code for m in postcode.municipalities.all()],
            ),
        )
    simple: dict[str, tuple[str, Callable[[str], Any]]] = {
        "type": ("kind", lambda v: col.parse_choice(v, col.KIND_CODES, EnterpriseKind.SOCIAL_ECONOMY)),
        "status": ("status", lambda v: col.parse_choice(v, col.STATUS_CODES, EnterpriseStatus.ACTIVE)),
        "adresse": ("address", lambda v: col.parse_text(v, 200)),
        "branchekode": ("industry_id", lambda v: col.parse_industry(v, ref.industries)),
        "beskrivelse": ("description", lambda v: col.parse_text(v, 10_000)),
        "hjemmeside": ("website", col.parse_url),
        "email": ("email", col.parse_email),
        "telefon": ("phone", lambda v: col.parse_text(v, 30)),
        "rsv": ("rsv_registered", col.parse_bool),
        "ordinaert_ansatte": ("ordinary_staff_fte", col.parse_decimal),
        "p_nummer": ("p_number", clean_p_number),
    }
    for column, (field_name, parse) in simple.items():
        if column in raw:
            fields[field_name] = cell(column, parse)
    if "maalgrupper" in raw:
        row.target_groups = cell("maalgrupper", lambda v: col.parse_codes(v, ref.target_groups))
    if "erfaring" in raw:
        row.challenge_areas = cell("erfaring", lambda v: col.parse_codes(v, ref.challenge_areas))
    if "tilbud" in raw:
        row.offers = cell("tilbud", lambda v: col.parse_offers(v, ref.placement_types))
    if "kontaktperson" in raw:
        row.contact = cell("kontaktperson", lambda v: col.parse_text(v, 120))
    return row if len(report.errors) == errors_before else None


def _postcode(text: str, ref: _Reference) -> Postcode:
    number = text.strip()
    if not number:
        raise ValueError(_("Postnummer skal udfyldes"))
    if number not in ref.postcodes:
        raise ValueError(_("ukendt postnummer: %(number)s") % {"number": number})
    return ref.postcodes[number]


def _check_offers_against_taken(row: ParsedRow, report: ImportReport) -> None:
    """Places already taken by placements cannot disappear through an import."""
    if row.existing is None or row.offers is None:
        return
    for offer in row.existing.offers.all():
        wanted = row.offers.get(offer.placement_type_id, 0)
        if reason := rules.places_reason(places=wanted, taken=offer.places_taken):
            report.errors.append(RowError(row.line, "tilbud", f"{offer.placement_type_id}: {reason}"))
