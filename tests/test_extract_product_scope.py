import pytest

from support import provisions


def scopes(extract_text, text):
    return [(p.items, p.codes, p.technology) for p in provisions(extract_text(text), "product_scope")]


def test_extract_product_scope_alloy_partner_is_not_an_item(extract_text):
    text = "The following items shall not be exported without permission:\n(1) samarium metal, samarium-cobalt alloys and samarium oxide (1C902)."
    assert scopes(extract_text, text)[-1] == (["samarium"], ["1C902"], False)


def test_extract_product_scope_compound_names_its_controlled_element(extract_text):
    text = (
        "Export control is implemented on antimony items:\n(1) antimony metal;\n(2) indium antimonide with low defect density;\n"
        "Gallium items are also controlled:\n(1) indium gallium arsenide;"
    )
    got = [p.items for p in provisions(extract_text(text), "product_scope")]
    assert ["antimony"] in got and ["gallium"] in got
    assert all("indium" not in items for items in got)


def test_extract_product_scope_symbols_only_in_chemical_context(extract_text):
    assert scopes(extract_text, "Export control applies to holmium (Ho) items.")[0][0] == ["holmium"]
    assert scopes(extract_text, "Export controls apply. In particular, As noted, Be careful.") == []


def test_extract_product_scope_codes(extract_text):
    text = "Export controls apply to ECCN 3A090.a, entry 3B001, heading HS 8541 and customs code 2805.30.00 items."
    assert scopes(extract_text, text)[0][1] == ["3A090.a", "3B001", "8541", "2805.30.00"]


def test_extract_product_scope_table_rows_inherit_the_lead(extract_text):
    text = "The following items shall not be exported without permission:\nItem | Code\nGallium nitride | 2850001200\nGermanium dioxide | 2825600001"
    assert scopes(extract_text, text)[-2:] == [(["gallium"], ["2850001200"], False), (["germanium"], ["2825600001"], False)]


def test_extract_product_scope_technology(extract_text):
    got = scopes(extract_text, "Export control is implemented on rare earth smelting and separation technologies.")
    assert got == [(["rare earth"], [], True)]
    goods = scopes(extract_text, "Export control is implemented on lithium batteries and the equipment and technology to make them.")
    assert goods == [(["lithium battery"], [], False)]


def test_extract_product_scope_needs_control_language(extract_text):
    assert scopes(extract_text, "Magnet makers in Asia depend on rare earths from China.") == []


def test_extract_product_scope_carve_outs_are_not_scope(extract_text):
    got = scopes(extract_text, "Export controls apply to gallium items, except gallium-free substrates and germanium.")
    assert got == [(["gallium"], [], False)]


def test_extract_product_scope_instrument_names_are_not_items(extract_text):
    text = "Pursuant to the Regulations on Export Control of Dual-Use Items, export control applies to graphite."
    assert scopes(extract_text, text) == [(["graphite"], [], False)]


def test_extract_product_scope_conditional_is_not_in_force(extract_text):
    assert scopes(extract_text, "Analysts said Beijing could impose export controls on lithium batteries next.") == []
    assert scopes(extract_text, "The government threatened to restrict exports of gallium.") == []
    assert scopes(extract_text, "Gallium may not be exported without permission.") == [(["gallium"], [], False)]


def test_extract_product_scope_suspended_is_not_in_force(extract_text):
    assert scopes(extract_text, "Export controls on gallium and germanium are suspended until 27 November 2026.") == []


def test_unmarked_lines_under_a_marked_item_that_opens_a_sub_list_are_items(extract_text):
    text = ("It is decided to implement export controls on the following items:\n"
            "(1) Holmium-related items:\n"
            "holmium metal\n"
            "holmium oxide\n"
            "(2) Erbium-related items\n")
    described = [p.description for p in provisions(extract_text(text), "product_scope") if p.description]
    assert described == ["Holmium-related items", "holmium metal", "holmium oxide", "Erbium-related items"], described


def test_technology_is_read_after_the_control_language_not_in_an_earlier_title(extract_text):
    text = ("In accordance with the Regulations on Export Control of Dual-Use Items, it is decided to implement export "
            "controls on holmium related technologies and other items.")
    (scope,) = provisions(extract_text(text), "product_scope")
    assert scope.technology is True


