"""Date builder: dated events told apart (published, effective, expires, suspended_until).

Each date takes the event of the nearest cue in its sentence, preferring cues
before it. 'Until' makes a suspension end where the sentence suspends, and an
expiry otherwise. A line that is only a date (a dateline) is the publication.
'From the date of promulgation' is the document's publication date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Span

from controlbrief.extract.cited_dates import YEARLESS, names_instrument, of_cited_notice, source_citation
from controlbrief.extract.context import (
    SentenceContext, alpha_count, doc_text, labelled_date, regarding_date, token_table, token_texts,
)
from controlbrief.models import EffectiveDate
from controlbrief.normalize import parse_date, parse_number, period_end

_UNTIL_GAP = 2      # tokens between 'until' and its date
_UNTIL_CLAUSE = 8   # tokens from a comment period or a duty to comply to the 'until' that ends or starts it
_UNTIL_NAMES = {"comment_deadline", "compliance"}
_CLAUSE_BREAKS = {",", ";", ".", ":", "，", "；", "。"}
_DATELINE_WORDS = 8  # at most this many other words on a dateline
_SUSPENSION_START = {"from", "since", "starting", "beginning"}  # words before the day a suspension starts
_PAST_COPULA = {"was", "were", "became"}
_STARTS = {"starts", "start", "begins", "begin", "started", "began"}
_START_OR_END = {"from", "until", "till", "since", "after", "before", "by"}
_NO_YEAR = YEARLESS | {"effective_date.zh_date_month_day"}  # dates read in the notice's year
_OWN_PAST = {"published", "adopted"}  # events that never lie after the report
_FUTURE_AFTER = 6  # tokens from a date to the 'will ...' its sentence says happens then
_CLOCK_AFTER = re.compile(r"[ \t]*[-–—,]?[ \t]*\d{1,2}:\d{2}")  # a time of day right after a date
_TOP_CHARS = 400  # how far from the start a dateline may stand
_NAME_GLUE = {"of", "and", "the", "for", "on"}


def _cue_holds(ctx: SentenceContext, cue: Span, span: Span) -> bool:
    """A cue whose pattern says `glued` dates only the date right after it, `after_date` only the one right before
    it; one that `needs` labels only in a
    sentence holding one of them ('will require export permits ... from Dec 1': 'from' is an effective day only
    beside control language or a future, not in 'exports rose from 1 March')."""
    # 'shall take effect from 1 December': a cue just before a glued one says what the day is.
    if ctx.attr(cue, "glued") and (cue.end != span.start or any(
            0 <= cue.start - c.end <= 1 for c in ctx.spans("date_cue") if c is not cue)):
        return False
    if ctx.attr(cue, "after_date") and cue.start != span.end:
        return False  # 'subject to the Nov. 10th suspension': a noun the date modifies dates that date alone
    needs = ctx.attr(cue, "needs")
    return not needs or any(ctx.spans(label) for label in str(needs).split("|"))


def _event(ctx: SentenceContext, span: Span) -> tuple[str, str] | None:
    """(event, pattern id of the cue) for a date, or None where nothing says what it dates."""
    zh = ctx.doc.zh
    if (zh or ctx.sent.start_char < _TOP_CHARS) and labelled_date(ctx, span, dated=False):
        # 'date 2026-03-05 ……即日起实施': a page's date field, whatever its line says next (Chinese puts events after
        # their dates, so the cues that follow are another date's). In English only at the top of a page ('date
        # 2025-11-09 The suspension ... takes effect from Sunday': the caption's cue is the weekday's); lower down
        # the cues decide, as for any date.
        return "published", span.id_
    if regarding_date(ctx, span):
        return None
    cues = [c for c in ctx.spans("date_cue") if not (c.start >= span.start and c.end <= span.end) and _cue_holds(ctx, c, span)]
    # A cutoff word inside an event's own words ('in effect since 9 September 2021') is that event's.
    events = [c for c in cues if ctx.attr(c, "event") != "cutoff"]
    cutoffs = [c for c in cues if ctx.attr(c, "event") == "cutoff"
               and not any(e.start <= c.start and c.end <= e.end for e in events)]
    if any(c.end <= span.start and span.start - c.end <= _UNTIL_GAP for c in cutoffs):
        return None
    if zh and any(c.start == span.end - 1 and not any(e.start == c.end for e in events) for c in cutoffs):
        return None  # '若在11月7日前完成出口': a deadline before that day ('4月30日之前征求意见' is the comments')
    cues = events
    before = span.doc[span.start - 1].lower_ if span.start > ctx.sent.start else ""
    # 'a suspension of the rule, which had been in effect since 29 September': the day the suspended rule came into
    # force, not the suspension's start.
    in_force_since = before == "since" and any(c.end == span.start and ctx.attr(c, "event") == "effective" for c in cues)
    if ctx.suspension and not in_force_since and (
            before in _SUSPENSION_START or (before == "on" and span.start - 2 >= ctx.sent.start
                                            and span.doc[span.start - 2].lower_ in _STARTS)):
        return "suspended_from", span.id_  # 'is suspended from 1 May 2026 until ...', 'the suspension starts on ...'
    until = [c for c in cues if ctx.attr(c, "event") == "until" and c.end <= span.start and span.start - c.end <= _UNTIL_GAP]
    if until:
        # 'soliciting comments until 1 December': the until closes a comment period, not the rule.
        comments = [c for c in cues if ctx.attr(c, "event") == "comment_deadline" and c.start <= until[0].start < c.end]
        if comments:
            return "comment_deadline", comments[0].id_
        # 'a comment period that runs through ...', 'not required to comply with the new requirements of this rule
        # until ...': the period or the duty the clause names before its 'until' is what ends or starts then.
        texts = token_texts(span.doc)[0]
        named = [c for c in cues if ctx.attr(c, "event") in _UNTIL_NAMES and c.end <= until[0].start
                 and until[0].start - c.end <= _UNTIL_CLAUSE and _CLAUSE_BREAKS.isdisjoint(texts[c.end:until[0].start])]
        if named:
            cue = max(named, key=lambda c: c.end)
            return str(ctx.attr(cue, "event")), cue.id_
        event = "suspended_until" if ctx.suspension else "expires"
        return event, until[0].id_
    if _place_dateline(ctx, span) and not any(abs(_gap(c, span)) <= 1 for c in cues):
        return "published", span.id_  # 'Beijing, October 18, 2023 – ... will impose controls, effective February 4'
    ranked = []
    for c in cues:
        if ctx.attr(c, "event") == "until":
            continue
        before = c.end <= span.start
        gap = _gap(c, span)
        if (gap > 1 and ctx.attr(c, "event") == "published" or not before and gap > 0 or before and zh) \
                and _next_to_other_date(ctx, c, span):
            # '11月7日发布公告称，将于11月10日恢复': the cue dates the date beside it, not a later one ('On 3 March, the
            # ministry said the rule takes effect on 1 April' dates 1 April alone, and 'announced on May 3, 2024, came
            # into effect on June 21, 2024' the June day); in Chinese, whose events follow their dates, any cue glued
            # to the date before it ('1月16日生效，于1月31需要遵守').
            continue
        if any(d.start != span.start and c.start < d.end and d.start < c.end for d in ctx.spans("date")):
            continue  # '经2024年4月26日……，自2024年10月1日起施行': a cue that shares words with another date is that date's
        if before and gap > 1 and any(m.start - c.end in (0, 1) for m in ctx.spans("month_year")):
            continue  # 'to stop the export of bauxite starting (in) June 2023, ..., Dec 21, 2022': the cue dates the month
        if not before and not zh and ctx.attr(c, "event") == "comment_deadline":
            continue  # 'announced on June 28, underwent a public opinion collection process until July 18': in English a
            # comment period's end follows its words
        ranked.append((0 if before else 1, gap, c.start, c))
    if ranked:
        # A cue after the date counts only when no cue precedes it ('1 March 2025 is the effective date');
        # Chinese puts the event after its date (于2026年2月3日生效，4月6日之前征求意见): there the cue after wins a tie.
        after_cost, before_cost = (0, 2) if zh else (4, 0)
        ranked.sort(key=lambda r: (r[1] + (before_cost if r[0] == 0 else after_cost), r[2]))
        cue = ranked[0][3]
        event = str(ctx.attr(cue, "event"))
        if event in _NO_EVENT:
            # A web page's 'Update time' dates the page, not the notice; a rule 'published for public inspection'
            # on a day is published in the Federal Register days later.
            return None
        if ctx.suspension and event == "published" and zh and not ctx.conditional:
            event = "effective"  # 'rescinded the rule on May 13' (not 'announced its intent to rescind' it then)
        if event == "published" and any(0 <= span.start - f.end <= 1 for f in ctx.spans("future")):
            event = "effective"  # '宣布，荷兰将于2025年4月1日修改其措施': what will happen on a day is not published then
        if event == "published" and cue.end <= span.start and any(
                0 <= f.start - span.end <= _FUTURE_AFTER for f in ctx.spans("future")):
            # 'announces that, on January 15, 2025, BIS will host a briefing': a day to come, not published
            # ('11月7日發佈公告稱，將於……' keeps its date: the publishing verb stands between it and what will come).
            return None
        if ctx.suspension and event == "effective" and not in_force_since and (ctx.attr(cue, "starts") or (
                span.start > ctx.sent.start and span.doc[span.start - 1].lower_ in {"from", "since"})):
            # 'is suspended from 9 November 2025 until ...', '自11月10日起暂停实施' ('effective November 10, 2025, through
            # November 9, 2026' stays the day the suspending rule takes effect)
            event = "suspended_from"
        return event, cue.id_
    if future := [f for f in ctx.spans("future") if 0 <= span.start - f.end <= 1]:
        return "effective", future[0].id_  # '瑞典将于2026年5月1日修改其措施': a day something will take effect
    if span.start > ctx.sent.start and span.doc[span.start - 1].lower_ in _START_OR_END:
        return None  # '... antimony from Sept. 15' ends a headline with a start, not the day it was written
    if _caption(ctx):
        return None  # 'April 2, 2025, Washington, USA. Photo shows ...': the day a photograph was taken
    # Words of the sentence besides the date, counted on one array: most sentences are long, and only a
    # short one (a dateline, a date under its label) needs its words read one by one.
    n_others = ctx.words - alpha_count(span.doc, span.start, span.end)
    label = ctx.prev
    if not n_others and label is not None and not label.spans("date") and label.spans("date_cue") \
            and label.words <= 4:
        # 'Effective Date' on its own line, the date on the next.
        cue = label.spans("date_cue")[-1]
        event = str(ctx.attr(cue, "event"))
        if event not in {"until", "cutoff"} | _NO_EVENT:
            return event, cue.id_
    # A dateline names the issuer beside the date ('Ministry of Commerce, 9 October 2025');
    # a short sentence with lower-case words ('Comments must be received by ...') is not one.
    if ctx.sent.start == 0 and not _caption(ctx) and (not _prose(ctx) or _dateline(ctx, span)):
        # A title or a dateline, not a report's opening sentence ('在7月4日举行的例会上，发言人表示……。').
        return "published", span.id_
    if n_others > _DATELINE_WORDS:
        return None
    if ctx.sent.start_char >= _TOP_CHARS and _CLOCK_AFTER.match(doc_text(span.doc), span.end_char):
        return None  # '20.09.2024 - 23:00' under a headline in a list of other articles: a page's feed, not the notice
    others = [t for t in ctx.tokens if t.is_alpha and not (span.start <= t.i < span.end)]
    named = all(t.is_title or t.is_upper or t.lower_ in _NAME_GLUE for t in others)
    # At the top of a document, a short line that ends in its date is a dateline whatever its words
    # ('Trade and sanctions practice, 12 November 2025' under an alert's title, without a full stop).
    # By index: a Span starting at the Doc's end makes spaCy rebuild the whole text to place it.
    ends_line = all(span.doc[i].is_space for i in range(span.end, ctx.sent.end))
    at_top = ctx.sent.start_char < _TOP_CHARS and ends_line and not ctx.text.endswith(".")
    # ... and so is a short line at the top whose date has a time of day ('by | 7. Nov 2025 - 15:16 | Politics').
    # (Chinese pages print their own posting or update time so: that is no notice's date, see labelled_date.)
    clocked = not ctx.doc.zh and ctx.sent.start_char < _TOP_CHARS and _CLOCK_AFTER.match(doc_text(span.doc), span.end_char)
    if named or at_top or clocked:
        return "published", span.id_
    return None


_GLUE = {"on", "于", "於", "dated"}
_DATELINE_DASH = set("—–-(（")
_NOT_A_PLACE = {"on", "from", "as", "since", "by", "until", "effective", "starting", "beginning", "in", "at", "after",
                "before", "through", "till", "of"}


def _own_day_known(ctx: SentenceContext) -> bool:
    """Whether the document is a Federal Register document whose day its header gives: any other day it says
    something was published is another document's."""
    return bool(ctx.doc.published and ctx.doc.number and ctx.doc.number.startswith("fr-"))


