"""Score extracted provisions against hand-written gold answers (tests/gold/).

No spaCy here: this module compares two sets of provision facts. Each kind
has a key (what must match for a provision to count as found) and field
groups (what must then also agree). Scores are micro P/R/F1 over (document,
key) pairs per kind, and over (document, key, value) pairs per field group.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from controlbrief.errors import ControlbriefError
from controlbrief.models import Document

Fact = tuple[Any, ...]

# kind -> (key fields, field groups). product_scope is exploded into items and codes.
SPEC: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "threshold": (("unit", "value"), ("comparator", "measure", "measure_key", "applies_to")),
    "product_scope": (("unit",), ("technology",)),
    "rationale": (("category",), ()),
    "end_use_restriction": (("end_use",), ("policy", "party")),
    "effective_date": (("event", "date"), ()),
    "licensing": (("authority",), ("applicant", "documents", "review_days")),
    "exemption": (("exemption_type",), ()),
    "destination": (("country",), ("policy",)),
    "relation": (("relation", "target"), ("scope", "from", "until")),
}
_WORD = re.compile(r"[a-z0-9]+")
_STOP = {"of", "the", "a", "an", "in", "such", "its", "their", "and", "or"}


class GoldFile(BaseModel):
    """One notice's hand-written answers."""

    model_config = ConfigDict(extra="forbid")
    source: str = Field(description="Path of the notice relative to the corpus folder.")
    note: str = ""
    provisions: list[dict[str, Any]]


class Score(BaseModel):
    """Counts and precision, recall, F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


class Mistake(BaseModel):
    """A gold provision not found (miss) or a provision not in the gold (false)."""

    source: str
    kind: str
    key: str
    text: str | None = None


class ThresholdRecall(BaseModel):
    """One notice's thresholds: how many the gold lists, how many were found, and the units of those missed."""

    gold: int = 0
    found: int = 0
    missed_units: list[str] = Field(default_factory=list)


class EvalReport(BaseModel):
    """Everything `controlbrief eval` prints."""

    thresholds: dict[str, ThresholdRecall] = Field(default_factory=dict, description="Per notice with gold thresholds.")
    chinese: "EvalReport | None" = Field(default=None, description="The same scores over the Chinese notices alone.")

    kinds: dict[str, Score] = Field(default_factory=dict)
    fields: dict[str, Score] = Field(default_factory=dict)
    misses: list[Mistake] = Field(default_factory=list)
    false: list[Mistake] = Field(default_factory=list)
    documents: int = 0
    unscored: list[str] = Field(default_factory=list, description="Extracted documents without a gold file.")

    @property
    def macro_f1(self) -> float:
        scored = [s for s in self.kinds.values() if s.tp + s.fp + s.fn]
        return sum(s.f1 for s in scored) / len(scored) if scored else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents, "macro_f1": round(self.macro_f1, 4),
            "kinds": {k: v.as_dict() for k, v in sorted(self.kinds.items())},
            "fields": {k: v.as_dict() for k, v in sorted(self.fields.items())},
            "misses": [m.model_dump() for m in self.misses], "false": [m.model_dump() for m in self.false],
            "unscored": self.unscored,
            "threshold_recall": {k: v.model_dump() for k, v in sorted(self.thresholds.items())},
            "chinese": ({"documents": self.chinese.documents, "macro_f1": round(self.chinese.macro_f1, 4),
                         "kinds": {k: v.as_dict() for k, v in sorted(self.chinese.kinds.items())}} if self.chinese else None),
        }


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def measures_agree(gold: str, found: str) -> bool:
    """Measures agree when their content words overlap by half or more (Jaccard)."""
    g, f = _words(gold), _words(found)
    return bool(g | f) and len(g & f) / len(g | f) >= 0.5


