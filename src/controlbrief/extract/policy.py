"""The licensing policy that governs a span: shared by end-use and destination builders.

The nearest policy phrase in the span's own clause wins, then the nearest in
the sentence, then the list lead-in's; control language alone means a
licence is required. None means nothing governs the span.
"""

from __future__ import annotations

from spacy.tokens import Span

from controlbrief.extract.context import SentenceContext, token_texts

_CLAUSE_BREAKS = {";", "；"}


_JOINERS = {"and", "while", "but", "whereas", "whilst"}
_REVIEW_POLICIES = {"deny", "case_by_case"}


def clause_of(span: Span, sent: Span) -> tuple[int, int]:
    """Token bounds of the clause (between semicolons, or at ', and' / ', while') that holds span."""
    texts, lowers = token_texts(sent.doc)
    start, end = sent.start, sent.end
    for i in range(sent.start, sent.end):
        # A semicolon, or a comma that joins two clauses (', and applications ... case by case').
        if texts[i] in _CLAUSE_BREAKS or (texts[i] == "," and i + 1 < len(texts) and lowers[i + 1] in _JOINERS):
            if i < span.start:
                start = i + 1
            elif i >= span.end:
                end = i
                break
    return start, end


_GOVERNED = ("end_use", "end_use_anaphor")


def _governs_another(policy: Span, others: list[Span], sent: Span) -> bool:
    """Whether the policy's clause holds an end use or party other than the one asked about."""
    lo, hi = clause_of(policy, sent)
    return any(lo <= o.start < hi for o in others)


def distance(a: Span, b: Span) -> int:
    """Tokens between two spans (0 when adjacent or overlapping)."""
    return max(0, a.start - b.end if b.end <= a.start else b.start - a.end)


_CHANGE_REACH = 3  # tokens from 'from' / 'to' to the policy it opens ('from a presumption of denial')


def _opened_by(lowers: list[str], policy: Span, word: str, floor: int) -> bool:
    return word in lowers[max(floor, policy.start - _CHANGE_REACH):policy.start]


def _current(ctx: SentenceContext, policies: list[Span]) -> list[Span]:
    """The policies less those a change leaves behind: 'changing it from a presumption of denial to a case-by-case
    review' reviews case by case."""
    if len(policies) < 2:
        return policies
    lowers = token_texts(ctx.sent.doc)[1]
    floor = ctx.sent.start
    former = {p.start for p in policies if _opened_by(lowers, p, "from", floor)
              and any(q.start > p.end and _opened_by(lowers, q, "to", p.end) for q in policies)}
    return [p for p in policies if p.start not in former] if former else policies


def policy_for(ctx: SentenceContext, span: Span) -> str | None:
    """The policy governing span, or None where the sentence states none."""
    policies = _current(ctx, ctx.spans("policy"))
    lo, hi = clause_of(span, ctx.sent)
    in_clause = [p for p in policies if lo <= p.start < hi]
    pool = in_clause or policies
    if ctx.doc.zh and any(p.start >= span.end for p in pool):
        # '对……出口实施更严格的审查，涉军事用户、军事用途……出口不予批准': a Chinese review or denial governs what stands
        # before it; only a ban (禁止向……出口) takes what follows.
        pool = [p for p in pool if p.start >= span.end or ctx.attr(p, "policy") == "prohibited"]
    if pool:
        best = min(pool, key=lambda p: (distance(span, p), p.start))
        policy = str(ctx.attr(best, "policy", "other"))
        if policy == "license_required":
            # 'a license is required ... with a presumption of denial', '... a license requirement ..., which will
            # be reviewed case by case': the review policy of the licence the clause requires is its policy.
            # So is one in a clause of its own that governs no other end use or party ('..., and applications
            # will be reviewed under a presumption of denial').
            others = [o for label in _GOVERNED for o in ctx.spans(label) if o.start != span.start]
            reviews = [p for p in policies if ctx.attr(p, "policy") in _REVIEW_POLICIES
                       and (lo <= p.start < hi or not _governs_another(p, others, ctx.sent))]
            if reviews:
                return str(ctx.attr(min(reviews, key=lambda p: (distance(span, p), p.start)), "policy"))
        return policy
    for lead in ctx.leads():
        if lead.spans("policy"):
            return str(ctx.attr(lead.spans("policy")[0], "policy", "other"))
    # Control language alone requires a licence, unless the sentence says something is not subject to it ('42 countries
    # ... will not be subject to the regulation').
    # ('Rare earths help power fighter jets and missiles and are almost exclusively controlled by China': a market's
    # control requires no licence.)
    return "license_required" if ctx.controls(inherit=True) and not ctx.has("exclusion") else None
