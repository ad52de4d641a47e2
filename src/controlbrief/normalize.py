"""Pure functions that turn matched surface text into normalized values.

No spaCy here: callers pass strings already matched by patterns. Regular
expressions live here because they parse a value, never to find one.
"""

from __future__ import annotations

import math
import re
from datetime import date

from dateutil.relativedelta import relativedelta

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


_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "萬": 10_000}


def parse_chinese_number(text: str) -> int | float | None:
    """'零点一' is 0.1, '五十' 50, '一百二十' 120, '十五' 15; None for anything else."""
    whole, _, frac = text.partition("点")
    if not whole or any(ch not in _ZH_DIGITS and ch not in _ZH_UNITS for ch in whole) or any(ch not in _ZH_DIGITS for ch in frac):
        return None
    total, digit = 0, None
    for ch in whole:
        if ch in _ZH_DIGITS:
            digit = _ZH_DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _ZH_UNITS[ch]
            digit = None
    total += digit or 0
    if not frac:
        return total
    return float(f"{total}." + "".join(str(_ZH_DIGITS[ch]) for ch in frac))


def parse_number(text: str) -> int | float | None:
    """Parse '0.1', '1,000', '25', 'fifty', '零点一' into a number; ints stay ints."""
    t = re.sub(r"[ \u00a0\u2009\u202f]", "", text.strip().lower())  # thousands in groups: "1 000", "1\u2009000"
    if t in _WORD_NUMBERS:
        return _WORD_NUMBERS[t]
    if t and "\u3007" <= t[0] <= "\u9fff":
        return parse_chinese_number(t)
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


def period_end(start: str, count: int, unit: str) -> str:
    """The day a period of `count` days, months or years that starts on the day `start` ends, as a relation's
    `until` reads it (the first day after the period: 90 days from 12 August 2025 end on 10 November, as the
    notices that set that period say; one year from 10 November 2025 on 10 November 2026). A month too short
    for the start's day ends it on its own last day."""
    return (date.fromisoformat(start) + relativedelta(**{unit: count})).isoformat()


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


_ISO = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})")
_DMY_NUM = re.compile(r"(\d{1,2})\s*[./]\s*(\d{1,2})\s*[./]\s*(\d{4})")
# 日 or 号; a pattern that matched a date without either (于2025年1月31前) checked what follows it.
_CJK = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]?")
_MDY = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*[,.]?\s*(\d{4})")  # 'January 13. 2025' too
_DMY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?(?:\s*\.)?\s+(?:of\s+)?([A-Za-z]+)\.?\s*,?\s*(\d{4})")


# '2026年元旦': New Year's Day of that year.
_CJK_NEW_YEAR = re.compile(r"(\d{4})\s*年\s*元旦")
_CJK_MONTH_DAY = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]")
_COMPACT = re.compile(r"((?:19|20)\d{2})(\d{2})(\d{2})")
_MD = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?")  # 'September 15', 'Sept. 15th'
_DMY_SHORT = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?\s*['’]\s*(\d{2})")  # "18 Mar '24"
_DM = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]+)")  # '15 September'

