"""End-use restriction builder: an end use (who or what for) with the policy governing it.

Suspended or carved-out end uses, and end uses that no policy or control
language governs (a topic, not a restriction), are not reported.
"""

from __future__ import annotations

from spacy.tokens import Span

from controlbrief.extract.context import SentenceContext, token_texts
from controlbrief.extract.policy import distance, policy_for
from controlbrief.models import EndUseRestriction
from controlbrief.normalize import clean_phrase

_PARTY_WORDS = {
    "user", "users", "end-user", "end-users", "entities", "entity", "importers", "exporters", "companies",
    "forces", "customers", "buyers", "parties", "persons", "industry", "sector", "units",
}


def _party(ctx: SentenceContext, span: Span) -> str | None:
    countries = ctx.lex("country")
    if countries:
        return clean_phrase(min(countries, key=lambda c: distance(span, c)).text)
    if any(t.lower_ in _PARTY_WORDS for t in span):
        return clean_phrase(span.text)
    return None


_OPEN_QUOTES = {"“": "”", "「": "」", "《": "》"}


def _in_quoted_title(ctx: SentenceContext, span: Span) -> bool:
    """'released the IFR "...; Supercomputer and Semiconductor End Use; Entity List Modification"': words inside a
    quoted title name a rule's topic; they restrict nothing."""
    texts = token_texts(span.doc)[0]
    before = texts[ctx.sent.start:span.start]
    if before.count('"') % 2:
        return True
    return any(before.count(o) > before.count(c) for o, c in _OPEN_QUOTES.items())


def build(ctx: SentenceContext) -> list[EndUseRestriction]:
    """End-use restrictions stated in one sentence."""
    if ctx.has("suspension") or ctx.has("conditional"):
        return []
    cut = min((n.start for n in ctx.spans("negation")), default=None)
    out: list[EndUseRestriction] = []
    seen: set[str] = set()
    for span in ctx.spans("end_use"):
        if (cut is not None and span.start > cut) or _in_quoted_title(ctx, span):
            continue
        end_use = str(ctx.attr(span, "end_use", "other"))
        policy = policy_for(ctx, span)
        if ctx.spans("rationale") and ctx.spans("purpose") and not ctx.spans("policy"):
            continue  # 'to protect security by restricting items used for WMD' explains, it does not restrict
        if end_use in seen or policy is None:
            continue
        seen.add(end_use)
        out.append(ctx.make("end_use_restriction", span.start_char, span.end_char, span.id_,
                            end_use=end_use, policy=policy, party=_party(ctx, span)))
    return out
