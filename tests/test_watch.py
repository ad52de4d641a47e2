"""The drop folder, end to end: a real `controlbrief watch` process on a temporary inbox."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from support import CORPUS, DATA, ctrl_c_works


def wait_for(check, timeout=60.0, step=0.2):
    end = time.time() + timeout
    while time.time() < end:
        value = check()
        if value:
            return value
        time.sleep(step)
    raise AssertionError("condition not met in time")


def stop_watcher(proc: subprocess.Popen, timeout: float = 60) -> str:
    """Ctrl-C a watcher and return what it said on stderr (kill it if it does not stop)."""
    proc.send_signal(signal.SIGINT)
    try:
        return proc.communicate(timeout=timeout)[1]
    except subprocess.TimeoutExpired:
        proc.kill()
        raise


def site_sources(site: Path) -> set[str]:
    path = site / "provisions.json"
    if not path.exists():
        return set()
    try:
        return {Path(d["source"]).name for d in json.loads(path.read_text())["documents"]}
    except json.JSONDecodeError:  # a reader never sees half a file: fail loudly if it does
        raise AssertionError("provisions.json was read half-written")


def test_watch_processes_drops_slow_copies_and_bad_files(tmp_path):
    inbox, site, db = tmp_path / "inbox", tmp_path / "site", tmp_path / "w.db"
    inbox.mkdir()
    shutil.copy(CORPUS / "graphite" / "2023-10" / "mofcom-2023-39-graphite.txt", inbox / "graphite.txt")
    exe = Path(sys.executable).with_name("controlbrief")
    proc = subprocess.Popen([str(exe), "watch", str(inbox), "--out", str(site), "--db", str(db), "--settle", "1.5", "--interval", "0.5"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=ctrl_c_works)
    try:
        wait_for(lambda: "graphite.txt" in site_sources(site))
        # A PDF copied in slow chunks must not be read half-written.
        pdf = (CORPUS / "gallium-germanium" / "2023-07" / "mofcom-2023-23-gallium-germanium.pdf").read_bytes()
        target = inbox / "gallium.pdf"
        with open(target, "wb") as fh:
            for i in range(4):
                fh.write(pdf[i * len(pdf) // 4:(i + 1) * len(pdf) // 4])
                fh.flush()
                time.sleep(0.6)
        shutil.copy(DATA / "truncated.pdf", inbox / "broken.pdf")
        shutil.copy(CORPUS / "rare-earths" / "2025-10" / "mofcom-2025-57-five-rare-earths.md", inbox / "holmium.md")
        wait_for(lambda: {"gallium.pdf", "holmium.md"} <= site_sources(site))
        wait_for(lambda: "broken.pdf" in (site / "errors.html").read_text())
        assert "gallium.pdf" not in (site / "errors.html").read_text()
        index = (site / "index.html").read_text()
        assert "Announcement No. 23 of 2023" in index and "Announcement No. 57 of 2025" in index
        assert proc.poll() is None, "the watcher stopped"
        # A deleted notice is withdrawn from the site, not silently kept.
        (inbox / "holmium.md").unlink()
        wait_for(lambda: "holmium.md" not in site_sources(site))
        assert proc.poll() is None
    finally:
        err = stop_watcher(proc)
    assert proc.returncode == 0, err
    assert "stopped" in err and "Traceback" not in err


def test_watch_once_for_cron(run_cli, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(CORPUS / "graphite" / "2023-10" / "mofcom-2023-39-graphite.txt", inbox)
    result = run_cli("watch", str(inbox), "--out", str(tmp_path / "site"), "--db", str(tmp_path / "w.db"), "--once")
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "site" / "notices").glob("*.html"))) == 1
    # It says what it watches and where the site is, before anything else.
    first = result.stderr.splitlines()[0]
    assert f"watching {inbox}" in first and str(tmp_path / "site" / "index.html") in first


def test_watch_sigterm_stops_cleanly(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    exe = Path(sys.executable).with_name("controlbrief")
    proc = subprocess.Popen([str(exe), "watch", str(inbox), "--out", str(tmp_path / "site"), "--db", str(tmp_path / "w.db")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=ctrl_c_works)
    wait_for(lambda: (tmp_path / "site" / "index.html").exists())
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0 and "stopped" in err
    assert os.path.exists(tmp_path / "w.db")


def test_watch_on_change_runs_a_command_with_the_new_notices(tmp_path):
    """--on-change gets the paths of new or changed notices; it is not waited for; a failing one is a warning."""
    inbox, site, log = tmp_path / "inbox", tmp_path / "site", tmp_path / "changed.txt"
    inbox.mkdir()
    shutil.copy(CORPUS / "graphite" / "2023-10" / "mofcom-2023-39-graphite.txt", inbox / "graphite.txt")
    # The command appends its arguments to a file, then fails: the watcher must carry on and say so.
    command = f"sh -c 'for a in \"$@\"; do echo \"$a\" >> {log}; done; sleep 1; exit 3' hook"
    exe = Path(sys.executable).with_name("controlbrief")
    proc = subprocess.Popen([str(exe), "watch", str(inbox), "--out", str(site), "--db", str(tmp_path / "w.db"),
                             "--settle", "0.5", "--interval", "0.3", "--on-change", command],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=ctrl_c_works)
    try:
        wait_for(lambda: log.exists() and "graphite.txt" in log.read_text())
        assert "graphite.txt" in site_sources(site)  # the site was written before the command ran
        shutil.copy(CORPUS / "rare-earths" / "2025-10" / "mofcom-2025-57-five-rare-earths.md", inbox / "holmium.md")
        wait_for(lambda: "holmium.md" in log.read_text())
        lines = log.read_text().splitlines()
        assert lines == [str(inbox / "graphite.txt"), str(inbox / "holmium.md")]  # absolute paths, each once
        time.sleep(2.5)  # let the second command fail and a later cycle notice it
        assert proc.poll() is None, "the watcher stopped"
    finally:
        err = stop_watcher(proc)
    assert proc.returncode == 0, err
    assert "on-change command 'sh' exited with status 3" in err and "Traceback" not in err


def test_watch_on_change_refuses_an_empty_command(run_cli, tmp_path):
    (tmp_path / "inbox").mkdir()
    result = run_cli("watch", str(tmp_path / "inbox"), "--once", "--out", str(tmp_path / "s"), "--db", str(tmp_path / "w.db"),
                     "--on-change", "  ")
    assert result.returncode == 2 and "--on-change" in result.stderr and "Traceback" not in result.stderr


def test_watch_reads_a_notice_the_moment_it_settles(tmp_path):
    """Nothing happens to a file when it settles: the watcher must come back for it then, not a quiet interval later."""
    inbox, site = tmp_path / "inbox", tmp_path / "site"
    inbox.mkdir()
    exe = Path(sys.executable).with_name("controlbrief")
    # A quiet interval far longer than the settle time: only a timed return can meet the bound below.
    proc = subprocess.Popen([str(exe), "watch", str(inbox), "--out", str(site), "--db", str(tmp_path / "w.db"),
                             "--settle", "1", "--interval", "10"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=ctrl_c_works)
    try:
        wait_for(lambda: (site / "index.html").exists())
        time.sleep(0.5)
        target = inbox / "graphite.txt"
        shutil.copy(CORPUS / "graphite" / "2023-10" / "mofcom-2023-39-graphite.txt", target)
        settled_at = target.stat().st_mtime + 1
        wait_for(lambda: "graphite.txt" in site_sources(site), timeout=30, step=0.05)
        # Extracting one notice and rewriting a one-notice site takes well under a second here;
        # a watcher that waited for its next quiet interval would take about ten.
        assert time.time() - settled_at < 5
        assert proc.poll() is None
    finally:
        err = stop_watcher(proc)
    assert proc.returncode == 0, err


def test_watch_takes_a_notice_dropped_while_its_first_cycle_runs(tmp_path):
    """Events are gathered from before the first scan: a notice that arrives while the first (long) cycle runs is
    taken when that cycle ends, not a quiet interval later."""
    inbox, site = tmp_path / "inbox", tmp_path / "site"
    inbox.mkdir()
    for i, path in enumerate(sorted(CORPUS.rglob("*.txt"))[:12]):
        shutil.copy(path, inbox / f"{i:02d}-{path.name}")
    exe = Path(sys.executable).with_name("controlbrief")
    proc = subprocess.Popen([str(exe), "watch", str(inbox), "--out", str(site), "--db", str(tmp_path / "w.db"),
                             "--settle", "0.3", "--interval", "60"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=ctrl_c_works)
    try:
        assert "watching" in proc.stderr.readline()
        target = inbox / "late.txt"
        shutil.copy(CORPUS / "graphite" / "2023-10" / "mofcom-2023-39-graphite.txt", target)
        first = proc.stderr.readline()
        assert "site updated" in first and "extracted 12," in first  # the late notice came after the first scan
        # A watcher that lost the event would wait for its next quiet interval, a minute away.
        wait_for(lambda: "late.txt" in site_sources(site), timeout=30, step=0.05)
        assert proc.poll() is None
    finally:
        err = stop_watcher(proc)
    assert proc.returncode == 0, err


def test_watch_rescans_every_interval_once_file_events_fail():
    """watchfiles can fail for good (a file name that is not UTF-8): the watcher says so once and rescans."""
    import threading

    from controlbrief import watch as w

    class Failed:
        def wait(self, seconds):
            return RuntimeError("stream did not contain valid UTF-8")

    stop, said, cycles = threading.Event(), [], []

    def cycle(first):
        cycles.append(first)
        if len(cycles) == 4:
            stop.set()

    w._follow(Failed(), stop, 0.01, cycle, said.append, w.Settled(0))
    assert cycles == [False] * 4
    assert [s for s in said if "file events unavailable" in s and "rescanning every 0.01 s" in s] == said and len(said) == 1


def test_watch_reads_edited_patterns_and_survives_a_broken_one(tmp_path):
    """Patterns are data a user edits: a running watcher takes a saved change (every notice is read again with it),
    and a pattern file that does not read gives one warning while the patterns read before stay in use."""
    patterns, inbox, site = tmp_path / "patterns", tmp_path / "inbox", tmp_path / "site"
    shutil.copytree(Path(__file__).resolve().parents[1] / "patterns", patterns)
    inbox.mkdir()
    (inbox / "notice.txt").write_text("The ministry imposes export controls on widgetite powders from 1 May 2026.\n")
    exe = Path(sys.executable).with_name("controlbrief")
    env = {**os.environ, "CONTROLBRIEF_PATTERNS": str(patterns), "CONTROLBRIEF_RESIDENT": "off"}
    proc = subprocess.Popen([str(exe), "watch", str(inbox), "--out", str(site), "--db", str(tmp_path / "w.db"),
                             "--settle", "0.3", "--interval", "0.3"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=ctrl_c_works, env=env)

    def items():
        path = site / "provisions.json"
        docs = json.loads(path.read_text())["documents"] if path.exists() else []
        return [i for d in docs for p in d["provisions"] if p["kind"] == "product_scope" for i in p["items"]]

    try:
        wait_for(lambda: "notice.txt" in site_sources(site))
        assert items() == []
        context = patterns / "context.jsonl"
        good = context.read_text()
        context.write_text(good + '{"id": "context.broken", "label": "x", "pattern": [{"FOO": 1}]}\n')
        goods = patterns / "lexicons" / "goods.json"
        lexicon = json.loads(goods.read_text())
        lexicon["entries"].append({"id": "widgetite", "forms": ["widgetite", "widgetite powders"]})
        goods.write_text(json.dumps(lexicon))
        time.sleep(2)
        assert proc.poll() is None and items() == []  # the broken file keeps the old patterns in use
        context.write_text(good)
        wait_for(lambda: items() == ["widgetite"], timeout=90)
        assert proc.poll() is None
    finally:
        err = stop_watcher(proc)
    assert proc.returncode == 0, err
    assert err.count("patterns changed but cannot be read (pattern context.broken") == 1, err
    assert "patterns changed: extracting every notice again" in err and "Traceback" not in err
