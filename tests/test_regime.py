"""The regime over time: what is in force on a day, and what notices do to each other."""

import json

import pytest

from controlbrief.errors import ControlbriefError
from controlbrief.models import Document, ProductScope, Relation, Threshold
from controlbrief.regime import build_regime, in_part, parse_day


def scope(item, text="Item.", pid=None):
    return ProductScope(id=pid or f"s-{item}", text=text, span=(0, 1), pattern="p", items=[item], codes=[], technology=False)


def rel(relation, target, until=None, start=None, scope_=None, pid="r"):
    return Relation(id=pid, text="t", span=(0, 1), pattern=f"relation.{relation}", relation=relation, target=target,
                    target_text=target or "earlier controls", until=until, from_=start, scope=scope_)


def notice(number, published, *provisions, source=None):
    return Document(id=(number or "x").ljust(16, "0")[:16], source=source or f"t/{number}.txt", number=number,
                    issuer="Ministry of Commerce (MOFCOM)", published=published, provisions=list(provisions))


def statuses(report):
    return {(e.notice, e.provision.items[0] if e.provision.kind == "product_scope" else e.provision.kind): (e.status, e.until, tuple(e.because))
            for e in report.provisions}


def test_regime_suspension_and_its_end():
    docs = [notice("n-1", "2025-04-04", scope("samarium")), notice("n-2", "2025-10-09", scope("holmium")),
            notice("n-3", "2025-11-07", rel("suspends", "n-2", until="2026-11-10"))]
    during = statuses(build_regime(docs, "2025-11-20"))
    assert during[("n-2", "holmium")] == ("suspended", "2026-11-10", ("n-3",))
    assert during[("n-1", "samarium")] == ("in_force", None, ())
    after = build_regime(docs, "2026-11-29")
    holmium = next(e for e in after.provisions if e.notice == "n-2")
    assert (holmium.status, holmium.since) == ("in_force", "2026-11-10")
    before = statuses(build_regime(docs, "2025-06-01"))
    assert ("n-2", "holmium") not in before  # not yet published


def test_regime_pending_revoked_and_scoped_parts():
    target = notice("n-46", "2024-12-03", scope("dual-use item", text="1. Exports to military users are prohibited."),
                    scope("gallium", text="2. In principle, gallium shall not be exported."))
    suspension = notice("n-47", "2025-11-09", rel("suspends", "n-46", until="2026-11-27", start="2025-11-09", scope_="Article 2"))
    got = statuses(build_regime([target, suspension], "2025-12-01"))
    assert got[("n-46", "gallium")][0] == "suspended" and got[("n-46", "dual-use item")][0] == "in_force"
    later = notice("n-9", "2025-01-01", scope("antimony"))
    later.provisions.append(__import__("controlbrief.models", fromlist=["EffectiveDate"]).EffectiveDate(
        id="d", text="t", span=(0, 1), pattern="p", date="2025-03-01", event="effective"))
    assert statuses(build_regime([later], "2025-02-01"))[("n-9", "antimony")][0] == "pending"
    lift = notice("n-10", "2025-05-01", rel("revokes", "n-9"))
    assert ("n-9", "antimony") not in statuses(build_regime([later, lift], "2025-06-01"))


def test_regime_renderings_count_once_with_every_source():
    a = notice("n-61", "2025-10-09", scope("rare earth"), source="t/en.txt")
    b = notice("n-61", "2025-10-09", scope("rare earth", pid="other-id"), source="t/zh.txt")
    report = build_regime([a, b], "2025-10-20")
    assert len(report.provisions) == 1 and report.provisions[0].sources == ["t/en.txt", "t/zh.txt"]


def test_regime_reports_what_it_cannot_apply():
    docs = [notice("n-1", "2025-01-01", scope("gallium")),
            notice("n-2", "2025-02-01", rel("suspends", "n-404")),
            notice("n-3", "2025-03-01", rel("revokes", None), rel("revokes", None, pid="r2")),  # said twice, shown once
            notice("n-4", "2025-04-01", rel("suspends", "n-1", start="2025-05-01", until="2025-04-01"))]
    report = build_regime(docs, "2025-06-01")
    reasons = sorted(u.reason for u in report.unresolved)
    assert reasons == ["n-404 is not among the notices read", "target not named", "until 2025-04-01 precedes from 2025-05-01"]
    assert statuses(report)[("n-1", "gallium")][0] == "in_force"


def test_regime_cycle_is_applied_in_order_and_reported():
    a = notice("n-a", "2025-01-01", scope("gallium"), rel("suspends", "n-b", pid="ra"))
    b = notice("n-b", "2025-02-01", scope("germanium"), rel("revokes", "n-a", pid="rb"))
    report = build_regime([a, b], "2025-03-01")
    assert report.cycles and "n-a and n-b" in report.cycles[0]
    assert statuses(report)[("n-b", "germanium")][0] == "suspended"


