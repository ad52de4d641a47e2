"""Where the pipeline keeps what it found on a Doc: the span groups, the unit map, sentences."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token
import numpy
from spacy.attrs import SENT_START

RULES_KEY = "rules"
UNIT_OF = ("controlbrief", "unit_of")  # token index -> unit code (Token._.unit), for the rule matcher and builders
LEXICON_KEY = "lexicon"


def _unit_of_token(token: Token) -> str | None:
    return token.doc.user_data.get(UNIT_OF, {}).get(token.i)


# Token._.unit reads UnitTagger's map: setting an extension value per token makes an Underscore object each.
Token.set_extension("unit", getter=_unit_of_token, force=True)


def keep_spans(doc: Doc, key: str, spans: list[Span]) -> None:
    """Set doc.spans[key], and keep the Span objects themselves for the builders (see spans_of)."""
    doc.spans[key] = spans
    doc.user_data[("controlbrief", "spans", key)] = spans


def spans_of(doc: Doc, key: str) -> list[Span]:
    """The spans of doc.spans[key] as they were set: reading a SpanGroup makes a new Span object per span."""
    kept = doc.user_data.get(("controlbrief", "spans", key))
    return list(kept) if kept is not None else list(doc.spans[key])


def longest_first(spans: list[Span]) -> list[Span]:
    """Drop spans overlapping a longer one of the same label; ids and kb_ids are kept.

    Not spaCy's filter_spans: it ignores labels, so two kinds of evidence over the
    same words would knock each other out, and users report it losing pattern ids
    (spaCy issue 8599). Overlaps are resolved here, label by label.
    """
    # Each span's label, bounds and id read once: Span.label_ and .id_ look their strings up on every access.
    by_label: dict[str, list[tuple[int, int, str, Span]]] = {}
    for sp in spans:
        by_label.setdefault(sp.label_, []).append((sp.start, sp.end, sp.id_, sp))
    kept: list[tuple[int, int, str, str, Span]] = []
    for label, group in by_label.items():
        group.sort(key=lambda e: (e[0] - e[1], e[0], e[2]))
        taken: set[int] = set()
        for start, end, pid, sp in group:
            if taken.isdisjoint(range(start, end)):
                kept.append((start, end, label, pid, sp))
                taken.update(range(start, end))
    kept.sort(key=lambda e: e[:4])
    return [e[4] for e in kept]


def sentence_spans(doc: Doc) -> list[Span]:
    """The Doc's sentences, as doc.sents gives them, with starts read from one array.

    doc.sents makes a Token object for every token to test its flag; a Chinese
    Doc has one token per character, so that walk was a tenth of extraction.
    """
    if not len(doc):
        return []
    flags = doc.to_array([SENT_START]).astype("int64")
    starts = [0, *(numpy.flatnonzero(flags[1:] == 1) + 1).tolist()]
    return [doc[a:b] for a, b in zip(starts, [*starts[1:], len(doc)])]