def _gap(cue: Span, span: Span) -> int:
    return span.start - cue.end if cue.end <= span.start else cue.start - span.end


def _place_dateline(ctx: SentenceContext, span: Span) -> bool:
    """A date after a place or an agency and before a dash, at the top of a report ('Beijing, October 18, 2023 –',
    'HONG KONG, Feb 4 —'): the day of the report, whatever event words follow in its sentence."""
    if ctx.sent.start_char >= _TOP_CHARS:
        return False
    text = doc_text(span.doc)
    before = text[ctx.sent.start_char:span.start_char].strip(" ,")
    after = text[span.end_char:ctx.sent.end_char].lstrip()
    words = before.replace(",", " ").split()
    return (0 < len(before) <= _DATELINE_PREFIX and after[:1] in _DATELINE_DASH
            and all(w[:1].isupper() and w.lower() not in _NOT_A_PLACE for w in words))


def _next_to_other_date(ctx: SentenceContext, cue, span) -> bool:
    """Whether another date of the sentence stands right beside the cue ('11月7日发布', 'released on 17 October';
    not 'released on 17 October and published ...', where 'published' has its own date)."""
    lowers = token_texts(span.doc)[1]

    def glued(a: int, b: int) -> bool:
        return 0 <= b - a <= 1 and all(lowers[i] in _GLUE for i in range(a, b)) or lowers[a:b] == ["as", "of"]

    return any(d.start != span.start and (glued(d.end, cue.start) or glued(cue.end, d.start)) for d in ctx.spans("date"))


