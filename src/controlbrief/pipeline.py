"""Run ingest -> nlp -> extract over inputs and collect an ExtractionReport.

Documents are processed one at a time so memory stays flat; errors are
recorded per file and reported through a callback as they happen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from spacy.language import Language

from controlbrief.errors import ReadError
from controlbrief.extract import extract_document
from controlbrief.ingest import DEFAULT_MAX_BYTES, InputFile, LoadedFile, discover, load
from controlbrief.models import Document, ExtractionReport, InputError
from controlbrief.nlp import build_nlp
from controlbrief.patterns import PatternSet, load_pattern_set

OnError = Callable[[InputError], None]


class Extractor:
    """A built pipeline plus its patterns, reused for every document."""

    def __init__(self, model: str | None = None, patterns_dir: Path | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.pset: PatternSet = load_pattern_set(patterns_dir)
        self.nlp: Language = build_nlp(model, patterns_dir)
        self.max_bytes = max_bytes
        # Text is at most max_bytes characters; spaCy refuses longer texts by default.
        self.nlp.max_length = max(self.nlp.max_length, max_bytes + 1)

    def document(self, loaded: LoadedFile) -> Document:
        """Extract one loaded file."""
        doc = self.nlp(loaded.read.text)
        return extract_document(doc, loaded.read, loaded.doc_id, loaded.source, self.pset)

    def file(self, f: InputFile) -> Document:
        """Read and extract one file. Raises ReadError."""
        return self.document(load(f, self.max_bytes))


def iter_documents(extractor: Extractor, files: list[InputFile],
                   on_error: OnError | None = None) -> Iterator[Document | InputError]:
    """Yield a Document or an InputError per file, in order."""
    for f in files:
        try:
            yield extractor.file(f)
        except ReadError as exc:
            err = InputError(source=f.source, error=str(exc))
            if on_error:
                on_error(err)
            yield err


def extract_paths(paths: list[str], *, model: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                  on_error: OnError | None = None,
                  on_progress: Callable[[Document], None] | None = None) -> ExtractionReport:
    """Extract every readable input under paths; unreadable ones land in errors."""
    files, errors = discover(paths)
    for err in errors:
        if on_error:
            on_error(err)
    report = ExtractionReport(errors=errors)
    if not files:
        return report
    extractor = Extractor(model=model, max_bytes=max_bytes)
    for result in iter_documents(extractor, files, on_error):
        if isinstance(result, Document):
            if on_progress:
                on_progress(result)
            report.documents.append(result)
        else:
            report.errors.append(result)
    return report
