"""Chinese notices: the patterns of patterns/zh/ on their examples, and fresh sentences in the register of MOFCOM announcements.

None of these sentences is in corpus/ or copied from a public text. Closed
fields come out in the same English vocabularies as for English notices.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from controlbrief.ingest import LoadedFile
from controlbrief.models import ReadText
from controlbrief.nlp import RULES_KEY
from controlbrief.nlp_zh import fold_width, is_chinese, zh_patterns_dir
from controlbrief.patterns import load_pattern_set
from support import provisions

ZH = load_pattern_set(zh_patterns_dir())
MATCH = [(p.id, ex) for p in ZH.patterns for ex in p.examples.match]


@pytest.fixture(scope="module")
def zh(extractor):
    return extractor.chinese()[0]


@pytest.fixture(scope="module")
def extract_zh(extractor):
    def run(text: str):
        read = ReadText(text=text, format="text", encoding="utf-8")
        return extractor.document(LoadedFile(source="zh.txt", doc_id="0" * 16, read=read))
    return run


@pytest.mark.parametrize(("pattern_id", "example"), MATCH)
def test_zh_pattern_examples_match(zh, pattern_id, example):
    doc = zh(fold_width(example))
    assert pattern_id in {s.id_ for s in doc.spans[RULES_KEY]}


def test_zh_ascii_runs_are_single_tokens(zh):
    doc = zh("参考海关商品编号：2805301000，管制编号1C902.a，纯度０．１％及以上。".translate({}))
    texts = [t.text for t in zh(fold_width("参考海关商品编号：2805301000，管制编号1C902.a，纯度０．１％及以上。"))]
    assert "2805301000" in texts and "1C902.a" in texts and "0.1" in texts
    assert len(doc.text) == len("参考海关商品编号：2805301000，管制编号1C902.a，纯度０．１％及以上。")


def test_zh_detection():
    assert is_chinese("商务部公告2025年第61号")
    assert not is_chinese("Announcement No. 61 of 2025 on rare earths (稀土)")


@pytest.mark.parametrize(
    ("text", "kind", "fields"),
    [
        ("对钐相关物项实施出口管制。", "product_scope", {"items": ["samarium"]}),
        ("對釤相關物項實施出口管制。", "product_scope", {"items": ["samarium"]}),
        ("决定对(金鲁)相关物项实施出口管制。", "product_scope", {"items": ["lutetium"]}),
        ("下列物项未经许可不得出口：钬、铒、铥。", "product_scope", {"items": ["holmium", "erbium", "thulium"]}),
        ("为维护国家安全和利益，决定对锑相关物项实施出口管制。", "rationale", {"category": "national_interests"}),
        ("为维护国家安全和利益，决定对锑相关物项实施出口管制。", "rationale", {"category": "national_security"}),
        ("为履行防扩散等国际义务，对镓实施出口管制。", "rationale", {"category": "non_proliferation"}),
        ("对美国军事用户的两用物项出口申请，原则上不予许可。", "end_use_restriction", {"end_use": "military", "policy": "deny"}),
        ("用于存储芯片研发的出口申请，实行逐案审批。", "end_use_restriction", {"end_use": "advanced_semiconductors", "policy": "case_by_case"}),
        ("禁止向大规模杀伤性武器用途出口相关物项。", "end_use_restriction", {"end_use": "wmd", "policy": "prohibited"}),
        ("境外物项中原产于中国的稀土价值比例达到0.1%及以上的，应当申请许可。", "threshold",
         {"value": 0.1, "unit": "percent", "comparator": ">=", "measure_key": "origin_value_share"}),
        ("纯度不低于99.99%的氧化锗实施出口管制。", "threshold", {"value": 99.99, "unit": "percent", "comparator": ">="}),
        ("平均粒度大于50微米的人造金刚石单晶实施出口管制。", "threshold", {"value": 50, "unit": "um", "comparator": ">"}),
        ("粒度不超过５０微米的金刚石微粉实施出口管制。", "threshold", {"value": 50, "unit": "um", "comparator": "<="}),
        ("本公告自2026年3月1日起正式实施。", "effective_date", {"date": "2026-03-01", "event": "effective"}),
        ("商务部 海关总署\n2026年2月2日", "effective_date", {"date": "2026-02-02", "event": "published"}),
        ("出口经营者应当向商务部申请许可。", "licensing", {"authority": "ministry of commerce"}),
        ("确有必要向上述企业出口的，应当向商务部提出专项申请。", "licensing", {"authority": "ministry of commerce"}),
        ("原则上不予许可向美国出口镓、锗、锑相关两用物项。", "destination", {"country": "united states", "policy": "deny"}),
        ("商务部公告2025年第57号暂停实施至2026年11月10日。", "relation",
         {"relation": "suspends", "target": "mofcom-2025-57", "until": "2026-11-10"}),
        ("出于人道主义援助目的的出口，可以不申请许可。", "exemption", {"exemption_type": "humanitarian"}),
        ("境外企业向中国以外的其他国家和地区出口下列物项前，应当申请许可。", "destination", {"country": "outside china", "policy": "license_required"}),
    ],
)
def test_zh_paraphrases(extract_zh, text, kind, fields):
    found = provisions(extract_zh(text), kind)
    assert any(all(getattr(p, k) == v for k, v in fields.items()) for p in found), [p.model_dump() for p in found]


def test_zh_document_number_and_language(extract_zh):
    doc = extract_zh("商务部公告2026年第9号\n关于对钨相关物项实施出口管制的公告\n对钨相关物项实施出口管制。")
    assert (doc.number, doc.language) == ("mofcom-2026-9", "zh")


@pytest.mark.parametrize(
    ("text", "kind", "fields"),
    [
        ("境外物项中中国原产稀土价值比例达到百分之零点一及以上的，应当申请许可。", "threshold",
         {"value": 0.1, "unit": "percent", "comparator": ">=", "measure_key": "origin_value_share"}),
        ("平均粒度大于五十微米的人造金刚石单晶实施出口管制。", "threshold", {"value": 50, "unit": "um", "comparator": ">"}),
        ("商务部公告2025年第58号\n2025年10月9日\n上述物项自11月8日起实施出口管制。", "effective_date", {"date": "2025-11-08", "event": "effective"}),
    ],
)
def test_zh_numerals_and_dates_without_a_year(extract_zh, text, kind, fields):
    found = provisions(extract_zh(text), kind)
    assert any(all(getattr(p, k) == v for k, v in fields.items()) for p in found), [p.model_dump() for p in found]


def test_zh_passage_in_an_english_page_is_read_in_chinese(extract_text):
    """An English note quoting the Chinese original: each passage through its own pipeline, spans into the whole text."""
    text = ("MOFCOM published the rule on 9 October 2025. The key sentence of the original reads:\n"
            "境外制造的含有原产于中国的钐物项，且其价值比例达到0.1%及以上的，出口前应当向商务部申请许可。\n"
            "Our reading: exporters should check the Chinese content of their magnets.")
    doc = extract_text(text)
    (threshold,) = provisions(doc, "threshold")
    assert (threshold.value, threshold.unit, threshold.comparator) == (0.1, "percent", ">=")
    assert text[threshold.span[0]:threshold.span[1]] == "0.1%及以上"
    assert doc.language == "en" and [p.authority for p in provisions(doc, "licensing")] == ["ministry of commerce"]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1.2/μ 五十点中文。，\n\t\u3000\xa0\u2028\x1c ")), max_size=40))
def test_zh_words_and_spaces_equal_spacy_alignment(text):
    """Our one-pass alignment gives exactly what spacy.util.get_words_and_spaces gives for the same words."""
    import re

    from spacy.util import get_words_and_spaces

    from controlbrief.nlp_zh import _ASCII_RUN, _ZH_NUMERAL, words_and_spaces

    words = re.findall(rf"{_ASCII_RUN.pattern}|{_ZH_NUMERAL.pattern}|.", text, re.S)
    assert words_and_spaces(text) == get_words_and_spaces(words, text)


PINYIN_COPY = ("商务部公告2026年第9号\n"
               "为维护国家安全和利益，决定对下列物项实施出口管制：\n"
               "一、钐（shān）、镝（dī）等稀xī土tǔ物项，纯度不低于99.9%的；\n"
               "二、对境外(jìng wài)军事用户的出口申请，原则上不予许可。\n"
               "本公告自2026年3月1日起正式实施。\n")


def test_zh_pinyin_glosses_are_read_past_and_evidence_points_into_the_copy(extract_zh):
    """A web copy with pinyin after characters reads as the notice; each span still lands in the copy as given."""
    doc = extract_zh(PINYIN_COPY)
    items = {i for p in provisions(doc, "product_scope") for i in p.items}
    assert {"samarium", "dysprosium", "rare earth"} <= items
    assert any(p.end_use == "military" and p.policy == "deny" for p in provisions(doc, "end_use_restriction"))
    assert any(p.value == 99.9 and p.comparator == ">=" for p in provisions(doc, "threshold"))
    assert any(p.date == "2026-03-01" and p.event == "effective" for p in provisions(doc, "effective_date"))
    from controlbrief.nlp_zh import strip_glosses

    for p in doc.provisions:
        evidence = PINYIN_COPY[p.span[0]:p.span[1]]
        # The span covers what the provision read in the copy, glosses included where they sit inside it.
        read = (strip_glosses(evidence) or (evidence, None))[0]
        assert read and read in p.text, (evidence, p.text)
    (scope,) = [p for p in provisions(doc, "product_scope") if "samarium" in p.items]
    assert PINYIN_COPY[scope.span[0]:scope.span[1]].startswith("钐")
    assert "shān" not in scope.text  # the sentence as read, without the glosses


@pytest.mark.parametrize("text", ["高带宽存储器（HBM）", "纯度99.99%", "钐Sm", "芯片(chip)", "代码3A090.a"])
def test_zh_glosses_leave_codes_and_english_alone(text):
    from controlbrief.nlp_zh import strip_glosses

    assert strip_glosses(text) is None


TRADITIONAL = ("商務部公告2026年第12號\n"
               "對向出口管制管控名單和關注名單所列的進口商和最終用戶的出口申請，原則上不予許可。\n"
               "用於14納米及以下邏輯芯片研發的出口申請，實行逐案審批。\n")


def test_zh_traditional_reads_with_the_simplified_patterns_and_shows_as_written(extract_zh):
    """Traditional characters are read one for one as simplified (OpenCC's tables); evidence and free text keep
    the notice's own script, and spans are unchanged."""
    doc = extract_zh(TRADITIONAL)
    uses = {(p.end_use, p.policy) for p in provisions(doc, "end_use_restriction")}
    assert ("listed_entities", "deny") in uses and ("advanced_semiconductors", "case_by_case") in uses
    (limit,) = provisions(doc, "threshold")
    assert (limit.value, limit.unit, limit.comparator, limit.unit_text) == (14, "nm", "<=", "納米")
    for p in doc.provisions:
        assert p.text in TRADITIONAL and TRADITIONAL[p.span[0]:p.span[1]] in p.text


def test_zh_simplifier_is_one_for_one():
    from controlbrief.nlp_zh import Simplifier

    simplify = Simplifier()
    text = "兩用物項出口許可證件，價值比例達到0.1%；乾燥、後續 mixed with 简体 and ＡＢＣ"
    out = simplify(text)
    assert len(out) == len(text) and out.startswith("两用物项出口许可证件，价值比例达到0.1%")
    assert simplify("简体已是简体") == "简体已是简体"


# Lists as MOFCOM lays them out: 一、 then （一） then 1. then a.; a sub-list's last item ends with 。, not ；.
NESTED_LIST = ("商务部公告2026年第21号\n"
               "为维护国家安全和利益，决定对下列物项实施出口管制：\n"
               "一、钬相关物项\n"
               "（一）1C908.a 金属钬、含钬的合金：\n"
               "1. 含钬的合金：\n"
               "a. 钬铁合金；\n"
               "b. 钬镁合金。\n"
               "2. 含钬的靶材（参考海关商品编号：）。\n"
               "十一、铥相关物项\n"
               "（十二）含铥的钕铁硼永磁材料。\n")


def test_zh_nested_list_keeps_its_lead_in_past_a_sub_list(extract_zh):
    """A letter item ending in 。 closes its sub-list, not the whole list: what follows is still controlled."""
    scopes = provisions(extract_zh(NESTED_LIST), "product_scope")
    descriptions = {p.description: p.items for p in scopes}
    assert descriptions["钬镁合金"] == ["holmium"]  # the marker 'b.' read, the partner magnesium not an item
    # The empty reference a web copy left is not part of the item, and the item after the sub-list is in scope.
    assert descriptions["含钬的靶材"] == ["holmium"]
    assert descriptions["铥相关物项"] == ["thulium"]  # '十一、' is a marker
    # NdFeB is the material thulium sits in: neither neodymium nor the magnet is a controlled item of its own.
    assert descriptions["含铥的钕铁硼永磁材料"] == ["thulium"]


@pytest.mark.parametrize(
    ("line", "description"),
    [
        ("（一）纯度大于99.9%的氧化镓（参考税则号列：28259019）；", "纯度大于99.9%的氧化镓"),
        ("（二）金属钨（参考海关商品编号：）。", "金属钨"),
        ("(3) tungsten powder with a purity of 99.95% or more (reference tariff numbers: )", "tungsten powder with a purity of 99.95% or more"),
    ],
)
def test_descriptions_leave_out_references_but_keep_percent_signs(extract_text, line, description):
    text = "It is decided to implement export controls on the following items:\n" + line + "\n"
    if "（" in line:
        text = "决定对下列物项实施出口管制：\n" + line + "\n"
    assert description in {p.description for p in provisions(extract_text(text), "product_scope")}


def test_english_host_material_of_a_controlled_element_is_not_an_item(extract_text):
    text = ("It is decided to implement export controls on the following items:\n"
            "1. Dysprosium-related items\n"
            "(1) samarium-cobalt magnet blocks containing dysprosium;\n")
    items = [p.items for p in provisions(extract_text(text), "product_scope")]
    assert ["dysprosium"] in items and not any("samarium" in i for i in items), items


def test_zh_number_from_a_field_line_below_a_paragraph(extract_zh):
    text = ("据报道，商务部当日发布新的出口管制措施，涉及多种稀土物项，业内人士认为此举影响深远，相关企业正在评估。\n"
            "【发布文号】商务部公告2026年第14号\n"
            "对钬相关物项实施出口管制。\n")
    assert extract_zh(text).number == "mofcom-2026-14"


# A web copy giving each line of the original and then its English, in one file.
LINE_BY_LINE = ("MOFCOM Announcement No. 21 of 2026, with an English rendering under each line\n"
                "为维护国家安全和利益，决定对下列物项实施出口管制：\n"
                "To safeguard national security and interests, it is decided to implement export controls on the following items:\n"
                "一、钬相关物项 I. Holmium-related items\n"
                "1. 含钬的合金： 1. Alloys containing holmium:\n"
                "a. 钬铁合金； a. Holmium-iron alloy;\n"
                "b. 钬镁合金； b. Holmium-magnesium alloy;\n")


def test_line_by_line_copy_reads_both_renderings_with_their_lists(extract_text):
    """Each half of a 'Chinese, then English' line goes to its own pipeline; the Chinese lines are read as one
    passage, so their list keeps its lead-in, and they break none of the English list."""
    doc = extract_text(LINE_BY_LINE)
    scopes = provisions(doc, "product_scope")
    by_text = {LINE_BY_LINE[p.span[0]:p.span[1]]: p for p in scopes}
    described = {p.description for p in scopes}
    assert {"钬铁合金", "钬镁合金", "Holmium-iron alloy", "Holmium-magnesium alloy"} <= described, described
    assert all(p.items == ["holmium"] for p in scopes if p.description), [(p.description, p.items) for p in scopes]
    for evidence in by_text:
        assert evidence and "\n" not in evidence
    rationales = {(p.category, LINE_BY_LINE[p.span[0]:p.span[1]]) for p in provisions(doc, "rationale")}
    assert ("national_security", "维护国家安全和利益") in rationales
    assert ("national_security", "national security and interests") in rationales


def test_other_language_runs_cut_a_translated_line_in_two():
    from controlbrief.nlp_zh import other_language_runs

    text = "a. 钬铁合金； a. Holmium-iron alloy;\nThe term 两用物项 (dual-use items) is used throughout the text here."
    (run,) = other_language_runs(text, main_is_chinese=False)
    assert text[run[0]:run[1]] == "a. 钬铁合金； "
    (run,) = other_language_runs(text.split("\n")[0], main_is_chinese=True)
    assert text[run[0]:run[1]] == "a. Holmium-iron alloy;"


# Lists since 2024 put each item's reference after its full stop, and name forms an item comes in.
FORMS_AND_REFERENCES = ("商务部公告2026年第30号\n"
                        "一、满足以下特性的物项，未经许可，不得出口：\n"
                        "1. 金属铟及制品，包括但不限于锭、片、靶材、粉末等形态。（参考海关商品编号：8112921000、8112929000）\n"
                        "2. 锑化镓，纯度大于99.9999%的单晶。(参考海关商品编号:2853909099)\n"
                        "3. 六面顶压机专用零部件。（参考海关商品编号：）\n")


def test_zh_reference_after_the_full_stop_belongs_to_its_item(extract_zh):
    scopes = provisions(extract_zh(FORMS_AND_REFERENCES), "product_scope")
    by_codes = {tuple(p.codes): p for p in scopes if p.codes}
    assert set(by_codes) == {("8112921000", "8112929000"), ("2853909099",)}, [(p.items, p.codes) for p in scopes]
    # Forms after 包括但不限于 ... 形态 are not items; 锑化镓 is one compound, of the element named first in it
    # when neither is controlled on its own here.
    assert by_codes[("8112921000", "8112929000")].items == ["indium"]
    assert by_codes[("2853909099",)].items == ["antimony"]
    assert any(p.items == ["cubic press"] for p in scopes)
    (limit,) = provisions(extract_zh(FORMS_AND_REFERENCES), "threshold")
    assert limit.applies_to == ["2853909099"]


def test_sentence_starts_keep_a_closing_reference_with_its_sentence():
    from controlbrief.nlp import sentence_starts

    texts = ["Antimony", "ore", ".", "(", "Reference", "codes", ":", "2617101000", ")", "\n", "Next", "."]
    assert sentence_starts(texts) == [True] + [False] * 9 + [True, False]
    texts = ["锑", "矿", "。", "（", "参", "考", "：", "2617101000", "）", "；", "\n", "2", "."]
    assert sentence_starts(texts) == [True] + [False] * 10 + [True, False]
    # A bracket that opens a new sentence with more text after it on the line still starts one.
    texts = ["Antimony", "ore", ".", "(", "See", "above", ")", "The", "rule", "."]
    assert sentence_starts(texts)[3]


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("对下列物项实施出口管制：天然鳞片石墨及其制品。", ["natural flake graphite"]),
        ("对下列物项实施出口管制：用于锂电池的磷酸铁锂正极材料。", ["lithium battery", "cathode material"]),
        ("下列物项未经许可不得出口：区熔锗锭。", ["germanium"]),  # as "zone-refined germanium ingots"
        ("下列物项未经许可不得出口：高带宽存储器。", ["high bandwidth memory"]),
    ],
)
def test_zh_goods_named_as_in_english(extract_zh, text, items):
    found = [p.items for p in provisions(extract_zh(text), "product_scope")]
    assert items in found, found


