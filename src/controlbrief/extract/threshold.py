"""Threshold builder: comparator spans -> value, unit, comparator and measure.

A number with a unit is not enough: it needs a comparator pattern, or (for a
bare percentage) a measure word in the sentence. Market figures are told
apart by distractor words nearer to the number than any measure word.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from controlbrief.extract.context import SentenceContext, doc_text, token_table, tokens_text
from controlbrief.models import Threshold
from controlbrief.nlp_zh import has_cjk
from controlbrief.normalize import clean_phrase, parse_number

# Units whose numbers are as often statistics as limits; they need a measure or control context.
_STATISTICAL_UNITS = {"percent", "usd", "cny", "eur", "kg", "tonnes", "days"}
_MEASURE_STOP = {
    "is", "are", "be", "was", "were", "exceeds", "exceed", "exceeding", "reaches", "reach", "accounts",
    "equal", "equals", "has", "have", "that", "which", "whose", "shall", "will", "or", "and", "more",
    "less", "not", "no", "at", "above", "below", "over", "under", "greater", "higher", "lower", "than",
    "by", "from", "to", "as", "when", "where", "if", "with", "in", "on",
}
_SHARE_KEYS = {"origin_value_share", "ownership_share"}
_DANGLING = {"of", "in", "the", "a", "an", "its", "their"}
_LEFT_SKIP = {"of", "with", "a", "an", "the", "at", "having", "has", "is", "are", "whose", "its", "their", "reaching"}
_DEFAULT_MEASURE = {
    "nm": "node", "layers": "layers", "percent": "share", "tpp": "total processing performance",
    "mpa": "strength", "g_cm3": "density", "per_cm2": "density", "days": "period", "gb_s": "bandwidth",
    "gbps": "bandwidth", "w": "power", "kw": "power", "ghz": "frequency", "n": "force", "kn": "force", "m_s": "speed",
    "celsius": "temperature", "minutes": "period", "hours": "period",
}


def _value(text: str) -> int | float | None:
    """Number of a token's text; '16/14' (alternative nodes) is the last alternative."""
    if text.count("/") == 1 and all(part.isdigit() for part in text.split("/")):
        text = text.split("/")[1]
    return parse_number(text)


def _numbers(span: Span) -> list[int]:
    """Indices of the span's number tokens (not units)."""
    table = token_table(span.doc)
    return [i for i in range(span.start, span.end) if table.like_num[i] and i not in table.unit]


def _unit_tokens(span: Span) -> list[int]:
    """Indices of the span's unit tokens."""
    unit = token_table(span.doc).unit
    return [i for i in range(span.start, span.end) if i in unit]


def _complement(ctx: SentenceContext, measure: Span, span: Span) -> str:
    """The 'of ...' / 'in ...' phrase after a measure word, up to the comparison or a stop word."""
    t = token_table(span.doc)
    if measure.end >= ctx.sent.end or t.lower[measure.end] not in {"of", "in"}:
        return ""
    end = measure.end
    for i in range(measure.end, min(measure.end + 10, ctx.sent.end)):
        if span.start <= i < span.end:
            break
        if (t.is_punct[i] and t.text[i] not in {"-", "'", "’"}) or t.like_num[i] or (end > measure.end and t.lower[i] in _MEASURE_STOP):
            break
        end = i + 1
    words = tokens_text(span.doc, measure.end, end).split()
    while words and words[-1].lower() in _DANGLING:
        words.pop()
    return " " + " ".join(words) if len(words) > 1 else ""


