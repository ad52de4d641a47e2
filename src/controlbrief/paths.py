"""Find the data folders (patterns/, templates/) once; overridable by env vars."""

from __future__ import annotations

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