def test_regime_day_must_be_a_date():
    with pytest.raises(ControlbriefError, match="not a date"):
        parse_day("tomorrow")


@pytest.mark.parametrize(("scope_", "text", "inside"), [
    ("Article 2", "2. In principle, gallium shall not be exported.", True),
    ("the second clause", "(2) gallium", True),
    ("Article 2", "1. Military users are barred.", False),
    ("Article 2", "二、原则上不予许可。", True),
    ("第二款", "二、原则上不予许可镓相关两用物项对美国出口。", True),  # a Chinese scope names its part too
    ("第二款", "一、禁止两用物项对美国军事用户出口。", False),
])
def test_regime_scope_names_a_part(scope_, text, inside):
    assert in_part(scope("x", text=text), scope_) is inside


def test_regime_threshold_identity_ignores_wording():
    t1 = Threshold(id="a", text="t", span=(0, 1), pattern="p", value=50, unit="percent", comparator=">=", measure="equity",
                   measure_key="ownership_share")
    report = build_regime([notice("n-1", "2025-01-01", t1)], "2025-02-01")
    assert report.provisions[0].provision.measure_key == "ownership_share"


def test_regime_cli_on_the_corpus(run_cli):
    """The corpus lifecycle: No. 70 suspends October's items until 10 November 2026; April's samarium stays in force."""
    during = json.loads(run_cli("inforce", "corpus", "--on", "2025-11-20").stdout)
    entries = [(e["notice"], e["status"], e["until"], e["because"], e["provision"]) for e in during["provisions"]]
    holmium = [e for e in entries if e[4]["kind"] == "product_scope" and "holmium" in e[4]["items"] and e[0] == "mofcom-2025-57"]
    assert holmium and all(e[1:4] == ("suspended", "2026-11-10", ["mofcom-2025-70"]) for e in holmium)
    samarium = [e for e in entries if e[4]["kind"] == "product_scope" and "samarium" in e[4]["items"] and e[0] == "mofcom-2025-18"]
    assert samarium and all(e[1] == "in_force" for e in samarium)
    de_minimis = [e for e in entries if e[4]["kind"] == "threshold" and e[4]["value"] == 0.1 and e[0] == "mofcom-2025-61"]
    assert de_minimis and de_minimis[0][1] == "suspended"
    after = json.loads(run_cli("inforce", "corpus", "--on", "2026-11-29").stdout)
    assert all(e["status"] == "in_force" for e in after["provisions"] if e["notice"] in {"mofcom-2025-57", "mofcom-2025-61"})
    page = run_cli("inforce", "corpus", "--on", "2025-11-20", "--format", "html").stdout
    assert "In force on 2025-11-20" in page and "mofcom-2025-70" in page and "suspended" in page
    bad = run_cli("inforce", "corpus", "--on", "next week")
    assert bad.returncode == 2 and bad.stderr.strip().count("\n") == 0 and "not a date" in bad.stderr


def test_regime_chinese_original_and_translation_are_one_notice(run_cli):
    """No. 61 in English and in Chinese: one notice, the 0.1% rule once, with both renderings' evidence."""
    report = json.loads(run_cli("inforce", "corpus/rare-earths", "--on", "2025-10-20").stdout)
    rule = [e for e in report["provisions"] if e["notice"] == "mofcom-2025-61" and e["provision"]["kind"] == "threshold"
            and e["provision"]["value"] == 0.1]
    assert len(rule) == 1 and sorted(rule[0]["sources"]) == [
        "corpus/rare-earths/2025-10/mofcom-2025-61-extraterritorial-rare-earths.html", "corpus/rare-earths/2025-10/mofcom-2025-61-zh.txt"]


def test_regime_suspension_stated_by_its_length_ends_on_its_own(extract_text):
    """A notice that suspends another for 90 days from a day: suspended inside those days, in force again after."""
    controls = extract_text("Announcement No. 3 of 2026 of the Ministry of Commerce\nDated 5 January 2026\n"
                            "Exports of cobalt are subject to export control from 5 January 2026.")
    pause = extract_text("Announcement No. 9 of 2026 of the Ministry of Commerce\nDated 2 March 2026\n"
                         "Announcement No. 3 of 2026 is suspended for 90 days starting 2 March 2026.")
    controls.source, pause.source = "t/3.txt", "t/9.txt"
    assert (controls.number, pause.number) == ("mofcom-2026-3", "mofcom-2026-9")
    during = statuses(build_regime([controls, pause], "2026-05-30"))
    assert during[("mofcom-2026-3", "cobalt")] == ("suspended", "2026-05-31", ("mofcom-2026-9",))
    assert statuses(build_regime([controls, pause], "2026-05-31"))[("mofcom-2026-3", "cobalt")][0] == "in_force"


