"""The client alert is built from provisions only: each statement is a provision, linked to its evidence."""

from controlbrief.brief.alert import alert, by_sentence, headline

NOTICE = """Ministry of Commerce Announcement No. 99 of 2026

To safeguard national security, export control is implemented on the following items.
1. Tungsten carbide powder with a particle size of 5 μm or less (reference customs code 2849.90.30).
Exporters shall apply to the Ministry of Commerce for a licence. Exports to military end users will in principle not be permitted.
Exports for humanitarian aid are exempt from licensing.
This announcement takes effect on 1 March 2026.
"""


def test_alert_states_what_the_provisions_say(extract_text):
    doc = extract_text(NOTICE)
    a = alert(doc)
    kinds = {p.kind for p in doc.provisions}
    assert {"product_scope", "threshold", "licensing", "effective_date", "end_use_restriction"} <= kinds
    ids = {f"#ev-{p.id}" for p in doc.provisions}
    claims = a.items + a.thresholds + a.dates + a.end_uses + a.destinations + a.exemptions + a.reasons + a.relations
    assert claims and all(c.href in ids for c in claims)  # nothing without its evidence
    assert any("tungsten" in c.label for c in a.items)
    assert any("5" in c.label and "μm" in c.label for c in a.thresholds)
    assert any(c.label == "in effect from 2026-03-01" for c in a.dates)
    (duty,) = a.duties
    assert duty.authority is not None and duty.authority.href in ids
    assert a.headline.startswith("Controls ") and "2026-03-01" in a.headline and duty.authority.label in a.headline


def test_alert_of_a_notice_without_provisions_is_empty(extract_text):
    a = alert(extract_text("A press release about a trade fair."))
    assert a.empty and headline(a) == ""


def test_by_sentence_lists_each_sentence_once(extract_text):
    doc = extract_text(NOTICE)
    groups = by_sentence(doc)
    assert len({g.sentence for g in groups}) == len(groups)
    assert sum(len(g.claims) for g in groups) >= len({(p.kind, p.text) for p in doc.provisions})
    assert [g.sentence for g in groups] == list(dict.fromkeys(p.text for p in doc.provisions))
