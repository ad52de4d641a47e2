import pytest

from support import provisions


@pytest.mark.parametrize(
    ("text", "categories"),
    [
        ("To safeguard national security and interests and fulfil international obligations such as non-proliferation, controls apply.",
         ["national_security", "national_interests", "international_obligations", "non_proliferation"]),
        ("The measures aim to maintain the safety and stability of global industrial and supply chains.", ["supply_security"]),
        ("BIS acts to protect U.S. national security and foreign policy interests.", ["national_security", "foreign_policy"]),
        ("Beijing cited national security as the rationale.", ["national_security"]),
        ("The measure is adopted in response to the unilateral sanctions.", ["countermeasure"]),
    ],
)
def test_extract_rationale_categories(extract_text, text, categories):
    assert sorted(p.category for p in provisions(extract_text(text), "rationale")) == sorted(categories)


def test_extract_rationale_needs_a_purpose_cue(extract_text):
    assert provisions(extract_text("The national security adviser spoke on Tuesday."), "rationale") == []


def test_a_reason_inside_what_something_is_critical_to_is_no_rationale(extract_text):
    """'tantalum, a metal vital to aerospace and national security interests' says why tantalum matters."""
    doc = extract_text("The rule covers tantalum, a metal vital to aerospace and national security interests.")
    assert provisions(doc, "rationale") == []
