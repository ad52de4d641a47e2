import os
import shutil

from controlbrief.store import Store
from controlbrief.sync import sync
from support import CORPUS, DATA


def inbox(tmp_path):
    box = tmp_path / "inbox"
    box.mkdir()
    shutil.copy(CORPUS / "graphite" / "2023-10" / "mofcom-2023-39-graphite.txt", box / "graphite.txt")
    shutil.copy(CORPUS / "rare-earths" / "2025-10" / "mofcom-2025-57-five-rare-earths.md", box / "holmium.md")
    return box


def test_sync_is_incremental(tmp_path):
    box = inbox(tmp_path)
    with Store(tmp_path / "s.db") as s:
        first = sync(s, [str(box)])
        assert len(first.extracted) == 2 and first.unchanged == 0
        again = sync(s, [str(box)])
        assert again.extracted == [] and again.unchanged == 2 and not again.changed
        os.utime(box / "graphite.txt")  # touched, same bytes: not re-extracted
        assert sync(s, [str(box)]).extracted == []


def test_sync_new_version_and_withdrawal(tmp_path):
    box = inbox(tmp_path)
    with Store(tmp_path / "s.db") as s:
        sync(s, [str(box)])
        (box / "graphite.txt").write_text((box / "graphite.txt").read_text().replace("1 December 2023", "15 December 2023"))
        (box / "holmium.md").unlink()
        result = sync(s, [str(box)])
        assert result.extracted == [f"{box}/graphite.txt"] and result.withdrawn == [f"{box}/holmium.md"]
        assert s.status().documents == {"active": 1, "superseded": 1, "withdrawn": 1}
        (doc, _), = s.extracted()
        assert "2023-12-15" in {p.date for p in doc.provisions if p.kind == "effective_date"}


def test_sync_records_bad_files_once(tmp_path):
    box = inbox(tmp_path)
    shutil.copy(DATA / "junk.pdf", box / "junk.pdf")
    with Store(tmp_path / "s.db") as s:
        assert [e.source for e in sync(s, [str(box)]).failed] == [f"{box}/junk.pdf"]
        assert sync(s, [str(box)]).failed == []  # same bytes: not read again
        assert [e.source for e in s.errors()] == [f"{box}/junk.pdf"]
        (box / "junk.pdf").unlink()
        sync(s, [str(box)])
        assert s.errors() == []


def test_sync_pattern_change_reextracts_everything(tmp_path, run_cli):
    box = inbox(tmp_path)
    db = tmp_path / "s.db"
    assert run_cli("ingest", str(box), "--db", str(db)).returncode == 0
    patterns = tmp_path / "patterns"
    shutil.copytree(CORPUS.parent / "patterns", patterns)
    with open(patterns / "rationale.jsonl", "a") as fh:
        fh.write('{"id": "rationale.extra_test_cue", "label": "purpose", "pattern": [{"LOWER": "zzzz"}]}\n')
    import subprocess
    import sys

    env = {**os.environ, "CONTROLBRIEF_PATTERNS": str(patterns)}
    result = subprocess.run([sys.executable, "-m", "controlbrief.cli", "ingest", str(box), "--db", str(db)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert "extracted 2" in result.stderr
    with Store(db) as s:
        assert s.status().documents == {"active": 2}


def test_sync_of_an_unchanged_folder_does_not_load_spacy(run_cli, tmp_path):
    """An unchanged rescan (every watch interval, every cron ingest) stats and hashes; it never builds a pipeline."""
    import subprocess
    import sys

    from support import CORPUS

    db = tmp_path / "s.db"
    folder = str(CORPUS / "graphite")
    assert run_cli("ingest", folder, "--db", str(db), "--quiet").returncode == 0
    probe = ("import sys; from controlbrief.store import Store; from controlbrief.sync import sync\n"
             f"with Store({str(db)!r}) as s: r = sync(s, [{folder!r}])\n"
             "print(r.unchanged, len(r.extracted), 'spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    unchanged, extracted, loaded = out.stdout.split()
    assert int(unchanged) >= 1 and extracted == "0" and loaded == "False"


def test_sync_extracts_again_when_the_chinese_patterns_change(tmp_path, monkeypatch):
    """The store's pattern digest covers patterns/zh (and its regional words), not only the English patterns."""
    import shutil

    from controlbrief.paths import patterns_dir
    from controlbrief.patterns import _load_pattern_set
    from controlbrief.sync import pattern_digest

    copy = tmp_path / "patterns"
    shutil.copytree(patterns_dir(), copy)
    monkeypatch.setenv("CONTROLBRIEF_PATTERNS", str(copy))
    first = pattern_digest()
    words = copy / "zh" / "regional_words.json"
    words.write_text(words.read_text(encoding="utf-8").replace('"雷射": "激光"', '"镭射": "激光"'), encoding="utf-8")
    _load_pattern_set.cache_clear()  # a process reads its patterns once; this one changes them on purpose
    second = pattern_digest()
    assert second != first
    with (copy / "zh" / "context.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('{"id": "context.zh_extra", "label": "suspension", "pattern": "暂缓执行", "attrs": {}}\n')
    _load_pattern_set.cache_clear()
    assert pattern_digest() not in {first, second}
    _load_pattern_set.cache_clear()