def test_zh_suspension_lists_numbers_without_repeating_di_and_not_the_acting_notice(extract_zh):
    """A report of a suspension: '第55号、56号' names both, and the notice the ministries issued is not suspended."""
    text = ("据报道，两部门昨日联合颁布2026年第9号公告，决定暂停实施商务部公告2026年第3号、4号及5号，"
            "自即日起至2027年1月31日。\n")
    relations = {(p.relation, p.target, p.until) for p in provisions(extract_zh(text), "relation")}
    assert relations == {("suspends", f"mofcom-2026-{n}", "2027-01-31") for n in (3, 4, 5)}, relations


def test_issued_notice_is_not_a_target_in_english(extract_text):
    text = "MOFCOM issued Announcement No. 9 of 2026, under which Announcements No. 3 and 4 of 2026 are suspended.\n"
    assert {p.target for p in provisions(extract_text(text), "relation")} == {"mofcom-2026-3", "mofcom-2026-4"}


def test_zh_report_of_a_partial_suspension(extract_zh):
    """A news report: the clause suspended after the citation and its title; the old notice's issue date is its own,
    not the report's."""
    text = ("2026-03-02 快讯\n"
            "商务部今日公布，自即日起至2027年3月1日，商务部公告2025年第8号（「关于对钬实施出口管制的公告」）第三款暂停实施。\n"
            "2025年2月5日，商务部发布2025年第8号公告，对钬相关物项实施出口管制。\n")
    doc = extract_zh(text)
    (relation,) = provisions(doc, "relation")
    assert (relation.target, relation.scope, relation.until) == ("mofcom-2025-8", "第三款", "2027-03-01")
    assert ("published", "2025-02-05") not in {(p.event, p.date) for p in provisions(doc, "effective_date")}


