"""Build the spaCy pipeline: tokenizer fixes, units, lexicons, sentences, lemmas, rules.

This module owns everything spaCy-specific up to matched spans; it builds no
provisions. Pipeline: cb_units -> cb_lexicon -> cb_sentences -> cb_lemmas ->
cb_rules (patterns/*.jsonl matched as phrases or token patterns; pattern ids land on Span.id_).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from functools import lru_cache
from itertools import chain
from typing import Callable
from pathlib import Path

import numpy
import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, Token
from spacy.attrs import IDX, IS_STOP, LEMMA, LENGTH, LIKE_NUM, LOWER, NORM, ORTH, SENT_START, SHAPE, SPACY
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from controlbrief import cache
from controlbrief.errors import ControlbriefError, PatternError
from controlbrief.nlp_zh import has_cjk
from controlbrief.patterns import PatternSet, check_token_patterns, load_pattern_set

RULES_KEY = "rules"
UNIT_OF = ("controlbrief", "unit_of")  # token index -> unit code (Token._.unit), for the rule matcher and builders
_UNIT_NORM = "cb-unit:"  # NORM of a unit token: 'cb-unit:percent' (see UnitTagger, _native_units)
LEXICON_KEY = "lexicon"


def _unit_of_token(token: Token) -> str | None:
    return token.doc.user_data.get(UNIT_OF, {}).get(token.i)


# Token._.unit reads UnitTagger's map: setting an extension value per token makes an Underscore object each.
Token.set_extension("unit", getter=_unit_of_token, force=True)

# Abbreviations whose full stop never ends a sentence in notices.
_ABBREVIATIONS = (
    "No.", "Nos.", "no.", "nos.", "Art.", "Arts.", "art.", "para.", "Para.", "paras.", "Reg.",
    "Co.", "Ltd.", "Inc.", "Corp.", "approx.", "incl.", "cf.", "Fig.", "Vol.", "vol.", "Sec.",
    "sec.", "Ch.", "pp.", "Nr.", "Dept.", "Govt.", "Gov.", "Annex.", "ref.", "Ref.", "Cat.",
    "Sept.", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Oct.", "Nov.", "Dec.",
)
_COMPARATOR = r"(?:>=|<=|=>|=<|[<>≥≤⩾⩽])"
# A copy that lost its line breaks runs one item's closing bracket into the next one's number ('...2830902000)2.').
_CLOSE_BETWEEN_DIGITS = r"(?<=[0-9])[)\]](?=[0-9])"
_NUM_UNIT = re.compile(r"^(" + _COMPARATOR + r")?(\d+(?:[.,]\d+)?)([A-Za-z/µ°²³][A-Za-z0-9/µ°²³]*)?$")
_SENT_END = {".", "!", "?", "。", "！", "？"}
_CJK_END = {"。", "！", "？"}
_CLOSERS = {'"', "'", "”", "’", ")", "]", "»"}


def _tokenizer(nlp: Language, rules: dict, suffix_search, token_match, url_match, faster_heuristics: bool = True) -> Tokenizer:
    """spaCy's tokenizer with comparators as prefixes and infixes and the abbreviations kept whole, built once.

    (Changing an existing tokenizer reloads its ~2,000 special cases at every step: 0.2 s of a cold start.)
    """
    rules = {**(rules or {}), **{abbr: [{"ORTH": abbr}] for abbr in _ABBREVIATIONS}}
    return Tokenizer(nlp.vocab, rules=rules, prefix_search=compile_prefix_regex([_COMPARATOR, *nlp.Defaults.prefixes]).search,
                     suffix_search=suffix_search, infix_finditer=compile_infix_regex([*nlp.Defaults.infixes, _COMPARATOR, _CLOSE_BETWEEN_DIGITS]).finditer,
                     token_match=token_match, url_match=url_match, faster_heuristics=faster_heuristics)


@spacy.registry.tokenizers("controlbrief.tokenizer.v1")
def _tokenizer_factory():
    """The tokenizer of spacy.blank pipelines: spaCy's defaults for the language, with our changes."""
    def make(nlp: Language) -> Tokenizer:
        d = nlp.Defaults
        return _tokenizer(nlp, d.tokenizer_exceptions, compile_suffix_regex(d.suffixes).search if d.suffixes else None,
                          d.token_match, d.url_match)
    return make


def _customize_tokenizer(nlp: Language) -> None:
    """The same changes on an installed model's own tokenizer (its rules and suffixes kept)."""
    old = nlp.tokenizer
    nlp.tokenizer = _tokenizer(nlp, old.rules, old.suffix_search, old.token_match, old.url_match, old.faster_heuristics)


def _patterns(folder: str) -> PatternSet:
    return load_pattern_set(Path(folder) if folder else None)  # cached there, and forgotten there on a reload


# Unit-shaped tokens: a short symbol with a capital inside ('kV', 'MHz'), or a slash ('kA/m').
_UNIT_SHAPE = re.compile(r"^(?=.*([a-zµμΩ°][A-Z]|/))[A-Za-zµμΩ°]{1,4}(/[A-Za-z0-9²³]{1,4})?[0-9²³]?$")
_NOT_UNITS = {"or", "and", "per", "to", "of", "in", "at", "by"}


def phrase_arrays(nlp: Language, pset: PatternSet, name: str, attr: int,
                  phrases: Callable[[], dict[str, list[str]]]) -> dict[str, list[tuple[int, ...]]]:
    """Each key's phrases as the token-attribute hashes a PhraseMatcher keeps, from the cache when it has them.

    Tokenizing thousands of phrases is most of a cold start; the arrays are all
    the PhraseMatcher needs (it takes them in place of Docs).
    """
    parts = (name, pset.digest, nlp.lang, nlp.meta.get("name"), nlp.meta.get("version"))
    arrays = cache.load("phrases", *parts)
    if arrays is None:
        arrays = {}
        for key, texts in phrases().items():
            found = [tuple(nlp.make_doc(t).to_array(attr).tolist()) for t in texts]
            if attr == LOWER:
                # The tokenizer cuts some abbreviations by their case: 'u.s.' is 'u.s' '.', 'U.S.' one token. A
                # phrase matched in any case is also kept as its upper-case form is cut (only dotted ones differ).
                found += [tuple(nlp.make_doc(t.upper()).to_array(attr).tolist()) for t in texts if "." in t]
            arrays[key] = list(dict.fromkeys(a for a in found if a))  # an empty phrase matches nothing
        cache.save("phrases", arrays, *parts)
    return arrays


# SHAPE hash -> whether that shape ('dd.d', 'dXddd') holds a digit. Hashes are the same in every Vocab.
_DIGIT_SHAPES: dict[int, bool] = {}


def _has_digit(shape: int, strings) -> bool:
    known = _DIGIT_SHAPES.get(shape)
    if known is None:
        known = _DIGIT_SHAPES[shape] = "d" in strings[shape]
    return known


