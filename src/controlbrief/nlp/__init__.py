"""Build the spaCy pipeline: tokenizer fixes, units, lexicons, sentences, lemmas, rules.

This package owns everything spaCy-specific up to matched spans; it builds no
provisions. Pipeline: cb_units -> cb_lexicon -> cb_sentences -> cb_lemmas ->
cb_rules (patterns/*.jsonl matched as phrases or token patterns; pattern ids land on Span.id_).
"""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from controlbrief.errors import ControlbriefError
# Each module below registers its pipeline component (or the tokenizer) with spaCy when imported.
from controlbrief.nlp.lemmas import lemma_forms
from controlbrief.nlp.lexicon import LexiconTagger
from controlbrief.nlp.phrases import as_phrases
from controlbrief.nlp.rules import RuleMatcher, after_word, next_char
from controlbrief.nlp.sentences import BULLETS, sentence_starts, set_sentences
from controlbrief.nlp.spans import LEXICON_KEY, RULES_KEY, UNIT_OF, keep_spans, longest_first, sentence_spans, spans_of
from controlbrief.nlp.tokenizer import customize_tokenizer
from controlbrief.nlp.units import UnitTagger

__all__ = ["BULLETS", "LEXICON_KEY", "RULES_KEY", "UNIT_OF", "LexiconTagger", "RuleMatcher", "UnitTagger",
           "after_word", "as_phrases", "build_nlp", "keep_spans", "lemma_forms", "longest_first", "next_char",
           "sentence_spans", "sentence_starts", "set_sentences", "spans_of"]


def build_nlp(model: str | None = None, patterns_dir: Path | None = None) -> Language:
    """Build the pipeline on spacy.blank('en'), or on an installed trained model if named."""
    folder = str(patterns_dir) if patterns_dir else ""
    cfg = {"patterns_dir": folder}
    if model:
        try:
            nlp = spacy.load(model, exclude=["ner"])
        except OSError:
            raise ControlbriefError(f"spaCy model {model!r} is not installed (it is optional: omit --model)") from None
        customize_tokenizer(nlp)
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
