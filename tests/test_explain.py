import json

from support import CORPUS

GRAPHITE = CORPUS / "graphite" / "2023-10" / "mofcom-2023-39-graphite.txt"


def test_explain_shows_spans_ids_and_provisions(run_cli):
    result = run_cli("explain", str(GRAPHITE), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    (row,) = [s for s in data["sentences"] if "flexural strength" in s["text"]]
    assert row["is_item"] and row["lead"] is not None
    assert {"threshold.more_than", "lexicon:artificial graphite"} <= {m["pattern"] for m in row["matches"]}
    assert {p["kind"] for p in row["provisions"]} == {"threshold", "product_scope"}
    assert sum(len(s["provisions"]) for s in data["sentences"]) == len(data["document"]["provisions"])


def test_explain_text_output(run_cli):
    result = run_cli("explain", str(GRAPHITE))
    assert result.returncode == 0
    assert "threshold.more_than" in result.stdout and "=> threshold" in result.stdout


def test_explain_missing_file(run_cli, tmp_path):
    result = run_cli("explain", str(tmp_path / "nope.txt"))
    assert result.returncode == 1 and "no such file" in result.stderr and "Traceback" not in result.stderr
