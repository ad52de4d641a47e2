import pytest
from hypothesis import given
from hypothesis import strategies as st

from controlbrief.errors import ReadError
from controlbrief.readers import read_bytes
from controlbrief.readers.text import _control_ratio, decode, markdown_to_text, unglue_fields, unwrap_lines
from support import DATA


@pytest.mark.parametrize(
    ("name", "encoding", "fragment"),
    [
        ("latin1.txt", "latin-1", "matériel"),
        ("gb18030.txt", "gb18030", "出口管制"),
        ("utf16.txt", "utf-16", "Gallium metal"),
        ("utf8-bom.txt", "utf-8-sig", "Germanium dioxide"),
    ],
)
def test_readers_text_detects_encoding(name, encoding, fragment):
    read = read_bytes(name, (DATA / name).read_bytes())
    assert read.encoding == encoding
    assert fragment in read.text
    assert not read.text.startswith("\ufeff")


def test_readers_text_utf8_plain():
    text, enc = decode("Samarium – 1C902".encode())
    assert (text, enc) == ("Samarium – 1C902", "utf-8")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty file"),
        ("blank.md", "empty file"),
        ("junk.txt", "binary content"),
        ("undecodable.txt", "not UTF-8, UTF-16, GB18030 or Latin-1"),
    ],
)
def test_readers_text_refuses_bad_input(name, reason):
    with pytest.raises(ReadError, match=reason):
        read_bytes(name, (DATA / name).read_bytes())


def test_readers_text_unsupported_suffix():
    with pytest.raises(ReadError, match="unsupported file type"):
        read_bytes("notice.docx", b"PK\x03\x04")


def test_readers_text_header_block_becomes_metadata():
    raw = b"Title: Notice\nIssuer: MOFCOM\nDate: 2025-10-09\nRound: 2025-10\nSource: example\n---\nBody line.\n"
    read = read_bytes("n.txt", raw)
    assert read.meta == {"title": "Notice", "issuer": "MOFCOM", "date": "2025-10-09", "round": "2025-10", "origin": "example"}
    assert read.text == "Body line."


def test_readers_text_without_header_keeps_text():
    read = read_bytes("n.txt", b"Note: this is not a header\nsecond line\n")
    assert read.meta == {}
    assert read.text.startswith("Note: this")


def test_readers_text_markdown_cleanup():
    md = "# Heading\n\n- (1) **gallium** metal\n| a | b |\n|---|---|\n| 1 | 2 |\nSee [the list](http://x)."
    assert markdown_to_text(md).split("\n") == ["Heading", "", "(1) gallium metal", "a | b", "", "1 | 2", "See the list."]


def test_readers_text_caps_punctuation_runs():
    from controlbrief.readers.text import MAX_RUN, cap_runs

    assert cap_runs("a" + "[" * 50_000 + " b") == "a" + "[" * MAX_RUN + " b"
    assert cap_runs("1.2.3 -- (x) ...") == "1.2.3 -- (x) ..."
    assert cap_runs("[(`" * 1000) == ("[(`" * 1000)[:MAX_RUN]


def test_readers_text_big5_and_gb18030_told_apart():
    """Both codecs decode each other's bytes without error; the detector picks the one that reads as Chinese."""
    notice = "對釤相關物項實施出口管制。本公告自2025年12月1日起正式實施。"
    assert decode(notice.encode("big5")) == (notice, "big5")
    simplified = "对钐相关物项实施出口管制。本公告自2025年12月1日起正式实施。"
    assert decode(simplified.encode("gb18030")) == (simplified, "gb18030")


def test_readers_text_mixed_encodings_are_one_clear_error():
    first = "对钐相关物项实施出口管制。".encode("utf-8") * 4
    second = "本公告自2025年12月1日起正式实施。".encode("gb18030") * 4
    with pytest.raises(ReadError, match="mixed encodings"):
        decode(first + b"\n" + second)
    # Honest single-encoding files are not flagged.
    assert decode(second)[1] == "gb18030" and decode(first)[1] == "utf-8"


def test_readers_html_lying_charset_on_a_chinese_page():
    from controlbrief.readers import read_bytes

    page = '<html><head><meta charset="utf-8"></head><body><p>对钐相关物项实施出口管制。</p></body></html>'.encode("gbk")
    read = read_bytes("p.html", page)
    assert read.text == "对钐相关物项实施出口管制。" and read.encoding == "gb18030"


def test_readers_text_mojibake_is_one_clear_error():
    garbled = "商务部公告：对钐实施出口管制。".encode("utf-8").decode("cp1252", errors="replace").encode("utf-8")
    with pytest.raises(ReadError, match="mojibake"):
        decode(garbled)
    assert decode("Exportations de matériel: la réglementation s'applique dès le 1 décembre.".encode("utf-8"))[1] == "utf-8"