_OWN_EVENTS = {"published", "adopted", "effective"}
_NO_EVENT = {"update", "inspection"}  # cue events that date no event of the notice


def build(ctx: SentenceContext) -> list[EffectiveDate]:
    """Dated events stated in one sentence."""
    out: list[EffectiveDate] = []
    seen: set[tuple[str, str]] = set()
    lowers = token_texts(ctx.sent.doc)[1]
    announced: list[tuple[int, str]] = []  # (end, date) of the days the sentence says something was published
    dated: list[tuple[str, int]] = []  # (event, start) of the dates the sentence states
    if ctx.background:
        return out  # '2024年12月1日起，《条例》正式实施' in a 2026 report: another instrument's past, not this notice's
    # 'the council decided to ban the import of chicken meat from January 1, 2027': an import measure's days are not
    # the export control's (a sentence that also names exports keeps them).
    imports_only = bool(ctx.spans("import_flow")) and not ctx.spans("export_verb")
    for span in ctx.spans("date"):
        if source_citation(ctx, span):
            continue
        if names_instrument(ctx, lowers, span):
            continue  # 'the October 7 IFR', "the agency's October 7, 2022, rulemaking": that rule's name
        if ctx.attr(span, "labelled_only") and not labelled_date(ctx, span):
            continue  # '20251009' is a date under 【发文日期】, elsewhere a customs code
        # '11月8日起' takes the notice's year; the year is asked for only then (see extract.explain_document).
        iso = parse_date(span.text) or parse_date(span.text, ctx.doc.year)
        if iso is None:
            continue
        found = _event(ctx, span)
        if found is None:
            continue
        event, pattern = found
        if imports_only and event != "published":
            continue
        if _planned_before(ctx, pattern, span):
            continue  # 'was scheduled to go into effect on May 15' (and did not): a plan given up, not an event
        if event not in _OWN_PAST and span.id_ in _NO_YEAR and ctx.doc.year and ctx.doc.published \
                and iso < ctx.doc.published and ctx.has("future"):
            iso = parse_date(span.text, ctx.doc.year + 1)  # reported on 20 December: 'will take effect on January 1'
        # A cited notice's date is dropped, unless it is this document's own date ('BIS issued an IFR on ...').
        if event in _OWN_EVENTS and iso != ctx.doc.published and of_cited_notice(ctx, span, event):
            continue  # 'the interim final rule published on October 13, 2022' dates another notice
        if event == "published" and iso != ctx.doc.published and _own_day_known(ctx):
            continue  # a Federal Register document's 'On January 16, 2025, BIS published ... an interim final rule'
        if (event, iso) in seen:
            continue
        seen.add((event, iso))
        out.append(ctx.make("effective_date", span.start_char, span.end_char, pattern, date=iso, event=event))
        dated.append((event, span.start_char))
        if event == "published" and not labelled_date(ctx, span):
            announced.append((span.end_char, iso))  # a page's date field announces nothing
            ctx.doc.announced[span.end_char] = iso
    for span in ctx.spans("weekday"):
        found = _weekday(ctx, span)
        if found is not None and found[:2] not in seen:
            seen.add(found[:2])
            event, day, cue = found
            out.append(ctx.make("effective_date", span.start_char, span.end_char, cue, date=day, event=event))
    if ctx.doc.published and not ctx.has("then"):  # '当时公告称，……自公布之日起实施': the cited notice's day
        offsets = ctx.spans("date_offset")
        for span in ctx.spans("date_relative"):
            if any(o.start < span.end and span.start < o.end for o in offsets):
                continue  # '自公布之日起30日后施行': thirty days after publication, not the publication day
            if span.start > ctx.sent.start and lowers[span.start - 1] in _PAST_COPULA:
                continue  # 'The Affiliates Rule was effective immediately': on its own publication, not this report's
            event = str(ctx.attr(span, "event", "effective"))
            if _dated_after(ctx, span, event, dated):
                continue  # 'takes effect immediately from the date of signature, June 21': that day, stated
            if event == "effective" and ctx.suspension:
                event = "suspended_from"  # '自即日起至2026年11月10日暂停实施' starts the suspension
            day = ctx.doc.published
            # The publication the sentence dates before it is the one meant ('On 15 July 2025, MOFCOM issued an
            # amendment ... which took effect immediately upon publication'), not the report's own day.
            before = [iso for end, iso in announced if end <= span.start_char]
            if ctx.attr(span, "same_day"):
                # '即日起' is the day of the announcement: the one the sentence dates, else the report's own when it
                # says 'today' (a report a day or a week later is not dated that day).
                # The notice itself (it carries its own number) starts on its own day ('经研究决定，自即日起，暂停实施……').
                day = before[-1] if before else (day if ctx.has("today") or ctx.doc.number else None)
                if day is None:
                    continue
            elif before:
                day = before[-1]
            elif (earlier := _announced_before(ctx, span.start_char)) is not None:
                day = earlier
            if (event, day) in seen:
                continue
            seen.add((event, day))
            out.append(ctx.make("effective_date", span.start_char, span.end_char, span.id_, date=day, event=event))
        for span in offsets:
            found = _after_publication(ctx, span)
            if found is not None and found not in seen:
                seen.add(found)
                event, day = found
                out.append(ctx.make("effective_date", span.start_char, span.end_char, span.id_, date=day, event=event))
    if ctx.suspension and ctx.spans("period") and not any(p.event == "suspended_until" for p in out):
        ends = _suspension_end(ctx, out)
        if ends is not None:
            out.append(ends)
    return out


