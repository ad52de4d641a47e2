"""Decode text files: BOMs, UTF-8, GB18030 and Latin-1, and light Markdown cleanup.

No spaCy here. Decoding must refuse binary junk instead of producing mojibake.
"""

from __future__ import annotations

import codecs
import re

from controlbrief.errors import ReadError

# (byte-order mark, codec, name recorded in the document); UTF-32 LE before UTF-16 LE,
# whose BOM is its prefix.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)


# CJK ideographs, their punctuation and full-width forms: the characters that read as Chinese and take two columns.
_WIDE = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\U00020000-\U0002ffff]")


def _is_cjk(ch: str) -> bool:
    return _WIDE.match(ch) is not None


# C0 controls but tab, newline, form feed and carriage return, DEL and the C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _control_ratio(text: str) -> float:
    # A regex counts in C: a generator over every character was half a millisecond of each notice read.
    return len(_CONTROL.findall(text)) / max(len(text), 1)


def _pairs_dominate(data: bytes, second_ok) -> bool:
    """True when high bytes come in pairs whose second byte passes `second_ok`, nine times as often as alone."""
    pairs = lone = 0
    i, n = 0, len(data)
    while i < n:
        if data[i] >= 0x81:
            if i + 1 < n and second_ok(data[i + 1]):
                pairs += 1
                i += 2
                continue
            lone += 1
        i += 1
    return pairs > 0 and pairs >= 9 * lone


def _looks_gb(data: bytes) -> bool:
    """True when high bytes come in high-high pairs, as Chinese GB text does.

    Latin-1 text misread as GB18030 pairs an accented letter with the ASCII
    letter after it ('é' + 'r'); real GB2312/GBK text pairs two high bytes.
    """
    return _pairs_dominate(data, lambda b: b >= 0x81)


def _looks_big5(data: bytes) -> bool:
    """True when high bytes lead Big5-shaped pairs (second byte 0x40-0x7E or 0xA1-0xFE) throughout."""
    return _pairs_dominate(data, lambda b: 0x40 <= b <= 0x7E or 0xA1 <= b <= 0xFE)


_UTF8_CJK = re.compile(rb"[\xe3-\xe9][\x80-\xbf]{2}")


def _mixed_utf8(data: bytes) -> bool:
    """True when many high bytes form valid UTF-8 CJK sequences although the whole is not UTF-8."""
    high = sum(1 for b in data if b >= 0x80)
    in_utf8 = 3 * len(_UTF8_CJK.findall(data))
    return high >= 30 and in_utf8 >= 0.3 * high and in_utf8 <= 0.9 * high