def parse_date(text: str, year: int | None = None) -> str | None:
    """Parse a matched date expression into YYYY-MM-DD, or None if it is not a full date.

    '11月8日' and 'September 15' have no year of their own: they take `year` (the notice's) when one is given.
    """
    t = " ".join(text.split())
    if year is not None and (m := _CJK_MONTH_DAY.fullmatch(t)):
        return _iso(year, int(m[1]), int(m[2]))
    if year is not None and (m := _MD.fullmatch(t)) and m[1].lower() in MONTHS:
        return _iso(year, MONTHS[m[1].lower()], int(m[2]))  # 'effective from Sept. 15' in a report of that year
    if year is not None and (m := _DM.fullmatch(t)) and m[2].lower() in MONTHS:
        return _iso(year, MONTHS[m[2].lower()], int(m[1]))
    if m := _CJK_NEW_YEAR.fullmatch(t):
        return _iso(int(m[1]), 1, 1)
    if m := _CJK.fullmatch(t):
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    if m := _ISO.fullmatch(t):
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    if m := _COMPACT.fullmatch(t):
        return _iso(int(m[1]), int(m[2]), int(m[3]))  # '20251009' (a page's date field)
    if m := _DMY_NUM.fullmatch(t):
        # Day first: the order used by Chinese and EU notices written with dots; with slashes a second number above
        # 12 can only be the day ('06/14/2025', the US order).
        if "/" in t and int(m[2]) > 12 >= int(m[1]):
            return _iso(int(m[3]), int(m[1]), int(m[2]))
        return _iso(int(m[3]), int(m[2]), int(m[1]))
    if (m := _MDY.fullmatch(t)) and m[1].lower() in MONTHS:
        return _iso(int(m[3]), MONTHS[m[1].lower()], int(m[2]))
    if (m := _DMY.fullmatch(t)) and m[2].lower() in MONTHS:
        return _iso(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
    if (m := _DMY_SHORT.fullmatch(t)) and m[2].lower() in MONTHS:
        return _iso(2000 + int(m[3]), MONTHS[m[2].lower()], int(m[1]))  # "18 Mar '24": notices of this century
    return None


def leading_date(text: str) -> str | None:
    """The date a metadata value opens with: '2023-10-20 (effective 2023-12-01)' is 2023-10-20."""
    whole = parse_date(text)
    if whole:
        return whole
    head = re.split(r"\s*[(;]|\s+-\s+", text.strip(), maxsplit=1)[0]
    return parse_date(head) if head != text.strip() else None


# Marks trimmed around a phrase, full-width ones too ('出口……无需申请许可。' ends in its full stop).
_PHRASE_TRIM = " ,;:.()[]\"'\u3002\uff0c\uff1b\uff1a\u3001\uff08\uff09\u3010\u3011"


def clean_phrase(text: str) -> str:
    """Collapse white space and trim punctuation around a phrase taken from a sentence; an abbreviation keeps its
    last full stop ('U.S.')."""
    collapsed = " ".join(text.split())
    cleaned = collapsed.strip(_PHRASE_TRIM)
    if collapsed.strip(_PHRASE_TRIM.replace(".", "")).endswith(".") and _ABBREVIATION_END.search(cleaned):
        cleaned += "."
    return cleaned


_ABBREVIATION_END = re.compile(r"(^|[\s(])([A-Za-z]\.)+[A-Za-z]$")


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


# A notice's own designation, as its title or header lines give it (spec: `number`).
# 'Announcement No. 23 of 2023', and the order machine translation gives '商务部公告2023年第23号':
# 'Announcement No. 23 of the Ministry of Commerce in 2023'.
_MOFCOM_NO = re.compile(r"(?:Announcement|Notice|Decision|Order)s?\s*(?:No\.?|Number|#)\s*(\d{1,4})\s*"
                        r"(?:of\s+the\s+(?:Ministry\s+of\s+Commerce|MOFCOM)(?:\s+and\s+the\s+General\s+Administration\s+of\s+Customs)?\s*"
                        r"(?:in|of|,)\s*|(?:of|,)\s*)(?:the\s+year\s+)?((?:19|20)\d{2})", re.I)
# The year as '2025年' or in brackets: '公告（2025）第70号', '〔2025〕第70号'.
_ZH_YEAR = r"(?:[（(〔\[]\s*)?((?:19|20)\d{2})\s*(?:年|[）)〕\]])"
# Copies drop the 第 ('商务部 科技部公告2023年57号').
_MOFCOM_ZH = re.compile(r"公告\s*" + _ZH_YEAR + r"\s*第?\s*(\d{1,4})\s*[号號]")
# 'FR Doc. 2025-05427', and the field federalregister.gov pages give it in ('Document Number: 2025-05427', five digits).
_FR_DOC = re.compile(r"FR\s*Doc(?:ument)?\.?\s*(?:No\.?:?\s*)?((?:19|20)\d{2})-(\d{3,6})|"
                     r"^\s*Document\s+Number:?\s*((?:19|20)\d{2})-(\d{5})\b", re.I)
# 'Regulation (EU) 2021/821', 'Council Regulation (EU) No 833/2014'; third-party texts often drop the '(EU)':
# 'Council Regulation 833/2014' (with 'Council' or 'No' before the number, so '(EU)' is not needed to tell it).
_EU_ACT = re.compile(r"(?:Regulation|Decision|Directive)\s*(?:\((?:EU|EC|EEC|CFSP)\)\s*(?:No\.?\s*)?|(?<=Council Regulation)\s*|"
                     r"(?<=Council Decision)\s*|No\.?\s*)(\d{1,4})/(\d{1,4})", re.I)
_CHINESE_ISSUERS = re.compile(r"MOFCOM|Ministry of Commerce|General Administration of Customs|GACC?\b|商务部|海关总署|"
                              r"Unreliable\s+Entit(?:y|ies)\s+List|不可靠实体清单|不可靠實體清單", re.I)


def _eu_number(m: re.Match) -> str:
    """An EU act's number, year first ('No 833/2014' is eu-2014-833, '2021/821' eu-2021-821)."""
    a, b = m[1], m[2]
    year, num = (a, b) if len(a) == 4 and a[:2] in {"19", "20"} and not (len(b) == 4 and b[:2] in {"19", "20"} and int(a) < 1958) else (b, a)
    return f"eu-{year}-{int(num)}"


def parse_notice_number(text: str, issuer: str | None = None) -> str | None:
    """The first notice designation in text, normalized: 'mofcom-2025-61', 'fr-2023-23055', 'eu-2021-821'.

    'Announcement No. 61 of 2025' is MOFCOM's only where MOFCOM or customs is named
    (in text or issuer); EU numbers put the year first either way ('No 833/2014' is
    eu-2014-833).
    """
    found: list[tuple[int, str]] = []
    if m := _FR_DOC.search(text):
        found.append((m.start(), f"fr-{m[1] or m[3]}-{int(m[2] or m[4])}"))
    if m := _EU_ACT.search(text):
        found.append((m.start(), _eu_number(m)))
    chinese = bool(_CHINESE_ISSUERS.search(text) or (issuer and _CHINESE_ISSUERS.search(issuer)))
    if "公告" in text and (m := _MOFCOM_ZH.search(text)):
        found.append((m.start(), f"{_zh_series(text, m.start())}-{m[1]}-{int(m[2])}"))
    if chinese and (m := _MOFCOM_NO.search(text)):
        found.append((m.start(), f"{_en_series(text, m.start(), m.end())}-{m[2]}-{int(m[1])}"))
    found = [(start, number) for start, number in found if not _CITING.search(text[:start])]
    return min(found)[1] if found else None


# Words before a designation that make it a citation ('suspending Article 2 of Announcement No. 46').
# ('Commission Implementing Regulation (EU) 2026/77' is a kind of act, not a word that cites one: the text tested
# ends right before 'Regulation'.)
_CITING = re.compile(r"(?i)\b(suspend|amend|revok|repeal|lift|cancel|implement(?!ing\s*(?:(?:regulation|decision|directive)\b|$))|"
                     r"pursuant|accordance|under|following|replac|"
                     r"supersed|extend|resum|see|cited|referred|updat|modif|contained)\w*|\b(of|to)\s*$")


def parse_cited_numbers(text: str, issuer_hint: str = "mofcom") -> list[tuple[str, str]]:
    """Every notice a phrase cites, expanded: 'Announcements No. 55, 56 and 58 to 60 of 2025' gives five.

    Returns (number, the citation as written) pairs in order of appearance.
    """
    out: list[tuple[str, str]] = []
    found = list(_CITATION.finditer(text))
    if _YEAR_MARK.search(text):  # one quick scan: most texts have no year in brackets, after a slash or before 'No.'
        taken = [(m.start(), m.end()) for m in found]
        found += [m for rx in (_CITATION_YEAR_FIRST, _CITATION_YEAR_AFTER) for m in rx.finditer(text)
                  if not any(a < m.end() and m.start() < b for a, b in taken)]
        found.sort(key=lambda m: m.start())
    for m in found:
        year = m["year"] or m.groupdict().get("year_slash") or m.groupdict().get("year_before")
        numbers: list[int] = []
        for part in re.split(r"\s*(?:,|and|、|和|及)\s*", m["list"]):
            part = re.sub(r"(?i)^(?:no\.?|nos\.?)\s*", "", part.strip())
            rng = re.fullmatch(r"(\d{1,4})\s*(?:-|–|to|至)\s*(?:no\.?\s*)?(\d{1,4})", part, re.I)
            if rng and int(rng[1]) <= int(rng[2]) <= int(rng[1]) + 50:
                numbers.extend(range(int(rng[1]), int(rng[2]) + 1))
            elif part.isdigit():
                numbers.append(int(part))
        series = _en_series(text, m.start(), m.end()) if issuer_hint == "mofcom" else issuer_hint
        out.extend((f"{series}-{year}-{n}", m[0].strip()) for n in numbers)
    for m in _EU_ACT.finditer(text):
        out.append((_eu_number(m), m[0]))
    for m in _FR_DOC.finditer(text):
        out.append((f"fr-{m[1] or m[3]}-{int(m[2] or m[4])}", m[0]))
    for m in (_ZH_CITATION.finditer(text) if "第" in text else ()):  # every Chinese designation has 第
        # '公告2025年第55号、第56号、第57号' cites three notices of 2025.
        series = _zh_series(text, m.start())
        for n in [m[2], *re.findall(r"(\d{1,4})\s*[号號]", m[3] or "")]:
            out.append((f"{series}-{m[1]}-{int(n)}", m[0]))
    return out


# '第55号——对超硬材料……；第56号——……': designations a report writes without their year.
_ZH_YEARLESS = re.compile(r"(?<![0-9年）)〕\]\s])\s*第\s*(\d{1,4})\s*[号號]")


# 'namely: No. 55—Implementation of ...; No. 56—...': an English list of designations without their year.
_EN_YEARLESS = re.compile(r"(?<![\w.])No\.\s*(\d{1,4})(?![\d.])(?!\s*(?:of\s+(?:the\s+)?|[(\[/]\s*)(?:19|20)\d{2})")


def parse_yearless_numbers(text: str) -> list[tuple[int, str]]:
    """Designations written without a year ('第55号'; in English, two or more 'No. 55'), as (number, the text
    as written). One English 'No. 1' alone is as likely a rank ('the No. 1 producer')."""
    if "第" in text:
        return [(int(m[1]), m[0].strip()) for m in _ZH_YEARLESS.finditer(text)]
    found = [(int(m[1]), m[0].strip()) for m in _EN_YEARLESS.finditer(text)] if "No." in text else []
    return found if len(found) >= 2 else []


def designations_in_full(text: str) -> tuple[int | None, set[str]]:
    """The MOFCOM designations a text writes in full, and their year when they all share one."""
    numbers = {number for number, _ in parse_cited_numbers(text) if number.startswith("mofcom-")}
    years = {number.split("-")[1] for number in numbers}
    return (int(years.pop()) if len(years) == 1 else None), numbers


_GAC_ONLY = re.compile(r"(?:海关总署|海關總署)(?:公告)?\s*$")
_MOFCOM_NAMED = re.compile(r"商务部|商務部")
_UEL_ZH = re.compile(r"(?:不可靠实体清单|不可靠實體清單)工作(?:机制|機制)(?:公告)?\s*$")
# The Unreliable Entity List's working mechanism numbers its announcements apart from MOFCOM ('不可靠实体清单工作机制
# 公告2025年第7号', 'Announcement No. 1 of 2023 on the Working Mechanism of the Unreliable Entity List'): uel-.
_UEL_EN = re.compile(r"Unreliable\s+Entit(?:y|ies)\s+List", re.I)
_MOFCOM_BEFORE = re.compile(r"(?:MOFCOM|Ministry\s+of\s+Commerce)(?:'s)?\s*$", re.I)
_UEL_REACH = 80  # characters either side of an English designation, in its line, where the mechanism is named


def _en_series(text: str, start: int, end: int) -> str:
    """Whose numbering an English designation at start..end follows: the Unreliable Entity List working
    mechanism's where its line names that list beside it (not 'MOFCOM Announcement ...'); else MOFCOM's."""
    lo = max(text.rfind("\n", 0, start) + 1, start - _UEL_REACH)  # the line's start, at most _UEL_REACH back
    hi = text.find("\n", end, end + _UEL_REACH)
    window = text[lo:hi if hi >= 0 else end + _UEL_REACH]
    if _UEL_EN.search(window) and not _MOFCOM_BEFORE.search(text[max(lo, start - 30):start]):
        return "uel"
    return "mofcom"


def _zh_series(text: str, at: int) -> str:
    """Whose numbering a Chinese designation at `at` follows: the customs administration's own announcements
    ('海关总署2025年第30号公告', '海关总署公告2025年第30号') are gac-; MOFCOM's and joint ones ('商务部、海关总署公告')
    are mofcom-; the Unreliable Entity List working mechanism's ('不可靠实体清单工作机制公告2025年第7号') uel-."""
    before = re.split(r"[。；，;,\n]", text[max(0, at - 30):at])[-1]  # the issuers of this clause
    if _UEL_ZH.search(before):
        return "uel"
    return "gac" if _GAC_ONLY.search(before) and not _MOFCOM_NAMED.search(before) else "mofcom"


# '公告2025年第55号、第56号', and as copies also write it '第55号、56号、57号'.
_ZH_CITATION = re.compile(_ZH_YEAR + r"\s*第\s*(\d{1,4})\s*[号號]((?:\s*[、,，和及与與]\s*(?:第\s*)?\d{1,4}\s*[号號])*)")


_NUMBER_LIST = r"(?P<list>\d{1,4}(?:\s*(?:,(?:\s*and)?|and|to|-|–)\s*(?:No\.?\s*)?\d{1,4})*)"  # 'Nos. 55, 56, and 58'
_INSTRUMENT = r"(?:Announcements?|Anns?\.|Notices?|Decisions?|Declarations?|(?:Unreliable\s+Entity\s+)?List\s+(?:Working\s+)?Mechanism)"  # 'Ann. 61/2025' in law firms' notes
# 'Announcements No. 55, 56 and 58 of 2025'; right after an instrument's name the 'No.' may be left out
# ('MOFCOM Announcements 61 and 62 of 2025').
_CITATION = re.compile(
    r"(?:" + _INSTRUMENT + r"\s*(?:(?:Nos?\.?|Numbers?)\s*)?|(?:Nos?\.?|Numbers?)\s*)" + _NUMBER_LIST +
    r"\s*(?:of\s+(?:the\s+)?(?:year\s+)?)(?P<year>(?:19|20)\d{2})", re.I)
# The year in brackets, after a slash or before the name ('Announcement No. 70 (2025)', 'Announcement [2025] No. 18',
# 'Announcement 2025 No. 61', 'Notice No. 4/2026', 'Announcement 70/2025', 'its 2024 Announcement No. 46'): only with
# an instrument's name, since 'No. 1 (2025)' alone may rank anything.
_CITATION_YEAR_FIRST = re.compile(
    r"(?:" + _INSTRUMENT + r"\s*[(\[]?\s*(?P<year>(?:19|20)\d{2})\s*[)\]]?|(?<!\d)(?P<year_before>(?:19|20)\d{2})\s+"
    + _INSTRUMENT + r")\s*(?:Nos?\.?|Numbers?)\s*" + _NUMBER_LIST + r"(?![\d/])", re.I)
_YEAR_MARK = re.compile(r"[(\[/]\s*(?:19|20)\d{2}|(?:19|20)\d{2}\s*(?:[)\]]?\s*No|" + _INSTRUMENT + ")", re.I)
_CITATION_YEAR_AFTER = re.compile(
    _INSTRUMENT + r"\s*(?:(?:Nos?\.?|Numbers?)\s*)?" + _NUMBER_LIST
    + r"(?:\s*[(\[](?P<year>(?:19|20)\d{2})[)\]]|/(?P<year_slash>(?:19|20)\d{2})(?!\d))", re.I)


_OCR_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_OCR_L = re.compile(r"[a-z]I")
_OCR_MIN = 5  # words with a capital I after a small letter before a text is taken for OCR that misread 'l'


def repair_ocr_l(text: str) -> str:
    """Text read by OCR that took 'l' for 'I' ('MetaI samarium, samarium-containing aIIoys'), with each such
    'I' after a small letter put back as 'l'; one character for one, so offsets hold. Other text is returned
    as it is: a few words like 'LinkedIn' are not enough to call a text OCR."""
    if len(_OCR_L.findall(text)) < _OCR_MIN:
        return text

    def fix(m: re.Match) -> str:
        word = m.group(0)
        return word[0] + word[1:].replace("I", "l") if _OCR_L.search(word) else word

    return _OCR_WORD.sub(fix, text)
