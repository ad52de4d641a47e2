"""Provision ids and identity keys, shared by extraction and diff.

No spaCy here. An id depends only on the document, the kind, the normalized
content and where the evidence is, never on run order.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from controlbrief.normalize import normalize_measure


def document_id(data: bytes) -> str:
    """sha256 of the raw bytes, hex, first 16 characters."""
    return hashlib.sha256(data).hexdigest()[:16]


# json.dumps with options builds a new encoder on every call; ids are made for every provision.
_ENCODE = json.JSONEncoder(sort_keys=True, ensure_ascii=False).encode


def provision_id(doc_id: str, kind: str, content: dict[str, Any], span: tuple[int, int]) -> str:
    """Stable id from document id, kind, normalized content and evidence span."""
    payload = _ENCODE([doc_id, kind, content, list(span)])
    return f"{kind[:2]}-" + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def identity_keys(provision: Any) -> list[str]:
    """Identity keys of a provision for the diff (spec: 'Identity across rounds').

    A product scope has one key per item and per code; every other kind one key.
    """
    kind = provision.kind
    if kind == "threshold":
        # What is measured, canonical, so '50% equity' and '50% stake' (and translations) are one threshold.
        key = provision.measure_key if provision.measure_key != "other" else normalize_measure(provision.measure)
        return [f"{key}|{provision.unit}|{','.join(sorted(provision.applies_to))}"]
    if kind == "product_scope":
        return [f"item:{i}" for i in provision.items] + [f"code:{c}" for c in provision.codes]
    if kind == "rationale":
        return [provision.category]
    if kind == "end_use_restriction":
        return [provision.end_use]
    if kind == "effective_date":
        return [provision.event]
    if kind == "licensing":
        return [f"licensing:{provision.authority or 'unspecified'}"]
    if kind == "exemption":
        return [provision.exemption_type]
    if kind == "destination":
        return [provision.country]
    if kind == "relation":
        return [f"{provision.relation}|{provision.target or provision.target_text}"]
    raise ValueError(f"unknown provision kind {kind!r}")