def test_zh_customs_only_announcements_have_their_own_series(extract_zh):
    """海关总署's own announcements are numbered apart from MOFCOM's: 海关总署2026年第4号 is not mofcom-2026-4."""
    text = "海关总署决定废止海关总署2026年第4号公告，商务部、海关总署公告2026年第6号同时停止实施。\n"
    assert {p.target for p in provisions(extract_zh(text), "relation")} == {"gac-2026-4", "mofcom-2026-6"}
    assert extract_zh("海关总署公告2026年第4号\n关于暂停进口的公告\n").number == "gac-2026-4"


def test_zh_captions_and_headings_after_marked_items_are_not_items(extract_zh):
    text = ("决定对下列物项实施出口管制：\n"
            "（一）金属钬；\n"
            "（二）氧化铒。\n"
            "图为一处稀土矿场。（资料图）\n"
            "中国稀土产量占全球多数\n")
    described = [p.description for p in provisions(extract_zh(text), "product_scope")]
    assert described == ["金属钬", "氧化铒"], described


# Real news and web copies read out of sample (sixth session): fresh sentences for each class of error.

def test_zh_from_date_onwards_is_effective(extract_zh):
    doc = extract_zh("2026年4月2日，商务部发布公告称，我国自5月1日起对锡相关物项实施出口管制。")
    assert ("effective", "2026-05-01") in {(p.event, p.date) for p in provisions(doc, "effective_date")}
    assert ("published", "2026-05-01") not in {(p.event, p.date) for p in provisions(doc, "effective_date")}
    doc = extract_zh("商务部公告2026年第12号自2026年6月1日起暂停实施。")
    assert ("suspended_from", "2026-06-01") in {(p.event, p.date) for p in provisions(doc, "effective_date")}


def test_zh_a_reports_opening_sentence_is_not_its_dateline(extract_zh):
    doc = extract_zh("在2026年3月5日举行的记者会上，发言人介绍了对铟相关物项实施出口管制的情况。")
    assert ("published", "2026-03-05") not in {(p.event, p.date) for p in provisions(doc, "effective_date")}


def test_zh_items_include_names_the_scope(extract_zh):
    doc = extract_zh("商务部上周发布了公告。\n其中，铟相关物项包括金属铟、氧化铟、铟粉。\n")
    assert [p.items for p in provisions(doc, "product_scope")] == [["indium"]]


def test_zh_protect_security_and_plain_export_control(extract_zh):
    doc = extract_zh("为保护国家安全和利益，决定对铋相关物项施行出口控制。")
    assert {p.category for p in provisions(doc, "rationale")} == {"national_security", "national_interests"}
    assert [p.items for p in provisions(doc, "product_scope")] == [["bismuth"]]


def test_zh_goods_made_with_a_technology_are_goods(extract_zh):
    doc = extract_zh("下列物项未经许可不得出口：\n（三）利用原产于中国的冶炼分离技术在境外生产的铽金属。\n")
    assert [(p.items, p.technology) for p in provisions(doc, "product_scope")] == [(["terbium"], False)]


@pytest.mark.parametrize(("line", "limits"), [
    # Specific capacity in mAh/g beside a density: each limit keeps its own measure.
    ("（二）压实密度大于等于2.6 g/cm3且比容量大于等于160 mAh/g的正极材料。", {(2.6, "g_cm3", "density"), (160, "mah_g", "capacity")}),
    # Millimetres, and gigapascals read as MPa: the bore diameter is not the pressure's measure.
    ("1.压机设备，缸径大于等于600毫米或设计压力大于等于6千兆帕。", {(600, "mm", "diameter"), (6000, "mpa", "strength")}),
    # Kilowatts read as watts, and the power is the measure when the sentence names none.
    ("（四）额定输出功率超过25千瓦的发电机组。", {(25000, "w", "power")}),
    ("（四）持续功率大于8千瓦的电机。", {(8000, "w", "power")}),
    ("（五）工作温度高于60摄氏度的传感器。", {(60, "celsius", "other")}),
    ("（五）工作温度高于125℃的电池。", {(125, "celsius", "other")}),
    ("（六）工作频率高于40吉赫兹的放大器。", {(40, "ghz", "frequency")}),
    ("（七）最大推力大于2000牛的发动机。", {(2000, "n", "force")}),
    ("（八）飞行速度大于60米/秒的飞行器。", {(60, "m_s", "speed")}),
    # Weights are quantities, as in English; minutes and kilometres have no code of their own.
    ("（九）最大起飞重量大于9千克的飞行器。", {(9, "kg", "quantity")}),
    ("（十）续航时间大于等于45分钟的飞行器。", {(45, "other", "duration")}),
    ("（十一）探测距离大于8千米的雷达。", {(8, "other", "other")}),
])
def test_zh_limits_in_real_units(extract_zh, line, limits):
    doc = extract_zh(f"决定对下列物项实施出口管制：\n{line}\n")
    assert {(p.value, p.unit, p.measure_key) for p in provisions(doc, "threshold")} == limits


def test_zh_a_list_that_ends_with_a_technology_is_goods(extract_zh):
    doc = extract_zh("管制物项包括：人造石墨负极材料、用于生产负极材料的包覆设备，以及用于生产负极材料的工艺及技术。")
    assert [p.technology for p in provisions(doc, "product_scope")] == [False]
    doc = extract_zh("决定对稀土开采、冶炼分离相关技术实施出口管制。")
    assert [p.technology for p in provisions(doc, "product_scope")] == [True]


def test_zh_the_issuing_notice_named_with_de_is_no_target(extract_zh):
    doc = extract_zh("商务部官网发布的 2026 年第 9 号公告明确，自公告生效之日起至 2027 年 3 月 1 日，暂停执行 2026 年第 4 号公告第二款规定。")
    assert [(p.target, p.scope, p.until) for p in provisions(doc, "relation")] == [("mofcom-2026-4", "第二款", "2027-03-01")]


def test_zh_a_period_end_gives_no_year(extract_zh):
    doc = extract_zh("相关措施自即日起至2027年3月1日暂停实施。\n3月5日，商务部发布公告。\n")
    assert not [p for p in provisions(doc, "effective_date") if p.date == "2027-03-05"]


def test_zh_ternary_precursors_are_cathode_material(extract_zh):
    doc = extract_zh("决定对下列物项实施出口管制：\n（三）镍钴锰氢氧化物。\n")
    assert [p.items for p in provisions(doc, "product_scope")] == [["cathode material"]]


def test_zh_a_reaction_names_no_destination(extract_zh):
    doc = extract_zh("欧盟发言人表示，欧方对中国加强稀土出口管制的决定感到关切。")
    assert provisions(doc, "destination") == []


def test_zh_a_purity_in_a_report_of_output_is_no_limit(extract_zh):
    assert provisions(extract_zh("中国是全球唯一能大规模生产高纯度铋(99.99%以上)的国家，储量占全球三成。"), "threshold") == []
    doc = extract_zh("出口经营者出口纯度大于99.99%的铋，应当申请许可。")
    assert [(p.value, p.comparator) for p in provisions(doc, "threshold")] == [(99.99, ">")]


def test_zh_announced_and_begins(extract_zh):
    doc = extract_zh("2026年3月2日电 3月1日，商务部宣布对铋相关物项实施出口管制，从4月1日开始实施。")
    events = {(p.event, p.date) for p in provisions(doc, "effective_date")}
    assert ("published", "2026-03-01") in events and ("effective", "2026-04-01") in events


