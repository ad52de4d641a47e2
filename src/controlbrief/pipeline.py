"""Run ingest -> nlp -> extract over inputs and collect documents or errors.

Documents are processed one at a time so memory stays flat; errors are
recorded per file and reported through a callback as they happen.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from controlbrief.errors import ReadError
from controlbrief.extract import extract_document, extract_passage
from controlbrief.extract.context import remember_text
from controlbrief.ingest import DEFAULT_MAX_BYTES, InputFile, LoadedFile, discover, load
from controlbrief.models import Document, ExtractionReport, InputError, ReadText, stream_json
from controlbrief.nlp import build_nlp
from controlbrief.nlp_zh import fold_width, is_chinese, other_language_runs
from controlbrief.patterns import PatternSet, load_pattern_set

OnError = Callable[[InputError], None]
OnDocument = Callable[[Document], None]


@dataclass(frozen=True)
class Extracted:
    """A document with the text its spans point into (briefings show that text)."""

    document: Document
    read: ReadText


# spaCy adds every new word to the pipeline's Vocab and StringStore and never forgets it: a
# long-running watcher grew from 161 to 698 MB over 3,000 notices. Past this many new strings
# the pipeline is built again (output is the same: nothing depends on what the Vocab holds).
MAX_NEW_STRINGS = 200_000


class Extractor:
    """A built pipeline plus its patterns, reused for every document."""

    def __init__(self, model: str | None = None, patterns_dir: Path | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, round: str | None = None,
                 max_new_strings: int = MAX_NEW_STRINGS) -> None:
        self.round = round  # given with --round: the round of documents that name none
        self.model, self.patterns_dir = model, patterns_dir
        self.pset: PatternSet = load_pattern_set(patterns_dir)
        self.max_bytes = max_bytes
        self.max_new_strings = max_new_strings
        self.rebuilds = 0
        self._build()

    def _build(self) -> None:
        self._zh: tuple[Language, PatternSet] | None = None
        self.nlp: Language = build_nlp(self.model, self.patterns_dir)
        # Text is at most max_bytes characters; spaCy refuses longer texts by default.
        self.nlp.max_length = max(self.nlp.max_length, self.max_bytes + 1)
        self._strings_at_build = len(self.nlp.vocab.strings)

    def document(self, loaded: LoadedFile) -> Document:
        """Extract one loaded file."""
        if len(self.nlp.vocab.strings) - self._strings_at_build > self.max_new_strings:
            self._build()
            self.rebuilds += 1
        text = loaded.read.text
        main_zh = is_chinese(text)
        doc, pset = self.parse(text, main_zh)
        document = extract_document(doc, loaded.read, loaded.doc_id, loaded.source, pset)
        # Passages in the other language (an English page quoting the Chinese original) go through their own pipeline.
        for start, end in other_language_runs(text, main_zh):
            passage, p_pset = self.parse(text[start:end], not main_zh)
            document.provisions.extend(extract_passage(passage, loaded.read, loaded.doc_id, p_pset, start, document.published))
        if document.round is None and self.round:
            document.round = self.round
        return document

    def parse(self, text: str, chinese: bool | None = None) -> tuple[Doc, PatternSet]:
        """The Doc of a text and the patterns it was read with: Chinese text goes through patterns/zh/
        (full-width digits and letters folded one for one, so offsets are unchanged).

        `chinese` says which pipeline; None decides from the text itself.
        """
        if chinese is None:
            chinese = is_chinese(text)
        if chinese:
            (nlp, pset), text = self.chinese(), fold_width(text)
        else:
            nlp, pset = self.nlp, self.pset
        doc = nlp(text)
        remember_text(doc, text)
        return doc, pset

    def chinese(self) -> tuple[Language, PatternSet]:
        """The Chinese pipeline and its patterns, built on first use."""
        if self._zh is None:
            from controlbrief.nlp_zh import build_nlp_zh, zh_patterns_dir

            nlp = build_nlp_zh(self.patterns_dir)
            nlp.max_length = max(nlp.max_length, self.max_bytes + 1)
            self._zh = (nlp, load_pattern_set(zh_patterns_dir(self.patterns_dir)))
        return self._zh

    def file(self, f: InputFile) -> Extracted:
        """Read and extract one file. Raises ReadError."""
        loaded = load(f, self.max_bytes)
        return Extracted(self.document(loaded), loaded.read)


# One Extractor per worker process, built once by the pool initializer and reused for every file.
_WORKER: Extractor | None = None


def _init_worker(model: str | None, max_bytes: int, round: str | None) -> None:
    global _WORKER
    _WORKER = Extractor(model=model, max_bytes=max_bytes, round=round)


def _extract_file(f: InputFile) -> Extracted | InputError:
    assert _WORKER is not None
    return extract_or_error(_WORKER, f)


def _extract_loaded(loaded: LoadedFile) -> Document | InputError:
    assert _WORKER is not None
    return document_or_error(_WORKER, loaded)


def pool(jobs: int, model: str | None, max_bytes: int, round: str | None):
    """A process pool whose workers each hold a built pipeline.

    Work is shipped per file (paths or texts in, small documents out): shipping
    spaCy Docs between processes costs more than the matching itself.
    """
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    return ctx.Pool(jobs, initializer=_init_worker, initargs=(model, max_bytes, round))


def iter_extracted(files: list[InputFile], *, jobs: int = 1, model: str | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES, round: str | None = None, scheduler: str | None = None,
                   on_error: OnError | None = None) -> Iterator[Extracted | InputError]:
    """Yield an Extracted or an InputError per file, in input order.

    With a scheduler ('local:N' or a Dask address) the work runs on Dask workers;
    with jobs > 1 in a local process pool; otherwise in this process.
    """
    if scheduler:
        from controlbrief import cluster

        with cluster.connect(scheduler) as client:
            yield from _report(cluster.iter_extracted(files, client, model=model, max_bytes=max_bytes, round=round), on_error)
        return
    if jobs <= 1:
        extractor = Extractor(model=model, max_bytes=max_bytes, round=round)
        results: Iterator[Extracted | InputError] = (extract_or_error(extractor, f) for f in files)
        yield from _report(results, on_error)
        return
    with pool(jobs, model, max_bytes, round) as workers:
        yield from _report(workers.imap(_extract_file, files, chunksize=2), on_error)


def extract_or_error(extractor: Extractor, f: InputFile) -> Extracted | InputError:
    """Extract one file, or say in one line why it could not be read (the same in every process)."""
    try:
        return extractor.file(f)
    except ReadError as exc:
        return InputError(source=f.source, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - one notice that trips a bug must not stop the other notices
        return InputError(source=f.source, error=internal_error(exc))


def document_or_error(extractor: Extractor, loaded: LoadedFile) -> Document | InputError:
    """Extract one file already read, or say in one line why that failed."""
    try:
        return extractor.document(loaded)
    except Exception as exc:  # noqa: BLE001 - as in extract_or_error
        return InputError(source=loaded.source, error=internal_error(exc))


INTERNAL = "internal error while extracting"


def internal_error(exc: BaseException) -> str:
    """The one-line error of a file whose extraction hit a bug (the tests fail on any such line)."""
    message = " ".join(str(exc).split())[:160]
    return f"{INTERNAL} ({type(exc).__name__}: {message}); please report it with the file"


def _report(results: Iterator[Extracted | InputError], on_error: OnError | None) -> Iterator[Extracted | InputError]:
    for r in results:
        if isinstance(r, InputError) and on_error:
            on_error(r)
        yield r


def _stream(paths: list[str], jobs: int, model: str | None, max_bytes: int, round: str | None,
            on_error: OnError | None, scheduler: str | None = None) -> tuple[Iterator[Extracted | InputError], list[InputError]]:
    files, errors = discover(paths)
    for err in errors:
        if on_error:
            on_error(err)
    if not files:
        return iter(()), errors
    return iter_extracted(files, jobs=jobs, model=model, max_bytes=max_bytes, round=round, scheduler=scheduler,
                          on_error=on_error), errors


def extract_all(paths: list[str], *, model: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                round: str | None = None, jobs: int = 1, scheduler: str | None = None, on_error: OnError | None = None,
                on_document: OnDocument | None = None) -> tuple[list[Extracted], list[InputError]]:
    """Extract every readable input under paths, keeping texts (briefings show them); unreadable ones become errors."""
    results, errors = _stream(paths, jobs, model, max_bytes, round, on_error, scheduler)
    done: list[Extracted] = []
    for result in results:
        if isinstance(result, Extracted):
            if on_document:
                on_document(result.document)
            done.append(result)
        else:
            errors.append(result)
    return done, errors


def write_json(out, paths: list[str], *, model: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
               round: str | None = None, jobs: int = 1, scheduler: str | None = None, on_error: OnError | None = None,
               on_progress: OnDocument | None = None) -> list[InputError]:
    """Write the JSON contract to `out` document by document (memory stays flat); return the errors."""
    results, errors = _stream(paths, jobs, model, max_bytes, round, on_error, scheduler)

    def documents() -> Iterator[Document]:
        for result in results:
            if isinstance(result, Extracted):
                if on_progress:
                    on_progress(result.document)
                yield result.document
            else:
                errors.append(result)

    # The first document is extracted before anything is written, so a pipeline that cannot be
    # built (broken patterns, a missing model) fails with nothing half-printed on stdout.
    docs = documents()
    first = next(docs, None)
    for piece in stream_json(itertools.chain([] if first is None else [first], docs), errors):
        out.write(piece)
    return errors


def extract_paths(paths: list[str], *, model: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES, round: str | None = None,
                  jobs: int = 1, scheduler: str | None = None, on_error: OnError | None = None,
                  on_progress: OnDocument | None = None) -> ExtractionReport:
    """The JSON contract for every input under paths; texts are dropped as soon as each document is done."""
    results, errors = _stream(paths, jobs, model, max_bytes, round, on_error, scheduler)
    report = ExtractionReport(errors=errors)
    for result in results:
        if isinstance(result, Extracted):
            if on_progress:
                on_progress(result.document)
            report.documents.append(result.document)
        else:
            report.errors.append(result)
    return report
