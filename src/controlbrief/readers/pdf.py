"""PDF to text: paragraphs rebuilt from line layout, columns in reading order, tables as rows.

Two engines, one result. pdfplumber opens and checks every file and page (its
errors are the ones reported) and reads the pages that could hold a ruled
table, so tables still come out as rows; every other page is read from pdfium's
text runs (pypdfium2), an order of magnitude faster than pdfminer's layout, and
goes through the same rows, gutters and paragraphs. No spaCy here. Each page is closed after reading (pdfplumber holds page
objects otherwise). Every failure of the PDF stack becomes a ReadError.
"""

from __future__ import annotations

import io
import logging
import re
from statistics import median

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from controlbrief.errors import ReadError

# pdfminer logs each repair it makes ("Invalid MediaBox ...") on stderr: noise beside our one line per file.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

# Caps on what one PDF may ask of the reader; past them the file is set aside with its reason.
MAX_PAGES = 5000
MAX_PAGE_CONTENT = 4 * 1024 * 1024  # decoded content-stream bytes of one page (text-heavy pages hold ~100 KB)
MAX_CHARS = 20_000_000  # characters of text in the whole file
# pdfplumber keeps an object of about 1 KB per glyph: a page drawing millions of them exhausts memory.
# A dense page of a notice draws about 5,000; string operands are counted before any layout work.
MAX_PAGE_GLYPHS = 500_000
_STRING = re.compile(rb"\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f\s]*>")

# A new line that opens like a list item or article starts a new paragraph.
_ITEM_START = re.compile(
    r"^\s*(\(\s*[0-9ivxlcIVXLC]{1,4}\s*\)|[0-9]{1,3}[.)]\s|[a-zA-Z][.)]\s|[IVXLC]{1,5}\.\s|"
    r"Article\s+\d|Art\.\s*\d|[•\-–*]\s|Item\s+\d|Section\s+\d|§|"
    # A labelled line ('SUMMARY:', 'DATES:', 'Issuer:') opens a section, as in Federal Register rules.
    r"[A-Z][A-Za-z]+(?: [A-Za-z]+){0,3}:\s|-{3,}\s*$)"
)


Line = tuple[float, float, str]  # (top, right edge, text); a table row's text starts with NUL


def _table_rows(page: pdfplumber.page.Page) -> tuple[list[Line], list[tuple[float, float, float, float]]]:
    tables = page.find_tables()
    rows: list[Line] = []
    for table in tables:
        for row_index, row in enumerate(table.extract()):
            cells = [" ".join((c or "").split()) for c in row]
            cells = [c for c in cells if c]
            if cells:
                # Rows sort after text above the table and keep their own order.
                rows.append((table.bbox[1] + row_index * 1e-3, table.bbox[2], "\x00" + " | ".join(cells)))
    return rows, [t.bbox for t in tables]


def _in_boxes(x0: float, top: float, bottom: float, boxes) -> bool:
    mid = (top + bottom) / 2
    return any(bx0 <= x0 <= bx1 and btop <= mid <= bbottom for bx0, btop, bx1, bbottom in boxes)


def _gutters(rows: list[list[dict]], left: float, right: float) -> list[tuple[float, float]]:
    """Vertical bands no word crosses in (nearly) any row: the gaps between text columns.

    A band counts when it is at least 6 pt wide, at most 5% of the rows touch it
    (a full-width title crosses every gutter), and rows have words on both sides.
    """
    if len(rows) < 6 or right - left < 100:
        return []
    width = int(right - left) + 1
    touched = [0] * width
    for row in rows:
        seen = set()
        for w in row:
            for x in range(max(0, int(w["x0"] - left)), min(width, int(w["x1"] - left) + 1)):
                seen.add(x)
        for x in seen:
            touched[x] += 1
    limit = max(1, len(rows) // 20)
    bands, start = [], None
    for x in range(width + 1):
        empty = x < width and touched[x] <= limit
        if empty and start is None:
            start = x
        elif not empty and start is not None:
            if x - start >= 6 and start > 0 and x < width:
                bands.append((left + start, left + x))
            start = None
    # A gutter has text on both sides in a good share of the rows (not a ragged right margin).
    out = []
    for a, b in bands:
        both = sum(1 for row in rows if any(w["x1"] <= a for w in row) and any(w["x0"] >= b for w in row))
        if both >= len(rows) // 3:
            out.append((a, b))
    return out[:3]


def _rows(words: list[dict]) -> list[list[dict]]:
    """Words grouped into rows, top to bottom: a word within 2 pt of a row's first word's top joins that row."""
    rows: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - w["top"]) <= 2:
            rows[-1].append(w)
        else:
            rows.append([w])
    return rows


