"""Exemption builder: carve-outs from a control, most specific type first.

'Humanitarian exports do not require a licence' is one humanitarian
exemption, not also a generic carve-out. 'No de minimis level' is not one.
"""

from __future__ import annotations

from controlbrief.extract.context import SentenceContext, alpha_count, token_texts, tokens_text
from controlbrief.extract.policy import clause_of
from controlbrief.models import Exemption
from controlbrief.normalize import clean_phrase

# Most specific first: a sentence gets the first type that any of its cues has.
_PRECEDENCE = ("humanitarian", "de_minimis", "general_licence", "grandfathered", "carve_out", "other")
_SCOPE_MAX = 200
_MIN_WORDS = 5
_LIMITED_GAP = 2  # words between 'the availability of' and the exemption it limits ('... of most license exceptions')


_UNLESS_REACH = 6  # tokens from 'unless' to the 'exempted' of a clause that only allows for exemptions


_TAX_GAP = 2  # words between a tariff or tax and the carve-out it makes ('The tariff does not apply')


def build(ctx: SentenceContext) -> list[Exemption]:
    """At most one exemption per sentence, of its most specific type."""
    cues = []
    doc = ctx.sent.doc
    limited = ctx.spans("exemption_limited")
    for span in ctx.spans("exemption"):
        before = doc[span.start - 1] if span.start > ctx.sent.start else None
        if before is not None and before.lower_ in {"no", "without"}:
            continue
        if any(0 <= span.start - lim.end <= _LIMITED_GAP for lim in limited):
            continue  # 'limits the availability of most license exceptions': talk of exceptions, none granted
        if ctx.attr(span, "exemption_type") == "carve_out" and "unless" in token_texts(doc)[1][max(ctx.sent.start, span.start - _UNLESS_REACH):span.start]:
            continue  # 'permitted only with export authorization, unless the item is specifically exempted': none named
        if any(0 <= span.start - t.end <= _TAX_GAP for t in ctx.spans("tax_measure")):
            continue  # 'The tariff does not apply to chips imported to ...': what a tax spares is no export control's carve-out
        cues.append(span)
    if not cues:
        return []
    if any(ctx.attr(c, "contemplated") and c.start < cues[0].start for c in ctx.spans("conditional")):
        return []  # 'the ministry is considering exempting some orders': an exemption weighed, none granted
    rank = {t: i for i, t in enumerate(_PRECEDENCE)}
    best = min(cues, key=lambda s: (rank.get(str(ctx.attr(s, "exemption_type", "other")), len(rank)), s.start))
    lo, hi = clause_of(best, ctx.sent)
    if any(u.start >= best.end for u in ctx.spans("exemption_unavailable")) or any(
            lo <= u.start and u.end <= best.start for u in ctx.spans("exemption_unavailable") + ctx.spans("exemption_not_subject")):
        # 'BIS has issued some license exceptions, none are applicable for these chips'; in its clause before it, 'ECCN
        # 3A001.z items are not eligible for License Exception ENC', 'not subject to the rule's license exceptions'
        # ('Items below the de minimis level are not subject to these controls' is one)
        return []
    if alpha_count(doc, lo, hi) < _MIN_WORDS:
        return []  # a heading ('Article 3 Exemptions') announces exemptions, it states none
    scope = clean_phrase(tokens_text(doc, lo, hi))
    if len(scope) > _SCOPE_MAX:
        scope = scope[: _SCOPE_MAX - 1].rsplit(" ", 1)[0] + "…"
    return [ctx.make("exemption", best.start_char, best.end_char, best.id_,
                     exemption_type=str(ctx.attr(best, "exemption_type", "other")), scope=scope)]
