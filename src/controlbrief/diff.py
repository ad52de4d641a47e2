"""Compare two control rounds: what was added, removed, changed, suspended or reinstated.

No spaCy here and no files: this module takes documents and returns a
DiffReport. Provisions are matched by identity key (identity.py); each change
says whether it tightens or relaxes control where that is knowable, and which
notice caused it. By default the regimes are compared (regime.py: controls
accumulate, only relations take them away); `as_published` compares what each
round states.
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
    "relation": ("scope", "from_", "until"),
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


def _horizon(documents: list[Document]) -> str:
    """The day by which every notice of these rounds has been published and taken effect."""
    days = [d.published for d in documents if d.published]
    days += [p.date for d in documents for p in d.provisions if p.kind == "effective_date"
             and p.event in {"published", "effective", "adopted", "suspended_from"}]
    days += [p.from_ for d in documents for p in d.provisions if p.kind == "relation" and p.from_]
    return max(days, default="1970-01-01")


def _regime_set(documents: list[Document]) -> dict[tuple[str, str], list]:
    """(kind, key) -> regime entries, once every notice given has taken effect (pending counts as in force)."""
    from controlbrief.regime import build_regime

    report = build_regime(documents, _horizon(documents))
    out: dict[tuple[str, str], list] = {}
    for e in report.provisions:
        for key in identity_keys(e.provision):
            out.setdefault((e.provision.kind, key), []).append(e)
    return out


def _standing(entries: list) -> str:
    return "in_force" if any(e.status in {"in_force", "pending"} for e in entries) else "suspended"


def _remover(new_docs: list[Document], notice: str) -> str | None:
    """The notice that revoked or superseded `notice`, if one of these documents did."""
    from controlbrief.regime import notice_key

    for d in sorted(new_docs, key=lambda d: d.source):
        for p in d.provisions:
            if p.kind == "relation" and p.relation in {"revokes", "supersedes"} and p.target == notice:
                return notice_key(d)
    return None


def regime_changes(old_docs: list[Document], new_docs: list[Document], shown_old: list[str] | None = None,
                   shown_new: list[str] | None = None) -> DiffReport:
    """The diff contract for two regimes: old_docs and new_docs are every notice up to and including each round.

    A provision the new round does not restate is unchanged; `removed` means a
    notice revoked, superseded or ended it; a suspension is `suspended`, its end
    `reinstated`. Every change names its cause (a notice number, else a source).
    """
    old_set, new_set = _regime_set(old_docs), _regime_set(new_docs)
    changes: list[Change] = []
    unchanged = 0
    for kind, key in sorted(old_set.keys() | new_set.keys(), key=lambda kk: (_KIND_ORDER[kk[0]], kk[1])):
        olds, news = old_set.get((kind, key), []), new_set.get((kind, key), [])
        if not olds:
            e = news[0]
            changes.append(Change(kind=kind, key=key, change="added", new=e.provision, direction=direction(kind, "added", new=e.provision),
                                  cause=e.notice, new_source=e.sources[0]))
            continue
        if not news:
            e = olds[0]
            changes.append(Change(kind=kind, key=key, change="removed", old=e.provision,
                                  direction=direction(kind, "removed", old=e.provision),
                                  cause=_remover(new_docs, e.notice) or e.notice, old_source=e.sources[0]))
            continue
        before, after = _standing(olds), _standing(news)
        if before != after:
            o, n = olds[0], news[0]
            suspended = after == "suspended"
            because = next((b for e in news for b in e.because), None) if suspended else n.notice
            changes.append(Change(kind=kind, key=key, change="suspended" if suspended else "reinstated", old=o.provision,
                                  new=n.provision, direction="relaxed" if suspended else "tightened", cause=because,
                                  old_source=o.sources[0], new_source=n.sources[0]))
            continue
        old_sigs = {_signature(kind, e.provision) for e in olds}
        new_sigs = {_signature(kind, e.provision) for e in news}
        if new_sigs <= old_sigs:
            unchanged += 1  # restated, or not restated: either way nothing changed
            continue
        o = next((e for e in olds if _signature(kind, e.provision) not in new_sigs), olds[0])
        n = next((e for e in news if _signature(kind, e.provision) not in old_sigs), news[0])
        fields = [f for f in COMPARED[kind] if getattr(o.provision, f) != getattr(n.provision, f)]
        if not fields:
            unchanged += 1
            continue
        changes.append(Change(kind=kind, key=key, change="changed", old=o.provision, new=n.provision, fields=fields,
                              direction=direction(kind, "changed", o.provision, n.provision), cause=n.notice,
                              old_source=o.sources[0], new_source=n.sources[0]))
    return DiffReport(old=sorted(shown_old if shown_old is not None else (d.source for d in old_docs)),
                      new=sorted(shown_new if shown_new is not None else (d.source for d in new_docs)),
                      changes=changes, unchanged=unchanged)
