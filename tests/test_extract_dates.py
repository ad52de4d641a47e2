import pytest

from controlbrief.ingest import LoadedFile
from controlbrief.models import ReadText
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
        ("The rule is in force now, but BIS is soliciting comments until 1 December 2026.", [("comment_deadline", "2026-12-01")]),
        ("Comments on the interim final rule must be submitted by Jan. 31, 2027.", [("comment_deadline", "2027-01-31")]),
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Notice on sample items\nEffective Date\nMarch 3, 2026\nExports of sample alloys shall not take place without a licence.",
         [("effective", "2026-03-03")]),
        ("Update time: 2026-03-05 10:00\nExports of sample alloys shall not take place without a licence.", []),
        ("Comments must be received no later than 2 February 2026.", [("comment_deadline", "2026-02-02")]),
        ("Exporters are not required to comply until 1 June 2026.", [("compliance", "2026-06-01")]),
        ("Article 3 of Notice No. 8 of 2025 is suspended from 1 May 2026 until 1 May 2027.",
         [("suspended_from", "2026-05-01"), ("suspended_until", "2027-05-01")]),
        ("Dated: March 3, 2026.", [("adopted", "2026-03-03")]),
        ("This rule revises an IFR released on December 2, 2024 and takes effect on 1 February 2026.", [("effective", "2026-02-01")]),
    ],
)
def test_extract_dates_schema_v2_events(extract_text, text, expected):
    doc = extract_text(text)
    assert [(p.event, p.date) for p in provisions(doc, "effective_date")] == expected


def test_extract_dates_header_date_with_a_note(extract_text):
    doc = extract_text("Gallium shall not be exported without permission.", meta={"date": "2023-10-20 (effective 2023-12-01)"})
    assert doc.published == "2023-10-20"


def test_extract_dates_of_an_instrument_named_by_its_title_are_not_this_ones(extract_text):
    """A summary that retells the rule it amends: that rule's release date is not this document's."""
    text = ("Export Controls on Wafer Fabrication Items\n\n"
            "On March 3, 2024, the Bureau released the interim final rule (IFR) \"Controls on Certain Wafer Items\" "
            "(March 3 IFR), which amended the Export Administration Regulations.\n"
            "This rule is effective June 1, 2025. Comments must be received no later than July 1, 2025.\n")
    doc = extract_text(text)
    assert events(extract_text, text) == [("effective", "2025-06-01"), ("comment_deadline", "2025-07-01")]
    assert doc.published is None  # no date of its own, and its effective date is not its publication


def test_extract_dates_header_date_without_a_cue_still_dates_the_document(extract_text):
    text = "Trade update\nWednesday, 4 June 2025\n\nBIS said the rule is effective 1 July 2025.\n"
    doc = extract_text(text)
    assert doc.published == "2025-06-04"


def test_extract_dates_without_a_year_take_the_first_full_dates_year(extract_text):
    """A notice stating no publication date: '11月8日起' reads in the year of its first full date."""
    text = "本公告自2026年1月5日起正式实施，其中第二条自11月8日起实施。"
    assert ("effective", "2026-11-08") in events(extract_text, text)
    assert extract_text(text).published is None


def test_extract_dates_beside_another_notices_number_are_that_notices(extract_text):
    text = ("Trade advisory\n4 April 2024\n"
            "Article 12g of Council Regulation 833/2014, released on 22 February 2024, obliges exporters to add a clause.\n")
    doc = extract_text(text)
    assert doc.published == "2024-04-04"
    assert ("published", "2024-02-22") not in events(extract_text, text)


def test_extract_dates_beside_the_documents_own_number_are_its_own(extract_text):
    text = ("MOFCOM Announcement No. 12 of 2026\n"
            "Announcement No. 12 of 2026 was published on 3 March 2026 and takes effect on 1 April 2026.\n")
    doc = extract_text(text)
    assert doc.number == "mofcom-2026-12" and doc.published == "2026-03-03"


def test_extract_dates_a_cue_dates_the_date_beside_it_not_a_later_one(extract_text):
    text = "2026年3月3日 快讯\n商务部3月2日发布公告称，将于下周一即3月9日恢复相关许可。\n"
    found = events(extract_text, text)
    assert ("published", "2026-03-02") in found and not any(d == "2026-03-09" for _, d in found), found
    # Each of two cues keeps its own date.
    text = "The rule was released on October 17, 2023 and published in the Federal Register on October 25, 2023."
    assert events(extract_text, text) == [("published", "2023-10-17"), ("published", "2023-10-25")]


