"""The register for people: a listing, one record in full, and CSV/XLSX for the accountant.

Text that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
return; SECURITY.md #11) is neutralised: prefixed with an apostrophe in CSV, stored as text with
Excel's quote prefix in XLSX.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

from formgen.errors import FormgenError
from formgen.i18n import _
from formgen.output import write_atomic
from formgen.register.entry import Row
from formgen.rules.money import format_amount

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = ("nr", "formularz", "sprawa", "data", "numer", "rodzaj", "czesc_planu", "osoba", "pesel",
           "przyznano", "podatek", "wyplacono", "odbiorca", "poreczyciele", "status", "zastapiony_przez",
           "zapisano")


def values(row: Row) -> dict[str, Any]:
    """A record's cells, in COLUMNS order (money as Decimal, dates as dates)."""
    item = row.issued
    return {
        "nr": row.id, "formularz": item.form, "sprawa": item.case_id, "data": item.doc_date,
        "numer": item.number, "rodzaj": item.kind, "czesc_planu": item.section,
        "osoba": item.person.name if item.person else None, "pesel": item.person.pesel if item.person else None,
        "przyznano": item.granted, "podatek": item.tax, "wyplacono": item.paid, "odbiorca": item.paid_to,
        "poreczyciele": ", ".join(g.name for g in item.guarantors) or None, "status": row.status,
        "zastapiony_przez": row.superseded_by, "zapisano": row.recorded_at,
    }


def risky(text: str) -> bool:
    """Whether a spreadsheet would read the text as a formula."""
    return text.startswith(FORMULA_START)


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    text = str(value)
    return "'" + text if risky(text) else text


def to_csv(rows: list[Row]) -> bytes:
    """UTF-8 with BOM, `;` between cells, decimal commas: what Polish Excel opens as it is."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        cells = values(row)
        writer.writerow([csv_cell(cells[c]) for c in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows: list[Row]) -> bytes:
    """One sheet, a header row, amounts as numbers, text that looks like a formula kept as text."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "rejestr"
    sheet.append(list(COLUMNS))
    for number, row in enumerate(rows, start=2):
        cells = values(row)
        for column, name in enumerate(COLUMNS, start=1):
            _put(sheet.cell(row=number, column=column), cells[name])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _put(cell: Any, value: Any) -> None:
    if isinstance(value, Decimal):
        cell.value = value
        cell.number_format = "#,##0.00"
    elif isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # never "f": the text stays text whatever it starts with
        if risky(value):
            cell.quotePrefix = True
    else:
        cell.value = value
        if hasattr(value, "year"):
            cell.number_format = "yyyy-mm-dd hh:mm" if hasattr(value, "hour") else "yyyy-mm-dd"


def export(rows: list[Row], target: Path) -> None:
    """Write the rows to a .csv or .xlsx file (atomically)."""
    suffix = target.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise FormgenError(_("{path}: export to a .csv or .xlsx file").format(path=target))
    write_atomic(target, to_csv(rows) if suffix == ".csv" else to_xlsx(rows))


def listing(rows: list[Row]) -> list[str]:
    """One line per record: number, date, form, case, document number, amount, status."""
    lines = []
    for row in rows:
        item = row.issued
        amount = format_amount(item.granted) if item.granted is not None else ""
        lines.append("  ".join([f"{row.id:>5}", item.doc_date.isoformat(), item.form, item.case_id,
                                item.number or "-", amount or "-", row.status]))
    return lines


def details(row: Row) -> list[str]:
    """Every field of one record, a line each."""
    cells = values(row)
    item = row.issued
    lines = [f"{name}: {'' if cells[name] is None else cells[name]}" for name in COLUMNS]
    lines += [f"limit_wykorzystany: {item.limit_used or ''}", f"splata_do: {item.ends_on or ''}",
              f"splacona: {row.repaid_on or ''}", f"wyjatek: {item.exception or ''}",
              f"pliki ({row.files.get('folder', '')}):"]
    lines += [f"  {rel}  sha256 {sha}" for rel, sha in sorted(row.files.get("files", {}).items())]
    return lines
