"""Hostile inputs for controlbrief: crafted PDFs, special files, names, charsets, numbers, runs.

Each case writes its files into a folder and says what a correct run must do.
tests/test_hostile.py runs every case through the real CLI with a timeout;
run this file to look at the cases by hand:

    python tests/hostile/make.py OUT_DIR      # one sub-folder per case
"""

from __future__ import annotations

import os
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

GOOD = (
    "Article 1. Gallium metal with a purity of 99.99% or more shall not be exported without permission. "
    "This announcement shall take effect on 1 August 2023."
)


@dataclass(frozen=True)
class Case:
    """What a correct `controlbrief extract` over the case folder does."""

    errors: dict[str, str] = field(default_factory=dict)  # file name (as printed) -> words its error line holds
    extracted: tuple[str, ...] = ()  # file names that must come out as documents with provisions
    secret: str | None = None  # text that must appear nowhere in the output


# ---- PDFs written object by object, so they can be wrong in exactly one way ------------------

def build_pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF of these object bodies (numbered from 1) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def _stream(data: bytes, compress: bool = False) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def one_page_pdf(content: bytes, mediabox: bytes = b"[0 0 612 792]", compress: bool = False) -> bytes:
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + mediabox + b" /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(content, compress),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


TEXT_OPS = b"BT /F1 11 Tf 72 700 Td (" + GOOD[:90].encode() + b") Tj ET"


def pdf_self_reference() -> bytes:
    """A MediaBox that is a reference to an object that is a reference to itself: pdfminer loops."""
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox 4 0 R /Contents 5 0 R >>",
        b"4 0 R",
        _stream(TEXT_OPS),
    ])


def pdf_huge_string() -> bytes:
    """3.5 KB on disk, three million glyphs once inflated: pdfplumber asked for 4.6 GB."""
    return one_page_pdf(b"BT /F1 1 Tf 72 700 Td (" + b"A" * 3_000_000 + b") Tj ET", compress=True)


def pdf_flipped_mediabox() -> bytes:
    """One flipped byte in the MediaBox: pdfplumber raised MalformedPDFException."""
    return one_page_pdf(TEXT_OPS, mediabox=b"[0 0 612 7\xb92]")


# ---- the cases --------------------------------------------------------------------------------

def _good(d: Path) -> None:
    (d / "good.txt").write_text(GOOD, encoding="utf-8")


def fifo(d: Path) -> Case:
    _good(d)
    os.mkfifo(d / "notice.txt")
    return Case(errors={"notice.txt": "FIFO"}, extracted=("good.txt",))


def link_to_device(d: Path) -> Case:
    _good(d)
    (d / "zero.txt").symlink_to("/dev/zero")
    return Case(errors={"zero.txt": "outside"}, extracted=("good.txt",))


def link_outside(d: Path) -> Case:
    _good(d)
    (d / "passwd.txt").symlink_to("/etc/passwd")
    return Case(errors={"passwd.txt": "outside"}, extracted=("good.txt",), secret="root:x:0:0")


def dangling_link(d: Path) -> Case:
    _good(d)
    (d / "gone.txt").symlink_to("never-there.txt")
    return Case(errors={"gone.txt": "dangling symlink"}, extracted=("good.txt",))


def looping_link(d: Path) -> Case:
    _good(d)
    (d / "a.txt").symlink_to("b.txt")
    (d / "b.txt").symlink_to("a.txt")
    return Case(errors={"a.txt": "symlink loop", "b.txt": "symlink loop"}, extracted=("good.txt",))


def charset_utf16_declared(d: Path) -> Case:
    page = f'<html><head><meta charset="utf-16"><title>Notice</title></head><body><p>{GOOD}</p></body></html>'
    (d / "declared-utf16.html").write_bytes(page.encode("ascii"))
    return Case(extracted=("declared-utf16.html",))


def charset_not_text(d: Path) -> Case:
    for label in ("punycode", "undefined", "utf-7", "rot13", "x-user-defined"):
        page = f'<html><head><meta charset="{label}"></head><body><p>{GOOD}</p></body></html>'
        (d / f"{label}.html").write_bytes(page.encode("ascii"))
    return Case(extracted=("punycode.html", "undefined.html", "utf-7.html", "rot13.html", "x-user-defined.html"))


def pdf_loop(d: Path) -> Case:
    _good(d)
    (d / "loop.pdf").write_bytes(pdf_self_reference())
    return Case(errors={"loop.pdf": "gave up after"}, extracted=("good.txt",))


def pdf_bomb(d: Path) -> Case:
    _good(d)
    (d / "bomb.pdf").write_bytes(pdf_huge_string())
    return Case(errors={"bomb.pdf": "characters; not read"}, extracted=("good.txt",))


def pdf_bad_mediabox(d: Path) -> Case:
    _good(d)
    (d / "mediabox.pdf").write_bytes(pdf_flipped_mediabox())
    return Case(errors={"mediabox.pdf": "corrupt PDF"}, extracted=("good.txt",))


def punctuation_runs(d: Path) -> Case:
    (d / "brackets.txt").write_text("[" * 50_000 + "\n" + "(" * 30_000 + "\n" + GOOD + "\n" + "%" * 20_000)
    (d / "ticks.md").write_text("`" * 50_000 + "\n" + "*a " * 30_000 + "\n" + "[a" * 50_000 + "\n\n" + GOOD)
    return Case(extracted=("brackets.txt", "ticks.md"))


def html_unclosed_tags(d: Path) -> Case:
    _good(d)
    (d / "tags.html").write_text("<a" * 100_000)
    return Case(errors={"tags.html": "gave up after"}, extracted=("good.txt",))


def huge_number(d: Path) -> Case:
    digits = "9" * 400
    (d / "number.txt").write_text(f"Gallium with a purity of {digits}% or more shall not be exported without permission. "
                                  f"Exports above {digits} tonnes of gallium require a licence.\n{GOOD}")
    return Case(extracted=("number.txt",))


def non_utf8_name(d: Path) -> Case:
    (d / os.fsdecode(b"notice-\xff\xfe.txt")).write_text(GOOD)
    (d / "bad\nname.txt").write_bytes(b"\x00\x01junk" * 100)
    return Case(errors={"bad\\x0aname.txt": "binary"}, extracted=("notice-\\xff\\xfe.txt",))


CASES: dict[str, Callable[[Path], Case]] = {f.__name__: f for f in (
    fifo, link_to_device, link_outside, dangling_link, looping_link, charset_utf16_declared, charset_not_text,
    pdf_loop, pdf_bomb, pdf_bad_mediabox, punctuation_runs, html_unclosed_tags, huge_number, non_utf8_name,
)}


def main(out: str) -> None:
    for name, make in CASES.items():
        folder = Path(out) / name
        folder.mkdir(parents=True, exist_ok=True)
        case = make(folder)
        print(f"{folder}: {case}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "hostile-cases")