def _chinese_codec(data: bytes) -> str:
    """GB18030 or Big5 for bytes that pair high bytes as Chinese text does.

    Both codecs decode most such byte strings without error, into different
    characters; charset-normalizer (a maintained detector) tells which reads as
    language, where a hand-made test would need frequency tables of its own.
    """
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536], cp_isolation=["gb18030", "big5"]).best()
    return "big5" if best is not None and best.encoding == "big5" else "gb18030"


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes to text and name the encoding used.

    Raises:
        ReadError: empty, binary, or not valid in any supported encoding.
    """
    if not data.strip():
        raise ReadError("empty file")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise ReadError(f"invalid {name} text after byte-order mark at byte {exc.start}") from None
            return _checked(text, name)
    if b"\x00" in data[:65536]:
        raise ReadError("binary content (NUL bytes), not a text file")
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if _mixed_utf8(data):
        # Part of the file is valid UTF-8 Chinese, part is not: any one codec would turn half of it into mojibake.
        raise ReadError("mixed encodings: part UTF-8, part another encoding (re-save the file in one encoding)")
    # Big5's second bytes may be ASCII letters, so its pairs do not all look high-high; the detector decides.
    gb = _looks_gb(data)
    codec = _chinese_codec(data) if (gb or _looks_big5(data)) else "gb18030"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        text = None
    if text is not None and (gb or codec == "big5"):
        non_ascii = sum(ord(ch) > 127 for ch in text)
        # GB18030 decodes many byte strings; accept it only when the result reads as Chinese.
        if non_ascii and len(_WIDE.findall(text)) / non_ascii >= 0.8 and _control_ratio(text) < 0.001:
            return text, codec
    text = data.decode("latin-1")
    # Latin-1 accepts every byte; C1 controls and stray C0 bytes mean it is not really Latin-1.
    if _control_ratio(text) < 0.001:
        return text, "latin-1"
    raise ReadError("binary or undecodable content: not UTF-8, UTF-16, GB18030 or Latin-1 text")


def has_controls(text: str) -> bool:
    """True when text holds enough control characters to be binary, not text."""
    return _control_ratio(text) >= 0.01


# A run of punctuation with no space in it is split one character at a time by spaCy's
# tokenizer, each split rescanning the rest: 20,000 '[' take half a minute. No notice
# needs more than a rule line's worth, so longer runs are cut here, before anything
# measures offsets in the text.
MAX_RUN = 64
_PUNCT_RUN = re.compile(r"[^\w\s]{%d,}" % (MAX_RUN + 1))


def cap_runs(text: str) -> str:
    """Cut every run of punctuation or symbols longer than MAX_RUN characters to MAX_RUN."""
    return _PUNCT_RUN.sub(lambda m: m.group(0)[:MAX_RUN], text)


_ACCENTED = re.compile("[\u00c0-\u00ff]")


def _mojibake(text: str) -> bool:
    """True when the text is UTF-8 Chinese that was once decoded as Windows-1252 or Latin-1 and saved again.

    ('å•†åŠ¡éƒ¨' for 商务部): such text encodes back to bytes that are valid UTF-8 Chinese.
    """
    sample = text[:4000]
    accented = len(_ACCENTED.findall(sample))
    if accented < 6 or accented < len(sample) * 0.05:
        return False
    for codec in ("cp1252", "latin-1"):
        # Lenient both ways: the first wrong decoding may already have replaced a few bytes.
        repaired = sample.encode(codec, errors="ignore").decode("utf-8", errors="ignore")
        cjk = sum(1 for ch in repaired if "\u3400" <= ch <= "\u9fff")
        if cjk >= 3 and cjk * 3 >= accented * 0.5:
            return True
    return False


def _checked(text: str, encoding: str) -> tuple[str, str]:
    if not text.strip():
        raise ReadError("empty file")
    if _mojibake(text):
        raise ReadError("mojibake: UTF-8 Chinese that was decoded as Windows-1252 or Latin-1 and saved again; "
                        "re-save the file from its original")
    if has_controls(text):
        raise ReadError(f"binary content: control characters in {encoding} text")
    return text, encoding


# Bounded repeats: unbounded ones rescan the rest of a long line from every '[' or '*' (quadratic).
_MD_LINK = re.compile(r"!?\[([^\]]{0,500})\]\([^)]{0,2000}\)")
_MD_EMPH = re.compile(r"(\*\*|__|\*|`)(?=\S)(.{1,500}?)(?<=\S)\1")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_BULLET = re.compile(r"^(\s*)[-*+]\s+")
_MD_RULE = re.compile(r"^\s*([-*_]\s*){3,}$")
_MD_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def markdown_to_text(text: str) -> str:
    """Strip Markdown markup while keeping one line per block (headings, items, rows)."""
    out: list[str] = []
    for line in text.splitlines():
        if _MD_RULE.match(line) or _MD_TABLE_SEP.match(line):
            out.append("")
            continue
        line = _MD_HEADING.sub("", line)
        line = _MD_BULLET.sub(r"\1", line)
        line = line.lstrip("> ") if line.startswith(">") else line
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_EMPH.sub(r"\2", line)
        if line.strip().startswith("|") and line.strip().endswith("|"):
            line = " | ".join(c.strip() for c in line.strip().strip("|").split("|"))
        out.append(line)
    return "\n".join(out)


# Lines that end a sentence or clause, or close a quote or bracket: the next line is not their continuation.
_LINE_ENDS = re.compile(r"[.!?:;。！？：；…\"”’)\]）】]\s*$")
# A line that opens like a list item, an article or a bullet starts a block of its own.
_ITEM_OPENS = re.compile(r"^\s*(\(?[0-9ivxlcIVXLC]{1,4}[.)]|\(?[a-z][.)]\s|[•\-–*▪]\s|[一二三四五六七八九十]+、|（[一二三四五六七八九十0-9]+）)")
_WRAP_MIN, _WRAP_MAX = 30, 100  # widths at which text is hard-wrapped (in columns; a Chinese character takes two)
# A line that ends on a word no sentence or title ends on goes on in the next, whatever its case ('The effective date
# of this rule is' / 'February 11, 2025.').
_OPEN_END = re.compile(r"\s(?:is|are|was|were|be|been|of|the|a|an|to|and|or|by|in|on|for|with|from|that|than|as|at|its|their|under)$")


def _columns(line: str) -> int:
    return len(line) if line.isascii() else len(line) + len(_WIDE.findall(line))


def unwrap_lines(text: str) -> str:
    """Join the lines of a hard-wrapped text (a wire copy or an e-mail cut at 70 columns, a Chinese text cut at
    35 characters) back into paragraphs, so that a sentence, and a list run into it, is read as one.

    A text is hard-wrapped when most of its lines reach close to one width of 30-100 columns; readers of every
    other kind put one paragraph, list item or row per line, and those lines are left alone. A line is joined to
    the one before only when that one reaches near the width without ending a sentence or clause, and it goes
    on in lower case (or in Chinese, after a line that fills the width), not as a list item: a title above a
    paragraph, and a list of short lower-case lines, stay apart.
    """
    lines = text.split("\n")
    # A line is at least as wide as it is long: most texts are told apart by their lengths alone (counting the
    # columns of every line cost 4% of extraction).
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if len(lengths) < 4 or lengths[int(len(lengths) * 0.9)] > _WRAP_MAX:
        return text
    columns = [_columns(line.rstrip()) for line in lines]
    widths = sorted(w for w, line in zip(columns, lines) if line.strip())
    width = widths[int(len(widths) * 0.9)]
    if not _WRAP_MIN <= width <= _WRAP_MAX or sum(w >= width * 0.75 for w in widths) < len(widths) * 0.5:
        return text
    out: list[str] = []
    last = 0  # width of the last physical line joined into out[-1]
    for line, line_width in zip(lines, columns):
        prev, here = (out[-1].rstrip() if out else ""), line.strip()
        chinese = bool(prev and here) and _is_cjk(here[0]) and _is_cjk(prev[-1])
        # Chinese has no lower case to tell a title from a cut line: there the line must fill the width.
        if (prev and here and last >= width * (0.9 if chinese else 0.6) and not _LINE_ENDS.search(prev)
                and not _ITEM_OPENS.match(line) and (here[0].islower() or chinese or _OPEN_END.search(prev))):
            if chinese:
                out[-1] = prev + here  # and no space between words
            elif prev.endswith("-") and prev[-2:-1].isalpha():
                out[-1] = prev + here  # a compound cut at its hyphen ('rare-' 'earth') keeps the hyphen
            else:
                out[-1] = prev + " " + here
        else:
            out.append(line)
        last = line_width
    return "\n".join(out)


# Field labels a web page sets in one element and their values in the next, run together when the page is copied
# as text ('PublishedMar 28, 2025', 'Document Number2025-05427', as federalregister.gov pages give them).
_GLUED_LABEL = re.compile(
    r"(?m)^([ \t]*(?:Published|Updated|Posted|Last updated|Publication Date|Effective Date|Document Number|"
    r"Document Citation|Docket Number|Comments Close|Start Page|End Page|Citation|Agency|Agencies|Action|Dates|RIN))"
    r"(?=[A-Z0-9])")


def unglue_fields(text: str) -> str:
    """Part a field label that opens a line from the value run into it: 'PublishedMar 28, 2025' is read as
    'Published: Mar 28, 2025'."""
    return _GLUED_LABEL.sub(r"\1: ", text)