_ANNOUNCED_REACH = 7  # days before a report's own day in which an announcement it reported is the news it reports


def _announced_before(ctx: SentenceContext, at: int) -> str | None:
    """The day of the last announcement a report dated before `at`, when it falls in the week before the report's own
    day: 'BEIJING, Nov. 10 -- China on Monday added ... The new rule, effective immediately, ...' (a page of 11
    November) is in effect from 10 November. A notice (it carries its own number) takes effect on its own day."""
    own = ctx.doc.published
    if ctx.doc.number or own is None:
        return None
    days = [iso for end, iso in sorted(ctx.doc.announced.items()) if end <= at]
    if not days:
        return None
    gap = (date.fromisoformat(own) - date.fromisoformat(days[-1])).days
    return days[-1] if 0 < gap <= _ANNOUNCED_REACH else None


_STATED_REACH = 60  # characters from 'immediately' to the date that says which day it is


def _dated_after(ctx: SentenceContext, span, event: str, dated: list[tuple[str, int]]) -> bool:
    """Whether the clause goes on to date what the phrase says starts at once: 'takes effect immediately from the
    date of signature, June 21' is in effect on 21 June, not on the day a report of it appeared."""
    text = doc_text(ctx.sent.doc)
    return any(e == event and 0 <= at - span.end_char <= _STATED_REACH and not _CLAUSE_END.search(text, span.end_char, at)
               for e, at in dated)