@given(st.text(alphabet=st.characters(max_codepoint=0x3000), max_size=80))
def test_readers_text_control_ratio_counts_every_control_character(text):
    # Counted by a regex; the definition it must keep: C0 controls but tab, newline, form feed and carriage
    # return, plus DEL and the C1 controls.
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\f") or 0x7F <= ord(ch) <= 0x9F)
    assert _control_ratio(text) == bad / max(len(text), 1)


_WIRE = """Beijing tightens drone export rules
The licensing requirement covers heavy-lift drones, thermal
cameras, laser rangefinders and radio links built for
unmanned aircraft, and it applies from the first day of next
month, a statement from the ministry said on its website.
Officials told reporters that exporters would need to show
who the end user is and that the goods would not be put to
military use, adding that smaller consumer models with short
flight times were left out of the new rules.
"""


def test_a_hard_wrapped_copy_is_read_as_paragraphs():
    text = unwrap_lines(_WIRE)
    assert text.splitlines() == [
        "Beijing tightens drone export rules",
        "The licensing requirement covers heavy-lift drones, thermal cameras, laser rangefinders and radio links built "
        "for unmanned aircraft, and it applies from the first day of next month, a statement from the ministry said on "
        "its website.",
        "Officials told reporters that exporters would need to show who the end user is and that the goods would not be "
        "put to military use, adding that smaller consumer models with short flight times were left out of the new rules.",
    ]


def test_lines_of_one_paragraph_each_are_left_alone():
    # An unmarked list of short lower-case lines, and a notice with one paragraph per line, are no wrapped text.
    listed = "Samarium-related items subject to control:\nsamarium metal\nsamarium-cobalt alloys\nsamarium oxide\n"
    assert unwrap_lines(listed) == listed
    notice = ("Announcement on export controls\n" + "The following items are subject to export control with effect from "
              "the date of publication, in accordance with the relevant laws and regulations of the state.\n" * 4)
    assert unwrap_lines(notice) == notice


def test_a_chinese_text_cut_at_a_fixed_width_is_joined_without_spaces():
    text = ("关于对部分无人机相关物项实施出口管制的公告\n"
            "根据有关法律规定，为维护国家安全和利益，决定对下列无人\n"
            "驾驶航空飞行器相关物项实施出口管制，未经许可不得出口，本\n"
            "公告自发布之日起正式实施，有关事项由主管部门负责解释。\n"
            "一、出口经营者应当如实申报，不得以任何方式规避管制措施。\n")
    assert unwrap_lines(text).splitlines() == [
        "关于对部分无人机相关物项实施出口管制的公告",
        "根据有关法律规定，为维护国家安全和利益，决定对下列无人驾驶航空飞行器相关物项实施出口管制，未经许可不得出口，本"
        "公告自发布之日起正式实施，有关事项由主管部门负责解释。",
        "一、出口经营者应当如实申报，不得以任何方式规避管制措施。",
    ]


def test_field_labels_run_into_their_values_are_parted():
    text = unglue_fields("Entity List additions\nPublishedMar 28, 2025\nDocument Number2025-05427\nAgencyBureau of "
                         "Industry and Security\nThe Published rule stands.\n")
    assert text.splitlines() == ["Entity List additions", "Published: Mar 28, 2025", "Document Number: 2025-05427",
                                 "Agency: Bureau of Industry and Security", "The Published rule stands."]


def test_a_line_cut_after_a_word_no_sentence_ends_on_goes_on_in_capitals():
    """'The effective date of this rule is' / 'March 2, 2026.': a cut line that ends on 'is', 'of', 'the' ... goes on
    in the next whatever its case; a title line ending on a capitalised word stays apart."""
    text = ("Correction to the cobalt rule of the agency\n"
            "SUMMARY: The agency corrects an error in its earlier interim final\n"
            "rule on cobalt alloys and cobalt powders, published in January.\n"
            "Effective date: The effective date of this correction is\n"
            "March 2, 2026. Comments on the correction must be received by\n"
            "the agency no later than April 1, 2026, in the usual form.\n")
    assert unwrap_lines(text).splitlines() == [
        "Correction to the cobalt rule of the agency",
        "SUMMARY: The agency corrects an error in its earlier interim final rule on cobalt alloys and cobalt powders, "
        "published in January.",
        "Effective date: The effective date of this correction is March 2, 2026. Comments on the correction must be "
        "received by the agency no later than April 1, 2026, in the usual form.",
    ]
