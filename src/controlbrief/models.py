"""The schema: every pydantic model that crosses a module boundary.

This module owns the shape of the output contract (shared/spec/provisions.md,
schema_version 2). It holds no extraction logic and imports nothing heavy.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = 2

Unit = Literal[
    "percent", "nm", "um", "mm", "layers", "usd", "cny", "eur", "kg", "tonnes", "tpp", "gbps",
    "gb_s", "ghz", "w", "n", "mpa", "g_cm3", "per_cm2", "m_s", "hardness", "wh_kg", "mah_g",
    "celsius", "days", "other",
]
MeasureKey = Literal[
    "origin_value_share", "ownership_share", "purity", "particle_size", "density", "strength", "hardness",
    "speed", "diameter", "force", "energy_density", "capacity", "node", "layers", "tpp", "performance_density",
    "bandwidth", "power", "frequency", "quantity", "price", "duration", "other",
]
Comparator = Literal[">=", ">", "<=", "<", "="]
RationaleCategory = Literal[
    "national_security", "national_interests", "non_proliferation",
    "international_obligations", "foreign_policy", "supply_security",
    "countermeasure", "human_rights", "other",
]
EndUse = Literal[
    "military", "wmd", "advanced_semiconductors", "ai_military", "surveillance",
    "terrorism", "listed_entities", "other",
]
Policy = Literal["deny", "case_by_case", "license_required", "prohibited", "other"]
DateEvent = Literal[
    "published", "adopted", "effective", "compliance", "comment_deadline", "expires", "suspended_from", "suspended_until",
]
RelationType = Literal["suspends", "resumes", "amends", "revokes", "supersedes", "extends"]
ExemptionType = Literal["humanitarian", "de_minimis", "general_licence", "carve_out", "grandfathered", "other"]
Kind = Literal[
    "threshold", "product_scope", "rationale", "end_use_restriction", "effective_date",
    "licensing", "exemption", "destination", "relation",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProvisionBase(_Strict):
    """Fields every provision carries, whatever its kind."""

    id: str = Field(description="Stable id: hash of document id, kind, normalized content and span.")
    text: str = Field(description="The sentence or list item the provision was found in, as in the source.")
    span: tuple[int, int] = Field(description="Character offsets of the evidence in the document's extracted text.")
    page: int | None = Field(default=None, description="1-based PDF page of the evidence; null for other formats.")
    pattern: str = Field(description="Id of the pattern (patterns/*.jsonl) that produced the provision.")


class Threshold(ProvisionBase):
    """A numeric trigger or limit that decides whether a control applies."""

    kind: Literal["threshold"] = "threshold"
    value: int | float = Field(description="The number as written (0.1 for '0.1%', 25 for '25 percent').")
    unit: Unit = Field(description="Normalized unit code.")
    comparator: Comparator = Field(description="How the measured quantity relates to value.")
    measure: str = Field(description="What is measured, in the source's words.")
    unit_text: str | None = Field(default=None, description="The unit as written ('μm', 'HRB', 'mAh/g').")
    measure_key: MeasureKey = Field(default="other", description="What is measured, canonical and language-free.")
    applies_to: list[str] = Field(default_factory=list, description=(
        "Codes or items this threshold qualifies (its list item or lead-in); empty when it qualifies the whole notice."))

    @field_validator("value")
    @classmethod
    def _finite(cls, value: int | float) -> int | float:
        # JSON has no infinity: a value that would be written as null could never be read back.
        if not math.isfinite(value):
            raise ValueError("threshold value must be a finite number")
        return value


class ProductScope(ProvisionBase):
    """What goods, technologies or software a control covers."""

    kind: Literal["product_scope"] = "product_scope"
    items: list[str] = Field(description="Lower-case canonical item names (bare element names for elements).")
    codes: list[str] = Field(description="Control or tariff codes as they appear (ECCN, Chinese control numbers, HS, EU).")
    technology: bool = Field(description="True where the scope is technology, know-how or software.")
    description: str | None = Field(default=None, description="The item as the source describes it (its list item or clause).")


class Rationale(ProvisionBase):
    """Why the issuer says it acts: one provision per category stated."""

    kind: Literal["rationale"] = "rationale"
    category: RationaleCategory


class EndUseRestriction(ProvisionBase):
    """A restriction tied to who uses an item or for what."""

    kind: Literal["end_use_restriction"] = "end_use_restriction"
    end_use: EndUse
    policy: Policy
    party: str | None = Field(default=None, description="End user or destination named, in the source's words.")


class EffectiveDate(ProvisionBase):
    """A dated event of the notice: publication, entry into effect, expiry, suspension."""

    kind: Literal["effective_date"] = "effective_date"
    date: str = Field(description="YYYY-MM-DD", pattern=r"^\d{4}-\d{2}-\d{2}$")
    event: DateEvent


class Licensing(ProvisionBase):
    """Who must apply to whom for a licence, with what papers and review period."""

    kind: Literal["licensing"] = "licensing"
    authority: str | None = Field(default=None, description="Who decides: canonical authority name (e.g. 'ministry of commerce').")
    applicant: str | None = Field(default=None, description="Who applies, in the source's words (e.g. 'exporters').")
    documents: list[str] = Field(default_factory=list, description="Papers to submit, canonical ('end-user certificate').")
    review_days: int | None = Field(default=None, description="Review period in days, where stated.")


class Exemption(ProvisionBase):
    """A carve-out from a control: de minimis, general licence, humanitarian, grandfathered contracts."""

    kind: Literal["exemption"] = "exemption"
    exemption_type: ExemptionType
    scope: str = Field(description="What is exempted, in the source's words (the clause, at most 200 characters).")


class Destination(ProvisionBase):
    """A country, region or country group a control targets."""

    kind: Literal["destination"] = "destination"
    country: str = Field(description="Canonical lower-case name ('united states', 'country group d:5').")
    policy: Policy = Field(description="Licensing policy stated for that destination (same vocabulary as end uses).")


class Relation(ProvisionBase):
    """What a notice does to another notice: suspend, resume, amend, revoke, supersede or extend it."""

    # 'from' is a Python keyword: the field is from_ here and "from" in JSON, both ways.
    model_config = ConfigDict(extra="forbid", populate_by_name=True, serialize_by_alias=True)

    kind: Literal["relation"] = "relation"
    relation: RelationType
    target: str | None = Field(default=None, description="The `number` of the notice acted on (mofcom-2025-61); null when unknown.")
    target_text: str = Field(description="The notice as cited.")
    scope: str | None = Field(default=None, description="The part acted on, in the source's words ('Article 2'); null for all of it.")
    from_: str | None = Field(default=None, alias="from", description="YYYY-MM-DD the relation starts, where stated.")
    until: str | None = Field(default=None, description="YYYY-MM-DD the relation ends, where stated.")


Provision = Annotated[
    Union[Threshold, ProductScope, Rationale, EndUseRestriction, EffectiveDate, Licensing, Exemption, Destination, Relation],
    Field(discriminator="kind"),
]


class Document(_Strict):
    """One input file that was read, with its metadata and provisions."""

    id: str = Field(description="sha256 of the raw bytes, hex, first 16 characters.")
    source: str = Field(description="Path as given, joined with the relative path inside a folder.")
    title: str | None = None
    issuer: str | None = None
    published: str | None = Field(default=None, description="YYYY-MM-DD or null.")
    number: str | None = Field(default=None, description="The notice's own designation, normalized (mofcom-2025-61, fr-2023-23055, eu-2021-821).")
    language: str = "en"
    provisions: list[Provision] = Field(default_factory=list)
    # Optional extensions of schema_version 1 (the spec allows optional fields).
    round: str | None = Field(default=None, description="Control round from a 'Round:' metadata line, if any.")
    encoding: str | None = Field(default=None, description="Text encoding detected (null for PDF).")
    format: Literal["text", "markdown", "html", "pdf"] | None = Field(default=None, description="Reader used.")
    origin: str | None = Field(default=None, description="Where the notice came from ('Source:' metadata line).")


class InputError(_Strict):
    """An input that could not be read, with a one-line reason."""

    source: str
    error: str


class ExtractionReport(_Strict):
    """The whole output of `controlbrief extract`."""

    schema_version: Literal[2] = SCHEMA_VERSION
    documents: list[Document] = Field(default_factory=list)
    errors: list[InputError] = Field(default_factory=list)

    def to_json(self) -> str:
        """Serialise deterministically: documents by source, provisions by span then id."""
        docs = sorted(self.documents, key=lambda d: (d.source, d.id))
        return "".join(stream_json(docs, self.errors))


def sort_provisions(doc: Document) -> Document:
    """Put a document's provisions in text order (span, then kind and id): the one order every output uses."""
    doc.provisions.sort(key=lambda p: (p.span[0], p.span[1], p.kind, p.id))
    return doc


