"""Destination builder: countries and country groups a control targets.

A country counts when a destination cue ('to', 'destined for',
'destinations in') stands just before it, or when it continues such a list
('D:5 and Macau'), and some policy or control language governs it. Origins
('Chinese-origin', 'made in China') are not destinations.
"""

from __future__ import annotations

from controlbrief.extract.context import SentenceContext, clause_end, inside_marks, token_texts
from controlbrief.extract.policy import clause_of, policy_for
from controlbrief.models import Destination

_SKIP = {"the", "a", "an", "all", "any", "certain", "other", "further", "country", "group", "groups"}
_LIST = {"and", "or", ",", "as", "well", "for", "to", "in"}  # 'D:5 and for Macau', 'D:1, D:4 or to D:5'
_AGENT_REACH = 8  # tokens from 'made by' to the persons it names as makers
_VERB_REACH = 24  # tokens from an export verb to its destination cue (a copula between ends the reach)
_COPULAS = {"is", "are", "was", "were", "be", "been"}
_INDEFINITE = {"a", "an"}
# A second preposition after the cue names the same place: 'exports to, or within China', 'to or in Macau'.
_ALSO_IN = ({"within", "in", "inside"}, {"or", "and"}, {","})


def build(ctx: SentenceContext) -> list[Destination]:
    """Destinations named in one sentence."""
    if ctx.not_in_force or ctx.has("reaction"):
        return []  # 'the EU is concerned about China's controls on ...' reports a reaction, not a destination
    if ctx.has("relaxation") and not ctx.spans("policy"):
        return []  # '中国持续放宽对美国的出口管制', 'eased controls on exports to Japan': controls loosened, none set
    doc = ctx.sent.doc
    # 'to' is a destination cue only after an export verb within reach ('exports of gallium ... to');
    # the pairing is done here, not by a wildcard pattern, which would slow the matcher down.
    verbs = [v.end for v in ctx.spans("export_verb")]
    lowers = token_texts(doc)[1]
    # A copula between them ends the export's noun phrase: 'the export ban is in opposition to U.S. ...'.
    # 'activities related to China', 'contrary to U.S. interests': a 'to' after such a word goes nowhere.
    not_to = {s.end - 1 for s in ctx.spans("not_destination_to")}
    to_cues = [c for c in ctx.spans("destination_to") if c.start not in not_to
               and any(0 <= c.start - v <= _VERB_REACH and _COPULAS.isdisjoint(lowers[v:c.start]) for v in verbs)]
    # 'equipment only made by a few companies in the Netherlands': the companies make the goods; they are not where
    # the goods go.
    makers = [m.end for m in ctx.spans("maker_agent")]
    cues = [c for c in ctx.spans("destination_cue") if not any(0 <= c.start - m <= _AGENT_REACH for m in makers)]
    # 'providing a national exemption to the United Kingdom and the United States from ... permit requirements': the
    # countries an exemption goes to are exempted, not controlled.
    exempted = {e.end for e in ctx.spans("exemption")}
    to_cues = [c for c in to_cues if c.start not in exempted]
    cue_ends = {c.end: c.id_ for c in to_cues + cues}
    # What a country can own: security and interests (a rationale's words: 中国国家安全和利益) or actors.
    possessed = {s.start for s in ctx.spans("country_possessed") + ctx.spans("rationale")}
    if ctx.doc.zh:
        possessed |= _company_after(ctx)
    # '..., the Netherlands said': a country right before a verb of saying speaks; it is not where exports go.
    speakers = {s.start for s in ctx.spans("speech_verb")}
    joiners = ctx.list_joiners
    past = _past_trade(ctx)
    out: list[Destination] = []
    seen: set[str] = set()
    previous_end = None
    pattern = ""
    for span in sorted(ctx.lex("country"), key=lambda s: s.start):
        i = span.start
        while i > ctx.sent.start and doc[i - 1].lower_ in _SKIP:
            i -= 1
        if i not in cue_ends:
            i = _after_second_preposition(lowers, i, ctx.sent.start, cue_ends)
        # 'subject to a U.S. arms embargo': after 'a', a country names what the next noun belongs to.
        targeted = i in cue_ends and _INDEFINITE.isdisjoint(lowers[i:span.start])
        if targeted:
            pattern = cue_ends[i]
        elif previous_end is not None:
            # 'Kazakhstan and the UAE': what stands before the country's own words ('the') is skipped as above;
            # '美国、日本和韩国': Chinese joins a list with the marks and words patterns label list_joiner.
            targeted = all(t in joiners or lowers[t] in _LIST for t in range(previous_end, i))
        # A country that owns what follows is no destination: 对中国国家安全造成损害 (harm to China's security),
        # 对中国组织和个人出口 (exports by China's organisations and individuals).
        # A country inside 《...》 is in the title of the notice the sentence names, not a destination of it.
        # (A country in what the measure is compared with or answers is that other measure's: SentenceContext.compared.)
        if not targeted or span.end in possessed or span.end in speakers or span.start in past \
                or span.start in ctx.compared or inside_marks(ctx, span, "《", "》"):
            previous_end = None
            continue
        previous_end = span.end
        policy = policy_for(ctx, span)
        if not ctx.spans("policy") and _carved_out(ctx, span):
            continue  # 'by removing the need to obtain a permit for supply ... to the UK and US': where it no longer applies
        if policy is None or span.kb_id_ in seen:
            continue
        seen.add(span.kb_id_)
        out.append(ctx.make("destination", span.start_char, span.end_char, pattern, country=span.kb_id_, policy=policy))
    if not out:
        out = _by_anaphor(ctx, {c.end for c in to_cues})
    return out


