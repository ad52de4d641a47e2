"""cb_lemmas: lemmas from spacy-lookups-data's English table, and the words that share one."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc

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
    table.update(_fixes())
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

    table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
    for word, lemma in _fixes().items():
        table[word] = lemma
    return table


@lru_cache(maxsize=1)
def _fixes() -> dict[str, str]:
    """patterns/lemma_fixes.json: words the lookup table lemmatizes wrongly ('does' is not 'doe'). The file is part of
    the pattern set's digest, so phrase arrays cached with the old lemmas are rebuilt."""
    import json as _json

    from controlbrief.paths import patterns_dir

    path = patterns_dir() / "lemma_fixes.json"
    return dict(_json.loads(path.read_text(encoding="utf-8"))["fixes"]) if path.is_file() else {}


def _lookup_lemma(word: str) -> str:
    return _lookup_table().get(word, word)