_RIGHT_GAP = {"in", "of", "for", "the", "a", "an", "its", "their", "total", "overall", "(", ")", "的", "（", "）"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
_JOINING = {"and", "or", "at", "with", "but", "than"}
_ARTICLES = {"a", "an", "the"}


_CONDITION_WORDS = {"under", "at"}
_CONDITION_GAP = {"is", "are", "be", "was", ",", "of", "must", "shall", "should"}


def _test_condition(ctx: SentenceContext, span: Span) -> bool:
    """'The powder compaction density of the material under 220MPa is ≥ 2.58g/cc': 'under' a pressure, with the
    limit itself right after, states the condition of a test, not a limit."""
    table = token_table(span.doc)
    if table.lower[span.start] not in _CONDITION_WORDS:
        return False
    for other in ctx.spans("threshold"):
        if other.start >= span.end and other.start - span.end <= 3:
            return all(w in _CONDITION_GAP for w in table.lower[span.end:other.start])
    return False


def _measure_follows(table, start: int, end: int) -> bool:
    """Whether the words from a limit to a measure after it join them: 'in', 'of the', brackets ('more than 5 nm in
    diameter'), or an 'of' phrase naming whose measure it is ('0.1% or more of the product's value'), with no
    number, unit, conjunction or mark between ('1 000 hours at 400 MPa and an ultimate tensile strength')."""
    words = table.lower[start:end]
    if all(w in _RIGHT_GAP for w in words):
        return True
    return (bool(words) and words[0] in {"of", "in"} and len(words) <= 4
            and all(table.is_alpha[i] or table.lower[i] in _POSSESSIVE for i in range(start, end))
            and not _JOINING.intersection(words))


def _nearest_measure(ctx: SentenceContext, span: Span) -> Span | None:
    """The measure word a comparison is about: the nearest before it, else just after it."""
    # A measure with a limit in another unit between it and this one belongs to that limit ('缸径大于等于500毫米或
    # 设计压力大于等于5千兆帕': the pressure is no bore diameter); one in the same unit is shared by a range
    # ('more than 50 μm but not more than 500 μm').
    left = [m for m in ctx.lex("measure") if m.end <= span.start and span.start - m.end <= 14]
    if left:
        first = min(m.end for m in left)
        others = [o for o in ctx.spans("threshold") if first <= o.start and o.end <= span.start and not _test_condition(ctx, o)]
        if others:
            table = token_table(span.doc)
            own = {table.unit.get(i) for i in _unit_tokens(span)}
            between = [o.start for o in others if own.isdisjoint(table.unit.get(i) for i in _unit_tokens(o))]
            left = [m for m in left if not any(m.end <= b for b in between)]
    # One after it only right after it ('more than 5 nm in diameter'): 'greater than 1 000 hours at 400 MPa and an
    # ultimate tensile strength greater than ...', 'above 260 nJ, and an aperture diameter above 22 mm' name the
    # measure of the next limit.
    table = token_table(span.doc)
    right = [m for m in ctx.lex("measure") if m.start >= span.end and m.start - span.end <= 6
             and _measure_follows(table, span.end, m.start)]
    return max(left, key=lambda m: m.end) if left else (min(right, key=lambda m: m.start) if right else None)


def _measure_phrase(ctx: SentenceContext, span: Span, best: Span | None) -> str:
    """The noun phrase being measured: its measure word (`best`, _nearest_measure's) plus its 'of ...' complement."""
    if best is not None:
        return clean_phrase(best.text + _complement(ctx, best, span))
    # Without a measure word, the words just before the comparison name what is measured.
    t = token_table(span.doc)
    i = span.start - 1
    while i >= ctx.sent.start and t.lower[i] in _LEFT_SKIP:
        i -= 1
    words: list[str] = []
    # An acronym names a body or a list, not what is measured ('notify the Secretariat of MITI at least 30 days in
    # advance'); measure words ('TPP') come from the lexicon, not from here.
    while i >= ctx.sent.start and len(words) < 4 and t.is_alpha[i] and t.lower[i] not in _MEASURE_STOP \
            and t.lower[i] != "of" and not (len(t.text[i]) > 1 and t.text[i].isupper()):
        words.insert(0, t.text[i])
        i -= 1
    while words and words[0].lower() in _ARTICLES:
        words.pop(0)  # 'an operating range' is the operating range
    units = _unit_tokens(span)
    unit = t.unit[units[-1]] if units else "other"
    if any(has_cjk(w) for w in words):
        words = []  # Chinese has no spaces to find a phrase by: the unit says what is measured
    return clean_phrase(" ".join(words)) or _DEFAULT_MEASURE.get(unit, "quantity")



def _unit_attrs(ctx: SentenceContext, code: str) -> dict:
    return ctx.doc.lex_attrs.get(("unit", code), {})


def _unit(ctx: SentenceContext, raw: str) -> tuple[str, float]:
    """The spec's unit code for a unit token's unit, and the factor to it ('GPa' is 1000 MPa)."""
    attrs = _unit_attrs(ctx, raw)
    return str(attrs.get("as", raw)), float(attrs.get("factor", 1))


def _measure_key(ctx: SentenceContext, measure: Span | None, raw_unit: str, unit: str, span: Span) -> str:
    """What is measured, canonical: from the measure word's entry, else from the unit."""
    key = ctx.attr_lex(measure, "key") if measure is not None else None
    if key in _SHARE_KEYS and unit != "percent":
        key = None  # 'value' in dollars is a price, not a share
    if key in _SHARE_KEYS and any(0 <= b.start - span.end <= 1 for b in ctx.spans("composition_basis")):
        key = "purity"  # 'a tungsten content exceeding 97% by weight' is what the alloy is made of, not a share of value
    if key == "origin_value_share" and measure is not None and _element_content(ctx, measure):
        key = "purity"  # 'a silver content of at least 2%' without 'by weight' is still what the alloy is made of
    return str(key or _unit_attrs(ctx, raw_unit).get("measure_key") or "other")


def _element_content(ctx: SentenceContext, measure: Span) -> bool:
    """Whether an element names the content measured ('silver content', 'its tungsten content'), not an origin
    ('Chinese-origin gallium content' and 'U.S.-origin content' stay shares of value)."""
    t = token_table(measure.doc)
    element = next((e for e in ctx.lex("element") if e.end == measure.start), None)
    return element is not None and not any("origin" in t.lower[i] for i in range(max(ctx.sent.start, element.start - 3), element.start))


def applies_to(ctx: SentenceContext) -> list[str]:
    """The codes a threshold of this sentence qualifies: its own, else its list lead-in's.

    Control numbers come before reference customs codes; a sentence without codes
    anywhere up its lead-in chain qualifies the notice as a whole (empty list).
    """
    for context in (ctx, *ctx.leads()):
        spans = context.listed_codes
        if not spans:
            continue
        control = [context.code(s) for s in spans if context.attr(s, "scheme") == "control_number"]
        codes = [c for c in control if c] or [c for c in map(context.code, spans) if c]
        if codes:
            return list(dict.fromkeys(codes))
    return []


def _threshold(ctx: SentenceContext, span: Span, unit_at: int, value: int | float, comparator: str,
               measure: str, best: Span | None) -> Threshold:
    table = token_table(span.doc)
    raw = table.unit[unit_at]
    unit, factor = _unit(ctx, raw)
    if factor != 1:
        value = round(value * factor, 6)
        value = int(value) if float(value).is_integer() else value
    return ctx.make("threshold", span.start_char, span.end_char, span.id_, value=value, unit=unit, comparator=comparator,
                    measure=measure, unit_text=table.text[unit_at], measure_key=_measure_key(ctx, best, raw, unit, span),
                    applies_to=applies_to(ctx))


def _is_distracted(ctx: SentenceContext, span: Span) -> bool:
    """True when a market or statistics word is nearer the number than any measure word."""
    def dist(s: Span) -> int:
        return span.start - s.end if s.end <= span.start else s.start - span.end
    distractors = [d for d in ctx.lex("distractor") if dist(d) <= 8]
    if not distractors:
        return False
    measures = [m for m in _clause_measures(ctx, span) if dist(m) <= 14]
    return not measures or min(map(dist, distractors)) < min(map(dist, measures))


def _clause_measures(ctx: SentenceContext, span: Span) -> list[Span]:
    """The measure words of the sentence not in another clause than the number: 'capacity and commands about 60%
    of the motor market' measures no capacity."""
    t = token_table(span.doc)
    return [m for m in ctx.lex("measure")
            if _CLAUSE_JOINERS.isdisjoint(t.lower[min(m.end, span.end):max(m.start, span.start)])]


def _governed(ctx: SentenceContext) -> bool:
    """Whether control language governs a percentage: a limit is set under it (a list item under a lead-in, a
    sentence that controls, licenses or sets a policy), not found in a report of reserves and output ('中国是全球
    唯一能大规模生产高纯度锑(99.999%以上)的国家')."""
    return ctx.is_item or ctx.has("scope_trigger", inherit=True) or any(
        ctx.spans(label) for label in ("policy", "licensing", "exemption", "end_use"))


_SPEC_GAP = 3  # words between a measure and its limit in a specification ('a value ratio of 0.1% or more')
_CLAUSE_JOINERS = {"and", "or", "but", "while", "whereas"}  # not "which": it says more of the measure before it


def _specified(ctx: SentenceContext, span: Span) -> bool:
    """A measure right before the limit states a specification ('purity greater than 99.999 percent'); one
    cut off by a bracket or a comma is only mentioned ('高纯度锑(99.999%以上)')."""
    t = token_table(span.doc)
    # ('capacity and commands about 60%': a measure of another clause.)
    return any(0 <= span.start - m.end <= _SPEC_GAP and not any(t.is_punct[i] or t.lower[i] in _CLAUSE_JOINERS
                                                                for i in range(m.end, span.start))
               for m in ctx.lex("measure"))


_OR_BELOW = re.compile(r"\s*(?:or\s+(?:fewer|less|below|smaller|lower|under)\b|[或及]?(?:更小|更低|更少|以下))", re.I)


def _or_below(span: Span) -> bool:
    """Whether 'or fewer' / 'or less' (或更小, 及以下) follows a span."""
    return _OR_BELOW.match(doc_text(span.doc), span.end_char) is not None


_FORMER_GAP = {"the", "a", "an", "its", "their", "of"}  # between 'rather than', 'the draft's' ... and the value
_FORMER_AFTER = 4  # words from a value to 'in the draft' that names it the draft's ('99.9% purity threshold in the draft')


def _former(ctx: SentenceContext, span: Span) -> bool:
    """A value the sentence sets aside for another: what a draft or an earlier rule said, or what it is compared
    with ('rather than the 99.9% in the draft', 'down from 25%', "the draft's 25% level", '6,000 in the proposed
    rule'); the value that replaces it is the limit."""
    t = token_table(span.doc)
    for f in ctx.spans("former_value"):
        if f.end <= span.start and all(w in _FORMER_GAP for w in t.lower[f.end:span.start]):
            return True
    for f in ctx.spans("former_value_after"):
        if 0 <= f.start - span.end <= _FORMER_AFTER and all(t.is_alpha[i] for i in range(span.end, f.start)):
            return True
    return False


_TYPICAL_REACH = 5  # words from 'typically' / 多在 to the value it hedges


def _typical(ctx: SentenceContext, span: Span) -> bool:
    """A value the sentence says things usually have ('cells today typically store 250 to 290 Wh/kg', '能量密度多在
    每公斤250至290瓦时之间') describes a market, it sets no limit; a list item's values are limits whatever they say."""
    if ctx.is_item:
        return False
    t = token_table(span.doc)
    return any(0 <= span.start - h.end <= _TYPICAL_REACH and not any(t.is_punct[i] for i in range(h.end, span.start))
               for h in ctx.spans("typical_value"))


def _change(ctx: SentenceContext, span: Span) -> bool:
    """'lowers the de minimis level from 25% to 10%': a range after a verb of change is the old limit and the
    new one, not a band."""
    return token_table(span.doc).lower[span.start] == "from" and any(
        v.end <= span.start for v in ctx.spans("change_verb"))


def build(ctx: SentenceContext) -> list[Threshold]:
    """Thresholds stated in one sentence."""
    if ctx.conditional:
        return []  # 'EU set to ban sale to Russia of luxury goods worth more than €300': a limit still to be decided
    out: list[Threshold] = []
    comparators: dict[str, str] = {}
    table = token_table(ctx.sent.doc)
    for span in ctx.spans("threshold"):
        nums, units = _numbers(span), _unit_tokens(span)
        if not nums or not units or _test_condition(ctx, span) or _former(ctx, span) or _typical(ctx, span):
            continue
        unit = table.unit[units[-1]]
        if unit in _STATISTICAL_UNITS and (_is_distracted(ctx, span) or not (_governed(ctx) or _specified(ctx, span))):
            continue
        best = _nearest_measure(ctx, span)  # found once for the phrase and the key of every value of the span
        decided = _unit_attrs(ctx, unit)
        if best is not None and decided.get("decides_measure") and ctx.attr_lex(best, "key") != decided.get("measure_key"):
            best = None  # 'NAND超过128层' counts layers whatever measure stands before it ('存储密度'): the unit says what
        measure = _measure_phrase(ctx, span, best)
        comparator = ctx.attr(span, "comparator")
        if comparator == "range" and len(nums) >= 2:
            # '10 to 14 nanometers or fewer': the range only says where the bound lies; 'or fewer' sets it.
            if _or_below(span):
                pairs = [(nums[-1], "<=")]
            elif _change(ctx, span):
                pairs = [(nums[-1], ">=")]
            else:
                pairs = [(nums[0], ">="), (nums[-1], "<=")]
        else:
            pairs = [(nums[0], comparator)]
        for num, comp in pairs:
            value = _value(table.text[num])
            if value is None:
                continue
            comparators.setdefault(unit, comp)
            out.append(_threshold(ctx, span, units[-1], value, comp, measure, best))
    covered = {i for p in ctx.spans("threshold") for i in range(p.start, p.end)}
    for span in ctx.spans("measured"):
        # 'a total processing performance (TPP) of 4800 or more': the measure names the unit.
        before = [m for m in ctx.lex("measure") if m.end <= span.start and span.start - m.end <= 4]
        nums = _numbers(span)
        if not nums or covered.intersection(range(span.start, span.end)):
            continue
        value = _value(table.text[nums[0]])
        if value is None:
            continue
        if not before:
            # 'a total processing performance of 4800 or more': the unit's own name is the measure.
            named = [i for i in range(max(ctx.sent.start, span.start - 4), span.start) if i in table.unit]
            if named:
                raw = table.unit[named[-1]]
                unit, _ = _unit(ctx, raw)
                out.append(ctx.make("threshold", span.start_char, span.end_char, span.id_, value=value, unit=unit,
                                    comparator=ctx.attr(span, "comparator"), measure=clean_phrase(table.text[named[-1]]),
                                    unit_text=table.text[named[-1]], measure_key=str(_unit_attrs(ctx, raw).get("measure_key", "other")),
                                    applies_to=applies_to(ctx)))
            continue
        measure = before[-1]
        unit = str(ctx.attr_lex(measure, "unit", "other"))
        out.append(ctx.make("threshold", span.start_char, span.end_char, span.id_, value=value, unit=unit,
                            comparator=ctx.attr(span, "comparator"), measure=clean_phrase(measure.text),
                            unit_text=None, measure_key=str(ctx.attr_lex(measure, "key", "other")),
                            applies_to=applies_to(ctx)))
    for span in ctx.spans("share"):
        # A bare percentage counts only with a measure word (value, content, traces...) near it.
        if (covered.intersection(range(span.start, span.end)) or not _clause_measures(ctx, span)
                or _is_distracted(ctx, span) or _former(ctx, span)):
            continue
        nums = _numbers(span)
        value = _value(table.text[nums[0]]) if nums else None
        if value is None:
            continue
        comp = comparators.get("percent", ctx.attr(span, "comparator", ">="))
        best = _nearest_measure(ctx, span)
        out.append(_threshold(ctx, span, _unit_tokens(span)[-1], value, comp, _measure_phrase(ctx, span, best), best))
    return out