_CLAUSE_END = re.compile(r"[;；。]|\.\s")


def first_days(found: list, events) -> dict[str, str]:
    """The first date a sentence's provisions give each of `events`."""
    return {p.event: p.date for p in reversed(found) if p.kind == "effective_date" and p.event in events}


def _suspension_end(ctx: SentenceContext, found: list[EffectiveDate]) -> EffectiveDate | None:
    """'自2025年8月12日起……继续暂停……90天', 'suspended for a further 90 days starting 12 August': a suspension
    stated by its length runs that long from the day the sentence starts it, or else from the day the sentence
    says it takes effect ('The final rule, effective November 10, 2025, suspends the rule for one year'); none
    without either."""
    starts = first_days(found, ("suspended_from", "effective"))
    start = starts.get("suspended_from") or starts.get("effective")
    if start is None:
        return None
    period = ctx.spans("period")[0]
    # 'for a year' says no number: one.
    count = next((n for t in period if isinstance(n := parse_number(t.text), int) and n > 0), 1)
    return ctx.make("effective_date", period.start_char, period.end_char, period.id_,
                    date=period_end(start, count, str(ctx.attr(period, "period"))), event="suspended_until")


def _planned_before(ctx: SentenceContext, cue_id: str, span: Span) -> bool:
    """Whether a date's cue follows 'was scheduled to', 'were to (be)' directly in a sentence that says the plan
    was given up: one that rescinds or lifts ('a rescission of ... compliance requirements that were to be
    effective May 15', 'Rescinding these restrictions ... before they were scheduled to become effective on ...')
    or goes on with 'but' ('was scheduled to go into effect on May 15, 2025, but it provoked ...'). A plan stated
    alone ('were to take effect on 8 November 2025') still dates what was planned. A plan in the present
    describes what the sentence acts on when a relative clause names it after the act's object ('intent to rescind
    the rule that is scheduled to go into effect on May 15'; not 'The suspension, which is set to ...')."""
    planned = ctx.spans("planned_past")
    acts = ctx.spans("relation_cue")
    # ('were originally scheduled to take effect on May 15' says by itself that the plan changed.)
    if planned and not (acts or ctx.spans("suspension") or any(c.start >= span.end for c in ctx.spans("contrast"))
                        or any(ctx.attr(p, "given_up") for p in planned)):
        planned = []
    if acts:
        t = token_table(span.doc)
        planned = planned + [p for p in ctx.spans("planned_relative") if any(
            a.end < p.start and any(t.is_alpha[i] for i in range(a.end, p.start)) for a in acts)]
    if not planned:
        return False
    # The cue may follow its date too: 'On May 13, ... a rule ... that had been set to take effect on May 15' gives
    # May 13 the planned cue when no other holds it, and a plan given up dates neither day.
    return any(c.id_ == cue_id and any(0 <= c.start - p.end <= 1 for p in planned) for c in ctx.spans("date_cue"))


