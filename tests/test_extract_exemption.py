import pytest

from support import provisions


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Exports for disaster relief and other humanitarian purposes do not require a licence.", "humanitarian"),
        ("Items below the de minimis level are not subject to these controls.", "de_minimis"),
        ("Such exports may be made under a general export authorisation.", "general_licence"),
        ("Contracts concluded before 19 December 2023 may be performed until they expire.", "grandfathered"),
        ("The controls shall not apply to ordinary consumer goods.", "carve_out"),
    ],
)
def test_extract_exemption_types(extract_text, text, kind):
    (p,) = provisions(extract_text(text), "exemption")
    assert p.exemption_type == kind
    assert p.scope and len(p.scope) <= 200


def test_extract_exemption_denied_or_heading_is_none(extract_text):
    assert provisions(extract_text("For these items there is no de minimis level at all."), "exemption") == []
    assert provisions(extract_text("Article 3 Exemptions"), "exemption") == []


def test_exemption_that_is_not_available_is_none(extract_text):
    doc = extract_text("The agency has issued some license exceptions for cobalt, but none are applicable to these powders.")
    assert provisions(doc, "exemption") == []
    doc = extract_text("License Exception CBT is not available for exports of cobalt powders to Macau.")
    assert provisions(doc, "exemption") == []
    doc = extract_text("License Exception CBT remains available for exports of cobalt powders to civil end users.")
    assert [e.exemption_type for e in provisions(doc, "exemption")] == ["general_licence"]


def test_what_a_tariff_spares_is_no_carve_out_and_its_rate_no_threshold(extract_text):
    doc = extract_text("Exports of gallium are banned. The tariff does not apply to wafers shipped abroad for testing.\n"
                       "Exports of germanium need a licence and carry a 15% export tax.\n")
    assert [p for p in doc.provisions if p.kind in ("exemption", "threshold")] == []