def test_zh_the_notice_issued_with_a_bracketed_year_acts(extract_zh):
    doc = extract_zh("商务部7日发布公告（2026）第7号，决定自即日起至2027年5月1日，暂停实施2026年第3号公告。")
    assert [p.target for p in provisions(doc, "relation")] == ["mofcom-2026-3"]


def test_zh_a_report_lists_suspended_notices_without_their_year(extract_zh):
    text = ("商务部7日发布公告（2026）第9号，决定自即日起至2027年5月1日，暂停实施2项公告。\n"
            "这些暂停实施的公告分别是：第3号——对铋相关物项实施出口管制；第4号——对铟相关物项实施出口管制。\n")
    found = [(p.target, p.until) for p in provisions(extract_zh(text), "relation")]
    assert found == [("mofcom-2026-3", "2027-05-01"), ("mofcom-2026-4", "2027-05-01")]
    # Two years among the designations written in full: a year-less number could be either's.
    text = text.replace("暂停实施2项公告", "暂停实施2025年第80号公告等2项公告")
    assert [p.target for p in provisions(extract_zh(text), "relation")] == ["mofcom-2025-80"]


def test_zh_taiwan_words_read_as_the_mainlands(extract_zh):
    """Taiwan's 奈米, 晶片 and 人工智慧 (OpenCC's tw2sp phrases, taken where they keep their length)."""
    doc = extract_zh("報導指出，用於研製7奈米及以下邏輯晶片，或者研製具潛在軍事用途的人工智慧的出口申請，一律逐案審批。")
    assert [(p.value, p.unit) for p in provisions(doc, "threshold")] == [(7, "nm")]
    assert {(p.end_use, p.policy) for p in provisions(doc, "end_use_restriction")} == {
        ("advanced_semiconductors", "case_by_case"), ("ai_military", "case_by_case")}


def test_zh_a_policy_binds_its_own_clause(extract_zh):
    doc = extract_zh("研製具軍事用途的人工智慧需經逐案審批；用於軍事用途的，原則上不予許可。")
    assert {(p.end_use, p.policy) for p in provisions(doc, "end_use_restriction")} == {
        ("ai_military", "case_by_case"), ("military", "deny")}


def test_zh_a_country_that_owns_what_follows_is_no_destination(extract_zh):
    doc = extract_zh("有外国企业将原产于中国的锑管制物项转卖，对中国国家安全和利益构成威胁。")
    assert provisions(doc, "destination") == []
    doc = extract_zh("今年2月，政府对中国组织和个人出口钨相关物项实施出口管制。")
    assert provisions(doc, "destination") == []
    doc = extract_zh("对日本军事用户出口钨相关物项，原则上不予许可。")
    assert [(p.country, p.policy) for p in provisions(doc, "destination")] == [("japan", "deny")]


def test_zh_a_law_quoted_in_corner_brackets_names_no_goods(extract_zh):
    doc = extract_zh("依照「兩用物項出口管制條例」，境外經營者出口前須向商務部申請許可。")
    assert provisions(doc, "product_scope") == []
    doc = extract_zh("公告將「含有中國成分的境外鎵物項」納入出口管制。")
    assert [p.items for p in provisions(doc, "product_scope")] == [["gallium"]]


def test_zh_a_bracketed_publication_day_followed_by_qi_starts_the_controls(extract_zh):
    doc = extract_zh("相關措施自公告發布之日（2026年3月2日）起施行。")
    assert [(p.date, p.event) for p in provisions(doc, "effective_date")] == [("2026-03-02", "effective")]


def test_zh_value_share_forms_and_items_after_quoted_head(extract_zh):
    doc = extract_zh("據報導，境外產品所含中國原產鎵的價值比率達到0.5%以上的，亦須申請許可。")
    assert [(p.value, p.measure_key) for p in provisions(doc, "threshold")] == [(0.5, "origin_value_share")]
    doc = extract_zh("根據附件，「相關物項」包含金屬鎵、氧化鎵、氮化鎵。")
    assert [p.items for p in provisions(doc, "product_scope")] == [["gallium"]]


def test_zh_planned_measures_are_not_in_force(extract_zh):
    doc = extract_zh("消息称，欧盟拟于下月对俄罗斯出口两用物项实施出口管制。")
    assert provisions(doc, "destination") == [] and provisions(doc, "product_scope") == []
    doc = extract_zh("本公告将于2026年5月1日起实施，对俄罗斯出口两用物项，原则上不予许可。")
    assert [p.country for p in provisions(doc, "destination")] == ["russia"]


def test_zh_comments_sought_until_a_date(extract_zh):
    doc = extract_zh("该规则于2026年2月3日生效，2026年4月6日之前公开征求意见。")
    assert [(p.date, p.event) for p in provisions(doc, "effective_date")] == [
        ("2026-02-03", "effective"), ("2026-04-06", "comment_deadline")]


def test_zh_the_date_of_a_rule_that_is_revised_is_not_this_ones(extract_zh):
    doc = extract_zh("2026年1月8日，该局发布新规，对2024年9月5日所发布的镓出口管制规则进行全面修订。")
    assert [(p.date, p.event) for p in provisions(doc, "effective_date")] == [("2026-01-08", "published")]


def test_zh_regional_words_leave_legal_words_alone(extract_zh):
    """Only the listed regional words change: 執行 stays 执行 (a phrase table had made it 运行), so a
    suspension written in traditional characters still suspends."""
    from controlbrief.nlp_zh import Simplifier

    assert Simplifier()("已暫停執行該規定，晶片與奈米") == "已暂停执行该规定，芯片与纳米"
    doc = extract_zh("商務部已暫停執行先前「原則上不予許可」向美國出口鎵、鍺相關兩用物項的規定。")
    assert provisions(doc, "destination") == [] and provisions(doc, "product_scope") == []


def test_zh_a_quoted_clause_of_another_notice_binds_nothing_now(extract_zh):
    doc = extract_zh("依照该公告，第三款内容为「原则上不予许可锑相关物项对日本出口」。")
    assert provisions(doc, "product_scope") == [] and provisions(doc, "destination") == []


def test_zh_a_country_in_a_titles_marks_is_no_destination(extract_zh):
    doc = extract_zh("商务部调整了此前发布的《关于加强锑相关物项对日本出口管制的公告》。")
    assert provisions(doc, "destination") == []


def test_zh_deferred_measures_and_a_notice_named_by_number_alone(extract_zh):
    doc = extract_zh("中方决定暂缓实施钨出口许可证措施一年。")
    assert provisions(doc, "licensing") == []
    doc = extract_zh("报道称，商务部于2025年3月4日发布前述第18号公告。")
    assert [p.event for p in provisions(doc, "effective_date")] == []


def test_zh_yu_publication_day_and_a_regulations_name_without_its_marks(extract_zh):
    doc = extract_zh("2026年3月2日，商务部宣布对铋相关物项实施出口管制，并于发布之日起正式实施。")
    assert ("2026-03-02", "effective") in [(p.date, p.event) for p in provisions(doc, "effective_date")]
    doc = extract_zh("下列物项实施出口管制：\nc. 中华人民共和国两用物项出口管制条例；\n")
    assert ["dual-use item"] not in [p.items for p in provisions(doc, "product_scope")]


def test_zh_a_suspension_of_the_notice_named_in_the_sentence_before(extract_zh):
    doc = extract_zh("外交部回应称，商务部此前发布了商务部公告2026年第12号。经研究，上述公告中第三条内容暂停执行至2027年6月30日。")
    assert [(p.relation, p.target, p.scope, p.until) for p in provisions(doc, "relation")] == [
        ("suspends", "mofcom-2026-12", "第三条", "2027-06-30")]
    doc = extract_zh("商务部此前发布了2026年第12号和第13号公告。经研究，上述公告暂停执行。")
    assert sorted(p.target for p in provisions(doc, "relation")) == ["mofcom-2026-12", "mofcom-2026-13"]
    doc = extract_zh("商务部此前发布了2026年第12号和第13号公告。该公告暂停执行。")
    assert [p.target for p in provisions(doc, "relation")] == ["mofcom-2026-13"]


def test_zh_dates_with_hao_or_without_ri_and_what_the_parties_comply_with(extract_zh):
    doc = extract_zh("新办法于2026年4月2日生效，于2026年5月9需要各出口经营者遵守。")
    assert [(p.date, p.event) for p in provisions(doc, "effective_date")] == [
        ("2026-04-02", "effective"), ("2026-05-09", "compliance")]
    doc = extract_zh("本办法自2026年7月15号起施行。")
    assert [(p.date, p.event) for p in provisions(doc, "effective_date")] == [("2026-07-15", "effective")]
    doc = extract_zh("截至2026年3月12万吨铋锭已经出口。")
    assert provisions(doc, "effective_date") == []


def test_zh_a_list_named_after_its_goods_lists_none_and_the_states_security(extract_zh):
    doc = extract_zh("商务部宣布，将钴粉等2种物项正式纳入两用物项出口管制清单。")
    assert all("dual-use item" not in p.items for p in provisions(doc, "product_scope"))
    doc = extract_zh("为了维护国家的安全利益，决定对钴粉实施出口管制。")
    assert [p.category for p in provisions(doc, "rationale")] == ["national_security"]


def test_zh_a_definition_of_dual_use_restricts_no_use(extract_zh):
    doc = extract_zh("对于既可用于民用和军事用途的物项，出口申请原则上不予许可。")
    assert provisions(doc, "end_use_restriction") == []
    doc = extract_zh("对军事用途的出口申请，原则上不予许可。")
    assert [p.end_use for p in provisions(doc, "end_use_restriction")] == ["military"]


