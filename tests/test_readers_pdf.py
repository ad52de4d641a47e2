import pytest

from controlbrief.errors import ReadError
from controlbrief.readers import read_bytes
from controlbrief.readers.pdf import read_pdf
from support import CORPUS, DATA

BIS = CORPUS / "us-advanced-computing" / "2024-12" / "bis-2024-12-hbm-fdp.pdf"
GA = CORPUS / "gallium-germanium" / "2023-07" / "mofcom-2023-23-gallium-germanium.pdf"


def test_readers_pdf_pages_and_offsets():
    read = read_bytes(BIS.name, BIS.read_bytes())
    assert read.format == "pdf"
    assert len(read.page_starts) == 2 and read.page_starts[0] == 0
    second = read.text[read.page_starts[1]:]
    assert second.startswith("SUPPLEMENTARY INFORMATION")
    assert read.meta["round"] == "2024-12"


def test_readers_pdf_wrapped_lines_join_into_paragraphs():
    read = read_bytes(BIS.name, BIS.read_bytes())
    lines = read.text.split("\n")
    summary = [ln for ln in lines if ln.startswith("SUMMARY:")]
    assert len(summary) == 1 and summary[0].endswith("for military modernization.")


def test_readers_pdf_tables_become_rows():
    read = read_bytes(GA.name, GA.read_bytes())
    assert "Indium gallium arsenide | all forms | 2853909031" in read.text.split("\n")


@pytest.mark.parametrize(
    ("name", "reason"),
    [("encrypted.pdf", "encrypted PDF"), ("truncated.pdf", "corrupt or truncated PDF"), ("junk.pdf", "not a PDF")],
)
def test_readers_pdf_refuses_bad_pdfs(name, reason):
    with pytest.raises(ReadError, match=reason):
        read_bytes(name, (DATA / name).read_bytes())


def test_readers_pdf_good_fixture():
    read = read_bytes("good.pdf", (DATA / "good.pdf").read_bytes())
    assert "Gallium metal" in read.text
    assert read.meta["date"] == "2023-07-03"


def _columns_pdf(ncols: int, title: bool = True, table: bool = False) -> bytes:
    """A page set in ncols columns (as the Federal Register sets three, the Official Journal two)."""
    from fpdf import FPDF

    pdf = FPDF(format="letter")
    pdf.add_page()
    width = pdf.w - 2 * pdf.l_margin
    if title:
        pdf.set_font("Helvetica", "B", 12)
        pdf.multi_cell(width, 6, "Rule on sample controls of widget items, set across the whole width of the page",
                       new_x="LMARGIN", new_y="NEXT")
    if table:
        pdf.set_font("Helvetica", size=9)
        with pdf.table(col_widths=(30, 70)) as t:
            for row in (("Code", "Item"), ("9A901", "Sample widget assemblies"), ("9A902", "Sample widget tooling")):
                r = t.row()
                for cell in row:
                    r.cell(cell)
    pdf.set_font("Helvetica", size=9)
    top, gap = pdf.get_y() + 4, 6
    column = (width - gap * (ncols - 1)) / ncols
    for k in range(ncols):
        pdf.set_xy(pdf.l_margin + k * (column + gap), top)
        text = " ".join(f"Column {k + 1} sentence {i} says that widgets of grade {k}{i} shall not be exported without a licence."
                        for i in range(1, 9))
        pdf.multi_cell(column, 4.2, text, new_x="LEFT", new_y="NEXT")
    return bytes(pdf.output())


@pytest.mark.parametrize("ncols", [2, 3])
@pytest.mark.parametrize("title", [True, False])
def test_readers_pdf_columns_read_in_order(ncols, title):
    pages, _ = read_pdf(_columns_pdf(ncols, title=title))
    text = pages[0]
    # Each column's sentences come whole and in order, column after column; no line runs across a gutter.
    order = [f"Column {k} sentence {i} says that widgets of grade {k - 1}{i} shall not be exported without a licence."
             for k in range(1, ncols + 1) for i in range(1, 9)]
    positions = [text.find(s) for s in order]
    assert -1 not in positions and positions == sorted(positions), text[:600]
    if title:
        assert text.startswith("Rule on sample controls of widget items, set across the whole width of the page\n")


def test_readers_pdf_columns_keep_tables_as_rows():
    pages, _ = read_pdf(_columns_pdf(2, table=True))
    lines = pages[0].split("\n")
    assert "9A901 | Sample widget assemblies" in lines and "Code | Item" in lines
    assert lines.index("Code | Item") < next(i for i, line in enumerate(lines) if line.startswith("Column 1 sentence 1"))


def _ruled_pdf(rule: str) -> bytes:
    """A two-column page under a header; `rule` draws a horizontal rule, a box, or nothing."""
    from fpdf import FPDF

    pdf = FPDF(format="letter")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(0, 6, "Federal Register / Vol. 90 / Rules and Regulations", new_x="LMARGIN", new_y="NEXT")
    if rule == "line":
        pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.w - pdf.r_margin, pdf.get_y() + 1)
    elif rule == "box":
        pdf.rect(pdf.l_margin, pdf.get_y() + 2, 60, 12)
    pdf.set_font("Helvetica", size=9)
    width = pdf.w - 2 * pdf.l_margin
    column, top = (width - 6) / 2, pdf.get_y() + 16
    for k in range(2):
        pdf.set_xy(pdf.l_margin + k * (column + 6), top)
        pdf.multi_cell(column, 4.2, " ".join(f"Column {k + 1} sentence {i} is about widgets." for i in range(1, 9)),
                       new_x="LEFT", new_y="NEXT")
    return bytes(pdf.output())


@pytest.mark.parametrize("rule", ["none", "line", "box"])
def test_readers_pdf_fast_and_table_paths_read_alike(rule, monkeypatch):
    """Pages that cannot hold a table are read by pdfium; the text is what pdfplumber's path gives."""
    from controlbrief.readers import pdf as reader

    data = _ruled_pdf(rule)
    fast, _ = read_pdf(data)
    monkeypatch.setattr(reader, "_pdfium_document", lambda data, pages: None)  # pdfplumber for every page
    slow, _ = read_pdf(data)
    assert fast == slow
    text = fast[0]
    order = [text.find(f"Column {k} sentence {i} is about widgets.") for k in (1, 2) for i in range(1, 9)]
    assert -1 not in order and order == sorted(order)


def test_readers_pdf_tells_pages_that_may_hold_tables():
    import pypdfium2 as pdfium

    from controlbrief.readers.pdf import _may_hold_table

    for rule, expected in (("none", False), ("line", False), ("box", True)):
        page = pdfium.PdfDocument(_ruled_pdf(rule))[0]
        assert _may_hold_table(page) is expected, rule
    table_page = pdfium.PdfDocument(_columns_pdf(2, table=True))[0]
    assert _may_hold_table(table_page)
