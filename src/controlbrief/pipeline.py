"""Run ingest -> nlp -> extract over inputs and collect documents or errors.

Documents are processed one at a time so memory stays flat; errors are
recorded per file and reported through a callback as they happen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from controlbrief.errors import ReadError
from controlbrief.extract import extract_document
from controlbrief.ingest import DEFAULT_MAX_BYTES, InputFile, LoadedFile, discover, load
from controlbrief.models import Document, ExtractionReport, InputError, ReadText
from controlbrief.nlp import build_nlp
from controlbrief.patterns import PatternSet, load_pattern_set

OnError = Callable[[InputError], None]
OnDocument = Callable[[Document], None]


@dataclass(frozen=True)
class Extracted:
    """A document with the text its spans point into (briefings show that text)."""

    document: Document
    read: ReadText


class Extractor:
    """A built pipeline plus its patterns, reused for every document."""

    def __init__(self, model: str | None = None, patterns_dir: Path | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, round: str | None = None) -> None:
        self.round = round  # given with --round: the round of documents that name none
        self.pset: PatternSet = load_pattern_set(patterns_dir)
        self.nlp: Language = build_nlp(model, patterns_dir)
        self.max_bytes = max_bytes
        # Text is at most max_bytes characters; spaCy refuses longer texts by default.
        self.nlp.max_length = max(self.nlp.max_length, max_bytes + 1)

    def document(self, loaded: LoadedFile) -> Document:
        """Extract one loaded file."""
        doc = self.nlp(loaded.read.text)
        document = extract_document(doc, loaded.read, loaded.doc_id, loaded.source, self.pset)
        if document.round is None and self.round:
            document.round = self.round
        return document

    def file(self, f: InputFile) -> Extracted:
        """Read and extract one file. Raises ReadError."""
        loaded = load(f, self.max_bytes)
        return Extracted(self.document(loaded), loaded.read)


def iter_extracted(extractor: Extractor, files: list[InputFile],
                   on_error: OnError | None = None) -> Iterator[Extracted | InputError]:
    """Yield an Extracted or an InputError per file, in order."""
    for f in files:
        try:
            yield extractor.file(f)
        except ReadError as exc:
            err = InputError(source=f.source, error=str(exc))
            if on_error:
                on_error(err)
            yield err


def extract_all(paths: list[str], *, model: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                round: str | None = None, on_error: OnError | None = None,
                on_document: OnDocument | None = None) -> tuple[list[Extracted], list[InputError]]:
    """Extract every readable input under paths, keeping texts; unreadable ones become errors."""
    files, errors = discover(paths)
    for err in errors:
        if on_error:
            on_error(err)
    done: list[Extracted] = []
    if not files:
        return done, errors
    extractor = Extractor(model=model, max_bytes=max_bytes, round=round)
    for result in iter_extracted(extractor, files, on_error):
        if isinstance(result, Extracted):
            if on_document:
                on_document(result.document)
            done.append(result)
        else:
            errors.append(result)
    return done, errors


def extract_paths(paths: list[str], *, model: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES, round: str | None = None,
                  on_error: OnError | None = None, on_progress: OnDocument | None = None) -> ExtractionReport:
    """The JSON contract for every input under paths."""
    done, errors = extract_all(paths, model=model, max_bytes=max_bytes, round=round, on_error=on_error, on_document=on_progress)
    return ExtractionReport(documents=[e.document for e in done], errors=errors)
