"""Bring the store in line with the files: extract what is new or changed, skip the rest.

A file whose size and mtime match its stored version is skipped unread; one
whose bytes hash to the stored version is touched, not re-extracted; a change
of patterns re-extracts everything; files that disappeared are withdrawn.
Each document is committed on its own, so an interrupted sync loses nothing
already done and a rerun finishes the work.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

from pydantic import BaseModel, Field

from controlbrief.errors import ReadError, UnstorableError
from controlbrief.ingest import DEFAULT_MAX_BYTES, InputFile, LoadedFile, discover, load
from controlbrief.models import Document, InputError
from controlbrief.store import Store, now


class SyncResult(BaseModel):
    """What one sync did."""

    extracted: list[str] = Field(default_factory=list, description="Sources extracted (new, new version or re-extracted).")
    unchanged: int = 0
    failed: list[InputError] = Field(default_factory=list)
    withdrawn: list[str] = Field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.extracted or self.failed or self.withdrawn)


def pattern_digest() -> str:
    """What stored documents were extracted with: a change in either language's patterns (patterns/zh for
    Chinese, its regional words included) has them extracted again."""
    from controlbrief.patterns import load_pattern_set, pattern_folders

    digests = [load_pattern_set(folder).digest for folder in pattern_folders()]
    return digests[0] if len(digests) == 1 else hashlib.sha256("/".join(digests).encode()).hexdigest()[:16]


def sync(store: Store, paths: list[str], *, extractor=None, model: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
         round: str | None = None, jobs: int = 1, scheduler: str | None = None,
         ready: Callable[[InputFile], bool] | None = None, on_error: Callable[[InputError], None] | None = None,
         on_step: Callable[[str, str], None] | None = None, command: str = "ingest",
         log_idle: bool = True) -> SyncResult:
    """Sync files under paths into store. `ready` may hold back files still being written.

    The run is logged in the store's `runs` table when it changed something, or
    always when `log_idle` (the watcher passes False: an idle rescan every second
    would add 86,000 rows a day).

    Files to extract are chosen first (cheaply: stat, then hash); then they are
    extracted, in a process pool when jobs > 1, and saved in input order, one
    transaction each.
    """
    digest = pattern_digest()
    files, missing = discover(paths)
    result = SyncResult()
    started = now()
    for err in missing:
        # Recorded, so errors.html lists it; like a known bad file, a known one is not reported again.
        if store.has_error(err):
            result.unchanged += 1
            continue
        _failed(store, result, err, None, None, on_error)
    present = {f.source for f in files}
    todo: list[tuple[LoadedFile, int, int]] = []
    for f in files:
        if ready is not None and not ready(f):
            continue  # still being written: it exists (not withdrawn) but is not read yet
        try:
            st = f.path.stat()
        except OSError:
            continue  # vanished between listing and reading: the next sync sees it gone
        known = store.active(f.source)
        if known and known.size == st.st_size and known.mtime_ns == st.st_mtime_ns and known.pattern_digest == digest:
            result.unchanged += 1
            continue
        if known is None and store.known_error(f.source, st.st_size, st.st_mtime_ns):
            result.unchanged += 1
            continue
        try:
            loaded = load(f, max_bytes)
        except ReadError as exc:
            _failed(store, result, InputError(source=f.source, error=str(exc)), st.st_size, st.st_mtime_ns, on_error)
            continue
        if known and known.id == loaded.doc_id and known.pattern_digest == digest:
            store.touch(known.pk, st.st_size, st.st_mtime_ns)
            result.unchanged += 1
            continue
        todo.append((loaded, st.st_size, st.st_mtime_ns))
    documents = _documents([t[0] for t in todo], extractor, jobs, model, max_bytes, round, scheduler)
    for (loaded, size, mtime_ns), document in zip(todo, documents):
        if isinstance(document, InputError):
            _failed(store, result, document, size, mtime_ns, on_error)
            continue
        try:
            outcome = store.save(document, loaded.read, size, mtime_ns, digest)
        except UnstorableError as exc:
            _failed(store, result, InputError(source=loaded.source, error=str(exc)), size, mtime_ns, on_error)
            continue
        result.extracted.append(loaded.source)
        if on_step:
            on_step(loaded.source, outcome)
    roots = [p.rstrip("/") for p in paths if Path(p).is_dir()] + [p for p in paths if Path(p).is_file()]
    result.withdrawn = store.withdraw_missing(present, roots, unreadable=[e.source for e in missing])
    if result.changed or log_idle:
        store.record_run(command, started, len(result.extracted), result.unchanged, len(result.failed), len(result.withdrawn))
    return result


def _failed(store: Store, result: SyncResult, err: InputError, size: int | None, mtime_ns: int | None,
            on_error: Callable[[InputError], None] | None) -> None:
    store.record_error(err, size, mtime_ns)
    result.failed.append(err)
    if on_error:
        on_error(err)


def _documents(loaded: list[LoadedFile], extractor, jobs: int, model: str | None, max_bytes: int,
               round: str | None, scheduler: str | None = None) -> Iterator[Document | InputError]:
    """Extract loaded files in order (texts were read and hashed here, so workers need no access to the files)."""
    if not loaded:
        return iter(())  # nothing new: no need to import spaCy (most of an unchanged ingest's time)
    from controlbrief import execution

    return execution.run(loaded, execution.Settings(model, max_bytes, round), jobs=jobs, scheduler=scheduler,
                         extractor=extractor)
