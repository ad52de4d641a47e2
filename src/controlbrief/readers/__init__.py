"""Readers: bytes of one file -> ReadText (text, page offsets, encoding, metadata).

No spaCy here. Dispatch is by file extension; every failure is a ReadError.
"""

from __future__ import annotations

from pathlib import Path

from controlbrief.errors import ReadError
from controlbrief.metadata import split_header
from controlbrief.models import ReadText
from controlbrief.readers.html import declared_charset, html_to_text
from controlbrief.readers.pdf import read_pdf
from controlbrief.readers.text import decode, markdown_to_text

SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
            ".html": "html", ".htm": "html", ".pdf": "pdf"}


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")


def read_bytes(name: str, data: bytes) -> ReadText:
    """Read one file's bytes according to its extension.

    Raises:
        ReadError: unsupported type, empty, binary, undecodable or broken.
    """
    fmt = SUFFIXES.get(Path(name).suffix.lower())
    if fmt is None:
        raise ReadError(f"unsupported file type {Path(name).suffix or '(none)'!r}")
    if not data:
        raise ReadError("empty file")
    if fmt == "pdf":
        pages, meta = read_pdf(data)
        header, first = split_header(pages[0])
        pages[0] = first.lstrip("\n")
        meta.update(header)
        starts, offset = [], 0
        for page in pages:
            starts.append(offset)
            offset += len(page) + 1
        return ReadText(text="\n".join(pages), format="pdf", page_starts=starts, meta=meta)
    charset = declared_charset(data) if fmt == "html" else None
    text, encoding = _decode_declared(data, charset) if charset else decode(data)
    text = _normalize_newlines(text)
    meta: dict[str, str] = {}
    if fmt == "html":
        text, meta = html_to_text(text)
    header, body = split_header(text)
    meta.update(header)
    if fmt == "markdown":
        body = markdown_to_text(body)
    body = body.strip("\n")
    if not body.strip():
        raise ReadError("no text content")
    return ReadText(text=body, format=fmt, encoding=encoding, meta=meta)


def _decode_declared(data: bytes, charset: str) -> tuple[str, str]:
    try:
        text = data.decode(charset)
    except (LookupError, UnicodeDecodeError):
        # A wrong or unknown declaration is common; fall back to detection.
        return decode(data)
    return text, charset
