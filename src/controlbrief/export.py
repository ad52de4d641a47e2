"""Serialise an ExtractionReport as CSV, one row per provision.

No spaCy here. JSON serialisation lives on the model (ExtractionReport.to_json)
so the same input always gives byte-identical output; CSV reuses its order.
"""

from __future__ import annotations

import csv
import io
import json

from controlbrief.models import ExtractionReport

COLUMNS = [
    "document_id", "source", "kind", "id", "span_start", "span_end", "page", "pattern",
    "value", "unit", "unit_text", "comparator", "measure", "measure_key", "applies_to", "items", "codes", "technology", "description",
    "category", "end_use", "policy", "party", "date", "event",
    "authority", "applicant", "documents", "review_days", "exemption_type", "scope", "country", "text",
]


# OWASP's rule for CSV injection: a cell a spreadsheet would read as a formula gets a leading
# apostrophe, which spreadsheets show as text and do not evaluate.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def cell(value: object) -> object:
    """A CSV cell value that no spreadsheet evaluates: text that opens like a formula is quoted."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(report: ExtractionReport) -> str:
    """CSV text with a header row; lists are joined with '; '; formula-like text is neutralised."""
    ordered = ExtractionReport.model_validate(json.loads(report.to_json()))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for doc in ordered.documents:
        for p in doc.provisions:
            row = p.model_dump()
            span = row.pop("span")
            row.update(document_id=doc.id, source=doc.source, span_start=span[0], span_end=span[1])
            for key in ("items", "codes", "documents", "applies_to"):
                if key in row:
                    row[key] = "; ".join(row[key])
            writer.writerow({c: ("" if row.get(c) is None else cell(row.get(c))) for c in COLUMNS})
    return buf.getvalue()