def _with_digit(shapes, strings):
    """Which of an array of SHAPE hashes hold a digit, each distinct shape tested once (a boolean array)."""
    return numpy.isin(shapes, [shape for shape in numpy.unique(shapes).tolist() if _has_digit(shape, strings)])


@Language.factory("cb_units", default_config={"patterns_dir": ""})
def make_units(nlp: Language, name: str, patterns_dir: str) -> "UnitTagger":
    return UnitTagger(nlp, _patterns(patterns_dir))


class UnitTagger:
    """Split '30MPa' / '≥99.9' into number, unit and comparator; merge multi-word units.

    Sets Token._.unit to the unit code so token patterns can say {"_": {"unit": ...}}.
    """

    def __init__(self, nlp: Language, pset: PatternSet) -> None:
        lex = pset.lexicons["units"]
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.surface_lower: dict[str, str] = {}
        self.surface_exact: dict[str, str] = {}
        self.strings = nlp.vocab.strings
        # First tokens of multi-token units ('g' of 'g/cm3'), so '1.73g/cm3' can be split too.
        self.heads: set[str] = set()
        for entry in lex.entries:
            for form in entry.forms + entry.exact:
                toks = [t.text for t in nlp.make_doc(form)]
                if len(toks) > 1:
                    self.heads.add(toks[0].lower())
            self.lower.add(entry.id, [nlp.make_doc(f) for f in entry.forms])
            self.exact.add(entry.id, [nlp.make_doc(f) for f in entry.exact])
            self.surface_lower.update({f.lower(): entry.id for f in entry.forms})
            self.surface_exact.update({f: entry.id for f in entry.exact})

    def _unit_of(self, surface: str) -> str | None:
        return self.surface_exact.get(surface) or self.surface_lower.get(surface.lower())

    def _splittable(self, suffix: str) -> bool:
        return bool(self._unit_of(suffix)) or suffix.lower() in self.heads

    _COLUMNS = [IDX, LENGTH, LIKE_NUM, IS_STOP, ORTH, SHAPE]

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            doc.user_data[UNIT_OF] = {}
            return doc
        strings = self.strings
        # One array of the columns read below (each to_array call costs about as much as reading six): read
        # again only after the Doc was retokenized. No Token object is made for a token that stays whole.
        table = doc.to_array(self._COLUMNS)
        splits = []
        # Only tokens with a digit can be '30MPa' or '≥99.9'; each distinct shape is tested once.
        digits = numpy.flatnonzero(_with_digit(table[:, 5], strings))
        for i, orth in zip(digits.tolist(), table[digits, 4].tolist()):
            m = _NUM_UNIT.match(strings[orth])
            if not m or not (m[1] or m[3]) or (m[3] and not self._splittable(m[3])):
                continue
            splits.append((i, [p for p in m.groups() if p]))
        if splits:
            with doc.retokenize() as retok:
                for i, parts in splits:
                    tok = doc[i]
                    retok.split(tok, parts, heads=[(tok, 0)] * len(parts))
            table = doc.to_array(self._COLUMNS)
        # (match id, start, end) of the unit phrases, longest first at each start; the first of any overlap wins.
        matches = self.lower(doc) + self.exact(doc)
        matches.sort(key=lambda m: (m[1], m[1] - m[2]))
        chosen, last_end = [], -1
        for m in matches:
            if m[1] >= last_end:
                chosen.append(m)
                last_end = m[2]
        found = []
        if chosen:
            # Character offsets of the chosen phrases, taken before the merge moves token indices.
            first = numpy.array([s for _, s, _ in chosen])
            last = numpy.array([e - 1 for _, _, e in chosen])
            ends = table[last, 0] + table[last, 1]
            found = [(a, b, strings[m]) for (m, _, _), a, b in zip(chosen, table[first, 0].tolist(), ends.tolist())]
            merges = [(s, e) for _, s, e in chosen if e - s > 1]
            if merges:
                with doc.retokenize() as retok:
                    for s, e in merges:
                        retok.merge(doc[s:e])
                table = doc.to_array(self._COLUMNS)
        # Where each token now starts and ends:
        starts, lengths = table[:, 0].tolist(), table[:, 1].tolist()
        tagged = {start for start, _, _ in found}
        for i in (numpy.flatnonzero(table[:-1, 2]) + 1).tolist():  # tokens right after a number
            if starts[i] in tagged or table[i, 3]:
                continue
            text = strings[int(table[i, 4])]
            # A unit in no lexicon ('3 kV', '30 dB') right after a number is still a unit: 'other'.
            if _UNIT_SHAPE.match(text) and text.lower() not in _NOT_UNITS:
                found.append((starts[i], starts[i] + len(text), "other"))
        units: dict[int, str] = {}
        for start, end, label in found:
            # The tokens that make up exactly start..end, as doc.char_span (strict) finds them, if any.
            i = bisect_left(starts, start)
            if i == len(starts) or starts[i] != start:
                continue
            j = i
            while j < len(starts) and starts[j] + lengths[j] < end:
                j += 1
            if j == len(starts) or starts[j] + lengths[j] != end:
                continue
            for k in range(i, j + 1):
                units[k] = label
        if units:
            # The unit also goes into the token's NORM, which the Matcher compares natively (a pattern on the
            # extension makes it build an Underscore object for every token it is given); written as one array.
            norms = doc.to_array([NORM])
            for k, label in units.items():
                norms[k] = strings.add(_UNIT_NORM + label)
            doc.from_array([NORM], norms)
        # Where the units are and which unit each is (Token._.unit reads it here): threshold patterns need
        # only look there (RuleMatcher), and builders read the unit from this map.
        doc.user_data[UNIT_OF] = units
        return doc


@Language.factory("cb_lexicon", default_config={"patterns_dir": ""})
def make_lexicon(nlp: Language, name: str, patterns_dir: str) -> "LexiconTagger":
    return LexiconTagger(nlp, _patterns(patterns_dir))


class LexiconTagger:
    """PhraseMatchers over every lexicon but units; spans go to doc.spans['lexicon'].

    Each span's label is the lexicon's label and its kb_id the canonical name.
    """

    def __init__(self, nlp: Language, pset: PatternSet) -> None:
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.keys: dict[int, tuple[str, str, bool]] = {}
        entries = [(lex.label, entry) for name, lex in pset.lexicons.items() if name != "units" for entry in lex.entries]
        lower = phrase_arrays(nlp, pset, "lexicon-lower", LOWER,
                              lambda: {f"{label}|{e.id}": e.forms for label, e in entries if e.forms})
        exact = phrase_arrays(nlp, pset, "lexicon-exact", ORTH,
                              lambda: {f"{label}|{e.id}|exact": e.exact for label, e in entries if e.exact})
        for label, entry in entries:
            key = f"{label}|{entry.id}"
            if key in lower:
                self.lower.add(key, lower[key])
            if key + "|exact" in exact:
                self.exact.add(key + "|exact", exact[key + "|exact"])
            self.keys[nlp.vocab.strings[key]] = (label, entry.id, False)
            self.keys[nlp.vocab.strings[key + "|exact"]] = (label, entry.id, True)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.lower(doc) + self.exact(doc):
            label, canonical, exact = self.keys[match_id]
            # An exact (case-sensitive) form is marked in the span's id for builders that care.
            spans.append(Span(doc, start, end, label=label, kb_id=canonical, span_id="exact" if exact else ""))
        keep_spans(doc, LEXICON_KEY, longest_first(spans))
        return doc


