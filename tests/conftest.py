"""Shared fixtures: the built pipeline, corpus paths, and a runner for the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from controlbrief.ingest import LoadedFile
from controlbrief.models import Document, ReadText

from support import ROOT


_OWN_CACHE: str | None = None  # the cache directory this run made, removed when it ends


def pytest_configure(config):
    # Built matchers are cached per user; the tests keep theirs apart (and start cold once per run).
    global _OWN_CACHE
    if "CONTROLBRIEF_CACHE" not in os.environ:
        import tempfile

        os.environ["CONTROLBRIEF_CACHE"] = _OWN_CACHE = tempfile.mkdtemp(prefix="controlbrief-cache-")


def pytest_unconfigure(config):
    # Each run's matchers are some 2 MB: left behind, a machine that runs the tests often fills /tmp.
    if _OWN_CACHE is not None:
        import shutil

        shutil.rmtree(_OWN_CACHE, ignore_errors=True)
        os.environ.pop("CONTROLBRIEF_CACHE", None)


@pytest.fixture(scope="session")
def extractor():
    from controlbrief.pipeline import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def nlp(extractor):
    return extractor.nlp


@pytest.fixture(scope="session")
def extract_text(extractor):
    """Extract provisions from a text built in the test (format 'text', no file)."""

    def run(text: str, meta: dict[str, str] | None = None) -> Document:
        read = ReadText(text=text, format="text", encoding="utf-8", meta=meta or {})
        return extractor.document(LoadedFile(source="test.txt", doc_id="0" * 16, read=read))

    return run


@pytest.fixture(scope="session")
def run_cli():
    """Run the installed `controlbrief` command as a subprocess, like a user would."""

    def run(*args: str, cwd: Path = ROOT, timeout: int = 300) -> subprocess.CompletedProcess:
        exe = Path(sys.executable).with_name("controlbrief")
        cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "controlbrief.cli"]
        env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
        return subprocess.run(cmd + list(args), cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)

    return run


@pytest.fixture(scope="session")
def corpus_report(run_cli):
    """The JSON of `controlbrief extract corpus --format json`, run once."""
    result = run_cli("extract", "corpus", "--format", "json")
    assert result.returncode == 0, result.stderr
    return result.stdout, json.loads(result.stdout)