def test_regime_an_extension_stated_by_its_length_moves_the_end(extract_text):
    """A suspension until 2 March, then extended 'for a further 60 days from 2 March': suspended to 1 May."""
    docs = [extract_text(text) for text in (
        "Announcement No. 3 of 2026 of the Ministry of Commerce\nDated 5 January 2026\n"
        "Exports of cobalt are subject to export control from 5 January 2026.",
        "Announcement No. 7 of 2026 of the Ministry of Commerce\nDated 20 January 2026\n"
        "Announcement No. 3 of 2026 is suspended until 2 March 2026.",
        "Announcement No. 9 of 2026 of the Ministry of Commerce\nDated 1 March 2026\n"
        "The ministry extended the suspension of Announcement No. 3 of 2026 for a further 60 days from 2 March 2026.")]
    for i, d in enumerate(docs):
        d.source = f"t/{i}.txt"
    assert statuses(build_regime(docs, "2026-04-15"))[("mofcom-2026-3", "cobalt")][:2] == ("suspended", "2026-05-01")
    assert statuses(build_regime(docs, "2026-05-01"))[("mofcom-2026-3", "cobalt")][0] == "in_force"


@pytest.mark.parametrize("pause_text", [
    "Announcement No. 12 of 2026 of the Ministry of Commerce\nDated 4 February 2026\n"
    "The ministry has decided to halt the implementation of Announcement No. 3 of 2026. "
    "This suspension will stay in place until 1 September 2026.",
    "商务部公告2026年第12号\n发布日期：2026年2月4日\n决定暂停实施商务部公告2026年第3号。暂停期限至2026年9月1日。",
])
def test_regime_a_suspension_ends_on_the_day_the_next_sentence_gives(extract_text, pause_text):
    """The suspension in one sentence, its end in the next: suspended until then, in force again from that day."""
    controls = extract_text("Announcement No. 3 of 2026 of the Ministry of Commerce\nDated 5 January 2026\n"
                            "Exports of cobalt are subject to export control from 5 January 2026.")
    pause = extract_text(pause_text)
    controls.source, pause.source = "t/3.txt", "t/12.txt"
    assert [(r.target, r.until) for r in pause.provisions if r.kind == "relation"] == [("mofcom-2026-3", "2026-09-01")]
    assert statuses(build_regime([controls, pause], "2026-08-31"))[("mofcom-2026-3", "cobalt")] == (
        "suspended", "2026-09-01", ("mofcom-2026-12",))
    assert statuses(build_regime([controls, pause], "2026-09-01"))[("mofcom-2026-3", "cobalt")][0] == "in_force"


def test_a_report_of_duties_under_amendments_is_no_amendment(extract_text):
    doc = extract_text("Under the amendments to Regulation (EU) No 833/2014, exporters must add a clause banning "
                       "re-export to Russia from 1 July 2026.")
    assert [p for p in doc.provisions if p.kind == "relation"] == []


def test_regime_an_unreliable_entity_list_suspension_read_from_the_notices(tmp_path, run_cli):
    """The working mechanism's announcements are numbered apart from MOFCOM's (uel-); its suspension of an earlier
    listing, read from the two notices by the real CLI, suspends the listed parties' prohibition until its end."""
    (tmp_path / "listing.txt").write_text(
        "Announcement No. 3 of 2026 of the Working Mechanism of the Unreliable Entity List\nDate: 4 May 2026\n"
        "The working mechanism decided to include Acme Corp and Beta Ltd on the list of unreliable entities, and take "
        "the following measures:\n1. The above-mentioned enterprises are prohibited from engaging in import and export "
        "activities related to China.\nThis announcement comes into effect on the date of publication.\n", encoding="utf-8")
    (tmp_path / "suspension.txt").write_text(
        "Announcement No. 5 of 2026 of the Working Mechanism of the Unreliable Entity List\nDate: 20 May 2026\n"
        "The working mechanism decided to suspend the measures of Unreliable Entity List Working Mechanism "
        "Announcement No. 3 of 2026 from 1 June 2026 until 1 June 2027.\n", encoding="utf-8")
    found = {}
    for day in ("2026-07-01", "2027-07-01"):
        out = run_cli("inforce", str(tmp_path), "--on", day)
        assert out.returncode == 0, out.stderr
        found[day] = [(p["notice"], p["status"], p["provision"]["kind"], p["until"], p["because"])
                      for p in json.loads(out.stdout)["provisions"]]
    assert found["2026-07-01"] == [("uel-2026-3", "suspended", "end_use_restriction", "2027-06-01", ["uel-2026-5"])]
    assert found["2027-07-01"] == [("uel-2026-3", "in_force", "end_use_restriction", None, [])]
