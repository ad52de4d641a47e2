"""Control rounds: which round and topic a document belongs to, and rounds in order.

A document's round comes from its 'Round:' metadata line, else from its folder
(corpus/<topic>/<round>/<file>), else from --round. The topic is the folder
above the round folder. No spaCy here.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from controlbrief.errors import ControlbriefError
from controlbrief.models import Document

# Folder names that name a round: 2025, 2025-10, 2025-10-09, round-3, round_2025a.
_ROUND_DIR = re.compile(r"^(\d{4}(-\d{2}){0,2}|round[-_ ]?\w+)$", re.IGNORECASE)


def round_from_path(source: str) -> str | None:
    """The round named by a document's folder, if its folder looks like one."""
    parts = PurePosixPath(source.replace("\\", "/")).parts
    return parts[-2] if len(parts) >= 2 and _ROUND_DIR.match(parts[-2]) else None


def topic_of(doc: Document) -> str:
    """The folder above the round folder, or '' when the layout does not say."""
    parts = PurePosixPath(doc.source.replace("\\", "/")).parts
    if len(parts) >= 3 and doc.round and parts[-2] == doc.round:
        return parts[-3]
    return ""


def by_topic(documents: list[Document]) -> dict[str, list[tuple[str, list[Document]]]]:
    """topic -> [(round, documents)] with rounds in order (names sort chronologically)."""
    grouped: dict[str, dict[str, list[Document]]] = {}
    for doc in documents:
        if not doc.round:
            continue
        grouped.setdefault(topic_of(doc), {}).setdefault(doc.round, []).append(doc)
    return {topic: sorted((r, sorted(ds, key=lambda d: d.source)) for r, ds in rounds.items())
            for topic, rounds in sorted(grouped.items())}


def select(documents: list[Document], spec: str) -> list[Document]:
    """Documents of a round given as 'ROUND' or 'TOPIC/ROUND'.

    Raises:
        ControlbriefError: a bare round name that several topics share (they are listed).
    """
    topic, _, rnd = spec.rpartition("/")
    found = [d for d in documents if d.round == rnd and (not topic or topic_of(d) == topic)]
    topics = sorted({topic_of(d) for d in found})
    if not topic and len(topics) > 1:
        raise ControlbriefError(f"round {rnd!r} exists in several topics; name one: {', '.join(f'{t}/{rnd}' for t in topics)}")
    return found


def history(documents: list[Document], chosen: list[Document]) -> list[Document]:
    """Every document of the chosen documents' topic up to and including their round: the regime they belong to."""
    if not chosen or any(d.round is None for d in chosen):
        return chosen
    topics = {topic_of(d) for d in chosen}
    last = max(d.round for d in chosen)
    return [d for d in documents if d.round and topic_of(d) in topics and d.round <= last]


def known_rounds(documents: list[Document]) -> list[str]:
    """'TOPIC/ROUND' for every round the documents name."""
    return sorted({f"{topic_of(d)}/{d.round}" if topic_of(d) else d.round for d in documents if d.round})