def test_zh_licences_to_obtain_reasons_given_with_chuyu_and_a_future_day(extract_zh):
    doc = extract_zh("根据新规，高端刻蚀设备出口需获得许可。")
    assert len(provisions(doc, "licensing")) == 1
    doc = extract_zh("瑞典政府对部分刻蚀设备提出许可要求。")
    assert len(provisions(doc, "licensing")) == 1
    doc = extract_zh("部长表示，是出于国家安全考虑采取了这一步骤。")
    assert [p.category for p in provisions(doc, "rationale")] == ["national_security"]
    doc = extract_zh("部长于2026年2月3日宣布，瑞典将于2026年5月1日修改其出口管制措施。")
    assert sorted((p.date, p.event) for p in provisions(doc, "effective_date")) == [
        ("2026-02-03", "published"), ("2026-05-01", "effective")]
    doc = extract_zh("下列物项未经许可不得出口：")
    assert provisions(doc, "licensing") == []  # a list's lead-in, as 'shall not be exported without permission'


def test_zh_a_background_sentence_in_an_earlier_year_controls_nothing_now(extract_zh):
    doc = extract_zh("2026年3月3日，商务部宣布对钴粉实施出口管制。\n2012年，商务部决定对镓锭实施出口管制，向日本出口须申请许可。\n")
    assert provisions(doc, "destination") == [] and provisions(doc, "licensing") == []
    assert [p.items for p in provisions(doc, "product_scope")] == [["cobalt"]]


def test_zh_points_run_into_one_line_with_spaced_dashes(extract_zh):
    from controlbrief.nlp import sentence_starts

    texts = ["政", "策", "-", "中", "方", "[", "2", "]", "-", "2025", "年", "-", "x"]
    spaced = [False, True, True, False, False, False, False, True, True, False, True, True, False]
    starts = sentence_starts(texts, spaced)
    assert starts[2] and starts[8] and not starts[11]  # '年 - x': no Chinese after the dash
    assert not any(sentence_starts(texts)[1:])  # without the spaces, nothing to go by
    doc = extract_zh("钴的行情 - 瑞典政府宣布，禁止向日本军方用户出口钴粉 [3] - 分析师称，钴价或将上涨 [4]")
    assert [(p.end_use, p.policy) for p in provisions(doc, "end_use_restriction")] == [("military", "prohibited")]
    assert len({p.text for p in provisions(doc, "end_use_restriction") + provisions(doc, "destination")}) == 1


def test_zh_a_range_or_smaller_licences_from_a_ministry_and_foreign_measures(extract_zh):
    doc = extract_zh("下列设备实施出口管制：制造线宽10至14纳米或更小的芯片的刻蚀设备。")
    assert [(t.value, t.comparator) for t in provisions(doc, "threshold")] == [(14, "<=")]
    doc = extract_zh("出口这些设备需要事先获得经济产业省的许可。")
    assert len(provisions(doc, "licensing")) == 1
    doc = extract_zh("瑞典决定限制向中国出口芯片制造所需的工具。")
    assert all("integrated circuit" not in p.items for p in provisions(doc, "product_scope"))
    assert [p.country for p in provisions(doc, "destination")] == ["china"]
    doc = extract_zh("消息人士称，首轮措施或包括限制向中国出口半导体设备。")
    assert provisions(doc, "product_scope") == [] and provisions(doc, "destination") == []
    doc = extract_zh("中国暂停钴粉等关键材料对美出口限制。")
    assert provisions(doc, "product_scope") == []
    doc = extract_zh("瑞典将半导体设备列入出口管理的管制对象。")
    assert [p.items for p in provisions(doc, "product_scope")] == [["semiconductor manufacturing equipment"]]


def test_zh_a_page_date_field_background_dates_and_from_today(extract_zh):
    doc = extract_zh("date 2026-03-02 瑞典外交部今发布2026年第4号公告，禁止向挪威出口钴粉。\n"
                     "2024年5月1日，瑞典发布《出口管制清单》，自2024年6月1日起实施。\n")
    assert [(p.date, p.event) for p in provisions(doc, "effective_date")] == [("2026-03-02", "published")]
    doc = extract_zh("date 2026-03-05\n【本报讯】3月2日，商务部公告宣布，即日起对钴粉实施出口管制。")
    assert ("2026-03-02", "effective") in [(p.date, p.event) for p in provisions(doc, "effective_date")]
    assert ("2026-03-05", "effective") not in [(p.date, p.event) for p in provisions(doc, "effective_date")]
    doc = extract_zh("date 2026-03-05\n商务部公告称，经批准，自即日起至2027年3月5日暂停实施。")
    assert [p.event for p in provisions(doc, "effective_date")].count("suspended_from") == 0
    doc = extract_zh("date 2026-03-05\n商务部今天宣布，自即日起至2027年3月5日暂停实施。")
    assert ("2026-03-05", "suspended_from") in [(p.date, p.event) for p in provisions(doc, "effective_date")]
    doc = extract_zh("对于既有民事用途，又有军事用途的物项，出口申请原则上不予许可。")
    assert provisions(doc, "end_use_restriction") == []


def test_zh_ownership_shares_and_the_entity_list(extract_zh):
    doc = extract_zh("对被列入实体清单的企业持股超过50%的子公司实施出口管制。")
    assert [(t.value, t.comparator, t.measure_key) for t in provisions(doc, "threshold")] == [(50, ">", "ownership_share")]
    assert [p.end_use for p in provisions(doc, "end_use_restriction")] == ["listed_entities"]
    doc = extract_zh("如果一家公司被名单上的企业拥有25%或以上的股权，出口须申请许可。")
    assert [(t.value, t.comparator, t.measure_key) for t in provisions(doc, "threshold")] == [(25, ">=", "ownership_share")]


def test_zh_days_after_publication(extract_zh):
    doc = extract_zh("本办法于2026年3月2日发布，自公布之日起30日后施行。")
    assert sorted((p.date, p.event) for p in provisions(doc, "effective_date")) == [
        ("2026-03-02", "published"), ("2026-04-01", "effective")]


def test_zh_taiwans_entity_list_wording(extract_zh):
    doc = extract_zh("业者若欲出口至受管制实体，须事先取得战略性高科技货品输出许可证，始得凭证出口。")
    assert len(provisions(doc, "licensing")) == 1
    doc = extract_zh("基于防止武器扩散、维护国家安全等考量，经济部更新出口管制实体名单。")
    assert sorted(p.category for p in provisions(doc, "rationale")) == ["national_security", "non_proliferation"]


def test_zh_a_licence_a_violator_loses_is_none_to_apply_for(extract_zh):
    doc = extract_zh("若违反相关规定，可处以最高新台币100万元罚锾，并得停止出口许可。")
    assert provisions(doc, "licensing") == []
    doc = extract_zh("出口经营者需要办理相关的出口许可手续，超出许可范围的出口，将予以行政处罚。")
    assert len(provisions(doc, "licensing")) == 1


def test_zh_equipment_for_goods_a_form_to_fill_and_a_date_field(extract_zh):
    def items(text):
        return [p.items for p in provisions(extract_zh(text), "product_scope")]

    # Equipment named by what it makes ('用于制造……的设备'): the equipment is the item, not what it makes (named
    # as the goods' lexicon entry says: battery manufacturing equipment), nor what qualifies that
    # ('钴电池正极材料的设备': the cathodes of cobalt batteries).
    assert items("（二）4B902.用于生产锂离子电池的卷绕设备：") == [["battery manufacturing equipment"]]
    assert items("（三）4B903.用于制备锂离子电池正极材料的烧结装置。") == [["battery manufacturing equipment"]]
    assert items("对锂离子电池的出口和相关设备实施管制。") == [["lithium battery"]]
    # Words to be written on a customs form, and a code's name, are no items.
    assert items("出口钴粉的，应当在报关单上标注“属于两用物项”并写明两用物项出口管制编码。") == [["cobalt"]]
    # The form text ends where its own opening mark is closed: goods after it are items again.
    assert items("出口经营者在报关单注明「两用物项」，商务部对锂离子电池和量子计算机实施出口管制。") == [["lithium battery", "quantum computer"]]
    assert items('报关时注明"两用物项"，对扫描电子显微镜实施出口管制。') == [["scanning electron microscope"]]
    # A date field with a compact date is the notice's own day, and no customs code.
    doc = extract_zh("2026-03-06 09:12\n公告2026年第9号\n【发文日期】20260305\n对钴粉实施出口管制。\n")
    assert doc.published == "2026-03-05"
    assert all("20260305" not in p.codes for p in provisions(doc, "product_scope"))
    doc = extract_zh("对钴粉（参考税则号列：20071010）实施出口管制。")
    assert provisions(doc, "effective_date") == []


def test_zh_will_take_effect_a_past_decade_and_background_reasons(extract_zh):
    doc = extract_zh("2026年3月1日，《钴出口管理办法》将正式实施，办法细化了许可程序。")
    assert [(p.date, p.event) for p in provisions(doc, "effective_date")] == [("2026-03-01", "effective")]
    assert doc.published is None  # a day something will take effect does not date the report
    doc = extract_zh("2026年3月2日，商务部发布公告，对钴粉实施出口管制。\n"
                     "自90年代以来，我国根据国际义务陆续颁布钴相关物项的出口许可目录。\n")
    assert provisions(doc, "rationale") == [] and provisions(doc, "licensing") == []
    assert [p.items for p in provisions(doc, "product_scope")] == [["cobalt"]]


