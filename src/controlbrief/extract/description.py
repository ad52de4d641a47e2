"""The description of a product scope: the words of its list item or sentence that name the items."""

from __future__ import annotations

import re
from bisect import bisect_right

from controlbrief.extract.context import SentenceContext, doc_text, open_bracket, token_table, tokens_text
from controlbrief.nlp import BULLETS

_DESCRIPTION_MAX = 300


_KEEP_AT_END = {"%", "％", "‰", "°", "″", "′"}


def group_start(t, text: str, start: int, end: int) -> int | None:
    """The token that opens the bracketed group that token end - 1 closes, looking back no further than token
    start (t: the Doc's token table, text: its text)."""
    a, closing = t.idx[start], t.idx[end - 1]
    at = open_bracket(text, a, closing + max(t.text[end - 1].rfind(c) for c in ")）]"))
    return None if at is None else bisect_right(t.idx, at, start, end) - 1


def _closes(text: str) -> int:
    return text.count(")") + text.count("）")


_NUMBERING = re.compile(r"^(?:[0-9]{1,3}|[a-z]|[ivxlc]{1,5})[.)]$")


def description(ctx: SentenceContext) -> str | None:
    """A list item as the source describes it: without its marker, its leading codes and trailing references.

    'I. 2C902.a. Synthetic diamond micropowder ... 50 μm or less (reference tariff number: 71051020)'
    describes 'Synthetic diamond micropowder ... 50 μm or less'. Prose sentences have none.
    """
    if not ctx.is_item:
        return None
    sent, t = ctx.sent, token_table(ctx.sent.doc)
    start, end = sent.start, sent.end
    heads = sorted(ctx.spans("list_marker") + ctx.spans("code"), key=lambda s: s.start)
    for sp in heads:  # marker and codes that open the item, with the stops between them
        if sp.start > start:
            break
        start = max(start, sp.end)
        while start < end and t.text[start] in {".", ")", ":", "-", "–"}:
            start += 1
        while start < end and t.is_space[start]:
            start += 1
        if start < end and t.text[sp.start] in BULLETS and _NUMBERING.match(t.text[start]):
            start += 1  # '- a.Integrated circuits ...': the number after a bullet is part of the marker
    while end > start and (t.is_punct[end - 1] or t.is_space[end - 1]) and not _closes(t.text[end - 1]):
        end -= 1
    if end > start and _closes(t.text[end - 1]):
        # A trailing '(reference tariff number: ...)' or '（参考海关商品编号：...）' names codes, not the item;
        # web copies often drop the codes and keep the empty reference.
        i = group_start(t, doc_text(sent.doc), start, end)
        if i is not None and any(c.start >= i and c.end <= end for c in ctx.spans("code") + ctx.spans("code_cue")):
            end = i
    # Stops before the cut go; a closing bracket or a percent sign ('纯度大于65%') is part of the item.
    while end > start and (t.is_space[end - 1] or (t.is_punct[end - 1] and not _closes(t.text[end - 1])
                                                   and t.text[end - 1] not in _KEEP_AT_END)):
        end -= 1
    text = " ".join(tokens_text(sent.doc, start, end).split())
    if not text:
        return None
    return text if len(text) <= _DESCRIPTION_MAX else text[: _DESCRIPTION_MAX - 1].rsplit(" ", 1)[0] + "…"