_WEEKDAY_CUE_GAP = 2  # tokens between a weekday and its cue ('announced on Tuesday', 'on Tuesday announced')
_WEEKDAY_DATE_GAP = 3  # tokens from a weekday to the full date that follows it ('On Thursday, October 9, 2025')


def _weekday(ctx: SentenceContext, span: Span) -> tuple[str, str, str] | None:
    """(event, date, cue id) for a day a report names by its weekday ('announced on Tuesday', 'comes into effect on
    Tuesday'), counted from the report's own date: a publication the latest such day up to it; another event that
    day itself, or with 'will' the next such day. Only a cue says what the day is; with no date of the report,
    or a full date beside the weekday (read as that date), nothing."""
    lowers = token_texts(span.doc)[1]
    if ctx.doc.published is None or any(0 <= d.start - span.end <= _WEEKDAY_DATE_GAP
                                        and _START_OR_END.isdisjoint(lowers[span.end:d.start]) for d in ctx.spans("date")):
        return None  # 'On Thursday, October 9, 2025' is that date ('from Sunday until Nov. 27' is not)
    found = _event(ctx, span)
    if found is None or (found[1] == span.id_ and found[0] != "suspended_from"):
        return None  # only 'from' in a suspension ('the suspension takes effect from Sunday') is a cue by itself
    event, cue = found
    if cue != span.id_ and not any(c.id_ == cue and abs(_gap(c, span)) <= _WEEKDAY_CUE_GAP for c in ctx.spans("date_cue")):
        return None  # 'said Friday that it will start soliciting comments': the cue is another verb's
    report = date.fromisoformat(ctx.doc.published)
    ahead = (int(ctx.attr(span, "weekday")) - report.weekday()) % 7
    if ahead == 0:
        day = report
    elif event in _OWN_PAST:
        day = report - timedelta(days=7 - ahead)
    elif ctx.has("future"):
        day = report + timedelta(days=ahead)
    else:
        return None  # 'took effect on Tuesday' or 'takes effect on Tuesday': before or after the report, unsaid
    return event, day.isoformat(), cue