@pytest.mark.parametrize(("text", "items"), [
    # Drones and their parts (China's 2023 and 2024 rounds), in the words of reports and of notices.
    ("Beijing will require licences to export certain consumer drones and drone engines from next month.",
     {"unmanned aerial vehicle", "aero-engine"}),
    ("The ministry said export controls would cover anti-drone systems, infrared imaging equipment and lasers.",
     {"anti-drone system", "infrared imaging equipment", "laser"}),
    ("Exports of UAVs and unmanned airships meeting the following criteria shall be subject to licensing.",
     {"unmanned aerial vehicle", "unmanned airship"}),
    # What the goods are made for is no item: the engines are.
    ("Aero-engines specially designed for unmanned aerial vehicles shall not be exported without a licence.",
     {"aero-engine"}),
    ("Infrared cameras designed for use in drones or unmanned airships, and lasers, are controlled.", {"infrared imaging equipment", "laser"}),
])
def test_drones_and_their_parts_are_items(extract_text, text, items):
    doc = extract_text(text)
    assert {i for p in provisions(doc, "product_scope") for i in p.items} == items


@pytest.mark.parametrize(("text", "items"), [
    # Modifiers that share one head noun name goods each: 'quantum ... items' are quantum items.
    ("New licence requirements cover certain quantum and additive manufacturing items.",
     {"quantum computer", "additive manufacturing equipment"}),
    ("The ministry will control exports of battery and semiconductor manufacturing equipment.",
     {"battery manufacturing equipment", "semiconductor manufacturing equipment"}),
    # Without a conjunction it is one name, not a list.
    ("The ministry will control exports of lithium battery materials.", {"lithium battery"}),
    ("The rule adds controls on gate-all-around transistor technology (GAAFET).", {"gate-all-around transistor"}),
])
def test_goods_that_share_a_head_noun(extract_text, text, items):
    assert {i for p in provisions(extract_text(text), "product_scope") for i in p.items} == items


def test_goods_in_the_quoted_title_of_another_rule_are_no_items(extract_text):
    doc = extract_text('The rule also corrects an earlier rule, titled "Additions to Controls on Gallium and Rare '
                       'Earth Magnets", and extends its comment period.')
    assert provisions(doc, "product_scope") == []
    # Quoted speech is no title: what it says is controlled is.
    doc = extract_text('"We will control exports of gallium," the minister said.')
    assert [p.items for p in provisions(doc, "product_scope")] == [["gallium"]]


def test_the_export_control_system_is_no_scope(extract_text):
    assert provisions(extract_text("Officials said the export control system for dual-use items would be modernised."),
                      "product_scope") == []
    doc = extract_text("Export control lawyers said the ministry will impose export controls on dual-use items.")
    assert [p.items for p in provisions(doc, "product_scope")] == [["dual-use item"]]


def test_ai_model_weights_are_items(extract_text):
    doc = extract_text("The rule also imposes a worldwide licence requirement on the model weights of advanced "
                       "closed AI models, classified under ECCN 4E091.")
    assert [(p.items, p.codes) for p in provisions(doc, "product_scope")] == [(["ai model weights"], ["4E091"])]


@pytest.mark.parametrize(("text", "items", "technology"), [
    # Goods that open a compound headed by a technology word name technology for them.
    ("The ministry added magnet material production technologies to its catalogue of restricted exports.",
     ["rare earth permanent magnet"], True),
    ("Beijing Widens Graphite Technology Export Restrictions - Anode, Flake, Spherical", ["graphite"], True),
    # Technology already under control language stays technology when a second control follows.
    ("The update adds licensing requirements for magnet recycling technologies and revises controls on "
     "terbium separation methods.", ["magnet", "terbium"], True),
])
def test_technology_named_by_its_goods(extract_text, text, items, technology):
    scopes = provisions(extract_text(text), "product_scope")
    assert [(sorted(p.items), p.technology) for p in scopes] == [(sorted(items), technology)]


def test_a_vital_material_in_chips_names_no_chips(extract_text):
    doc = extract_text("The catalogue now restricts technologies for refining germanium, a vital material in "
                       "semiconductor chips.")
    assert [p.items for p in provisions(doc, "product_scope")] == [["germanium"]]


