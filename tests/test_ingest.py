import os

import pytest

from controlbrief.errors import ReadError
from controlbrief.ingest import InputFile, discover, load


def test_ingest_discover_walks_sorted_and_names_sources(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("z")
    (tmp_path / "a.md").write_text("a")
    (tmp_path / ".hidden.txt").write_text("h")
    (tmp_path / "notes.docx").write_text("x")
    files, errors = discover([str(tmp_path) + "/"])
    assert [f.source for f in files] == [f"{tmp_path}/a.md", f"{tmp_path}/b/z.txt"]
    assert errors == []


def test_ingest_discover_reports_missing_paths(tmp_path):
    files, errors = discover([str(tmp_path / "nope.txt")])
    assert files == [] and errors[0].error == "no such file or directory"


def test_ingest_load_refuses_too_large(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2048)
    with pytest.raises(ReadError, match="file too large"):
        load(InputFile("big.txt", big), max_bytes=1024)


def test_ingest_load_detects_file_changing_while_read(tmp_path, monkeypatch):
    f = tmp_path / "growing.txt"
    f.write_text("Export control applies to gallium.")
    real_read = os.read
    grown = []

    def read_and_grow(fd, n):
        data = real_read(fd, n)
        if not grown:
            grown.append(True)
            with open(f, "ab") as fh:
                fh.write(b" more bytes arriving")
            os.utime(f, ns=(0, 1))
        return data

    monkeypatch.setattr("controlbrief.ingest.os.read", read_and_grow)
    with pytest.raises(ReadError, match="changed while being read"):
        load(InputFile("growing.txt", f))


def test_ingest_load_ids_are_content_hashes(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Export control applies to gallium.")
    b.write_text("Export control applies to gallium.")
    assert load(InputFile("a", a)).doc_id == load(InputFile("b", b)).doc_id
    assert len(load(InputFile("a", a)).doc_id) == 16


def test_ingest_refuses_special_files_given_directly(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    files, errors = discover([str(fifo), str(zero)])
    assert files == []
    assert [e.error.split(",")[0] for e in errors] == ["a FIFO", "a character device"]


def test_ingest_load_refuses_a_fifo_swapped_in_after_listing(tmp_path):
    f = tmp_path / "n.txt"
    os.mkfifo(f)
    with pytest.raises(ReadError, match="a FIFO"):
        load(InputFile("n.txt", f))


def test_ingest_names_are_printable_on_one_line():
    from controlbrief.ingest import printable

    assert printable(os.fsdecode(b"a\xffb\nc.txt")) == "a\\xffb\\x0ac.txt"
    assert printable("rare-earths/稀土.txt") == "rare-earths/稀土.txt"
