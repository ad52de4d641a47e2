"""Write the briefing site: index, one page per notice, items, timeline, rounds and diffs, errors, JSON.

jinja2 with autoescape and StrictUndefined renders view models from views.py;
every page is written to a temporary file and renamed into place, so a reader
never sees half a page. Static assets ship with the templates.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
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


class PageMemo:
    """What each notice page was rendered from, so a long-running watcher renders again only the pages whose
    inputs changed (a new notice must not wait for 200 unchanged pages to be rendered).

    A page is skipped only while its file is still the one written then (same size and modification time):
    a page deleted or edited by hand is written again.
    """

    def __init__(self) -> None:
        self.pages: dict[Path, tuple[str, int, int]] = {}
        self.alerts: dict[str, tuple[alert.Alert, str]] = {}  # notice key -> its client alert and feed summary

    def fresh(self, path: Path, key: str) -> bool:
        seen = self.pages.get(path)
        if seen is None or seen[0] != key:
            return False
        try:
            st = path.stat()
        except OSError:
            return False
        return (st.st_size, st.st_mtime_ns) == seen[1:]

    def remember(self, path: Path, key: str) -> None:
        st = path.stat()
        self.pages[path] = (key, st.st_size, st.st_mtime_ns)

    def keep(self, keys: set[str], paths: set[Path]) -> None:
        """Forget notices that are gone (or changed), so a watcher's memo does not grow without end."""
        self.alerts = {k: v for k, v in self.alerts.items() if k in keys}
        self.pages = {p: v for p, v in self.pages.items() if p in paths}


def _notice_key(group: list[Extracted], affected_by: list) -> str:
    """Everything a notice page is made of: its renderings (provisions and text) and what other notices do to it."""
    h = hashlib.blake2b(digest_size=20)
    for e in group:
        # A provision's id is a hash of its content, and the document's id one of its bytes (so of its text).
        h.update(e.document.model_dump_json(exclude={"provisions"}).encode())
        h.update(" ".join(p.id for p in e.document.provisions).encode())
        h.update(e.read.model_dump_json(exclude={"text"}).encode())
    for c in affected_by:
        h.update(repr(c).encode())
    return h.hexdigest()


def build_site(extracted: list[Extracted], errors: list[InputError], out: Path, today: str | None = None,
               warn: Callable[[str], None] | None = None, memo: PageMemo | None = None) -> list[Path]:
    """Render every page of the site into out; return the paths written (`today` fixes the day of inforce.html).

    A search index that cannot be built is a warning (the rest of the site is whole), told to `warn`.
    With a `memo` (a watcher's, kept across calls), notice pages whose inputs did not change are not rendered again.
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
    acts = views.relations_by_target(docs)
    alerts = {}
    entries = []
    used: set[str] = set()
    for group in groups:
        # One page per notice, written at the address of each rendering, so every link lands on it.
        first = group[0]
        affected_by = acts.get(first.document.number or "", [])
        hrefs = [views.notice_href(e.document) for e in group]
        key = _notice_key(group, affected_by) if memo is not None else ""
        used.add(key)
        # One client alert per notice (its original's), for its index row, its page and its feed entry.
        known = memo.alerts.get(key) if memo is not None else None
        if known is None:
            made = alert.alert(first.document)
            known = (made, env.get_template("alert.txt").render(a=made).strip())
            if memo is not None:
                memo.alerts[key] = known
        alerts[id(first.document)], summary = known
        if memo is not None and all(memo.fresh(out / href, key) for href in hrefs):
            written.extend(out / href for href in hrefs)
        else:
            view = views.notice_page(first.document, first.read)
            view.affected_by = affected_by
            view.renderings = views.renderings(group)
            view.alert, view.sentences = alerts[id(first.document)], alert.by_sentence(first.document)
            for href in hrefs:
                page(href, "notice.html", title=view.title, page=view)
                if memo is not None:
                    memo.remember(out / href, key)
        entries.append((first.document, [e.document for e in group], views.notice_href(first.document), summary))
    if memo is not None:
        memo.keep(used, set(written))
    # A new notice is in the site once its page, its index row and provisions.json are written: those first.
    rows = [views.notice_row(d, alerts[id(d)].headline) for d in docs if id(d) in alerts]
    issuers = sorted({r.issuer for r in rows if r.issuer})
    kinds = [(k, views.KIND_LABELS[k]) for k in views.KIND_ORDER]
    page("index.html", "index.html", title="Notices", rows=rows, issuers=issuers, kinds=kinds, errors=len(errors))
    report = ExtractionReport(documents=[e.document for e in extracted], errors=errors)
    write_atomic(out / "provisions.json", report.to_json())
    written.append(out / "provisions.json")
    # The search index is built by Pagefind's own process from the notice pages, now written: it runs on the
    # other core while the remaining pages are rendered here (the two took 1.5 s and 2 s one after the other).
    problems: list[str] = []

    def index_notices() -> None:
        try:
            search.build_index(out, [views.notice_href(g[0].document) for g in groups])
        except ControlbriefError as exc:
            problems.append(str(exc))

    indexing = threading.Thread(target=index_notices, name="search-index")
    indexing.start()
    try:
        write_atomic(out / "feed.xml", feed.atom(entries))
        written.append(out / "feed.xml")
        _other_pages(page, docs, extracted, errors, out, written, today)
    finally:
        indexing.join()
    problem = problems[0] if problems else ""
    if problem and warn is not None:
        warn(problem)
    page("search.html", "search.html", title="Search", problem=problem)
    for folder in ("notices", "diffs"):
        _remove_stale(out / folder, {p for p in written if p.parent == out / folder})
    return written


def _other_pages(page, docs: list, extracted: list[Extracted], errors: list[InputError], out: Path, written: list[Path],
                 today: str | None) -> None:
    """Items, timeline, errors, rounds and diffs, the regime and calendar, and the static assets."""
    page("items.html", "items.html", title="Items", entries=views.item_entries(docs))
    page("timeline.html", "timeline.html", title="Timeline", rows=views.timeline(docs))
    page("errors.html", "errors.html", title="Unreadable files", errors=sorted(errors, key=lambda x: x.source))
    _rounds(page, [e.document for e in extracted])
    _regime(page, docs, out, written, today or date.today().isoformat())
    for asset in sorted((templates_dir() / "static").iterdir()):
        if asset.is_file():
            write_atomic(out / asset.name, asset.read_bytes())
            written.append(out / asset.name)


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