def keep_spans(doc: Doc, key: str, spans: list[Span]) -> None:
    """Set doc.spans[key], and keep the Span objects themselves for the builders (see spans_of)."""
    doc.spans[key] = spans
    doc.user_data[("controlbrief", "spans", key)] = spans


def spans_of(doc: Doc, key: str) -> list[Span]:
    """The spans of doc.spans[key] as they were set: reading a SpanGroup makes a new Span object per span."""
    kept = doc.user_data.get(("controlbrief", "spans", key))
    return list(kept) if kept is not None else list(doc.spans[key])


def longest_first(spans: list[Span]) -> list[Span]:
    """Drop spans overlapping a longer one of the same label; ids and kb_ids are kept.

    Not spaCy's filter_spans: it ignores labels, so two kinds of evidence over the
    same words would knock each other out, and users report it losing pattern ids
    (spaCy issue 8599). Overlaps are resolved here, label by label.
    """
    # Each span's label, bounds and id read once: Span.label_ and .id_ look their strings up on every access.
    by_label: dict[str, list[tuple[int, int, str, Span]]] = {}
    for sp in spans:
        by_label.setdefault(sp.label_, []).append((sp.start, sp.end, sp.id_, sp))
    kept: list[tuple[int, int, str, str, Span]] = []
    for label, group in by_label.items():
        group.sort(key=lambda e: (e[0] - e[1], e[0], e[2]))
        taken: set[int] = set()
        for start, end, pid, sp in group:
            if taken.isdisjoint(range(start, end)):
                kept.append((start, end, label, pid, sp))
                taken.update(range(start, end))
    kept.sort(key=lambda e: e[:4])
    return [e[4] for e in kept]


_NUMBER_ABBREVIATIONS = {"no", "nos", "doc", "art", "arts", "para", "paras", "p", "pp", "vol", "fig", "sec", "ch", "cf", "ref"}
_MARKER = re.compile(r"^([0-9]{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,5})$")


# A control number ('2C902.a', '1E902') heading a list item: 'I. 2C902.a. Synthetic diamond ...'.
_CONTROL_NUMBER = re.compile(r"^[0-9][A-Z][0-9]{3}(\.[A-Za-z0-9]{1,3})*$")


def _heads_item(texts: list[str], i: int, line_start: int) -> bool:
    """Whether the stop at i closes a control number that opens its line (after at most a marker)."""
    if i < 1:
        return False
    code_at = i - 1
    if not _CONTROL_NUMBER.match(texts[code_at]):
        # A number a copy spaced ('3C90 1.a.3.', '3A 001.'): its two halves run together.
        if i < 2 or not _CONTROL_NUMBER.match(texts[i - 2] + texts[i - 1]):
            return False
        code_at = i - 2
    before = [t for t in texts[line_start:code_at] if not t.isspace()]
    return len(before) <= 3 and all(_MARKER.match(t.rstrip(".)")) or t in {".", ")", "("} for t in before)  # "(III)" is three


_OPEN_BRACKETS = ("(", "（", "[")
_CLOSE_BRACKETS = (")", "）", "]")


def _closing_bracket_group(texts: list[str], j: int) -> bool:
    """Whether the tokens from j (spaces aside) are one bracketed group and then at most stops to the end of
    the line: a group that ends its line after a full stop adds to the sentence before it (lists put each item's
    '(Reference customs commodity codes: ...)' there), it opens none of its own."""
    n = len(texts)
    while j < n and texts[j].isspace() and "\n" not in texts[j]:
        j += 1
    if j >= n or texts[j] not in _OPEN_BRACKETS:
        return False
    depth = 0
    for k in range(j, n):
        text = texts[k]
        if "\n" in text:
            return False  # the line ends inside the group
        depth += sum(map(text.count, _OPEN_BRACKETS)) - sum(map(text.count, _CLOSE_BRACKETS))
        if depth <= 0:
            break
    else:
        return False
    for text in texts[k + 1:]:
        if "\n" in text:
            return True
        if not (text.isspace() or text in _SENT_END or text in {";", "；"}):
            return False
    return True


BULLETS = "-–—•·*▪‣●○■□"  # characters that open a list line as a bullet


def _closes_marker(texts: list[str], i: int, line_start: int) -> bool:
    """Whether the stop at i closes a list marker that opens its line, after at most a bullet ('1.', '- 1.')."""
    if not (i >= 1 and _MARKER.match(texts[i - 1])):
        return False
    first = [j for j in range(line_start, i - 1) if not texts[j].isspace()]
    return not first or (len(first) == 1 and texts[first[0]] in BULLETS)


_INLINE_BULLETS = {"-", "–", "—", "•", "▲", "■"}


def _inline_bullet(texts: list[str], spaced: list[bool], i: int) -> bool:
    """A dash between spaces with Chinese on both sides ('……警惕 [2][4] - 尽管中方表示……') opens a point of a
    list run into one line: Chinese prose never sets a dash between spaces inside a sentence."""
    if not (0 < i < len(texts) - 1 and spaced[i - 1] and spaced[i]):
        return False
    before, after = texts[i - 1], texts[i + 1]
    return (bool(before and after) and (has_cjk(before[-1]) or before[-1] in "]）)")
            and (has_cjk(after[0]) or after[0].isdigit()))


def sentence_starts(texts: list[str], spaced: list[bool] | None = None) -> list[bool]:
    """Which tokens open a sentence, from token texts alone (a pure function, easy to test).

    A newline always starts a sentence (readers put each paragraph, list item,
    article and table row on its own line); a full stop, question or exclamation
    mark ends one when a capital, a number or an opening quote follows, unless
    it closes a list marker ('1.', 'II.', 'b.') at the start of a line.
    """
    n = len(texts)
    starts = [False] * n
    start_next = True
    line_start = 0  # index of the first non-space token of the current line
    for i, text in enumerate(texts):
        if text.isspace():
            if "\n" in text:
                start_next = True
            continue
        if start_next or i == 0 or (spaced is not None and text in _INLINE_BULLETS and _inline_bullet(texts, spaced, i)):
            starts[i] = True
            if start_next:
                line_start = i
        start_next = False
        if text in _SENT_END and _closing_bracket_group(texts, i + 1):
            continue  # '...等形态。（参考海关商品编号：...）': the reference after the stop belongs to the item
        if text in _CJK_END:
            start_next = True  # '。' ends a Chinese sentence whatever follows
            continue
        if text in _SENT_END and not _closes_marker(texts, i, line_start) and not _heads_item(texts, i, line_start):
            j = i + 1
            while j < n and texts[j] in _CLOSERS:
                j += 1
            if j < n and not texts[j].isspace():
                head = texts[j][:1]
                if head.isdigit() and i and texts[i - 1].lower().rstrip(".") in _NUMBER_ABBREVIATIONS:
                    continue  # 'FR Doc. 2022-21658', 'No. 46': the stop abbreviates, the number follows
                if head.isupper() or head in "(“\"'" or head.isdigit():
                    if j == i + 1:
                        start_next = True
                    else:
                        starts[j] = True
    if n:
        starts[0] = True
    return starts


