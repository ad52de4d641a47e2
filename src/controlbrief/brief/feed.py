"""site/feed.xml: an Atom feed with one entry per notice, for feed readers and chat or mail bridges.

Written with feedgen (a maintained Atom/RSS writer: escaping, dates and the
required elements are its job, not ours). An entry's id names the notice and
the bytes of each of its renderings, so a notice whose text changes comes back
as a new entry; nothing depends on the clock, so the same notices give the
same feed whether the site is built from files or from the store.
"""

from __future__ import annotations

from datetime import datetime, timezone

from feedgen.feed import FeedGenerator

from controlbrief.models import Document

# A notice without a publication date still needs an Atom 'updated'; the feed's newest date stands in.
_EPOCH = "1970-01-01"


def _when(day: str) -> datetime:
    return datetime.fromisoformat(day[:10]).replace(tzinfo=timezone.utc)


def atom(notices: list[tuple[Document, list[Document], str, str]]) -> bytes:
    """The feed of (primary rendering, all renderings, link to its page, summary text) per notice, newest first."""
    # Dated by publication: the dates a notice states (expiries, suspensions) can lie in the future.
    dated = [(doc.published, doc, renderings, href, summary) for doc, renderings, href, summary in notices]
    newest = max((d for d, *_ in dated if d), default=_EPOCH)
    fg = FeedGenerator()
    fg.id("urn:controlbrief:notices")
    fg.title("controlbrief: export-control notices")
    fg.subtitle("One entry per notice; a notice whose text changes comes back as a new entry.")
    fg.link(href="index.html", rel="alternate")
    fg.link(href="feed.xml", rel="self")
    fg.updated(_when(newest))
    fg.generator("controlbrief")
    # feedgen puts the entry added last first; add the oldest first so the newest leads.
    for day, doc, renderings, href, summary in sorted(dated, key=lambda x: (x[0] or newest, x[1].source)):
        entry = fg.add_entry()
        versions = "-".join(sorted(r.id for r in renderings))
        entry.id(f"urn:controlbrief:notice:{doc.number or doc.id}:{versions}")
        entry.title(doc.title or doc.source)
        entry.link(href=href, rel="alternate")
        entry.updated(_when(day or newest))
        if doc.published:
            entry.published(_when(doc.published))
        entry.summary(summary or "No provisions were found in this notice.")
        if doc.issuer:
            entry.author(name=doc.issuer)
        for kind in sorted({p.kind for p in doc.provisions}):
            entry.category(term=kind)
    return fg.atom_str(pretty=True)
