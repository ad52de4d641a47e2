"""Paths and small helpers shared by the test modules (importable as `support`)."""

from __future__ import annotations

from pathlib import Path

from controlbrief.models import Document

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
DATA = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared"


def provisions(doc: Document, kind: str) -> list:
    """The provisions of one kind, in document order."""
    return [p for p in doc.provisions if p.kind == kind]


def ctrl_c_works() -> None:
    """preexec_fn for a process a test stops with SIGINT (Ctrl-C): default SIGINT handling in the child.

    A job started in the background by a shell without job control (nohup cmd &, some CI runners) ignores
    SIGINT, and children inherit that; Python then installs no KeyboardInterrupt handler, and a watcher
    stopped the way a user stops it would never stop.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)