def _indented(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line for line in text.split("\n"))


def stream_json(documents, errors: list[InputError]):
    """Yield the report's JSON piece by piece, documents as they come (already in source order).

    The pieces join to exactly what pydantic writes for the whole report with
    indent=2, so `extract` can print documents one at a time and hold none.
    """
    yield '{\n  "schema_version": %d,\n  "documents": [' % SCHEMA_VERSION
    first = True
    for doc in documents:
        yield ("\n" if first else ",\n") + _indented(sort_provisions(doc).model_dump_json(indent=2), 4)
        first = False
    yield "]" if first else "\n  ]"
    errs = sorted(errors, key=lambda e: (e.source, e.error))
    if errs:
        body = ",\n".join(_indented(e.model_dump_json(indent=2), 4) for e in errs)
        yield ',\n  "errors": [\n' + body + "\n  ]\n}\n"
    else:
        yield ',\n  "errors": []\n}\n'


ChangeType = Literal["added", "removed", "changed", "suspended", "reinstated"]
Direction = Literal["tightened", "relaxed", "neutral"]


class Change(_Strict):
    """One difference between the provision sets of two control rounds."""

    kind: Kind
    key: str = Field(description="Identity key (spec: 'Identity across rounds'); 'item:NAME' / 'code:CODE' for scopes.")
    change: ChangeType
    old: Provision | None = None
    new: Provision | None = None
    fields: list[str] = Field(default_factory=list, description="Fields that differ, for 'changed'.")
    direction: Direction = Field(default="neutral", description="Whether the change tightens or relaxes control, where knowable.")
    cause: str | None = Field(default=None, description="The number (else the source) of the notice that brought the change.")
    old_source: str | None = Field(default=None, description="Document the old provision comes from.")
    new_source: str | None = Field(default=None, description="Document the new provision comes from.")


class DiffReport(_Strict):
    """The output of `controlbrief diff` (spec: 'Diff contract')."""

    schema_version: Literal[2] = SCHEMA_VERSION
    old: list[str]
    new: list[str]
    changes: list[Change] = Field(default_factory=list)
    unchanged: int = 0

    def to_json(self) -> str:
        """Serialise deterministically (changes are sorted by kind, then key, when built)."""
        return self.model_dump_json(indent=2) + "\n"


class ReadText(_Strict):
    """What a reader makes of one file's bytes: text, page offsets and raw metadata."""

    text: str = Field(description="Extracted text that every span refers to.")
    format: Literal["text", "markdown", "html", "pdf"]
    encoding: str | None = None
    page_starts: list[int] | None = Field(default=None, description="Offset where each PDF page starts.")
    meta: dict[str, str] = Field(default_factory=dict, description="Title, issuer, date, round, source hints.")