@Language.component("cb_sentences")
def set_sentences(doc: Doc) -> Doc:
    """Set sentence boundaries in one array write (per-token setters rescan the whole Doc)."""
    strings = doc.vocab.strings
    # No Token object per token; the trailing spaces only where they can matter (Chinese, see _inline_bullet).
    if doc.lang_ == "zh" and len(doc):
        orth_space = doc.to_array([ORTH, SPACY]).tolist()
        flags = sentence_starts([strings[o] for o, _ in orth_space], [bool(sp) for _, sp in orth_space])
    else:
        flags = sentence_starts([strings[o] for o in doc.to_array([ORTH]).tolist()])
    if flags:
        # spaCy stores -1 (not a start) in its uint64 attribute arrays as two's complement.
        doc.from_array([SENT_START], numpy.array([1 if f else -1 for f in flags], dtype="int64").astype("uint64"))
    return doc


@Language.factory("cb_lemmas")
def make_lemmas(nlp: Language, name: str) -> "LookupLemmas":
    return LookupLemmas(nlp)


class LookupLemmas:
    """Lemmas from spacy-lookups-data's English table, looked up in lower case.

    spaCy's lookup lemmatizer keys on the exact text, so 'Controls' at the start
    of a sentence would keep its own form and miss every LEMMA pattern. Lemmas
    are written in one array operation, keyed by the lower-case form's hash.
    """

    def __init__(self, nlp: Language) -> None:
        self.table = _lookup_table()
        self.strings = nlp.vocab.strings
        self.cache: dict[int, int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        # Each distinct word looked up once (a notice repeats most of its words), the Doc written in one array.
        words, at = numpy.unique(doc.to_array(LOWER), return_inverse=True)
        lemmas = numpy.array([self._lemma(key) for key in words.tolist()], dtype="uint64")
        doc.from_array([LEMMA], lemmas[at.reshape(-1)].reshape(-1, 1))
        return doc

    def _lemma(self, key: int) -> int:
        lemma = self.cache.get(key)
        if lemma is None:
            text = self.strings[key]
            lemma = self.cache[key] = self.strings.add(self.table.get(text, text))
        return lemma


@Language.factory("cb_rules", default_config={"patterns_dir": ""})
def make_rules(nlp: Language, name: str, patterns_dir: str) -> "RuleMatcher":
    return RuleMatcher(nlp, _patterns(patterns_dir))


def sentence_spans(doc: Doc) -> list[Span]:
    """The Doc's sentences, as doc.sents gives them, with starts read from one array.

    doc.sents makes a Token object for every token to test its flag; a Chinese
    Doc has one token per character, so that walk was a tenth of extraction.
    """
    if not len(doc):
        return []
    flags = doc.to_array([SENT_START]).astype("int64")
    starts = [0, *(numpy.flatnonzero(flags[1:] == 1) + 1).tolist()]
    return [doc[a:b] for a, b in zip(starts, [*starts[1:], len(doc)])]


def _needs_unit(pattern: list[dict]) -> bool:
    """True when every match of the pattern contains a unit token (a required `_.unit` token)."""
    return any("_" in tok and "OP" not in tok for tok in pattern)


def _longest(pattern: list[dict]) -> int:
    """Most tokens a match of the pattern can span ('{0,6}' counts 6); windows must be that wide."""
    total = 0
    for tok in pattern:
        op = tok.get("OP", "")
        if op in ("*", "+"):
            return 10_000  # unbounded: the window is the whole text
        total += int(op.strip("{}").split(",")[-1] or 0) if op.startswith("{") else 1
    return total


# spaCy's Matcher pays for a bounded gap exponentially in its bound ({0,20} cost 1.8 s per 20k words,
# matching or not); '*' plus a filter on the match length finds exactly the same matches.
_WIDE_GAP = 10


def _starred(pattern: list[dict]) -> tuple[list[dict], int, int] | None:
    """A pattern with one wide bounded gap ('{0,20}') and fixed tokens otherwise, rewritten with '*'.

    Returns the new pattern and the bounds on a match's length that keep its
    matches identical; None for every other pattern (rewriting those would not be exact).
    """
    ops = [t.get("OP") for t in pattern]
    gaps = [i for i, op in enumerate(ops) if op and op.startswith("{")]
    if len(gaps) != 1 or any(op for i, op in enumerate(ops) if i != gaps[0]):
        return None
    lo_text, _, hi_text = ops[gaps[0]].strip("{}").partition(",")
    lo, hi = int(lo_text or 0), int(hi_text or 0)
    if hi < _WIDE_GAP:
        return None
    fixed = len(pattern) - 1
    starred = [dict(t) for t in pattern]
    starred[gaps[0]]["OP"] = "*"
    return starred, fixed + lo, fixed + hi


def _at_sentence_start(pattern: list[dict]) -> bool:
    """True when every match starts a sentence (a required first token with IS_SENT_START)."""
    first = pattern[0]
    return first.get("IS_SENT_START") is True and "OP" not in first


def _needs_number(p) -> bool:
    """True when every match contains a token with a digit or a number word.

    A required LIKE_NUM token says so by itself; a regular expression cannot be
    read that way, so such patterns declare it (attrs.anchor = "number") and the
    tests check it on their examples.
    """
    return p.attrs.get("anchor") == "number" or any(tok.get("LIKE_NUM") is True and "OP" not in tok for tok in p.pattern)


def _near(positions: list[int], i: int, reach: int) -> bool:
    """Whether a sorted list of token positions has one closer than `reach` tokens to i."""
    j = bisect_left(positions, i - reach + 1)
    return j < len(positions) and positions[j] < i + reach


def _native_units(pattern: list[dict]) -> list[dict]:
    """The pattern with each {'_': {'unit': ...}} test made on NORM, where UnitTagger also writes the unit."""
    out = []
    for tok in pattern:
        test = tok.get("_")
        if isinstance(test, dict) and set(test) == {"unit"}:
            value = test["unit"]
            if isinstance(value, str):
                value = _UNIT_NORM + value
            elif isinstance(value, dict) and set(value) <= {"IN", "NOT_IN"}:
                value = {op: [_UNIT_NORM + v for v in values] for op, values in value.items()}
            else:
                out.append(tok)
                continue
            tok = {**{k: v for k, v in tok.items() if k != "_"}, "NORM": value}
        out.append(tok)
    return out


def _one_token_regex(pattern: list[dict]) -> str | None:
    """The regular expression of a pattern that is one required token tested by a TEXT regex alone, else None."""
    if len(pattern) != 1 or set(pattern[0]) != {"TEXT"}:
        return None
    value = pattern[0]["TEXT"]
    return value["REGEX"] if isinstance(value, dict) and set(value) == {"REGEX"} else None


def _windows(anchors, reach: int, length: int, forward: bool = False) -> list[tuple[int, int]]:
    """Merged token ranges holding every match of up to `reach` tokens that contains an anchor token
    (with forward=True, every match that starts at one)."""
    out: list[tuple[int, int]] = []
    for i in anchors:
        a, b = i if forward else max(0, i - reach + 1), min(length, i + reach)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


_ANCHOR_ATTRS = {"LOWER": LOWER, "ORTH": ORTH, "TEXT": ORTH, "LEMMA": LEMMA}


def _anchors(pattern: list[dict], strings) -> list[tuple[int, int, tuple[int, ...] | str]]:
    """(position, attribute, value hashes or a regular expression) of each required token that names its
    words ('LOWER': 'not', 'LEMMA': {'IN': [...]}) or their shape ('TEXT': {'REGEX': ...}): such a token is
    found through the per-Doc index, without the Matcher walking the Doc."""
    out: list[tuple[int, int, tuple[int, ...] | str]] = []
    for k, tok in enumerate(pattern):
        if "OP" in tok:
            continue
        for attr, value in tok.items():
            if attr not in _ANCHOR_ATTRS:
                continue
            if isinstance(value, dict) and "REGEX" in value and attr != "LEMMA":
                out.append((k, _ANCHOR_ATTRS[attr], str(value["REGEX"])))
                continue
            values = [value] if isinstance(value, str) else value.get("IN") if isinstance(value, dict) and set(value) == {"IN"} else None
            if values:
                out.append((k, _ANCHOR_ATTRS[attr], tuple(sorted({strings.add(str(v)) for v in values}))))
    return out


class _RegexWords:
    """Which of the patterns' regexes each word matches, remembered across Docs: words recur from notice to
    notice, so a regex costs one dict lookup per word instead of one search."""

    def __init__(self) -> None:
        self.regexes: dict[int, list[str]] = {}  # attribute -> its anchor regexes
        self.compiled: dict[str, Callable] = {}
        self.hits: dict[int, dict[int, tuple[str, ...]]] = {}  # attribute -> word hash -> regexes it matches

    def add(self, attr: int, regex: str) -> None:
        if regex not in self.regexes.setdefault(attr, []):
            self.regexes[attr].append(regex)
            self.hits.pop(attr, None)  # computed without the new regex

    def _matched(self, attr: int, h: int, strings) -> tuple[str, ...]:
        hits = self.hits.setdefault(attr, {})
        matched = hits.get(h)
        if matched is None:
            text = strings[h]
            matched = hits[h] = tuple(r for r in self.regexes[attr] if self._search(r)(text))
        return matched

    def _search(self, regex: str):
        found = self.compiled.get(regex)
        if found is None:
            found = self.compiled[regex] = re.compile(regex).search
        return found

    def hit(self, attr: int, regex: str, h: int, strings) -> bool:
        """Whether the word with hash h matches regex (re.search on its text, as spaCy's REGEX)."""
        return regex in self._matched(attr, h, strings)

    def groups(self, attr: int, index: dict[int, list[int]], strings) -> dict[str, list[list[int]]]:
        """For each regex of the attribute, the position lists of `index` whose word it matches (re.search,
        as spaCy's REGEX)."""
        found: dict[str, list[list[int]]] = {}
        for h, group in index.items():
            for r in self._matched(attr, h, strings):
                found.setdefault(r, []).append(group)
        return found


_TABLE_ATTRS = (LOWER, ORTH, LEMMA, NORM)


class _TokenIndex:
    """Where words and kinds of token occur in a Doc, built once per Doc from arrays (no Token objects).

    Words by attribute (LOWER, ORTH, LEMMA); kinds are 'unit' (tokens cb_units
    tagged), 'number' (a digit in the shape, or a number word) and 'sentence'
    (sentence starts).
    """

    def __init__(self, doc: Doc, regexes: "_RegexWords", anchor_specs: list) -> None:
        self.doc = doc
        self.regexes = regexes
        self.anchor_specs = anchor_specs
        self.anchors: list[list[int] | None] = [None] * len(self.anchor_specs)
        self.table = doc.to_array([LOWER, ORTH, LEMMA, NORM])
        self.columns: dict[int, list[int]] = {}
        self.by_attr: dict[int, dict[int, list[int]]] = {}
        self.cache: dict[tuple[int, tuple[int, ...] | str], list[int]] = {}
        self.kinds: dict[str, list[int]] = {}
        self.by_regex: dict[int, dict[str, list[list[int]]]] = {}

    def positions(self, attr: int, words: tuple[int, ...] | str) -> list[int]:
        """Token indices whose attribute value is one of the hashes `words`, or matches the regular expression
        `words` (as spaCy's REGEX: re.search on the attribute's text), in order; cached (patterns share sets)."""
        found = self.cache.get((attr, words))
        if found is None:
            found = self.cache[(attr, words)] = self._positions(attr, words)
        return found

    def _positions(self, attr: int, words: tuple[int, ...] | str) -> list[int]:
        index = self.by_attr.get(attr)
        if index is None:
            # A dict of positions by value: cheaper than numpy's sort and search on notices of a few hundred tokens.
            index = self.by_attr[attr] = defaultdict(list)
            for i, h in enumerate(self.column(attr)):
                index[h].append(i)
        if isinstance(words, str):
            # Each distinct word once, and each word's regexes remembered across Docs (_RegexWords).
            by_regex = self.by_regex.get(attr)
            if by_regex is None:
                by_regex = self.by_regex[attr] = self.regexes.groups(attr, index, self.doc.vocab.strings)
            found = by_regex.get(words, [])
        else:
            found = [index[h] for h in words if h in index]
        return found[0] if len(found) == 1 else sorted(chain.from_iterable(found))

    def anchor(self, number: int) -> list[int]:
        """Positions of the tokens that pass the indexable test numbered `number` (see _Anchors), in order."""
        found = self.anchors[number]
        if found is None:
            attr, lookup = self.anchor_specs[number]
            if attr == SENT_START:
                found = self.kind("sentence")
            elif attr == LIKE_NUM:
                found = self.kind("like_num")
            else:
                found = self.positions(attr, lookup)
            self.anchors[number] = found
        return found

    def column(self, attr: int) -> list[int]:
        """Every token's value of attr (LOWER, ORTH, LEMMA, NORM as hashes; SENT_START and LIKE_NUM as the
        Matcher tests them: 1 for a sentence start, else 0)."""
        found = self.columns.get(attr)
        if found is None:
            if attr in _TABLE_ATTRS:
                found = self.table[:, _TABLE_ATTRS.index(attr)].tolist()
            elif attr == SENT_START:
                found = (self.doc.to_array([SENT_START]) == 1).astype("int64").tolist() if len(self.doc) else []
            else:
                found = self.doc.to_array([attr]).astype("int64").tolist() if len(self.doc) else []
            self.columns[attr] = found
        return found

    def kind(self, name: str) -> list[int]:
        found = self.kinds.get(name)
        if found is None:
            found = self.kinds[name] = self._kind(name)
        return found

    def _kind(self, name: str) -> list[int]:
        doc = self.doc
        if name == "unit":
            return sorted(doc.user_data.get(UNIT_OF, ()))
        if name == "sentence":
            return numpy.flatnonzero(doc.to_array([SENT_START]).astype("int64") == 1).tolist()
        if name == "like_num":
            return [i for i, v in enumerate(self.column(LIKE_NUM)) if v]
        shapes = doc.to_array([SHAPE, LIKE_NUM])
        return numpy.flatnonzero(_with_digit(shapes[:, 0], doc.vocab.strings) | (shapes[:, 1] != 0)).tolist()


_EQ, _IN, _NOT_IN, _REGEX = range(4)
_TEST_ATTRS = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER, "LEMMA": LEMMA, "NORM": NORM,
               "IS_SENT_START": SENT_START, "LIKE_NUM": LIKE_NUM}
