"""View models of the regime pages: what is in force (inforce.html), the calendar and its iCalendar file.

No spaCy, no file writing: plain data for the templates, built from documents
and a RegimeReport. The .ics is produced with the icalendar package (RFC 5545:
escaping, line folding, stable UIDs) rather than by hand.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time, timezone

from controlbrief.brief.views import KIND_LABELS, anchor, describe, notice_href
from controlbrief.models import Document
from controlbrief.regime import RegimeReport, notice_key

@dataclass
class RegimeRow:
    status: str
    status_label: str
    label: str
    since: str
    until: str
    notice: str
    because: str
    href: str | None


@dataclass
class RegimeTopic:
    name: str
    rows: list[RegimeRow]


@dataclass
class RegimeView:
    on: str
    topics: list[RegimeTopic]
    unresolved: list
    cycles: list[str]


def regime_view(report: RegimeReport, docs_by_source: dict[str, Document] | None = None) -> RegimeView:
    """The regime grouped by topic (the folder above the round), each row linked to its evidence when the site has it."""
    from controlbrief.regime import STATUS_LABELS
    from controlbrief.rounds import topic_of

    topics: dict[str, list[RegimeRow]] = {}
    for e in report.provisions:
        doc = (docs_by_source or {}).get(e.sources[0])
        name = topic_of(doc) if doc is not None else ""
        href = f"{notice_href(doc)}#{anchor(e.provision.id)}" if doc is not None else None
        topics.setdefault(name or "other notices", []).append(RegimeRow(
            status=e.status, status_label=STATUS_LABELS[e.status], label=f"{KIND_LABELS.get(e.provision.kind, e.provision.kind)}: {describe(e.provision)}",
            since=e.since or "", until=e.until or "", notice=e.notice, because=", ".join(e.because), href=href))
    return RegimeView(on=report.on, topics=[RegimeTopic(name=k, rows=v) for k, v in sorted(topics.items())],
                      unresolved=list(report.unresolved), cycles=list(report.cycles))


# Events an analyst puts in a calendar, and how the calendar names them.
CALENDAR_EVENTS = {
    "effective": "takes effect", "compliance": "compliance required", "comment_deadline": "comments due",
    "suspended_from": "suspension starts", "suspended_until": "suspension ends", "expires": "expires",
    "published": "published", "adopted": "adopted",
}


@dataclass
class CalendarRow:
    date: str
    event: str
    notice: str
    title: str
    href: str
    sentence: str


def calendar_rows(docs: list[Document]) -> list[CalendarRow]:
    """Every dated event of every notice, and the end of every suspension a notice orders, by date."""
    rows: dict[tuple, CalendarRow] = {}
    for doc in docs:
        name = notice_key(doc)
        for p in doc.provisions:
            if p.kind == "effective_date" and p.event in CALENDAR_EVENTS:
                row = CalendarRow(p.date, CALENDAR_EVENTS[p.event], name, doc.title or doc.source,
                                  f"{notice_href(doc)}#{anchor(p.id)}", p.text)
            elif p.kind == "relation" and p.until:
                # 'suspends No. 61 until 2026-11-10': the day the suspended rules come back.
                what = {"suspends": "suspension of {} ends", "extends": "extension of {} ends"}.get(p.relation, "{}: " + p.relation + " ends")
                row = CalendarRow(p.until, what.format(p.target or p.target_text), name, doc.title or doc.source,
                                  f"{notice_href(doc)}#{anchor(p.id)}", p.text)
            else:
                continue
            rows.setdefault((row.date, row.event, row.notice), row)
    return sorted(rows.values(), key=lambda r: (r.date, r.notice, r.event))


def ics(rows: list[CalendarRow], site_url: str = "") -> bytes:
    """The calendar as an RFC 5545 file: one all-day event per row, with a UID stable across builds."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//controlbrief//export-control calendar//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Export-control dates (controlbrief)")
    for r in rows:
        event = Event()
        uid = hashlib.sha256(f"{r.date}|{r.event}|{r.notice}".encode()).hexdigest()[:24]
        event.add("uid", f"{uid}@controlbrief")
        # DTSTAMP must be a UTC date-time; the event's own day keeps the file identical from build to build.
        event.add("dtstamp", datetime.combine(date.fromisoformat(r.date), time(0, 0), tzinfo=timezone.utc))
        event.add("dtstart", date.fromisoformat(r.date))
        event.add("summary", f"{r.notice}: {r.event}")
        event.add("description", f"{r.title}\n\n{r.sentence}")
        if site_url:
            event.add("url", site_url.rstrip("/") + "/" + r.href)
        cal.add_component(event)
    return cal.to_ical()
