"""Find the data folders (patterns/, templates/) once; overridable by env vars."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parents[2]


def _data_dir(name: str, env: str) -> Path:
    override = os.environ.get(env)
    if override:
        return Path(override)
    return _REPO_ROOT / name


def patterns_dir() -> Path:
    """Folder of pattern files (CONTROLBRIEF_PATTERNS overrides)."""
    return _data_dir("patterns", "CONTROLBRIEF_PATTERNS")


def templates_dir() -> Path:
    """Folder of jinja2 templates (CONTROLBRIEF_TEMPLATES overrides)."""
    return _data_dir("templates", "CONTROLBRIEF_TEMPLATES")


def files_fingerprint(*roots: Path) -> str:
    """Every file under the roots by name, size and modification time (caches skipped): a cheap way to see that
    code or patterns changed, without reading them."""
    h = hashlib.sha256()
    for root in roots:
        for folder, dirs, files in sorted(os.walk(root)):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                try:
                    st = os.stat(os.path.join(folder, name))
                except OSError:
                    continue
                h.update(f"{folder}/{name}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return h.hexdigest()
