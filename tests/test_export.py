import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from controlbrief.export import COLUMNS, to_csv
from controlbrief.models import Document, ExtractionReport, ProductScope, Threshold


def test_export_csv_one_row_per_provision_with_lists_joined():
    scope = ProductScope(id="p1", text="Gallium, germanium.", span=(0, 7), pattern="product_scope.controlled",
                         items=["gallium", "germanium"], codes=["8112923010"], technology=False)
    thr = Threshold(id="t1", text="purity > 99.9%", span=(0, 5), page=2, pattern="threshold.symbol_gt",
                    value=99.9, unit="percent", comparator=">", measure="purity")
    report = ExtractionReport(documents=[Document(id="d" * 16, source="a.pdf", provisions=[thr, scope])])
    rows = list(csv.DictReader(io.StringIO(to_csv(report))))
    assert list(rows[0]) == COLUMNS
    assert [r["kind"] for r in rows] == ["threshold", "product_scope"]
    assert rows[1]["items"] == "gallium; germanium" and rows[0]["page"] == "2" and rows[1]["page"] == ""


def test_export_xlsx_opens_with_its_sheets_rows_and_links(run_cli, tmp_path):
    """extract --format xlsx: a Documents and a Provisions sheet, frozen headers, filters, links to the briefings."""
    import io
    import json

    openpyxl = pytest.importorskip("openpyxl")
    from support import CORPUS

    folder = str(CORPUS / "graphite")
    result = subprocess.run([str(Path(sys.executable).with_name("controlbrief")), "extract", folder, "--format", "xlsx",
                             "--site", "site", "--quiet"], capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(io.BytesIO(result.stdout))
    assert book.sheetnames == ["Documents", "Provisions"]
    report = json.loads(run_cli("extract", folder, "--quiet").stdout)
    docs, provs = book["Documents"], book["Provisions"]
    assert docs.max_row == 1 + len(report["documents"])
    assert provs.max_row == 1 + sum(len(d["provisions"]) for d in report["documents"])
    assert docs.freeze_panes == "A2" and provs.auto_filter.ref.startswith("A1:")
    assert docs.cell(row=2, column=1).hyperlink.target.startswith("site/notices/")
    header = [c.value for c in provs[1]]
    assert {"title", "issuer", "number", "published", "round"} <= set(header)
    assert not [c for row in provs.iter_rows() for c in row if c.data_type == "f"]
