"""A cache of built matchers under the user's cache folder, so a cold start skips the slow part.

Compiling the rule patterns means tokenizing some 24,000 phrases: most of a
one-notice `extract`. What the PhraseMatcher keeps is only arrays of token
hashes, which load in a fraction of that time. An entry is keyed by everything
its contents depend on: the pattern set's digest, spaCy's and the lookup
tables' versions, the source of the modules that tokenize, and the pipeline's
language and model. Any other change simply makes a new key. An entry that is
missing, unreadable, corrupt or of another format is rebuilt, never fatal;
writes go to a temporary file renamed into place, so parallel workers never
read half an entry.

CONTROLBRIEF_CACHE names the folder (tests point it at a temporary one; an
empty value turns the cache off); otherwise $XDG_CACHE_HOME/controlbrief or
~/.cache/controlbrief.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

FORMAT = 1  # bump when what is stored changes shape


def folder() -> Path | None:
    configured = os.environ.get("CONTROLBRIEF_CACHE")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "controlbrief"


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """The tokenizing code and the libraries under it: a change to any of them is a new key."""
    import spacy
    import spacy_lookups_data

    here = Path(__file__).parent
    h = hashlib.sha256(f"{FORMAT}|{spacy.__version__}|{getattr(spacy_lookups_data, '__version__', '')}".encode())
    for path in [*sorted((here / "nlp").glob("*.py")), here / "nlp_zh.py"]:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def path_for(name: str, *parts: object) -> Path | None:
    where = folder()
    if where is None:
        return None
    key = hashlib.sha256("|".join([_code_digest(), *map(str, parts)]).encode()).hexdigest()[:20]
    return where / f"{name}-{key}.pickle"


def load(name: str, *parts: object):
    """The stored value, or None when there is none that can be trusted."""
    path = path_for(name, *parts)
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            stored = pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get("format") != FORMAT:
        return None
    return stored.get("value")


def save(name: str, value, *parts: object) -> None:
    """Store value; a cache that cannot be written is no error (the next start builds again)."""
    path = path_for(name, *parts)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump({"format": FORMAT, "value": value}, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass
