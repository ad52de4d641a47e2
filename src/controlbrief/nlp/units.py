"""cb_units: numbers split from their units and comparators, multi-word units merged, unit tokens mapped."""

from __future__ import annotations

import re
from bisect import bisect_left

import numpy
from spacy.attrs import IDX, IS_STOP, LENGTH, LIKE_NUM, NORM, ORTH, SHAPE
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from controlbrief.nlp.phrases import pattern_set
from controlbrief.nlp.spans import UNIT_OF
from controlbrief.nlp.tokenizer import COMPARATOR
from controlbrief.patterns import PatternSet

UNIT_NORM = "cb-unit:"  # NORM of a unit token: 'cb-unit:percent' (see UnitTagger, _native_units)
_NUM_UNIT = re.compile(r"^(" + COMPARATOR + r")?(\d+(?:[.,]\d+)?)([A-Za-z/µ°²³][A-Za-z0-9/µ°²³]*)?$")
# Unit-shaped tokens: a short symbol with a capital inside ('kV', 'MHz'), or a slash ('kA/m').
_UNIT_SHAPE = re.compile(r"^(?=.*([a-zµμΩ°][A-Z]|/))[A-Za-zµμΩ°]{1,4}(/[A-Za-z0-9²³]{1,4})?[0-9²³]?$")
_NOT_UNITS = {"or", "and", "per", "to", "of", "in", "at", "by"}

# SHAPE hash -> whether that shape ('dd.d', 'dXddd') holds a digit. Hashes are the same in every Vocab.
_DIGIT_SHAPES: dict[int, bool] = {}


def _has_digit(shape: int, strings) -> bool:
    known = _DIGIT_SHAPES.get(shape)
    if known is None:
        known = _DIGIT_SHAPES[shape] = "d" in strings[shape]
    return known


def with_digit(shapes, strings):
    """Which of an array of SHAPE hashes hold a digit, each distinct shape tested once (a boolean array)."""
    return numpy.isin(shapes, [shape for shape in numpy.unique(shapes).tolist() if _has_digit(shape, strings)])


_LEAD_GROUP = re.compile(r"^\d{1,3}$")
_THOUSANDS = re.compile(r"^\d{3}(?:[.,]\d+)?$")
_NARROW_SPACES = {"\u00a0", "\u2009", "\u202f"}  # spaCy keeps these as tokens of their own


def _digit_groups(doc: Doc, table, strings) -> list[tuple[int, int]]:
    """(start, end) of numbers written in groups of three ('1 000 W', '10 000 000', '1\u2009000,5'), the
    thousands separator of EU and ISO texts: one space, or one narrow or no-break space, between the groups.
    Only tokens of one to three digits are looked at, and Token objects made only where a group may follow."""
    shapes = table[:, 5]
    leads = numpy.flatnonzero(numpy.isin(shapes[:-1], [strings.add(s) for s in ("d", "dd", "ddd")]))
    # Only where the next token is a group of three ('000', '000.5': shape 'ddd...') or a narrow space.
    nxt = shapes[leads + 1]
    follows = [h for h in numpy.unique(nxt).tolist() if strings[h].startswith("ddd") or strings[h] in _NARROW_SPACES]
    leads = leads[numpy.isin(nxt, follows)].tolist()
    found: list[tuple[int, int]] = []
    n = len(doc)
    for i in leads:
        if found and found[-1][1] > i:
            continue  # a group of a number already found
        end = i + 1
        while end < n:
            gap = doc[end - 1].whitespace_
            nxt = end
            if not gap and doc[end].text in _NARROW_SPACES and end + 1 < n and not doc[end].whitespace_:
                nxt = end + 1
            elif gap != " ":
                break
            if not _THOUSANDS.match(doc[nxt].text):
                break
            end = nxt + 1
            if not _LEAD_GROUP.match(doc[end - 1].text):
                break  # '1 000.5' ends at its decimals
        # A run that follows another short number ('Table 2 300 ...') is no number in groups.
        if end > i + 1 and (i == 0 or not (_LEAD_GROUP.match(doc[i - 1].text) and doc[i - 1].whitespace_ == " ")):
            found.append((i, end))
    return found


_LETTER_STOP = re.compile(r"^[A-Za-z0-9²³]\.$")


def _slash_unit_ends(doc: Doc, table, strings) -> list[int]:
    """Tokens like 'g.' that end a unit written with a slash right after a number ('350 mAh/g.', '30 m/s.')."""
    found = []
    for i in numpy.flatnonzero(table[:, 4] == strings.add("/")).tolist():
        if 2 <= i < len(doc) - 1 and table[i - 2, 2] and _LETTER_STOP.match(strings[int(table[i + 1, 4])]) \
                and not doc[i - 1].whitespace_ and not doc[i].whitespace_:
            found.append(i + 1)
    return found


@Language.factory("cb_units", default_config={"patterns_dir": ""})
def make_units(nlp: Language, name: str, patterns_dir: str) -> "UnitTagger":
    return UnitTagger(nlp, pattern_set(patterns_dir))


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
        digits = numpy.flatnonzero(with_digit(table[:, 5], strings))
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
        ends = _slash_unit_ends(doc, table, strings)
        if ends:
            # '≥ 350 mAh/g.': the tokenizer keeps a sentence's full stop on a unit's last letter ('g.' is one of its
            # abbreviations); set apart, the unit's tokens ('mAh', '/', 'g') are the phrase its lexicon form makes.
            with doc.retokenize() as retok:
                for i in ends:
                    retok.split(doc[i], [doc[i].text[:-1], "."], heads=[(doc[i], 0), (doc[i], 0)])
            table = doc.to_array(self._COLUMNS)
        groups = _digit_groups(doc, table, strings)
        if groups:
            with doc.retokenize() as retok:
                for start, end in groups:
                    # LIKE_NUM goes to the lexeme too: token patterns and the unit tagging below read it.
                    retok.merge(doc[start:end], attrs={"LIKE_NUM": True})
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
                norms[k] = strings.add(UNIT_NORM + label)
            doc.from_array([NORM], norms)
        # Where the units are and which unit each is (Token._.unit reads it here): threshold patterns need
        # only look there (RuleMatcher), and builders read the unit from this map.
        doc.user_data[UNIT_OF] = units
        return doc