@pytest.mark.parametrize(("text", "items"), [
    # Goods that qualify another noun name no item: the sector, the sanctions, the companies.
    ("Beijing banned gallium exports to the US a day after Washington's crackdown on China's chip sector.", ["gallium"]),
    ("The ministry restricted antimony exports in response to US chip sanctions.", ["antimony"]),
])
def test_goods_that_qualify_another_noun_are_no_items(extract_text, text, items):
    assert [p.items for p in provisions(extract_text(text), "product_scope")] == [items]


def test_a_technology_word_before_goods_qualifies_them(extract_text):
    doc = extract_text("Export controls on these two critical technology metals, gallium and germanium, apply from August.")
    assert [(p.items, p.technology) for p in provisions(doc, "product_scope")] == [(["gallium", "germanium"], False)]


def test_an_entry_named_as_a_place_in_the_list_is_not_in_scope(extract_text):
    """'after entry 5A002, insert— 5A004 ...': the entry before which text is inserted is where, not what."""
    doc = extract_text("In Annex I, after entry 5A002, insert the following entry:\n"
                       "5A004 Systems designed for defeating cryptographic functions.\n")
    codes = [c for p in doc.provisions if p.kind == "product_scope" for c in p.codes]
    assert "5A002" not in codes and "5A004" in codes


def test_a_spaced_control_number_with_capital_sub_items_is_read(extract_text):
    """Machine translations space and capitalise control numbers ('3C 901.A.1.'): one code, its case mended."""
    doc = extract_text("The following items are controlled:\n(I) 2C 902.B.3. Polycrystalline diamond compacts with a grain "
                       "size below 30 μm.\n")
    assert "2C902.b.3" in [c for p in doc.provisions if p.kind == "product_scope" for c in p.codes]


def test_controls_a_ministry_hopes_to_introduce_are_not_in_force(extract_text):
    doc = extract_text("Trade note\nThe ministry will take comments until 2 May, hoping to introduce export restrictions on "
                       "gallium wafers in August.")
    assert [p for p in doc.provisions if p.kind == "product_scope"] == []


@pytest.mark.parametrize(("text", "items"), [
    # Halting exports is a ban, whether the verb or a noun says it ('suspend' here suspends no control).
    ("Kazakhstan halted exports of tungsten concentrate on Monday.", ["tungsten"]),
    ("Zambia will suspend all cobalt exports for three months from 1 March 2026.", ["cobalt"]),
    ("The government announced a six-month moratorium on antimony exports.", ["antimony"]),
])
def test_a_halt_of_exports_is_a_ban(extract_text, text, items):
    doc = extract_text(text)
    assert [p.items for p in provisions(doc, "product_scope")] == [items]
    assert not [p for p in doc.provisions if p.kind == "relation"]
    assert "suspended_from" not in [p.event for p in provisions(doc, "effective_date")]


def test_a_halt_of_exports_to_a_country_prohibits_them(extract_text):
    doc = extract_text("Beijing will stop exporting gallium to Japan from 1 February 2026.")
    assert [(p.country, p.policy) for p in provisions(doc, "destination")] == [("japan", "prohibited")]


@pytest.mark.parametrize("text", [
    "The ministry suspended the controls on exports of gallium until next year.",
    "Acme Corp suspended shipments of gallium wafers to its customers.",
])
def test_suspending_controls_or_a_company_s_shipments_bans_nothing(extract_text, text):
    assert provisions(extract_text(text), "product_scope") == []


def test_chip_design_software_is_software_in_scope(extract_text):
    doc = extract_text("Suppliers of chip design software now need a licence to export it to Chinese customers.")
    assert [(p.items, p.technology) for p in provisions(doc, "product_scope")] == [(["eda software"], True)]


def test_what_a_ban_does_not_apply_to_is_not_in_scope(extract_text):
    """'does' lemmatizes to 'do' (the lookup table says 'doe'), so 'does not apply to' carves out what follows."""
    doc = extract_text("The export ban, signed by the mines minister, does not apply to shipments of tin concentrates.")
    assert provisions(doc, "product_scope") == []
    assert [e.exemption_type for e in provisions(doc, "exemption")] == ["carve_out"]


def test_miners_exempted_from_a_ban_put_nothing_in_scope(extract_text):
    doc = extract_text("Two large miners building refineries in the country are exempted from the ban.")
    assert provisions(doc, "product_scope") == []
    assert [e.exemption_type for e in provisions(doc, "exemption")] == ["carve_out"]


