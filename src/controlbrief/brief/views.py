"""View models for the briefing site: everything templates show, computed here.

No HTML here and no escaping: templates autoescape every value. Templates get
ready-made strings, lists and links, so they hold no logic beyond loops.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from controlbrief.models import Document, ReadText

KIND_LABELS = {
    "product_scope": "What is controlled", "threshold": "Thresholds", "end_use_restriction": "End uses",
    "destination": "Destinations", "rationale": "Why", "effective_date": "Dates", "licensing": "Licensing",
    "exemption": "Exemptions", "relation": "Effect on other notices",
}
KIND_ORDER = list(KIND_LABELS)
# What the index counts, in words (one, many): no abbreviation to decode ('EU' would read as the European Union).
COUNT_NOUNS = {
    "product_scope": ("item or code", "items and codes"), "threshold": ("limit", "limits"),
    "end_use_restriction": ("end-use rule", "end-use rules"), "destination": ("destination", "destinations"),
    "rationale": ("stated ground", "stated grounds"), "effective_date": ("date", "dates"),
    "licensing": ("licensing rule", "licensing rules"), "exemption": ("exemption", "exemptions"),
    "relation": ("effect on another notice", "effects on other notices"),
}
COMPARATORS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}
UNITS = {
    "percent": "%", "nm": " nm", "layers": " layers", "usd": " USD", "cny": " CNY", "eur": " EUR", "kg": " kg",
    "tonnes": " t", "tpp": " TPP", "gbps": " Gbps", "gb_s": " GB/s", "w": " W", "mpa": " MPa", "g_cm3": " g/cm³",
    "per_cm2": " /cm²", "days": " days", "um": " μm", "mm": " mm", "ghz": " GHz", "n": " N", "m_s": " m/s",
    "hardness": "", "wh_kg": " Wh/kg", "mah_g": " mAh/g", "celsius": " °C", "other": "",
}
CATEGORIES = {
    "national_security": "national security", "national_interests": "national interests",
    "non_proliferation": "non-proliferation", "international_obligations": "international obligations",
    "foreign_policy": "foreign policy", "supply_security": "supply-chain security", "countermeasure": "countermeasure",
    "human_rights": "human rights", "other": "other",
}
END_USES = {
    "military": "military end use or user", "wmd": "weapons of mass destruction", "advanced_semiconductors": "advanced semiconductors",
    "ai_military": "AI with military potential", "surveillance": "surveillance", "terrorism": "terrorism",
    "listed_entities": "listed entities", "other": "other end use",
}
POLICIES = {"deny": "denied", "case_by_case": "case by case", "license_required": "licence required",
            "prohibited": "prohibited", "other": "special review"}
EVENTS = {"effective": "in effect from", "published": "published", "adopted": "adopted", "expires": "expires",
          "suspended_until": "suspended until", "suspended_from": "suspended from", "compliance": "compliance required from",
          "comment_deadline": "comments due by"}
EXEMPTIONS = {"humanitarian": "humanitarian", "de_minimis": "de minimis", "general_licence": "general licence",
              "carve_out": "carve-out", "grandfathered": "existing contracts", "other": "other"}


@lru_cache(maxsize=1)
def _issuer_names() -> dict[str, str]:
    """Lower-case forms of the issuers lexicon -> its display name ('ministry of commerce' -> 'Ministry of Commerce (MOFCOM)')."""
    from controlbrief.patterns import load_pattern_set

    return {form: entry.id for entry in load_pattern_set().lexicons["issuers"].entries for form in entry.forms}


def authority_name(value: str) -> str:
    """A licensing authority as briefings name it: the issuer's display name when it is one, else as extracted."""
    return _issuer_names().get(value.lower(), value)


