"""A notice's title from its own header lines, when no metadata names one.

No spaCy here. Raw files open with lines that are not titles: Federal Register
banners ('[Federal Register Volume ...]', '[Rules and Regulations]'), SGML tags
('<RULE>'), URLs, agency names in capitals, 'RIN' and 'CFR' lines. Real titles
sit in known places: before the 'AGENCY:' line of a Federal Register rule, in a
'[Title]' header line of a MOFCOM web page, in the heading block of an EU act.
"""

from __future__ import annotations

import re

_BRACKETED = re.compile(r"^\s*[\[【](?P<label>[^\]】]{1,40})[\]】]\s*(?P<value>.*)$")
_TITLE_LABELS = {"title", "subject", "标题", "题目", "名称"}
_NOT_TITLE = re.compile(
    r"^\s*(\[.*\]|<[^>]*>|https?://\S+|www\.\S+|(rule|document|doc|fr doc)\.?\s*(no\.?\s*)?[\d-]+|"
    r"\d+\s+CFR\b.*|RIN\s+\S+|billing code.*|AGENCY:.*|ACTION:.*|page \d+.*)\s*$", re.I)
_EU_ACT = re.compile(r"^\s*((COUNCIL|COMMISSION)( IMPLEMENTING| DELEGATED)? (REGULATION|DECISION|DIRECTIVE)|"
                     r"(REGULATION|DIRECTIVE|DECISION)) \((EU|EC|EEC|CFSP)\)", re.I)
_EU_DATE = re.compile(r"^\s*of \d{1,2} \w+ \d{4}\s*$", re.I)
_EU_PREAMBLE = re.compile(r"^\s*(THE (COUNCIL|EUROPEAN|COMMISSION)|HAVE ADOPTED|HAS ADOPTED|Having regard)", re.I)
_MAX = 200


def _capitalized_act(line: str) -> str:
    """'COUNCIL REGULATION (EU) 2026/123' -> 'Council Regulation (EU) 2026/123'."""
    return re.sub(r"[A-Z]{2,}", lambda m: m[0] if m[0] in {"EU", "EC", "EEC", "CFSP"} else m[0].capitalize(), line.strip())


def _is_heading_noise(line: str) -> bool:
    stripped = line.strip()
    letters = [c for c in stripped if c.isalpha()]
    shouting = len(letters) >= 4 and all(c.isupper() for c in letters)  # 'DEPARTMENT OF COMMERCE'
    return not stripped or bool(_NOT_TITLE.match(stripped)) or shouting


def title_from_lines(text: str) -> str | None:
    """The title a notice's header lines give, or None when they give none."""
    lines = text.split("\n")[:60]
    for line in lines:
        m = _BRACKETED.match(line)
        if m and m["label"].strip().lower() in _TITLE_LABELS and m["value"].strip():
            return m["value"].strip()[:_MAX]
    for i, line in enumerate(lines[:30]):
        if line.strip().upper().startswith("AGENCY:"):
            # A Federal Register rule: the title is the block of real lines right above 'AGENCY:' (a long title
            # wraps over several lines in the text edition).
            block: list[str] = []
            for prev in reversed(lines[:i]):
                if _is_heading_noise(prev) or prev.strip().lower().startswith(("bureau of", "office of", "department of")):
                    if block:
                        break
                    continue
                block.insert(0, prev.strip())
            if block:
                return " ".join(block)[:_MAX]
            break
    if lines and _EU_ACT.match(lines[0]):
        parts = [_capitalized_act(lines[0])]
        for line in lines[1:8]:
            if _EU_DATE.match(line) or not line.strip():
                continue
            if _EU_PREAMBLE.match(line):
                break
            parts.append(line.strip())
        return " ".join(parts)[:_MAX]
    for line in lines[:15]:
        m = _BRACKETED.match(line)
        if m or _is_heading_noise(line):
            continue
        return line.strip() if len(line.strip()) <= _MAX else None
    return None


def header_lines(text: str, limit: int = 8) -> list[str]:
    """The lines above the notice's body: up to the first line that reads as a sentence of prose."""
    out = []
    for line in text.split("\n")[:limit]:
        stripped = line.strip()
        if stripped.endswith((".", "。", ":", "：")) or len(stripped.split()) > 25:
            break
        out.append(stripped)
    return out


def number_of(title: str | None, text: str, issuer: str | None) -> str | None:
    """The notice's own number: from its title, else its header lines; never from its body, which cites others."""
    from controlbrief.normalize import parse_notice_number

    for source in ([title] if title else []) + header_lines(text) + field_lines(text):
        number = parse_notice_number(source, issuer)
        if number:
            return number
    return None


def field_lines(text: str, limit: int = 60) -> list[str]:
    """Bracketed header fields ('【发布文号】...', '[Release number] ...') near the top: a web copy may put a
    paragraph of prose before them, but a field line is never body text."""
    return [line.strip() for line in text.split("\n")[:limit] if _BRACKETED.match(line)]
