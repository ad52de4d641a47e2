import pytest

from support import provisions


def events(extract_text, text, meta=None):
    return [(p.event, p.date) for p in provisions(extract_text(text, meta), "effective_date")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This announcement shall take effect on December 1, 2025.", [("effective", "2025-12-01")]),
        ("This rule is effective Dec. 1, 2025.", [("effective", "2025-12-01")]),
        ("The measures enter into force on 1 December 2025.", [("effective", "2025-12-01")]),
        ("Beginning on 2025-12-01, exporters must apply for a licence.", [("effective", "2025-12-01")]),
        ("The rule was published on 5 December 2024 and takes effect on 2 December 2024.",
         [("published", "2024-12-05"), ("effective", "2024-12-02")]),
        ("The implementation of the announcement is suspended until 10 November 2026.", [("suspended_until", "2026-11-10")]),
        ("Existing contracts may be performed until 20 December 2024.", [("expires", "2024-12-20")]),
        ("Contracts concluded before 19 December 2023 are not affected.", []),
    ],
)
def test_extract_dates_events(extract_text, text, expected):
    assert events(extract_text, text) == expected


def test_extract_dates_dateline_is_publication(extract_text):
    text = "Export control applies to gallium.\nMinistry of Commerce\n9 October 2025"
    assert events(extract_text, text) == [("published", "2025-10-09")]
    assert extract_text(text).published == "2025-10-09"


def test_extract_dates_from_promulgation_uses_document_date(extract_text):
    got = events(extract_text, "This announcement shall take effect from the date of its promulgation.", {"date": "2025-04-04"})
    assert got == [("effective", "2025-04-04")]
