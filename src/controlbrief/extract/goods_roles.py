"""Goods a sentence names in another role than an item: in the name of a law, rule or licence, as what
equipment makes or serves, as where the items are used, or as what carries them ('diluted in')."""

from __future__ import annotations

from spacy.tokens import Span

from controlbrief.extract.context import SentenceContext, clause_end, doc_text, inside_marks, token_table, token_texts

# Title-case words that close the name of a legal instrument ('Regulations on ... Dual-Use Items').
INSTRUMENTS = {"law", "laws", "regulation", "regulations", "measures", "act", "rules", "catalogue", "list", "announcement", "decision", "provisions"}


# A rule named by what it controls ('the SME Rule', 'the Advanced Computing IFR'): read after the goods only, since a
# headline names a rule before its goods ('BIS Issues Rule Restricting Advanced Chips').
_RULE_NAMES = {"rule", "ifr", "rulemaking"}


_CLOSES = {"“": "”", '"': '"', "「": "」"}  # the opening marks of patterns' declare_cue, and what closes each


_LICENCE_WORDS = {"licence", "license", "licences", "licenses", "permit", "authorisation", "authorization"}


def named_instrument(span: Span, words: set[str]) -> bool:
    """'Article 49 of the Dual-Use Items Export Control Regulations', 'the SME Rule': goods or an element named with
    'the' in capitals, an instrument word following, name that instrument ('China Tightens Rare Earth Export Control
    Measures', a headline, names no title)."""
    doc = span.doc
    if span.start == 0 or doc[span.start - 1].lower_ != "the" or not span[0].text[:1].isupper():
        return False
    for i in range(span.end, min(len(doc), span.end + 4)):
        if doc[i].lower_ in words or doc[i].lower_ in _RULE_NAMES:
            return doc[i].text[:1].isupper()
        if not doc[i].text[:1].isupper():
            break
    return False


def in_instrument_name(ctx: SentenceContext, span: Span) -> bool:
    """True for goods named inside a legal instrument's title or a licence's name, or in words to be written on a
    form ('在报关单备注栏中注明“属于两用物项”')."""
    doc = span.doc
    for cue in ctx.spans("declare_cue"):
        # Form text runs from the cue's opening mark to the mark that closes it: goods after that are items again.
        if cue.end <= span.start and _CLOSES[cue.text[-1]] not in doc_text(doc)[cue.end_char:span.start_char]:
            return True
    if inside_marks(ctx, span, "《", "》"):
        return True  # inside 《...》, the marks of a title in Chinese
    if in_named_title(ctx, span):
        return True
    if inside_marks(ctx, span, "「", "」"):
        # 「...」 quotes a title in Taiwan and Hong Kong (「兩用物項出口管制條例」), and a term too (「相關物項」):
        # a title when what it quotes ends in a law, regulation, list or catalogue (patterns name those ends).
        close = doc_text(doc).find("」", span.end_char)
        if any(end.end_char == close + 1 for end in ctx.spans("quoted_instrument_end")):
            return True
    if any(name.start == span.end for name in ctx.spans("licence_name")):
        return True  # '两用物项出口许可': the name of a licence (patterns label such names licence_name)
    if any(name.start == span.end for name in ctx.spans("instrument_end")):
        return True  # '两用物项出口管制条例' without its 《》: the name of a regulation
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and (after.lower_ in _LICENCE_WORDS or (after.lower_ == "export" and span.end + 1 < len(doc) and doc[span.end + 1].lower_ in _LICENCE_WORDS)):
        return True
    if not span[0].text[:1].isupper():
        return False
    if named_instrument(span, INSTRUMENTS):
        return True
    i = span.start - 1
    while i >= 0 and (doc[i].text[:1].isupper() or doc[i].lower_ in {"of", "on", "the", "and", "for", "-", "'s", "’s", "concerning", "governing"}):
        if doc[i].lower_ in INSTRUMENTS:
            return True
        i -= 1
    return False




_TITLED = {"titled", "entitled", "named", "called"}
_QUOTES = {'"': '"', "“": "”"}


def in_named_title(ctx: SentenceContext, span: Span) -> bool:
    """Goods inside the quoted title of another instrument ('BIS's December 2, 2024, IFR, titled "Foreign-Produced
    Direct Product Rule Additions, and Refinements to Controls for Advanced Computing ... Items"'): the title's
    words name what that rule was about, not items of this one."""
    before = doc_text(span.doc)[ctx.sent.start_char:span.start_char]
    if '"' not in before and "“" not in before and "”" not in before:
        return False  # no quote before the goods (most sentences): no walk back over the tokens
    texts, lowers = token_texts(span.doc)
    for i in range(span.start - 1, ctx.sent.start, -1):
        if texts[i] in _QUOTES or texts[i] in _QUOTES.values():
            # The nearest quote mark before the goods must open the title, right after 'titled' (a comma between).
            j = i - 1
            while j > ctx.sent.start and texts[j] == ",":
                j -= 1
            return lowers[j] in _TITLED and _QUOTES.get(texts[i], "") not in texts[i + 1:span.start]
    return False