def test_goods_inside_a_proper_name_are_no_items(extract_text):
    doc = extract_text("Analysts at the Cobalt Institute and Jiangxi Tungsten Holdings welcomed the ban on nickel exports.")
    assert [p.items for p in provisions(doc, "product_scope")] == [["nickel"]]


def test_what_an_ore_is_the_source_of_is_no_item(extract_text):
    doc = extract_text("Guinea will ban exports of bauxite, the main source of aluminium, from next year.")
    assert [p.items for p in provisions(doc, "product_scope")] == [["bauxite"]]


def test_goods_a_country_dominates_are_not_under_control(extract_text):
    """'almost exclusively controlled by China' is a market's control: no scope, and no licence for the uses named."""
    doc = extract_text("Tungsten, which helps make drill bits, armour and missiles, is almost exclusively controlled "
                       "by China.")
    assert provisions(doc, "product_scope") == []
    assert provisions(doc, "end_use_restriction") == []


@pytest.mark.parametrize("text", [
    # A ban only proposed, weighed or urged is not in force.
    "Lawmakers in Manila are weighing a ban on exports of nickel ore.",
    "The industry asked the senate to drop a proposed five-year ban on cobalt exports.",
    "If signed into law, the bill will prohibit exports of raw chromite and nickel ore after five years.",
])
def test_a_ban_not_yet_law_is_not_in_scope(extract_text, text):
    assert provisions(extract_text(text), "product_scope") == []


def test_goods_of_a_measure_compared_with_are_not_in_scope(extract_text):
    """The goods of the measure a sentence compares its own with are that measure's; an opening comparison ends at
    its comma."""
    doc = extract_text("Ghana restricted exports of raw manganese ore, similar to the ban Gabon imposed on tin.\n\n"
                       "Similar to Indonesia, Zimbabwe banned exports of lithium ore.")
    assert [p.items for p in provisions(doc, "product_scope")] == [["manganese"], ["lithium"]]


@pytest.mark.parametrize(("text", "items"), [
    # Limiting or capping exports is a control, whether the verb or a noun says it.
    ("Moscow has limited exports of argon and helium until the end of the year.", ["argon", "helium"]),
    ("The cabinet set a cap on shipments of nickel ore for twelve months.", ["nickel"]),
    # Allowed only with the state's permission: a licence requirement, so a scope.
    ("Sales of xenon abroad will only be allowed with the government's prior permission.", ["xenon"]),
    # A decision reported in the past tense is taken, not weighed.
    ("Astana announced on Monday that it would impose restrictions on exports of uranium.", ["uranium"]),
    # What goods are an ingredient for is no item.
    ("Beijing restricted exports of germanium, a key ingredient for making chips.", ["germanium"]),
])
def test_limits_caps_and_reported_decisions_set_a_scope(extract_text, text, items):
    assert [p.items for p in provisions(extract_text(text), "product_scope")] == [items]


@pytest.mark.parametrize("text", [
    # Imports, another country's measure cited as an example, a permission that is no licence, a forecast.
    "Ottawa has adopted a ban on imports of Russian palladium.",
    "Officials cited the example of Indonesia, which banned exports of nickel ore in 2020.",
    "The agency has been permitted to waive fees for cobalt refiners until 2027.",
    "Analysts said Astana could impose restrictions on uranium exports next year.",
])
def test_imports_examples_and_forecasts_set_no_scope(extract_text, text):
    assert provisions(extract_text(text), "product_scope") == []


@pytest.mark.parametrize("text", [
    # Another country's ban the sentence sets beside the notice's; a mining licence.
    "Another cobalt producer Zambia banned cobalt ore exports last year.",
    "The curbs come just weeks after Chile restricted exports of lithium carbonate.",
    "The court upheld the withdrawal of the cobalt mining licence of a local firm.",
])
def test_another_country_s_ban_and_a_mining_licence_set_no_scope(extract_text, text):
    assert provisions(extract_text(text), "product_scope") == []


