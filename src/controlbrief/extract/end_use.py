"""End-use restriction builder: an end use (who or what for) with the policy governing it.

The policy is the nearest policy phrase in the same clause, else in the
sentence, else in the list lead-in; control language alone means a licence
is required. Suspended or carved-out end uses are not restrictions in force.
"""

from __future__ import annotations

from spacy.tokens import Span

from controlbrief.extract.context import SentenceContext
from controlbrief.models import EndUseRestriction
from controlbrief.normalize import clean_phrase

_CLAUSE_BREAKS = {";", "；"}
_PARTY_WORDS = {
    "user", "users", "end-user", "end-users", "entities", "entity", "importers", "exporters", "companies",
    "forces", "customers", "buyers", "parties", "persons", "industry", "sector", "units",
}


def _clause_of(span: Span, sent: Span) -> tuple[int, int]:
    start, end = sent.start, sent.end
    for tok in sent:
        if tok.text in _CLAUSE_BREAKS:
            if tok.i < span.start:
                start = tok.i + 1
            elif tok.i >= span.end:
                end = tok.i
                break
    return start, end


def _distance(a: Span, b: Span) -> int:
    return a.start - b.end if b.end <= a.start else b.start - a.end


def _policy(ctx: SentenceContext, span: Span) -> str | None:
    policies = ctx.spans("policy")
    lo, hi = _clause_of(span, ctx.sent)
    in_clause = [p for p in policies if lo <= p.start < hi]
    pool = in_clause or policies
    if pool:
        best = min(pool, key=lambda p: (_distance(span, p), p.start))
        return str(ctx.attr(best, "policy", "other"))
    for lead in ctx.leads():
        if lead.spans("policy"):
            return str(ctx.attr(lead.spans("policy")[0], "policy", "other"))
    return "license_required" if ctx.has("scope_trigger", inherit=True) else None


def _party(ctx: SentenceContext, span: Span) -> str | None:
    countries = ctx.lex("country")
    if countries:
        return clean_phrase(min(countries, key=lambda c: _distance(span, c)).text)
    if any(t.lower_ in _PARTY_WORDS for t in span):
        return clean_phrase(span.text)
    return None


def build(ctx: SentenceContext) -> list[EndUseRestriction]:
    """End-use restrictions stated in one sentence."""
    if ctx.has("suspension"):
        return []
    cut = min((n.start for n in ctx.spans("negation")), default=None)
    out: list[EndUseRestriction] = []
    seen: set[str] = set()
    for span in ctx.spans("end_use"):
        if cut is not None and span.start > cut:
            continue
        end_use = str(ctx.attr(span, "end_use", "other"))
        policy = _policy(ctx, span)
        if end_use in seen or policy is None:
            continue
        seen.add(end_use)
        out.append(ctx.make("end_use_restriction", span.start_char, span.end_char, span.id_,
                            end_use=end_use, policy=policy, party=_party(ctx, span)))
    return out
