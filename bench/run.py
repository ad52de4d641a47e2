"""Benchmark controlbrief against baselines measured in the same run, on the same machine.

Prints a Markdown table: extraction throughput against spaCy's tokenizer alone,
PDF reading against pdfplumber alone, cold start, incremental ingest, peak
memory and time at 1x/4x/16x, and the speedup of --jobs 2. Every figure is a
ratio to a baseline taken in this run, so a noisy machine moves both sides.

Usage: python bench/run.py [--quick] [--words N] [--seed N]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from controlbrief.ingest import discover, load  # noqa: E402
from controlbrief.readers import read_bytes  # noqa: E402

EXE = str(Path(sys.executable).with_name("controlbrief"))
ROWS: list[tuple[str, str, str, str]] = []


def row(name: str, value: str, target: str = "", met: bool | None = None) -> None:
    ROWS.append((name, value, target, "" if met is None else ("yes" if met else "no")))


def sentences() -> list[str]:
    """Lines of the bundled corpus (every format), the material notices are recombined from."""
    files, _ = discover([str(ROOT / "corpus")])
    out = []
    for f in files:
        out.extend(line.strip() for line in load(f).read.text.split("\n") if len(line.split()) >= 4)
    return out


def make_corpus(folder: Path, words: int, per_notice: int, seed: int) -> list[Path]:
    """Notices of about per_notice words each, recombined from corpus lines, until `words` words."""
    rng = random.Random(seed)
    pool = sentences()
    folder.mkdir(parents=True, exist_ok=True)
    paths, total, i = [], 0, 0
    while total < words:
        body, n = [], 0
        while n < per_notice:
            line = rng.choice(pool)
            body.append(line)
            n += len(line.split())
        text = f"Title: Generated notice {i}\nDate: 2025-{1 + i % 12:02d}-{1 + i % 28:02d}\n---\n" + "\n".join(body) + "\n"
        path = folder / f"notice-{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        total += n
        i += 1
    return paths


def words_of(paths: list[Path]) -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in paths)


def bench_extraction(paths: list[Path]) -> None:
    import spacy

    from controlbrief.ingest import InputFile
    from controlbrief.execution import iter_extracted

    texts = [p.read_text(encoding="utf-8") for p in paths]
    words = sum(len(t.split()) for t in texts)
    nlp = spacy.blank("en")
    t0 = time.perf_counter()
    for t in texts:
        nlp.make_doc(t)
    floor = words / (time.perf_counter() - t0)
    files = [InputFile(str(p), p) for p in paths]
    t0 = time.perf_counter()
    n = sum(1 for _ in iter_extracted(files, jobs=1))
    one = time.perf_counter() - t0
    t0 = time.perf_counter()
    sum(1 for _ in iter_extracted(files, jobs=2))
    two = time.perf_counter() - t0
    ours = words / one
    row("corpus (generated)", f"{len(paths)} notices, {words:,} words")
    row("tokenizer only (spacy.blank)", f"{floor:,.0f} words/s")
    row("extract, 1 process", f"{ours:,.0f} words/s, {n / one:,.1f} notices/s")
    row("extract / tokenizer", f"{ours / floor:.3f}", ">= 0.25", ours / floor >= 0.25)
    row("extract, --jobs 2", f"{words / two:,.0f} words/s")
    row("--jobs 2 speedup", f"{one / two:.2f}x", ">= 1.6x", one / two >= 1.6)
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        row("--scheduler local:2", "skipped: the dask extra is not installed")
        return
    t0 = time.perf_counter()
    sum(1 for _ in iter_extracted(files, scheduler="local:2"))
    dask2 = time.perf_counter() - t0
    row("extract, --scheduler local:2 (Dask, incl. cluster start)", f"{words / dask2:,.0f} words/s")
    row("--scheduler local:2 speedup", f"{one / dask2:.2f}x")


def bench_pdf(folder: Path, texts: list[Path], count: int) -> None:
    import pdfplumber
    from fpdf import FPDF

    folder.mkdir(parents=True, exist_ok=True)
    pdfs = []
    for i, src in enumerate(texts[:count]):
        pdf = FPDF()
        pdf.add_page()
        pdf.set_font("Helvetica", size=10)
        text = src.read_text(encoding="utf-8").encode("latin-1", "replace").decode("latin-1")
        for line in text.split("\n"):
            pdf.multi_cell(0, 5, line or " ", new_x="LMARGIN", new_y="NEXT")
        out = folder / f"n{i}.pdf"
        pdf.output(str(out))
        pdfs.append(out)
    pages = 0
    t0 = time.perf_counter()
    for p in pdfs:
        with pdfplumber.open(p) as doc:
            for page in doc.pages:
                page.extract_text()
                pages += 1
                page.close()
    plain = time.perf_counter() - t0
    t0 = time.perf_counter()
    for p in pdfs:
        read_bytes(p.name, p.read_bytes())
    ours = time.perf_counter() - t0
    row("PDF pages read", f"{pages} pages in {len(pdfs)} files")
    row("pdfplumber extract_text alone", f"{pages / plain:,.1f} pages/s")
    row("controlbrief PDF reader (tables, paragraphs)", f"{pages / ours:,.1f} pages/s")
    row("PDF reader time / pdfplumber time", f"{ours / plain:.2f}x", "<= 1.1x", ours / plain <= 1.1)


def timed(cmd: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        best = min(best, time.perf_counter() - t0)
    return best


def bench_cold_start(one_notice: Path) -> None:
    help_s = timed([EXE, "--help"], 5)
    extract_s = timed([EXE, "extract", str(one_notice), "--quiet"], 3)
    row("cold start: controlbrief --help", f"{help_s:.3f} s", "< 0.3 s", help_s < 0.3)
    row("cold start: controlbrief extract (1 notice)", f"{extract_s:.2f} s")


def bench_incremental(folder: Path, paths: list[Path], count: int, tmp: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for p in paths[:count]:
        shutil.copy(p, folder / p.name)
    db = tmp / "bench.db"
    cold = timed([EXE, "ingest", str(folder), "--db", str(db), "--quiet"], 1)
    warm = timed([EXE, "ingest", str(folder), "--db", str(db), "--quiet"], 3)
    base = timed([EXE, "--help"], 3)  # process start, paid by both runs
    row(f"ingest, cold ({count} notices)", f"{cold:.2f} s")
    row("ingest, unchanged", f"{warm:.2f} s")
    row("unchanged / cold ingest", f"{warm / cold:.1%}", "< 5%", warm / cold < 0.05)
    row("  (of which process start)", f"{base:.2f} s")


def rss_and_time(cmd: list[str]) -> tuple[float, float]:
    """Peak resident memory (MB) and wall time of one command, measured by a fresh parent."""
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]) / 1024, float(out[1])


def bench_scaling(tmp: Path, paths: list[Path], base: int) -> None:
    results = {}
    for factor in (1, 4, 16):
        folder = tmp / f"x{factor}"
        folder.mkdir()
        for i in range(base * factor):
            src = paths[i % len(paths)]
            (folder / f"{i:05d}-{src.name}").write_bytes(src.read_bytes() + f"\nCopy {i}.\n".encode())
        results[factor] = rss_and_time([EXE, "extract", str(folder), "--quiet"])
        row(f"extract {factor}x ({base * factor} notices)", f"{results[factor][0]:.0f} MB peak, {results[factor][1]:.1f} s")
    mem = results[16][0] / results[1][0]
    row("peak memory 16x / 1x", f"{mem:.2f}x", "<= 1.5x", mem <= 1.5)
    per = [results[f][1] / f for f in (1, 4, 16)]
    # Linear growth: time per 1x unit stays roughly constant once start-up is paid.
    marginal = (results[16][1] - results[4][1]) / (results[4][1] - results[1][1]) if results[4][1] > results[1][1] else float("nan")
    row("time per 1x: 1x / 4x / 16x", " / ".join(f"{p:.1f} s" for p in per))
    row("(16x - 4x) / (4x - 1x) time", f"{marginal:.2f} (4.0 is linear)")


def bench_chinese(repeat: int) -> None:
    """Chinese extraction against spacy.blank("zh") tokenization of the same texts ('words' are characters here)."""
    import spacy

    from controlbrief.ingest import LoadedFile, discover, load
    from controlbrief.models import ReadText
    from controlbrief.nlp_zh import is_chinese
    from controlbrief.pipeline import Extractor

    files, _ = discover([str(ROOT / "corpus")])
    texts = [t for t in (load(f).read.text for f in files) if is_chinese(t)] * repeat
    extractor = Extractor()
    tokenizer = spacy.blank("zh")
    chars = sum(len(t) for t in texts)

    def extract(text: str) -> None:
        extractor.document(LoadedFile(source="zh.txt", doc_id="0" * 16, read=ReadText(text=text, format="text")))

    extract(texts[0])
    best = {}
    for name, fn in (("tokenizer", tokenizer.make_doc), ("extract", extract)):
        times = []
        for _ in range(3):
            t = time.perf_counter()
            for text in texts:
                fn(text)
            times.append(time.perf_counter() - t)
        best[name] = min(times)
    row(f"Chinese corpus ({len(texts)} notices)", f"{chars:,} characters")
    row("Chinese tokenizer only (spacy.blank zh)", f"{chars / best['tokenizer']:,.0f} characters/s")
    row("Chinese extract, 1 process", f"{chars / best['extract']:,.0f} characters/s")
    row("Chinese extract / tokenizer", f"{best['tokenizer'] / best['extract']:.3f}")


def bench_regime(tmp: Path, count: int) -> None:
    """inforce over `count` notices read from a store, against reading them alone (target: within 2x)."""
    from controlbrief.models import Relation
    from controlbrief.execution import extract_paths
    from controlbrief.regime import build_regime
    from controlbrief.store import Store

    base = [d for d in extract_paths([str(ROOT / "corpus")]).documents if d.number or d.issuer]
    db = tmp / "regime.db"
    with Store(db) as store:
        from controlbrief.models import ReadText

        for i in range(count):
            d = base[i % len(base)].model_copy(deep=True)
            d.source, d.id, d.number = f"bench/{i:05d}.txt", f"{i:016x}", f"bench-{2000 + i % 20}-{i}"
            d.provisions = [p for p in d.provisions if p.kind != "relation"]
            if i % 10 == 9:  # every tenth notice suspends the one before it
                d.provisions.append(Relation(id=f"r{i}", text="t", span=(0, 1), pattern="relation.suspend", relation="suspends",
                                             target=f"bench-{2000 + (i - 1) % 20}-{i - 1}", target_text="previous", until="2099-01-01"))
            store.save(d, ReadText(text="x", format="text"), 1, 1, "bench")
    with Store(db) as store:
        t = time.perf_counter()
        docs = [d for d, _ in store.extracted()]
        read = time.perf_counter() - t
    t = time.perf_counter()
    report = build_regime(docs, "2026-11-29")
    regime = time.perf_counter() - t
    row(f"inforce over {count} notices", f"{read + regime:.2f} s ({len(report.provisions)} provisions)")
    row("  reading them from the store", f"{read:.2f} s")
    row("inforce / reading from the store", f"{(read + regime) / read:.2f}x", "<= 2x", (read + regime) / read <= 2)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="tiny sizes: proves the benchmark runs (CI)")
    ap.add_argument("--words", type=int, default=None, help="words in the generated corpus (default 2,000,000)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    words = args.words or (20_000 if args.quick else 2_000_000)
    tmp = Path(tempfile.mkdtemp(prefix="controlbrief-bench-"))
    try:
        paths = make_corpus(tmp / "corpus", words, 1500, args.seed)
        bench_extraction(paths)
        bench_pdf(tmp / "pdf", paths, 3 if args.quick else 30)
        bench_cold_start(paths[0])
        bench_incremental(tmp / "inbox", paths, 10 if args.quick else 500, tmp)
        bench_scaling(tmp, paths, 2 if args.quick else 40)
        bench_regime(tmp, 50 if args.quick else 2000)
        bench_chinese(2 if args.quick else 40)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}{' (quick run)' if args.quick else ''}")
    print()
    print("| figure | value | target | met |")
    print("|---|---|---|---|")
    for r in ROWS:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
