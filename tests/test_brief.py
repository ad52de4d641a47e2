import json
import re

import pytest

from controlbrief.brief import build_site, environment, write_atomic
from controlbrief.brief.views import describe, segments
from controlbrief.models import ReadText
from support import CORPUS, DATA


@pytest.fixture(scope="module")
def site(run_cli, tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    result = run_cli("brief", "corpus", str(DATA / "hostile"), "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out / "index.html")
    return out


def test_brief_writes_every_page(site):
    report = json.loads((site / "provisions.json").read_text())
    pages = sorted(p.stem for p in (site / "notices").glob("*.html"))
    assert pages == sorted(d["id"] for d in report["documents"])
    for name in ("index.html", "items.html", "timeline.html", "errors.html", "style.css", "site.js"):
        assert (site / name).is_file()
    assert not list(site.rglob("*.tmp"))


def test_brief_every_briefing_summarises_its_provisions(site):
    report = json.loads((site / "provisions.json").read_text())
    groups = {}
    for doc in report["documents"]:
        groups.setdefault(doc["number"] or doc["source"], []).append(doc)
    # A notice in several renderings is one page: its summary is the original's; every text's evidence is marked.
    primary = {id(sorted(g, key=lambda d: (d["language"] != "zh", d["source"]))[0]) for g in groups.values()}
    for doc in report["documents"]:
        html = (site / "notices" / f"{doc['id']}.html").read_text()
        summary = html.split('aria-label="Summary"', 1)[1].split("</section>", 1)[0]
        for p in doc["provisions"]:
            if id(doc) not in primary:
                assert f'id="ev-{p["id"]}"' in html
                continue
            if p["kind"] == "product_scope":
                for name in p["items"] + p["codes"]:
                    assert name in summary
            if p["kind"] == "threshold":
                assert f'{p["value"]:g}' in summary
            if p["kind"] == "effective_date":
                assert p["date"] in summary
            assert f'id="ev-{p["id"]}"' in html


def test_brief_pages_are_offline(site):
    for page in site.rglob("*.html"):
        html = page.read_text()
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), page


def test_brief_escapes_hostile_text(site):
    report = json.loads((site / "provisions.json").read_text())
    hostile = [d for d in report["documents"] if "hostile" in d["source"]]
    assert len(hostile) == 2
    for doc in hostile:
        html = (site / "notices" / f"{doc['id']}.html").read_text()
        body = html.split("<main>", 1)[1]
        assert "<script>window" not in body and "<img" not in body and "<svg" not in body and "<iframe" not in body
        assert 'href="javascript:' not in html and "onerror=\"window" not in html
        assert "&lt;script&gt;" in body or "&lt;img" in body
    index = (site / "index.html").read_text()
    assert "<script>window" not in index and "&lt;script&gt;window" in index


def test_brief_items_and_timeline(site):
    items = (site / "items.html").read_text()
    assert "gallium" in items and "holmium" in items
    timeline = (site / "timeline.html").read_text()
    dates = re.findall(r'<td class="date">(\d{4}-\d{2}-\d{2})</td>', timeline)
    assert dates == sorted(dates) and "2025-12-01" in dates


def test_brief_errors_page_lists_unreadable_files(run_cli, tmp_path):
    out = tmp_path / "site"
    result = run_cli("brief", str(DATA / "junk.pdf"), str(CORPUS / "graphite"), "--out", str(out), "--quiet")
    assert result.returncode == 1
    assert "junk.pdf" in (out / "errors.html").read_text()
    # The graphite folder holds No. 39 in English and in traditional Chinese: two renderings, two briefings.
    assert len(list((out / "notices").glob("*.html"))) == 2


def test_brief_segments_cover_text_and_overlaps():
    from controlbrief.models import Document, Threshold

    text = "purity greater than 99.9% applies"
    p1 = Threshold(id="a", text=text, span=(7, 25), pattern="threshold.more_than", value=99.9, unit="percent", comparator=">", measure="purity")
    p2 = Threshold(id="b", text=text, span=(20, 25), pattern="threshold.share", value=99.9, unit="percent", comparator=">=", measure="purity")
    doc = Document(id="d" * 16, source="x", provisions=[p1, p2])
    segs = segments(ReadText(text=text, format="text"), doc)
    assert "".join(s.text for s in segs) == text
    assert [(s.text, s.pids) for s in segs] == [("purity ", []), ("greater than ", ["a"]), ("99.9%", ["a", "b"]), (" applies", [])]
    assert describe(p1) == "> 99.9% (purity)"


def test_brief_environment_is_strict_and_escapes(tmp_path):
    env = environment()
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"
    with pytest.raises(Exception, match="undefined"):
        env.from_string("{{ missing }}").render()


def test_brief_write_atomic_replaces_whole_file(tmp_path):
    target = tmp_path / "a" / "page.html"
    write_atomic(target, "first")
    write_atomic(target, "second")
    assert target.read_text() == "second"
    assert [p.name for p in target.parent.iterdir()] == ["page.html"]


def _many_provisions(n: int):
    from controlbrief.models import Document, ReadText, Threshold

    sentence = "Purity of 99.9% or more. "
    text = sentence * n
    provisions = [Threshold(id=f"{i:016x}", text=sentence.strip(), span=(i * len(sentence), i * len(sentence) + 14), page=None,
                            pattern="threshold.or_more", value=99.9, unit="percent", comparator=">=", measure="purity")
                  for i in range(n)]
    doc = Document(id="0" * 16, source="many.txt", title=None, issuer=None, published=None, language="en", provisions=provisions)
    return doc, ReadText(text=text, format="text")


def test_brief_segments_are_linear_in_provisions():
    """50,000 provisions in one notice: the old per-segment scan took hours; the sweep takes seconds."""
    from controlbrief.brief.views import segments
    from controlbrief.guard import bounded

    doc, read = _many_provisions(50_000)
    cut = bounded(segments, read, doc, timeout=60)
    assert len(cut) == 100_000 and cut[1].pids == [] and cut[0].pids == ["0" * 16]
    assert cut[0].anchors and not cut[1].anchors


def test_brief_items_show_each_code_its_own_thresholds(tmp_path, run_cli):
    from support import CORPUS

    notice = CORPUS / "superhard" / "2025-10" / "mofcom-2025-55-superhard-web.html"
    out = tmp_path / "site"
    assert run_cli("brief", str(notice), "--out", str(out), "--quiet").returncode == 0
    items = (out / "items.html").read_text()
    # 2C902.a is limited to 50 μm grains; the saw wires' 16 N and the wheels' 40 m/s are not its limits.
    section = items[items.index(">2C902.a<"):items.index(">2C902.b<")]
    assert "50 μm" in section and "16 N" not in section and "40 m/s" not in section
    page = next((out / "notices").glob("*.html")).read_text()
    table = page[page.index('class="itemtable"'):page.index("</table>")]
    assert "2C902.d" in table and "30 HRB" in table and "lab-grown diamonds" in table


def test_brief_labels_every_closed_value():
    """Every unit and date event the models allow has words on the pages (a new one must not crash `brief`)."""
    from typing import get_args

    from controlbrief.brief.views import EVENTS, UNITS
    from controlbrief.models import DateEvent, Unit

    assert set(get_args(Unit)) <= set(UNITS) and set(get_args(DateEvent)) <= set(EVENTS)


def test_brief_regime_pages_calendar_and_relations(tmp_path):
    """inforce.html, calendar.html and a calendar.ics that a calendar program imports; notice pages say who suspended them."""
    icalendar = pytest.importorskip("icalendar")
    from controlbrief.brief import build_site
    from controlbrief.execution import extract_all
    from support import CORPUS

    done, errors = extract_all([str(CORPUS / "rare-earths")])
    out = tmp_path / "site"
    build_site(done, errors, out, today="2025-11-20")
    inforce = (out / "inforce.html").read_text()
    assert "In force on 2025-11-20" in inforce and "suspended" in inforce and "mofcom-2025-70" in inforce
    calendar = icalendar.Calendar.from_ical((out / "calendar.ics").read_bytes())
    events = {(str(e.get("summary")), e.decoded("dtstart").isoformat()) for e in calendar.walk("VEVENT")}
    assert ("mofcom-2025-70: suspension of mofcom-2025-61 ends", "2026-11-10") in events
    assert ("mofcom-2025-61: takes effect", "2025-12-01") in events
    assert "2026-11-10" in (out / "calendar.html").read_text()
    pages = [p.read_text() for p in (out / "notices").glob("*.html")]
    assert any("suspended by mofcom-2025-70 until 2026-11-10" in p for p in pages)


def test_brief_from_the_store_is_byte_identical_to_brief_from_files(run_cli, tmp_path):
    """The store keeps no provision order; the site orders provisions as in the text either way."""
    import filecmp

    from support import CORPUS

    folders = [str(CORPUS / "graphite"), str(CORPUS / "antimony")]
    a, b, db = tmp_path / "a", tmp_path / "b", tmp_path / "s.db"
    assert run_cli("brief", *folders, "--out", str(a), "--quiet").returncode == 0
    assert run_cli("ingest", *folders, "--db", str(db), "--quiet").returncode == 0
    assert run_cli("brief", "--db", str(db), "--out", str(b), "--quiet").returncode == 0
    pages = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert pages == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    # inforce.html and calendar.html depend on the day they are built; the day is the same within this test.
    assert all(filecmp.cmp(a / p, b / p, shallow=False) for p in pages), [str(p) for p in pages if not filecmp.cmp(a / p, b / p, shallow=False)]


def test_brief_rounds_page_explains_how_to_name_a_round(tmp_path):
    from controlbrief.brief import build_site
    from controlbrief.models import Document, ReadText
    from controlbrief.pipeline import Extracted

    doc = Document(id="0" * 16, source="notice.txt", title="A notice")
    build_site([Extracted(doc, ReadText(text="A notice.", format="text"))], [], tmp_path / "s", today="2026-01-01")
    page = (tmp_path / "s" / "rounds.html").read_text()
    assert "No control rounds yet" in page and "Round: 2025-10" in page


def test_brief_feed_has_one_entry_per_notice(site):
    """feed.xml parses as Atom with one entry per notice (renderings are one), each linking to its briefing."""
    import feedparser

    feed = feedparser.parse(str(site / "feed.xml"))
    assert not feed.bozo, feed.bozo_exception
    report = json.loads((site / "provisions.json").read_text())
    notices = {d["number"] or d["source"] for d in report["documents"]}
    assert len(feed.entries) == len(notices) == len({e.id for e in feed.entries})
    for entry in feed.entries:
        assert (site / entry.link).is_file(), entry.link
        assert entry.summary and entry.updated
    dates = [e.updated for e in feed.entries]
    assert dates == sorted(dates, reverse=True)  # newest first
    # The No. 61 entry says what, from when and who to ask, from its provisions.
    (no61,) = [e for e in feed.entries if ":mofcom-2025-61:" in e.id]
    assert "2025-12-01" in no61.summary and "samarium" in no61.summary and "licence to" in no61.summary


def test_brief_feed_entry_changes_with_the_notice_text(tmp_path, run_cli):
    """A changed notice is a new entry (its id names its bytes); an unchanged one keeps its id."""
    import feedparser
    import shutil

    inbox = tmp_path / "in"
    inbox.mkdir()
    shutil.copy(CORPUS / "graphite" / "2023-10" / "mofcom-2023-39-graphite.txt", inbox / "a.txt")
    ids = []
    for text_change in ("", "\nAnnex updated.\n"):
        if text_change:
            with open(inbox / "a.txt", "a") as fh:
                fh.write(text_change)
        assert run_cli("brief", str(inbox), "--out", str(tmp_path / "site"), "--quiet").returncode == 0
        ids.append(feedparser.parse(str(tmp_path / "site" / "feed.xml")).entries[0].id)
    assert ids[0] != ids[1] and ids[0].split(":")[:4] == ids[1].split(":")[:4]


def test_brief_alert_groups_a_sentence_once_with_all_it_says(site):
    report = json.loads((site / "provisions.json").read_text())
    # The page of a notice in two renderings lists the original's provisions (the translation's are marked in its text).
    (doc,) = [d for d in report["documents"] if d["number"] == "mofcom-2025-61" and d["language"] == "zh"]
    html = (site / "notices" / f"{doc['id']}.html").read_text()
    provisions = html.split('aria-label="Provisions, sentence by sentence"', 1)[1].split("</section>", 1)[0]
    sentences = re.findall(r"<blockquote>(.*?)</blockquote>", provisions, re.S)
    assert len(sentences) == len(set(sentences)) < len(doc["provisions"])
    import html as html_lib

    for p in doc["provisions"]:
        assert html_lib.escape(p["text"], quote=False) in sentences  # every provision's sentence, once


def test_brief_search_index_is_built_even_inside_a_running_event_loop(tmp_path):
    """Pagefind runs in its own thread and loop: brief called from async code (a notebook) still gets search."""
    import asyncio

    from controlbrief.models import Document
    from controlbrief.pipeline import Extracted

    doc = Document(id="0" * 16, source="notice.txt", title="A notice on gallium")

    async def inside() -> None:
        build_site([Extracted(doc, ReadText(text="Gallium is controlled.", format="text"))], [], tmp_path / "s",
                   today="2026-01-01", warn=pytest.fail)

    # In a thread of its own: Playwright's sync API may already run a loop in this one (browser tests run first).
    import threading

    raised: list[BaseException] = []

    def in_thread() -> None:
        try:
            asyncio.run(inside())
        except BaseException as exc:  # noqa: BLE001 - handed back to the test's thread
            raised.append(exc)

    worker = threading.Thread(target=in_thread)
    worker.start()
    worker.join()
    assert not raised, raised
    assert (tmp_path / "s" / "pagefind" / "pagefind.js").is_file()
    assert not list(tmp_path.glob("s/.pagefind*"))
    assert "search index not built" not in (tmp_path / "s" / "search.html").read_text()


def test_brief_without_search_index_says_so(tmp_path, monkeypatch):
    """No Pagefind binary: the site is whole, search.html says why, the caller is warned."""
    from controlbrief.brief import search
    from controlbrief.errors import ControlbriefError
    from controlbrief.models import Document
    from controlbrief.pipeline import Extracted

    def broken(out, pages):
        raise ControlbriefError("search index not built: no pagefind binary for this platform")

    monkeypatch.setattr(search, "build_index", broken)
    said = []
    doc = Document(id="0" * 16, source="notice.txt", title="A notice")
    build_site([Extracted(doc, ReadText(text="A notice.", format="text"))], [], tmp_path / "s", today="2026-01-01", warn=said.append)
    assert said == ["search index not built: no pagefind binary for this platform"]
    assert "no pagefind binary" in (tmp_path / "s" / "search.html").read_text()
    assert (tmp_path / "s" / "index.html").is_file()


def test_brief_round_summary_says_what_changed_with_evidence(site):
    page = (site / "diffs" / "rare-earths--2025-04--2025-10.html").read_text()
    summary = page.split('aria-label="What changed"', 1)[1].split("</section>", 1)[0]
    newly = summary.split("Newly controlled:", 1)[1].split("</p>", 1)[0]
    for element in ("holmium", "erbium", "europium"):
        assert f">{element}</a>" in newly
    links = re.findall(r'href="\.\./(notices/[0-9a-f]{16}\.html)#(ev-[a-z]+-[0-9a-f]+)"', summary)
    assert links
    for target, anchor_id in links:
        assert f'id="{anchor_id}"' in (site / target).read_text()


def test_brief_memo_renders_only_notice_pages_whose_inputs_changed(tmp_path, monkeypatch):
    """A watcher's memo: unchanged notice pages are not rendered again, a notice that another one now suspends
    is, a page deleted by hand is written again, and the site is byte-identical to one built without a memo."""
    import filecmp

    from controlbrief.brief import PageMemo, _notice_groups, build_site, views
    from controlbrief.execution import extract_all
    from support import CORPUS

    done, errors = extract_all([str(CORPUS / "rare-earths")])
    suspension = [e for e in done if e.document.number == "mofcom-2025-70"]
    others = [e for e in done if e.document.number != "mofcom-2025-70"]
    assert suspension and others
    rendered: list[str] = []
    real = views.notice_page
    monkeypatch.setattr(views, "notice_page", lambda doc, read: rendered.append(doc.source) or real(doc, read))
    memo, out = PageMemo(), tmp_path / "site"
    build_site(others, errors, out, today="2025-11-20", memo=memo)
    first = len(rendered)
    assert first >= 2
    rendered.clear()
    build_site(others, errors, out, today="2025-11-20", memo=memo)
    assert rendered == []
    # No. 70 arrives: its own page, and the pages of the notices it suspends, are rendered; nothing else.
    build_site(others + suspension, errors, out, today="2025-11-20", memo=memo)
    targets = {p.target for p in suspension[0].document.provisions if p.kind == "relation"}
    assert targets
    firsts = {g[0].document.number: g[0].document.source for g in _notice_groups(others + suspension)}
    assert sorted(rendered) == sorted(firsts[n] for n in targets | {"mofcom-2025-70"} if n in firsts)
    rendered.clear()
    page = out / views.notice_href(others[0].document)
    page.unlink()
    build_site(others + suspension, errors, out, today="2025-11-20", memo=memo)
    assert page.is_file() and len(rendered) == 1
    plain = tmp_path / "plain"
    build_site(others + suspension, errors, plain, today="2025-11-20")
    pages = sorted(p.relative_to(plain) for p in plain.rglob("*.html"))
    assert pages == sorted(p.relative_to(out) for p in out.rglob("*.html"))
    assert all(filecmp.cmp(plain / p, out / p, shallow=False) for p in pages)