_USE_BREAKS = {"and", "or", "but", "as", "such", "other"}


_USE_REACH = 3  # words that may qualify the goods after a use ('a vital material for electric vehicle motor magnets')


_USE_JOINERS = {"or", "and"}  # 'designed for drones or airships': both are what the engines serve
_CLAUSE_MARKS = {",", "，", ";", "；", "。", "."}


def use_starts(ctx: SentenceContext) -> set[int]:
    """Where goods named as what items serve may start: right after 'used in', 'a component of', 'found in', or
    after up to two qualifying words (no comma or conjunction between), and goods joined to those by 'or' or
    'and'. A use whose pattern names an `until` word runs up to it ('专门用于无人机或飞艇的发动机': all before 的)."""
    lowers = token_texts(ctx.sent.doc)[1]
    starts: set[int] = set()
    for use in ctx.spans("goods_use"):
        until = ctx.attr(use, "until")
        if until:
            starts.update(range(use.end, clause_end(ctx, use.end, _CLAUSE_MARKS | {until})))
            continue
        for i in range(use.end, min(use.end + _USE_REACH, ctx.sent.end) + 1):
            starts.add(i)
            if i >= ctx.sent.end or not lowers[i].isalpha() or lowers[i] in _USE_BREAKS:
                break
    if starts:
        named = sorted(ctx.lex("goods") + ctx.lex("element"), key=lambda g: g.start)
        for g, nxt in zip(named, named[1:]):
            if g.start in starts and nxt.start == g.end + 1 and lowers[g.end] in _USE_JOINERS:
                starts.add(nxt.start)
    return starts


_EQUIPMENT = {"equipment", "equipments", "machines", "machinery", "furnaces", "furnace", "tools", "lines", "devices", "apparatus",
              "kilns", "kiln"}


def is_equipment(name: str) -> bool:
    """Whether a canonical goods name names equipment ('rare earth production equipment', 'cvd diamond equipment')."""
    return name.rsplit(" ", 1)[-1] in _EQUIPMENT


_EQUIPMENT_PURPOSE = {"necessary", "needed", "used", "required", "essential", "designed", "intended", "suitable"}


def purpose_of_equipment(span: Span) -> bool:
    """True for goods that equipment is for ('equipment for the preparation of magnets')."""
    texts, lowers = token_texts(span.doc)
    start = max(0, span.start - 7)
    words = lowers[start:span.start]
    if any(t in {",", ";"} for t in texts[start:span.start]):
        return False
    if "for" not in words:
        # 'equipment used in chip manufacturing': 'used in' says what the equipment is for, as 'for' does.
        j = len(words) - 1 - words[::-1].index("in") if "in" in words else -1
        return j > 1 and words[j - 1] == "used" and words[j - 2] in _EQUIPMENT
    i = len(words) - 1 - words[::-1].index("for")
    if i > 1 and words[i - 1] in _EQUIPMENT_PURPOSE:
        i -= 1  # 'the equipment necessary for producing semiconductors'
    return i > 0 and words[i - 1] in _EQUIPMENT


_MAKES = {"make", "makes", "making", "produce", "produces", "producing", "manufacture", "manufactures",
          "manufacturing", "fabricate", "fabricates", "fabricating"}


_PROCESSES = {"manufacturing", "making", "production", "fabrication", "processing", "testing", "packaging", "assembly"}
_MAKES_GAP = {"that", "which", "can", "could", "be", "used", "to", "capable", "of", "able"}


def made_by_equipment(span: Span) -> bool:
    """True for goods that equipment makes ('machines that make advanced processor chips', 'equipment that can be
    used to make high-end chips') or names as its kind ('Chip Equipment Controls'): the equipment is the item."""
    texts, lowers = token_texts(span.doc)
    if _names_equipment(texts, lowers, span.end):
        return True  # 'chip equipment', 'magnet hydrogen decrepitation furnaces', 'rare earth kilns/furnaces'
    if span.end + 1 < len(lowers) and lowers[span.end] in _PROCESSES and lowers[span.end + 1] in _EQUIPMENT:
        return True  # 'Memory Chip Production Equipment': a title-case process word, which _names_equipment stops at
    i = span.start - 1
    while i >= 0 and span.start - i <= 4 and lowers[i] not in _MAKES and texts[i] not in {",", ";", "."}:
        i -= 1  # adjectives before the goods: 'make advanced semiconductor processor chips'
    if i < 0 or lowers[i] not in _MAKES:
        return False
    i -= 1
    while i >= 0 and lowers[i] in _MAKES_GAP:
        i -= 1
    return i >= 0 and lowers[i] in _EQUIPMENT