def test_photo_captions_and_prose_do_not_date_a_report_but_datelines_do(extract_text):
    doc = extract_text("2019年5月2日，一名工人在矿场搬运稀土矿石。（路透社）\n商务部10月9日发布公告，对稀土相关技术实施出口管制。\n")
    assert doc.published is None
    assert not [p for p in doc.provisions if p.kind == "effective_date" and p.date.startswith("2019")]
    doc = extract_text("Shares of Acme Metals rose 4% on 3 March 2026 after the announcement.\n"
                       "The ministry said licences would be needed for gallium.\n")
    assert doc.published is None
    doc = extract_text("BEIJING, 9 October 2025 — China said on Thursday it would tighten controls on rare earth technologies.")
    assert doc.published == "2025-10-09"


def test_a_scraped_date_field_opening_the_first_line_dates_the_page(extract_text):
    doc = extract_text(" date 2026-03-02 China has decided to add two tungsten items to its control list, the ministry said.")
    assert doc.published == "2026-03-02"


def test_extract_dates_a_relative_clause_in_the_past_dates_what_it_describes(extract_text):
    """'..., which was announced on 1 November 2025', '... which first took effect on ...': the day of what the
    clause describes, not of the document; the document's own verbs still date it."""
    assert events(extract_text, "Trade note\nThe ministry acted under its trade pact with Japan, which was announced "
                                "on 3 March 2026.") == []
    assert events(extract_text, "Trade note\nThe cobalt rule, which first took effect on 2 January 2026, is suspended.") == []
    assert events(extract_text, "Trade note\nThe ministry announced on 3 March 2026 that cobalt exports need a "
                                "licence.") == [("published", "2026-03-03")]


def test_extract_dates_found_before_the_documents_own_date_are_read_again_with_it(extract_text):
    """The dates of sentences built while looking for the document's date are kept only where they did not ask
    for it: 'effective immediately' before a closing date line, and a date without a year, are read again."""
    doc = extract_text("Announcement No. 5 of 2026 of the Ministry of Commerce\nThe controls on cobalt are effective "
                       "immediately.\nMinistry of Commerce\n3 March 2026\n")
    assert ("effective", "2026-03-03") in [(p.event, p.date) for p in provisions(doc, "effective_date")]
    assert events(extract_text, "Trade note\nThe rule takes effect on 1 May 2026.\nExporters must comply from June 1.") == [
        ("effective", "2026-05-01"), ("compliance", "2026-06-01")]


def test_extract_dates_kept_from_the_search_for_the_documents_date_change_nothing(extractor, monkeypatch):
    """Every corpus notice and generated notice of each register gives the same provisions whether the dates
    built while looking for the document's own date are kept or built again."""
    import random
    import sys

    import controlbrief.extract as extract
    from controlbrief.ingest import discover, load
    from support import CORPUS, ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    import generate

    rng = random.Random(3)
    files, _ = discover([str(CORPUS)])
    loaded = [load(f) for f in files]
    loaded += [LoadedFile(source=f"gen{i}.txt", doc_id="0" * 16, read=ReadText(text=text, format="text"))
               for i, text in enumerate([generate.english_notice(rng, kind, 1500, i)
                                         for kind in ("items", "federal-register", "news") for i in range(3)]
                                        + [generate.chinese_notice(rng, 1500) for _ in range(3)])]
    kept = [extractor.document(f).model_dump() for f in loaded]
    monkeypatch.setattr(extract, "REUSE_DATES", False)
    assert [extractor.document(f).model_dump() for f in loaded] == kept


def test_extract_dates_effective_since_and_a_titles_implementation(extract_text):
    """'has been effective since <date>' is the day it took effect; 'Implementation' opening a rule's quoted title
    is no cue, while 'implementation date' is."""
    assert events(extract_text, "Note\nThe cobalt rule has been in force since 2 March 2026.") == [("effective", "2026-03-02")]
    assert events(extract_text, 'Note\nOn 2 March 2026, a rule titled "Implementation of Cobalt Controls" changed the '
                                "licence forms.") == []
    assert events(extract_text, "Note\nImplementation date: 1 May 2026.") == [("effective", "2026-05-01")]


