"""Where the words and kinds of token that patterns need occur in a Doc, and patterns run around them."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from itertools import chain
from typing import Callable

import numpy
from spacy.attrs import LEMMA, LIKE_NUM, LOWER, NORM, ORTH, SENT_START, SHAPE
from spacy.matcher import Matcher
from spacy.tokens import Doc

from controlbrief.nlp.spans import UNIT_OF
from controlbrief.nlp.units import with_digit

def _near(positions: list[int], i: int, reach: int) -> bool:
    """Whether a sorted list of token positions has one closer than `reach` tokens to i."""
    j = bisect_left(positions, i - reach + 1)
    return j < len(positions) and positions[j] < i + reach


def _match_windows(anchors, reach: int, length: int, forward: bool = False) -> list[tuple[int, int]]:
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


def anchors_of(pattern: list[dict], strings) -> list[tuple[int, int, tuple[int, ...] | str]]:
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


class RegexWords:
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

    def words(self, attr: int, distinct, strings) -> dict[str, list[int]]:
        """For each regex of the attribute, which of the `distinct` word hashes it matches (re.search, as
        spaCy's REGEX)."""
        found: dict[str, list[int]] = {}
        for h in distinct:
            for r in self._matched(attr, h, strings):
                found.setdefault(r, []).append(h)
        return found


_TABLE_ATTRS = (LOWER, ORTH, LEMMA, NORM)


def _members(column: numpy.ndarray, known: numpy.ndarray) -> numpy.ndarray:
    """Indices of the values of `column` found in the sorted array `known` (a binary search each: numpy.isin
    sorts both arrays on every call)."""
    if not len(known) or not len(column):
        return numpy.zeros(0, dtype="int64")
    at = numpy.searchsorted(known, column).clip(max=len(known) - 1)
    return numpy.flatnonzero(known[at] == column)


class IndexedWords:
    """Every word (hash) some pattern looks a token up by, per attribute: a Doc's index lists only the tokens that
    hold one of them."""

    def __init__(self) -> None:
        self._sets: dict[int, set[int]] = {}
        self._covered: dict[tuple[int, tuple[int, ...]], bool] = {}
        self.hashes: dict[int, numpy.ndarray] = {}

    def add(self, attr: int, words: tuple[int, ...]) -> None:
        self._sets.setdefault(attr, set()).update(words)
        self.hashes.pop(attr, None)
        self._covered.clear()

    def freeze(self) -> None:
        self.hashes = {attr: numpy.array(sorted(words), dtype="uint64") for attr, words in self._sets.items()}

    def covers(self, attr: int, words: tuple[int, ...]) -> bool:
        """Whether every word of `words` is registered (remembered: the same sets are asked of every Doc)."""
        found = self._covered.get((attr, words))
        if found is None:
            known = self._sets.get(attr)
            found = self._covered[(attr, words)] = (known is not None and attr in self.hashes
                                                    and all(h in known for h in words))
        return found


class TokenIndex:
    """Where words and kinds of token occur in a Doc, built once per Doc from arrays (no Token objects).

    Words by attribute (LOWER, ORTH, LEMMA); kinds are 'unit' (tokens cb_units
    tagged), 'number' (a digit in the shape, or a number word) and 'sentence'
    (sentence starts).
    """

    def __init__(self, doc: Doc, regexes: "RegexWords", anchor_specs: list, words: "IndexedWords | None" = None) -> None:
        self.doc = doc
        self.regexes = regexes
        self.anchor_specs = anchor_specs
        self.words = words
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

    def _array(self, attr: int) -> numpy.ndarray:
        if attr in _TABLE_ATTRS:
            return self.table[:, _TABLE_ATTRS.index(attr)]
        return numpy.array(self.column(attr), dtype="uint64")

    def _positions(self, attr: int, words: tuple[int, ...] | str) -> list[int]:
        if isinstance(words, str):
            # Each distinct word once, and each word's regexes remembered across Docs (RegexWords); then the
            # tokens holding the words a regex matched, found by numpy.
            by_regex = self.by_regex.get(attr)
            if by_regex is None:
                distinct = numpy.unique(self._array(attr)).tolist()
                by_regex = self.by_regex[attr] = self.regexes.words(attr, distinct, self.doc.vocab.strings)
            hashes = by_regex.get(words)
            if not hashes:
                return []
            return _members(self._array(attr), numpy.array(sorted(hashes), dtype="uint64")).tolist()
        index = self.by_attr.get(attr)
        if index is None:
            # A dict of positions by value, built over the tokens holding a word some pattern names (numpy picks
            # them out: most tokens are none, and a Python loop over every token was a third of cb_rules).
            column = self._array(attr)
            known = self.words.hashes.get(attr) if self.words is not None else None
            at = _members(column, known) if known is not None else numpy.arange(len(column))
            index = self.by_attr[attr] = defaultdict(list)
            for i, h in zip(at.tolist(), column[at].tolist()):
                index[h].append(i)
        if self.words is not None and not self.words.covers(attr, words):
            # Words no pattern registered (not expected): read from the whole column.
            return numpy.flatnonzero(numpy.isin(self._array(attr), list(words))).tolist()
        found = [index[h] for h in words if h in index]
        return found[0] if len(found) == 1 else sorted(chain.from_iterable(found))

    def anchor(self, number: int) -> list[int]:
        """Positions of the tokens that pass the indexable test numbered `number` (see Anchors), in order."""
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
        return numpy.flatnonzero(with_digit(shapes[:, 0], doc.vocab.strings) | (shapes[:, 1] != 0)).tolist()


class Anchored:
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
        self.name = key  # 'label|pattern id'
        self.matcher = Matcher(vocab, validate=True)
        self.matcher.add(key, [pattern])
        self.reach = reach
        fixed = next((k for k, tok in enumerate(pattern) if "OP" in tok), len(pattern))
        self.words = [(k if k < fixed else None, attr, hashes) for k, attr, hashes in words]
        self.kinds = kinds  # [(kind name, offset or None)]

    def matches(self, doc: Doc, index: TokenIndex):
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
            windows = _match_windows(where, self.reach, len(doc))
        else:
            windows = _match_windows([i - k for i in where if i >= k], self.reach, len(doc), forward=True)
        for a, b in windows:
            yield from ((key, a + s, a + e) for key, s, e in self.matcher(doc[a:b]))

