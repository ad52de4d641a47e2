"""cb_sentences: sentence starts from token texts (lines, stops, list markers, bracketed references)."""

from __future__ import annotations

import re

import numpy
from spacy.attrs import ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from controlbrief.nlp_zh import has_cjk
from controlbrief.normalize import MONTHS

_SENT_END = {".", "!", "?", "。", "！", "？"}
_CJK_END = {"。", "！", "？"}
_ASCII_MARKS = {"?", "!"}
_CLOSERS = {'"', "'", "”", "’", ")", "]", "»"}
_NUMBER_ABBREVIATIONS = {"no", "nos", "ann", "anns", "doc", "art", "arts", "para", "paras", "p", "pp", "vol", "fig", "sec", "ch", "cf", "ref"}
_MARKER = re.compile(r"^([0-9]{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,5})$")


# A control number ('2C902.a', '1E902') heading a list item: 'I. 2C902.a. Synthetic diamond ...'.
_CONTROL_NUMBER = re.compile(r"^[0-9][A-Z][0-9]{3}(\.[A-Za-z0-9]{1,3})*$")


def _heads_item(texts: list[str], i: int, line_start: int) -> bool:
    """Whether the stop at i closes a control number that opens its line (after at most a marker)."""
    if i < 1:
        return False
    code_at = i - 1
    if not _CONTROL_NUMBER.match(texts[code_at]):
        # A number a copy spaced ('3C90 1.a.3.', '3A 001.'): its two halves run together.
        if i < 2 or not _CONTROL_NUMBER.match(texts[i - 2] + texts[i - 1]):
            return False
        code_at = i - 2
    before = [t for t in texts[line_start:code_at] if not t.isspace()]
    return len(before) <= 3 and all(_MARKER.match(t.rstrip(".)")) or t in {".", ")", "("} for t in before)  # "(III)" is three


_OPEN_BRACKETS = ("(", "（", "[")
_CLOSE_BRACKETS = (")", "）", "]")


def _closing_bracket_group(texts: list[str], j: int) -> bool:
    """Whether the tokens from j (spaces aside) are one bracketed group and then at most stops to the end of
    the line: a group that ends its line after a full stop adds to the sentence before it (lists put each item's
    '(Reference customs commodity codes: ...)' there), it opens none of its own."""
    n = len(texts)
    while j < n and texts[j].isspace() and "\n" not in texts[j]:
        j += 1
    if j >= n or texts[j] not in _OPEN_BRACKETS:
        return False
    depth = 0
    for k in range(j, n):
        text = texts[k]
        if "\n" in text:
            return False  # the line ends inside the group
        depth += sum(map(text.count, _OPEN_BRACKETS)) - sum(map(text.count, _CLOSE_BRACKETS))
        if depth <= 0:
            break
    else:
        return False
    for text in texts[k + 1:]:
        if "\n" in text:
            return True
        if not (text.isspace() or text in _SENT_END or text in {";", "；"}):
            return False
    return True


BULLETS = "-–—•·*▪‣●○■□"  # characters that open a list line as a bullet


def _closes_marker(texts: list[str], i: int, line_start: int) -> bool:
    """Whether the stop at i closes a list marker that opens its line, after at most a bullet ('1.', '- 1.')."""
    if not (i >= 1 and _MARKER.match(texts[i - 1])):
        return False
    first = [j for j in range(line_start, i - 1) if not texts[j].isspace()]
    return not first or (len(first) == 1 and texts[first[0]] in BULLETS)


_INLINE_BULLETS = {"-", "–", "—", "•", "▲", "■"}


def _inline_bullet(texts: list[str], spaced: list[bool], i: int) -> bool:
    """A dash between spaces with Chinese on both sides ('……警惕 [2][4] - 尽管中方表示……') opens a point of a
    list run into one line: Chinese prose never sets a dash between spaces inside a sentence."""
    if not (0 < i < len(texts) - 1 and spaced[i - 1] and spaced[i]):
        return False
    before, after = texts[i - 1], texts[i + 1]
    return (bool(before and after) and (has_cjk(before[-1]) or before[-1] in "]）)")
            and (has_cjk(after[0]) or after[0].isdigit()))


_YEAR = re.compile(r"^(19|20)[0-9]{2}$")
_DAY = re.compile(r"^(0?[1-9]|[12][0-9]|3[01])$")


