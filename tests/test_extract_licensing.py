import pytest

from support import provisions


def test_extract_licensing_authority_applicant_documents(extract_text):
    text = ("Exporters shall apply to the Ministry of Commerce for a licence through the provincial commerce departments "
            "and submit end-user and end-use certificates.")
    (p,) = provisions(extract_text(text), "licensing")
    assert (p.authority, p.applicant) == ("ministry of commerce", "exporters")
    assert p.documents == ["end-user certificate", "end-use certificate"]


def test_extract_licensing_review_period(extract_text):
    (p,) = provisions(extract_text("The competent authority shall review each licence application and decide within 45 working days."), "licensing")
    assert (p.authority, p.review_days) == ("competent authority", 45)


def test_extract_licensing_needs_a_licence(extract_text):
    assert provisions(extract_text("Exporters shall apply the new rules from March."), "licensing") == []


@pytest.mark.parametrize("text", [
    "与以往对相关物项实施出口许可管理不同，此次措施直接禁止向该国出口。",
    "Unlike the earlier requirement to apply for an export licence, the new decree bans these exports outright.",
])
def test_a_licence_the_measure_is_set_against_is_none_to_apply_for(extract_text, text):
    assert [p for p in extract_text(text).provisions if p.kind == "licensing"] == []


def test_licences_someone_applied_for_are_no_duty_to_apply(extract_text):
    doc = extract_text("Traders rushed to ship ore and applied for more export permits before the deadline.")
    assert provisions(doc, "licensing") == []
    kept = extract_text("Traders must submit applications for export permits to the mines ministry.")
    assert len(provisions(kept, "licensing")) == 1


@pytest.mark.parametrize("text", [
    "Exports of krypton will only be allowed with special permission from the ministry.",
    "Shipments of neon are permitted only with the state's written approval.",
])
def test_allowed_only_with_permission_asks_for_a_licence(extract_text, text):
    assert len(provisions(extract_text(text), "licensing")) == 1


def test_approval_before_export_is_a_licence_and_a_drilling_permit_is_not(extract_text):
    assert len(provisions(extract_text("Small lots may be exported following approval by the trade ministry."),
                          "licensing")) == 1
    assert provisions(extract_text("Firms that need exploration or drilling permits must register with the agency."),
                      "licensing") == []


def test_a_licence_to_be_applied_for_in_the_passive(extract_text):
    """'an export permit must be applied for': the licence comes before the verb; 'applied for more licences' in the
    past is what someone did."""
    assert len(provisions(extract_text("For every shipment, a separate export permit must be applied for."), "licensing")) == 1
    assert provisions(extract_text("Last year the export licence was renewed and the firm applied for a loan."), "licensing") == []


@pytest.mark.parametrize("text", [
    "Holders of a general authorisation may ship to these countries without the need for individual export licences.",
])
def test_a_licence_the_sentence_spares_is_none_to_apply_for(extract_text, text):
    assert provisions(extract_text(text), "licensing") == []
    kept = extract_text("Each shipment will need an individual export licence from the ministry.")
    assert len(provisions(kept, "licensing")) == 1


def test_a_licence_a_wider_one_spares_is_a_carve_out(extract_text):
    doc = extract_text("A single bulk permit covers a whole year of contracts, eliminating the need to apply for separate "
                       "licences.")
    assert provisions(doc, "licensing") == []
    assert [p.exemption_type for p in provisions(doc, "exemption")] == ["carve_out"]
    kept = extract_text("Each shipment will need an individual export licence from the ministry.")
    assert len(provisions(kept, "licensing")) == 1


@pytest.mark.parametrize("text", [
    "Manufacturers will need official approval before shipping any components to the listed firms.",
    "Under the new list, suppliers must obtain export permits before supplying the named companies.",
])
def test_approval_or_permits_before_exporting_ask_for_a_licence(extract_text, text):
    assert len(provisions(extract_text(text), "licensing")) == 1
    assert provisions(extract_text("The takeover will need regulatory approval from the competition authority."),
                      "licensing") == []


def test_export_permission_required_asks_for_a_licence(extract_text):
    doc = extract_text("Export permission is required where the listed chemicals leave the free zone for another country.")
    assert len(provisions(doc, "licensing")) == 1
    assert provisions(extract_text("Permission is required to reproduce this article."), "licensing") == []
