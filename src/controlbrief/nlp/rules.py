"""cb_rules: the patterns of patterns/*.jsonl, each run by the matcher that runs it fastest."""

from __future__ import annotations

import re
from typing import Callable

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from controlbrief.errors import PatternError
from controlbrief.nlp.expanded import Anchors, Expanded
from controlbrief.nlp.index import Anchored, IndexedWords, RegexWords, TokenIndex, anchors_of
from controlbrief.nlp.lemmas import lemma_forms
from controlbrief.nlp.phrases import as_phrases, pattern_set, phrase_arrays
from controlbrief.nlp.spans import RULES_KEY, keep_spans
from controlbrief.nlp.units import UNIT_NORM
from controlbrief.patterns import PatternSet, check_token_patterns

@Language.factory("cb_rules", default_config={"patterns_dir": ""})
def make_rules(nlp: Language, name: str, patterns_dir: str) -> "RuleMatcher":
    return RuleMatcher(nlp, pattern_set(patterns_dir))


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


def _native_units(pattern: list[dict]) -> list[dict]:
    """The pattern with each {'_': {'unit': ...}} test made on NORM, where UnitTagger also writes the unit."""
    out = []
    for tok in pattern:
        test = tok.get("_")
        if isinstance(test, dict) and set(test) == {"unit"}:
            value = test["unit"]
            if isinstance(value, str):
                value = UNIT_NORM + value
            elif isinstance(value, dict) and set(value) <= {"IN", "NOT_IN"}:
                value = {op: [UNIT_NORM + v for v in values] for op, values in value.items()}
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


class RuleMatcher:
    """The patterns of patterns/*.jsonl, with their ids on every span (like spaCy's SpanRuler).

    A Matcher pays for every token it is given, whatever its patterns (a
    Chinese Doc has a token per character), so patterns run where they can
    match and nowhere else: phrase-shaped patterns in a PhraseMatcher;
    one-token regular expressions that need a number on the numbers' texts;
    every other pattern around the rarest of its anchors in each Doc
    (Anchored); only a pattern without any anchor in a Matcher over the whole
    Doc. The matches are those of one Matcher over the whole Doc (tested).
    """

    def __init__(self, nlp: Language, pset: PatternSet) -> None:
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.tokens = Matcher(nlp.vocab, validate=True)
        self.one_token: list[tuple[int, Callable[[str], object]]] = []  # (match key, regex search), tried on numbers
        self.number_hits: dict[int, tuple[int, ...]] = {}  # a number's ORTH hash -> the one-token patterns it matches
        self.anchored: list[Anchored] = []
        self.regex_words = RegexWords()
        self.expanded: list[Expanded] = []
        self.anchor_ids = Anchors()
        # Match key -> (label, pattern id) as string hashes: a Span made from hashes costs a fifth of one made from
        # strings, and a notice has a thousand or more.
        self.keys: dict[int, tuple[int, int]] = {}
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
        # The words anchors look tokens up by, so each Doc's index holds only the tokens that carry one.
        self.indexed = IndexedWords()
        for attr, lookup in self.anchor_ids.specs:
            if isinstance(lookup, tuple):
                self.indexed.add(attr, lookup)
        for anchored in self.anchored:
            for _, attr, lookup in anchored.words:
                if isinstance(lookup, tuple):
                    self.indexed.add(attr, lookup)
        self.indexed.freeze()

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
        self.keys[key] = (nlp.vocab.strings.add(p.label), nlp.vocab.strings.add(p.id))
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
        expanded = Expanded.compile(key, pattern, nlp.vocab.strings, self.regex_words, self.anchor_ids)
        if expanded is not None:
            self.expanded.append(expanded)
            return
        if (starred := _starred(pattern)) is not None:
            pattern, lo, reach = starred
            self.gap_bounds[key] = (lo, reach)
        kinds = [(kind, offset) for kind, offset, needed in (
            ("unit", None, _needs_unit(p.pattern)), ("sentence", 0, _at_sentence_start(p.pattern)),
            ("number", None, _needs_number(p))) if needed]
        words = anchors_of(p.pattern, nlp.vocab.strings)
        for _, attr, value in words:
            if isinstance(value, str):
                self.regex_words.add(attr, value)
        if words or kinds:
            self.anchored.append(Anchored(nlp.vocab, name, pattern, reach, words, kinds))
        else:
            self.tokens.add(name, [pattern])

    def __call__(self, doc: Doc) -> Doc:
        found = set(self.phrases(doc))
        matches = list(self.tokens(doc)) if len(self.tokens) else []  # an empty Matcher still walks every token
        index = TokenIndex(doc, self.regex_words, self.anchor_ids.specs, self.indexed)
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

