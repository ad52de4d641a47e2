"""Patterns that are fixed word sequences, as the phrases a PhraseMatcher takes (compiled once, cached)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from spacy.attrs import LOWER
from spacy.language import Language

from controlbrief import cache
from controlbrief.patterns import PatternSet, load_pattern_set

def pattern_set(folder: str) -> PatternSet:
    return load_pattern_set(Path(folder) if folder else None)  # cached there, and forgotten there on a reload


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

_MAX_PHRASES = 5000


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