def test_extract_dates_a_year_written_with_an_apostrophe(extract_text):
    assert events(extract_text, "Note\nThe cobalt controls took effect on 18 Mar '24.") == [("effective", "2024-03-18")]
    assert events(extract_text, "Note\nThe tin controls take effect on 5 May ’26.") == [("effective", "2026-05-05")]


@pytest.mark.parametrize(("text", "events"), [
    # A comment period that expires is the comment deadline, not the rule's expiry.
    ("The rule took effect on 3 February 2026. The official comment period will expire on 6 April 2026.",
     [("effective", "2026-02-03"), ("comment_deadline", "2026-04-06")]),
    # A requirement 'not required until' a date is complied with from then.
    ("The rule is effective 3 February 2026, although compliance with some of the new licence requirements that "
     "apply to sensor items is not required until 6 April 2026.", [("effective", "2026-02-03"), ("compliance", "2026-04-06")]),
])
def test_comment_periods_and_later_compliance(extract_text, text, events):
    doc = extract_text("Client alert\n" + text)
    assert [(p.event, p.date) for p in provisions(doc, "effective_date")] == events


def test_compliance_obligations_that_begin_later(extract_text):
    doc = extract_text("Client alert\nThe rule took effect on 3 February 2026, with some reporting obligations starting on "
                       "2 March 2026.\n")
    assert [(p.event, p.date) for p in provisions(doc, "effective_date")] == [("effective", "2026-02-03"),
                                                                            ("compliance", "2026-03-02")]


def test_an_eu_act_is_dated_by_its_title_not_by_the_acts_it_cites(extract_text):
    doc = extract_text("Commission Implementing Regulation (EU) 2026/77 of 3 March 2026 amending Regulation (EU) "
                       "2021/821 as regards certain items\nTHE EUROPEAN COMMISSION,\nHaving regard to Regulation (EU) "
                       "2019/452 of the European Parliament and of the Council of 19 March 2019 establishing a "
                       "framework for the screening of investments,\n")
    assert doc.published == "2026-03-03"


def test_effect_upon_publication_takes_the_day_the_sentence_dates(extract_text):
    doc = extract_text("Client note\n12 March 2026\nOn 2 March 2026, the ministry issued an amended catalogue, which "
                       "took effect immediately upon publication.\n")
    assert ("effective", "2026-03-02") in [(p.event, p.date) for p in provisions(doc, "effective_date")]
    assert ("effective", "2026-03-12") not in [(p.event, p.date) for p in provisions(doc, "effective_date")]


def test_a_dateline_without_a_year_dates_the_report_when_its_foot_gives_the_year(extract_text):
    """'ROME, March 3 (Wire) --' with '3rd March 2026, 18:05' only at the foot: the report is of 3 March 2026, and
    'takes effect on Tuesday' counts from that day (a Tuesday)."""
    doc = extract_text("Italy widens curbs on drone parts\n\n"
                       "ROME, March 3 (Wire) -- Italy on Tuesday announced licence requirements for exports of drone "
                       "engines, according to a decree of the economy ministry.\n\n"
                       "The measure takes effect on Tuesday, the ministry said.\n\n"
                       "A ministry spokesman said the step follows common international practice.\n\n"
                       "Italy has long applied controls to military goods, the spokesman said.\n\n"
                       "The decision reflects a balance between trade and security, he added.\n\n"
                       "Exports that meet the rules will be licensed, according to the spokesman.\n\n"
                       "Wire\n3rd March 2026, 18:05 GMT+1\n")
    assert doc.published == "2026-03-03"
    assert ("effective", "2026-03-03") in [(p.event, p.date) for p in doc.provisions if p.kind == "effective_date"]


@pytest.mark.parametrize(("text", "expected"), [
    # A newsletter's section name before its date is no compliance date.
    ("Trade Controls / Compliance 03.02.2026 Bulletin\n\nThe ministry listed new items.", []),
    ("The compliance date for the new licensing rule is 1 June 2026.", [("compliance", "2026-06-01")]),
    ("Exporters need not comply until 1 June 2026.", [("compliance", "2026-06-01")]),
])
def test_compliance_needs_words_that_make_it_a_date(extract_text, text, expected):
    doc = extract_text(text)
    assert [(p.event, p.date) for p in doc.provisions if p.kind == "effective_date" and p.event == "compliance"] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("As of 3 March 2026, the national licensing requirement for etching tools will be widened.", [("effective", "2026-03-03")]),
    # 'As of' a day with nothing controlled or to come dates nothing.
    ("As of 3 March 2026, the company employed 4,000 people.", []),
])
def test_as_of_a_day_starts_a_control(extract_text, text, expected):
    doc = extract_text("Trade note\n" + text)
    assert [(p.event, p.date) for p in doc.provisions if p.kind == "effective_date" and p.event == "effective"] == expected


