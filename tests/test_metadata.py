from controlbrief.metadata import split_header


def test_metadata_header_block():
    meta, body = split_header("\nTitle: A\nDate: 2025-01-02\nUnknown: kept out\n---\nText")
    assert meta == {"title": "A", "date": "2025-01-02"}
    assert body == "Text"


def test_metadata_needs_terminator():
    text = "Title: A\nDate: 2025-01-02\nText without terminator"
    assert split_header(text) == ({}, text)


def test_metadata_prose_is_not_header():
    text = "The Ministry announces: new controls\n---\n"
    assert split_header(text) == ({}, text)
