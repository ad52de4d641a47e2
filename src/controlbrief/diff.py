"""Compare the provision sets of two control rounds: what was added, removed or changed.

No spaCy here and no files: this module takes documents and returns a
DiffReport. Provisions are matched by identity key (identity.py); each change
says whether it tightens or relaxes control where that is knowable.
"""

from __future__ import annotations

from collections.abc import Iterable

from controlbrief.identity import identity_keys
from controlbrief.models import Change, DiffReport, Document

# Fields compared once two provisions share a key; the rest describes or locates them.
COMPARED: dict[str, tuple[str, ...]] = {
    "threshold": ("value", "comparator"),
    "product_scope": ("technology",),
    "rationale": (),
    "end_use_restriction": ("policy",),
    "effective_date": ("date",),
    "licensing": ("applicant", "documents", "review_days"),
    "exemption": (),
    "destination": ("policy",),
}
# Stricter policies rank higher.
POLICY_RANK = {"other": 0, "license_required": 1, "case_by_case": 2, "deny": 3, "prohibited": 4}
_KIND_ORDER = {k: i for i, k in enumerate(COMPARED)}


def provision_set(documents: Iterable[Document]) -> dict[tuple[str, str], list[tuple[str, object]]]:
    """(kind, key) -> [(source, provision)], in source then span order."""
    out: dict[tuple[str, str], list[tuple[str, object]]] = {}
    for doc in sorted(documents, key=lambda d: d.source):
        for p in sorted(doc.provisions, key=lambda p: (p.span[0], p.id)):
            for key in identity_keys(p):
                out.setdefault((p.kind, key), []).append((doc.source, p))
    return out


def _signature(kind: str, p) -> tuple:
    return tuple((f, _hashable(getattr(p, f))) for f in COMPARED[kind])


def _hashable(value):
    return tuple(value) if isinstance(value, list) else value


def direction(kind: str, change: str, old=None, new=None) -> str:
    """Tightened, relaxed or neutral, where the kind says which way is stricter."""
    if change == "added":
        return {"product_scope": "tightened", "threshold": "tightened", "end_use_restriction": "tightened",
                "destination": "tightened", "exemption": "relaxed"}.get(kind, "relaxed" if _suspension(new) else "neutral")
    if change == "removed":
        return {"product_scope": "relaxed", "threshold": "relaxed", "end_use_restriction": "relaxed",
                "destination": "relaxed", "exemption": "tightened"}.get(kind, "tightened" if _suspension(old) else "neutral")
    if kind == "threshold" and old.comparator == new.comparator and old.value != new.value:
        # '>= 0.1%' applies to more goods when the value falls; '<= 14 nm' when it rises.
        lower_is_stricter = old.comparator in {">=", ">"}
        return "tightened" if (new.value < old.value) == lower_is_stricter else "relaxed"
    if kind in {"end_use_restriction", "destination"} and old.policy != new.policy:
        return "tightened" if POLICY_RANK[new.policy] > POLICY_RANK[old.policy] else "relaxed"
    return "neutral"


def _suspension(p) -> bool:
    return p is not None and getattr(p, "kind", None) == "effective_date" and p.event == "suspended_until"


def changes_between(old_docs: list[Document], new_docs: list[Document]) -> DiffReport:
    """The diff contract for two rounds' documents."""
    old_set, new_set = provision_set(old_docs), provision_set(new_docs)
    changes: list[Change] = []
    unchanged = 0
    for kind, key in sorted(old_set.keys() | new_set.keys(), key=lambda kk: (_KIND_ORDER[kk[0]], kk[1])):
        olds, news = old_set.get((kind, key), []), new_set.get((kind, key), [])
        if not olds:
            src, p = news[0]
            changes.append(Change(kind=kind, key=key, change="added", new=p, direction=direction(kind, "added", new=p), new_source=src))
            continue
        if not news:
            src, p = olds[0]
            changes.append(Change(kind=kind, key=key, change="removed", old=p, direction=direction(kind, "removed", old=p), old_source=src))
            continue
        old_sigs = {_signature(kind, p) for _, p in olds}
        new_sigs = {_signature(kind, p) for _, p in news}
        if old_sigs == new_sigs:
            unchanged += 1
            continue
        # Show the first old provision whose values the new round lacks, against the first new one the old lacked.
        o_src, o = next(((s, p) for s, p in olds if _signature(kind, p) not in new_sigs), olds[0])
        n_src, n = next(((s, p) for s, p in news if _signature(kind, p) not in old_sigs), news[0])
        fields = [f for f in COMPARED[kind] if getattr(o, f) != getattr(n, f)]
        way = direction(kind, "changed", o, n)
        if kind == "product_scope" and new_sigs > old_sigs:
            way = "tightened"  # the item is now also controlled as technology (or as goods)
        changes.append(Change(kind=kind, key=key, change="changed", old=o, new=n, fields=fields,
                              direction=way, old_source=o_src, new_source=n_src))
    return DiffReport(old=sorted(d.source for d in old_docs), new=sorted(d.source for d in new_docs), changes=changes, unchanged=unchanged)
