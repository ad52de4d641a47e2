"""Extraction on a Dask LocalCluster gives the laptop's results, and survives a killed worker."""

import json
import os
import shutil
import signal

import pytest

from support import CORPUS, DATA

distributed = pytest.importorskip("dask.distributed", reason="the dask extra is not installed")


def test_cluster_extract_is_byte_identical(run_cli, corpus_report):
    first, _ = corpus_report
    result = run_cli("extract", "corpus", "--scheduler", "local:2", "--quiet")
    assert result.returncode == 0, result.stderr
    assert result.stdout == first


def test_cluster_reports_bad_files_like_one_process(run_cli, tmp_path):
    shutil.copytree(CORPUS / "graphite", tmp_path / "graphite")
    shutil.copy(DATA / "encrypted.pdf", tmp_path / "graphite" / "locked.pdf")
    local = run_cli("extract", str(tmp_path))
    remote = run_cli("extract", str(tmp_path), "--scheduler", "local:2")
    assert local.returncode == remote.returncode == 1
    assert remote.stdout == local.stdout
    assert json.loads(remote.stdout)["errors"][0]["error"] == "encrypted PDF (password required)"


def test_cluster_ingest_matches_single_process(run_cli, tmp_path):
    one, two = str(tmp_path / "1.db"), str(tmp_path / "2.db")
    assert run_cli("ingest", "corpus", "--db", one, "--quiet").returncode == 0
    assert run_cli("ingest", "corpus", "--db", two, "--quiet", "--scheduler", "local:2").returncode == 0
    a = run_cli("brief", "--db", one, "--out", str(tmp_path / "a"))
    b = run_cli("brief", "--db", two, "--out", str(tmp_path / "b"))
    assert a.returncode == b.returncode == 0
    assert (tmp_path / "a" / "provisions.json").read_bytes() == (tmp_path / "b" / "provisions.json").read_bytes()


def test_cluster_survives_a_killed_worker(tmp_path):
    from controlbrief import execution
    from controlbrief.ingest import discover

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    sources = sorted(p for p in CORPUS.rglob("*") if p.suffix in {".txt", ".md", ".html"})
    for i in range(4):
        for src in sources:
            (inbox / f"{i}-{src.name}").write_bytes(src.read_bytes() + f"\nCopy {i}.\n".encode())
    files, _ = discover([str(inbox)])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as lc, \
            distributed.Client(lc) as client:
        stream = execution._on_cluster(files, execution.Settings(), client)
        results = [next(stream)]
        pids = list(client.run(os.getpid).values())
        os.kill(pids[0], signal.SIGKILL)  # one worker dies while its batches are queued or running
        results.extend(stream)
    got = [r.document.source for r in results]
    assert got == [f.source for f in files]  # every document, once, in input order