def _norm(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(sorted(str(v).lower() for v in value))
    if isinstance(value, str):
        return " ".join(value.lower().split())
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def facts(provision: dict[str, Any]) -> list[tuple[str, Fact, dict[str, Any]]]:
    """(kind, key, fields) for one provision; a product scope gives one per item and code."""
    kind = provision["kind"]
    keys, groups = SPEC[kind]
    if kind == "product_scope":
        fields = {"technology": provision["technology"]} if "technology" in provision else {}
        return ([(kind, ("item:" + str(i).lower(),), fields) for i in provision.get("items", [])]
                + [(kind, ("code:" + str(c),), fields) for c in provision.get("codes", [])])
    key = tuple(_norm(provision.get(k)) for k in keys)
    fields = {g: _norm(provision[g]) for g in groups if g in provision}
    return [(kind, key, fields)]


def _key_text(key: Fact) -> str:
    return "|".join(str(k) for k in key)


def score_document(gold: list[dict[str, Any]], found: list[dict[str, Any]], source: str, report: EvalReport) -> None:
    """Add one document's counts, misses and false provisions to report."""
    gold_facts: dict[tuple[str, Fact], list[dict[str, Any]]] = {}
    gold_text: dict[tuple[str, Fact], str | None] = {}
    for g in gold:
        for kind, key, fields in facts(g):
            gold_facts.setdefault((kind, key), []).append(fields)
            gold_text.setdefault((kind, key), g.get("evidence"))
    found_facts: dict[tuple[str, Fact], list[dict[str, Any]]] = {}
    found_text: dict[tuple[str, Fact], str] = {}
    for p in found:
        for kind, key, fields in facts(p):
            found_facts.setdefault((kind, key), []).append(fields)
            found_text.setdefault((kind, key), p.get("text", ""))
    for kk in gold_facts.keys() | found_facts.keys():
        kind, key = kk
        score = report.kinds.setdefault(kind, Score())
        in_gold, in_found = kk in gold_facts, kk in found_facts
        score.tp += in_gold and in_found
        score.fp += in_found and not in_gold
        score.fn += in_gold and not in_found
        if kind == "threshold" and in_gold:
            recall = report.thresholds.setdefault(source, ThresholdRecall())
            recall.gold += 1
            recall.found += in_found
            if not in_found:
                recall.missed_units.append(str(key[0]))
        if in_gold and not in_found:
            report.misses.append(Mistake(source=source, kind=kind, key=_key_text(key), text=gold_text[kk]))
        if in_found and not in_gold:
            report.false.append(Mistake(source=source, kind=kind, key=_key_text(key), text=found_text[kk]))
        for group in SPEC[kind][1]:
            gold_values = {f[group] for f in gold_facts.get(kk, []) if group in f}
            if in_gold and not gold_values:
                continue  # the gold says nothing about this field here
            found_values = {f[group] for f in found_facts.get(kk, []) if group in f}
            _score_values(report.fields.setdefault(f"{kind}.{group}", Score()), gold_values, found_values,
                          measures_agree if group == "measure" else None)


def _score_values(score: Score, gold: set[Any], found: set[Any], agree: Callable[[Any, Any], bool] | None) -> None:
    if agree is None:
        score.tp += len(gold & found)
        score.fp += len(found - gold)
        score.fn += len(gold - found)
        return
    matched_gold = {g for g in gold if any(agree(g, f) for f in found)}
    matched_found = {f for f in found if any(agree(g, f) for g in gold)}
    score.tp += len(matched_gold)
    score.fn += len(gold - matched_gold)
    score.fp += len(found - matched_found)


def load_gold(folder: Path) -> dict[str, GoldFile]:
    """Gold files by their source (relative path); a bad file fails naming itself."""
    if not folder.is_dir():
        raise ControlbriefError(f"{folder}: gold folder not found")
    gold: dict[str, GoldFile] = {}
    for path in sorted(folder.rglob("*.json")):
        try:
            g = GoldFile.model_validate(json.loads(path.read_text(encoding="utf-8")))
            for p in g.provisions:
                if p.get("kind") not in SPEC:
                    raise ValueError(f"unknown kind {p.get('kind')!r}")
        except (json.JSONDecodeError, ValidationError, ValueError) as exc:
            raise ControlbriefError(f"{path}: {' '.join(str(exc).split())[:200]}") from None
        gold[g.source] = g
    return gold


def evaluate(gold: dict[str, GoldFile], documents: Iterable[Document], corpus_root: str) -> EvalReport:
    """Score documents (extracted from corpus_root) against gold answers."""
    report = EvalReport()
    prefix = corpus_root.rstrip("/") + "/"
    seen = set()
    for doc in documents:
        rel = doc.source[len(prefix):] if doc.source.startswith(prefix) else doc.source
        if rel not in gold:
            report.unscored.append(rel)
            continue
        seen.add(rel)
        report.documents += 1
        found = [p.model_dump() for p in doc.provisions]
        score_document(gold[rel].provisions, found, rel, report)
        if doc.language == "zh":
            report.chinese = report.chinese or EvalReport()
            report.chinese.documents += 1
            score_document(gold[rel].provisions, found, rel, report.chinese)
    missing = sorted(set(gold) - seen)
    if missing:
        raise ControlbriefError(f"gold files name notices that were not extracted: {', '.join(missing)}")
    return report


EvalReport.model_rebuild()
