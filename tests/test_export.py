import csv
import io

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