_KIND_GAP = 4  # words between goods and the equipment word of a name they qualify ('nitride deposition and etching tools')
_NOT_A_KIND = {"and", "or", "of", "for", "in", "to", "used", "with", "by", "from", "the", "a", "an", "other", "as", "such",
               "and/or", "including", "like", "into", "on"}


def _process(word: str) -> bool:
    return word in _PROCESSES or word.endswith(("tion", "sion", "ing"))


def _names_equipment(texts: list[str], lowers: list[str], end: int) -> bool:
    """Whether an equipment word follows within a couple of plain words, or after a slash ('kilns/furnaces')."""
    for i in range(end, min(len(lowers), end + _KIND_GAP + 1)):
        word = lowers[i]
        if word in _EQUIPMENT:
            return True
        if word in {"and", "or"} and i > end and _process(lowers[i - 1]) and i + 1 < len(lowers) and _process(lowers[i + 1]):
            continue  # 'separation and extraction equipment': two processes of one machine ('materials and related
            # equipment', 'cobalt and ...' are lists)
        if word == "/" or not texts[i].isalpha() or word in _NOT_A_KIND or texts[i][:1].isupper():
            return word == "/" and i > end and i + 1 < len(lowers) and lowers[i + 1] in _EQUIPMENT
    return False


_CARRIER_STOPS = {",", ";", "；", "，", ".", "。"}


_CARRIER_REACH = 8  # tokens from 'diluted in' to what the good is diluted in


def after_carrier(carriers: list[Span], span: Span) -> bool:
    if not carriers:
        return False
    texts = token_texts(span.doc)[0]
    return any(0 <= span.start - cue.end <= _CARRIER_REACH and _CARRIER_STOPS.isdisjoint(texts[cue.end:span.start])
               for cue in carriers)


def carried(ctx: SentenceContext, span: Span) -> bool:
    """'Germane diluted in inert gas or hydrogen': what a controlled good is diluted in is not controlled."""
    return after_carrier(ctx.spans("carrier"), span)


def served_by_equipment(ctx: SentenceContext) -> set[int]:
    """Starts of the goods right before what makes or serves them ('芯片制造所需的工具', '用于制造锂离子电池的设备'),
    with the goods that qualify those ('锂离子电池正极材料的设备': the cathodes of batteries)."""
    served = {g.start for g in ctx.lex("goods") if any(e.start == g.end for e in ctx.spans("equipment_for_goods"))}
    # 'dry etch systems for silicon': goods after equipment the lexicon names and 'for' (purpose_of_equipment reads
    # the equipment words themselves: 'equipment for', 'tools for').
    kinds = [g for g in ctx.lex("goods") if is_equipment(g.kb_id_)]
    if kinds:
        lowers = token_texts(ctx.sent.doc)[1]
        fors = [g.end + 1 for g in kinds if g.end < ctx.sent.end and lowers[g.end] == "for"]
        if fors:
            served |= {g.start for g in ctx.lex("goods") + ctx.lex("element") if g.start in fors}
    if served:
        for g in sorted(ctx.lex("goods"), key=lambda g: -g.start):
            if g.end in served:
                served.add(g.start)
    return served


def serves_equipment(span: Span, served: set[int]) -> bool:
    """Goods named as what equipment makes, is for or serves: the equipment is the item (the three ways a
    sentence says so, in one place)."""
    return span.start in served or made_by_equipment(span) or purpose_of_equipment(span)


def in_market_role(ctx: SentenceContext) -> int:
    """Where a sentence's opening clause naming a market role ends ('As a major producer of antimony and other
    metals, China ...', '作为锑等物项的全球主要生产国，...'): goods before it are what the country produces, not
    items. The clause must open the sentence with its pattern's `opening` word and end at a comma; 0 when none."""
    roles = ctx.spans("market_role")
    if not roles:
        return 0
    text = ctx.text.lower()
    t = token_table(ctx.sent.doc)
    for role in roles:
        openings = str(ctx.attr(role, "opening", "")).split("|")
        if not any(o and text.startswith(o) and (not o.isascii() or text[len(o):len(o) + 1].isspace()) for o in openings):
            continue
        comma = next((i for i in range(role.end, ctx.sent.end) if t.text[i] in {",", "，"}), None)
        if comma is not None and not any(t.text[i] in {",", "，"} for i in range(ctx.sent.start, role.start)):
            return comma
    return 0

