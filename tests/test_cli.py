import json
import shutil

import jsonschema
import pytest

from support import CORPUS, DATA, ROOT, SHARED

SCHEMA = json.loads((ROOT / "schema" / "provisions.schema.json").read_text())
KINDS = {"threshold", "product_scope", "rationale", "end_use_restriction", "effective_date", "licensing", "exemption", "destination", "relation"}


def test_cli_extract_corpus_matches_schema_and_covers_every_kind(corpus_report):
    _, report = corpus_report
    jsonschema.validate(report, SCHEMA)
    assert report["schema_version"] == 2 and report["errors"] == []
    assert len(report["documents"]) >= 13
    assert {p["kind"] for d in report["documents"] for p in d["provisions"]} == KINDS
    formats = {d["format"] for d in report["documents"]}
    assert {"text", "markdown", "html", "pdf"} <= formats


def test_cli_extract_provisions_carry_evidence(corpus_report):
    _, report = corpus_report
    for doc in report["documents"]:
        for p in doc["provisions"]:
            assert p["pattern"] and p["text"].strip()
            assert 0 <= p["span"][0] < p["span"][1]
            assert (p["page"] is not None) == (doc["format"] == "pdf")


def test_cli_extract_pdf_pages(corpus_report):
    _, report = corpus_report
    (doc,) = [d for d in report["documents"] if d["source"].endswith("bis-2024-12-hbm-fdp.pdf")]
    pages = {p["page"] for p in doc["provisions"]}
    assert pages == {1, 2}


def test_cli_extract_is_byte_identical_across_runs(run_cli, corpus_report):
    first, _ = corpus_report
    second = run_cli("extract", "corpus", "--format", "json", "--quiet")
    assert second.stdout == first


@pytest.mark.parametrize(
    "path",
    [SHARED / "seed" / "rare-earths-news-2025-10.txt", CORPUS / "rare-earths" / "2025-10" / "news-rare-earth-controls-widen.txt"],
    ids=["shared-seed", "corpus-rewrite"],
)
def test_cli_extract_news_report_facts(run_cli, path):
    if not path.exists():
        pytest.skip(f"{path} not present (shared/ lies beside the repository)")
    result = run_cli("extract", str(path))
    assert result.returncode == 0, result.stderr
    provisions = json.loads(result.stdout)["documents"][0]["provisions"]
    by_kind = {}
    for p in provisions:
        by_kind.setdefault(p["kind"], []).append(p)
    assert any(t["value"] == 0.1 and t["unit"] == "percent" and t["comparator"] == ">=" for t in by_kind["threshold"])
    items = {i for s in by_kind["product_scope"] for i in s["items"]}
    assert any("rare earth" in i for i in items) and any("magnet" in i for i in items)
    assert "national_security" in {r["category"] for r in by_kind["rationale"]}
    assert "military" in {e["end_use"] for e in by_kind["end_use_restriction"]}


def test_cli_extract_bad_file_among_good_ones(run_cli, tmp_path):
    good = CORPUS / "graphite" / "2023-10" / "mofcom-2023-39-graphite.txt"
    shutil.copy(good, tmp_path / "a-good.txt")
    shutil.copy(CORPUS / "rare-earths" / "2025-10" / "mofcom-2025-57-five-rare-earths.md", tmp_path / "c-good.md")
    shutil.copy(DATA / "junk.pdf", tmp_path / "b-junk.pdf")
    result = run_cli("extract", str(tmp_path), "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert [e["source"] for e in report["errors"]] == [f"{tmp_path}/b-junk.pdf"]
    assert [d["source"].rsplit("/", 1)[1] for d in report["documents"]] == ["a-good.txt", "c-good.md"]
    assert all(d["provisions"] for d in report["documents"])
    err_lines = [ln for ln in result.stderr.splitlines() if "b-junk.pdf" in ln]
    assert len(err_lines) == 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["empty.txt", "junk.txt", "encrypted.pdf", "truncated.pdf", "undecodable.txt"])