def _num(value: float | int) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def describe(p) -> str:
    """One line an analyst reads for a provision."""
    k = p.kind
    if k == "threshold":
        # A scale ('HRB') or an unlisted unit ('m3') is shown as written; converted values use the code's unit.
        unit = UNITS.get(p.unit, "") or (f" {p.unit_text}" if p.unit_text else "")
        return f"{COMPARATORS[p.comparator]} {_num(p.value)}{unit} ({p.measure})"
    if k == "product_scope":
        parts = p.items + p.codes
        return ", ".join(parts) + (" (technology)" if p.technology else "")
    if k == "rationale":
        return CATEGORIES[p.category]
    if k == "end_use_restriction":
        return f"{END_USES[p.end_use]}: {POLICIES[p.policy]}" + (f" ({p.party})" if p.party else "")
    if k == "effective_date":
        return f"{EVENTS[p.event]} {p.date}"
    if k == "licensing":
        bits = [f"licence from {authority_name(p.authority)}" if p.authority else "licence required"]
        if p.applicant:
            bits.append(f"applicant: {p.applicant}")
        if p.documents:
            bits.append("with " + ", ".join(p.documents))
        if p.review_days is not None:
            bits.append(f"decision within {p.review_days} days")
        return "; ".join(bits)
    if k == "exemption":
        return f"{EXEMPTIONS[p.exemption_type]}: {p.scope}"
    if k == "destination":
        return f"{p.country}: {POLICIES[p.policy]}"
    if k == "relation":
        what = (f"{p.scope} of " if p.scope else "") + (p.target or f"“{p.target_text}” (not identified)")
        dates = (f" from {p.from_}" if p.from_ else "") + (f" until {p.until}" if p.until else "")
        return f"{p.relation} {what}{dates}"
    return k


@dataclass
class Claim:
    """A statement in a briefing, linked to its evidence."""

    label: str
    href: str
    page: int | None = None
    sentence: str = ""


@dataclass
class Segment:
    """A run of the notice text with the provisions whose evidence covers it."""

    text: str
    pids: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)
    page: int | None = None


@dataclass
class ItemRow:
    """One controlled item of a notice, with only the limits and exclusions that are its own."""

    codes: str
    description: str
    customs: str
    thresholds: list[Claim]
    exclusions: list[Claim]
    href: str


@dataclass
class NoticePage:
    doc: Document
    href: str
    title: str
    segments: list[Segment]
    facts: list[tuple[str, str]]
    items: list[ItemRow] = field(default_factory=list)
    affected_by: list[Claim] = field(default_factory=list)  # what other notices did to this one
    renderings: list["Rendering"] = field(default_factory=list)  # the original and its translations, side by side
    alert: object = None  # brief.alert.Alert (set by build_site): what it controls, from when, for whom, what to do
    sentences: list = field(default_factory=list)  # brief.alert.SentenceClaims (set by build_site), in text order


@dataclass
class Rendering:
    """One text of a notice (the Chinese original, a translation) with its own evidence marked."""

    label: str
    source: str
    lang: str
    segments: list[Segment]


@dataclass
class NoticeRow:
    href: str
    title: str
    issuer: str
    published: str
    round: str
    source: str
    contents: list[str]  # '9 items and codes', '3 limits': what the notice holds, in words
    headline: str  # the client alert's one line
    items: str
    kinds: str


def anchor(pid: str) -> str:
    return f"ev-{pid}"


def notice_href(doc: Document) -> str:
    return f"notices/{doc.id}.html"


