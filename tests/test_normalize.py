import pytest

from controlbrief.normalize import clean_phrase, parse_cited_numbers, normalize_code, normalize_measure, parse_date, parse_notice_number, parse_number


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("December 1, 2025", "2025-12-01"),
        ("1 December 2025", "2025-12-01"),
        ("Dec. 1, 2025", "2025-12-01"),
        ("Sept. 29, 2025", "2025-09-29"),
        ("2025-12-01", "2025-12-01"),
        ("2025 - 12 - 01", "2025-12-01"),
        ("01.12.2025", "2025-12-01"),
        ("9th of October 2025", "2025-10-09"),
        ("2023年8月1日", "2023-08-01"),
        ("31 February 2025", None),
        ("December 2025", None),
        ("Smarch 3, 2025", None),
    ],
)
def test_normalize_parse_date(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    ("text", "value"),
    [("0.1", 0.1), ("25", 25), ("1,000", 1000), ("4,800.5", 4800.5), ("0,1", 0.1), ("fifty", 50), ("x", None)],
)
def test_normalize_parse_number(text, value):
    result = parse_number(text)
    assert result == value
    if isinstance(value, int):
        assert isinstance(result, int)


@pytest.mark.parametrize(("code", "norm"), [("3a090.A", "3A090.a"), ("1C902.a", "1C902.a"), ("2805.30.00", "2805.30.00"), (" 3B001 ", "3B001")])
def test_normalize_code(code, norm):
    assert normalize_code(code) == norm


def test_normalize_measure_and_phrase():
    assert normalize_measure("The Value of  Chinese-origin content") == "value of chinese-origin content"
    assert clean_phrase(" (purity), ") == "purity"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Council Regulation (EU) No 833/2014", "eu-2014-833"),
        ("Article 12g of Council Regulation 833/2014", "eu-2014-833"),  # third-party copies drop '(EU)'
        ("EU Regulation No. 833/2014", "eu-2014-833"),
        ("Regulation (EU) 2021/821", "eu-2021-821"),
        ("Announcement No. 23 of the Ministry of Commerce in 2023", "mofcom-2023-23"),
        ("Announcement No. 18 of the Ministry of Commerce and the General Administration of Customs in 2025", "mofcom-2025-18"),
        ("Regulation 12/3 of the club", None),
        ("Announcement No. 3 of the Ministry of Foreign Affairs in 2020", None),
        ("商务部 科技部公告2024年12号", "mofcom-2024-12"),  # copies drop the 第
    ],
)
def test_normalize_notice_numbers_as_copies_write_them(text, number):
    from controlbrief.normalize import parse_cited_numbers, parse_notice_number

    assert parse_notice_number(text) == number
    if number and number.startswith("eu-"):
        assert [n for n, _ in parse_cited_numbers(text)] == [number]


def test_clean_phrase_keeps_an_abbreviations_full_stop():
    assert clean_phrase("U.S.") == "U.S."
    assert clean_phrase(" the U.K., ") == "the U.K."
    assert clean_phrase("military users.") == "military users"
    assert clean_phrase("(No.") == "No"


def test_chinese_designations_with_the_year_in_brackets():
    assert parse_notice_number("商务部 海关总署公告（2026）第7号") == "mofcom-2026-7"
    assert parse_notice_number("商务部公告〔2026〕第12号") == "mofcom-2026-12"


def test_repair_ocr_l_puts_back_l_one_for_one_and_leaves_clean_text_alone():
    from controlbrief.normalize import repair_ocr_l

    scanned = "MetaI samarium, samarium-containing aIIoys, and reIated products; DuaI-Use Items; nationaI; OpenAI"
    fixed = repair_ocr_l(scanned)
    assert fixed == "Metal samarium, samarium-containing alloys, and related products; Dual-Use Items; national; OpenAI"
    assert len(fixed) == len(scanned)
    clean = "Follow us on LinkedIn. The McIntosh report covers iPhone exports of alloys."
    assert repair_ocr_l(clean) == clean


