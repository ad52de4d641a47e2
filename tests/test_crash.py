"""Kill `controlbrief ingest` with SIGKILL mid-batch, run it again, and lose nothing."""

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from support import CORPUS


def count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def make_inbox(folder: Path, copies: int) -> int:
    folder.mkdir()
    sources = sorted(p for p in CORPUS.rglob("*") if p.suffix in {".txt", ".md", ".html"})
    n = 0
    for i in range(copies):
        for src in sources:
            data = src.read_bytes()
            # A unique tail makes each copy a distinct document (its own content hash).
            (folder / f"{i:03d}-{src.name}").write_bytes(data + f"\nCopy {i} of {src.name}.\n".encode())
            n += 1
    return n


def test_crash_kill_and_rerun_loses_nothing(tmp_path):
    inbox, db = tmp_path / "inbox", tmp_path / "c.db"
    total = make_inbox(inbox, copies=6)
    exe = str(Path(sys.executable).with_name("controlbrief"))
    proc = subprocess.Popen([exe, "ingest", str(inbox), "--db", str(db), "--quiet"], stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and count(db) < 5 and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed; make the batch larger"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    done_before = count(db)
    assert 0 < done_before < total
    rerun = subprocess.run([exe, "ingest", str(inbox), "--db", str(db), "--quiet"], capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"extracted {total - done_before}," in rerun.stderr
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT source, COUNT(*) FROM documents GROUP BY source").fetchall()
        assert len(rows) == total and all(n == 1 for _, n in rows)
        assert conn.execute("SELECT COUNT(*) FROM documents WHERE status != 'active'").fetchone()[0] == 0
        stored = conn.execute("SELECT COUNT(*) FROM provisions").fetchone()[0]
    # The store holds exactly what a clean run produces.
    clean_db = tmp_path / "clean.db"
    clean = subprocess.run([exe, "ingest", str(inbox), "--db", str(clean_db), "--quiet"], capture_output=True, text=True, timeout=600)
    assert clean.returncode == 0
    with sqlite3.connect(clean_db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM provisions").fetchone()[0] == stored
    again = subprocess.run([exe, "ingest", str(inbox), "--db", str(db), "--quiet"], capture_output=True, text=True, timeout=600)
    assert f"nothing to extract: {total} unchanged" in again.stderr
