"""Load and validate pattern files (patterns/*.jsonl) and lexicons (patterns/lexicons/*.json).

No spaCy here: this module only reads data and says precisely which line is
wrong. The pattern set has a hash so that stores can tell when to re-extract.
"""

from __future__ import annotations

import hashlib
import json
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from controlbrief.errors import PatternError, first_error
from controlbrief.paths import patterns_dir

KINDS = ("threshold", "product_scope", "rationale", "end_use_restriction", "effective_date",
         "licensing", "exemption", "destination", "relation")
# Cue patterns (list markers, negation, suspension) serve every kind and produce none.
PREFIXES = KINDS + ("context",)


class Examples(BaseModel):
    """Invented sentences the pattern must and must not match (tested)."""

    model_config = ConfigDict(extra="forbid")
    match: list[str] = Field(default_factory=list)
    no_match: list[str] = Field(default_factory=list)


class PatternRecord(BaseModel):
    """One line of a pattern file: a spaCy token pattern (or phrase) plus the facts it implies."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(description="<kind>.<slug>, unique; becomes provision.pattern.")
    label: str = Field(description="What the span is: threshold, date, policy, end_use, rationale, ...")
    pattern: list[dict[str, Any]] | str
    attrs: dict[str, str | bool] = Field(default_factory=dict)
    examples: Examples = Field(default_factory=Examples)

    @field_validator("id")
    @classmethod
    def _id_has_kind(cls, v: str) -> str:
        kind, _, slug = v.partition(".")
        if kind not in PREFIXES or not slug:
            raise ValueError(f"id must be '<kind>.<slug>' with kind in {', '.join(PREFIXES)}")
        return v


class LexiconEntry(BaseModel):
    """A canonical name with its surface forms."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(description="Canonical name (lower case for items, unit code for units).")
    forms: list[str] = Field(default_factory=list, description="Matched case-insensitively.")
    exact: list[str] = Field(default_factory=list, description="Matched case-sensitively (symbols, acronyms).")
    attrs: dict[str, str | bool] = Field(default_factory=dict)


class Lexicon(BaseModel):
    """A lexicon file: one label for all its entries."""

    model_config = ConfigDict(extra="forbid")
    label: str
    description: str = ""
    entries: list[LexiconEntry]


class PatternSet(BaseModel):
    """Every pattern and lexicon, with a hash of their bytes."""

    patterns: list[PatternRecord]
    lexicons: dict[str, Lexicon]
    digest: str

    @cached_property
    def pattern_attrs(self) -> dict[str, dict[str, Any]]:
        """pattern id -> the facts it implies (built once, read for every span)."""
        return {p.id: p.attrs for p in self.patterns}

    @cached_property
    def lexicon_attrs(self) -> dict[tuple[str, str], dict[str, Any]]:
        """(lexicon label, canonical name) -> that entry's attrs, for entries that have any."""
        return {(lex.label, e.id): e.attrs for lex in self.lexicons.values() for e in lex.entries if e.attrs}


def load_patterns_file(path: Path) -> list[PatternRecord]:
    """Read one JSONL file; a bad line fails as 'file:line: reason'."""
    records = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            records.append(PatternRecord.model_validate(json.loads(line)))
        except json.JSONDecodeError as exc:
            raise PatternError(f"{path}:{lineno}: invalid JSON ({exc.msg})") from None
        except ValidationError as exc:
            raise PatternError(f"{path}:{lineno}: {first_error(exc)}") from None
    return records


def load_pattern_set(folder: Path | None = None) -> PatternSet:
    """Load patterns/*.jsonl and patterns/lexicons/*.json, checking ids are unique (cached per folder)."""
    return _load_pattern_set(Path(folder or patterns_dir()).resolve())


def pattern_folders(folder: Path | None = None) -> list[Path]:
    """The pattern folders: patterns/ and, when there is one, patterns/zh (Chinese, its regional words too)."""
    root = Path(folder or patterns_dir()).resolve()
    return [root] + ([root / "zh"] if (root / "zh").is_dir() else [])


def reload_pattern_sets(folder: Path | None = None) -> None:
    """Read the pattern folders from disk again. A folder that cannot be read raises PatternError and the sets
    read before stay in use: a pattern file half-saved by an editor breaks nothing."""
    for each in pattern_folders(folder):
        check_token_patterns(_load_pattern_set.__wrapped__(each))
    _load_pattern_set.cache_clear()


def check_token_patterns(pset: PatternSet) -> None:
    """Raise PatternError for the first token pattern spaCy's Matcher would refuse (imports spaCy)."""
    from spacy.schemas import validate_token_pattern

    for p in pset.patterns:
        if isinstance(p.pattern, list) and (errors := validate_token_pattern(p.pattern)):
            raise PatternError(f"pattern {p.id}: {errors[0]}")


@lru_cache(maxsize=4)
def _load_pattern_set(folder: Path) -> PatternSet:
    if not folder.is_dir():
        raise PatternError(f"{folder}: patterns folder not found")
    digest = hashlib.sha256()
    patterns: list[PatternRecord] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.jsonl")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
        for rec in load_patterns_file(path):
            if rec.id in seen:
                raise PatternError(f"{path}: duplicate pattern id {rec.id!r} (also in {seen[rec.id]})")
            seen[rec.id] = path.name
            patterns.append(rec)
    lexicons: dict[str, Lexicon] = {}
    for path in sorted((folder / "lexicons").glob("*.json")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
        try:
            lexicons[path.stem] = Lexicon.model_validate_json(path.read_bytes())
        except ValidationError as exc:
            raise PatternError(f"{path}: {first_error(exc)}") from None
    for path in sorted(folder.glob("*.json")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())  # other data read with the patterns (regional words)
    if not patterns:
        raise PatternError(f"{folder}: no pattern files (*.jsonl)")
    return PatternSet(patterns=patterns, lexicons=lexicons, digest=digest.hexdigest()[:16])
