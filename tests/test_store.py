import sqlite3

import pytest

from controlbrief.models import Document, InputError, ReadText, Threshold
from controlbrief.store import MIGRATIONS, Store


def doc(doc_id: str, source: str = "inbox/a.txt", value: float = 0.1) -> Document:
    t = Threshold(id=f"t-{doc_id}", text="x", span=(0, 1), pattern="threshold.or_more", value=value, unit="percent",
                  comparator=">=", measure="value")
    return Document(id=doc_id, source=source, title="T", round="2025-10", provisions=[t])


READ = ReadText(text="x", format="text", encoding="utf-8")


def test_store_migrates_and_uses_wal(tmp_path):
    with Store(tmp_path / "a.db") as s:
        assert s.schema_version == len(MIGRATIONS)
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Store(tmp_path / "a.db") as s:  # reopening migrates nothing twice
        assert s.schema_version == len(MIGRATIONS)


def test_store_versions_and_round_trip(tmp_path):
    with Store(tmp_path / "a.db") as s:
        assert s.save(doc("a" * 16), READ, 1, 1, "p1") == "new"
        assert s.save(doc("b" * 16, value=0.05), READ, 2, 2, "p1") == "version"
        assert s.status().documents == {"active": 1, "superseded": 1}
        (got, read), = s.extracted()
        assert got.id == "b" * 16 and got.provisions[0].value == 0.05 and read.text == "x"
        assert s.report().documents[0].round == "2025-10"


def test_store_reextract_replaces_provisions_in_place(tmp_path):
    with Store(tmp_path / "a.db") as s:
        s.save(doc("a" * 16), READ, 1, 1, "p1")
        assert s.save(doc("a" * 16, value=0.2), READ, 1, 1, "p2") == "reextracted"
        assert s.status().documents == {"active": 1}
        assert s.conn.execute("SELECT COUNT(*) FROM provisions").fetchone()[0] == 1
        assert s.active("inbox/a.txt").pattern_digest == "p2"


def test_store_withdraws_missing_files_and_keeps_them(tmp_path):
    with Store(tmp_path / "a.db") as s:
        s.save(doc("a" * 16, "inbox/a.txt"), READ, 1, 1, "p")
        s.save(doc("b" * 16, "inbox/b.txt"), READ, 1, 1, "p")
        s.save(doc("c" * 16, "elsewhere/c.txt"), READ, 1, 1, "p")
        assert s.withdraw_missing({"inbox/a.txt"}, ["inbox"]) == ["inbox/b.txt"]
        assert s.status().documents == {"active": 2, "withdrawn": 1}
        assert s.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 3


def test_store_errors_are_recorded_and_cleared(tmp_path):
    with Store(tmp_path / "a.db") as s:
        s.record_error(InputError(source="inbox/a.txt", error="empty file"), 0, 5)
        assert s.known_error("inbox/a.txt", 0, 5) and not s.known_error("inbox/a.txt", 10, 6)
        s.save(doc("a" * 16), READ, 10, 6, "p")
        assert s.errors() == []


def test_store_transaction_rolls_back(tmp_path):
    with Store(tmp_path / "a.db") as s:
        with pytest.raises(sqlite3.IntegrityError):
            with s.transaction() as c:
                c.execute("INSERT INTO errors (source, error, at) VALUES ('x', 'e', 'now')")
                c.execute("INSERT INTO errors (source, error, at) VALUES ('x', 'e', 'now')")
        assert s.errors() == []


@pytest.mark.parametrize("message, advice", [
    ("database or disk is full", "free space"),
    ("database is locked", "run again when that one has finished"),
    ("attempt to write a readonly database", "read-only"),
    ("file is not a database", "move it aside"),
    ("database disk image is malformed", "move it aside"),
    ("unable to open database file", "check that its folder exists"),
])
def test_store_errors_are_one_line_with_advice(tmp_path, monkeypatch, message, advice):
    import sqlite3

    from controlbrief.errors import StoreError
    from controlbrief.store import Store

    store = Store(tmp_path / "s.db")

    def fail(*_a, **_k):
        raise sqlite3.OperationalError(message)

    monkeypatch.setattr(store, "conn", type("C", (), {"execute": fail, "executemany": fail, "close": lambda self: None})())
    with pytest.raises(StoreError) as info:
        store.errors()
    text = str(info.value)
    assert "\n" not in text and text.startswith(str(tmp_path / "s.db")) and advice in text


