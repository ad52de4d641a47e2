import json

import pytest

from controlbrief.errors import PatternError
from controlbrief.nlp import RULES_KEY
from controlbrief.patterns import _load_pattern_set, load_pattern_set, load_patterns_file

PSET = load_pattern_set()
MATCH = [(p.id, ex) for p in PSET.patterns for ex in p.examples.match]
NO_MATCH = [(p.id, ex) for p in PSET.patterns for ex in p.examples.no_match]


def test_patterns_every_pattern_has_an_example():
    missing = [p.id for p in PSET.patterns if not p.examples.match]
    assert missing == []


@pytest.mark.parametrize(("pattern_id", "example"), MATCH)
def test_patterns_examples_match(nlp, pattern_id, example):
    doc = nlp(example)
    assert pattern_id in {s.id_ for s in doc.spans[RULES_KEY]}


@pytest.mark.parametrize(("pattern_id", "example"), NO_MATCH)
def test_patterns_counter_examples_do_not_match(nlp, pattern_id, example):
    doc = nlp(example)
    assert pattern_id not in {s.id_ for s in doc.spans[RULES_KEY]}


def test_patterns_bad_line_names_file_and_line(tmp_path):
    f = tmp_path / "threshold.jsonl"
    good = {"id": "threshold.ok", "label": "threshold", "pattern": [{"LOWER": "x"}]}
    f.write_text(json.dumps(good) + "\n" + json.dumps({**good, "id": "nokind"}) + "\n")
    with pytest.raises(PatternError, match=r"threshold.jsonl:2: id"):
        load_patterns_file(f)


def test_patterns_invalid_json(tmp_path):
    f = tmp_path / "rationale.jsonl"
    f.write_text("{not json}\n")
    with pytest.raises(PatternError, match=r"rationale.jsonl:1: invalid JSON"):
        load_patterns_file(f)


def test_patterns_duplicate_ids_rejected(tmp_path):
    (tmp_path / "lexicons").mkdir()
    rec = json.dumps({"id": "threshold.same", "label": "threshold", "pattern": [{"LOWER": "x"}]})
    (tmp_path / "a.jsonl").write_text(rec + "\n")
    (tmp_path / "b.jsonl").write_text(rec + "\n")
    with pytest.raises(PatternError, match="duplicate pattern id"):
        load_pattern_set(tmp_path)


def test_patterns_digest_changes_with_content(tmp_path):
    (tmp_path / "lexicons").mkdir()
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"id": "threshold.a", "label": "threshold", "pattern": [{"LOWER": "x"}]}) + "\n")
    first = load_pattern_set(tmp_path).digest
    f.write_text(json.dumps({"id": "threshold.a", "label": "threshold", "pattern": [{"LOWER": "y"}]}) + "\n")
    _load_pattern_set.cache_clear()
    assert load_pattern_set(tmp_path).digest != first
    _load_pattern_set.cache_clear()


def test_patterns_lexicons_are_loaded():
    assert {"elements", "goods", "units", "countries", "measures"} <= set(PSET.lexicons)
    elements = {e.id for e in PSET.lexicons["elements"].entries}
    assert {"holmium", "gallium", "samarium"} <= elements


@pytest.mark.parametrize("pattern_id", [p.id for p in PSET.patterns if p.attrs.get("anchor") == "number"])
def test_patterns_number_anchor_is_true_of_every_example(nlp, pattern_id):
    """Patterns declared number-bound run only near numbers: each example match must hold one."""
    (record,) = [p for p in PSET.patterns if p.id == pattern_id]
    for example in record.examples.match:
        doc = nlp(example)
        spans = [s for s in doc.spans[RULES_KEY] if s.id_ == pattern_id]
        assert spans and all(any(t.like_num or any(c.isdigit() for c in t.text) for t in s) for s in spans)


@pytest.mark.parametrize("folder", [None, "zh"])
def test_patterns_no_surface_form_names_two_entries(folder):
    """A form in two entries of one lexicon is read as whichever matched first: 'hours' was both a unit of its own
    (duration) and one of the 'other' units, and limits in hours lost their measure."""
    from controlbrief.nlp_zh import zh_patterns_dir

    pset = load_pattern_set(zh_patterns_dir() if folder else None)
    for name, lexicon in pset.lexicons.items():
        seen: dict[str, str] = {}
        for entry in lexicon.entries:
            for form in [f.lower() for f in entry.forms] + [f"exact:{f}" for f in entry.exact]:
                assert seen.setdefault(form, entry.id) == entry.id, f"{name}: {form!r} in {seen[form]!r} and {entry.id!r}"
