"""cb_lexicon: PhraseMatchers over the lexicons (elements, goods, countries, ...)."""

from __future__ import annotations

import numpy
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from controlbrief.nlp.phrases import pattern_set, phrase_arrays
from controlbrief.nlp.spans import LEXICON_KEY, keep_spans, longest_first
from controlbrief.patterns import PatternSet

@Language.factory("cb_lexicon", default_config={"patterns_dir": ""})
def make_lexicon(nlp: Language, name: str, patterns_dir: str) -> "LexiconTagger":
    return LexiconTagger(nlp, pattern_set(patterns_dir))


# Shared heads ('semiconductor, quantum and additive manufacturing items'): the head nouns, the words that join the
# modifiers, the most words a modifier run may have, and the lexicons read so.
_HEADS = {"items", "item", "equipment", "technology", "technologies", "materials", "material", "products", "systems",
          "devices", "chips", "machines", "tools"}
_COORDINATORS = {",", "and", "or", "and/or"}
_RUN = 3
_SHARED_LABELS = {"goods"}


# Names of goods and technologies are also written hyphenated inside a compound ('lithium-battery-related
# items', 'cathode-material-related'): each form of several words is matched so too.
_HYPHENATED_LABELS = {"goods", "technology"}


def _hyphenated(label: str, forms: list[str]) -> list[str]:
    if label not in _HYPHENATED_LABELS:
        return forms
    extra = [f.replace(" ", "-") for f in forms if " " in f and "-" not in f]
    return forms + [f for f in dict.fromkeys(extra) if f not in forms]


class LexiconTagger:
    """PhraseMatchers over every lexicon but units; spans go to doc.spans['lexicon'].

    Each span's label is the lexicon's label and its kb_id the canonical name.
    """

    def __init__(self, nlp: Language, pset: PatternSet) -> None:
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        # Match key -> (label, canonical name, span id) as string hashes: a Span made from hashes costs a fifth of
        # one made from strings, and a notice has hundreds.
        self.keys: dict[int, tuple[int, int, int]] = {}
        add = nlp.vocab.strings.add
        entries = [(lex.label, entry) for name, lex in pset.lexicons.items() if name != "units" for entry in lex.entries]
        lower = phrase_arrays(nlp, pset, "lexicon-lower", LOWER,
                              lambda: {f"{label}|{e.id}": _hyphenated(label, e.forms) for label, e in entries if e.forms})
        exact = phrase_arrays(nlp, pset, "lexicon-exact", ORTH,
                              lambda: {f"{label}|{e.id}|exact": e.exact for label, e in entries if e.exact})
        for label, entry in entries:
            key = f"{label}|{entry.id}"
            if key in lower:
                self.lower.add(key, lower[key])
            if key + "|exact" in exact:
                self.exact.add(key + "|exact", exact[key + "|exact"])
            # An exact (case-sensitive) form is marked in the span's id for builders that care.
            self.keys[nlp.vocab.strings[key]] = (add(label), add(entry.id), 0)
            self.keys[nlp.vocab.strings[key + "|exact"]] = (add(label), add(entry.id), add("exact"))
        # Forms of goods that end in a head noun, as words: ('quantum', 'items') -> quantum computer.
        self.shared: dict[tuple[str, ...], tuple[str, str]] = {}
        for label, entry in entries:
            if label in _SHARED_LABELS:
                for form in entry.forms:
                    words = tuple(form.lower().replace("-", " - ").split())
                    if len(words) > 1 and words[-1] in _HEADS:
                        self.shared.setdefault(words, (label, entry.id))
        self.head_keys = [nlp.vocab.strings.add(h) for h in _HEADS]
        self.joiner_keys = {nlp.vocab.strings.add(j) for j in _COORDINATORS}
        self.joiner_list = sorted(self.joiner_keys)
        self.strings = nlp.vocab.strings

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.lower(doc) + self.exact(doc):
            label, canonical, span_id = self.keys[match_id]
            spans.append(Span(doc, start, end, label=label, kb_id=canonical, span_id=span_id))
        if self.shared and len(doc):
            spans += self._shared_head(doc)
        keep_spans(doc, LEXICON_KEY, longest_first(spans))
        return doc

    def _shared_head(self, doc: Doc) -> list[Span]:
        """Goods named by modifiers that share one head noun with the goods after them: 'several semiconductor,
        quantum, and additive manufacturing items' names quantum items as well ('quantum items' is a form). Each
        modifier run before the last (up to three words, joined by commas, 'and', 'or') is read with the head,
        and with the last run's words nearest the head ('rare earth, battery and semiconductor manufacturing
        equipment'); a run that makes a form is a span of that goods over its own words."""
        lowers = doc.to_array(LOWER)
        heads = numpy.flatnonzero(numpy.isin(lowers, self.head_keys))
        heads = heads[heads >= 3]
        if not len(heads):
            return []
        # Only where a comma, 'and' or 'or' comes within five words before the head (counted on one cumulative sum).
        joined = numpy.concatenate(([0], numpy.cumsum(numpy.isin(lowers, self.joiner_list))))
        heads = heads[joined[heads] - joined[numpy.maximum(heads - 5, 0)] > 0]
        if not len(heads):
            return []
        lowers = lowers.tolist()
        found: list[Span] = []
        strings = self.strings
        for h in heads.tolist():
            runs, end, coordinated = [], h, False
            while True:
                start = end
                while (start > 0 and end - start < _RUN and lowers[start - 1] not in self.joiner_keys
                       and strings[lowers[start - 1]].isalpha()):
                    start -= 1
                if start == end:
                    break
                runs.append((start, end))
                k = start
                while k > 0 and lowers[k - 1] in self.joiner_keys:
                    k -= 1
                    coordinated = coordinated or strings[lowers[k]] != ","
                if k == start:
                    break
                end = k
            if len(runs) < 2 or not coordinated:
                continue
            last = tuple(strings[w] for w in lowers[runs[0][0]:h])
            tails = [last[i:] + (strings[lowers[h]],) for i in range(len(last), -1, -1)]
            for start, end in runs[1:]:
                words = tuple(strings[w] for w in lowers[start:end])
                for i in range(len(words)):  # the words nearest the head first: 'several semiconductor' -> 'semiconductor'
                    hit = next((self.shared[words[i:] + t] for t in tails if words[i:] + t in self.shared), None)
                    if hit:
                        found.append(Span(doc, start + i, end, label=hit[0], kb_id=hit[1]))
                        break
        return found