def test_cli_extract_each_bad_input_is_one_line(run_cli, name):
    result = run_cli("extract", str(DATA / name))
    assert result.returncode == 1
    assert json.loads(result.stdout)["errors"][0]["source"].endswith(name)
    assert len([ln for ln in result.stderr.splitlines() if name in ln]) == 1
    assert "Traceback" not in result.stderr


def test_cli_extract_huge_file_is_set_aside(run_cli, tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:
        line = b"Export control applies to gallium metal and germanium dioxide items.\n"
        fh.write(line * (50 * 1024 * 1024 // len(line) + 1))
    small = tmp_path / "small.txt"
    small.write_text("Export control applies to gallium metal.")
    result = run_cli("extract", str(tmp_path))
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert "file too large" in report["errors"][0]["error"]
    assert [d["source"] for d in report["documents"]] == [str(small)]


def test_cli_extract_csv(run_cli):
    result = run_cli("extract", str(CORPUS / "graphite"), "--format", "csv")
    assert result.returncode == 0
    header, *rows = result.stdout.splitlines()
    assert header.startswith("document_id,source,title,issuer,number,published,round,language,kind,id,span_start,span_end,page,pattern")
    assert any(",threshold," in r and "flexural strength" in r for r in rows)


def test_cli_schema_matches_committed_file(run_cli):
    result = run_cli("schema")
    assert json.loads(result.stdout) == SCHEMA, "models drifted from schema/provisions.schema.json: run `controlbrief schema`"
    committed = json.loads((ROOT / "schema" / "diff.schema.json").read_text())
    assert json.loads(run_cli("schema", "--diff").stdout) == committed, "run `controlbrief schema --diff > schema/diff.schema.json`"


def test_cli_diff_output_matches_diff_schema(run_cli):
    report = json.loads(run_cli("diff", "corpus/gallium-germanium/2023-07", "corpus/gallium-germanium/2024-12").stdout)
    jsonschema.validate(report, json.loads((ROOT / "schema" / "diff.schema.json").read_text()))


def test_cli_help_is_fast_and_lists_commands(run_cli):
    result = run_cli("--help")
    assert result.returncode == 0 and "extract" in result.stdout and "schema" in result.stdout


def test_cli_extract_missing_model_is_a_clear_error(run_cli):
    result = run_cli("extract", str(CORPUS / "graphite"), "--model", "no_such_model_xyz")
    assert result.returncode == 2
    assert "no_such_model_xyz" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_cli_extract_broken_patterns_fail_with_file_and_line(run_cli, tmp_path):
    shutil.copytree(ROOT / "patterns", tmp_path / "patterns")
    with open(tmp_path / "patterns" / "threshold.jsonl", "a") as fh:
        fh.write('{"id": "threshold.bad", "label": "threshold"}\n')
    import os
    import subprocess
    import sys

    env = {**os.environ, "CONTROLBRIEF_PATTERNS": str(tmp_path / "patterns")}
    exe = [sys.executable, "-m", "controlbrief.cli", "extract", str(CORPUS / "graphite")]
    result = subprocess.run(exe, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 2
    assert "threshold.jsonl:" in result.stderr and "pattern" in result.stderr
    # A well-formed line whose token pattern spaCy's Matcher refuses: one line naming the pattern, no traceback.
    with open(tmp_path / "patterns" / "threshold.jsonl", "w") as fh:
        fh.write((ROOT / "patterns" / "threshold.jsonl").read_text())
        fh.write('{"id": "threshold.odd", "label": "threshold", "pattern": [{"LOWERCASE": "over"}]}\n')
    result = subprocess.run(exe, capture_output=True, text=True, env={**env, "CONTROLBRIEF_RESIDENT": "off"}, timeout=120)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "controlbrief: pattern threshold.odd: [pattern -> 0 -> LOWERCASE] Extra inputs are not permitted"]


def test_cli_eval_corpus_meets_the_bar(run_cli):
    result = run_cli("eval", "tests/gold", "corpus", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["documents"] == len(list((ROOT / "tests" / "gold").rglob("*.json")))
    assert report["unscored"] == []
    assert report["macro_f1"] >= 0.9
    assert set(report["kinds"]) == KINDS


def test_cli_ingest_status_and_brief_from_store(run_cli, tmp_path):
    db = str(tmp_path / "s.db")
    first = run_cli("ingest", "corpus/graphite", "corpus/antimony", "--db", db)
    # Each folder holds an English and a Chinese rendering of its notice.
    assert first.returncode == 0 and "extracted 4" in first.stderr
    second = run_cli("ingest", "corpus/graphite", "corpus/antimony", "--db", db)
    assert "nothing to extract: 4 unchanged" in second.stderr
    status = json.loads(run_cli("status", "--db", db, "--json").stdout)
    assert status["documents"] == {"active": 4} and status["provisions"]["threshold"] == 11
    assert run_cli("status", "--db", db).stdout.startswith("database:")
    out = tmp_path / "site"
    assert run_cli("brief", "--db", db, "--out", str(out)).returncode == 0
    assert len(list((out / "notices").glob("*.html"))) == 4


def test_cli_status_without_database(run_cli, tmp_path):
    result = run_cli("status", "--db", str(tmp_path / "none.db"))
    assert result.returncode == 2 and "no such database" in result.stderr


def test_cli_diff_april_to_october_rare_earth_rounds(run_cli):
    result = run_cli("diff", "corpus/rare-earths/2025-04", "corpus/rare-earths/2025-10", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    added = [c for c in report["changes"] if c["change"] == "added"]
    elements = {"holmium", "erbium", "thulium", "europium", "ytterbium"}
    added_items = {c["key"][5:] for c in added if c["key"].startswith("item:")}
    # Exactly these five elements are new (the other items added are equipment, magnets, targets and materials).
    all_elements = {"samarium", "gadolinium", "terbium", "dysprosium", "lutetium", "scandium", "yttrium"} | elements
    assert added_items & all_elements == elements
    value = [c for c in added if c["kind"] == "threshold" and c["new"]["value"] == 0.1 and c["new"]["unit"] == "percent"]
    assert value and any(c["key"] == "origin_value_share|percent|" for c in value)
    end_uses = {c["key"] for c in added if c["kind"] == "end_use_restriction"}
    assert end_uses == {"military", "listed_entities", "wmd", "terrorism", "advanced_semiconductors", "ai_military"}
    for c in added:
        assert c["new"]["text"] and c["new_source"].startswith("corpus/rare-earths/2025-10/")
        assert c["direction"] in {"tightened", "relaxed", "neutral"}
    assert all(c["direction"] == "tightened" for c in added if c["kind"] in {"product_scope", "threshold", "end_use_restriction"})
    # Controls accumulate: nothing April stated is removed because October does not restate it.
    assert not [c for c in report["changes"] if c["change"] == "removed"]
    assert all(c["cause"] for c in report["changes"])
    assert result.stdout == run_cli("diff", "corpus/rare-earths/2025-04", "corpus/rare-earths/2025-10").stdout
    published = json.loads(run_cli("diff", "corpus/rare-earths/2025-04", "corpus/rare-earths/2025-10", "--as-published").stdout)
    assert any(c["change"] == "removed" and c["key"] == "item:yttrium" for c in published["changes"])


def test_cli_diff_suspension_round_relaxes(run_cli):
    report = json.loads(run_cli("diff", "corpus/rare-earths/2025-10", "corpus/rare-earths/2025-11").stdout)
    suspended = [c for c in report["changes"] if c["change"] == "suspended"]
    assert suspended and all(c["direction"] == "relaxed" and c["cause"] == "mofcom-2025-70" for c in suspended)
    assert {"item:holmium", "origin_value_share|percent|"} <= {c["key"] for c in suspended}
    assert not [c for c in report["changes"] if c["change"] == "removed"]


def test_cli_diff_bare_round_shared_by_topics_asks_which(run_cli, tmp_path):
    db = tmp_path / "c.db"
    assert run_cli("ingest", "corpus/rare-earths", "corpus/gallium-germanium", "--db", str(db), "--quiet").returncode == 0
    result = run_cli("diff", "2025-10", "2025-11", "--db", str(db))
    assert result.returncode == 2 and "gallium-germanium/2025-11" in result.stderr and "rare-earths/2025-11" in result.stderr
    unknown = run_cli("diff", "rare-earths/1999-01", "rare-earths/2025-11", "--db", str(db))
    assert unknown.returncode == 2 and "known rounds" in unknown.stderr and "rare-earths/2025-10" in unknown.stderr
    ok = json.loads(run_cli("diff", "rare-earths/2025-10", "rare-earths/2025-11", "--db", str(db)).stdout)
    assert {c["change"] for c in ok["changes"]} == {"suspended"}


def test_cli_diff_markdown_html_and_store_rounds(run_cli, tmp_path):
    md = run_cli("diff", "corpus/gallium-germanium/2023-07", "corpus/gallium-germanium/2024-12", "--format", "md")
    assert md.returncode == 0 and md.stdout.startswith("# What changed") and "| kind | key |" in md.stdout
    html = run_cli("diff", "corpus/us-advanced-computing/2022-10", "corpus/us-advanced-computing/2023-10", "--format", "html")
    assert html.stdout.startswith("<!DOCTYPE html>") and "<style>" in html.stdout and "tightened" in html.stdout
    db = str(tmp_path / "r.db")
    assert run_cli("ingest", "corpus/rare-earths", "--db", db).returncode == 0
    from_store = run_cli("diff", "rare-earths/2025-04", "rare-earths/2025-10", "--db", db)
    assert from_store.returncode == 0
    from_files = run_cli("diff", "corpus/rare-earths/2025-04", "corpus/rare-earths/2025-10")
    strip = lambda out: [(c["kind"], c["key"], c["change"]) for c in json.loads(out)["changes"]]  # noqa: E731
    assert strip(from_store.stdout) == strip(from_files.stdout)
    missing = run_cli("diff", "nope/2020", "rare-earths/2025-10", "--db", db)
    assert missing.returncode == 2 and "no such round" in missing.stderr


def test_cli_round_from_metadata_folder_or_option(run_cli, tmp_path):
    (tmp_path / "2026-01").mkdir()
    (tmp_path / "2026-01" / "a.txt").write_text("Export control applies to gallium.")
    (tmp_path / "loose.txt").write_text("Export control applies to germanium.")
    report = json.loads(run_cli("extract", str(tmp_path), "--round", "given").stdout)
    rounds = {d["source"].rsplit("/", 1)[1]: d["round"] for d in report["documents"]}
    assert rounds == {"a.txt": "2026-01", "loose.txt": "given"}


def test_cli_jobs_give_byte_identical_output(run_cli, corpus_report, tmp_path):
    first, _ = corpus_report
    assert run_cli("extract", "corpus", "--jobs", "2", "--quiet").stdout == first
    db1, db2 = str(tmp_path / "1.db"), str(tmp_path / "2.db")
    assert run_cli("ingest", "corpus", "--db", db1, "--quiet").returncode == 0
    assert run_cli("ingest", "corpus", "--db", db2, "--quiet", "--jobs", "2").returncode == 0
    one = json.loads(run_cli("status", "--db", db1, "--json").stdout)
    two = json.loads(run_cli("status", "--db", db2, "--json").stdout)
    assert one["documents"] == two["documents"] and one["provisions"] == two["provisions"]
    assert run_cli("brief", "--db", db2, "--out", str(tmp_path / "s")).returncode == 0
    assert json.loads((tmp_path / "s" / "provisions.json").read_text()) == json.loads(first)


def test_cli_streamed_json_equals_the_model_serialisation(corpus_report):
    from controlbrief.models import ExtractionReport

    text, data = corpus_report
    assert ExtractionReport.model_validate(data).to_json() == text
    empty = ExtractionReport()
    assert empty.to_json() == empty.model_dump_json(indent=2) + "\n"
