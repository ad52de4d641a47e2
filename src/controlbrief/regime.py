"""The regime: which provisions are in force on a day, given what notices do to each other.

No spaCy here. Notices add to a regime; only a relation (suspends, revokes,
supersedes, resumes, extends) takes something away or gives it back.
Renderings of one notice (same `number`: translations, the Chinese original)
count once, with the evidence of each. Relations are applied in order of the
acting notice's publication, so a cycle (A suspends B, B revokes A) resolves
the way time did, and is reported.
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel, Field

from controlbrief.errors import ControlbriefError
from controlbrief.identity import identity_keys
from controlbrief.models import SCHEMA_VERSION, Document, Provision, Relation
from controlbrief.rounds import topic_of

# Lifecycle kinds describe notices, not controls: they are shown on the calendar, not in the regime.
LIFECYCLE_KINDS = {"effective_date", "relation"}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8}
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX", 10: "X"}
_CHINESE = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十"}
_CHINESE_ORDINAL = {v: k for k, v in _CHINESE.items()}
_SELF = re.compile(r"(?i)\bthis\s+(announcement|notice|regulation|rule|decision|order)\b|本公告")


class RegimeEntry(BaseModel):
    """One provision's standing on the day asked about."""

    status: str = Field(description="in_force, suspended or pending.")
    since: str | None = Field(description="In force (or pending) since this day.")
    until: str | None = Field(default=None, description="Suspended until this day (exclusive), where known.")
    notice: str = Field(description="The notice's number, else its source.")
    sources: list[str] = Field(description="Every rendering of the notice that states the provision.")
    because: list[str] = Field(default_factory=list, description="Notices that suspend it.")
    provision: Provision


class Unresolved(BaseModel):
    """A relation that could not be applied, and why (shown, never dropped)."""

    notice: str
    relation: str
    target_text: str
    reason: str


class RegimeReport(BaseModel):
    """The output of `controlbrief inforce`."""

    schema_version: int = SCHEMA_VERSION
    on: str
    provisions: list[RegimeEntry] = Field(default_factory=list)
    unresolved: list[Unresolved] = Field(default_factory=list, description="Relations whose target is unknown or whose dates are inconsistent.")
    cycles: list[str] = Field(default_factory=list, description="Notices that act on each other, applied in order of publication.")

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"


@dataclass
class Notice:
    """All renderings of one notice, with the dates that govern it."""

    key: str
    documents: list[Document]
    published: str | None
    effective: str | None
    expires: str | None
    provisions: list[tuple[Provision, list[str]]] = field(default_factory=list)  # each provision once, with its sources

    @property
    def start(self) -> str | None:
        return self.effective or self.published


def parse_day(value: str) -> str:
    """A YYYY-MM-DD day, checked.

    Raises:
        ControlbriefError: not a date.
    """
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ControlbriefError(f"{value!r} is not a date (use YYYY-MM-DD, e.g. 2026-11-29)") from None


def notice_key(doc: Document) -> str:
    return doc.number or doc.source


# Free text in the source's words differs between renderings ('价值比例' / 'value of ...'); closed fields agree.
_FREE_TEXT = {"measure", "unit_text", "party", "description", "scope", "target_text", "applicant"}


def _content(p: Provision) -> tuple:
    data = p.model_dump(exclude={"id", "text", "span", "page", "pattern", *_FREE_TEXT})
    return (p.kind, tuple(identity_keys(p)) if p.kind not in LIFECYCLE_KINDS else (), repr(sorted(data.items())))


def is_notice(doc: Document) -> bool:
    """A notice names its own number or its issuer; a news report or commentary names neither."""
    return bool(doc.number or doc.issuer)