_OFFSET_EVENTS = ("compliance", "comment_deadline", "expires", "effective")  # in the order a sentence is read for


def _after_publication(ctx: SentenceContext, span: Span) -> tuple[str, str] | None:
    """(event, date) for 'N days after (its) publication' (自公布之日起N日): the publication day plus N calendar
    days, for the event the sentence names ('not required to comply until 120 days from date of publication' is
    compliance; 'will enter into force 90 days after its publication' the entry into force)."""
    days = next((parse_number(t.text) for t in span if t.like_num), None)
    if not isinstance(days, int) or not 0 < days <= 3650:
        return None
    events = {str(ctx.attr(c, "event")) for c in ctx.spans("date_cue")}
    event = next((e for e in _OFFSET_EVENTS if e in events), None)
    if event is None:
        return None  # '30 days after publication, the ministry will review the list' dates no event of the notice
    if ctx.doc.publication_base is None:
        return None
    day = date.fromisoformat(ctx.doc.publication_base) + timedelta(days=days)
    return event, day.isoformat()


_CAPTION_CREDIT = re.compile(r"[.。]\s*[（(][^（）()0-9]{1,24}[）)]\s*$")  # '。（Reuters）', '。（新华社记者 摄）'
_DATELINE_PREFIX = 16  # characters before a dateline's date: a place, an agency ('中評社北京', 'BEIJING,')
_DATELINE_NEXT = set("—–-(（,，:：电電")


