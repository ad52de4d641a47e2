"""Whether a product scope is technology: a technology word heads what the control language governs, before any
word for goods ('export controls on rare earth related technologies'), not beside goods it serves or inside a name."""

from __future__ import annotations

from spacy.tokens import Span

from controlbrief.extract.context import SentenceContext, is_prose, token_texts

_GOODS_FORMS = {
    "metal", "metals", "alloy", "alloys", "oxide", "oxides", "compound", "compounds", "powder", "ingot",
    "ingots", "target", "targets", "materials", "material", "products", "equipment", "ore", "ores",
    "magnets", "chips", "batteries", "substrates", "crystals", "wafers", "goods", "devices", "items",
}


def _technology_first(ctx: SentenceContext) -> bool | None:
    """Whether a technology word heads the scope: it comes before any word for goods."""
    # What the control language governs follows it: 'Items' in an earlier title ('... Export Control of
    # Dual-Use Items, ... decided to implement export controls on rare earth related technologies') is not the scope.
    texts, lowers = token_texts(ctx.sent.doc)
    # ('critical technology metals': a technology word before a word for goods qualifies the goods.)
    tech = [t for t in ctx.technology if not _in_proper_name(ctx, t)
            and not (t.end < ctx.sent.end and lowers[t.end] in _GOODS_FORMS)]
    first_tech = tech[0].start if tech else ctx.sent.end
    # A trigger that names its items before it ('Items listed in Annex 1', names_before) sets no floor.
    floor = max((t.end for t in ctx.spans("scope_trigger") if t.end <= first_tech and not ctx.attr(t, "names_before")),
                default=ctx.sent.start)
    tech_starts = {t.start for t in tech}
    goods = [i for i in range(floor, ctx.sent.end) if lowers[i] in _GOODS_FORMS and not _modifies(lowers, i, tech_starts)]
    # A named good that ends its phrase ('人造石墨负极材料、', '锂离子电池（包含电芯）；') is an item of its own; one
    # that runs on into more words ('稀土开采……技术', 'rare earth mining technology') says what a technology is for.
    # ('quantum technologies' names goods by their technology: it is technology, not goods.)
    tech_ends = {t.end for t in tech}
    named = [s.start for s in ctx.spans("goods_head") + ctx.lex("goods") + ctx.lex("element")
             if s.start >= floor and (s.end >= ctx.sent.end or texts[s.end] in _PHRASE_ENDS) and s.end not in tech_ends]
    if named:
        goods = sorted(goods + named)
    if tech and _names_goods_after(ctx, tech[-1].end):
        return False
    # 'to thwart China's development of advanced computing technologies, BIS broadens the export licensing
    # requirements for certain ... integrated circuits': technology named before the control language, goods after it.
    # Not where control language already governs the technology ('adding export-licensing requirements for battery
    # technologies ... and revising controls on gallium extraction methods'), nor where the control language runs on
    # from the technology word ('Battery Technology Export Restrictions – Cathode, Lithium, Gallium', a headline).
    # (A technology joined to goods, '稀有金属产品及其技术实施出口管制', is governed with them as goods are.)
    joined = bool(tech) and not _COORDINATORS.isdisjoint(lowers[max(ctx.sent.start, tech[-1].start - 2):tech[-1].start])
    later = [t.end for t in ctx.spans("scope_trigger")
             if tech and (t.start > tech[-1].end or (joined and t.start == tech[-1].end)) and not ctx.attr(t, "names_before")]
    if later and floor == ctx.sent.start and any(g.start >= later[0] for g in ctx.lex("goods") + ctx.lex("element")):
        return False
    if tech:
        return not goods or tech[0].start < goods[0]
    return False if goods else None


_PHRASE_ENDS = {"、", "，", ",", "；", ";", "（", "(", "。", ".", ":", "："}


_COORDINATORS = {"及", "其", "和", "与", "以", "and", "or", "its", "their", "related"}
_MODIFIER_REACH = 3  # words between a goods word and the technology word whose compound it opens
_NOT_IN_COMPOUND = {"and", "or", "for", "of", "with", "to", "in", "by", "such", "as", "including", "and/or", "from", "on"}


def _modifies(lowers: list[str], i: int, tech_starts: set[int]) -> bool:
    """Whether the goods word at i opens a compound whose head is a technology word: 'battery cathode material
    preparation technology', 'magnet production technologies' name technology for the goods, not goods."""
    for j in range(i + 1, min(len(lowers), i + _MODIFIER_REACH + 2)):
        if j in tech_starts:
            return True
        if not lowers[j].isalpha() or lowers[j] in _NOT_IN_COMPOUND or lowers[j] in _GOODS_FORMS:
            return False
    return False


_ATTRIBUTIVE = "的"  # Chinese puts what a phrase names after its modifiers, joined by 的


_CLAUSE_MARKS = {",", "，", ";", "；", "。", ":", "："}


_HEAD_REACH = 10  # tokens from 的 to the noun it attaches to


def _names_goods_after(ctx: SentenceContext, tech_end: int) -> bool:
    """'使用……相关技术在境外生产的本公告附件1所列物项': the technology modifies goods named after it (goods made
    with it), so the scope is those goods."""
    texts = token_texts(ctx.sent.doc)[0]
    heads = [h.start for h in ctx.spans("goods_head") + ctx.lex("goods") + ctx.lex("element") if h.start >= tech_end]
    for h in heads:
        for i in range(h - 1, max(tech_end, h - _HEAD_REACH) - 1, -1):
            if texts[i] in _CLAUSE_MARKS:
                break
            if texts[i] == _ATTRIBUTIVE:
                return True
    return False


def _in_proper_name(ctx: SentenceContext, span: Span) -> bool:
    """'the State Administration for Science, Technology, and Industry for National Defence': in prose, a
    capitalized word next to capitalized words is part of a name (a title in capitals is not prose)."""
    texts = token_texts(span.doc)[0]
    if span.start == ctx.sent.start or not texts[span.start][:1].isupper() or not is_prose(ctx.text):
        return False
    return any(w is not None and w[:1].isupper() for w in (_word_beside(ctx, texts, span.start - 1, -1),
                                                            _word_beside(ctx, texts, span.end, 1)))


_NAME_GLUE = {"and", "for", "of", "the", "&"}


def _word_beside(ctx: SentenceContext, texts: list[str], i: int, step: int) -> str | None:
    """The nearest word from token i on (in direction step), past punctuation and the glue inside names."""
    while ctx.sent.start <= i < ctx.sent.end:
        word = texts[i]
        if word[:1].isalpha() and word.lower() not in _NAME_GLUE:
            return word
        if word[:1].isalnum():
            return None  # a number or a code ('3E901.a. Technology used to ...') is no part of a name
        i += step
    return None


def is_technology(ctx: SentenceContext) -> bool:
    """Whether the scope of a sentence is technology: a technology word heads what its control language governs,
    or a bare list item stands under a lead-in that names technologies."""
    own = _technology_first(ctx)
    if own is not None or ctx.lex("goods"):
        return bool(own)
    # A bare list item under 'the following technologies:' is technology.
    return any(_technology_first(lead) for lead in ctx.leads())