def segments(read: ReadText, doc: Document) -> list[Segment]:
    """Cut the text at every evidence boundary and page start, so spans can be marked and anchored.

    One sweep over the cuts with the set of spans open at each (linear in spans
    plus segments; a notice with 100,000 provisions must not take minutes).
    """
    text = read.text
    page_at = {start: i + 1 for i, start in enumerate(read.page_starts or []) if read.page_starts and len(read.page_starts) > 1}
    spans = [(p.span[0], p.span[1], p.id, p.kind) for p in doc.provisions if 0 <= p.span[0] < p.span[1] <= len(text)]
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for i, (start, end, _, _) in enumerate(spans):
        starts.setdefault(start, []).append(i)
        ends.setdefault(end, []).append(i)
    ordered = sorted({0, len(text), *page_at, *starts, *ends})
    open_spans: dict[int, None] = {}
    out: list[Segment] = []
    for a, b in zip(ordered, ordered[1:]):
        for i in ends.get(a, ()):
            open_spans.pop(i, None)
        opening = starts.get(a, ())
        for i in opening:
            open_spans[i] = None
        covering = [spans[i] for i in open_spans]
        out.append(Segment(
            text=text[a:b], pids=sorted({s[2] for s in covering}), kinds=sorted({s[3] for s in covering}),
            anchors=sorted({anchor(spans[i][2]) for i in opening}), page=page_at.get(a),
        ))
    return out


def _scheme(code: str) -> str:
    return "customs" if code.replace(".", "").isdigit() else "control"


class OwnThresholds:
    """For one notice: the thresholds that qualify an item or code, or the whole notice.

    Built once per notice: the items page asks for every item and code of every
    notice, and a scan of all provisions per question was quadratic (2 s of a
    200-notice site).
    """

    def __init__(self, doc: Document) -> None:
        # name -> the codes of every scope that names it (an item's limits are stated against its codes)
        self.scoped: dict[str, set[str]] = defaultdict(set)
        for p in doc.provisions:
            if p.kind == "product_scope":
                for name in p.items + p.codes:
                    self.scoped[name].update(p.codes)
        self.thresholds = [(p, set(p.applies_to)) for p in doc.provisions if p.kind == "threshold"]

    def __call__(self, names: set[str]) -> list:
        keys = set(names)
        for name in names:
            keys |= self.scoped.get(name, set())
        return [p for p, applies in self.thresholds if not applies or keys & applies]


def item_rows(doc: Document) -> list[ItemRow]:
    """The notice's item table: each scope with codes, its description, customs codes, own limits and exclusions."""
    rows = []
    for p in doc.provisions:
        if p.kind != "product_scope" or not p.codes:
            continue
        control = [c for c in p.codes if _scheme(c) == "control"]
        customs = [c for c in p.codes if _scheme(c) == "customs"]
        keys = set(control or customs)
        limits = [t for t in doc.provisions if t.kind == "threshold" and keys & set(t.applies_to)]
        exclusions = [e for e in doc.provisions if e.kind == "exemption" and any(c in e.text for c in keys)]
        rows.append(ItemRow(
            codes=", ".join(control), description=p.description or ", ".join(p.items), customs=", ".join(customs),
            thresholds=[Claim(label=describe(t), href=f"#{anchor(t.id)}", page=t.page, sentence=t.text) for t in limits],
            exclusions=[Claim(label=e.scope, href=f"#{anchor(e.id)}", page=e.page, sentence=e.text) for e in exclusions],
            href=f"#{anchor(p.id)}"))
    return rows


def notice_page(doc: Document, read: ReadText) -> NoticePage:
    """The briefing of one notice: the client alert, provisions sentence by sentence, the evidenced text."""
    facts = [(name, value) for name, value in (
        ("Issuer", doc.issuer), ("Published", doc.published), ("Round", doc.round), ("Source", doc.source),
        ("Format", doc.format), ("Encoding", doc.encoding), ("Origin", doc.origin),
    ) if value]
    return NoticePage(doc=doc, href=notice_href(doc), title=doc.title or doc.source,
                      segments=segments(read, doc), facts=facts, items=item_rows(doc))


LANGUAGE_NAMES = {"zh": "Chinese (original)", "en": "English"}


def renderings(group: list) -> list[Rendering]:
    """Every text of one notice, the original first, each with its own provisions marked."""
    return [Rendering(label=LANGUAGE_NAMES.get(e.document.language, e.document.language), source=e.document.source,
                      lang="zh" if e.document.language == "zh" else "en", segments=segments(e.read, e.document)) for e in group]


