"""The resident extractor: `extract` handed to a warm process prints exactly what it prints on its own."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from support import ROOT

EXE = Path(sys.executable).with_name("controlbrief")
pytestmark = pytest.mark.skipif(not hasattr(socket, "AF_UNIX") or not EXE.exists(),
                                reason="needs Unix sockets and the installed command")


def run(env: dict, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([str(EXE), *args], cwd=cwd, env=env, capture_output=True, timeout=300)


def status(env: dict) -> dict | None:
    """pid and runs served of the resident process `resident status` describes, or None."""
    found = re.search(r"pid (\d+), since [^,]+, (\d+) runs", run(env, "resident", "status").stdout.decode())
    return {"pid": int(found[1]), "runs": int(found[2])} if found else None


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    """A resident process of its own (own cache folder, own copy of the patterns it may be told to change)."""
    tmp = tmp_path_factory.mktemp("resident")
    patterns = tmp / "patterns"
    shutil.copytree(ROOT / "patterns", patterns)
    env = {**os.environ, "CONTROLBRIEF_CACHE": str(tmp / "cache"), "CONTROLBRIEF_PATTERNS": str(patterns),
           "PYTHONIOENCODING": "utf-8"}
    env.pop("CONTROLBRIEF_RESIDENT", None)
    started = run(env, "resident", "start")
    assert started.returncode == 0, started.stderr.decode()
    yield env
    run(env, "resident", "stop")


def contents(out: bytes):
    """Output bytes; for a workbook, its files but the one that records when it was written."""
    if not out.startswith(b"PK"):
        return out
    with zipfile.ZipFile(io.BytesIO(out)) as book:
        return {name: book.read(name) for name in book.namelist() if name != "docProps/core.xml"}


def off(env: dict) -> dict:
    return {**env, "CONTROLBRIEF_RESIDENT": "off"}


def test_extract_through_the_resident_process_is_byte_identical(env, tmp_path):
    # A folder with good notices, an unreadable one and a missing path: stdout, stderr and exit code all match.
    folder = tmp_path / "in"
    shutil.copytree(ROOT / "corpus" / "gallium-germanium", folder / "gg")
    (folder / "junk.pdf").write_bytes(b"%PDF-1.4 not really\x00\xff")
    before = status(env)["runs"]
    for args in (["extract", "in", "missing.txt"], ["extract", "in", "--format", "csv", "-q"],
                 ["extract", "in/gg", "--format", "xlsx", "-q"], ["extract"], ["extract", "--help"]):
        resident, alone = run(env, *args, cwd=tmp_path), run(off(env), *args, cwd=tmp_path)
        assert (resident.returncode, resident.stderr) == (alone.returncode, alone.stderr), args
        assert contents(resident.stdout) == contents(alone.stdout), args
    assert status(env)["runs"] == before + 5  # every one of them went through the resident process
    assert run(env, "extract", "in", cwd=tmp_path).returncode == 1
    report = json.loads(run(env, "extract", "in/gg", cwd=tmp_path).stdout)
    assert report["documents"] and all(d["source"].startswith("in/gg/") for d in report["documents"])


def test_a_caller_with_other_settings_runs_in_its_own_process(env, tmp_path):
    before = status(env)["runs"]
    other = {**env, "CONTROLBRIEF_PATTERNS": str(ROOT / "patterns")}
    result = run(other, "extract", str(ROOT / "corpus" / "antimony"), "-q")
    assert result.returncode == 0 and json.loads(result.stdout)["documents"]
    assert status(env)["runs"] == before


def test_changed_patterns_make_the_resident_process_start_again(env, tmp_path):
    pid = status(env)["pid"]
    target = Path(env["CONTROLBRIEF_PATTERNS"]) / "context.jsonl"
    os.utime(target, ns=(time.time_ns(), time.time_ns() + 10**9))
    notice = str(ROOT / "corpus" / "antimony")
    first = run(env, "extract", notice, "-q")  # refused as stale: extracted here, same output
    assert first.returncode == 0
    assert first.stdout == run(off(env), "extract", notice, "-q").stdout
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        now = status(env)
        if now is not None and now["runs"] == 0:
            break
        time.sleep(0.2)
    assert now is not None and now["pid"] == pid and now["runs"] == 0  # the same process, begun again on the new patterns
    assert run(env, "extract", notice, "-q").stdout == first.stdout
    assert status(env)["runs"] == 1


def test_a_dead_socket_is_no_error(tmp_path):
    # A socket file left behind by a killed process: extract runs here, as if none had been started.
    env = {**os.environ, "CONTROLBRIEF_CACHE": str(tmp_path / "cache")}
    env.pop("CONTROLBRIEF_RESIDENT", None)
    (tmp_path / "cache").mkdir()
    path = subprocess.run([sys.executable, "-c", "from controlbrief.resident import socket_path; print(socket_path())"],
                          env=env, capture_output=True, text=True, check=True).stdout.strip()
    dead = socket.socket(socket.AF_UNIX)
    dead.bind(path)
    dead.close()  # bound, never listening: connecting is refused
    assert Path(path).exists()
    result = run(env, "extract", str(ROOT / "corpus" / "antimony"), "-q")
    assert result.returncode == 0 and json.loads(result.stdout)["documents"]
    assert "none running" in run(env, "resident", "status").stdout.decode()


def test_a_silent_caller_does_not_hold_up_the_others(env):
    # Someone connects and sends nothing: the next extract is still served, after at most a short wait.
    path = subprocess.run([sys.executable, "-c", "from controlbrief.resident import socket_path; print(socket_path())"],
                          env=env, capture_output=True, text=True, check=True).stdout.strip()
    silent = socket.socket(socket.AF_UNIX)
    silent.connect(path)
    try:
        before = status(env)["runs"]
        result = run(env, "extract", str(ROOT / "corpus" / "antimony"), "-q")
        assert result.returncode == 0 and json.loads(result.stdout)["documents"]
        assert status(env)["runs"] == before + 1
    finally:
        silent.close()