def group_notices(documents: list[Document]) -> dict[str, Notice]:
    """Renderings grouped by number; each provision kept once with every rendering's source."""
    grouped: dict[str, list[Document]] = {}
    for doc in sorted((d for d in documents if is_notice(d)), key=lambda d: d.source):
        grouped.setdefault(notice_key(doc), []).append(doc)
    notices = {}
    for key, docs in grouped.items():
        events = [(p.event, p.date, p.text) for d in docs for p in d.provisions if p.kind == "effective_date"]
        published = min([d.published for d in docs if d.published] or [None], key=lambda x: x or "")
        effective = min((dt for ev, dt, _ in events if ev == "effective"), default=None)
        # Only an expiry said of the notice itself ends it; one said of a clause ends that clause.
        expires = min((dt for ev, dt, text in events if ev == "expires" and _SELF.search(text)), default=None)
        notice = Notice(key=key, documents=docs, published=published, effective=effective, expires=expires)
        if len(docs) == 1:  # one rendering: nothing to merge (the common case, and the costly comparison is skipped)
            notice.provisions = [(p, [docs[0].source]) for p in docs[0].provisions]
            notices[key] = notice
            continue
        seen: dict[tuple, int] = {}
        for doc in docs:
            for p in doc.provisions:
                c = _content(p)
                if c in seen:
                    sources = notice.provisions[seen[c]][1]
                    if doc.source not in sources:
                        sources.append(doc.source)
                    continue
                seen[c] = len(notice.provisions)
                notice.provisions.append((p, [doc.source]))
        notices[key] = notice
    return notices


def _part(scope: str | None) -> int | None:
    """The ordinal a relation's scope names ('Article 2', 'the second clause', 'item (3)')."""
    if not scope:
        return None
    low = scope.lower()
    zh = re.search(r"第([一二三四五六七八九十])[款条條项項]", scope)  # '第二款', the second clause
    if zh:
        return _CHINESE_ORDINAL[zh[1]]
    for word, n in _ORDINALS.items():
        if word in low:
            return n
    m = re.search(r"\b(\d{1,2})\b", low)
    if m:
        return int(m[1])
    m = re.search(r"\b([ivx]{1,4})\b", low)
    if m:
        return {v.lower(): k for k, v in _ROMAN.items()}.get(m[1])
    return None


def in_part(p: Provision, scope: str | None) -> bool:
    """Whether a provision lies in the part a scope names (its sentence opens with that article or item)."""
    n = _part(scope)
    if scope is None:
        return True
    if n is None:
        return False
    text = p.text.lstrip()
    return bool(re.match(rf"(?i)(article\s+{n}\b|\(?{n}[.)、]|{_ROMAN.get(n, '@')}[.)、]|{_CHINESE.get(n, '@')}、|（{_CHINESE.get(n, '@')}）)", text))


@dataclass
class _Standing:
    suspended_until: str | None = None
    suspended: bool = False
    because: list[str] = field(default_factory=list)
    gone: bool = False
    back_since: str | None = None


def _relations(notices: dict[str, Notice], on: str) -> list[tuple[str, Notice, Relation]]:
    acts = []
    for n in notices.values():
        if n.published and n.published > on:
            continue
        for p, _ in n.provisions:
            if p.kind == "relation":
                acts.append((n.published or "", n, p))
    return sorted(acts, key=lambda a: (a[0], a[1].key, a[2].relation, a[2].target or ""))


def _cycles(acts: list[tuple[str, Notice, Relation]]) -> list[str]:
    edges: dict[str, set[str]] = {}
    for _, n, r in acts:
        if r.target and r.relation in {"suspends", "revokes", "supersedes"}:
            edges.setdefault(n.key, set()).add(r.target)
    found = []
    for a, targets in sorted(edges.items()):
        for b in sorted(targets):
            if a < b and a in edges.get(b, set()):
                found.append(f"{a} and {b} act on each other; applied in order of publication")
    return found


def _entry(*, status: str, since: str | None, notice: str, sources: list[str], provision: Provision,
           until: str | None = None, because: list[str] | None = None) -> RegimeEntry:
    # The provision is a validated model already; validating it again per entry was half the run.
    return RegimeEntry.model_construct(status=status, since=since, until=until, notice=notice, sources=list(sources),
                                       because=list(because or []), provision=provision)


def build_regime(documents: list[Document], on: str, topic: str | None = None) -> RegimeReport:
    """What is in force on day `on` (YYYY-MM-DD) among these documents, optionally one topic's."""
    # Tens of thousands of small objects and no reference cycles: the cyclic collector only
    # rescans them (it was a third of the run); it is paused for the build and restored after.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build_regime(documents, on, topic)
    finally:
        if enabled:
            gc.enable()


