"""Licensing builder: who applies to whom for a licence, with which papers, within how long.

A sentence counts when a licensing pattern fires and it names a licence or
application. The authority is the one the applicant applies 'to' (not the
office it goes 'through'); papers come from the licence-document lexicon.
"""

from __future__ import annotations

from controlbrief.extract.context import SentenceContext, token_texts
from controlbrief.models import Licensing
from controlbrief.normalize import clean_phrase, parse_number

_LICENCE_LEMMAS = {"licence", "license", "permit", "authorisation", "authorization", "application", "licensing"}
_TO = {"to", "by", "from", "with"}
_THROUGH = {"through", "via"}
_VERB_REACH = 15  # tokens from 'apply' to its licence or application
_PASSIVE_REACH = 6  # tokens back from 'be applied' to its licence
_SPARED_REACH = 3  # tokens from 'the need' to the trigger it spares ('the need to apply for')


_PAST_FORMS = {"applied", "submitted"}
_PASSIVE = {"be", "been", "being", "is", "are"}


def _reported_act(ctx: SentenceContext, verb) -> bool:
    """'mining companies increased production and applied for more export licences': what someone did, in the past
    tense, is no duty to apply (a passive duty keeps its auxiliary: 'applications must be submitted')."""
    lowers = token_texts(ctx.sent.doc)[1]
    return lowers[verb.start] in _PAST_FORMS and not (verb.start > ctx.sent.start and lowers[verb.start - 1] in _PASSIVE)


def build(ctx: SentenceContext) -> list[Licensing]:
    """At most one licensing provision per sentence."""
    # 'apply' / 'submit' count when a licence or application follows within reach; pairing them here
    # keeps a wildcard out of the token Matcher, its slowest kind of pattern.
    if not ctx.spans("licensing") and not ctx.spans("licensing_verb"):
        return []  # no trigger: the sentence's tokens need not be read
    # 'the withdrawal of the lithium mining licence', 'enterprises which need any mineral or petroleum licences': a
    # licence to mine or drill is not one to export.
    other = {i for s in ctx.spans("non_export_licence") for i in range(s.start, s.end)}
    licence_at = [t.i for t in ctx.tokens if t.lemma_ in _LICENCE_LEMMAS and t.i not in other]
    lowers = token_texts(ctx.sent.doc)[1]
    # ('an export licence must be applied for': in the passive the licence comes first.)
    verbs = [v for v in ctx.spans("licensing_verb") if not _reported_act(ctx, v) and (
        any(0 < i - v.end + 1 <= _VERB_REACH for i in licence_at)
        or (v.start > ctx.sent.start and lowers[v.start - 1] in _PASSIVE
            and any(0 < v.start - i <= _PASSIVE_REACH for i in licence_at)))]
    # 'Unlike the earlier licensing requirement, ...', '与此前……实施出口许可管制不同': a licence the sentence sets its
    # measure against is the one before it, none to apply for now.
    unlike = ctx.spans("unlike_before")
    triggers = sorted((t for t in ctx.spans("licensing") + verbs if not any(u.start <= t.start and t.end <= u.end for u in unlike)
                       and other.isdisjoint(range(t.start, t.end))), key=lambda s: s.start)
    # A trigger that names the licence itself ('申请许可', attrs.licence) needs no separate licence word.
    names_licence = bool(licence_at) or any(ctx.attr(t, "licence") for t in triggers)
    if not triggers or ctx.not_in_force or not names_licence:
        return []
    penalty = ctx.spans("penalty")
    if penalty and all(t.start > penalty[0].start for t in triggers):
        return []  # '……处以罚锾，并得停止出口许可': a licence a violator loses is none to apply for
    # 'may be exported without applying for a licence' (免于申请许可) states an exemption, not a duty to apply.
    if any(t.start - e.end <= 3 and t.end > e.start for t in triggers for e in ctx.spans("exemption")):
        return []
    # 'a bulk licence, eliminating the need to apply for separate licences': the licence it spares, none to apply for.
    spared = ctx.spans("no_need")
    triggers = [t for t in triggers if not any(s.start <= t.start < s.end + _SPARED_REACH for s in spared)]
    if not triggers:
        return []
    doc = ctx.sent.doc
    authorities = [a for a in ctx.lex("authority")
                   if not (a.start > 0 and any(doc[i].lower_ in _THROUGH for i in range(max(ctx.sent.start, a.start - 2), a.start)))]
    addressed = [a for a in authorities if a.start > 0 and any(doc[i].lower_ in _TO for i in range(max(ctx.sent.start, a.start - 2), a.start))]
    authority = (addressed or authorities or [None])[0]
    applicants = ctx.lex("applicant")
    documents: list[str] = []
    for d in ctx.lex("licence_document"):
        names = str(ctx.attr_lex(d, "documents", d.kb_id_)).split(",")
        documents.extend(n for n in names if n not in documents)
    review_days = None
    for r in ctx.spans("review_period"):
        nums = [t for t in r if t.like_num]
        value = parse_number(nums[0].text) if nums else None
        if isinstance(value, int):
            review_days = value
    evidence = [triggers[0]] + ([authority] if authority is not None else [])
    start = min(s.start_char for s in evidence)
    end = max(s.end_char for s in evidence)
    if triggers[0].label_ == "licensing_verb":
        # The evidence of 'apply' runs to the licence it applies for.
        after = [i for i in licence_at if i >= triggers[0].end]
        if after:
            end = max(end, doc[after[0]].idx + len(doc[after[0]]))
    return [ctx.make(
        "licensing", start, end, triggers[0].id_,
        authority=authority.kb_id_ if authority is not None else None,
        applicant=clean_phrase(applicants[0].text).lower() if applicants else None,
        documents=documents, review_days=review_days,
    )]
