"""Write the briefing site: index, one page per notice, items, timeline, rounds and diffs, errors, JSON.

jinja2 with autoescape and StrictUndefined renders view models from views.py;
every page is written to a temporary file and renamed into place, so a reader
never sees half a page. Static assets ship with the templates.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from controlbrief.brief import alert, diffs, feed, regime_pages, search, views
from controlbrief.diff import regime_changes
from controlbrief.errors import ControlbriefError
from controlbrief.models import ExtractionReport, InputError, sort_provisions
from controlbrief.paths import templates_dir
from controlbrief.pipeline import Extracted
from controlbrief.regime import build_regime, notice_key
from controlbrief.rounds import by_topic


def environment(folder: Path | None = None) -> Environment:
    """The jinja2 environment: autoescape everywhere, undefined names are errors."""
    return Environment(
        loader=FileSystemLoader(str(folder or templates_dir())),
        # Everything is escaped but plain-text templates (feed summaries: feedgen escapes the XML itself).
        autoescape=select_autoescape(disabled_extensions=("txt",), default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside path, flush it to disk, then rename over path.

    A file that already holds exactly these bytes is left alone, so watchers of
    the site see only pages that really changed.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_file() and path.stat().st_size == len(payload) and path.read_bytes() == payload:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes files 0600; a page must be readable by a web server or a colleague, as the umask allows.
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build_site(extracted: list[Extracted], errors: list[InputError], out: Path, today: str | None = None,
               warn: Callable[[str], None] | None = None) -> list[Path]:
    """Render every page of the site into out; return the paths written (`today` fixes the day of inforce.html).

    A search index that cannot be built is a warning (the rest of the site is whole), told to `warn`.
    """
    env = environment()
    for e in extracted:
        # Provisions in text order, as in provisions.json, whether read now or from the store (which keeps no order).
        sort_provisions(e.document)
    docs = sorted((e.document for e in extracted), key=lambda d: (d.published or "", d.source), reverse=True)
    written: list[Path] = []

    def page(name: str, template: str, **context) -> None:
        target = out / name
        root = "../" * name.count("/")
        write_atomic(target, env.get_template(template).render(root=root, **context))
        written.append(target)

    groups = _notice_groups(extracted)
    # One client alert per notice (its original's), for its index row, its page and its feed entry.
    alerts = {id(g[0].document): alert.alert(g[0].document) for g in groups}
    rows = [views.notice_row(d, alerts[id(d)].headline) for d in docs if id(d) in alerts]
    issuers = sorted({r.issuer for r in rows if r.issuer})
    kinds = [(k, views.KIND_LABELS[k]) for k in views.KIND_ORDER]
    page("index.html", "index.html", title="Notices", rows=rows, issuers=issuers, kinds=kinds, errors=len(errors))
    acts = views.relations_by_target(docs)
    entries = []
    for group in groups:
        # One page per notice, written at the address of each rendering, so every link lands on it.
        first = group[0]
        view = views.notice_page(first.document, first.read)
        view.affected_by = acts.get(first.document.number or "", [])
        view.renderings = views.renderings(group)
        view.alert, view.sentences = alerts[id(first.document)], alert.by_sentence(first.document)
        for e in group:
            page(views.notice_href(e.document), "notice.html", title=view.title, page=view)
        summary = env.get_template("alert.txt").render(a=view.alert).strip()
        entries.append((first.document, [e.document for e in group], views.notice_href(first.document), summary))
    write_atomic(out / "feed.xml", feed.atom(entries))
    written.append(out / "feed.xml")
    problem = ""
    try:
        search.build_index(out, [views.notice_href(g[0].document) for g in groups])
    except ControlbriefError as exc:
        problem = str(exc)
        if warn is not None:
            warn(problem)
    page("search.html", "search.html", title="Search", problem=problem)
    page("items.html", "items.html", title="Items", entries=views.item_entries(docs))
    page("timeline.html", "timeline.html", title="Timeline", rows=views.timeline(docs))
    page("errors.html", "errors.html", title="Unreadable files", errors=sorted(errors, key=lambda x: x.source))
    _rounds(page, [e.document for e in extracted])
    _regime(page, docs, out, written, today or date.today().isoformat())
    report = ExtractionReport(documents=[e.document for e in extracted], errors=errors)
    write_atomic(out / "provisions.json", report.to_json())
    written.append(out / "provisions.json")
    for asset in sorted((templates_dir() / "static").iterdir()):
        if asset.is_file():
            write_atomic(out / asset.name, asset.read_bytes())
            written.append(out / asset.name)
    for folder in ("notices", "diffs"):
        _remove_stale(out / folder, {p for p in written if p.parent == out / folder})
    return written


def _notice_groups(extracted: list[Extracted]) -> list[list[Extracted]]:
    """Renderings of one notice (same number) together, the Chinese original first; other documents alone."""
    by_notice: dict[str, list[Extracted]] = {}
    for e in sorted(extracted, key=lambda e: e.document.source):
        by_notice.setdefault(notice_key(e.document), []).append(e)
    return [sorted(g, key=lambda e: (e.document.language != "zh", e.document.source)) for g in by_notice.values()]


def _regime(page, docs: list, out: Path, written: list[Path], today: str) -> None:
    """inforce.html (the regime on `today`), calendar.html and calendar.ics."""
    report = build_regime(docs, today)
    page("inforce.html", "inforce.html", title=f"In force on {today}", view=regime_pages.regime_view(report, {d.source: d for d in docs}))
    rows = regime_pages.calendar_rows(docs)
    sections = [{"title": f"Coming (from {today})", "rows": [r for r in rows if r.date >= today]},
                {"title": "Past", "rows": [r for r in reversed(rows) if r.date < today]}]
    page("calendar.html", "calendar.html", title="Calendar", sections=sections)
    write_atomic(out / "calendar.ics", regime_pages.ics(rows))
    written.append(out / "calendar.ics")


def _rounds(page, docs: list) -> None:
    """rounds.html and one diff page per consecutive pair of rounds of a topic (regimes compared)."""
    hrefs = {d.source: views.notice_href(d) for d in docs}
    topics = []
    for topic, rounds in by_topic(docs).items():
        pairs = []
        seen: list = []
        for (old_name, old_docs), (new_name, new_docs) in zip(rounds, rounds[1:]):
            if not seen:
                seen = list(old_docs)
            history = seen + list(new_docs)
            report = regime_changes(seen, history, [d.source for d in old_docs], [d.source for d in new_docs])
            seen = history
            href = diffs.diff_href(topic, old_name, new_name)
            heading = f"{topic or 'All notices'}: {old_name} → {new_name}"
            page(href, "diff.html", title=heading, heading=heading, rows=diffs.rows(report, hrefs, root="../"),
                 summary=alert.round_summary(report, hrefs, root="../"),
                 counts=diffs.counts(report), unchanged=report.unchanged, old_sources=report.old, new_sources=report.new,
                 note="The regimes are compared: controls add up over the rounds, so what a round does not restate stays in "
                      "force; only a notice that revokes, supersedes or suspends takes anything away.")
            pairs.append(diffs.RoundPair(topic=topic, old=old_name, new=new_name, href=href, counts=diffs.counts(report)))
        listed = [(name, [{"href": hrefs[d.source], "title": d.title or d.source} for d in ds]) for name, ds in rounds]
        topics.append(diffs.TopicRounds(topic=topic, rounds=listed, pairs=pairs))
    page("rounds.html", "rounds.html", title="Control rounds", topics=topics)


def _remove_stale(folder: Path, keep: set[Path]) -> None:
    """Drop briefings of notices that are no longer in the inputs."""
    if not folder.is_dir():
        return
    for path in folder.glob("*.html"):
        if path not in keep:
            path.unlink()


