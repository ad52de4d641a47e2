import json

import pytest

from controlbrief.diff import changes_between, direction
from controlbrief.models import Document, EffectiveDate, EndUseRestriction, ProductScope, Threshold


def T(value, comparator=">=", pid="t"):
    return Threshold(id=pid, text="s", span=(0, 1), pattern="threshold.or_more", value=value, unit="percent",
                     comparator=comparator, measure="value of content")


def E(policy, pid="e"):
    return EndUseRestriction(id=pid, text="s", span=(0, 1), pattern="end_use_restriction.military", end_use="military", policy=policy)


def S(items, pid="s", technology=False):
    return ProductScope(id=pid, text="s", span=(0, 1), pattern="product_scope.controlled", items=items, codes=[], technology=technology)


def D(*provisions, source="a.txt"):
    return Document(id="0" * 16, source=source, provisions=list(provisions))


def test_diff_added_removed_changed_and_unchanged():
    old = D(T(0.1), E("case_by_case"), S(["samarium", "holmium"]))
    new = D(T(0.05), E("deny"), S(["holmium", "erbium"]), source="b.txt")
    report = changes_between([old], [new])
    got = [(c.kind, c.key, c.change, c.fields, c.direction) for c in report.changes]
    assert got == [
        ("threshold", "value of content|percent|", "changed", ["value"], "tightened"),
        ("product_scope", "item:erbium", "added", [], "tightened"),
        ("product_scope", "item:samarium", "removed", [], "relaxed"),
        ("end_use_restriction", "military", "changed", ["policy"], "tightened"),
    ]
    assert report.unchanged == 1 and report.old == ["a.txt"] and report.new == ["b.txt"]
    assert report.changes[1].new_source == "b.txt" and report.changes[2].old_source == "a.txt"


@pytest.mark.parametrize(
    ("old", "new", "way"),
    [(T(0.1), T(0.05), "tightened"), (T(0.1), T(0.5), "relaxed"), (T(14, "<="), T(16, "<="), "tightened"),
     (T(14, "<="), T(7, "<="), "relaxed"), (E("deny"), E("case_by_case"), "relaxed"), (E("license_required"), E("prohibited"), "tightened")],
)
def test_diff_direction_of_changes(old, new, way):
    assert direction(old.kind, "changed", old, new) == way


def test_diff_suspension_relaxes():
    s = EffectiveDate(id="d", text="s", span=(0, 1), pattern="effective_date.cue_until", date="2026-11-10", event="suspended_until")
    report = changes_between([D()], [D(s)])
    assert [(c.change, c.direction) for c in report.changes] == [("added", "relaxed")]


def test_diff_output_is_deterministic():
    old = [D(T(0.1), S(["b", "a"]), source="z.txt"), D(E("deny"), source="y.txt")]
    new = [D(S(["c"]), source="x.txt")]
    first = changes_between(old, new).to_json()
    assert first == changes_between(list(reversed(old)), new).to_json()
    assert json.loads(first)["schema_version"] == 2


def _notice(number, source, round, provisions, published="2025-01-01"):
    return Document(id=source[:16].ljust(16, "0"), source=source, number=number, issuer="Ministry of Commerce (MOFCOM)",
                    published=published, round=round, provisions=provisions)


def test_diff_regimes_accumulate_suspend_and_reinstate():
    from controlbrief.diff import regime_changes
    from controlbrief.models import Relation

    april = _notice("mofcom-2025-18", "t/2025-04/a.txt", "2025-04", [S(["samarium"])], "2025-04-04")
    october = _notice("mofcom-2025-57", "t/2025-10/b.txt", "2025-10", [S(["holmium"])], "2025-10-09")
    suspension = _notice("mofcom-2025-70", "t/2025-11/c.txt", "2025-11", [Relation(
        id="r", text="t", span=(0, 1), pattern="relation.suspend", relation="suspends", target="mofcom-2025-57",
        target_text="No. 57", until="2026-11-10")], "2025-11-07")
    resumed = _notice("mofcom-2026-80", "t/2026-12/d.txt", "2026-12", [Relation(
        id="r2", text="t", span=(0, 1), pattern="relation.resume", relation="resumes", target="mofcom-2025-57",
        target_text="No. 57")], "2026-12-01")
    first = regime_changes([april], [april, october])
    # samarium is not restated in October: unchanged, never removed
    assert [(c.key, c.change, c.cause) for c in first.changes] == [("item:holmium", "added", "mofcom-2025-57")]
    second = regime_changes([april, october], [april, october, suspension])
    assert [(c.key, c.change, c.direction, c.cause) for c in second.changes] == [("item:holmium", "suspended", "relaxed", "mofcom-2025-70")]
    third = regime_changes([april, october, suspension], [april, october, suspension, resumed])
    assert [(c.key, c.change, c.direction) for c in third.changes] == [("item:holmium", "reinstated", "tightened")]


def test_diff_two_renderings_of_one_notice_give_each_provision_once():
    from controlbrief.diff import regime_changes

    english = _notice("mofcom-2025-57", "t/2025-10/en.txt", "2025-10", [S(["holmium"])])
    other = _notice("mofcom-2025-57", "t/2025-10/en2.txt", "2025-10", [S(["holmium"])])
    report = regime_changes([], [english, other])
    assert [(c.key, c.change) for c in report.changes] == [("item:holmium", "added")]