def test_a_day_a_rule_is_placed_on_public_inspection_is_not_its_publication(extract_text):
    doc = extract_text("Trade note\nOn Tuesday, 12 May 2026, the agency published for public inspection two rules that "
                       "add nine entities to the Entity List.")
    assert [(p.event, p.date) for p in doc.provisions if p.kind == "effective_date"] == []


def test_immediately_from_a_stated_day_is_that_day(extract_text):
    """'takes effect immediately from the date of signature, 3 March': the day stated, not the report's own day."""
    doc = extract_text("Client note\n5 March 2026\nThe extended ban on tin exports takes effect immediately from the "
                       "date of signature, 3 March.\n")
    assert [(p.event, p.date) for p in provisions(doc, "effective_date") if p.event == "effective"] == \
        [("effective", "2026-03-03")]


def test_the_date_of_a_cited_decision_designated_by_number_is_not_this_notice_s(extract_text):
    """'Considering Decision n° 009/MINCOM/2026 of March 2nd 2026 ...': that decision's day, in a form no notice series has."""
    doc = extract_text("Trade bulletin\nPRESS RELEASE N° 2026/014 Considering Decision n° 009/MINCOM/2026 of March 2nd "
                       "2026 regarding tin quotas, it is conveyed that on April 9th 2026 the board adopted new measures.\n")
    assert "2026-03-02" not in [p.date for p in provisions(doc, "effective_date")]
    assert ("adopted", "2026-04-09") in [(p.event, p.date) for p in provisions(doc, "effective_date")]


def test_a_date_of_a_cited_document_behind_a_name_is_not_this_one_s(extract_text):
    """'a White House fact sheet published 1 November': the name between 'a' and the document does not hide that
    it is another document."""
    doc = extract_text("Trade wire\n13 November 2025\nThe step follows the summit, according to a White House fact "
                       "sheet published 1 November.\n")
    assert "2025-11-01" not in [p.date for p in provisions(doc, "effective_date")]


def test_a_report_s_effective_immediately_is_the_day_of_the_announcement_it_reports(extract_text):
    """A page of 12 March whose dateline says the ban came on 10 March: 'effective immediately' is 10 March. An
    announcement years before is no news of this report: then the report's own day stands."""
    doc = extract_text("Trade wire\n12 March 2026\nLIMA, March 10 (Wire) -- Peru on Tuesday banned exports of raw "
                       "copper concentrate.\nThe measure, effective immediately, was issued by the mining ministry.\n")
    assert ("effective", "2026-03-10") in [(p.event, p.date) for p in provisions(doc, "effective_date")]
    old = extract_text("Trade wire\n12 March 2026\nPeru published its first mining code on 3 May 2019.\nThe new ban on "
                       "copper concentrate exports is effective immediately.\n")
    assert ("effective", "2026-03-12") in [(p.event, p.date) for p in provisions(old, "effective_date")]


def test_a_cue_before_a_month_does_not_date_a_later_day(extract_text):
    """'a ban on tin ore exports starting July 2027, ..., Wednesday Dec 3, 2025': 'starting' dates the month (no day
    to give), not the caption's day."""
    doc = extract_text("Trade wire\nThe minister announces a ban on tin ore exports starting July 2027, at a briefing "
                       "in Jakarta, Wednesday Dec 3, 2025.\n")
    assert "effective" not in [p.event for p in provisions(doc, "effective_date")]


def test_an_import_ban_s_start_is_not_the_export_control_s(extract_text):
    doc = extract_text("The cabinet also decided to ban the import of used tyres from 1 July 2027.")
    assert provisions(doc, "effective_date") == []


def test_an_order_as_of_a_day_is_dated_that_day_not_in_force(extract_text):
    doc = extract_text("The minister signed an order as of 2 March 2026 that bans exports of copper scrap from "
                       "1 April 2026.")
    assert ("effective", "2026-04-01") in [(p.event, p.date) for p in provisions(doc, "effective_date")]
    assert ("effective", "2026-03-02") not in [(p.event, p.date) for p in provisions(doc, "effective_date")]


