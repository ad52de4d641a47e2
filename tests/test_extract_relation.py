"""Relations (what a notice does to others): real-register shapes that name no target."""

from support import provisions


def test_the_law_a_notice_acts_under_is_no_target(extract_text):
    """'In exercise of the powers conferred by ... Act, 2019 (No. 7 of 2019), as amended, ... hereby makes the
    following amendments in the Schedule': the Act is the legal basis; 'as amended' describes it."""
    doc = extract_text("In exercise of the powers conferred by Section 4 of the Export Act, 2019 (No. 7 of 2019), as "
                       "amended, the Government hereby makes the following amendments in the Export Schedule.\n")
    assert provisions(doc, "relation") == []


def test_measures_that_do_not_extend_to_something_extend_nothing(extract_text):
    doc = extract_text("The measures in Regulation (EU) No 833/2014 do not extend to transfers within the Union.\n")
    assert provisions(doc, "relation") == []


def test_widening_the_scope_of_controls_extends_no_notice(extract_text):
    doc = extract_text("Two member states have extended the scope of their controls beyond the items in Annex I of "
                       "Regulation (EU) 2021/821.\n")
    assert provisions(doc, "relation") == []


def test_a_rule_named_after_its_issuing_day_is_the_target_and_its_called_off_start_no_from(extract_text):
    doc = extract_text("On 2 June 2025, the agency announced a rescission of the Harlow administration's March 3, 2025 "
                       "Quantum Computing Export Interim Final Rule and a decision not to enforce requirements that were "
                       "to be effective June 5, 2025.")
    (rel,) = provisions(doc, "relation")
    assert (rel.relation, rel.target_text, rel.from_) == ("revokes", "Quantum Computing Export Interim Final Rule", None)