def test_parse_notice_number_skips_the_act_a_title_updates():
    assert parse_notice_number("The Commission published a Delegated Regulation updating the list of items "
                               "contained in Annex I to Regulation (EU) 2021/821") is None
    assert parse_notice_number("A delegated act modifying Regulation (EU) 2021/821") is None
    assert parse_notice_number("Commission Delegated Regulation (EU) 2023/66 of 21 October 2022 amending "
                               "Regulation (EU) 2021/821") == "eu-2023-66"
    assert parse_notice_number("Regulation (EU) 2021/821 of the European Parliament and of the Council") == "eu-2021-821"


@pytest.mark.parametrize("text, numbers", [
    ("jointly issued Announcement No. 9 (2026), suspending", ["mofcom-2026-9"]),
    ("under Announcement [2026] No. 9", ["mofcom-2026-9"]),
    ("MOFCOM Announcement 2026 No. 9 and No. 10", ["mofcom-2026-9", "mofcom-2026-10"]),
    ("Notice No. 9 [2026]", ["mofcom-2026-9"]),
    ("Notice No.9/2026", ["mofcom-2026-9"]),
    ("Announcements No. 3, 4, and 5 of 2026", ["mofcom-2026-3", "mofcom-2026-4", "mofcom-2026-5"]),
    # Without an instrument's name, or with more than a year in the brackets, no notice is cited.
    ("ranked No. 1 (2026) among buyers", []),
    ("Announcement No. 3 (2026 edition)", []),
    ("Notice No. 4/20261", []),
])
def test_normalize_cited_numbers_with_the_year_in_brackets_first_or_after_a_slash(text, numbers):
    assert [n for n, _ in parse_cited_numbers(text)] == numbers


@pytest.mark.parametrize(
    ("start", "count", "unit", "end"),
    [
        ("2025-08-12", 90, "days", "2025-11-10"),
        ("2025-11-10", 1, "years", "2026-11-10"),
        ("2026-04-01", 6, "months", "2026-10-01"),
        ("2024-01-31", 1, "months", "2024-02-29"),  # the month is too short: its last day
        ("2024-02-29", 1, "years", "2025-02-28"),
    ],
)
def test_normalize_period_end_is_the_day_the_period_is_over(start, count, unit, end):
    from controlbrief.normalize import period_end

    assert period_end(start, count, unit) == end


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("MOFCOM Announcements 14 and 15 of 2026 apply.", ["mofcom-2026-14", "mofcom-2026-15"]),
        ("Announcement 9/2026 replaces it.", ["mofcom-2026-9"]),
        ("(Ann. 3, 4/2026)", ["mofcom-2026-3", "mofcom-2026-4"]),
        ("the third part of its 2026 Announcement No. 12", ["mofcom-2026-12"]),
        ("Beijing's 2026 Declaration No. 7 on cobalt", ["mofcom-2026-7"]),
        ("Announcements 3-5, 8", []),  # no year: nothing to resolve it with
        ("Regulation 821/2021 is the EU's.", []),
        ("In 2026, 3 notices were issued.", []),
    ],
)
def test_normalize_citations_without_no_or_with_the_year_first(text, numbers):
    assert [n for n, _ in parse_cited_numbers(text)] == numbers


def test_unreliable_entity_list_announcements_have_their_own_series():
    """The Unreliable Entity List working mechanism numbers its announcements apart from MOFCOM: its No. 1 of 2023
    is not MOFCOM's (the regime and the site would merge them)."""
    assert parse_notice_number("Announcement No. 3 of 2024 of the Working Mechanism of the Unreliable Entity List",
                               "Ministry of Commerce") == "uel-2024-3"
    assert parse_notice_number("不可靠实体清单工作机制公告2024年第3号") == "uel-2024-3"
    assert parse_notice_number("商务部公告2024年第3号") == "mofcom-2024-3"
    assert parse_notice_number("MOFCOM Announcement No. 3 of 2024 on the Unreliable Entity List follow-up") == "mofcom-2024-3"
    assert [n for n, _ in parse_cited_numbers("the measures of 2 May (Unreliable Entity List Working Mechanism "
                                              "[2024] No. 3) are suspended")] == ["uel-2024-3"]


@pytest.mark.parametrize("text, iso", [
    ("06/14/2025", "2025-06-14"),  # the US order: only the second number can be the day
    ("25/12/2024", "2024-12-25"),
    ("01.12.2025", "2025-12-01"),  # dots: day first
])
def test_normalize_numeric_dates_read_in_the_only_order_they_allow(text, iso):
    assert parse_date(text) == iso
