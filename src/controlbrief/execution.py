"""Extraction of many files, and where it runs, chosen in one place: here, a process pool, or a Dask cluster.

`extract`, `brief`, `ingest` and `watch` all hand their work here. Work is a
list of InputFile (the worker reads the file) or LoadedFile (already read and
hashed here, as ingest does); each comes back, in input order, as its result or
as an InputError for that file. Every worker process builds the spaCy pipeline
once and keeps it, never per document; files and small documents travel
between processes, never spaCy Docs (shipping those costs more than matching).

Dask is the optional `dask` extra: 'local:N' starts a LocalCluster of N worker
processes, any other address names a running scheduler. A batch lost with its
worker is rescheduled by Dask; results are read in submission order, so output
never depends on which worker was fastest.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from controlbrief.errors import ControlbriefError, ReadError
from controlbrief.ingest import DEFAULT_MAX_BYTES, InputFile, LoadedFile, discover
from controlbrief.models import Document, ExtractionReport, InputError, stream_json
from controlbrief.pipeline import Extracted, Extractor, OnDocument, OnError, freeze_heap, internal_error

BATCH = 32  # most files per Dask task: a round trip costs about as much as extracting a few notices
_CHUNK = 2  # files per process-pool task


@dataclass(frozen=True)
class Settings:
    """What a worker needs to build the same pipeline as this process."""

    model: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    round: str | None = None

    def extractor(self) -> Extractor:
        """A pipeline for these settings: the one this process keeps, if it keeps them (keep_extractors)."""
        if _KEPT is not None and self in _KEPT:
            return _KEPT[self]
        built = Extractor(model=self.model, max_bytes=self.max_bytes, round=self.round)
        if _KEPT is not None:
            _KEPT[self] = built
        return built


# A process that extracts again and again keeps one pipeline per setting, built on first use: a pool
# worker, a Dask worker, the resident extractor (resident.py). Others build one per run.
_KEPT: dict[Settings, Extractor] | None = None


def keep_extractors() -> None:
    """From now on, every run in this process reuses the pipeline built for its settings."""
    global _KEPT
    if _KEPT is None:
        _KEPT = {}


def run(items: list[InputFile] | list[LoadedFile], settings: Settings, *, jobs: int = 1, scheduler: str | None = None,
        extractor=None) -> Iterator:
    """One result per item, in order: Extracted (for an InputFile), Document (for a LoadedFile), or InputError.

    On the Dask scheduler if one is named, else in a pool of `jobs` processes,
    else here (with `extractor` if given: the watcher keeps one for its lifetime).
    """
    if not items:
        return
    if scheduler:
        with connect(scheduler) as client:
            freeze_heap()  # this process unpickles every result (see freeze_heap)
            yield from _on_cluster(items, settings, client)
        return
    if jobs > 1 and len(items) > 1:
        ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        with ctx.Pool(jobs, initializer=_init_worker, initargs=(settings,)) as workers:
            freeze_heap()
            yield from workers.imap(_work, items, chunksize=_CHUNK)
        return
    extractor = extractor or settings.extractor()
    for item in items:
        yield one(extractor, item)


def one(extractor, item: InputFile | LoadedFile):
    """Extract one item, or say in one line why it could not be (the same in every process)."""
    source = item.source
    try:
        if isinstance(item, LoadedFile):
            return extractor.document(item)
        return extractor.file(item)
    except ReadError as exc:
        return InputError(source=source, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - one notice that trips a bug must not stop the other notices
        return InputError(source=source, error=internal_error(exc))


_POOL_SETTINGS: Settings | None = None  # what a pool worker extracts with


def _init_worker(settings: Settings) -> None:
    global _POOL_SETTINGS
    _POOL_SETTINGS = settings
    keep_extractors()
    settings.extractor()  # built here, before the first file arrives


def _work(item):
    return one(_POOL_SETTINGS.extractor(), item)


def extract_batch(items: list, settings: Settings) -> list:
    """A Dask task: extract a batch on a worker, reusing that worker's pipeline (files must be readable there)."""
    keep_extractors()
    extractor = settings.extractor()
    return [one(extractor, item) for item in items]


def _on_cluster(items: list, settings: Settings, client) -> Iterator:
    # Files are sent by absolute path: a worker's working directory is not ours.
    shipped = [InputFile(i.source, i.path.resolve()) if isinstance(i, InputFile) else i for i in items]
    # At least four batches per worker thread, so the last ones still spread; at most BATCH files each.
    threads = max(1, sum(client.nthreads().values()))
    size = max(1, min(BATCH, len(shipped) // (4 * threads)))
    batches = [shipped[i:i + size] for i in range(0, len(shipped), size)]
    # pure=False: the same batch submitted again (a rerun) is work, not a cached result.
    futures = client.map(extract_batch, batches, settings=settings, pure=False, retries=2)
    for future in futures:  # in submission order
        yield from future.result()
        future.release()


@contextmanager
def connect(address: str):
    """A Dask client for 'local:N' (a LocalCluster of N worker processes) or a scheduler address."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ControlbriefError("--scheduler needs the dask extra: pip install 'controlbrief[dask]'") from None
    if address.startswith("local:"):
        try:
            n = int(address.split(":", 1)[1])
        except ValueError:
            raise ControlbriefError(f"{address}: expected local:N with N worker processes") from None
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            yield client
        return
    try:
        client = Client(address, timeout="20s")
    except OSError as exc:
        raise ControlbriefError(f"cannot reach the Dask scheduler at {address} ({exc})") from None
    with client:
        yield client


def iter_extracted(files: list[InputFile], *, jobs: int = 1, model: str | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES, round: str | None = None, scheduler: str | None = None,
                   on_error: OnError | None = None) -> Iterator[Extracted | InputError]:
    """Yield an Extracted or an InputError per file, in input order, each error also told to on_error."""
    yield from _report(run(files, Settings(model, max_bytes, round), jobs=jobs, scheduler=scheduler), on_error)


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
