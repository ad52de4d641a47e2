"""Rationale builder: a category phrase governed by a purpose or attribution cue.

'National security' alone is a topic; 'to safeguard national security' or
'citing national security' is a reason. One provision per category stated.
"""

from __future__ import annotations

from controlbrief.extract.context import SentenceContext, significant_for_phrase
from controlbrief.models import Rationale

_CUE_BEFORE = 14  # tokens between a cue and the phrase it governs
_CUE_AFTER = 3    # 'security concerns', 'on national security grounds'


def build(ctx: SentenceContext) -> list[Rationale]:
    """Rationales stated in one sentence."""
    if ctx.background:
        return []  # 'In 2010, ... for national security': the reason of a measure in a report's background
    cues = ctx.spans("purpose")
    out: list[Rationale] = []
    seen: set[str] = set()
    for span in ctx.spans("rationale"):
        # Some phrases state a reason by themselves ('in response to', 'as a countermeasure').
        governed = bool(ctx.attr(span, "self_cued")) or any(
            (c.end <= span.start and span.start - c.end <= _CUE_BEFORE)
            or (c.start >= span.end and c.start - span.end <= _CUE_AFTER)
            for c in cues
        )
        if not governed or significant_for_phrase(ctx, span):
            continue  # ('a sector critical to energy and national security interests': why the sector matters)
        for category in str(ctx.attr(span, "category", "other")).split(","):
            if category in seen:
                continue
            seen.add(category)
            out.append(ctx.make("rationale", span.start_char, span.end_char, span.id_, category=category))
    return out