def _build_regime(documents: list[Document], on: str, topic: str | None) -> RegimeReport:
    on = parse_day(on)
    notices = group_notices(documents)
    report = RegimeReport(on=on)
    acts = _relations(notices, on)
    report.cycles = _cycles(acts)
    # (notice, provision index) -> standing; a relation without scope acts on every provision.
    standing: dict[tuple[str, int], _Standing] = {}
    for _, actor, r in acts:
        actor_state = standing.get((actor.key, -1))
        if actor_state is not None and actor_state.gone:
            continue  # the acting notice was itself revoked before it could act
        target = notices.get(r.target) if r.target else None
        if target is None:
            report.unresolved.append(Unresolved(notice=actor.key, relation=r.relation, target_text=r.target_text,
                                                reason="target not named" if not r.target else f"{r.target} is not among the notices read"))
            continue
        begin = r.from_ or actor.start
        if r.until and begin and r.until < begin:
            report.unresolved.append(Unresolved(notice=actor.key, relation=r.relation, target_text=r.target_text,
                                                reason=f"until {r.until} precedes from {begin}"))
            continue
        if begin and begin > on and r.relation != "extends":
            continue  # not yet acting
        parts = [i for i, (p, _) in enumerate(target.provisions) if in_part(p, r.scope)]
        keys = [(target.key, i) for i in parts] + ([(target.key, -1)] if r.scope is None else [])
        for k in keys:
            st = standing.setdefault(k, _Standing())
            if r.relation == "suspends":
                if r.until is None or on < r.until:
                    st.suspended, st.suspended_until = True, r.until
                    st.because = sorted(set(st.because) | {actor.key})
                elif r.until:
                    st.back_since = max(st.back_since or "", r.until)
            elif r.relation == "resumes":
                if st.suspended:
                    st.back_since = begin
                st.suspended, st.suspended_until, st.because = False, None, []
            elif r.relation in {"revokes", "supersedes"}:
                st.gone = True
            elif r.relation == "extends" and r.until and (st.suspended or st.back_since):
                # An extension moves the end of a suspension, also one whose first end has passed by the day
                # asked for ('suspended until 2 March', then 'extended for a further 60 days from 2 March').
                st.suspended_until = r.until
                if on < r.until:
                    st.suspended, st.back_since = True, None
                    st.because = sorted(set(st.because) | {actor.key})
                else:
                    st.suspended, st.back_since = False, max(st.back_since or "", r.until)
    for n in sorted(notices.values(), key=lambda n: n.key):
        if n.published and n.published > on:
            continue
        if n.expires and n.expires <= on:
            continue
        whole = standing.get((n.key, -1), _Standing())
        if whole.gone:
            continue
        for i, (p, sources) in enumerate(n.provisions):
            if p.kind in LIFECYCLE_KINDS:
                continue
            st = standing.get((n.key, i), whole)
            if st.gone:
                continue
            since = max((x for x in (n.start, st.back_since, whole.back_since) if x), default=None)
            if n.start and n.start > on:
                entry = _entry(status="pending", since=n.start, notice=n.key, sources=sources, provision=p)
            elif st.suspended or whole.suspended:
                s = st if st.suspended else whole
                entry = _entry(status="suspended", since=n.start, until=s.suspended_until, notice=n.key, sources=sources,
                               because=s.because, provision=p)
            else:
                entry = _entry(status="in_force", since=since, notice=n.key, sources=sources, provision=p)
            if topic is None or any(topic_of(d) == topic for d in n.documents if d.source in sources):
                report.provisions.append(entry)
    report.provisions.sort(key=lambda e: (e.notice, e.provision.kind, e.provision.span[0], e.provision.id))
    # A report that names a rule four times ('the suspension of the Affiliates Rule') says one thing once.
    once = {(u.notice, u.relation, u.target_text, u.reason): u for u in report.unresolved}
    report.unresolved = sorted(once.values(), key=lambda u: (u.notice, u.relation, u.target_text))
    return report


STATUS_LABELS = {"in_force": "in force", "suspended": "suspended", "pending": "pending"}


def markdown(report: RegimeReport, describe) -> str:
    """The regime as a Markdown table, one row per provision, for people."""
    lines = [f"# In force on {report.on}", "", "| status | provision | since | until | notice | because |", "|---|---|---|---|---|---|"]
    for e in report.provisions:
        cells = [STATUS_LABELS[e.status], f"{e.provision.kind}: {describe(e.provision)}", e.since or "", e.until or "", e.notice,
                 ", ".join(e.because)]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    for u in report.unresolved:
        lines.append(f"\n- {u.notice} {u.relation} \"{u.target_text}\": not applied ({u.reason})")
    for c in report.cycles:
        lines.append(f"\n- cycle: {c}")
    return "\n".join(lines) + "\n"
