import json

import pytest

from controlbrief.errors import ControlbriefError
from controlbrief.evaluate import EvalReport, Score, load_gold, measures_agree, score_document


def test_evaluate_score_arithmetic():
    s = Score(tp=3, fp=1, fn=2)
    assert (s.precision, s.recall) == (0.75, 0.6)
    assert s.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Score().f1 == 1.0 and Score(fp=2).f1 == 0.0


def test_evaluate_keys_and_fields():
    gold = [
        {"kind": "threshold", "value": 0.1, "unit": "percent", "comparator": ">=", "measure": "value of rare earth content"},
        {"kind": "end_use_restriction", "end_use": "military", "policy": "deny"},
        {"kind": "product_scope", "items": ["holmium", "erbium"], "codes": ["1C902"], "technology": False},
    ]
    found = [
        {"kind": "threshold", "value": 0.1, "unit": "percent", "comparator": ">", "measure": "value of Chinese rare earth content"},
        {"kind": "end_use_restriction", "end_use": "military", "policy": "case_by_case", "party": "x", "text": "s1"},
        {"kind": "end_use_restriction", "end_use": "wmd", "policy": "deny", "text": "s2"},
        {"kind": "product_scope", "items": ["holmium"], "codes": ["1C902", "1C903"], "technology": False, "text": "s3"},
    ]
    report = EvalReport()
    score_document(gold, found, "n.txt", report)
    assert report.kinds["threshold"].model_dump() == {"tp": 1, "fp": 0, "fn": 0}
    assert report.kinds["end_use_restriction"].model_dump() == {"tp": 1, "fp": 1, "fn": 0}
    assert report.kinds["product_scope"].model_dump() == {"tp": 2, "fp": 1, "fn": 1}
    assert report.fields["threshold.comparator"].model_dump() == {"tp": 0, "fp": 1, "fn": 1}
    assert report.fields["threshold.measure"].model_dump() == {"tp": 1, "fp": 0, "fn": 0}
    assert report.fields["end_use_restriction.policy"].model_dump() == {"tp": 0, "fp": 2, "fn": 1}
    # The gold says nothing of the party: it is not scored.
    assert report.fields["end_use_restriction.party"].model_dump() == {"tp": 0, "fp": 0, "fn": 0}
    assert [(m.kind, m.key) for m in report.misses] == [("product_scope", "item:erbium")]
    assert sorted((m.key, m.text) for m in report.false) == [("code:1C903", "s3"), ("wmd", "s2")]
    assert report.macro_f1 == pytest.approx((1.0 + Score(tp=1, fp=1).f1 + Score(tp=2, fp=1, fn=1).f1) / 3)


def test_evaluate_duplicates_count_once():
    gold = [{"kind": "rationale", "category": "national_security"}]
    found = [{"kind": "rationale", "category": "national_security", "text": "a"}] * 3
    report = EvalReport()
    score_document(gold, found, "n.txt", report)
    assert report.kinds["rationale"].model_dump() == {"tp": 1, "fp": 0, "fn": 0}


@pytest.mark.parametrize(("gold", "found", "ok"), [("purity", "purity", True), ("flexural strength", "strength", True),
                                                    ("value of such items", "total value of the product", False)])
def test_evaluate_measures_agree(gold, found, ok):
    assert measures_agree(gold, found) is ok


def test_evaluate_bad_gold_file_names_itself(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"source": "a.txt", "provisions": [{"kind": "nonsense"}]}))
    with pytest.raises(ControlbriefError, match="a.json: unknown kind"):
        load_gold(tmp_path)
