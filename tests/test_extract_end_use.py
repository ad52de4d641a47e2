import pytest

from support import provisions


def end_uses(extract_text, text):
    return [(p.end_use, p.policy) for p in provisions(extract_text(text), "end_use_restriction")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Applications for exports to military end users will in principle not be approved.", [("military", "deny")]),
        ("Exports for weapons of mass destruction and their means of delivery will not be approved.", [("wmd", "deny")]),
        ("Applications for the research and development or production of logic chips will be examined case by case.",
         [("advanced_semiconductors", "case_by_case")]),
        ("Artificial intelligence research with potential military applications will be reviewed case-by-case.",
         [("ai_military", "case_by_case")]),
        ("The export of dual-use items to United States military users is prohibited.", [("military", "prohibited")]),
        ("License applications for parties on the Entity List will be reviewed under a presumption of denial.", [("listed_entities", "deny")]),
        ("An authorisation shall be required for items intended for chemical or biological weapons.", [("wmd", "license_required")]),
    ],
)
def test_extract_end_use_and_policy(extract_text, text, expected):
    assert end_uses(extract_text, text) == expected


def test_extract_end_use_policy_from_its_own_clause(extract_text):
    text = "Exports to military end users are prohibited; applications relating to production of advanced chips will be reviewed case by case."
    assert end_uses(extract_text, text) == [("military", "prohibited"), ("advanced_semiconductors", "case_by_case")]


def test_extract_end_use_party(extract_text):
    (p,) = provisions(extract_text("The export of dual-use items to United States military users is prohibited."), "end_use_restriction")
    assert p.party == "United States"


def test_extract_end_use_suspended_or_topic_only_is_not_a_restriction(extract_text):
    assert end_uses(extract_text, "The ban on exports to military users is suspended until 10 November 2026.") == []
    assert end_uses(extract_text, "Military users in the region bought more drones.") == []


def test_end_uses_named_in_a_quoted_title_restrict_nothing(extract_text):
    text = ('On May 2, 2024, BIS released the interim final rule "Wafer Items; Supercomputer End Use; Entity List '
            'Modification", which licenses exports for military end users case by case.')
    uses = {p.end_use for p in provisions(extract_text(text), "end_use_restriction")}
    assert "listed_entities" not in uses and "military" in uses, uses


def test_a_rules_capitalized_name_is_no_end_use(extract_text):
    doc = extract_text("This Advanced Computing/ Supercomputing IFR addresses comments on the controls on integrated circuits.")
    assert [p for p in doc.provisions if p.kind == "end_use_restriction"] == []
    doc = extract_text("The Military End User Rule requires a license for exports of listed items to military end users in Russia.")
    assert [(p.end_use, p.party) for p in doc.provisions if p.kind == "end_use_restriction"] == [("military", "Russia")]


def test_regime_names_and_exporters_countries_restrict_nothing(extract_text):
    doc = extract_text("The list of controlled items stays aligned with the Missile Technology Control Regime.")
    assert [p for p in doc.provisions if p.kind == "end_use_restriction"] == []
    doc = extract_text("Licences are required before U.S. exporters ship such items to listed entities.")
    assert [p.party for p in doc.provisions if p.kind == "end_use_restriction"] == ["listed entities"]


@pytest.mark.parametrize("text", [
    "The rules also cover some consumer drones, and no civilian model may be exported for military purposes.",
    "Officials said the controls were meant to stop the parts from being exported for military use.",
])
def test_goods_none_may_export_for_a_use_are_prohibited_for_it(extract_text, text):
    doc = extract_text(text)
    assert [(p.end_use, p.policy) for p in provisions(doc, "end_use_restriction")] == [("military", "prohibited")]


@pytest.mark.parametrize("text", [
    "The rule also controls technology for transistors that can be used in supercomputers.",
    "Analysts noted that the sensors could be deployed for military purposes.",
])
def test_what_goods_can_be_used_for_restricts_no_use(extract_text, text):
    assert provisions(extract_text(text), "end_use_restriction") == []


