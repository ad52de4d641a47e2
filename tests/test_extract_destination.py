from support import provisions


def dests(extract_text, text):
    return [(p.country, p.policy) for p in provisions(extract_text(text), "destination")]


def test_extract_destination_with_policy(extract_text):
    text = "License applications for exports to destinations in Country Group D:5 and Macau will be reviewed under a presumption of denial."
    assert dests(extract_text, text) == [("country group d:5", "deny"), ("macau", "deny")]


def test_extract_destination_export_to(extract_text):
    text = "In principle, the export of gallium and germanium items to the United States shall not be permitted."
    assert dests(extract_text, text) == [("united states", "deny")]


def test_extract_destination_not_origin_or_response(extract_text):
    assert dests(extract_text, "A licence is required for fabs in China using Chinese-origin technology.") == []
    assert dests(extract_text, "The measure is adopted in response to Russia's actions.") == []


def test_a_long_list_of_goods_between_export_and_its_destination(extract_text):
    text = ("In principle, the export of dual-use items related to tungsten, tellurium, bismuth, molybdenum, indium "
            "and their alloys and compounds to Japan is not permitted.")
    assert [(p.country, p.policy) for p in extract_text(text).provisions if p.kind == "destination"] == [("japan", "deny")]
