"""Pure functions that turn matched surface text into normalized values.

No spaCy here: callers pass strings already matched by patterns. Regular
expressions live here because they parse a value, never to find one.
"""

from __future__ import annotations

import math
import re
from datetime import date

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WORD_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "twenty-five": 25, "thirty": 30, "forty": 40, "forty-five": 45, "fifty": 50, "sixty": 60,
    "ninety": 90, "hundred": 100,
}


def parse_number(text: str) -> int | float | None:
    """Parse '0.1', '1,000', '25', 'fifty' into a number; ints stay ints."""
    t = text.strip().lower().replace("\u2009", "").replace(" ", "")
    if t in _WORD_NUMBERS:
        return _WORD_NUMBERS[t]
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", t):
        t = t.replace(",", "")
    elif re.fullmatch(r"\d+,\d+", t):
        # A lone comma between digits is a decimal comma in European notices ("0,1 %").
        t = t.replace(",", ".")
    try:
        value = float(t)
    except ValueError:
        return None
    if not math.isfinite(value) or abs(value) >= 1e15:
        return None  # 309 digits read as infinity; no control threshold is a quadrillion of anything
    return int(value) if value.is_integer() and "." not in t else value


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


_ISO = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})")
_DMY_NUM = re.compile(r"(\d{1,2})\s*[./]\s*(\d{1,2})\s*[./]\s*(\d{4})")
_CJK = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_MDY = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(\d{4})")
_DMY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]+)\.?\s*,?\s*(\d{4})")


def parse_date(text: str) -> str | None:
    """Parse a matched date expression into YYYY-MM-DD, or None if it is not a full date."""
    t = " ".join(text.split())
    if m := _CJK.fullmatch(t):
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    if m := _ISO.fullmatch(t):
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    if m := _DMY_NUM.fullmatch(t):
        # Day first: the order used by Chinese and EU notices written with dots.
        return _iso(int(m[3]), int(m[2]), int(m[1]))
    if (m := _MDY.fullmatch(t)) and m[1].lower() in MONTHS:
        return _iso(int(m[3]), MONTHS[m[1].lower()], int(m[2]))
    if (m := _DMY.fullmatch(t)) and m[2].lower() in MONTHS:
        return _iso(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
    return None


def clean_phrase(text: str) -> str:
    """Collapse white space and trim punctuation around a phrase taken from a sentence."""
    return " ".join(text.split()).strip(" ,;:.()[]\"'")


def normalize_measure(measure: str) -> str:
    """Normalize a measure for identity keys: lower case, single spaces, no articles."""
    words = [w for w in re.split(r"\s+", measure.lower().strip()) if w not in {"the", "a", "an"}]
    return " ".join(words).replace("’", "'")


def normalize_code(code: str) -> str:
    """Normalize a control or tariff code only in case and spacing (3a090.A -> 3A090.a)."""
    c = "".join(code.split())
    # ECCN-like and Chinese control numbers: upper-case category letter, sub-items lower.
    m = re.fullmatch(r"(\d[A-Za-z]\d{3})((?:\.[A-Za-z0-9]+)*)", c)
    if m:
        return m[1].upper() + m[2].lower()
    return c


_VALID_CODE = re.compile(r"\d[A-Z]\d{3}(\.[a-z0-9]{1,3})*|\d{8}(\d{2})?|\d{4}(\.\d{2}(\.\d{2,4}){0,2})?")


def code_or_none(text: str) -> str | None:
    """Normalize a code whose pieces may be spaced apart ('3B 001.a', '285 39030'); None if the pieces make no code."""
    code = normalize_code(text)
    return code if _VALID_CODE.fullmatch(code) else None
