"""Paraphrases in the registers of real notices that appear nowhere in corpus/.

They guard generality: rules must read the language of regulations, not the
sample files. Each case is one invented sentence and what an analyst reads.
"""

import pytest

from support import provisions


@pytest.mark.parametrize(
    ("text", "kind", "fields"),
    [
        ("Foreign-made parts in which the Chinese-origin content accounts for a value ratio of 0.1% or more are covered.",
         "threshold", {"value": 0.1, "unit": "percent", "comparator": ">="}),
        ("Ultra-pure germanium with a purity of at least 99.9999 per cent requires a licence.",
         "threshold", {"value": 99.9999, "unit": "percent", "comparator": ">="}),
        ("In principle, no license will be granted for exports to overseas military end-users.",
         "end_use_restriction", {"end_use": "military", "policy": "deny"}),
        ("Export applications where the end-use is for the R&D of memory chips with 256 layers and above will be reviewed case-by-case.",
         "end_use_restriction", {"end_use": "advanced_semiconductors", "policy": "case_by_case"}),
        ("Technologies for magnet material manufacturing (Control Code: 1E902.a) may not be exported without permission.",
         "product_scope", {"codes": ["1E902.a"], "technology": True}),
        ("Overseas exporters must obtain a dual-use item export license issued by MOFCOM before exporting.",
         "licensing", {"authority": "ministry of commerce"}),
        ("[Issuing Date] October 9, 2025", "effective_date", {"date": "2025-10-09", "event": "published"}),
        ("These measures come into force on 1st December 2025.", "effective_date", {"date": "2025-12-01", "event": "effective"}),
        ("The rule is intended to protect the security of the state and to counter the proliferation of such weapons.",
         "rationale", {"category": "national_security"}),
        ("Shipments destined for Macau will be subject to a presumption of denial.", "destination", {"country": "macau", "policy": "deny"}),
        ("Items for disaster relief may be exported without a licence upon prior notification.", "exemption", {"exemption_type": "humanitarian"}),
        ("License applications for items destined to a destination specified in Country Group D:5 will be reviewed under a presumption of denial.",
         "destination", {"country": "country group d:5", "policy": "deny"}),
        ("Contracts exceeding EUR 100,000 in value require prior authorisation.", "threshold", {"value": 100000, "unit": "eur", "comparator": ">"}),
        ("It shall be prohibited to sell or export the goods listed in Annex XXIII to any natural or legal person in Russia.",
         "destination", {"country": "russia", "policy": "prohibited"}),
    ],
)
def test_extract_paraphrases(extract_text, text, kind, fields):
    found = provisions(extract_text(text), kind)
    assert any(all(getattr(p, k) == v for k, v in fields.items()) for p in found), [p.model_dump() for p in found]


def test_extract_paraphrases_whole_unseen_notice(run_cli):
    """An invented notice in the register of real announcements, with none of the corpus's sentences."""
    import json

    from support import DATA

    result = run_cli("extract", str(DATA / "unseen-tungsten.txt"))
    provisions = json.loads(result.stdout)["documents"][0]["provisions"]
    got = {(p["kind"], json.dumps({k: v for k, v in p.items() if k not in {"id", "text", "span", "page", "pattern", "kind"}},
                                  sort_keys=True)) for p in provisions}
    facts = {k: [json.loads(v) for kk, v in got if kk == k] for k in {kk for kk, _ in got}}
    assert {i for s in facts["product_scope"] for i in s["items"]} == {"tungsten"}
    assert {c for s in facts["product_scope"] for c in s["codes"]} == {"1C904.c", "1C904.d"}
    assert {(t["value"], t["unit"], t["comparator"]) for t in facts["threshold"]} == {(99.95, "percent", ">="), (7, "nm", "<=")}
    assert {(e["end_use"], e["policy"]) for e in facts["end_use_restriction"]} == {
        ("military", "deny"), ("listed_entities", "deny"), ("advanced_semiconductors", "case_by_case")}
    assert {r["category"] for r in facts["rationale"]} == {"national_security", "national_interests"}
    assert {(d["event"], d["date"]) for d in facts["effective_date"]} == {("published", "2026-03-03"), ("effective", "2026-04-01")}
    # Who applies to whom and within how long; 'applications ... will be reviewed' is licensing too.
    assert {(x["authority"], x["applicant"], x["review_days"]) for x in facts["licensing"]} == {
        ("ministry of commerce", "exporters", 45), (None, None, None)}


def test_extract_paraphrases_deadline_is_not_a_dateline(extract_text):
    doc = extract_text("This rule is effective January 15, 2026.\nComments must be received by March 16, 2026.")
    # The deadline is a comment deadline (schema_version 2), never the publication.
    assert [(p.event, p.date) for p in provisions(doc, "effective_date")] == [("effective", "2026-01-15"), ("comment_deadline", "2026-03-16")]


@pytest.mark.parametrize(("text", "named"), [
    ("On 2 March 2026, the department formally rescinded the chip diffusion rule.", ["chip diffusion rule"]),
    ("Officials said BIS had revoked the so-called foundry rule last week.", ["foundry rule"]),
    # A rule named by no more than 'the new rule' is no name, nor is an order for goods.
    ("The agency rescinded the new rule after complaints.", []),
    ("The buyer cancelled the purchase order for gallium.", []),
])
def test_a_rule_named_in_lower_case_is_revoked_by_name(extract_text, text, named):
    doc = extract_text("Client alert\n" + text)
    assert [p.target_text for p in provisions(doc, "relation")] == named


def test_the_suspension_of_its_interim_rule_names_no_rule(extract_text):
    doc = extract_text("Client alert\nOn 4 March 2026, the bureau announced the suspension of its interim final rule on "
                       "affiliates for one year.")
    assert provisions(doc, "relation") == []