def test_permits_and_government_approval_are_licences(extract_text):
    doc = extract_text("Listing on the ministry's entity list means local firms will need government approval before "
                       "shipping any goods to those companies.")
    assert [(p.end_use, p.policy) for p in provisions(doc, "end_use_restriction")] == [("listed_entities", "license_required")]


def test_a_list_word_used_as_a_verb_names_no_party(extract_text):
    doc = extract_text("Korea blacklists Acme Optics and two suppliers, requiring licences for exports to them.")
    assert [(p.end_use, p.party) for p in provisions(doc, "end_use_restriction")] == [("listed_entities", None)]


def test_a_prohibition_noun_prohibits(extract_text):
    doc = extract_text("The notice also kept a direct prohibition on shipping dual-use items to military users.")
    assert [(p.end_use, p.policy) for p in provisions(doc, "end_use_restriction")] == [("military", "prohibited")]


@pytest.mark.parametrize(("text", "party"), [
    ("The agency added Orion Avionics and Delta Microsystems (DMS) to the Entity List, so any export to them needs a licence.",
     "Orion Avionics and Delta Microsystems (DMS)"),
    ("Late on Friday, Kestrel Optics, Lumen Materials and Vega Semiconductor were placed on the Entity List; "
     "exports to them require a license.", "Kestrel Optics, Lumen Materials and Vega Semiconductor"),
    ("商务部决定将北辰防务公司、远星航电公司列入不可靠实体清单，禁止其从事与中国有关的进出口活动。", "北辰防务公司、远星航电公司"),
    ("决定将参与对台军售的北辰防务公司列入不可靠实体清单，禁止其从事与中国有关的进出口活动。", "北辰防务公司"),
    # 'has added' is active: the names follow the verb, the country before it acts.
    ("Japan has added Kestrel Optics to its end user list, and exports to it now need a licence.", "Kestrel Optics"),
    # A count or a class names no one: the list is the party.
    ("The department added 37 entities to the Entity List; exports to them require a license.", "Entity List"),
    ("Officials placed three foreign drone makers on the Entity List, and exports to them now need a license.", "Entity List"),
])
def test_the_names_put_on_a_list_are_the_party(extract_text, text, party):
    assert [p.party for p in provisions(extract_text(text), "end_use_restriction")] == [party]


@pytest.mark.parametrize(("text", "expected"), [
    ("The agency placed Kestrel Optics and eleven affiliates on the Entity List. For all 12 entities, a licence is "
     "required for every item subject to the EAR, and applications will be reviewed under a presumption of denial.",
     [("listed_entities", "deny")]),
    ("The rule adds Orion Avionics to the Entity List. These entities face a license requirement for all items "
     "subject to the EAR, which BIS will review case by case.",
     [("listed_entities", "case_by_case")]),
    # A review policy of another end use's clause stays there.
    ("Exports to listed entities require a license, and applications for military end users will be reviewed "
     "under a presumption of denial.", [("listed_entities", "license_required"), ("military", "deny")]),
])
def test_the_review_policy_of_a_required_licence_is_the_policy(extract_text, text, expected):
    assert end_uses(extract_text, text) == expected


def test_what_goods_could_be_made_into_restricts_no_use(extract_text):
    doc = extract_text("The updated control list includes three marine toxins, which can also be produced and used for "
                       "chemical weapons.")
    assert provisions(doc, "end_use_restriction") == []


@pytest.mark.parametrize(("text", "party"), [
    # The country whose sanctions or controls apply acts; it is not whose use is restricted.
    ("The measure requires a licence for any firm majority-owned by parties named under U.S. sanctions programs or "
     "by military end users.", "military end users"),
    ("Exports to military end users in Belarus now require a licence under EU export controls.", "Belarus"),
])
def test_a_country_that_controls_is_no_party(extract_text, text, party):
    found = provisions(extract_text(text), "end_use_restriction")
    assert [(p.end_use, p.party) for p in found if p.end_use == "military"] == [("military", party)]


def test_an_end_use_goods_are_critical_to_is_no_restriction(extract_text):
    doc = extract_text("Zambia froze exports of cobalt, a metal critical to global battery and defence industries.")
    assert provisions(doc, "end_use_restriction") == []
