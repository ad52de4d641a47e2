"""Diff views: a DiffReport as rows people read, as Markdown, and as HTML pages of the site.

No comparison here (diff.py does it): this module only presents changes, with
the evidence sentence of each side and links to it where the site has it.
"""

from __future__ import annotations

from dataclasses import dataclass

from controlbrief.brief.views import KIND_LABELS, anchor, describe
from controlbrief.models import DiffReport


@dataclass
class Side:
    label: str
    sentence: str
    source: str
    href: str | None


@dataclass
class ChangeRow:
    kind: str
    kind_label: str
    key: str
    change: str
    direction: str
    fields: str
    cause: str
    old: Side | None
    new: Side | None


def _side(p, source: str | None, hrefs: dict[str, str] | None, root: str) -> Side | None:
    if p is None:
        return None
    href = None
    if hrefs is not None and source in hrefs:
        href = f"{root}{hrefs[source]}#{anchor(p.id)}"
    return Side(label=describe(p), sentence=p.text, source=source or "", href=href)


def rows(report: DiffReport, hrefs: dict[str, str] | None = None, root: str = "") -> list[ChangeRow]:
    """One row per change; hrefs maps a document source to its briefing page in the site."""
    return [ChangeRow(kind=c.kind, kind_label=KIND_LABELS[c.kind], key=c.key, change=c.change, direction=c.direction,
                      fields=", ".join(c.fields), cause=c.cause or "", old=_side(c.old, c.old_source, hrefs, root),
                      new=_side(c.new, c.new_source, hrefs, root)) for c in report.changes]


def counts(report: DiffReport) -> dict[str, int]:
    out = {"added": 0, "removed": 0, "changed": 0, "suspended": 0, "reinstated": 0, "tightened": 0, "relaxed": 0}
    for c in report.changes:
        out[c.change] += 1
        if c.direction != "neutral":
            out[c.direction] += 1
    return out


def _md_cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def markdown(report: DiffReport, title: str) -> str:
    """The diff as a Markdown document: counts, then one table row per change with evidence."""
    c = counts(report)
    lines = [f"# {title}", "",
             f"Old: {', '.join(report.old) or '(none)'}  ",
             f"New: {', '.join(report.new) or '(none)'}", "",
             f"{c['added']} added, {c['removed']} removed, {c['changed']} changed, {c['suspended']} suspended, "
             f"{c['reinstated']} reinstated ({c['tightened']} tightened, {c['relaxed']} relaxed); {report.unchanged} unchanged.", "",
             "| kind | key | change | direction | cause | old | new |", "|---|---|---|---|---|---|---|"]
    for r in rows(report):
        old = f"{r.old.label} — “{r.old.sentence}” ({r.old.source})" if r.old else ""
        new = f"{r.new.label} — “{r.new.sentence}” ({r.new.source})" if r.new else ""
        change = r.change + (f" ({r.fields})" if r.fields else "")
        lines.append("| " + " | ".join(_md_cell(x) for x in (r.kind_label, r.key, change, r.direction, r.cause, old, new)) + " |")
    return "\n".join(lines) + "\n"


def diff_href(topic: str, old: str, new: str) -> str:
    safe = lambda s: "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in s) or "all"  # noqa: E731
    return f"diffs/{safe(topic)}--{safe(old)}--{safe(new)}.html"


@dataclass
class RoundPair:
    topic: str
    old: str
    new: str
    href: str
    counts: dict[str, int]


@dataclass
class TopicRounds:
    topic: str
    rounds: list[tuple[str, list[dict[str, str]]]]
    pairs: list[RoundPair]