_PHOTO_NEXT = re.compile(r"\s*(?:Photo\b|Pictured\b|File photo\b|图为|圖為|（图|\(Photo)")


def _caption(ctx: SentenceContext) -> bool:
    """A photo caption: a sentence closed by a credit in brackets, or a dateline the next words show to be one
    ('April 2, 2025, Washington, USA. Photo shows Trump ...'). Worked out once per sentence: every date asks."""
    found = ctx.memo.get("caption")
    if found is None:
        found = ctx.memo["caption"] = bool(_CAPTION_CREDIT.search(ctx.text)) or \
            _PHOTO_NEXT.match(doc_text(ctx.sent.doc), ctx.sent.end_char) is not None
    return found


def _prose(ctx: SentenceContext) -> bool:
    return ctx.text.endswith((".", "。"))


def _dateline(ctx: SentenceContext, span) -> bool:
    """A date that opens its sentence after at most a place or an agency, followed by a dash, a comma or 电
    ('BEIJING, 9 October 2025 — ...', '新华社北京10月9日电'); not '在7月4日举行的例会上'."""
    if labelled_date(ctx, span):
        return True  # 'date 2023-10-20 China has decided ...': a page's date field opens the line
    text = doc_text(span.doc)
    before = text[ctx.sent.start_char:span.start_char]
    after = text[span.end_char:ctx.sent.end_char].lstrip()
    return len(before.strip()) <= _DATELINE_PREFIX and not any(c in before for c in ".。") and after[:1] in _DATELINE_NEXT


_END_EVENTS = {"expires", "suspended_until", "comment_deadline"}
_OTHER_EVENTS = {"effective", "compliance", "comment_deadline", "expires", "suspended_from", "suspended_until"}


def first_date(ctx_list: list[SentenceContext], top: bool = False) -> str | None:
    """The first full date of the document, not a cited notice's.

    With top=True, only a date in the document's header (its first few hundred characters) that its sentence
    gives no other event: a document that states no publication date is dated by its header or not at all
    (a copy whose first date is 'effective 15 September 2024', or a photo caption's, was not published then).
    Without top, a date that ends a period ('until 27 November 2026') is passed over: it gives no year.
    """
    for ctx in ctx_list:
        if top and ctx.sent.start_char >= _TOP_CHARS:
            break
        if _caption(ctx) or (top and any(ctx.attr(c, "event") in _NO_EVENT for c in ctx.spans("date_cue"))):
            continue  # '2010年10月31日，……（Reuters）' dates a photograph; 'Last updated: ...' the web page
        for span in ctx.spans("date"):
            if source_citation(ctx, span):
                continue
            iso = parse_date(span.text)
            if top and _prose(ctx) and not _dateline(ctx, span):
                continue  # 'Shares ... climbed 2% on 23 January 2023.' is no header
            if iso and not of_cited_notice(ctx, span, "published"):
                if top and (span.start_char >= _TOP_CHARS or ((found := _event(ctx, span)) and found[0] in _OTHER_EVENTS)):
                    continue
                if not top and (found := _event(ctx, span)) and found[0] in _END_EVENTS:
                    continue  # '至2026年11月27日' ends a period: the year of '11月7日发布' is not its year
                return iso
    return None
