"""Property-based fuzz of the readers and the extractor (hypothesis).

1,000 generated files go through the same per-file path as `controlbrief
extract` (read, extract, or a one-line error), each in a bounded child process
so a hang fails the case: no exception escapes, no 'internal error' line, no
hang, and every report validates against the committed JSON Schema. The seed is
fixed (derandomize) so CI runs the same cases every time.
"""

from __future__ import annotations

import importlib.util
import json
import sys

import jsonschema
import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from controlbrief.errors import ReadError  # noqa: E402
from controlbrief.guard import bounded  # noqa: E402
from controlbrief.ingest import InputFile  # noqa: E402
from controlbrief.models import ExtractionReport, InputError  # noqa: E402
from controlbrief.execution import one  # noqa: E402
from controlbrief.pipeline import INTERNAL, Extractor, Extracted  # noqa: E402
from controlbrief.readers import read_bytes  # noqa: E402

from support import ROOT  # noqa: E402

_spec = importlib.util.spec_from_file_location("hostile_make", ROOT / "tests" / "hostile" / "make.py")
make = importlib.util.module_from_spec(_spec)
sys.modules["hostile_make"] = make
_spec.loader.exec_module(make)

SCHEMA = json.loads((ROOT / "schema" / "provisions.schema.json").read_text())
FUZZ_CASES = 1000

# Pieces of the register of real notices, recombined at random with noise between them.
WORDS = [
    "Article 1.", "(a)", "1.", "•", "shall not be exported without permission", "export control", "subject to the EAR",
    "gallium", "germanium", "samarium-cobalt", "rare earth", "Ho", "(Dy)", "graphite", "3A090", "1C902.a", "2805.30.00",
    "HS", "0.1%", "25 percent", "or more", "not less than", "at or below", "14 nm", "50 μm", "99.9999%", "purity",
    "value", "de minimis", "to safeguard national security and interests", "military end users", "case by case",
    "will not be approved", "take effect on", "1 December 2025", "2025-10-09", "until 10 November 2026", "suspended",
    "except", "shall not apply to", "licence", "Ministry of Commerce", "Round: 2025-10", "Title: x", "---", "Date:",
    "|", "\n", "\n\n", "。", "，", "百分之零点一", "自2025年12月1日起实施", "钐", "０．１％", "\u00a0", "\u200b", "\t",
    "[" * 80, "(" * 70, "`" * 90, "%" * 100, "9" * 400, "1e309", "-", "—", "’", "\ufffd", "\x0b", "\x1b",
]
pieces = st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS), st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),
                   st.text(max_size=3), st.integers(-10**6, 10**400).map(str), st.floats(allow_nan=True, allow_infinity=True).map(str))
texts = st.lists(pieces, min_size=1, max_size=60).flatmap(
    lambda parts: st.lists(st.sampled_from([" ", "", "\n", ". ", ", "]), min_size=len(parts), max_size=len(parts))
    .map(lambda seps: "".join(p + s for p, s in zip(parts, seps))))


def _pdf_of(text: str) -> bytes:
    escaped = text.encode("latin-1", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    lines = b" ".join(b"(" + line + b") Tj 0 -14 Td" for line in escaped.split(b"\n"))
    return make.one_page_pdf(b"BT /F1 11 Tf 72 760 Td " + lines + b" ET")


def _encode(text: str, how: str) -> bytes:
    return text.encode(how, "replace") if how != "raw" else text.encode("utf-8", "surrogatepass")


files = st.one_of(
    st.tuples(st.sampled_from(["txt", "md"]), texts, st.sampled_from(["utf-8", "gb18030", "latin-1", "utf-16", "raw"]))
    .map(lambda t: (t[0], _encode(t[1], t[2]))),
    st.tuples(st.just("html"), texts, st.sampled_from(["utf-8", "utf-16", "punycode", "gbk", "undefined", "big5"]))
    .map(lambda t: ("html", f'<html><head><meta charset="{t[2]}"><title>{t[1][:40]}</title></head><body><p>{t[1]}</p>'
                            f'<table><tr><td>{t[1][:30]}</td></tr></table></body></html>'.encode("utf-8", "surrogatepass"))),
    st.tuples(st.just("pdf"), texts).map(lambda t: ("pdf", _pdf_of(t[1]))),
    st.tuples(st.sampled_from(["txt", "md", "html", "pdf"]), st.binary(max_size=2000)),
    st.tuples(st.just("pdf"), st.binary(max_size=400)).map(lambda t: ("pdf", b"%PDF-1.4\n" + t[1])),
)


def _extract(extractor: Extractor, path: str) -> str:
    from pathlib import Path

    result = one(extractor, InputFile(path, Path(path)))
    if isinstance(result, Extracted):
        report = ExtractionReport(documents=[result.document])
    else:
        report = ExtractionReport(errors=[result])
    return report.to_json()


def _fuzz_extract(folder: str) -> dict[str, int]:
    """Run every generated file through extract's per-file path; return what came out."""
    from pathlib import Path

    extractor = Extractor()
    seen = {"documents": 0, "errors": 0}

    @settings(max_examples=FUZZ_CASES, derandomize=True, database=None, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(files)
    def case(file):
        ext, data = file
        path = Path(folder) / f"case.{ext}"
        path.write_bytes(data)
        out = json.loads(_extract(extractor, str(path)))
        jsonschema.validate(out, SCHEMA)
        for err in out["errors"]:
            assert INTERNAL not in err["error"] and "\n" not in err["error"], err
        seen["documents"] += len(out["documents"])
        seen["errors"] += len(out["errors"])

    case()
    return seen


def test_fuzz_extract_never_crashes_hangs_or_breaks_the_schema(tmp_path):
    # The whole run is one bounded child: a hang fails the test (ReadError "gave up") instead of stalling
    # CI; a failing case comes back as ReadError naming the assertion (hypothesis prints the example).
    seen = bounded(_fuzz_extract, str(tmp_path), timeout=900, memory=4 * 1024**3)
    # The generator must reach the extractor, not only the error paths.
    assert seen["documents"] > FUZZ_CASES // 2 and seen["errors"] > FUZZ_CASES // 10, seen


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(st.sampled_from(["a.txt", "a.md", "a.html", "a.pdf"]), st.binary(max_size=3000))
def test_fuzz_readers_return_text_or_a_read_error(name, data):
    try:
        read = read_bytes(name, data, timeout=30)
    except ReadError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert read.text.strip()
        InputError(source=name, error="unused")  # the models import cleanly alongside
