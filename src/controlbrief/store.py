"""SQLite store of documents, provisions, errors and runs (stdlib sqlite3, WAL mode).

This module owns persistence: schema migrations, one transaction per document
(so a killed process leaves either all of a document or none of it), and the
queries that brief, diff and status read. It extracts nothing itself.
"""

from __future__ import annotations

import functools
import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from pydantic import BaseModel, Field, TypeAdapter, ValidationError

from controlbrief.errors import StoreError, UnstorableError, first_error
from controlbrief.models import Document, ExtractionReport, InputError, Provision, ReadText

DEFAULT_DB = "controlbrief.db"
_PROVISION = TypeAdapter(Provision)

# Each entry migrates the schema from version i to i + 1; never edit one that shipped.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE documents (
        pk INTEGER PRIMARY KEY,
        id TEXT NOT NULL,                 -- sha256 of the bytes, 16 hex (the contract's document id)
        source TEXT NOT NULL,
        version INTEGER NOT NULL,         -- 1, 2, ... per source as its bytes change
        status TEXT NOT NULL CHECK (status IN ('active', 'superseded', 'withdrawn')),
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        pattern_digest TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        doc_json TEXT NOT NULL,           -- Document without provisions
        text TEXT NOT NULL,
        page_starts TEXT,
        UNIQUE (source, id)
    );
    CREATE INDEX documents_status ON documents (status, source);
    CREATE TABLE provisions (
        document INTEGER NOT NULL REFERENCES documents (pk) ON DELETE CASCADE,
        id TEXT NOT NULL,
        kind TEXT NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY (document, id)
    );
    CREATE INDEX provisions_kind ON provisions (kind);
    CREATE TABLE errors (
        source TEXT PRIMARY KEY,
        error TEXT NOT NULL,
        size INTEGER,
        mtime_ns INTEGER,
        at TEXT NOT NULL
    );
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        command TEXT NOT NULL,
        started TEXT NOT NULL,
        finished TEXT,
        extracted INTEGER NOT NULL DEFAULT 0,
        unchanged INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        withdrawn INTEGER NOT NULL DEFAULT 0
    );
    """,
)


def now() -> str:
    """UTC time, ISO 8601, seconds."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


class StoredFile(BaseModel):
    """What the store knows of a source's active version, enough to skip unchanged files."""

    pk: int
    id: str
    size: int
    mtime_ns: int
    pattern_digest: str


class Status(BaseModel):
    """What `controlbrief status` prints."""

    db: str
    schema_version: int
    documents: dict[str, int] = Field(description="Documents by status.")
    provisions: dict[str, int] = Field(description="Provisions of active documents by kind.")
    errors: list[InputError]
    last_run: dict[str, object] | None


def describe(path: str, exc: sqlite3.Error) -> str:
    """One line naming the database, what is wrong with it, and what to do."""
    msg = " ".join(str(exc).split()) or type(exc).__name__
    low = msg.lower()
    if "not a database" in low or "malformed" in low or "corrupt" in low:
        return f"{path}: damaged or not a controlbrief database ({msg}); move it aside and run `controlbrief ingest` to rebuild it"
    if "readonly" in low or "read-only" in low:
        return f"{path}: the database is read-only ({msg}); make it and its folder writable, or choose another --db"
    if "full" in low:
        return f"{path}: no space left for the database ({msg}); free space and run again (what was stored is kept)"
    if "locked" in low or "busy" in low:
        return f"{path}: the database is locked by another process ({msg}); run again when that one has finished"
    if "unable to open" in low:
        return f"{path}: cannot open the database ({msg}); check that its folder exists and is writable"
    return f"{path}: database error ({msg})"


def _while_locked(step, seconds: float = 30.0):
    """Run a setup step, retrying while another process holds the new store.

    Switching a new database to WAL, and its first migration, can meet SQLITE_BUSY
    at once (the busy timeout does not cover every case); a second `ingest` started
    together with the first waits here instead of failing.
    """
    deadline = time.monotonic() + seconds
    delay = 0.05
    while True:
        try:
            return step()
        except (sqlite3.OperationalError, StoreError) as exc:  # StoreError: a guarded method's sqlite error
            if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