def test_a_measure_that_is_part_of_a_plan_is_in_force_and_listed_items_continue_it(extract_text):
    doc = extract_text("Myanmar will halt exports of tin ore from 1 March 2027 as part of a national plan to build "
                       "smelters.\nMetals covered are tungsten and antimony.\n")
    assert [p.items for p in provisions(doc, "product_scope")] == [["tin"], ["tungsten", "antimony"]]
    assert [(p.event, p.date) for p in provisions(doc, "effective_date")] == [("effective", "2027-03-01")]


@pytest.mark.parametrize(("text", "items"), [
    ("Officials are expected to halt exports of cobalt hydroxide next month.", []),
    ("Beijing restricted exports of dysprosium, a vital material for wind turbine generator magnets.", [["dysprosium"]]),
])
def test_an_expected_halt_and_a_use_three_words_long(extract_text, text, items):
    assert [p.items for p in provisions(extract_text(text), "product_scope")] == items


@pytest.mark.parametrize(("text", "items"), [
    # A common-word element in a list of elements is the element; a lead-acid battery is goods of its own.
    ("Exports of copper, nickel and tin scrap are banned.", ["copper", "nickel", "tin"]),
    ("Used lead-acid batteries may not be exported.", ["lead-acid battery"]),
])
def test_listed_common_elements_and_lead_acid_batteries(extract_text, text, items):
    assert [p.items for p in provisions(extract_text(text), "product_scope")] == [items]


@pytest.mark.parametrize("text", [
    # A ban still to be written, prepared or only planned is not in force.
    "Hanoi will develop a policy to ban exports of tungsten concentrate.",
    "The country is gearing up to halt exports of tin ore.",
    "Jakarta's nickel export ban could potentially impact steelmakers abroad.",
    "Vietnam Plans Tungsten Export Ban to Support Smelters\nThe story continues below.",
])
def test_policies_to_come_and_what_a_ban_may_do_set_no_scope(extract_text, text):
    assert provisions(extract_text(text), "product_scope") == []


def test_no_one_allowed_to_export_is_a_ban(extract_text):
    doc = extract_text("The ministry said no firm would be allowed to export tin concentrate unless it smelts the ore "
                       "locally.")
    assert [p.items for p in provisions(doc, "product_scope")] == [["tin"]]


@pytest.mark.parametrize("text, items", [
    ("Beijing will require a special export licence for silver from next year.", ["silver"]),
    ("Exports of gold remain under a state trading system run by the ministry.", ["gold"]),
    ("The order sets strict conditions on the export of tin and tungsten.", ["tin", "tungsten"]),
    ("The country's silver exports will be handled through a state-trading regime.", ["silver"]),
])
def test_state_trading_and_conditions_on_exports_and_common_words_as_their_object(extract_text, text, items):
    assert [p.items for p in provisions(extract_text(text), "product_scope")] == [items]


def test_silver_as_a_colour_is_no_item(extract_text):
    assert provisions(extract_text("The ministry's export rules came with a silver lining for chip makers."), "product_scope") == []


def test_laboratory_instruments_and_codes_they_move_from_or_serve(extract_text):
    """Flow cytometers and mass spectrometers are goods; the ECCN instruments move from is their old entry, and the
    ECCN whose items a technology entry develops belongs to those items, not to the technology."""
    doc = extract_text("The rule moves cell sorters and mass spectrometers from ECCN 3A999 into new ECCN 3A070.\n"
                       "New ECCN 3E070 controls technology for the production of ECCN 3A070 items.\n")
    assert [(p.items, p.codes) for p in provisions(doc, "product_scope")] == [
        (["cell sorter", "mass spectrometer"], ["3A070"]), ([], ["3E070"])]


@pytest.mark.parametrize("text, items", [
    ("Washington has suspended the export of jet engines to the planemaker.", ["aero-engine"]),
    ("The agency halted licences for ethane, citing Beijing's curbs on rare earth exports.", ["ethane"]),
    ("Licences are now required for jet engines, in response to China's controls on gallium.", ["aero-engine"]),
])
def test_a_halted_export_of_goods_and_the_measure_it_answers(extract_text, text, items):
    """'suspended the export of' halts it (unlike 'suspended the export ban'); what a measure is taken in response to,
    or citing, is the other side's measure: its goods are no items of this one."""
    assert [p.items for p in provisions(extract_text(text), "product_scope")] == [items]


