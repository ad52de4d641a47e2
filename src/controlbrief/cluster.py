"""Extraction on a Dask cluster (the optional `dask` extra): same results as on a laptop.

Work goes to Dask workers in batches of files; each worker process builds the
spaCy pipeline once and keeps it (a per-process cache keyed by its settings),
never per document. Results come back in input order, so the JSON output and
the store written by the client alone are identical to a single-process run.
A batch lost with its worker is rescheduled by Dask; a file a worker cannot
read comes back as an error for that file, exactly as in the local path.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from controlbrief.errors import ControlbriefError
from controlbrief.ingest import DEFAULT_MAX_BYTES, InputFile, LoadedFile
from controlbrief.models import Document, InputError

BATCH = 8
_CACHE: dict[tuple, object] = {}


def _extractor(settings: tuple):
    """This worker process's pipeline, built on first use and reused for every batch."""
    if settings not in _CACHE:
        from controlbrief.pipeline import Extractor

        model, max_bytes, round = settings
        _CACHE[settings] = Extractor(model=model, max_bytes=max_bytes, round=round)
    return _CACHE[settings]


def extract_batch(files: list[tuple[str, str]], settings: tuple) -> list:
    """Read and extract a batch of (source, path) on a worker; paths must be readable there."""
    from controlbrief.pipeline import extract_or_error

    extractor = _extractor(settings)
    return [extract_or_error(extractor, InputFile(source, Path(path))) for source, path in files]


def extract_loaded_batch(loaded: list[LoadedFile], settings: tuple) -> list[Document | InputError]:
    """Extract texts the client already read (ingest hashes files locally first)."""
    from controlbrief.pipeline import document_or_error

    extractor = _extractor(settings)
    return [document_or_error(extractor, item) for item in loaded]


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
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
        try:
            yield client
        finally:
            client.close()
            cluster.close()
        return
    try:
        client = Client(address, timeout="20s")
    except OSError as exc:
        raise ControlbriefError(f"cannot reach the Dask scheduler at {address} ({exc})") from None
    try:
        yield client
    finally:
        client.close()


def _batches(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def iter_extracted(files: list[InputFile], client, *, model: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                   round: str | None = None, batch: int = BATCH) -> Iterator:
    """Extracted or InputError per file, in input order, computed on the cluster."""
    settings = (model, max_bytes, round)
    jobs = [[(f.source, str(f.path.resolve())) for f in chunk] for chunk in _batches(files, batch)]
    # pure=False: the same batch submitted again (a rerun) is work, not a cached result.
    futures = client.map(extract_batch, jobs, settings=settings, pure=False, retries=2)
    for future in futures:  # in submission order: output order does not depend on which worker was fastest
        yield from future.result()
        future.release()


def iter_documents(loaded: list[LoadedFile], client, *, model: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                   round: str | None = None, batch: int = BATCH) -> Iterator[Document]:
    """Documents for texts read by the client, in order, computed on the cluster."""
    settings = (model, max_bytes, round)
    futures = client.map(extract_loaded_batch, _batches(loaded, batch), settings=settings, pure=False, retries=2)
    for future in futures:
        yield from future.result()
        future.release()
