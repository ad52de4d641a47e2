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