def test_zh_quantum_items(extract_zh):
    doc = extract_zh("日本經濟產業省宣布，對量子計算機和掃描電子顯微鏡實施出口管制。")
    assert [p.items for p in provisions(doc, "product_scope")] == [["quantum computer", "scanning electron microscope"]]


def test_zh_general_licences(extract_zh):
    doc = extract_zh("发言人表示，对钴粉出口将积极适用通用许可等便利化措施。")
    assert [p.exemption_type for p in provisions(doc, "exemption")] == ["general_licence"]
    doc = extract_zh("發言人表示，對鈷粉出口將積極適用通用許可等便利化措施。")  # in traditional characters too
    assert [p.exemption_type for p in provisions(doc, "exemption")] == ["general_licence"]


def test_zh_questions_stopped_measures_intent_and_dates_that_describe(extract_zh):
    # A question states nothing.
    assert extract_zh("请问商务部是否会对钴粉实施出口管制？").provisions == []
    assert extract_zh("记者问：「请问商务部将如何对钴粉实施出口管制？」").provisions == []
    # A half-width question mark before Chinese ends the question too: what follows is the answer.
    doc = extract_zh("请问在钴粉出口管制方面有何考虑?发言人表示，对钴粉出口实施管制。")
    assert [p.text for p in doc.provisions] == ["发言人表示，对钴粉出口实施管制。"]
    # Measures deferred or stopped are not in force.
    assert provisions(extract_zh("商务部宣布对15家外国实体暂缓或停止相关限制。"), "end_use_restriction") == []
    # What a side says it will do is no act yet.
    assert provisions(extract_zh("声明称，中方将采取或者维持必要措施，暂停或取消部分反制措施。"), "relation") == []
    # A date right after 对于 describes what is acted on: no event, no start of the act.
    doc = extract_zh("对于2026年3月2日被列入管控名单的10家实体，停止执行相关措施。")
    assert [(r.relation, r.from_) for r in provisions(doc, "relation")] == [("revokes", None)]
    assert provisions(doc, "effective_date") == []


def test_zh_questions_in_english_too(extract_text):
    doc = extract_text("Trade note\nWill the agency control cobalt powder exports from 1 May 2026?\n")
    assert doc.provisions == []


def test_zh_what_an_original_clause_required_is_not_in_force(extract_zh):
    """'根据原12号公告第三款要求，……原则上不予许可': what a suspended clause said, cited, controls nothing now;
    '根据原产于中国……' is origin, not 'the original'."""
    doc = extract_zh("根据原12号公告第三款要求，此前对该国出口钨、钼原则上不予许可。")
    assert [p.kind for p in doc.provisions if p.kind in ("product_scope", "destination", "end_use_restriction")] == []
    doc = extract_zh("依照原产于中国的钨相关物项实施出口管制，原则上不予许可。")
    assert [p.items for p in doc.provisions if p.kind == "product_scope"] == [["tungsten"]]


def test_zh_battery_equipment_put_on_the_control_list_and_the_states_commerce_authority(extract_zh):
    """'……卷绕机、注液机等，也被纳入管制清单': machines named by kind are battery manufacturing equipment, and
    being put on the control list controls them; '国家商务主管部门' is the ministry."""
    doc = extract_zh("其下游的叠片机、分容柜等设备，亦已纳入两用物项管制清单。")
    assert [p.items for p in doc.provisions if p.kind == "product_scope"] == [["battery manufacturing equipment"]]
    assert [p.items for p in extract_zh("三家企业被列入出口管制管控名单。").provisions if p.kind == "product_scope"] == []
    doc = extract_zh("出口上述叠片机，应当向国家商务主管部门申请许可。")
    assert [p.authority for p in doc.provisions if p.kind == "licensing"] == ["ministry of commerce"]


def test_zh_controls_said_not_to_be_suspended_are_in_force(extract_zh):
    doc = extract_zh("对钴相关物项实施出口管制的措施不暂停实施。")
    assert [p.items for p in doc.provisions if p.kind == "product_scope"] == [["cobalt"]]


def test_zh_what_a_government_might_do_is_no_control(extract_zh):
    """'如果中方限制钴出口，……': a market note's hypothetical; '若出口经营者出口……，应当申请许可' is a rule's condition."""
    assert [p for p in extract_zh("假如北京对铟实施出口管制，下游厂商将承压。").provisions if p.kind == "product_scope"] == []
    doc = extract_zh("若出口经营者出口铟相关物项，应当申请许可。")
    assert [p.items for p in doc.provisions if p.kind == "product_scope"] == [["indium"]]


@pytest.mark.parametrize(("text", "items"), [
    ("决定对部分消费级无人机和航空发动机实施出口管制。", {"unmanned aerial vehicle", "aero-engine"}),
    ("下列物项未经许可不得出口：反无人机系统、合成孔径雷达、红外成像设备。",
     {"anti-drone system", "synthetic aperture radar", "infrared imaging equipment"}),
    # 专门用于……的: what the engines serve is no item.
    ("（一）最大持续功率大于20千瓦的专门用于无人驾驶航空飞行器的航空发动机，未经许可不得出口。", {"aero-engine"}),
    ("（二）专用于无人驾驶飞机或无人飞艇的红外相机，未经许可不得出口。", {"infrared imaging equipment"}),
])
def test_zh_drones_and_their_parts_are_items(extract_zh, text, items):
    doc = extract_zh(text)
    assert {i for p in provisions(doc, "product_scope") for i in p.items} == items


@pytest.mark.parametrize(("text", "targets"), [
    # The notice a sentence opens with, acting on something, is no target: what it acts on is.
    ("据悉，商务部2026年第12号公告废止了2024年第9号公告。", ["mofcom-2024-9"]),
    ("商务部2026年第12号公告废止了2024年第9号公告。", ["mofcom-2024-9"]),
    ("2026年第12号公告调整了相关物项范围，同时废止原有的临时管制措施。", [None]),
    # A notice named as what is acted on stays the target, before its verb or after it.
    ("自2026年3月1日起，2024年第9号公告同时废止。", ["mofcom-2024-9"]),
    ("对2024年第9号公告所列实体暂停实施相关措施。", ["mofcom-2024-9"]),
])
def test_zh_the_notice_that_acts_is_no_target(extract_zh, text, targets):
    assert [p.target for p in provisions(extract_zh(text), "relation")] == targets


def test_a_notice_that_revoked_something_is_no_target(extract_text):
    doc = extract_text("Client note\nAnnouncement No. 12 of 2026 widened the list and revoked the temporary drone controls.\n")
    assert provisions(doc, "relation") == []
    doc = extract_text("Client note\nAnnouncement No. 9 of 2024 was revoked on 1 March 2026.\n")
    assert [p.target for p in provisions(doc, "relation")] == ["mofcom-2024-9"]


def test_zh_the_country_of_the_ministry_is_no_party(extract_zh):
    doc = extract_zh("答：经批准，中国商务部会同有关部门发布公告，禁止所有民用无人机出口用于军事目的。")
    assert [(p.end_use, p.policy, p.party) for p in provisions(doc, "end_use_restriction")] == [("military", "prohibited", None)]


@pytest.mark.parametrize("text", [
    "第五条 省级商务主管部门负责本地区两用物项出口管制工作。",
    "条例明确，进一步完善两用物项出口管制政策的制定程序。",
])
def test_zh_the_work_of_controlling_is_no_scope(extract_zh, text):
    assert provisions(extract_zh(text), "product_scope") == []


def test_zh_a_control_beside_the_work_of_controlling_is_scope(extract_zh):
    doc = extract_zh("为做好出口管制工作，决定对镓相关物项实施出口管制。")
    assert [p.items for p in provisions(doc, "product_scope")] == [["gallium"]]


@pytest.mark.parametrize(("text", "items"), [
    ("据报道，锗锭出口仍受到严格限制。", ["germanium"]),
    ("目前镓的出口商须申请相关许可，审批周期较长。", ["gallium"]),
])
def test_zh_goods_still_restricted_or_licensed_are_scope(extract_zh, text, items):
    assert [p.items for p in provisions(extract_zh(text), "product_scope")] == [items]


def test_zh_licence_reviews_suspended_for_a_country_deny_it(extract_zh):
    doc = extract_zh("商务部宣布，暂停对立陶宛出口两用物项的许可审批。")
    assert [(p.country, p.policy) for p in provisions(doc, "destination")] == [("lithuania", "deny")]


def test_zh_goods_and_their_technology_are_goods(extract_zh):
    doc = extract_zh("商务部宣布对氧化镓等12种产品及其技术实施出口管制，涵盖镓、锗等物项。")
    assert [p.technology for p in provisions(doc, "product_scope")] == [False]


def test_zh_a_newspaper_dates_its_report_by_its_page_line(extract_zh):
    """'《 经济日报 》（ 2026年03月05日 04 版）' closes a reprint from a newspaper: the report is of that day, not of
    the notice it cites."""
    doc = extract_zh("本报北京3月4日电 发言人表示，商务部于2026年2月2日发布了第12号公告，对钴实施出口管制。\n"
                     "发言人说，出口经营者如需出口钴粉，应当向商务部申请许可。\n"
                     "有记者问：企业应如何准备？发言人表示，商务部将依法依规进行审查，符合规定的将准予许可。\n"
                     "发言人强调，相关措施不针对任何特定国家和地区。\n"
                     "《 经济日报 》（ 2026年03月05日 04 版）")
    assert doc.published == "2026-03-05"
    assert [(p.event, p.date) for p in provisions(doc, "effective_date")] == [("published", "2026-03-05")]


