"""The client alert: a notice told the way analysts already read notices, built only from its provisions.

What it controls, from when, for whom, what to do, why, and what it does to
other notices; every statement is a Claim linked to its evidence. The words
around the claims are in templates (alert.html for the site, alert.txt for the
feed); this module only chooses and orders the claims, so nothing is said that
no provision says.

Also here: the provisions of a notice grouped by the sentence they come from
(a sentence appears once, with everything it says), and the few sentences that
say what changed between two rounds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from controlbrief.brief.views import EVENTS, KIND_LABELS, Claim, anchor, authority_name, describe
from controlbrief.models import DiffReport, Document

# Dates an analyst acts on, in the order the alert states them.
_WHEN = ("effective", "compliance", "suspended_from", "suspended_until", "expires", "comment_deadline", "adopted", "published")


@dataclass
class Duty:
    """Who must apply to whom: one licensing provision's parties, each linked to the same evidence."""

    applicant: str | None
    authority: Claim | None
    documents: list[str]
    review_days: int | None
    href: str


@dataclass
class Alert:
    items: list[Claim]
    technology: bool
    thresholds: list[Claim]
    dates: list[Claim]
    end_uses: list[Claim]
    destinations: list[Claim]
    duties: list[Duty]
    exemptions: list[Claim]
    reasons: list[Claim]
    relations: list[Claim]
    headline: str = ""

    @property
    def empty(self) -> bool:
        return not any((self.items, self.thresholds, self.dates, self.end_uses, self.destinations, self.duties,
                        self.exemptions, self.reasons, self.relations))


def _claim(p, label: str | None = None, prefix: str = "#") -> Claim:
    return Claim(label=label or describe(p), href=f"{prefix}{anchor(p.id)}", page=p.page, sentence=p.text)


def _unique(claims: list[Claim]) -> list[Claim]:
    seen: dict[str, Claim] = {}
    for c in claims:
        seen.setdefault(c.label, c)
    return list(seen.values())


def alert(doc: Document, prefix: str = "#") -> Alert:
    """The alert of one notice; `prefix` starts every evidence link ('#' on its own page)."""
    of = lambda kind: [p for p in doc.provisions if p.kind == kind]  # noqa: E731
    items: dict[str, Claim] = {}
    for p in of("product_scope"):
        for name in p.items + p.codes:
            items.setdefault(name, _claim(p, name, prefix))
    dated = sorted(of("effective_date"), key=lambda p: (_WHEN.index(p.event) if p.event in _WHEN else len(_WHEN), p.date))
    duties = []
    for p in of("licensing"):
        duty = Duty(applicant=p.applicant, authority=_claim(p, authority_name(p.authority), prefix) if p.authority else None,
                    documents=list(p.documents), review_days=p.review_days, href=f"{prefix}{anchor(p.id)}")
        if all((d.applicant, d.authority and d.authority.label, d.documents, d.review_days) !=
               (duty.applicant, duty.authority and duty.authority.label, duty.documents, duty.review_days) for d in duties):
            duties.append(duty)
    out = Alert(
        items=list(items.values()), technology=any(p.technology for p in of("product_scope")),
        thresholds=_unique([_claim(p, prefix=prefix) for p in of("threshold")]),
        dates=_unique([_claim(p, f"{EVENTS[p.event]} {p.date}", prefix) for p in dated]),
        end_uses=_unique([_claim(p, prefix=prefix) for p in of("end_use_restriction")]),
        destinations=_unique([_claim(p, prefix=prefix) for p in of("destination")]),
        duties=duties,
        exemptions=_unique([_claim(p, prefix=prefix) for p in of("exemption")]),
        reasons=_unique([_claim(p, prefix=prefix) for p in of("rationale")]),
        relations=_unique([_claim(p, prefix=prefix) for p in of("relation")]),
    )
    out.headline = headline(out)
    return out


_HEADLINE_ITEMS = 4


def headline(a: Alert) -> str:
    """One line for a feed entry or an index row: what, from when, the strictest policy, the authority."""
    parts = []
    if a.items:
        names = [c.label for c in a.items[:_HEADLINE_ITEMS]]
        more = len(a.items) - len(names)
        parts.append("controls " + ", ".join(names) + (f" and {more} more" if more else ""))
    effective = next((c.label for c in a.dates if c.label.startswith(EVENTS["effective"])), None)
    if effective:
        parts.append(effective)
    if a.relations:
        parts.append(a.relations[0].label)
    if a.end_uses:
        parts.append(a.end_uses[0].label)
    authority = next((d.authority.label for d in a.duties if d.authority), None)
    if authority:
        parts.append(f"licence from {authority}")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] if text else ""


@dataclass
class SentenceClaims:
    """One source sentence, once, with every provision it gave."""

    sentence: str
    page: int | None
    claims: list[tuple[str, Claim]] = field(default_factory=list)  # (kind label, claim)


def by_sentence(doc: Document) -> list[SentenceClaims]:
    """The provisions grouped by their sentence, in text order (provisions are sorted by span)."""
    out: dict[tuple[str, int | None], SentenceClaims] = {}
    for p in doc.provisions:
        group = out.setdefault((p.text, p.page), SentenceClaims(sentence=p.text, page=p.page))
        claim = _claim(p)
        if all(c.label != claim.label or k != KIND_LABELS[p.kind] for k, c in group.claims):
            group.claims.append((KIND_LABELS[p.kind], claim))
    return list(out.values())


@dataclass
class RoundSummary:
    """What changed between two rounds, in a few sentences' worth of linked claims."""

    added: list[Claim]  # newly controlled items and codes
    rules: list[Claim]  # new limits, end-use and destination rules, licensing, exemptions
    removed: list[Claim]
    tightened: list[Claim]
    relaxed: list[Claim]
    suspended: list[Claim]
    reinstated: list[Claim]

    @property
    def empty(self) -> bool:
        return not any((self.added, self.rules, self.removed, self.tightened, self.relaxed, self.suspended, self.reinstated))


_ROUND_CLAIMS = 8


def round_summary(report: DiffReport, hrefs: dict[str, str], root: str = "") -> RoundSummary:
    """The changes of a round as claims linked to the sentence that brought each (or, for removals, the old one)."""
    def claim(c) -> Claim:
        p, source = (c.new, c.new_source) if c.new is not None else (c.old, c.old_source)
        href = f"{root}{hrefs[source]}#{anchor(p.id)}" if source in hrefs else ""
        # A scope change is about one item or code (key 'item:holmium'), not the whole sentence's list.
        label = c.key.split(":", 1)[1] if c.kind == "product_scope" and ":" in c.key else describe(p)
        return Claim(label=label, href=href, page=p.page, sentence=p.text)

    def pick(test) -> list[Claim]:
        return _unique([claim(c) for c in report.changes if test(c)])[:_ROUND_CLAIMS]

    return RoundSummary(
        added=pick(lambda c: c.change == "added" and c.kind == "product_scope"),
        rules=pick(lambda c: c.change == "added" and c.kind in ("threshold", "end_use_restriction", "destination", "licensing",
                                                                "exemption")),
        removed=pick(lambda c: c.change == "removed"),
        tightened=pick(lambda c: c.change == "changed" and c.direction == "tightened"),
        relaxed=pick(lambda c: c.change == "changed" and c.direction == "relaxed"),
        suspended=pick(lambda c: c.change == "suspended"),
        reinstated=pick(lambda c: c.change == "reinstated"),
    )
