"""SQLite store of documents, provisions, errors and runs (stdlib sqlite3, WAL mode).

This module owns persistence: schema migrations, one transaction per document
(so a killed process leaves either all of a document or none of it), and the
queries that brief, diff and status read. It extracts nothing itself.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from pydantic import BaseModel, Field, TypeAdapter

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


class Store:
    """A controlbrief database. Use as a context manager or call close()."""

    def __init__(self, path: str | Path = DEFAULT_DB) -> None:
        self.path = str(path)
        self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.migrate()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        """Bring the schema to the newest version, one migration per transaction."""
        while self.schema_version < len(MIGRATIONS):
            version = self.schema_version
            with self.transaction() as c:
                for statement in _statements(MIGRATIONS[version]):
                    c.execute(statement)
                c.execute(f"PRAGMA user_version = {version + 1}")

    # ---- writes -------------------------------------------------------------------------

    def active(self, source: str) -> StoredFile | None:
        row = self.conn.execute(
            "SELECT pk, id, size, mtime_ns, pattern_digest FROM documents WHERE source = ? AND status = 'active'", (source,)
        ).fetchone()
        return StoredFile(**dict(row)) if row else None

    def touch(self, pk: int, size: int, mtime_ns: int) -> None:
        """Record that an unchanged document was seen again."""
        self.conn.execute("UPDATE documents SET last_seen = ?, size = ?, mtime_ns = ? WHERE pk = ?", (now(), size, mtime_ns, pk))

    def save(self, document: Document, read: ReadText, size: int, mtime_ns: int, digest: str) -> str:
        """Store a document and its provisions in one transaction; return 'new', 'version' or 'reextracted'."""
        meta = document.model_dump(mode="json", exclude={"provisions"})
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
                          [(pk, p.id, p.kind, p.model_dump_json()) for p in document.provisions])
            c.execute("DELETE FROM errors WHERE source = ?", (document.source,))
        return outcome

    def record_error(self, error: InputError, size: int | None, mtime_ns: int | None) -> None:
        self.conn.execute(
            "INSERT INTO errors (source, error, size, mtime_ns, at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (source) DO UPDATE SET error = excluded.error, size = excluded.size, "
            "mtime_ns = excluded.mtime_ns, at = excluded.at",
            (error.source, error.error, size, mtime_ns, now()))

    def known_error(self, source: str, size: int, mtime_ns: int) -> bool:
        """True when this exact file (same size and mtime) already failed: no need to read it again."""
        row = self.conn.execute("SELECT 1 FROM errors WHERE source = ? AND size = ? AND mtime_ns = ?", (source, size, mtime_ns)).fetchone()
        return row is not None

    def withdraw_missing(self, present: set[str], roots: list[str]) -> list[str]:
        """Mark active documents under roots whose file is gone as withdrawn; never delete them."""
        gone = []
        for row in self.conn.execute("SELECT source FROM documents WHERE status = 'active'").fetchall():
            src = row["source"]
            if src not in present and _under(src, roots):
                gone.append(src)
        if gone:
            with self.transaction() as c:
                c.executemany("UPDATE documents SET status = 'withdrawn' WHERE source = ? AND status = 'active'", [(s,) for s in gone])
                c.executemany("DELETE FROM errors WHERE source = ?", [(s,) for s in gone])
        for row in self.conn.execute("SELECT source FROM errors").fetchall():
            src = row["source"]
            if src not in present and _under(src, roots):
                self.conn.execute("DELETE FROM errors WHERE source = ?", (src,))
        return gone

    def start_run(self, command: str) -> int:
        return int(self.conn.execute("INSERT INTO runs (command, started) VALUES (?, ?)", (command, now())).lastrowid)

    def finish_run(self, run: int, extracted: int, unchanged: int, failed: int, withdrawn: int) -> None:
        self.conn.execute("UPDATE runs SET finished = ?, extracted = ?, unchanged = ?, failed = ?, withdrawn = ? WHERE id = ?",
                          (now(), extracted, unchanged, failed, withdrawn, run))

    # ---- reads --------------------------------------------------------------------------

    def _document(self, row: sqlite3.Row) -> Document:
        provisions = [_PROVISION.validate_json(r["json"]) for r in
                      self.conn.execute("SELECT json FROM provisions WHERE document = ?", (row["pk"],))]
        return Document.model_validate({**json.loads(row["doc_json"]), "provisions": provisions})

    def extracted(self, rounds: list[str] | None = None) -> list[tuple[Document, ReadText]]:
        """Active documents with their texts, by source (optionally only some control rounds)."""
        out = []
        for row in self.conn.execute("SELECT * FROM documents WHERE status = 'active' ORDER BY source"):
            doc = self._document(row)
            if rounds is not None and doc.round not in rounds:
                continue
            meta = json.loads(row["doc_json"])
            read = ReadText(text=row["text"], format=meta.get("format") or "text", encoding=meta.get("encoding"),
                            page_starts=json.loads(row["page_starts"]) if row["page_starts"] else None)
            out.append((doc, read))
        return out

    def errors(self) -> list[InputError]:
        return [InputError(source=r["source"], error=r["error"]) for r in self.conn.execute("SELECT source, error FROM errors ORDER BY source")]

    def report(self) -> ExtractionReport:
        """The extract JSON contract for the store's active documents and errors."""
        return ExtractionReport(documents=[d for d, _ in self.extracted()], errors=self.errors())

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