def test_zh_pressure_and_dislocation_density_are_measured(extract_text):
    """'设计使用压力大于等于6千兆帕' is a pressure limit (in MPa, the spec's strength unit), named in the text's words;
    '位错密度小于40个/平方厘米' a density per square centimetre; 'a working pressure of at least 6 GPa' alike."""
    doc = extract_text("1.压机设备，设计使用压力大于等于6千兆帕。\n2.单晶，位错密度小于40个/平方厘米。\n")
    assert [(t.value, t.unit, t.measure, t.measure_key) for t in provisions(doc, "threshold")] == [
        (6000, "mpa", "设计使用压力", "strength"), (40, "per_cm2", "位错密度", "density")]
    doc = extract_text("Note\nPresses with a working pressure of at least 6 GPa are controlled.\n")
    assert [(t.value, t.unit, t.measure) for t in provisions(doc, "threshold")] == [(6000, "mpa", "working pressure")]


def test_zh_the_notice_an_issuing_verb_put_out_is_no_target(extract_text):
    """'发布调整《目录》的2026年第9号公告，删除3项……修改1项': No. 9 does the amending, it is not amended; '暂停执行此前
    发布的2024年第46号公告第二款' suspends No. 46 (the issuing verb after the cue describes the target)."""
    doc = extract_text("商务部官网发布调整《中国禁止出口限制出口技术目录》的2026年第9号公告，删除3项技术条目，修改1项。\n")
    assert provisions(doc, "relation") == []
    doc = extract_text("商务部宣布暂停执行此前发布的2024年第46号公告第二款。\n")
    assert [(r.relation, r.target, r.scope) for r in provisions(doc, "relation")] == [
        ("suspends", "mofcom-2024-46", "第二款")]


def test_zh_a_comment_deadline_written_as_feedback_closing(extract_text):
    """'意见反馈截止时间为2026年3月1日' closes the comment period."""
    doc = extract_text("商务部就目录调整公开征求意见。\n意见反馈截止时间为2026年3月1日。\n")
    assert [(d.event, d.date) for d in provisions(doc, "effective_date")] == [("comment_deadline", "2026-03-01")]


def test_zh_emergency_medical_and_disaster_relief_exports_are_humanitarian(extract_text):
    """'最终用途为紧急医疗、自然灾害救助等的出口，免于申请许可证' is a humanitarian exemption; '将豁免申请许可' exempts,
    it asks for no licence."""
    doc = extract_text("最终用途为紧急医疗、自然灾害救助等的出口，免于申请许可证。\n")
    assert [e.exemption_type for e in provisions(doc, "exemption")] == ["humanitarian"]
    doc = extract_text("对于最终用途为紧急医疗的出口，将豁免申请许可。\n")
    assert [e.exemption_type for e in provisions(doc, "exemption")] == ["humanitarian"]
    assert provisions(doc, "licensing") == []


def test_zh_the_us_department_of_commerce_is_not_mofcom(extract_text):
    """'向美国商务部申请许可' names the US Department of Commerce (BIS), not MOFCOM, whose name '商务部' it holds."""
    doc = extract_text("美国规定，出口商须向美国商务部申请许可。\n")
    assert [l.authority for l in provisions(doc, "licensing")] == ["bureau of industry and security"]
    doc = extract_text("出口经营者须向商务部申请许可。\n")
    assert [l.authority for l in provisions(doc, "licensing")] == ["ministry of commerce"]


def test_zh_an_authority_announcing_dates_the_day_and_from_today(extract_text):
    """'3月2日，商务部、海关总署公告，……即日起正式施行': the ministries announced on that day, and '即日起' is that
    day, not the report's own."""
    doc = extract_text("发布时间：2025-03-10\n3月2日，商务部、海关总署公告，决定对锑相关物项实施出口管制，即日起正式施行。\n")
    found = [(d.event, d.date) for d in provisions(doc, "effective_date")]
    assert ("published", "2025-03-02") in found and ("effective", "2025-03-02") in found
    assert ("effective", "2025-03-10") not in found


def test_zh_a_watch_list_denies_general_licences_and_military_uses(extract_text):
    """The watch-list register: '不得申请通用许可' refuses a general licence (no exemption); a stricter review is the
    listed parties' policy and '……军事用途……出口不予批准' denies military uses; '可申请移出关注名单' restricts no one."""
    doc = extract_text("出口经营者向上述实体出口两用物项，不得申请通用许可。\n"
                       "商务部将对关注名单中实体的两用物项出口实施更严格的审查，涉军事用户、军事用途的出口不予批准。\n"
                       "列入关注名单的实体配合核查的，可申请移出关注名单。\n")
    assert provisions(doc, "exemption") == []
    found = {(e.end_use, e.policy) for e in provisions(doc, "end_use_restriction")}
    assert ("military", "deny") in found and ("listed_entities", "other") in found
    assert not any("移出" in e.text for e in provisions(doc, "end_use_restriction"))


def test_zh_measures_take_effect_from_the_day_the_announcement_is_published(extract_text):
    """'有关措施由公告公布之日起正式实施' is in force from the announcement's day, as '自公布之日起' is."""
    doc = extract_text("商务部公告2026年第9号\n对锑相关物项实施出口管制。\n有关措施由公告公布之日起正式实施。\n商务部\n2026年3月2日\n")
    assert ("effective", "2026-03-02") in [(d.event, d.date) for d in provisions(doc, "effective_date")]


def test_zh_goods_a_company_name_ends_on_are_no_scope(extract_text):
    """'2. 某某重工航空发动机株式会社' in a list of listed entities names a company, not aero-engines under control."""
    doc = extract_text("决定将以下实体列入出口管制管控名单：\n1. 某某造船株式会社\n2. 某某重工航空发动机株式会社\n")
    assert not any("aero-engine" in p.items for p in provisions(doc, "product_scope"))


def test_zh_what_stops_is_named_in_its_own_part_of_the_sentence(extract_text):
    """'……对于甲类实体，继续暂停相关措施90天；对于乙类12家实体，停止执行相关措施': what stops is the second part's
    measures, not the whole sentence."""
    doc = extract_text("决定自2025年8月12日起，对于4月4日被列入管控名单的16家实体，继续暂停相关措施90天；"
                       "对于4月9日被列入管控名单的12家实体，停止执行相关措施。\n")
    texts = [r.target_text for r in provisions(doc, "relation") if r.relation == "revokes"]
    assert texts == ["对于4月9日被列入管控名单的12家实体，停止执行相关措施"]


def test_zh_security_and_interests_joined_by_yu(extract_text):
    """'为维护国家安全与利益' states both reasons, as '国家安全和利益' does."""
    doc = extract_text("为维护国家安全与利益，决定加强两用物项对某国出口管制。\n")
    assert {r.category for r in provisions(doc, "rationale")} == {"national_security", "national_interests"}


def test_zh_tariffs_exporters_and_general_export_licences_are_no_controls(extract_text):
    """'为应对甲国对乙国加征关税，……实施出口管制': '应对' is no destination cue and a country tariffs are laid on is no
    destination; '向乙国出口商进行政策宣介' addresses exporters; '已获得通用出口许可证' is a general licence, no
    licence to apply for."""
    doc = extract_text("为应对美国对中国加征关税，中国宣布对锑相关物项实施出口管制。\n"
                       "主管部门向中国出口商进行了政策宣介。\n三家企业已获得通用出口许可证。\n")
    assert provisions(doc, "destination") == []
    assert provisions(doc, "licensing") == []
    assert [e.exemption_type for e in provisions(doc, "exemption")] == ["general_licence"]


def test_zh_a_halt_of_exports_is_a_ban_and_licence_management_a_licence(extract_text):
    """'宣布暂停出口钴' bans cobalt exports; '实行许可证管理' asks for a licence; '暂停出口管制措施' and '停止出口许可'
    (a penalty) ban nothing."""
    doc = extract_text("某国宣布自下月起暂停出口钴四个月。\n对上述技术实行许可证管理。\n")
    assert [p.items for p in provisions(doc, "product_scope")] == [["cobalt"]]
    assert len(provisions(doc, "licensing")) == 1
    other = extract_text("美方宣布暂停出口管制措施。\n违规企业将被停止出口许可。\n")
    assert provisions(other, "product_scope") == []


def test_zh_precursor_chemicals_are_goods(extract_text):
    doc = extract_text("自即日起，向特定国家出口易制毒化学品须申请许可。\n")
    assert [p.items for p in provisions(doc, "product_scope")] == [["precursor chemical"]]


def test_zh_a_state_council_order_dates_adoption_publication_and_effect_apart(extract_text):
    """'已经<日>国务院第N次常务会议通过，现予公布，自<日>起施行' with the premier's signature date below: the meeting
    adopted it, the order's own date published it, and only the day after 自 starts it."""
    doc = extract_text("国务院令\n《某某物项管理条例》已经2026年3月6日国务院第50次常务会议通过，现予公布，"
                       "自2026年7月1日起施行。\n总理 某某\n2026年3月20日\n")
    found = {(p.event, p.date) for p in provisions(doc, "effective_date")}
    assert found == {("adopted", "2026-03-06"), ("effective", "2026-07-01"), ("published", "2026-03-20")}
    assert doc.published == "2026-03-20"


def test_zh_the_cue_of_one_date_does_not_date_another(extract_text):
    """'以经2026年4月26日某某研讨会依据，自2026年9月1日起施行' (a content farm's rewording): '1日起' is the second
    date's cue, not the first's."""
    doc = extract_text("《某某规则》以经2026年4月26日某某研讨会依据，自2026年9月1日起施行。\n")
    assert [(p.event, p.date) for p in provisions(doc, "effective_date")] == [("effective", "2026-09-01")]


