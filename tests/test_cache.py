"""The cache of built matchers: the same matches warm or cold, and a damaged cache is rebuilt, never fatal."""

import pickle

import pytest

from controlbrief import cache
from controlbrief.nlp import RULES_KEY, build_nlp

TEXT = ("Export licences will in principle not be granted for military end users. Gallium metal with a purity of "
        "99.99% or more (ECCN 3A090.a; customs code 8542.31.00) is controlled from 1 December 2025.")


def _spans(nlp) -> list[tuple[str, int, int]]:
    doc = nlp(TEXT)
    return [(s.id_, s.start, s.end) for s in doc.spans[RULES_KEY]] + [(s.kb_id_, s.start, s.end) for s in doc.spans["lexicon"]]


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("CONTROLBRIEF_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_cache_warm_build_matches_cold_build(fresh, monkeypatch):
    cold = build_nlp()
    files = sorted(fresh.glob("phrases-*.pickle"))
    assert len(files) == 3  # rule phrases, lexicon forms, exact lexicon forms
    # Warm: nothing is tokenized to compile the phrases again.
    import controlbrief.nlp.rules as rules_module  # where the rule matcher looks as_phrases up

    monkeypatch.setattr(rules_module, "as_phrases", lambda *a, **k: pytest.fail("phrases compiled again"))
    warm = build_nlp()
    assert _spans(warm) == _spans(cold) and _spans(cold)


@pytest.mark.parametrize("damage", [b"", b"not a pickle", pickle.dumps({"format": 999, "value": {}}), pickle.dumps([1, 2])])
def test_cache_damaged_entry_is_rebuilt(fresh, damage):
    reference = _spans(build_nlp())
    for path in fresh.glob("phrases-*.pickle"):
        path.write_bytes(damage)
    assert _spans(build_nlp()) == reference
    assert all(pickle.loads(p.read_bytes())["format"] == cache.FORMAT for p in fresh.glob("phrases-*.pickle"))


def test_cache_that_cannot_be_written_is_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("CONTROLBRIEF_CACHE", str(blocker / "cache"))
    assert _spans(build_nlp())


def test_cache_key_follows_the_pattern_set(fresh, tmp_path):
    import shutil

    from support import ROOT

    build_nlp()
    before = {p.name for p in fresh.glob("phrases-*.pickle")}
    patterns = tmp_path / "patterns"
    shutil.copytree(ROOT / "patterns", patterns)
    with open(patterns / "rationale.jsonl", "a") as fh:
        fh.write('{"id": "rationale.cache_probe", "label": "rationale", "pattern": "zzz probe", "attrs": {"category": "other"}, '
                 '"examples": {"match": ["a zzz probe"], "no_match": []}}\n')
    nlp = build_nlp(patterns_dir=patterns)
    assert {p.name for p in fresh.glob("phrases-*.pickle")} - before  # new entries for the new pattern set
    doc = nlp("This is a zzz probe.")
    assert "rationale.cache_probe" in {s.id_ for s in doc.spans[RULES_KEY]}


def test_cache_off_when_empty(monkeypatch, tmp_path):
    monkeypatch.setenv("CONTROLBRIEF_CACHE", "")
    assert cache.folder() is None and cache.load("phrases", "x") is None
    cache.save("phrases", {"a": []}, "x")  # nowhere to write: nothing happens
