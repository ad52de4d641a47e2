"""Serialise an ExtractionReport as CSV or an Excel workbook, one row per provision.

No spaCy here. JSON serialisation lives on the model (ExtractionReport.to_json)
so the same input always gives byte-identical output; CSV reuses its order.
"""

from __future__ import annotations

import csv
import io
import json

from controlbrief.models import ExtractionReport

DOCUMENT_COLUMNS = ["document_id", "source", "title", "issuer", "number", "published", "round", "language"]
COLUMNS = [
    *DOCUMENT_COLUMNS, "kind", "id", "span_start", "span_end", "page", "pattern",
    "value", "unit", "unit_text", "comparator", "measure", "measure_key", "applies_to", "items", "codes", "technology", "description",
    "category", "end_use", "policy", "party", "date", "event",
    "authority", "applicant", "documents", "review_days", "exemption_type", "scope", "country",
    "relation", "target", "target_text", "from", "until", "text",
]


# OWASP's rule for CSV injection: a cell a spreadsheet would read as a formula gets a leading
# apostrophe, which spreadsheets show as text and do not evaluate.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def cell(value: object) -> object:
    """A CSV cell value that no spreadsheet evaluates: text that opens like a formula is quoted."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _ordered(report: ExtractionReport) -> ExtractionReport:
    return ExtractionReport.model_validate(json.loads(report.to_json()))


def _document_row(doc) -> dict[str, object]:
    return {"document_id": doc.id, "source": doc.source, "title": doc.title, "issuer": doc.issuer, "number": doc.number,
            "published": doc.published, "round": doc.round, "language": doc.language}


def provision_rows(report: ExtractionReport):
    """(document, provision, row) for every provision, in the JSON order; lists joined with '; '."""
    for doc in _ordered(report).documents:
        for p in doc.provisions:
            row = p.model_dump()
            span = row.pop("span")
            row.update(_document_row(doc), span_start=span[0], span_end=span[1])
            for key in ("items", "codes", "documents", "applies_to"):
                if key in row:
                    row[key] = "; ".join(row[key])
            yield doc, p, {c: row.get(c) for c in COLUMNS}


def to_csv(report: ExtractionReport) -> str:
    """CSV text with a header row; lists are joined with '; '; formula-like text is neutralised."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for _, _, row in provision_rows(report):
        writer.writerow({c: ("" if v is None else cell(v)) for c, v in row.items()})
    return buf.getvalue()


def to_xlsx(report: ExtractionReport, site: str | None = None) -> bytes:
    """A workbook with a Documents sheet and a Provisions sheet (openpyxl: frozen headers, filters, links).

    With `site`, each document links to its briefing page and each provision to its
    evidence there. Text is always written as text: a cell that opens like a formula
    is neutralised, as in the CSV.
    """
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook()
    docs_sheet = book.active
    docs_sheet.title = "Documents"
    prov_sheet = book.create_sheet("Provisions")
    base = site.rstrip("/") + "/" if site else None

    def put(sheet, row_values: list, link: str | None = None) -> None:
        sheet.append([cell(v) if isinstance(v, str) else v for v in row_values])
        for c in sheet[sheet.max_row]:
            if isinstance(c.value, str):
                c.data_type = "s"  # never a formula, whatever the text
        if link:
            sheet.cell(row=sheet.max_row, column=1).hyperlink = link

    put(docs_sheet, [*DOCUMENT_COLUMNS, "provisions"])
    ordered = _ordered(report)
    for doc in ordered.documents:
        row = _document_row(doc)
        put(docs_sheet, [row[c] for c in DOCUMENT_COLUMNS] + [len(doc.provisions)],
            f"{base}notices/{doc.id}.html" if base else None)
    put(prov_sheet, COLUMNS)
    for doc, p, row in provision_rows(ordered):
        put(prov_sheet, [row[c] for c in COLUMNS], f"{base}notices/{doc.id}.html#ev-{p.id}" if base else None)
    for sheet in (docs_sheet, prov_sheet):
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(sheet.max_column)}{sheet.max_row}"
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
