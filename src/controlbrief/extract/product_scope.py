"""Product scope builder: items and codes of a sentence under control language.

Elements in a compound or alloy ('samarium-cobalt', 'indium antimonide') name
only the member that the document controls on its own (an anchor); the
partner is not an item. Items after a negation ('except', 'shall not apply
to') are carve-outs, not scope.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from controlbrief.extract.context import (
    SentenceContext, doc_text, labelled_date, open_bracket, token_table, token_texts,
)
from controlbrief.extract.description import description
from controlbrief.extract.goods_roles import (
    INSTRUMENTS, after_carrier, carried, in_instrument_name, in_market_role, in_named_title, is_equipment,
    named_instrument, served_by_equipment, serves_equipment, use_starts,
)
from controlbrief.extract.technology import is_technology
from controlbrief.models import ProductScope
from controlbrief.nlp import spans_of

_JOINERS = {"-", "/", "–", "‑"}
_OPENERS = {"(", "（", "["}
# Words after an everyday-word element ("lead", "tin", "gold") that show it is the element.
_CHEM_HEADS = {
    "metal", "metals", "alloy", "alloys", "ore", "ores", "oxide", "oxides", "compound", "compounds", "powder",
    "concentrate", "concentrates", "ingot", "ingots", "products", "smelting", "separation", "items", "target",
    "targets", "scrap", "materials", "-", "/", "–",
    # Chinese: the character after it ('锡矿', '铜精矿', '铝合金', '银粉'; not '银行', '硅谷').
    "矿", "礦", "精", "粉", "锭", "錠", "靶", "合", "金", "材", "片",
}


def _accept_element(span: Span, starts: set[int], ends: set[int]) -> bool:
    """Whether an element mention counts; `starts` and `ends` are where the element mentions around it start and end."""
    if span.id_ == "exact":
        # A symbol counts in '(Ho)' or joined to another element ('Sm-Co', 'Sm-cobalt'), never as a bare word
        # nor joined to a plain one ('Li-ion battery').
        texts = token_texts(span.doc)[0]
        before = texts[span.start - 1] if span.start > 0 else None
        after = texts[span.end] if span.end < len(texts) else None
        paren = before == "(" and after == ")"
        joined = (before in _JOINERS and span.start - 1 in ends) or (after in _JOINERS and span.end + 1 in starts)
        return paren or joined
    return True


def _accepted(mentions: list[Span]) -> list[Span]:
    if not any(s.id_ == "exact" for s in mentions):
        return mentions  # only names: nothing to check (symbols are the rare case)
    starts, ends = {s.start for s in mentions}, {s.end for s in mentions}
    return [s for s in mentions if _accept_element(s, starts, ends)]


def _groups(elements: list[Span], joiners: set[int]) -> list[list[Span]]:
    """Runs of element mentions that form one compound or alloy name. `joiners` are the positions of words that
    join two element names into a compound (patterns label them compound_joiner: '化' of '锑化铟')."""
    groups: list[list[Span]] = []
    for sp in elements:
        if groups:
            prev = groups[-1][-1]
            texts = token_texts(sp.doc)[0]
            # At most one token between them, a joiner ('samarium-cobalt', '锑化铟'); none: 'indium antimonide'.
            if sp.start <= prev.end or (sp.start == prev.end + 1 and (texts[prev.end] in _JOINERS or prev.end in joiners)):
                groups[-1].append(sp)
                continue
        groups.append([sp])
    return groups


def _joiners(spans: list[Span]) -> set[int]:
    """Positions of the joining word inside compound_joiner spans ('化' of '锑化铟': the span is element, joiner,
    element, so that the pattern fires only between two element names)."""
    return {s.start + 1 for s in spans if len(s) == 3}


def document_anchors(doc: Doc, lexicon_key: str, rules_key: str) -> set[str]:
    """Elements mentioned on their own (not inside a compound) anywhere in the document."""
    elements = _accepted([s for s in spans_of(doc, lexicon_key) if s.label_ in {"element", "element_anion"}])
    # Labels compared as hashes, in one pass: Span.label_ looks its string up on every access.
    strings = doc.vocab.strings
    joiner, carrier = strings.add("compound_joiner"), strings.add("carrier")
    rules = [s for s in spans_of(doc, rules_key) if s.label in (joiner, carrier)]
    joiners = _joiners([s for s in rules if s.label == joiner])
    # What a good is diluted in ('antimony hydride diluted in inert gas or hydrogen') is not named as controlled.
    carriers = [s for s in rules if s.label == carrier]
    anchors: set[str] = set()
    for group in _groups(elements, joiners):
        if len(group) == 1 and group[0].label_ == "element" and not (carriers and after_carrier(carriers, group[0])):
            anchors.add(group[0].kb_id_)
    return anchors


_OBJECT_OF = {"of", "on", "for"}


def _common_word_ok(ctx: SentenceContext, span: Span, in_group: bool) -> bool:
    # Only a one-token form is also a common word ('silver', 银 of 银行); 白银 names the metal alone.
    if len(span) > 1 or not ctx.attr_lex(span, "common_word"):
        return True
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if in_group or (after is not None and after.lower_ in _CHEM_HEADS):
        return True
    # What an export or a control is of ('exports of silver', 'an export licence for silver', 'silver exports'): the metal.
    exports = ctx.spans("export_verb")
    before = span.start - 1
    return any(e.start == span.end for e in exports) or (
        before > ctx.sent.start and doc[before].lower_ in _OBJECT_OF
        and any(c.end == before for c in exports + ctx.spans("scope_trigger")))


def _hyphened_use(ctx: SentenceContext, goods: Span) -> bool:
    """'chip-making metals gallium and germanium': goods joined by a hyphen to a process ('-making',
    '-manufacturing') say what the items serve, they are not items themselves."""
    t = token_table(goods.doc)
    return goods.end < ctx.sent.end and t.text[goods.end] == "-" and any(
        p.start == goods.end + 1 for p in ctx.spans("process_noun"))


_LIST_GLUE = {",", "and", "or", "&"}


def _listed(ctx: SentenceContext, mentions: list[Span]) -> set[int]:
    """Starts of the element mentions in a list with another ('钨、锑、银三类金属', 'copper, aluminum, and lead scrap'):
    there a common word (银, also 'bank'; 'copper') is the element. Chinese lists are joined by the marks and words
    patterns label list_joiner, English ones by commas and conjunctions."""
    if len(mentions) < 2:
        return set()
    joiners = ctx.list_joiners
    lowers = token_texts(ctx.sent.doc)[1]
    out: set[int] = set()
    for a, b in zip(mentions, mentions[1:]):
        if a.end < b.start and all(t in joiners or lowers[t] in _LIST_GLUE for t in range(a.end, b.start)):
            out.update((a.start, b.start))
    return out


def _element_items(ctx: SentenceContext) -> list[tuple[str, Span]]:
    mentions = _accepted(ctx.lex("element") + ctx.lex("element_anion"))
    mentions.sort(key=lambda s: s.start)
    listed = _listed(ctx, mentions)
    found: list[tuple[str, Span]] = []
    groups = _groups(mentions, _joiners(ctx.spans("compound_joiner")))
    # 'NdFeB permanent magnet material containing terbium', '含铽的钕铁硼永磁材料': with a controlled element
    # named on its own, a compound none of whose members is controlled is the material it sits in.
    # (What a good is diluted in is named on its own too, and controls nothing: carried.)
    host = None  # worked out only for a compound that has no controlled member (rare)
    for group in groups:
        if len(group) == 1:
            sp = group[0]
            if sp.label_ == "element" and _common_word_ok(ctx, sp, sp.start in listed):
                found.append((sp.kb_id_, sp))
            continue
        controlled = [sp for sp in group if sp.kb_id_ in ctx.doc.anchors]
        if not controlled and host is None:
            host = any(len(g) == 1 and g[0].label_ == "element" and g[0].kb_id_ in ctx.doc.anchors
                       and not carried(ctx, g[0]) for g in groups)
        if not controlled and not host:
            first = group[0]
            controlled = [first] if first.label_ == "element" else []
        found.extend((sp.kb_id_, sp) for sp in controlled if _common_word_ok(ctx, sp, True))
    return found


def _element_form(ctx: SentenceContext, goods: Span) -> bool:
    """True for a product form of an element just named ('terbium sputtering targets')."""
    if not ctx.attr_lex(goods, "element_form"):
        return False
    doc = goods.doc
    for el in ctx.lex("element"):
        between = doc[el.end:goods.start]
        if el.end <= goods.start and len(between) <= 3 and not any(t.text in {",", ";", "and", "or"} for t in between):
            return True
    return False


_SHORT_LEAD = 8  # words of a lead-in that only goes on from the sentence before it ('The new entries cover the following:')


def _in_scope(ctx: SentenceContext) -> tuple[bool, str | None]:
    own = ctx.first_of("scope_trigger")
    if own is not None:
        return True, own.id_
    if ctx.spans("end_use") and ctx.spans("policy"):
        # 'Applications ... for the R&D of chips will be reviewed case by case' sets an end-use
        # policy; the goods it names are what the end use concerns, not a new scope.
        return False, None
    trigger = ctx.first_of("scope_trigger", inherit=True)
    if trigger is not None:
        if any(ctx.attr(e, "exemption_type") == "carve_out" for e in ctx.spans("exemption")):
            return False, None  # '• a licence-free environment, where permit requirements are waived for ...' under a
            # lead-in about controls: the goods the item names are carved out, not controlled
        return True, trigger.id_
    policy = ctx.first_of("policy", inherit=True)
    # A policy phrase is control language, unless the sentence sets the policy for an end use.
    if policy is not None and not ctx.spans("end_use"):
        return True, policy.id_
    code = ctx.first_of("code")
    if code is None:
        # Under a heading that is only a control number ('ECCN 3A090' / 'Integrated circuits as follows.'),
        # the lines describe what that number controls.
        heading = next((lead for lead in ctx.leads() if lead.code_heading), None)
        if heading is not None and any(c.start - ctx.sent.start <= 3 for c in ctx.spans("condition_opening")):
            return False, None  # 'b. If the die is packaged ..., then ...' sets a condition; it names no goods
        code = heading.spans("code")[0] if heading is not None else None
    if code is not None:
        return True, code.id_
    lead = ctx.lead
    if lead is not None and lead.ends_with_colon and lead.words <= _SHORT_LEAD and lead.prev is not None \
            and not lead.prev.not_in_force and (trigger := lead.prev.first_of("scope_trigger")) is not None:
        # '... three new entries to Schedule 3, which controls certain dual-use goods. The new entries cover the
        # following:': a short lead-in goes on from the control the sentence before it states (not from one it says
        # was suspended: 'This suspended clause originally banned ... Now:').
        return True, trigger.id_
    return False, None


_PROCESS_REACH = 4  # tokens from a process noun to the technology it names ('manufacturing or recycling technology')


def _excludes(ctx: SentenceContext) -> bool:
    """Whether the sentence says what is not controlled, with no control language of its own before that."""
    exclusion = ctx.first_of("exclusion")
    if exclusion is None:
        return False
    return not any(t.start < exclusion.start for t in ctx.spans("scope_trigger"))


def _in_forms_of_element(ctx: SentenceContext, span: Span) -> bool:
    """'Gallium nitride (including but not limited to forms such as chips, powders ...)': goods in brackets that
    open right after an element or compound name are the forms it comes in, not goods controlled of their own."""
    text = doc_text(span.doc)
    at = open_bracket(text, ctx.sent.start_char, span.start_char)  # the bracket the span sits in
    return at is not None and any(el.end_char <= at and not text[el.end_char:at].strip()
                                  for el in ctx.lex("element") + ctx.lex("element_anion"))


_CLAUSE_STOPS = re.compile(r"[;；。]")


def _listed_form(ctx: SentenceContext, span: Span) -> bool:
    """'包括但不限于锭、片、靶材、粉末等形态', 'in forms such as ingots and targets': goods listed as the forms an item
    comes in. A list opened by 'including but not limited to' is one of forms only when it closes on 'forms'."""
    openings = ctx.spans("forms_open")
    if not openings:
        return False
    text = doc_text(span.doc)

    def unbroken(a: int, b: int) -> bool:
        return _CLAUSE_STOPS.search(text, a, b) is None

    for opening in openings:
        if opening.end > span.start or not unbroken(opening.end_char, span.start_char):
            continue
        if ctx.attr(opening, "names_forms"):
            return True
        if any(c.start >= span.end and unbroken(span.end_char, c.start_char) for c in ctx.spans("forms_close")):
            return True
    return False


_GOODS_REACH = 8  # tokens from a modified element to the goods it describes


def _describes_goods(ctx: SentenceContext, span: Span, goods: list[Span]) -> bool:
    """'lithium-rich manganese-based cathode material', '富锂锰基正极材料': an element with a composition word beside
    it describes the goods that follow; the goods are the item."""
    # The modifier beside the element ('-based' after it) or a span that holds both ('锰基', '富锂').
    if not any(m.start == span.end or m.end == span.start or (m.start <= span.start and span.end <= m.end)
               for m in ctx.spans("element_modifier")):
        return False
    texts = token_texts(span.doc)[0]
    return any(span.end <= g.start <= span.end + _GOODS_REACH
               and not any(texts[i] in {",", ";", "，", "；", "、"} for i in range(span.end, g.start)) for g in goods)


def _names(ctx: SentenceContext) -> set[str]:
    return {s.kb_id_ for s in ctx.lex("goods") + ctx.lex("element")}


def _characteristic(ctx: SentenceContext) -> bool:
    """'2. Average diamond particle size 8 μm or less;' under 'Diamond saw wires having ... characteristics:'.

    A list item that measures something, names no code and no goods its lead-in
    did not already name, qualifies the lead-in's item; it adds nothing to the scope.
    """
    if not ctx.is_item or ctx.lead is None or not ctx.spans("threshold") or ctx.spans("code"):
        return False
    lead_names, lead_text = _names(ctx.lead), ctx.lead.text.lower()
    # 'Diamond' of 'diamond tooth hardness' is named inside the lead's 'diamond grinding wheels'.
    return all(s.kb_id_ in lead_names or s.text.lower() in lead_text for s in ctx.lex("goods") + ctx.lex("element"))


_CUTS = ("negation", "exclusion")
def build(ctx: SentenceContext) -> list[ProductScope]:
    """The product scope stated in one sentence, if it is under control language."""
    if ctx.not_in_force:
        return []  # suspended or only contemplated controls are not in force
    if ctx.market_words and not ctx.controls():
        # 'China controls more than 90% of the global supply of graphite': a market share, not a control; '负责两用物项
        # 出口管制工作', 'the export control system': the work of controlling, not a control.
        return []
    if _excludes(ctx) or _characteristic(ctx):
        return []  # an exemption ('... does not control cultured diamonds') or a property of the item above
    in_scope, pattern = _in_scope(ctx)
    if not in_scope or pattern is None:
        return []
    # Items after a negation, or after an exclusion that control language before it governs ('The ban ... does not
    # apply to the export of lithium concentrates'), are not in scope; nor are those of a comparison (SentenceContext.compared).
    cut = min((n.start for label in _CUTS for n in ctx.spans(label)), default=None)
    compared = ctx.compared | ctx.imported
    evidence: list[Span] = []
    items: list[str] = []
    # 'metals produced using ... magnet manufacturing or recycling technology': goods naming the process a
    # technology serves are items of a technology scope, not of goods made with that technology.
    technology: bool | None = None  # worked out here only when it decides something, else once there is evidence
    processes: set[int] = set()
    techs = [t.start for t in ctx.technology]
    if techs and ctx.spans("process_noun"):
        technology = is_technology(ctx)
        if not technology:
            processes = {p.start for p in ctx.spans("process_noun") if any(0 < t - p.end <= _PROCESS_REACH for t in techs)}
    # 'items destined for a supercomputer ... end use': goods inside an end use are the use, not items.
    in_use = {i for u in ctx.spans("end_use") for i in range(u.start, u.end)}
    served = served_by_equipment(ctx)
    role_end = in_market_role(ctx)
    # 'China's chip sector', 'US chip sanctions', 'rare earth companies': goods that qualify a noun for no item.
    qualifying = {s.start for s in ctx.spans("non_item_head")}
    goods = [g for g in ctx.lex("goods")
             if g.start >= role_end and g.start not in in_use and not serves_equipment(g, served) and not in_instrument_name(ctx, g)
             and not _element_form(ctx, g) and not _in_forms_of_element(ctx, g)
             and not _listed_form(ctx, g) and g.end not in processes and not _hyphened_use(ctx, g) and g.end not in qualifying]
    # 'gallium and germanium, metals used in producing semiconductors': goods named as what the items are used for
    # are no items, where the sentence names items of its own ('a. extractants used in rare earth separation' keeps
    # rare earth, its only named goods, and the line as its description).
    uses = use_starts(ctx)
    # ('bauxite, the main source of aluminium': an element named as what the items yield is no item either.)
    uses = uses if uses and any(g.start not in uses for g in goods + ctx.lex("element")) else set()
    goods = [g for g in goods if g.start not in uses]
    # A bracketed short form goes with the goods it abbreviates ('integrated circuits (ICs)').
    dropped = {g.end for g in ctx.lex("goods")} - {g.end for g in goods}
    if dropped:
        texts = token_texts(ctx.sent.doc)[0]
        goods = [g for g in goods if not (g.start >= 1 and texts[g.start - 1] in _OPENERS and g.start - 1 in dropped)]
    # An element inside a goods name ('lithium-ion battery') is part of that name.
    goods_tokens = {i for g in ctx.lex("goods") for i in range(g.start, g.end)}
    elements = [(n, sp) for n, sp in _element_items(ctx)
                if sp.start >= role_end and goods_tokens.isdisjoint(range(sp.start, sp.end)) and not serves_equipment(sp, served)
                and not _describes_goods(ctx, sp, goods) and not named_instrument(sp, INSTRUMENTS) and not in_named_title(ctx, sp)
                and sp.end not in qualifying and sp.start not in uses]
    for name, sp in elements + [(g.kb_id_, g) for g in goods]:
        if (cut is not None and sp.start > cut) or carried(ctx, sp) or sp.start in compared:
            continue
        evidence.append(sp)
        if name not in items:
            items.append(name)
    # 'equipment used in chip manufacturing', 'machines that make advanced chips', '用于制造芯片的设备': goods that
    # equipment serves name the equipment their lexicon entry gives ('integrated circuit': semiconductor
    # manufacturing equipment), when the sentence names no other item.
    if not evidence:
        for g in ctx.lex("goods"):
            kind = ctx.attr_lex(g, "equipment")
            if kind and serves_equipment(g, served) and (cut is None or g.start <= cut) and not carried(ctx, g):
                evidence.append(g)
                if kind not in items:
                    items.append(str(kind))
    codes: list[str] = []
    dated = {d.start for d in ctx.spans("date") if ctx.attr(d, "labelled_only") and labelled_date(ctx, d)}
    for sp in ctx.listed_codes:
        if (cut is not None and sp.start > cut) or sp.start in dated:
            continue  # past the cut, or '【发文日期】20251009', a date where a customs code could stand
        code = ctx.code(sp)
        if code is None:
            continue
        evidence.append(sp)
        if code not in codes:
            codes.append(code)
    if not evidence and ctx.is_item:
        # 'b. rare earth metal smelting furnaces ...' under 'The following rare earth production equipment ...:':
        # a list entry naming equipment by what it serves is one of the equipment its lead-in names.
        kinds = [g for g in ctx.lex("goods") + ctx.lex("element") if serves_equipment(g, served)]
        named = list(dict.fromkeys(g.kb_id_ for lead in ctx.leads() for g in lead.lex("goods") if is_equipment(g.kb_id_)))
        if kinds and named:
            start, end = min(g.start_char for g in kinds), max(g.end_char for g in kinds)
            return [ctx.make("product_scope", start, end, pattern, items=named, codes=[], technology=False,
                             description=description(ctx))]
    if not evidence:
        return []
    start = min(s.start_char for s in evidence)
    end = max(s.end_char for s in evidence)
    # An item named by equipment its goods serve has no span of its own: it sorts at its goods.
    named_at = {n: min((s.start for s in evidence if s.kb_id_ == n or ctx.attr_lex(s, "equipment") == n), default=0)
                for n in items}
    items_sorted = sorted(items, key=named_at.__getitem__)
    if technology is None:
        technology = is_technology(ctx)
    return [ctx.make("product_scope", start, end, pattern, items=items_sorted, codes=codes, technology=technology,
                     description=description(ctx))]
