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



def test_a_copied_federal_register_page_is_dated_and_numbered(extractor):
    from controlbrief.ingest import LoadedFile
    from controlbrief.readers import read_bytes

    data = ("Additions to the Entity List\nPublishedMar 3, 2026\nDocument Number2026-03817\nThe rule adds 12 "
            "entities to the Entity List.\n").encode()
    doc = extractor.document(LoadedFile(source="page.txt", doc_id="0" * 16, read=read_bytes("page.txt", data)))
    assert (doc.published, doc.number) == ("2026-03-03", "fr-2026-3817")