def test_store_skips_rows_it_cannot_read_back(tmp_path):
    import sqlite3

    from controlbrief.store import Store

    db = tmp_path / "s.db"
    with Store(db) as store:
        store.conn.execute("INSERT INTO documents (id, source, version, status, size, mtime_ns, pattern_digest, first_seen, last_seen, "
                           "doc_json, text) VALUES ('a', 'a.txt', 1, 'active', 1, 1, 'd', 'now', 'now', '{\"id\": \"a\"', 't')")
        store.conn.execute("INSERT INTO documents (id, source, version, status, size, mtime_ns, pattern_digest, first_seen, last_seen, "
                           "doc_json, text) VALUES ('b', 'b.txt', 1, 'active', 1, 1, 'd', 'now', 'now', ?, 't')",
                           ('{"id": "b", "source": "b.txt", "title": null, "issuer": null, "published": null, "language": "en"}',))
        pk = store.conn.execute("SELECT pk FROM documents WHERE id = 'b'").fetchone()[0]
        store.conn.execute("INSERT INTO provisions (document, id, kind, json) VALUES (?, 'p1', 'threshold', ?)",
                           (pk, '{"kind": "threshold", "value": null}'))
        docs = store.extracted()
        assert [d.source for d, _ in docs] == ["b.txt"] and docs[0][0].provisions == []
        assert len(store.skipped) == 2 and "a.txt" in store.skipped[0] and "p1" in store.skipped[1]
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 2


def test_store_refuses_what_it_could_not_read_back(tmp_path):
    from controlbrief.errors import UnstorableError
    from controlbrief.models import Document, ReadText, Threshold
    from controlbrief.store import Store

    bad = Threshold.model_construct(id="p", kind="threshold", text="t", span=(0, 1), page=None, pattern="x", value=float("inf"),
                                    unit="percent", comparator=">=", measure="m")
    doc = Document(id="0" * 16, source="n.txt", title=None, issuer=None, published=None, language="en")
    doc.provisions.append(bad)
    with Store(tmp_path / "s.db") as store:
        with pytest.raises(UnstorableError, match="cannot be stored"):
            store.save(doc, ReadText(text="t", format="text"), 1, 1, "d")
        assert store.extracted() == []


def test_store_reads_unchanged_documents_once(tmp_path):
    """A watcher reads the whole store after every change: unchanged rows give the same parsed documents, a
    changed one (new version, or re-extracted with other provisions) is read again, a withdrawn one is dropped."""
    with Store(tmp_path / "a.db") as s:
        s.save(doc("a" * 16, "inbox/a.txt"), READ, 1, 1, "p")
        s.save(doc("b" * 16, "inbox/b.txt"), READ, 1, 1, "p")
        first = {d.source: d for d, _ in s.extracted()}
        again = {d.source: d for d, _ in s.extracted()}
        assert all(again[k] is first[k] for k in first)
        s.save(doc("a" * 16, "inbox/a.txt", value=0.2), READ, 1, 1, "p2")  # re-extracted in place: same row
        s.save(doc("c" * 16, "inbox/b.txt", value=0.3), READ, 2, 2, "p")  # a new version of b
        now = {d.source: d for d, _ in s.extracted()}
        assert now["inbox/a.txt"].provisions[0].value == 0.2 and now["inbox/b.txt"].provisions[0].value == 0.3
        s.withdraw_missing({"inbox/a.txt"}, ["inbox"])
        assert [d.source for d, _ in s.extracted()] == ["inbox/a.txt"] and len(s._read) == 1


def test_store_says_again_what_it_skipped_when_reading_from_memory(tmp_path):
    with Store(tmp_path / "a.db") as s:
        s.save(doc("a" * 16), READ, 1, 1, "p")
        s.conn.execute("UPDATE provisions SET json = '{\"kind\": \"threshold\", \"value\": null}'")
        s.extracted()
        said = list(s.skipped)
        s.skipped.clear()
        s.extracted()
        assert said and s.skipped == said
