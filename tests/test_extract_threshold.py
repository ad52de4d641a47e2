import pytest

from support import provisions


def thresholds(extract_text, text):
    return [(p.value, p.unit, p.comparator) for p in provisions(extract_text(text), "threshold")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Foreign items whose Chinese-origin content value is 0.1% or more of the total value are controlled.", [(0.1, "percent", ">=")]),
        ("Oxides of a purity not less than 99.99 per cent shall not be exported without permission.", [(99.99, "percent", ">=")]),
        ("Compounds with purity greater than 99.999% are controlled.", [(99.999, "percent", ">")]),
        ("Logic chips at or below 14 nanometers are subject to review.", [(14, "nm", "<=")]),
        ("Memory chips of 256 layers and above are subject to review.", [(256, "layers", ">=")]),
        ("Items with more than 25 percent controlled U.S.-origin content by value are subject to the EAR.", [(25, "percent", ">")]),
        ("A company in which listed parties hold a 50% or greater stake is treated as listed.", [(50, "percent", ">=")]),
        ("Artificial graphite with purity>99.9% is controlled.", [(99.9, "percent", ">")]),
        ("Indium antimonide with a dislocation density below 50 per cm2 is controlled.", [(50, "per_cm2", "<")]),
        ("Chips with a total processing performance (TPP) of 4800 or more are controlled.", [(4800, "tpp", ">=")]),
        ("Graphite with flexural strength greater than 30 MPa and density greater than 1.73 g/cm3 is controlled.",
         [(30, "mpa", ">"), (1.73, "g_cm3", ">")]),
        ("Gate lengths between 16 nm and 28 nm are subject to control.", [(16, "nm", ">="), (28, "nm", "<=")]),
    ],
)
def test_extract_threshold_forms(extract_text, text, expected):
    assert thresholds(extract_text, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "China accounts for about 90% of global rare earth output.",
        "Prices rose by more than 25 percent after the announcement.",
        "The company hired more than 25 engineers.",
        "Rare earths made up 2 percent of staff costs.",
    ],
)
def test_extract_threshold_ignores_distractor_numbers(extract_text, text):
    assert thresholds(extract_text, text) == []


def test_extract_threshold_measure_is_the_measured_phrase(extract_text):
    doc = extract_text("Items where the value of such Chinese-origin rare earth items accounts for 0.1% or more of the total value are controlled.")
    (t,) = provisions(doc, "threshold")
    assert t.measure == "value of such Chinese-origin rare earth items"
    assert t.pattern == "threshold.or_more"
    assert doc.provisions[0].text.startswith("Items where")


def test_extract_threshold_bare_percentage_needs_a_measure(extract_text):
    with_measure = extract_text("The rules cover products containing traces (0.1%) of Chinese-origin material.")
    without = extract_text("The ministry said 0.1% of exporters replied.")
    assert [(p.value, p.comparator) for p in provisions(with_measure, "threshold")] == [(0.1, ">=")]
    assert provisions(without, "threshold") == []


def test_extract_threshold_span_points_at_evidence(extract_text):
    text = "Purity greater than 99.999% is controlled."
    (t,) = provisions(extract_text(text), "threshold")
    assert text[t.span[0]:t.span[1]] == "greater than 99.999%"


def test_a_measure_after_a_comma_belongs_to_the_next_limit(extract_text):
    doc = extract_text("Laser modules with a pulse energy above 260 nJ, and an aperture diameter above 22 mm, are controlled.")
    assert [(p.value, p.measure, p.measure_key) for p in provisions(doc, "threshold")] == [
        (260, "pulse energy", "other"), (22, "diameter", "diameter")]


def test_a_measure_after_other_words_belongs_to_the_next_limit(extract_text):
    doc = extract_text("Alloys having a creep life greater than 2 000 hours at 300 MPa and a yield strength greater "
                       "than 700 MPa are controlled.")
    assert [(p.value, p.unit, p.measure_key) for p in provisions(doc, "threshold")] == [
        (2000, "other", "duration"), (700, "mpa", "strength")]
    # Right after the limit, a measure is its own: 'more than 40 nm in diameter'.
    doc = extract_text("Powders of more than 40 nm in diameter are controlled.")
    assert [(p.value, p.measure_key) for p in provisions(doc, "threshold")] == [(40, "diameter")]


def test_a_measure_named_in_an_of_phrase_after_the_limit_is_its_own(extract_text):
    doc = extract_text("Foreign-made magnets containing Chinese-origin terbium worth 0.1% or more of the magnet's "
                       "value need a licence.")
    assert [(p.value, p.measure_key) for p in provisions(doc, "threshold")] == [(0.1, "origin_value_share")]


def test_a_test_condition_is_no_limit(extract_text):
    doc = extract_text("1. Anode powders whose tap density under 300 MPa is ≥ 1.9 g/cc and whose capacity is "
                       "≥ 350 mAh/g.")
    assert [(p.value, p.unit, p.measure_key) for p in provisions(doc, "threshold")] == [
        (1.9, "g_cm3", "density"), (350, "mah_g", "capacity")]


def test_a_market_share_that_a_country_controls_is_no_limit(extract_text):
    doc = extract_text("It controls roughly 80% of global magnet processing capacity and commands about 60% of the motor "
                       "market.")
    assert provisions(doc, "threshold") == []


@pytest.mark.parametrize(("text", "expected"), [
    # A change of limit: the new one only, not a band from the old one to it.
    ("The amended regulation cuts the permitted foreign content value from 20% to 5% of the finished item.",
     [(5, "percent", ">=")]),
    # The draft's value, or the one a limit is compared with, is not the limit.
    ("Exporters must now obtain a licence for alloys with a tungsten content above 90% by weight, rather than "
     "the 95% content level set out in the draft.", [(90, "percent", ">")]),
    ("Beryllium with a purity of at least 99.5% is listed, down from 99.8% in the earlier version.",
     [(99.5, "percent", ">=")]),
    ("Industry groups urged the agency to retain the proposal's 30% foreign content threshold, but the final "
     "regulation sets a 15% threshold on foreign content value.", [(15, "percent", ">=")]),
    # A band stays a band where nothing changes.
    ("Powders with a particle size from 10 μm to 45 μm are subject to licensing.", [(10, "um", ">="), (45, "um", "<=")]),
])
def test_a_former_or_draft_value_is_no_limit(extract_text, text, expected):
    assert thresholds(extract_text, text) == expected


def test_a_share_of_capacity_is_no_threshold(extract_text):
    doc = extract_text("Exports of tin are banned because smelters ran at only 60% of their capacity.")
    assert [p for p in doc.provisions if p.kind == "threshold"] == []


def test_values_things_typically_have_are_no_limits(extract_text):
    doc = extract_text("The controls cover battery cells, while cells sold today typically store 250 to 290 Wh/kg.")
    assert provisions(doc, "threshold") == []
    doc = extract_text("Controlled cells have an energy density of 300 Wh/kg or more.")
    assert [(p.value, p.comparator) for p in provisions(doc, "threshold")] == [(300, ">=")]


def test_a_limit_still_to_be_decided_and_one_more_expensive_than(extract_text):
    """'set to approve banning ... worth more than €300' is a plan: no limit yet; 'goods more expensive than 300 euros
    are prohibited for export' sets one."""
    assert provisions(extract_text("The bloc is set to approve banning sales of watches worth more than €500."), "threshold") == []
    doc = extract_text("Watches more expensive than 500 euros are prohibited for export to the region.")
    assert [(p.value, p.unit, p.comparator) for p in provisions(doc, "threshold")] == [(500, "eur", ">")]