def notice_row(doc: Document, headline: str = "") -> NoticeRow:
    """One row of the index; `headline` is the notice's client-alert line."""
    items = sorted({i for p in doc.provisions if p.kind == "product_scope" for i in p.items + p.codes})
    contents = []
    for kind in KIND_ORDER:
        n = len(items) if kind == "product_scope" else sum(1 for p in doc.provisions if p.kind == kind)
        if n:
            one, many = COUNT_NOUNS[kind]
            contents.append(f"{n} {one if n == 1 else many}")
    kinds = sorted({p.kind for p in doc.provisions})
    return NoticeRow(href=notice_href(doc), title=doc.title or doc.source, issuer=doc.issuer or "", published=doc.published or "",
                     round=doc.round or "", source=doc.source, contents=contents, headline=headline,
                     items="|".join(items), kinds=" ".join(kinds))


@dataclass
class ItemEntry:
    item: str
    notices: list[dict[str, object]]


def item_entries(docs: list[Document]) -> list[ItemEntry]:
    """For each controlled item or code: the notices that control it, with thresholds and dates."""
    by_item: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        for name in dict.fromkeys(i for p in doc.provisions if p.kind == "product_scope" for i in p.items + p.codes):
            by_item[name].append(doc)
    out = []
    own = {id(doc): OwnThresholds(doc) for doc in docs}
    dates = {id(doc): list(dict.fromkeys(describe(p) for p in doc.provisions if p.kind == "effective_date")) for doc in docs}
    described: dict[int, str] = {}
    for name in sorted(by_item):
        rows = []
        for doc in sorted(by_item[name], key=lambda d: (d.published or "", d.source)):
            limits = own[id(doc)]({name})
            for p in limits:
                if id(p) not in described:
                    described[id(p)] = describe(p)
            rows.append({
                "href": notice_href(doc), "title": doc.title or doc.source, "published": doc.published or "",
                # Only the limits that qualify this item or code (or the whole notice), never its neighbours'.
                "thresholds": list(dict.fromkeys(described[id(p)] for p in limits)),
                "dates": list(dates[id(doc)]),
            })
        out.append(ItemEntry(item=name, notices=rows))
    return out


@dataclass
class TimelineRow:
    date: str
    event: str
    href: str
    title: str


def timeline(docs: list[Document]) -> list[TimelineRow]:
    """Every dated event of every notice, in date order."""
    rows: set[tuple[str, str, str, str]] = set()
    for doc in docs:
        title = doc.title or doc.source
        dated = {(p.date, p.event) for p in doc.provisions if p.kind == "effective_date"}
        if doc.published and not any(e == "published" for _, e in dated):
            dated.add((doc.published, "published"))
        for date, event in dated:
            rows.add((date, EVENTS[event], f"{notice_href(doc)}", title))
    return [TimelineRow(*r) for r in sorted(rows)]


def relations_by_target(docs: list[Document]) -> dict[str, list[Claim]]:
    """For each notice number, what other notices do to it ('suspended by mofcom-2025-70 until 2026-11-10'), linked."""
    out: dict[str, list[Claim]] = {}
    for doc in docs:
        actor = doc.number or doc.title or doc.source
        for p in doc.provisions:
            if p.kind != "relation" or not p.target:
                continue
            verb = {"suspends": "suspended", "resumes": "resumed", "amends": "amended", "revokes": "revoked",
                    "supersedes": "superseded", "extends": "extended"}[p.relation]
            part = f"{p.scope} " if p.scope else ""
            dates = (f" from {p.from_}" if p.from_ else "") + (f" until {p.until}" if p.until else "")
            label = f"{part}{verb} by {actor}{dates}"
            claims = out.setdefault(p.target, [])
            if all(c.label != label for c in claims):  # renderings of the acting notice say it once
                claims.append(Claim(label=label, href=f"../{notice_href(doc)}#{anchor(p.id)}", page=p.page, sentence=p.text))
    return out