_FLAGS = (SENT_START, LIKE_NUM)
_MAX_VARIANTS = 64


def _token_tests(tok: dict, strings) -> list[tuple[int, int, object]] | None:
    """(attribute, test, value) for each condition of one token of a pattern, as spaCy's Matcher reads them
    (strings as hashes, booleans as 0/1); None when the token uses anything else."""
    tests: list[tuple[int, int, object]] = []
    for key, value in tok.items():
        if key == "OP":
            continue
        attr = _TEST_ATTRS.get(key)
        if attr is None:
            return None
        if isinstance(value, bool) and attr in _FLAGS:
            tests.append((attr, _EQ, int(value)))
        elif isinstance(value, str) and attr not in _FLAGS:
            tests.append((attr, _EQ, strings.add(value)))
        elif isinstance(value, dict) and len(value) == 1 and attr not in _FLAGS:
            ((op, arg),) = value.items()
            if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
                tests.append((attr, _IN if op == "IN" else _NOT_IN, frozenset(strings.add(v) for v in arg)))
            elif op == "REGEX" and isinstance(arg, str):
                tests.append((attr, _REGEX, arg))
            else:
                return None
        else:
            return None
    return tests


def _variants(pattern: list[dict]) -> list[list[dict]] | None:
    """The fixed-length patterns whose matches together are the pattern's matches ('?' is 0 or 1 of its
    token, '{0,3}' 0 to 3); None when there would be too many or a token repeats without bound."""
    out: list[list[dict]] = [[]]
    for tok in pattern:
        op = tok.get("OP")
        if op is None:
            counts: range | tuple[int, ...] = (1,)
        elif op == "?":
            counts = (0, 1)
        elif re.fullmatch(r"\{\d*,\d+\}", op):
            lo, hi = op.strip("{}").split(",")
            counts = range(int(lo or 0), int(hi) + 1)
        elif re.fullmatch(r"\{\d+\}", op):
            counts = (int(op.strip("{}")),)
        else:
            return None
        out = [v + [tok] * c for v in out for c in counts]
        if len(out) > _MAX_VARIANTS:
            return None
    return [v for v in out if v]  # the Matcher drops empty matches