def _ends_day_and_month(texts: list[str], i: int) -> bool:
    """Whether the tokens before i are a month and a day in either order ('January 13', '15 May')."""
    if i < 2:
        return False
    k = i - 3 if i >= 3 and texts[i - 2].isspace() else i - 2  # past a run of spaces the tokenizer kept
    before, day_or_month = texts[i - 1], texts[k]
    return ((_DAY.match(before) is not None and day_or_month.lower().rstrip(".") in MONTHS)
            or (before.lower() in MONTHS and _DAY.match(day_or_month) is not None))


def _month_and_year(texts: list[str], j: int) -> bool:
    """Whether tokens from j are a month and a year ('Nov 2025', 'November 2025')."""
    k = j + 1
    while k < len(texts) and texts[k].isspace() and "\n" not in texts[k]:
        k += 1
    return texts[j].lower().rstrip(".") in MONTHS and k < len(texts) and _YEAR.match(texts[k]) is not None


def sentence_starts(texts: list[str], spaced: list[bool] | None = None) -> list[bool]:
    """Which tokens open a sentence, from token texts alone (a pure function, easy to test).

    A newline always starts a sentence (readers put each paragraph, list item,
    article and table row on its own line); a full stop, question or exclamation
    mark ends one when a capital, a number or an opening quote follows, unless
    it closes a list marker ('1.', 'II.', 'b.') at the start of a line.
    """
    n = len(texts)
    starts = [False] * n
    start_next = True
    line_start = 0  # index of the first non-space token of the current line
    for i, text in enumerate(texts):
        if text.isspace():
            if "\n" in text:
                start_next = True
            continue
        if start_next or i == 0 or (spaced is not None and text in _INLINE_BULLETS and _inline_bullet(texts, spaced, i)):
            starts[i] = True
            if start_next:
                line_start = i
        start_next = False
        if text in _SENT_END and _closing_bracket_group(texts, i + 1):
            continue  # '...等形态。（参考海关商品编号：...）': the reference after the stop belongs to the item
        if text in _CJK_END or (text in _ASCII_MARKS and i + 1 < n and has_cjk(texts[i + 1][:1])):
            # '。' ends a Chinese sentence whatever follows; so does a half-width '?' or '!' a copy typed before
            # Chinese ('请问有何考虑?商务部新闻发言人……').
            start_next = True
            continue
        if text in _SENT_END and not _closes_marker(texts, i, line_start) and not _heads_item(texts, i, line_start):
            j = i + 1
            while j < n and texts[j] in _CLOSERS:
                j += 1
            while j < n and texts[j].isspace() and "\n" not in texts[j]:
                j += 1  # 'in 2026.  The ...': two spaces after a stop, the second a token of its own
            if j < n and not texts[j].isspace():
                head = texts[j][:1]
                if head.isdigit() and i and texts[i - 1].lower().rstrip(".") in _NUMBER_ABBREVIATIONS:
                    continue  # 'FR Doc. 2022-21658', 'No. 46': the stop abbreviates, the number follows
                if _YEAR.match(texts[j]) and _ends_day_and_month(texts, i):
                    continue  # 'January 13. 2025', '15 May. 2025': a date typed with a stop for its comma
                if i and _DAY.match(texts[i - 1]) and _month_and_year(texts, j):
                    continue  # '7. Nov 2025': a day written with a stop after it, as German and Nordic pages do
                if head.isupper() or head in "(“\"'" or head.isdigit():
                    if j == i + 1:
                        start_next = True
                    else:
                        starts[j] = True
    if n:
        starts[0] = True
    return starts


@Language.component("cb_sentences")
def set_sentences(doc: Doc) -> Doc:
    """Set sentence boundaries in one array write (per-token setters rescan the whole Doc)."""
    strings = doc.vocab.strings
    # No Token object per token; the trailing spaces only where they can matter (Chinese, see _inline_bullet).
    if doc.lang_ == "zh" and len(doc):
        orth_space = doc.to_array([ORTH, SPACY]).tolist()
        flags = sentence_starts([strings[o] for o, _ in orth_space], [bool(sp) for _, sp in orth_space])
    else:
        flags = sentence_starts([strings[o] for o in doc.to_array([ORTH]).tolist()])
    if flags:
        # spaCy stores -1 (not a start) in its uint64 attribute arrays as two's complement.
        doc.from_array([SENT_START], numpy.array([1 if f else -1 for f in flags], dtype="int64").astype("uint64"))
    return doc

