"""Explain one file: per sentence, the spans that matched and the provisions they became.

This is the pattern writer's view of the pipeline. It reuses the extraction
step unchanged (explain_document) and only reshapes what it saw.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field

from controlbrief.errors import ReadError
from controlbrief.extract import explain_document
from controlbrief.ingest import InputFile, load
from controlbrief.models import Document, Provision
from controlbrief.nlp import LEXICON_KEY
from controlbrief.pipeline import Extractor


class MatchedSpan(BaseModel):
    """A span a pattern or lexicon matched."""

    label: str
    pattern: str = Field(description="Pattern id, or 'lexicon:<canonical name>' for lexicon matches.")
    text: str
    span: tuple[int, int]


class SentenceExplanation(BaseModel):
    """One sentence (or list item, table row) with its matches and provisions."""

    index: int
    text: str
    page: int | None
    is_item: bool
    lead: int | None = Field(description="Index of the list lead-in this sentence continues.")
    matches: list[MatchedSpan]
    provisions: list[Provision]


class Explanation(BaseModel):
    """Everything `controlbrief explain` shows."""

    document: Document
    sentences: list[SentenceExplanation]


def explain_file(path: str, model: str | None = None) -> Explanation:
    """Run the pipeline on one file and keep what each sentence matched.

    Raises:
        ReadError: the file could not be read.
    """
    if Path(path).is_dir():
        from controlbrief.ingest import discover

        files = discover([path])[0]
        example = f" (for example {files[0].source})" if files else ""
        raise ReadError(f"is a folder; explain reads one notice: name one file in it{example}")
    if not Path(path).exists():
        raise ReadError("no such file")
    extractor = Extractor(model=model)
    loaded = load(InputFile(path, Path(path)), extractor.max_bytes)
    doc, pset = extractor.parse(loaded.read.text)
    document, per_sentence = explain_document(doc, loaded.read, loaded.doc_id, loaded.source, pset)
    index_of = {id(ctx): i for i, (ctx, _) in enumerate(per_sentence)}
    out = []
    for i, (ctx, found) in enumerate(per_sentence):
        matches = [MatchedSpan(label=s.label_, pattern=s.id_, text=s.text, span=(s.start_char, s.end_char))
                   for spans in ctx.rules.values() for s in spans]
        matches += [MatchedSpan(label=s.label_, pattern=f"lexicon:{s.kb_id_}", text=s.text, span=(s.start_char, s.end_char))
                    for s in doc.spans[LEXICON_KEY] if ctx.sent.start <= s.start and s.end <= ctx.sent.end]
        matches.sort(key=lambda m: (m.span, m.label))
        out.append(SentenceExplanation(
            index=i, text=ctx.text, page=ctx.doc.page_of(ctx.sent.start_char), is_item=ctx.is_item,
            lead=index_of.get(id(ctx.lead)) if ctx.lead is not None else None, matches=matches, provisions=found,
        ))
    return Explanation(document=document, sentences=out)
