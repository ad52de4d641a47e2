"""The tokenizer: spaCy's, with comparators split off and the abbreviations of notices kept whole."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

# Abbreviations whose full stop never ends a sentence in notices.
_ABBREVIATIONS = (
    "No.", "Nos.", "no.", "nos.", "Ann.", "Anns.", "Art.", "Arts.", "art.", "para.", "Para.", "paras.", "Reg.",
    "Co.", "Ltd.", "Inc.", "Corp.", "approx.", "incl.", "cf.", "Fig.", "Vol.", "vol.", "Sec.",
    "sec.", "Ch.", "pp.", "Nr.", "Dept.", "Govt.", "Gov.", "Annex.", "ref.", "Ref.", "Cat.",
    "Sept.", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Oct.", "Nov.", "Dec.",
)
COMPARATOR = r"(?:>=|<=|=>|=<|[<>≥≤⩾⩽])"
# A copy that lost its line breaks runs one item's closing bracket into the next one's number ('...2830902000)2.').
_CLOSE_BETWEEN_DIGITS = r"(?<=[0-9])[)\]](?=[0-9])"


def _tokenizer(nlp: Language, rules: dict, suffix_search, token_match, url_match, faster_heuristics: bool = True) -> Tokenizer:
    """spaCy's tokenizer with comparators as prefixes and infixes and the abbreviations kept whole, built once.

    (Changing an existing tokenizer reloads its ~2,000 special cases at every step: 0.2 s of a cold start.)
    """
    rules = {**(rules or {}), **{abbr: [{"ORTH": abbr}] for abbr in _ABBREVIATIONS}}
    return Tokenizer(nlp.vocab, rules=rules, prefix_search=compile_prefix_regex([COMPARATOR, *nlp.Defaults.prefixes]).search,
                     suffix_search=suffix_search, infix_finditer=compile_infix_regex([*nlp.Defaults.infixes, COMPARATOR, _CLOSE_BETWEEN_DIGITS]).finditer,
                     token_match=token_match, url_match=url_match, faster_heuristics=faster_heuristics)


@spacy.registry.tokenizers("controlbrief.tokenizer.v1")
def _tokenizer_factory():
    """The tokenizer of spacy.blank pipelines: spaCy's defaults for the language, with our changes."""
    def make(nlp: Language) -> Tokenizer:
        d = nlp.Defaults
        return _tokenizer(nlp, d.tokenizer_exceptions, compile_suffix_regex(d.suffixes).search if d.suffixes else None,
                          d.token_match, d.url_match)
    return make


def customize_tokenizer(nlp: Language) -> None:
    """The same changes on an installed model's own tokenizer (its rules and suffixes kept)."""
    old = nlp.tokenizer
    nlp.tokenizer = _tokenizer(nlp, old.rules, old.suffix_search, old.token_match, old.url_match, old.faster_heuristics)

