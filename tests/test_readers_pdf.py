import pytest

from controlbrief.errors import ReadError
from controlbrief.readers import read_bytes
from support import CORPUS, DATA

BIS = CORPUS / "us-advanced-computing" / "2024-12" / "bis-2024-12-hbm-fdp.pdf"
GA = CORPUS / "gallium-germanium" / "2023-07" / "mofcom-2023-23-gallium-germanium.pdf"


def test_readers_pdf_pages_and_offsets():
    read = read_bytes(BIS.name, BIS.read_bytes())
    assert read.format == "pdf"
    assert len(read.page_starts) == 2 and read.page_starts[0] == 0
    second = read.text[read.page_starts[1]:]
    assert second.startswith("SUPPLEMENTARY INFORMATION")
    assert read.meta["round"] == "2024-12"


def test_readers_pdf_wrapped_lines_join_into_paragraphs():
    read = read_bytes(BIS.name, BIS.read_bytes())
    lines = read.text.split("\n")
    summary = [ln for ln in lines if ln.startswith("SUMMARY:")]
    assert len(summary) == 1 and summary[0].endswith("for military modernization.")


def test_readers_pdf_tables_become_rows():
    read = read_bytes(GA.name, GA.read_bytes())
    assert "Indium gallium arsenide | all forms | 2853909031" in read.text.split("\n")


@pytest.mark.parametrize(
    ("name", "reason"),
    [("encrypted.pdf", "encrypted PDF"), ("truncated.pdf", "corrupt or truncated PDF"), ("junk.pdf", "not a PDF")],
)
def test_readers_pdf_refuses_bad_pdfs(name, reason):
    with pytest.raises(ReadError, match=reason):
        read_bytes(name, (DATA / name).read_bytes())


def test_readers_pdf_good_fixture():
    read = read_bytes("good.pdf", (DATA / "good.pdf").read_bytes())
    assert "Gallium metal" in read.text
    assert read.meta["date"] == "2023-07-03"