def test_a_customs_code_in_three_groups_is_one_code(extract_text):
    doc = extract_text("The export of goods under HS code 2805 30 00 is prohibited with immediate effect.")
    assert [p.codes for p in provisions(doc, "product_scope")] == [["28053000"]]


def test_goods_after_equipment_and_for_are_what_it_serves(extract_text):
    """'etching systems for silicon carbide': the lexicon names the equipment, the goods are what it works on."""
    doc = extract_text("Licences are now required to export etching systems for silicon carbide substrates.")
    assert [p.items for p in provisions(doc, "product_scope")] == [["semiconductor manufacturing equipment"]]


def test_chemical_vapour_deposition_names_no_diamond_equipment(extract_text):
    """CVD makes many films; only the diamond kinds (MPCVD, plasma jet) are the diamond list's equipment."""
    doc = extract_text("Exporters must obtain a licence for chemical vapor deposition equipment before shipping it abroad.")
    assert [p.items for p in provisions(doc, "product_scope")] == [["semiconductor manufacturing equipment"]]
    diamond = extract_text("The export of microwave plasma chemical vapor deposition equipment is prohibited.")
    assert [p.items for p in provisions(diamond, "product_scope")] == [["cvd diamond equipment"]]


_JAPAN = ("Japan adds twelve firms to its strategic goods blacklist\n\n"
          "Japan's trade ministry has added twelve drone makers to its list of controlled end users.\n\n"
          "Exporters will need permits before selling any goods to the firms.\n\n"
          "{background}\n")


@pytest.mark.parametrize("background", [
    "Last month, the United States barred exports of advanced chips to the same firms.",
    "Several of the firms had already been blacklisted by the United States for supplying engines to Iran.",
    "Suppliers there had long complied with U.S. restrictions on chip exports to such companies.",
])
def test_another_countrys_measure_is_the_reports_background(extract_text, background):
    """The title says who acts (Japan): what the United States did is background, not Korea's scope or list."""
    doc = extract_text(_JAPAN.format(background=background))
    assert provisions(doc, "product_scope") == []
    assert [p.end_use for p in provisions(doc, "end_use_restriction")] == ["listed_entities"]
    assert len(provisions(doc, "licensing")) == 1


def test_a_measure_is_its_own_where_no_title_names_who_acts(extract_text):
    doc = extract_text("Chip curbs explained\n\nLast month, the United States banned exports of advanced chips to the "
                       "same firms.\n")
    assert [p.items for p in provisions(doc, "product_scope")] == [["integrated circuit"]]
    own = extract_text(_JAPAN.format(background="Japan, like the United States, also banned exports of advanced chips "
                                                "to the firms."))
    assert [p.items for p in provisions(own, "product_scope")] == [["integrated circuit"]]


def test_a_bare_licence_beside_a_mining_licence_is_no_export_licence(extract_text):
    doc = extract_text("The licence was withdrawn because the miner was extracting tantalum in the north while only "
                       "in possession of an exploration licence.")
    assert provisions(doc, "product_scope") == []
    kept = extract_text("Tantalum now needs an export licence, which firms holding a mining licence must also obtain.")
    assert [p.items for p in provisions(kept, "product_scope")] == [["tantalum"]]


def test_a_serial_number_in_groups_is_no_customs_code(extract_text):
    doc = extract_text("15 CFR Part 744 [Docket No. 2207150431-4421-01] RIN 0694-AZ99 Licence Requirements for Exports "
                       "to Listed Parties")
    assert [p.codes for p in provisions(doc, "product_scope")] == []
    kept = extract_text("Exports of goods under customs codes 2841801000-2841809000 require a licence.")
    assert [p.codes for p in provisions(kept, "product_scope")] == [["2841801000", "2841809000"]]


def test_goods_bought_without_restrictions_are_no_scope(extract_text):
    doc = extract_text("Allied countries can buy advanced AI chips from American suppliers without any restrictions.")
    assert provisions(doc, "product_scope") == []


def test_a_former_rule_as_the_subject_sets_no_scope(extract_text):
    doc = extract_text("The earlier drone rules, issued in March, introduced licences for exports of drone engines.")
    assert provisions(doc, "product_scope") == []
    kept = extract_text("The new drone rules introduced licences for exports of drone engines.")
    assert len(provisions(kept, "product_scope")) == 1