def _row_text(words: list[dict]) -> str:
    return " ".join(w["text"] for w in sorted(words, key=lambda w: w["x0"]))


def _column_blocks(words: list[dict]) -> list[list[Line]] | None:
    """Lines in reading order, block by block, for a page set in columns; None for a single-column page.

    Rows that cross a gutter (a title, a full-width paragraph) are blocks of their
    own; between them, each column is read top to bottom before the next. Words
    are dicts with x0, x1, top and text (pdfplumber's words, or pdfium's text runs).
    """
    if not words:
        return None
    rows = _rows(words)
    gutters = _gutters(rows, min(w["x0"] for w in words), max(w["x1"] for w in words))
    if not gutters:
        return None
    edges = [a for a, _ in gutters]
    blocks: list[list[Line]] = []
    band: list[list[Line]] = [[] for _ in range(len(gutters) + 1)]

    def flush() -> None:
        blocks.extend(col for col in band if col)
        band[:] = [[] for _ in range(len(gutters) + 1)]

    for row in rows:
        crosses = any(w["x0"] < a and w["x1"] > b for w in row for a, b in gutters)
        if crosses:
            flush()
            blocks.append([(row[0]["top"], max(w["x1"] for w in row), _row_text(row))])
            continue
        for k in range(len(gutters) + 1):
            part = [w for w in row if (k == 0 or w["x0"] >= gutters[k - 1][1] - 1) and (k == len(edges) or w["x1"] <= edges[k] + 1)]
            if part:
                band[k].append((part[0]["top"], max(w["x1"] for w in part), _row_text(part)))
    flush()
    return blocks


def _page_lines(page: pdfplumber.page.Page) -> list[list[Line]]:
    """Blocks of lines in reading order; table regions become one line per row, in place."""
    table_rows, boxes = _table_rows(page)
    words = [w for w in page.extract_words(use_text_flow=False, keep_blank_chars=False)
             if not _in_boxes(w["x0"], w["top"], w["bottom"], boxes)]
    blocks = _column_blocks(words)
    if blocks is None:
        out: list[Line] = list(table_rows)
        for line in page.extract_text_lines(layout=False, strip=True, return_chars=False):
            if _in_boxes(line["x0"], line["top"], line["bottom"], boxes):
                continue
            out.append((line["top"], line["x1"], line["text"]))
        out.sort(key=lambda item: item[0])
        return [out]
    if table_rows:
        # A table interrupts the columns where it stands: before the first block that starts below it.
        at = next((i for i, b in enumerate(blocks) if b[0][0] > table_rows[0][0]), len(blocks))
        blocks.insert(at, table_rows)
    return blocks


_THIN = 3.0  # points: a rule's bounds include its stroke, so a horizontal rule is up to this tall


def _may_hold_table(page) -> bool:
    """Whether pdfplumber's table finder could find a table on this page (pdfium tells from its drawings).

    Tables are found from ruled edges: a page needs a vertical and a horizontal
    line, or a box or curve, for one. A page that draws only horizontal rules (a
    Federal Register header, a footnote rule), or nothing, holds none.
    """
    vertical = horizontal = False
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        wide, tall = right - left > _THIN, top - bottom > _THIN
        if wide and tall:
            return True  # a box or a curve: it can frame cells
        vertical, horizontal = vertical or tall, horizontal or wide
        if vertical and horizontal:
            return True
    return False


def _fast_lines(page) -> list[list[Line]]:
    """Blocks of lines of a page without drawings, from pdfium's text runs (an order of magnitude faster
    than pdfminer's layout); the same rows, gutters and paragraphs as the pdfplumber path."""
    height = page.get_height()
    textpage = page.get_textpage()
    try:
        runs = []
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            text = " ".join(textpage.get_text_bounded(left, bottom, right, top).split())
            if text:
                runs.append({"x0": left, "x1": right, "top": height - top, "bottom": height - bottom, "text": text})
    finally:
        textpage.close()
    blocks = _column_blocks(runs)
    if blocks is not None:
        return blocks
    return [[(row[0]["top"], max(w["x1"] for w in row), _row_text(row)) for row in _rows(runs)]]