class _Expanded:
    """A token pattern without unbounded repetition, matched without the Matcher.

    It is the union of its fixed-length variants; each variant's tokens are
    tested at the positions its rarest indexed token allows, on per-Doc
    columns of hashes, with the Matcher's own semantics (hashes compared,
    REGEX as re.search on the attribute's text, IS_SENT_START true only for a
    sentence start). Matches equal the Matcher's (tested on corpus and stress
    text); a spaCy Matcher call per window cost far more than the tests.
    """

    def __init__(self, key: int, variants: list[list[list[tuple[int, int, object]]]], regex_words: "_RegexWords",
                 anchors: "_Anchors") -> None:
        self.key = key
        self.regex_words = regex_words
        # Per variant: its length, its tests flattened as (offset, attribute, test, value), the attributes
        # they read, and (offset, anchor id) of each test the Doc's index can list.
        self.variants = []
        for tokens in variants:
            tests = [(j, attr, op, value) for j, tok in enumerate(tokens) for attr, op, value in tok]
            found = [(j, anchors.id(attr, op, value)) for j, attr, op, value in tests if _indexable(attr, op, value)]
            self.variants.append((len(tokens), tests, sorted({attr for _, attr, _, _ in tests}), found))
            for _, attr, op, value in tests:
                if op == _REGEX:
                    regex_words.add(attr, value)
        # Anchors every variant has: when one is missing from a Doc, nothing can match there.
        self.required = sorted(set.intersection(*({a for _, a in v[3]} for v in self.variants)))

    @classmethod
    def compile(cls, key: int, pattern: list[dict], strings, regex_words: "_RegexWords",
                anchors: "_Anchors") -> "_Expanded | None":
        variants = _variants(pattern)
        if not variants:
            return None
        compiled = []
        for variant in variants:
            tokens = [_token_tests(tok, strings) for tok in variant]
            if any(t is None for t in tokens) or not any(_indexable(*test) for tok in tokens for test in tok):
                return None
            compiled.append(tokens)
        return cls(key, compiled, regex_words, anchors)

    def matches(self, doc: Doc, index: "_TokenIndex") -> list[tuple[int, int, int]]:
        anchor = index.anchor
        if any(not anchor(a) for a in self.required):
            return []  # most patterns, in most notices: a word they all need is not there
        n = len(doc)
        found = []
        for length, tests, attrs, anchors in self.variants:
            j, where = min(((j, anchor(a)) for j, a in anchors), key=lambda c: len(c[1]))
            if not where:
                continue
            columns = {attr: index.column(attr) for attr in attrs}
            for i in where:
                start = i - j
                if start < 0 or start + length > n:
                    continue
                for k, attr, op, value in tests:
                    v = columns[attr][start + k]
                    if op == _EQ:
                        ok = v == value
                    elif op == _IN:
                        ok = v in value
                    elif op == _NOT_IN:
                        ok = v not in value
                    else:
                        ok = self.regex_words.hit(attr, value, v, doc.vocab.strings)
                    if not ok:
                        break
                else:
                    found.append((self.key, start, start + length))
        return found


class _Anchors:
    """The indexable tests of every pattern, each numbered once (patterns share many: numbers, units, 'not'),
    so a Doc looks each one up once, by number."""

    def __init__(self) -> None:
        self.ids: dict[tuple, int] = {}
        self.specs: list[tuple[int, object]] = []  # (attribute, lookup) by id

    def id(self, attr: int, op: int, value) -> int:
        # The index takes a set of words as a sorted tuple of hashes, one word as a tuple of one, a regex as is.
        lookup = (True if attr in _FLAGS else tuple(sorted(value)) if op == _IN else (value,) if op == _EQ else value)
        key = (attr, lookup)
        if key not in self.ids:
            self.ids[key] = len(self.specs)
            self.specs.append(key)
        return self.ids[key]


