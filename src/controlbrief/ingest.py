"""Find input files, read their bytes safely, and hand back ReadText or a one-line error.

No spaCy here. Folders are walked in sorted order; hidden files and unsupported
types inside folders are skipped. A file that grows while it is read, is too
large, or fails its reader is set aside with its reason; nothing else stops.
"""

from __future__ import annotations

import os
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


def _source(given: str, rel: Path | None = None) -> str:
    base = given.rstrip("/\\") or given
    return base if rel is None else f"{base}/{rel.as_posix()}"


def discover(paths: list[str]) -> tuple[list[InputFile], list[InputError]]:
    """Expand files and folders into input files (sorted within each folder)."""
    files: list[InputFile] = []
    errors: list[InputError] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found = []
            for root, dirs, names in os.walk(p):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in names:
                    full = Path(root) / name
                    if name.startswith(".") or full.suffix.lower() not in SUFFIXES:
                        continue
                    found.append(InputFile(_source(given, full.relative_to(p)), full))
            files.extend(found)
        elif p.is_file():
            files.append(InputFile(_source(given), p))
        elif p.exists():
            errors.append(InputError(source=given, error="not a regular file"))
        else:
            errors.append(InputError(source=given, error="no such file or directory"))
    # One global order by source: the order of the JSON output, so documents can be written as they come.
    return sorted(files, key=lambda f: f.source), errors


def load(f: InputFile, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedFile:
    """Read one file and run its reader.

    Raises:
        ReadError: with a one-line reason (too large, unreadable, changing, broken).
    """
    try:
        before = f.path.stat()
        if before.st_size > max_bytes:
            raise ReadError(f"file too large ({before.st_size / 1e6:.1f} MB; limit {max_bytes / 1e6:.1f} MB)")
        data = f.path.read_bytes()
        after = f.path.stat()
    except OSError as exc:
        raise ReadError(f"cannot read file ({exc.strerror or type(exc).__name__})") from None
    if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns) or len(data) != after.st_size:
        raise ReadError("file changed while being read (still being copied?)")
    return LoadedFile(source=f.source, doc_id=document_id(data), read=read_bytes(f.path.name, data))
