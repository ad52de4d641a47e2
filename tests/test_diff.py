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
        ("threshold", "percent|value of content", "changed", ["value"], "tightened"),
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
    assert json.loads(first)["schema_version"] == 1