def test_zh_a_country_that_qualifies_a_company_or_grants_the_licence_is_no_destination(extract_text):
    """'对日本芯片设备制造商某某的出口限制', '针对日本政府的决定', '要向日本申请出口许可': Japan's maker, Japan's
    government and the country one applies to; exports to China stay a destination."""
    doc = extract_text("日本将扩大对日本芯片设备制造商某某公司的光刻机的出口限制，出口商今后要向日本申请出口许可。\n"
                       "中方针对日本政府扩大出口管制的决定表示不满。\n向中国出口上述设备须申请许可。\n")
    assert [p.country for p in provisions(doc, "destination")] == ["china"]


def test_noble_gases_are_goods_and_a_diluent_is_not(extract_text):
    """稀有气体 is the goods; the inert gas a hydride is diluted in ('含在惰性气体……中稀释的') is not an item."""
    doc = extract_text("自即日起，对稀有气体实施出口许可管理。")
    assert [p.items for p in provisions(doc, "product_scope")] == [["noble gas"]]
    doc = extract_text("对下列物项实施出口管制：磷化氢（含在惰性气体或氢气中稀释的磷化氢），纯度大于99.99%。")
    assert all("noble gas" not in p.items for p in provisions(doc, "product_scope"))


@pytest.mark.parametrize(("text", "items"), [
    ("矿业协会同意立即停止锡矿出口。", ["tin"]),                    # a halt with the goods between
    ("锡矿须经冶炼后方可出口。", ["tin"]),                          # processing required before export
    ("该国宣布实施向日本出口镓的临时限制措施。", ["gallium"]),       # the measures named after the goods
])
def test_zh_halts_processing_duties_and_measures_named_after_goods_set_a_scope(extract_text, text, items):
    assert [p.items for p in provisions(extract_text(text), "product_scope")] == [items]


@pytest.mark.parametrize("text", [
    "欧盟决定禁止进口俄罗斯镍产品，以减少对俄罗斯的依赖。",             # an import ban
    "分析人士认为，北京应该考虑限制钨、锑的出口。",          # only considered
    "市场预期越南将禁止稀土出口，价格随之上涨。",             # only expected
])
def test_zh_import_bans_and_measures_only_weighed_set_no_scope(extract_text, text):
    doc = extract_text(text)
    assert provisions(doc, "product_scope") == [] and provisions(doc, "destination") == []


def test_zh_an_hour_before_起_and_an_import_share(extract_text):
    """'自2026年3月1日凌晨起' starts that day; '进口了超过60%的镓' is a share of imports, no threshold."""
    doc = extract_text("自2026年3月1日凌晨起，铬矿不得出口。\n去年日本从中国进口了超过60%的镓，该国已对镓实施出口管制。\n")
    assert [(p.event, p.date) for p in provisions(doc, "effective_date")] == [("effective", "2026-03-01")]
    assert provisions(doc, "threshold") == []


def test_zh_what_may_happen_is_no_relation_and_a_use_forbidden_restricts_it(extract_text):
    """'届时可能会……解除暂停措施' only weighs lifting the measure; '不得将芯片用于军事用途' forbids a military use, and
    '美國境內' is a place, not the party."""
    doc = extract_text("该部门表示，两个月后可能会视情况解除对锡出口的暂停措施。\n")
    assert [p for p in doc.provisions if p.kind == "relation"] == []
    doc = extract_text("出口商必須證明美國境內供應充足，買方須承諾不得將晶片用於軍事用途。\n")
    assert [(p.end_use, p.policy, p.party) for p in provisions(doc, "end_use_restriction")] == [
        ("military", "prohibited", None)]


def test_zh_bis_named_after_the_commerce_department_is_bis(extract_text):
    doc = extract_text("负责出口管制的商务部工业安全局已开始核发芯片出口许可。\n")
    assert [p.authority for p in provisions(doc, "licensing")] == ["bureau of industry and security"]


def test_zh_silver_named_in_two_characters_and_a_measure_compared_with_another(extract_text):
    """白银 is the metal even alone (银 alone may be 银行); '与稀土同级', '比照稀土' compare, they control no rare earths."""
    doc = extract_text("自下月起，该国对白银出口实施管制，管理级别与稀土同级。\n官方比照稀土般对黄金实施出口管制。\n")
    assert [p.items for p in provisions(doc, "product_scope")] == [["silver"], ["gold"]]


def test_zh_new_years_day_a_licence_system_and_controls_named_before_their_goods(extract_text):
    """'2027年元旦起' is 1 January; a licence system brought in ('改为……许可证制度') asks for a licence and sets the
    scope; '管制白银出口' controls silver; '从……1日开始' starts a measure."""
    doc = extract_text("2027年元旦起，该国白银出口由配额管理改为逐批审查的许可证制度。\n"
                       "新办法除管制白银出口外，还涵盖钨出口。\n从2027年3月1日开始，锑的出口实行一年期的特别许可制度。\n")
    assert [(p.event, p.date) for p in provisions(doc, "effective_date")] == [
        ("effective", "2027-01-01"), ("effective", "2027-03-01")]
    assert [p.items for p in provisions(doc, "product_scope")] == [["silver"], ["silver", "tungsten"], ["antimony"]]
    assert len(provisions(doc, "licensing")) == 2


def test_zh_technical_parameters_are_no_technology_and_battery_materials_are_battery_goods(extract_text):
    """'技术指标' means technical indicators: the scope they bound is goods; 锂电材料 are lithium battery goods, not
    lithium; 压实密度 and 造粒容积 are what is measured, in the source's words."""
    doc = extract_text("此次新规按技术指标对锂电材料实施出口管制。\n")
    assert [(p.items, p.technology) for p in provisions(doc, "product_scope")] == [(["lithium battery"], False)]
    doc = extract_text("1. 压实密度大于等于2.6g/cm3的负极材料；\n2. 造粒容积大于等于8m3的造粒釜。\n")
    assert [p.measure for p in provisions(doc, "threshold")] == ["压实密度", "造粒容积"]


def test_zh_values_things_usually_have_are_no_limits(extract_text):
    doc = extract_text("对高能量密度电池实施出口管制；市面上的电池能量密度多在200至260Wh/kg之间。\n")
    assert provisions(doc, "threshold") == []


def test_zh_military_end_user_list_is_the_party_and_foreign_policy_a_reason(extract_text):
    """'军事最终用户名单' names the list as the party (as 'Military End-User List' does); 外交政策 is foreign_policy."""
    doc = extract_text("美方规定，军事最终用户名单上企业控股的子公司，出口须申请许可证。\n"
                       "美方称，此举是为保护其国家安全和外交政策利益。\n")
    assert [(p.end_use, p.party) for p in provisions(doc, "end_use_restriction")] == [("military", "军事最终用户名单")]
    assert sorted(p.category for p in provisions(doc, "rationale")) == ["foreign_policy", "national_security"]


def test_zh_a_general_licence_considered_is_none_granted(extract_text):
    doc = extract_text("发言人表示，主管部门将积极考虑适用通用许可等便利化措施。\n三家企业已获得通用出口许可证。\n")
    assert [p.text for p in provisions(doc, "exemption")] == ["三家企业已获得通用出口许可证。"]


def test_zh_layers_feature_size_equipment_needed_and_comment_deadline(extract_text):
    """'超过96层' counts layers even after '存储密度'; 特征尺寸 and 套刻精度 are what a nanometre limit measures;
    '生产……芯片所需的……设备' names the equipment, not the chips; '评论……截至' closes comments."""
    doc = extract_text("1. 存储密度较高且NAND超过96层的存储芯片；\n2. 特征尺寸小于30纳米且套刻精度小于2纳米的刻蚀设备。\n"
                       "美方对生产先进芯片所需的半导体制造设备实施出口管制。\n公众评论的期限截至2027年2月1日。\n")
    assert [(p.measure_key, p.value) for p in provisions(doc, "threshold")] == [("layers", 96), ("other", 30), ("other", 2)]
    assert [p.measure for p in provisions(doc, "threshold")][1:] == ["特征尺寸", "套刻精度"]
    assert ["semiconductor manufacturing equipment"] in [p.items for p in provisions(doc, "product_scope")]
    assert ["integrated circuit", "semiconductor manufacturing equipment"] not in [p.items for p in provisions(doc, "product_scope")]
    assert [(p.event, p.date) for p in provisions(doc, "effective_date")] == [("comment_deadline", "2027-02-01")]


def test_zh_the_work_of_enforcing_controls_controls_nothing(extract_text):
    """'出口管制执法', '出口管制联合执法协调中心' are the work of enforcing controls: no scope for the goods beside them."""
    doc = extract_text("监管部门加强两用物项出口管制执法，成立两用物项出口管制联合执法协调中心。\n")
    assert provisions(doc, "product_scope") == []


def test_zh_what_a_measure_retaliates_for_is_the_other_sides(extract_text):
    doc = extract_text("作为对美方芯片限制措施的报复，该国禁止向美国出口镓。\n")
    assert [p.items for p in provisions(doc, "product_scope")] == [["gallium"]]


def test_state_security_in_short_and_a_long_named_licence(extract_text):
    doc = extract_text("經濟部表示，基於防止武器擴散及其他國安考量，新增42個實體。業者應事先取得主管機關核發的兩用貨品特別輸出許可證，始得出口。")
    assert {p.category for p in provisions(doc, "rationale")} == {"non_proliferation", "national_security"}
    assert len(provisions(doc, "licensing")) == 1
