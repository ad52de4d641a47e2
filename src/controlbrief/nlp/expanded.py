"""Token patterns of fixed-length variants, tested on per-Doc columns without spaCy's Matcher."""

from __future__ import annotations

import re

from spacy.attrs import LEMMA, LIKE_NUM, LOWER, NORM, ORTH, SENT_START
from spacy.tokens import Doc

from controlbrief.nlp.index import RegexWords, TokenIndex

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


class Expanded:
    """A token pattern without unbounded repetition, matched without the Matcher.

    It is the union of its fixed-length variants; each variant's tokens are
    tested at the positions its rarest indexed token allows, on per-Doc
    columns of hashes, with the Matcher's own semantics (hashes compared,
    _REGEX as re.search on the attribute's text, IS_SENT_START true only for a
    sentence start). Matches equal the Matcher's (tested on corpus and stress
    text); a spaCy Matcher call per window cost far more than the tests.
    """

    def __init__(self, key: int, variants: list[list[list[tuple[int, int, object]]]], regex_words: "RegexWords",
                 anchors: "Anchors") -> None:
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
    def compile(cls, key: int, pattern: list[dict], strings, regex_words: "RegexWords",
                anchors: "Anchors") -> "Expanded | None":
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

    def matches(self, doc: Doc, index: "TokenIndex") -> list[tuple[int, int, int]]:
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


class Anchors:
    """The _indexable tests of every pattern, each numbered once (patterns share many: numbers, units, 'not'),
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

