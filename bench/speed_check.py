"""CI's guard on extraction speed: fail when a change makes extraction slow relative to tokenizing.

Usage: python bench/speed_check.py [--min-ratio R] [--patterns DIR] [--repeat N]

Extracts a fixed sample (the corpus's text notices, repeated) with the whole
`extract` path and tokenizes the same texts with spacy.blank("en"), best of
three each, in one run: the ratio of the two speeds is what is compared, never
an absolute time, so a slow or busy machine moves both sides. The floor is
half the figure bench/README.md reports, wide enough that noise never trips
it, narrow enough that a wildcard pattern over the whole Doc does (the test
tests/test_speed_check.py adds one and expects a failure).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

# Half of the extract / tokenizer ratio measured on this sample: 0.096-0.116 at the end of 2026-11-29
# (0.088-0.114 that morning; 0.023 before the wide gap of licensing.applications_reviewed was fixed).
MIN_RATIO = 0.05
REPEAT = 6


def sample_texts(repeat: int = REPEAT) -> list[str]:
    from controlbrief.ingest import discover, load

    files, _ = discover([str(ROOT / "corpus")])
    return [load(f).read.text for f in files if not f.source.endswith(".pdf")] * repeat


def best_of(fn, texts: list[str], runs: int = 3, give_up: float = float("inf")) -> float:
    """Best time of `runs` passes; a pass that exceeds `give_up` seconds stops at once (already too slow)."""
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        for text in texts:
            fn(text)
            if time.perf_counter() - t > give_up:
                return float("inf")
        best = min(best, time.perf_counter() - t)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-ratio", type=float, default=MIN_RATIO)
    ap.add_argument("--patterns", type=Path, default=None, help="pattern folder to check (default: patterns/)")
    ap.add_argument("--repeat", type=int, default=REPEAT, help="copies of the corpus sample")
    args = ap.parse_args()
    import spacy

    from controlbrief.ingest import LoadedFile
    from controlbrief.models import ReadText
    from controlbrief.pipeline import Extractor

    texts = sample_texts(args.repeat)
    extractor = Extractor(patterns_dir=args.patterns)
    tokenizer = spacy.blank("en")

    def extract(text: str) -> None:
        extractor.document(LoadedFile(source="sample.txt", doc_id="0" * 16, read=ReadText(text=text, format="text")))

    extract(texts[0])  # warm caches on both sides before timing
    tokenizer(texts[0])
    t_tok = best_of(tokenizer.make_doc, texts)
    # Past this, the ratio is under the floor whatever the rest would take: stop rather than wait minutes.
    t_ext = best_of(extract, texts, give_up=2 * t_tok / args.min_ratio)
    words = sum(len(t.split()) for t in texts)
    ratio = t_tok / t_ext
    print(f"speed check: {words} words; tokenizer {words / t_tok:,.0f} words/s; extract {words / t_ext:,.0f} words/s; "
          f"ratio {ratio:.3f} (floor {args.min_ratio:.3f})")
    if ratio < args.min_ratio:
        print(f"speed check FAILED: extraction fell to {ratio:.3f} of tokenizer speed (floor {args.min_ratio:.3f}); "
              "look for a wide wildcard or bounded gap in the last pattern change", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