def _indexable(attr: int, op: int, value) -> bool:
    """Whether the Doc's index can list the tokens that pass this test (so they can anchor a search)."""
    if attr in _FLAGS:
        return value == 1
    return op in (_EQ, _IN, _REGEX)


class _Anchored:
    """A token pattern run only around the rarest of its anchors in each Doc.

    Anchors are what every match must hold: each required token that names its
    words ('LOWER': 'not', 'LEMMA': {'IN': [...]}), a unit token (threshold
    patterns), a number (dates, codes) or a sentence start (list markers).
    Windows around the occurrences of any one anchor hold every match, so the
    anchor with the fewest occurrences in this Doc gives the Matcher the fewest
    tokens. An anchor at a fixed offset k (no operator before it) fixes the
    match start at i - k, and the window runs forward from there; otherwise it
    reaches `reach` tokens both ways. A missing word means no match at all.
    """

    def __init__(self, vocab, key: str, pattern: list[dict], reach: int, words, kinds) -> None:
        self.matcher = Matcher(vocab, validate=True)
        self.matcher.add(key, [pattern])
        self.reach = reach
        fixed = next((k for k, tok in enumerate(pattern) if "OP" in tok), len(pattern))
        self.words = [(k if k < fixed else None, attr, hashes) for k, attr, hashes in words]
        self.kinds = kinds  # [(kind name, offset or None)]

    def matches(self, doc: Doc, index: _TokenIndex):
        candidates = [(k, index.positions(attr, hashes)) for k, attr, hashes in self.words]
        candidates += [(k, index.kind(name)) for name, k in self.kinds]
        if any(not where for _, where in candidates):
            return  # something every match needs is not in this Doc
        candidates.sort(key=lambda c: len(c[1]))
        k, where = candidates[0]
        # A match holds every anchor within `reach` tokens: keep only occurrences of the rarest one
        # that have each of the others that close (most occurrences of 'not' have no 'in principle' near).
        for _, other in candidates[1:]:
            where = [i for i in where if _near(other, i, self.reach)]
            if not where:
                return
        if k is None:
            windows = _windows(where, self.reach, len(doc))
        else:
            windows = _windows([i - k for i in where if i >= k], self.reach, len(doc), forward=True)
        for a, b in windows:
            yield from ((key, a + s, a + e) for key, s, e in self.matcher(doc[a:b]))


class RuleMatcher:
    """The patterns of patterns/*.jsonl, with their ids on every span (like spaCy's SpanRuler).

    A Matcher pays for every token it is given, whatever its patterns (a
    Chinese Doc has a token per character), so patterns run where they can
    match and nowhere else: phrase-shaped patterns in a PhraseMatcher;
    one-token regular expressions that need a number on the numbers' texts;
    every other pattern around the rarest of its anchors in each Doc
    (_Anchored); only a pattern without any anchor in a Matcher over the whole
    Doc. The matches are those of one Matcher over the whole Doc (tested).
    """

    def __init__(self, nlp: Language, pset: PatternSet) -> None:
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.tokens = Matcher(nlp.vocab, validate=True)
        self.one_token: list[tuple[int, Callable[[str], object]]] = []  # (match key, regex search), tried on numbers
        self.number_hits: dict[int, tuple[int, ...]] = {}  # a number's ORTH hash -> the one-token patterns it matches
        self.anchored: list[_Anchored] = []
        self.regex_words = _RegexWords()
        self.expanded: list[_Expanded] = []
        self.anchor_ids = _Anchors()
        self.keys: dict[int, tuple[str, str]] = {}
        self.gap_bounds: dict[int, tuple[int, int]] = {}  # match-length bounds of patterns whose wide gap became '*'
        # Patterns that say which characters may follow a match ('next_chars': a date without 日 stands before
        # 前, 起 or a comma, not before 万吨): what the token Matcher cannot test, tested on the text.
        self.next_chars: dict[int, str] = {}
        # ... and which words may not stand right before one ('not_after': '(see 2303090032)' cites an article).
        self.not_after: dict[int, frozenset[str]] = {}
        # Phrase-shaped patterns, compiled once (tokenizing ~24,000 phrases) and then read from the cache.
        arrays = phrase_arrays(nlp, pset, "rules", LOWER, lambda: {
            f"{p.label}|{p.id}": phrases for p in pset.patterns
            if (phrases := as_phrases(p.pattern, nlp.make_doc, lemma_forms)) is not None})
        for p in pset.patterns:
            try:
                self._add(nlp, p, arrays)
            except ValueError as exc:  # spaCy's MatchPatternError: a pattern file edited by hand
                check_token_patterns(pset)  # names the pattern and what is wrong, in one line
                raise PatternError(f"pattern {p.id}: {' '.join(str(exc).split())[:200]}") from None
        self.filtered = set(self.next_chars) | set(self.not_after)  # keys of patterns with either

    def _kept(self, doc: Doc, m: tuple[int, int, int]) -> bool:
        """Whether a match passes its pattern's next_chars and not_after."""
        key, start, end = m
        chars = self.next_chars.get(key)
        words = self.not_after.get(key)
        return (chars is None or next_char(doc, end) in chars) and (words is None or not after_word(doc, start, words))

    def _add(self, nlp: Language, p, arrays: dict) -> None:
        """Compile one pattern into the matcher that runs it fastest."""
        name = f"{p.label}|{p.id}"
        key = nlp.vocab.strings.add(name)
        self.keys[key] = (p.label, p.id)
        if p.attrs.get("next_chars"):
            self.next_chars[key] = str(p.attrs["next_chars"])
        if p.attrs.get("not_after"):
            self.not_after[key] = frozenset(str(p.attrs["not_after"]).split("|"))
        if name in arrays:
            self.phrases.add(name, arrays[name])
            return
        regex = _one_token_regex(p.pattern)
        if regex is not None and _needs_number(p):
            self.one_token.append((key, re.compile(regex).search))
            return
        pattern, reach = _native_units(p.pattern), _longest(p.pattern)
        expanded = _Expanded.compile(key, pattern, nlp.vocab.strings, self.regex_words, self.anchor_ids)
        if expanded is not None:
            self.expanded.append(expanded)
            return
        if (starred := _starred(pattern)) is not None:
            pattern, lo, reach = starred
            self.gap_bounds[key] = (lo, reach)
        kinds = [(kind, offset) for kind, offset, needed in (
            ("unit", None, _needs_unit(p.pattern)), ("sentence", 0, _at_sentence_start(p.pattern)),
            ("number", None, _needs_number(p))) if needed]
        words = _anchors(p.pattern, nlp.vocab.strings)
        for _, attr, value in words:
            if isinstance(value, str):
                self.regex_words.add(attr, value)
        if words or kinds:
            self.anchored.append(_Anchored(nlp.vocab, name, pattern, reach, words, kinds))
        else:
            self.tokens.add(name, [pattern])

    def __call__(self, doc: Doc) -> Doc:
        found = set(self.phrases(doc))
        matches = list(self.tokens(doc)) if len(self.tokens) else []  # an empty Matcher still walks every token
        index = _TokenIndex(doc, self.regex_words, self.anchor_ids.specs)
        for expanded in self.expanded:
            matches.extend(expanded.matches(doc, index))
        for anchored in self.anchored:
            matches.extend(anchored.matches(doc, index))
        found.update((k, s, e) for k, s, e in matches
                     if k not in self.gap_bounds or self.gap_bounds[k][0] <= e - s <= self.gap_bounds[k][1])
        if self.one_token:
            # A one-token pattern can only match a number itself: its regular expression is tried on the
            # numbers' texts alone, as spaCy's REGEX predicate does (re.search on Token.text).
            # Which patterns a number's text matches is remembered by its hash: numbers recur ('2025', '0.1').
            numbers = index.kind("number")
            hits = self.number_hits
            for i, orth in zip(numbers, index.table[numbers, 1].tolist()):
                keys = hits.get(orth)
                if keys is None:
                    text = doc.vocab.strings[orth]
                    keys = hits[orth] = tuple(key for key, search in self.one_token if search(text))
                found.update((key, i, i + 1) for key in keys)
        if self.filtered:
            # Only the few matches of patterns with next_chars or not_after are looked at, by key.
            for m in [m for m in found if m[0] in self.filtered]:
                if not self._kept(doc, m):
                    found.discard(m)
        spans = []
        for key, start, end in sorted(found, key=lambda m: (m[1], m[2], m[0])):
            label, pid = self.keys[key]
            spans.append(Span(doc, start, end, label=label, span_id=pid))
        keep_spans(doc, RULES_KEY, spans)
        return doc