_PAST_BREAKS = {",", ";", "，", "；"}


def _past_trade(ctx: SentenceContext) -> set[int]:
    """Tokens of a clause that tells where goods used to go ('Exports of noble gases, which Russia used to supply to
    Japan and other countries, will be allowed only with permission'): from the past trade to the clause's end, where
    the country is a former buyer, not where the measure applies."""
    return {i for p in ctx.spans("past_trade") for i in range(p.end, clause_end(ctx, p.end, _PAST_BREAKS))}


_COMPANY_REACH = 6  # characters between a country and the company noun it qualifies ('荷兰芯片设备制造商')
_NAME_BREAKS = {"，", "。", "；", "、", ",", ";", "的", "出", "向", "对", "和", "与", "及"}


def _company_after(ctx: SentenceContext) -> set[int]:
    """Where a company or a government a Chinese country name qualifies begins: '对荷兰芯片设备制造商阿斯麦的光刻机的出口
    限制', '针对荷兰政府……的决定', '限制荷蘭光刻機巨頭……出口' name the Netherlands' maker and government, not a
    destination."""
    texts = token_texts(ctx.sent.doc)[0]
    found: set[int] = set()
    for country in ctx.lex("country"):
        for noun in ctx.spans("company_noun"):
            gap = range(country.end, noun.start)
            if 0 <= noun.start - country.end <= _COMPANY_REACH and _NAME_BREAKS.isdisjoint(texts[i] for i in gap):
                found.add(country.end)
    return found


def _carved_out(ctx: SentenceContext, span) -> bool:
    """Whether a carve-out stands before the country in its clause (and no policy is stated)."""
    lo, _ = clause_of(span, ctx.sent)
    return any(lo <= e.start < span.start and ctx.attr(e, "exemption_type") == "carve_out" for e in ctx.spans("exemption"))


_ANTECEDENT_REACH = 2  # sentences back to the one that named the countries 'these countries' stands for
_CONTROL_PREPOSITIONS = {"on", "to", "against", "toward", "towards", "into"}  # 'controls on Russia', 'exports to ...'
_RUN_GLUE = {"and", "or", ",", "&", "the"}


def _governed_countries(ctx: SentenceContext) -> list[str]:
    """The last list of countries in a sentence that a preposition of control governs ('... an arms deal between
    North Korea and Russia by tightening export controls on Russia and Belarus': Russia and Belarus)."""
    lowers = token_texts(ctx.sent.doc)[1]
    runs: list[list] = []
    for c in sorted(ctx.lex("country"), key=lambda c: c.start):
        if runs and all(w in _RUN_GLUE for w in lowers[runs[-1][-1].end:c.start]):
            runs[-1].append(c)
        else:
            runs.append([c])
    for run in reversed(runs):
        i = run[0].start - 1
        while i > ctx.sent.start and lowers[i] == "the":
            i -= 1
        if i >= ctx.sent.start and lowers[i] in _CONTROL_PREPOSITIONS:
            return list(dict.fromkeys(c.kb_id_ for c in run))
    return []


def _by_anaphor(ctx: SentenceContext, cue_ends: set[int]) -> list[Destination]:
    """'... tightening export controls on Russia and Belarus. Seoul added 682 items to the list of items banned from
    shipping to these countries.': the countries a control on or export to names in the nearest sentence before are
    where the goods go."""
    for anaphor in ctx.spans("destination_anaphor"):
        if anaphor.start not in cue_ends:
            continue
        policy = policy_for(ctx, anaphor)
        if policy is None:
            return []
        for prev in ctx.before(_ANTECEDENT_REACH):
            countries = _governed_countries(prev)
            if countries:
                return [ctx.make("destination", anaphor.start_char, anaphor.end_char, anaphor.id_, country=c, policy=policy)
                        for c in countries]
    return []


def _after_second_preposition(lowers: list[str], i: int, start: int, cue_ends: dict[int, str]) -> int:
    """Where the cue ends when a second preposition joins it to the country ('to, or within China'); else i."""
    j = i
    for words in _ALSO_IN:
        if j > start and lowers[j - 1] in words:
            j -= 1
        elif words is _ALSO_IN[0]:
            return i  # no second preposition
    return j if j != i and j in cue_ends else i
