"""cb_lexicon: PhraseMatchers over the lexicons (elements, goods, countries, ...)."""

from __future__ import annotations

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
        self.keys: dict[int, tuple[str, str, bool]] = {}
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