def test_comments_by_a_day_on_or_before_it_and_immediate_effect(extract_text):
    """'send comments to the agency by 2 May 2027' and 'due on or before' set the comment deadline (an inclusive
    'on or before' is no cut-off); 'comes into immediate effect, i.e. 3 March 2027' starts the rule that day."""
    doc = extract_text("The rule is effective March 3, 2027, and firms may send comments to the agency by May 2, 2027.\n"
                       "The amendment comes into immediate effect, i.e. March 3, 2027.\n"
                       "Comments on the amendment are due on or before May 2, 2027.\n")
    assert [(p.event, p.date) for p in provisions(doc, "effective_date")] == [
        ("effective", "2027-03-03"), ("comment_deadline", "2027-05-02"), ("effective", "2027-03-03"),
        ("comment_deadline", "2027-05-02")]


def test_a_heading_carries_its_own_number_and_a_cited_notification_its_date(extract_text):
    """'Circular No. 12/2026-27, Dated 3rd May, 2027' dates the circular whose heading it is, whatever its number's
    form; 'Notification No. 9 dated 28.04.2027', cited, dates that notification."""
    doc = extract_text("Circular No. 12/2026-27, Dated 3rd May, 2027\n\n"
                       "Subject: Clarification regarding Notification No. 9 dated 28.04.2027.\n")
    assert doc.published == "2027-05-03"
    assert [(p.event, p.date) for p in provisions(doc, "effective_date")] == [("published", "2027-05-03")]


def test_a_slashed_date_whose_order_is_clear_dates_a_page(extract_text):
    doc = extract_text("Ministry adds two firms to control list\n\nPosted 09/21/2025, 08:15 AM\n\n"
                       "The ministry said on Sunday that exporters need permits for shipments to the firms.")
    assert doc.published == "2025-09-21"
    assert extract_text("Ministry adds two firms to control list\n\nPosted 09/10/2025\n\nThe list grew.").published is None


def test_notifications_dated_in_a_note_are_other_notices(extract_text):
    text = ("Government of the Republic\nDepartment of Trade\n\nOrder No. 12/2024-25, dated 3rd March, 2025\n\n"
            "Subject: Revision of the list of controlled chemicals\n\n"
            "1. The list of controlled chemicals annexed to this Order replaces the earlier list in full.\n\n"
            "2. This Order shall come into force on 1st April, 2025.\n\n"
            "Note: Principal Order No. 02 dated 9th May 2019, Order No. 07 dated 14th August 2020 and Order No. 11 "
            "dated 2nd February 2023.\n")
    doc = extract_text(text)
    assert doc.published == "2025-03-03"
    assert sorted((p.event, p.date) for p in provisions(doc, "effective_date")) == [
        ("effective", "2025-04-01"), ("published", "2025-03-03")]


@pytest.mark.parametrize("text", [
    "The partial amendment to the Notice on Trade in Sensitive Goods, announced by the Ministry of Industry, Trade and "
    "Commerce (\"MITC\") on May 6, 2024, came into effect on June 24, 2024.",
    "This was done via the Notice on Sensitive Goods issued by the Ministry of Industry, Trade and Commerce ('MITC') on "
    "11 March 2024, which came into effect as of 12 March 2024.",
])
def test_an_effect_with_its_own_date_leaves_the_earlier_date_alone(extract_text, text):
    effective = [p.date for p in provisions(extract_text(text), "effective_date") if p.event == "effective"]
    assert len(effective) == 1 and effective[0].endswith(("06-24", "03-12"))


def test_a_dotted_date_alone_on_its_line_is_no_customs_code(extract_text):
    doc = extract_text("Ministry widens its catch-all list\n\n2024.08.19\n\nThe ministry added 243 items to the list "
                       "of goods that need a licence for export to Belarus.\n")
    assert doc.published == "2024-08-19"
    assert all(not p.codes for p in provisions(doc, "product_scope"))


def test_a_day_originally_scheduled_dates_nothing(extract_text):
    doc = extract_text("The rule was announced on January 9, 2025, and its requirements were originally scheduled to "
                       "take effect on April 9, 2025.")
    assert [p.event for p in provisions(doc, "effective_date")] == ["published"]
