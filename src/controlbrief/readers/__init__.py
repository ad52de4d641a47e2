"""Readers: bytes of one file -> ReadText (text, page offsets, encoding, metadata).

No spaCy here. Dispatch is by file extension; every failure is a ReadError.
PDF and HTML parsing runs in a bounded child process (guard.py): those parsers
have inputs that loop, blow up memory or go quadratic. Plain text is decoded
here, where every step is linear once runs of punctuation are capped.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from controlbrief.errors import ReadError
from controlbrief.guard import DEFAULT_MEMORY, bounded, read_timeout
from controlbrief.metadata import split_header
from controlbrief.models import ReadText
from controlbrief.readers.html import declared_charset, html_to_text
from controlbrief.readers.pdf import read_pdf
from controlbrief.readers.text import cap_runs, decode, has_controls, markdown_to_text, unglue_fields, unwrap_lines

SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
            ".html": "html", ".htm": "html", ".pdf": "pdf"}

# Codec families a web page may declare; anything else (punycode, undefined, utf-7, ...) is ignored.
_WEB_CODECS = ("utf-8", "iso8859", "cp", "gb", "big5", "hz", "shift_jis", "euc", "iso2022", "koi8", "mac-", "ascii",
               "tis", "johab")


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")


def read_bytes(name: str, data: bytes, *, timeout: float | None = None, memory: int = DEFAULT_MEMORY) -> ReadText:
    """Read one file's bytes according to its extension, PDF and HTML within time and memory bounds.

    `timeout` is the base (default: guard.DEFAULT_TIMEOUT or $CONTROLBRIEF_READ_TIMEOUT); a file gets
    that plus a minute per MB of it.

    Raises:
        ReadError: unsupported type, empty, binary, undecodable, broken, or past a bound.
    """
    fmt = SUFFIXES.get(Path(name).suffix.lower())
    if fmt is None:
        raise ReadError(f"unsupported file type {Path(name).suffix or '(none)'!r}")
    if not data:
        raise ReadError("empty file")
    limit = read_timeout(len(data), timeout)
    if fmt == "pdf":
        return bounded(_read_pdf, data, timeout=limit, memory=memory)
    if fmt == "html":
        return bounded(_read_markup, data, fmt, timeout=limit, memory=memory)
    return _read_markup(data, fmt)


def _read_pdf(data: bytes) -> ReadText:
    pages, meta = read_pdf(data)
    pages = [cap_runs(p) for p in pages]
    header, first = split_header(pages[0])
    pages[0] = first.lstrip("\n")
    meta.update(header)
    starts, offset = [], 0
    for page in pages:
        starts.append(offset)
        offset += len(page) + 1
    return ReadText(text="\n".join(pages), format="pdf", page_starts=starts, meta=meta)


def _read_markup(data: bytes, fmt: str) -> ReadText:
    charset = declared_charset(data) if fmt == "html" else None
    text, encoding = _decode_declared(data, charset) if charset else decode(data)
    text = cap_runs(_normalize_newlines(text))
    meta: dict[str, str] = {}
    if fmt == "html":
        text, meta = html_to_text(text)
    text = unglue_fields(text)
    header, body = split_header(text)
    meta.update(header)
    if fmt == "markdown":
        body = markdown_to_text(body)
    if fmt != "html":
        body = unwrap_lines(body)  # a wire copy or e-mail cut at a fixed width: paragraphs again
    body = body.strip("\n")
    if not body.strip():
        raise ReadError("no text content")
    return ReadText(text=body, format=fmt, encoding=encoding, meta=meta)


def web_codec(charset: str) -> str | None:
    """The codec to decode a page that declares `charset`, per the WHATWG rules; None to detect instead.

    A page that declares UTF-16 in its own (ASCII-readable) markup cannot be
    UTF-16, so it is read as UTF-8; labels that name no text encoding a browser
    knows (punycode, undefined, utf-7) are ignored.
    """
    label = charset.strip().lower()
    if label.startswith(("utf-16", "utf16", "utf-32", "utf32", "unicode", "ucs")):
        return "utf-8"
    if label == "x-user-defined":
        return "cp1252"
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    return info.name if info.name.startswith(_WEB_CODECS) else None


def _decode_declared(data: bytes, charset: str) -> tuple[str, str]:
    if any(data.startswith(bom) for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data)  # a byte-order mark outranks any declaration
    codec = web_codec(charset)
    if codec is None:
        return decode(data)
    try:
        text = data.decode(codec)
    except UnicodeError:
        text = None
    if text is None or has_controls(text):
        # A wrong declaration is common; fall back to detection.
        return decode(data)
    return text, charset
