"""Find input files, read their bytes safely, and hand back ReadText or a one-line error.

No spaCy here. Every input goes through one guarded path: folders are walked in
sorted order (hidden entries and unsupported types skipped); only regular files
are opened (FIFOs, devices and sockets are refused by type, before any open
that could block); symlinks are followed only while they stay inside the folder
being scanned; the size is checked on the opened file. Whatever cannot be read
(a file, or a folder and so every file under it) becomes an InputError, so
nothing vanishes silently; nothing else stops.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from controlbrief.errors import ReadError
from controlbrief.identity import document_id
from controlbrief.models import InputError, ReadText
from controlbrief.readers import SUFFIXES, read_bytes

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class InputFile:
    """A file to read: the source string the output shows, and where it is."""

    source: str
    path: Path


@dataclass(frozen=True)
class LoadedFile:
    """A file that was read: its document id and extracted text."""

    source: str
    doc_id: str
    read: ReadText


def printable(name: str) -> str:
    """A file name safe for one-line messages, JSON and the store.

    Bytes that are not UTF-8 (kept by Python as lone surrogates) and control
    characters such as a newline are written as \\xNN.
    """
    out = []
    for ch in name:
        o = ord(ch)
        if 0xDC80 <= o <= 0xDCFF:
            out.append(f"\\x{o - 0xDC00:02x}")
        elif o < 32 or o == 0x7F or 0xD800 <= o <= 0xDFFF:
            out.append(f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}")
        else:
            out.append(ch)
    return "".join(out)


def _source(given: str, rel: str | None = None) -> str:
    base = given.rstrip("/\\") or given
    return printable(base if rel is None else f"{base}/{rel}")


_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder"))


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _stat_error(path: str, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop (the link leads back to itself); not read"
    if exc.errno == errno.ENOENT and os.path.islink(path):
        return f"dangling symlink (its target {printable(os.readlink(path))} does not exist); not read"
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    return f"cannot access ({exc.strerror or type(exc).__name__})"


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


class _Walker:
    """Walks one folder given on the command line, collecting files and errors in sorted order."""

    def __init__(self, given: str) -> None:
        self.given = given
        self.root = os.path.realpath(given)
        self.files: list[InputFile] = []
        self.errors: list[InputError] = []

    def _error(self, rel: str | None, message: str) -> None:
        self.errors.append(InputError(source=_source(self.given, rel), error=message))

    def walk(self, folder: str, rel: str | None = None) -> None:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            # The folder's files are unknown, not gone: the store keeps them (see sync).
            self._error(rel, f"cannot read folder ({exc.strerror or type(exc).__name__}); "
                                   "files under it were not read and are kept as they were")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            child = entry.name if rel is None else f"{rel}/{entry.name}"
            supported = Path(entry.name).suffix.lower() in SUFFIXES
            try:
                if entry.is_symlink():
                    self._link(entry, child, supported)
                elif entry.is_dir(follow_symlinks=False):
                    self.walk(entry.path, child)
                elif supported:
                    self._file(entry.path, child, entry.stat(follow_symlinks=False).st_mode)
            except OSError as exc:
                self._error(child, _stat_error(entry.path, exc))

    def _link(self, entry: os.DirEntry, child: str, supported: bool) -> None:
        try:
            st = os.stat(entry.path)
        except OSError as exc:
            if supported or exc.errno == errno.ELOOP:
                self._error(child, _stat_error(entry.path, exc))
            return
        target = os.path.realpath(entry.path)
        if stat.S_ISDIR(st.st_mode):
            if not _inside(target, self.root):
                self._error(child, f"symlinked folder leads outside {printable(self.given)} (to {printable(target)}); not read")
            # A link to a folder inside the root is not followed: that folder is scanned as itself.
            return
        if not supported:
            return
        if not _inside(target, self.root):
            self._error(child, f"symlink leads outside {printable(self.given)} (to {printable(target)}); not read")
            return
        self._file(entry.path, child, st.st_mode)

    def _file(self, path: str, child: str, mode: int) -> None:
        if not stat.S_ISREG(mode):
            self._error(child, f"{_kind(mode)}, not a regular file; not read")
            return
        self.files.append(InputFile(_source(self.given, child), Path(path)))


def discover(paths: list[str]) -> tuple[list[InputFile], list[InputError]]:
    """Expand files and folders into input files, and say why each other entry is not read."""
    files: list[InputFile] = []
    errors: list[InputError] = []
    for given in paths:
        try:
            st = os.stat(given)
        except OSError as exc:
            errors.append(InputError(source=_source(given), error=_stat_error(given, exc)))
            continue
        if stat.S_ISDIR(st.st_mode):
            walker = _Walker(given)
            walker.walk(given)
            files.extend(walker.files)
            errors.extend(walker.errors)
        elif stat.S_ISREG(st.st_mode):
            files.append(InputFile(_source(given), Path(given)))
        else:
            errors.append(InputError(source=_source(given), error=f"{_kind(st.st_mode)}, not a regular file; not read"))
    # One global order by source: the order of the JSON output, so documents can be written as they come.
    return sorted(files, key=lambda f: f.source), sorted(errors, key=lambda e: e.source)


def read_file(path: Path, max_bytes: int) -> bytes:
    """Read a regular file's bytes, refusing anything else before it can block or flood.

    Raises:
        ReadError: not a regular file, too large, unreadable, or changed while read.
    """
    try:
        # O_NONBLOCK: if a FIFO was swapped in since the listing, open returns at once instead of waiting.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise ReadError(_stat_error(str(path), exc) if exc.errno in (errno.ELOOP, errno.ENOENT)
                        else f"cannot read file ({exc.strerror or type(exc).__name__})") from None
    try:
        before = os.fstat(fd)
        if not stat.S_ISREG(before.st_mode):
            raise ReadError(f"{_kind(before.st_mode)}, not a regular file; not read")
        if before.st_size > max_bytes:
            raise ReadError(f"file too large ({before.st_size / 1e6:.1f} MB; limit {max_bytes / 1e6:.1f} MB)")
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        after = os.fstat(fd)
    except OSError as exc:
        raise ReadError(f"cannot read file ({exc.strerror or type(exc).__name__})") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        raise ReadError(f"file grew past the limit while being read ({max_bytes / 1e6:.1f} MB)")
    if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns) or len(data) != after.st_size:
        raise ReadError("file changed while being read (still being copied?)")
    return data


def load(f: InputFile, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float | None = None) -> LoadedFile:
    """Read one file and run its reader (PDF and HTML within time and memory bounds).

    Raises:
        ReadError: with a one-line reason (not a regular file, too large, unreadable, changing, broken).
    """
    data = read_file(f.path, max_bytes)
    return LoadedFile(source=f.source, doc_id=document_id(data), read=read_bytes(f.path.name, data, timeout=timeout))
