"""The CI speed check itself: it passes on today's patterns and fails when a slow pattern is added."""

import json
import shutil
import subprocess
import sys

from support import ROOT


def run_check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "bench" / "speed_check.py"), "--repeat", "2", *args],
                          capture_output=True, text=True, timeout=600)


def test_speed_check_fails_on_a_wide_gap_over_the_whole_doc(tmp_path):
    """The regression that happened: a wide wildcard gap run over every token of every text.

    (A plain '*' costs spaCy's Matcher little; a bounded gap such as '{0,20}' costs it
    exponentially in the bound, and with an optional token beside it cannot be rewritten.
    Patterns that name a word run only around it, so this one names none: it is the
    kind that runs over every token.)
    """
    patterns = tmp_path / "patterns"
    shutil.copytree(ROOT / "patterns", patterns)
    slow = {"id": "licensing.slow_wildcard", "label": "licensing",
            "pattern": [{"IS_ALPHA": True}, {"IS_TITLE": True, "OP": "?"},
                        {"LOWER": {"NOT_IN": ["."]}, "OP": "{0,20}"}, {"IS_DIGIT": True}],
            "attrs": {}, "examples": {"match": ["the export of 2025"], "no_match": []}}
    with open(patterns / "licensing.jsonl", "a") as fh:
        fh.write(json.dumps(slow) + "\n")
    slow_run = run_check("--patterns", str(patterns))
    assert slow_run.returncode == 1 and "speed check FAILED" in slow_run.stderr, slow_run.stdout + slow_run.stderr


def test_speed_check_passes_on_the_patterns_as_they_are():
    result = run_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ratio" in result.stdout