def after_word(doc: Doc, start: int, words: frozenset[str]) -> bool:
    """Whether the token before `start` is one of `words` (lower case)."""
    return start > 0 and doc[start - 1].lower_ in words


def next_char(doc: Doc, end: int, reach: int = 8) -> str:
    """The first character within `reach` characters after token `end - 1`, past white space; '\x00' if none.
    Read from the tokens: Doc.text would join every token of the Doc again (a Chinese Doc has one per character)."""
    gap = len(doc[end - 1].whitespace_)
    for i in range(end, len(doc)):
        if gap >= reach:
            break
        tok = doc[i]
        word = tok.text
        rest = word.lstrip()
        if rest:
            gap += len(word) - len(rest)
            return rest[0] if gap < reach else "\x00"
        gap += len(word) + len(tok.whitespace_)
    return "\x00"


_MAX_PHRASES = 5000


@lru_cache(maxsize=1)
def _lemma_index() -> dict[str, tuple[str, ...]]:
    """lemma -> the lower-case words LookupLemmas gives that lemma (the lookup table, reversed)."""
    import gzip
    import json as _json

    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lemma_lookup.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        table: dict[str, str] = _json.load(fh)
    index: dict[str, set[str]] = {}
    for word, lemma in table.items():
        if word == word.lower():
            index.setdefault(lemma, set()).add(word)
    return {lemma: tuple(sorted(words)) for lemma, words in index.items()}


def lemma_forms(lemma: str) -> list[str]:
    """Every lower-case word whose lookup lemma is `lemma` (the word itself when the table keeps it)."""
    forms = set(_lemma_index().get(lemma, ()))
    if _lookup_lemma(lemma) == lemma:
        forms.add(lemma)
    return sorted(forms)


@lru_cache(maxsize=1)
def _lookup_table():
    from spacy.lookups import load_lookups

    return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


def _lookup_lemma(word: str) -> str:
    return _lookup_table().get(word, word)


def as_phrases(pattern: list[dict] | str, tokenize=None, expand_lemma=None) -> list[str] | None:
    """The phrases a lower-case-only token pattern matches, or None.

    Such patterns run in the PhraseMatcher, many times faster than the token
    Matcher. Tokens may be optional ("OP": "?") and may give punctuation by
    ORTH; patterns with other operators, lemmas, shapes, numbers or regexes
    stay token patterns. With `tokenize`, values the tokenizer would split into
    several tokens are dropped: as one token pattern they could never match, and
    the conversion must not change what matches.
    """
    if isinstance(pattern, str):
        return [pattern]
    options: list[list[str]] = []
    for tok in pattern:
        keys = set(tok) - {"OP"}
        if tok.get("OP", "?") != "?" or len(keys) != 1:
            return None
        (attr,) = keys
        value = tok[attr]
        values = [value] if isinstance(value, str) else (value.get("IN") if isinstance(value, dict) and set(value) == {"IN"} else None)
        if values is None or attr not in {"LOWER", "ORTH", "LEMMA"} or (attr == "LEMMA" and expand_lemma is None):
            return None
        if attr == "LEMMA":
            # A lemma stands for every word the lookup table maps to it.
            values = sorted({form for v in values for form in expand_lemma(str(v))})
        if attr == "ORTH" and any(ch.isalpha() for v in values for ch in str(v)):
            return None  # case matters there; the PhraseMatcher here compares lower case
        choices = [str(v).lower() for v in values if tokenize is None or len(tokenize(str(v))) == 1]
        if not choices:
            return None
        options.append(choices + [""] if tok.get("OP") == "?" else choices)
    phrases = [[]]
    for choices in options:
        phrases = [head + ([c] if c else []) for head in phrases for c in choices]
        if len(phrases) > _MAX_PHRASES:
            return None
    # Tokens are joined with spaces; the tokenizer splits them the same way in patterns and texts.
    return sorted({" ".join(p) for p in phrases if p})


def build_nlp(model: str | None = None, patterns_dir: Path | None = None) -> Language:
    """Build the pipeline on spacy.blank('en'), or on an installed trained model if named."""
    folder = str(patterns_dir) if patterns_dir else ""
    cfg = {"patterns_dir": folder}
    if model:
        try:
            nlp = spacy.load(model, exclude=["ner"])
        except OSError:
            raise ControlbriefError(f"spaCy model {model!r} is not installed (it is optional: omit --model)") from None
        _customize_tokenizer(nlp)
    else:
        nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "controlbrief.tokenizer.v1"}}})
    first = nlp.pipe_names[0] if nlp.pipe_names else None
    nlp.add_pipe("cb_units", config=cfg, before=first) if first else nlp.add_pipe("cb_units", config=cfg)
    nlp.add_pipe("cb_lexicon", config=cfg, after="cb_units")
    if not (nlp.has_pipe("parser") or nlp.has_pipe("senter")):
        nlp.add_pipe("cb_sentences", after="cb_lexicon")
    if not nlp.has_pipe("lemmatizer"):
        nlp.add_pipe("cb_lemmas")
    nlp.add_pipe("cb_rules", config=cfg, last=True)
    return nlp
