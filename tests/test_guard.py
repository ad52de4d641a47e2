"""The bounded child process that parsers run in."""

import pytest

from controlbrief.errors import ReadError
from controlbrief.guard import bounded, read_timeout


def _spin() -> None:
    while True:
        pass


def _hog() -> bytes:
    return b"x" * (4 * 1024**3)


def _fail() -> None:
    raise ReadError("broken in a known way")


def _bug() -> None:
    raise KeyError("a parser bug")


def _double(x: int) -> int:
    return 2 * x


def test_guard_returns_the_value():
    assert bounded(_double, 21, timeout=30) == 42


def test_guard_kills_a_call_past_its_time():
    with pytest.raises(ReadError, match="gave up after 1 s"):
        bounded(_spin, timeout=1)


def test_guard_stops_a_call_past_its_memory():
    with pytest.raises(ReadError, match="more than 256 MB of memory"):
        bounded(_hog, timeout=60, memory=256 * 1024**2)


def test_guard_passes_read_errors_and_names_other_failures():
    with pytest.raises(ReadError, match="broken in a known way"):
        bounded(_fail, timeout=30)
    with pytest.raises(ReadError, match="reader failed .KeyError"):
        bounded(_bug, timeout=30)


def test_guard_timeout_grows_with_size(monkeypatch):
    assert read_timeout(0, 10) == 10
    assert read_timeout(2 * 2**20, 10) == 130
    monkeypatch.setenv("CONTROLBRIEF_READ_TIMEOUT", "5")
    assert read_timeout(0) == 5
    monkeypatch.setenv("CONTROLBRIEF_READ_TIMEOUT", "soon")
    assert read_timeout(0) == 60