def _guarded(method):
    """Turn any sqlite3 error of a Store method into a StoreError naming the database."""

    @functools.wraps(method)
    def wrapper(self: "Store", *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise StoreError(describe(self.path, exc)) from None

    return wrapper


class Store:
    """A controlbrief database. Use as a context manager or call close().

    Every sqlite3 error surfaces as a StoreError with one line of advice; a row
    that cannot be read back is skipped and named in `skipped`.
    """

    @_guarded
    def __init__(self, path: str | Path = DEFAULT_DB) -> None:
        self.path = str(path)
        self.skipped: list[str] = []
        # Documents read before, by row: a watcher reads the whole store after every change, and parsing
        # 20,000 stored provisions took 0.3 s of the 1 s in which a new notice should reach the site.
        self._read: dict[int, tuple[tuple, Document | None, list[str]]] = {}
        self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        _while_locked(lambda: self.conn.execute("PRAGMA journal_mode=WAL"))
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        _while_locked(self.migrate)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self, mode: str = "IMMEDIATE") -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE (or EXCLUSIVE) ... COMMIT, rolled back on any error."""
        self.conn.execute(f"BEGIN {mode}")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    @_guarded
    def migrate(self) -> None:
        """Bring the schema to the newest version, one migration per exclusive transaction.

        Two processes opening a new store together both see version 0; the second
        waits for the first's lock, then reads the version again and finds the work done.
        """
        while self.schema_version < len(MIGRATIONS):
            with self.transaction("EXCLUSIVE") as c:
                version = self.schema_version
                if version < len(MIGRATIONS):
                    for statement in _statements(MIGRATIONS[version]):
                        c.execute(statement)
                    c.execute(f"PRAGMA user_version = {version + 1}")

    # ---- writes -------------------------------------------------------------------------

    @_guarded
    def active(self, source: str) -> StoredFile | None:
        row = self.conn.execute(
            "SELECT pk, id, size, mtime_ns, pattern_digest FROM documents WHERE source = ? AND status = 'active'", (source,)
        ).fetchone()
        return StoredFile(**dict(row)) if row else None

    @_guarded
    def touch(self, pk: int, size: int, mtime_ns: int) -> None:
        """Record that an unchanged document was seen again."""
        self.conn.execute("UPDATE documents SET last_seen = ?, size = ?, mtime_ns = ? WHERE pk = ?", (now(), size, mtime_ns, pk))

    @_guarded
    def save(self, document: Document, read: ReadText, size: int, mtime_ns: int, digest: str) -> str:
        """Store a document and its provisions in one transaction; return 'new', 'version' or 'reextracted'."""
        meta = document.model_dump(mode="json", exclude={"provisions"})
        rows = [(p.id, p.kind, p.model_dump_json()) for p in document.provisions]
        for pid, _, js in rows:
            # What cannot be read back must not be written: one bad row would break every later read.
            try:
                _PROVISION.validate_json(js)
            except ValidationError as exc:
                raise UnstorableError(f"provision {pid} cannot be stored ({first_error(exc)})") from None
        stamp = now()
        with self.transaction() as c:
            row = c.execute("SELECT pk, status FROM documents WHERE source = ? AND id = ?", (document.source, document.id)).fetchone()
            if row is not None:
                # Same bytes again (patterns changed, or a withdrawn file came back): replace its provisions.
                pk, outcome = row["pk"], "reextracted"
                c.execute("UPDATE documents SET status = 'superseded' WHERE source = ? AND status = 'active' AND pk != ?",
                          (document.source, pk))
                c.execute("UPDATE documents SET status = 'active', pattern_digest = ?, last_seen = ?, size = ?, mtime_ns = ?, "
                          "doc_json = ?, text = ?, page_starts = ? WHERE pk = ?",
                          (digest, stamp, size, mtime_ns, json.dumps(meta), read.text, json.dumps(read.page_starts), pk))
                c.execute("DELETE FROM provisions WHERE document = ?", (pk,))
            else:
                prev = c.execute("SELECT MAX(version) FROM documents WHERE source = ?", (document.source,)).fetchone()[0]
                outcome = "version" if prev else "new"
                c.execute("UPDATE documents SET status = 'superseded' WHERE source = ? AND status = 'active'", (document.source,))
                cur = c.execute(
                    "INSERT INTO documents (id, source, version, status, size, mtime_ns, pattern_digest, first_seen, last_seen, "
                    "doc_json, text, page_starts) VALUES (?, ?, ?, 'active', ?, ?, ?, ?, ?, ?, ?, ?)",
                    (document.id, document.source, (prev or 0) + 1, size, mtime_ns, digest, stamp, stamp, json.dumps(meta),
                     read.text, json.dumps(read.page_starts)))
                pk = cur.lastrowid
            c.executemany("INSERT INTO provisions (document, id, kind, json) VALUES (?, ?, ?, ?)",
                          [(pk, pid, kind, js) for pid, kind, js in rows])
            c.execute("DELETE FROM errors WHERE source = ?", (document.source,))
        return outcome

    @_guarded
    def record_error(self, error: InputError, size: int | None, mtime_ns: int | None) -> None:
        self.conn.execute(
            "INSERT INTO errors (source, error, size, mtime_ns, at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (source) DO UPDATE SET error = excluded.error, size = excluded.size, "
            "mtime_ns = excluded.mtime_ns, at = excluded.at",
            (error.source, error.error, size, mtime_ns, now()))

    @_guarded
    def known_error(self, source: str, size: int, mtime_ns: int) -> bool:
        """True when this exact file (same size and mtime) already failed: no need to read it again."""
        row = self.conn.execute("SELECT 1 FROM errors WHERE source = ? AND size = ? AND mtime_ns = ?", (source, size, mtime_ns)).fetchone()
        return row is not None

    @_guarded
    def has_error(self, error: InputError) -> bool:
        """True when this source already stands in the errors table with this very reason."""
        row = self.conn.execute("SELECT 1 FROM errors WHERE source = ? AND error = ?", (error.source, error.error)).fetchone()
        return row is not None

    @_guarded
    def withdraw_missing(self, present: set[str], roots: list[str], unreadable: list[str] = ()) -> list[str]:
        """Mark active documents under roots whose file is gone as withdrawn; never delete them.

        A source that could not be looked at (`unreadable`: a folder that cannot be
        listed, a link that broke) is not gone: what lies under it is kept as it was.
        """
        gone = []
        for row in self.conn.execute("SELECT source FROM documents WHERE status = 'active'").fetchall():
            src = row["source"]
            if src not in present and _under(src, roots) and not _under(src, unreadable):
                gone.append(src)
        if gone:
            with self.transaction() as c:
                c.executemany("UPDATE documents SET status = 'withdrawn' WHERE source = ? AND status = 'active'", [(s,) for s in gone])
                c.executemany("DELETE FROM errors WHERE source = ?", [(s,) for s in gone])
        for row in self.conn.execute("SELECT source FROM errors").fetchall():
            src = row["source"]
            if src not in present and _under(src, roots) and not _under(src, unreadable):
                self.conn.execute("DELETE FROM errors WHERE source = ?", (src,))
        return gone

    @_guarded
    def record_run(self, command: str, started: str, extracted: int, unchanged: int, failed: int, withdrawn: int) -> None:
        """Add one finished run to the log."""
        self.conn.execute("INSERT INTO runs (command, started, finished, extracted, unchanged, failed, withdrawn) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?)", (command, started, now(), extracted, unchanged, failed, withdrawn))

    # ---- reads --------------------------------------------------------------------------

    def _document(self, row: sqlite3.Row, stored: tuple[tuple[str, str], ...]) -> Document | None:
        """The stored document with its provisions' (id, JSON) `stored`, without provisions that no longer validate;
        None when it cannot be read."""
        provisions = []
        for pid, text in stored:
            try:
                provisions.append(_PROVISION.validate_json(text))
            except ValidationError as exc:
                self.skipped.append(f"{row['source']}: stored provision {pid} cannot be read ({first_error(exc)}); skipped")
        try:
            return Document.model_validate({**json.loads(row["doc_json"]), "provisions": provisions})
        except (ValueError, TypeError) as exc:  # ValidationError is a ValueError; JSON errors too
            self.skipped.append(f"{row['source']}: stored document cannot be read ({' '.join(str(exc).split())[:120]}); skipped")
            return None

    def _cached_document(self, row: sqlite3.Row, provisions: tuple[tuple[str, str], ...]) -> Document | None:
        """The stored document, parsed again only when its stored JSON (the document's, its provisions') changed:
        comparing the strings costs far less than parsing them."""
        key = (row["doc_json"], provisions)
        seen = self._read.get(row["pk"])
        if seen is not None and seen[0] == key:
            self.skipped.extend(seen[2])
            return seen[1]
        before = len(self.skipped)
        doc = self._document(row, provisions)
        self._read[row["pk"]] = (key, doc, self.skipped[before:])
        return doc

    @_guarded
    def extracted(self, rounds: list[str] | None = None) -> list[tuple[Document, ReadText]]:
        """Active documents with their texts, by source (optionally only some control rounds).

        Documents are the same objects from call to call while their rows are unchanged: treat them as read-only
        (sorting provisions into text order, which every output does, is the one change allowed).
        """
        out = []
        stored: dict[int, list[tuple[str, str]]] = {}
        for r in self.conn.execute("SELECT p.document, p.id, p.json FROM provisions p JOIN documents d "
                                   "ON d.pk = p.document WHERE d.status = 'active'"):
            stored.setdefault(r[0], []).append((r[1], r[2]))
        rows = self.conn.execute("SELECT * FROM documents WHERE status = 'active' ORDER BY source").fetchall()
        for pk in set(self._read) - {row["pk"] for row in rows}:
            del self._read[pk]
        for row in rows:
            doc = self._cached_document(row, tuple(sorted(stored.get(row["pk"], ()))))
            if doc is None or (rounds is not None and doc.round not in rounds):
                continue
            meta = json.loads(row["doc_json"])
            read = ReadText(text=row["text"], format=meta.get("format") or "text", encoding=meta.get("encoding"),
                            page_starts=json.loads(row["page_starts"]) if row["page_starts"] else None)
            out.append((doc, read))
        return out

    @_guarded
    def errors(self) -> list[InputError]:
        return [InputError(source=r["source"], error=r["error"]) for r in self.conn.execute("SELECT source, error FROM errors ORDER BY source")]

    @_guarded
    def report(self) -> ExtractionReport:
        """The extract JSON contract for the store's active documents and errors."""
        return ExtractionReport(documents=[d for d, _ in self.extracted()], errors=self.errors())

    @_guarded
    def status(self) -> Status:
        docs = {r[0]: r[1] for r in self.conn.execute("SELECT status, COUNT(*) FROM documents GROUP BY status")}
        provs = {r[0]: r[1] for r in self.conn.execute(
            "SELECT p.kind, COUNT(*) FROM provisions p JOIN documents d ON d.pk = p.document WHERE d.status = 'active' GROUP BY p.kind ORDER BY p.kind")}
        run = self.conn.execute("SELECT * FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        return Status(db=self.path, schema_version=self.schema_version, documents=docs, provisions=provs,
                      errors=self.errors(), last_run=dict(run) if run else None)


def _under(source: str, roots: list[str]) -> bool:
    """Whether a source is one of the roots or lies in one of their folders."""
    return any(source == r or source.startswith(r.rstrip("/") + "/") for r in roots)


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (sqlite3.executescript would commit early)."""
    out, buf = [], []
    for line in script.splitlines():
        line = line.split("--", 1)[0]
        if not line.strip():
            continue
        buf.append(line)
        if line.rstrip().endswith(";") and sqlite3.complete_statement("\n".join(buf)):
            out.append("\n".join(buf))
            buf = []
    return out