def _paragraphs(lines: list[Line]) -> str:
    """Join wrapped lines into paragraphs.

    A wide vertical gap, a list marker, a table row, or a previous line that
    stops well short of the right margin ends a paragraph.
    """
    text_lines = [(top, x1) for top, x1, t in lines if not t.startswith("\x00")]
    gaps = [b[0] - a[0] for a, b in zip(text_lines, text_lines[1:]) if b[0] > a[0]]
    usual = median(gaps) if gaps else 0.0
    right = max((x1 for _, x1 in text_lines), default=0.0)
    paras: list[str] = []
    prev_top: float | None = None
    prev_x1 = right
    for top, x1, raw in lines:
        is_row = raw.startswith("\x00")
        text = raw.lstrip("\x00")
        new_para = (
            not paras
            or is_row
            or paras[-1].startswith("\x00")
            or (prev_top is not None and usual and top - prev_top > usual * 1.45)
            or prev_x1 < right * 0.8
            or bool(_ITEM_START.match(text))
        )
        if new_para:
            paras.append(("\x00" if is_row else "") + text)
        else:
            # A hyphen at a line end is kept: compound words ("rare-earth") wrap too.
            paras[-1] = paras[-1] + ("" if re.search(r"\w-$", paras[-1]) else " ") + text
        prev_top, prev_x1 = top, x1
    return "\n".join(p.lstrip("\x00") for p in paras)


def _pdfium_document(data: bytes, pages: int):
    """pdfium's view of the same file, or None where it cannot read it as pdfplumber did (then pdfplumber reads all)."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return None
    if len(document) != pages:
        document.close()
        return None
    return document


def _blocks(page: pdfplumber.page.Page, fast_page) -> list[list[Line]]:
    if fast_page is None:
        return _page_lines(page)
    try:
        return _page_lines(page) if _may_hold_table(fast_page) else _fast_lines(fast_page)
    finally:
        fast_page.close()


def _check_content_size(page: pdfplumber.page.Page, number: int) -> None:
    """Refuse a page whose content streams decode past MAX_PAGE_CONTENT (pdfminer makes an object per glyph)."""
    streams = page.page_obj.contents or []
    size = glyphs = 0
    for stream in streams:
        get_data = getattr(stream, "get_data", None)
        data = get_data() if get_data else b""
        size += len(data)
        if size > MAX_PAGE_CONTENT:
            raise ReadError(f"page {number} has more than {MAX_PAGE_CONTENT // 2**20} MB of content; not read")
        glyphs += sum(len(m) for m in _STRING.findall(data))
        if glyphs > MAX_PAGE_GLYPHS:
            raise ReadError(f"page {number} draws more than {MAX_PAGE_GLYPHS:,} characters; not read")


def read_pdf(data: bytes) -> tuple[list[str], dict[str, str]]:
    """Return the text of each page and the PDF's metadata hints.

    Raises:
        ReadError: encrypted, truncated, corrupt, or with no extractable text.
    """
    if not data.lstrip().startswith(b"%PDF"):
        raise ReadError("not a PDF (no %PDF header)")
    pages: list[str] = []
    chars = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            info = pdf.metadata or {}
            if len(pdf.pages) > MAX_PAGES:
                raise ReadError(f"PDF has {len(pdf.pages)} pages; at most {MAX_PAGES} are read")
            # pdfplumber checks the file and each page first (its errors are the ones we report); pages that
            # could hold a table are read by pdfplumber (tables as rows), the others by pdfium, far faster.
            fast = _pdfium_document(data, len(pdf.pages))
            for number, page in enumerate(pdf.pages, 1):
                try:
                    _check_content_size(page, number)
                    blocks = _blocks(page, fast[number - 1] if fast is not None else None)
                    pages.append("\n".join(p for p in (_paragraphs(b) for b in blocks) if p))
                finally:
                    page.close()
            if fast is not None:
                fast.close()
                chars += len(pages[-1])
                if chars > MAX_CHARS:
                    raise ReadError(f"PDF text passes {MAX_CHARS:,} characters by page {number}")
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ReadError("encrypted PDF (password required)") from None
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, MemoryError):
            raise cause from None
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ReadError("encrypted PDF (password required)") from None
        raise ReadError(f"corrupt or truncated PDF ({_one_line(cause)})") from None
    except (PDFSyntaxError, PSException) as exc:
        raise ReadError(f"corrupt or truncated PDF ({_one_line(exc)})") from None
    except ReadError:
        raise
    except (MemoryError, RecursionError):
        raise  # the guard names the bound that was hit
    except Exception as exc:  # noqa: BLE001 - pdfminer/pdfplumber raise anything on malformed object graphs
        raise ReadError(f"corrupt PDF ({type(exc).__name__}: {_one_line(exc)})") from None
    if not any(p.strip() for p in pages):
        raise ReadError("PDF has no extractable text (scanned image?)")
    meta = {}
    for key, name in (("Title", "title"), ("Author", "issuer"), ("CreationDate", "date")):
        value = info.get(key)
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        if isinstance(value, str) and value.strip():
            meta[name] = value.strip()
    if "date" in meta:
        m = re.match(r"D:(\d{4})(\d{2})(\d{2})", meta.pop("date"))
        if m:
            meta["date"] = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return pages, meta


def _one_line(exc: object) -> str:
    msg = " ".join(str(exc).split()) or type(exc).__name__
    return msg[:160]
