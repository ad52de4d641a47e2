"""Render the PDF notices of corpus/ from their text sources in scripts/pdf_sources/.

A source file is named <topic>__<round>__<name>.txt and becomes
corpus/<topic>/<round>/<name>.pdf. A leading 'Key: value' block ending in
'---' is kept as text (the readers take metadata from it) and also written
into the PDF's metadata. Lines starting with '|' form a table; a line
'<<page>>' starts a new page. Output is deterministic (fixed dates, no ids).

Usage: python scripts/make_corpus_pdfs.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fpdf import FPDF

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "scripts" / "pdf_sources"


def _meta(lines: list[str]) -> dict[str, str]:
    meta = {}
    for line in lines:
        if line.strip() == "---":
            break
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip()
    return meta


def render(source: Path, target: Path) -> None:
    lines = source.read_text(encoding="utf-8").splitlines()
    meta = _meta(lines)
    pdf = FPDF(format="A4")
    pdf.set_title(meta.get("title", ""))
    pdf.set_author(meta.get("issuer", ""))
    pdf.set_creator("controlbrief scripts/make_corpus_pdfs.py")
    date = meta.get("date", "2000-01-01")
    pdf.set_creation_date(dt.datetime.fromisoformat(date).replace(tzinfo=dt.timezone.utc))
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    table: list[list[str]] = []

    def flush_table() -> None:
        if not table:
            return
        with pdf.table(text_align="LEFT", line_height=6) as t:
            for row in table:
                r = t.row()
                for cell in row:
                    r.cell(cell)
        pdf.ln(3)
        table.clear()

    for line in lines:
        if line.startswith("|"):
            table.append([c.strip() for c in line.strip().strip("|").split("|")])
            continue
        flush_table()
        if line.strip() == "<<page>>":
            pdf.add_page()
        elif not line.strip():
            pdf.ln(4)
        else:
            pdf.multi_cell(0, 5.5, line, new_x="LMARGIN", new_y="NEXT")
    flush_table()
    target.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(target))


def main() -> None:
    for source in sorted(SOURCES.glob("*.txt")):
        topic, rnd, name = source.stem.split("__")
        target = ROOT / "corpus" / topic / rnd / f"{name}.pdf"
        render(source, target)
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
