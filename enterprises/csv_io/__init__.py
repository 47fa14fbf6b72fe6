"""CSV import and export of the register, shared by the web import and `manage.py import_enterprises`.

Import: UTF-8 (with or without BOM) or Windows-1252, `;` or `,` separated, header names in any order
and case. All-or-nothing: every line is validated first; one bad line and nothing is written.
Export writes exactly the import format (UTF-8 with BOM, `;`), so export → import is lossless.
"""

from enterprises.csv_io.apply import apply_import, import_csv
from enterprises.csv_io.columns import COLUMNS, REQUIRED_COLUMNS
from enterprises.csv_io.export import export_csv, export_rows
from enterprises.csv_io.parsing import ImportReport, RowError, parse_csv

__all__ = [
    "COLUMNS",
    "REQUIRED_COLUMNS",
    "ImportReport",
    "RowError",
    "apply_import",
    "export_csv",
    "export_rows",
    "import_csv",
    "parse_csv",
]
