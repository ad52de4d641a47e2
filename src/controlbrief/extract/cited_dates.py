"""Dates that belong to another notice than the document's own: one a sentence cites by its number or title
('the interim final rule published on October 13, 2022', '2024年12月3日，商务部发布2024年第46号公告'), a rule named
by its date ('the October 7 IFR'), or a source in brackets ('(Reuters, Oct. 10, 2025)')."""

from __future__ import annotations

import re

from spacy.tokens import Span

from controlbrief.extract.context import SentenceContext, doc_text, labelled_date, token_texts
from controlbrief.normalize import parse_cited_numbers

YEARLESS = {"effective_date.date_md", "effective_date.date_dm"}  # dates without a year
_INSTRUMENT_WORDS = {"rule", "ifr", "regulation", "announcement", "notice", "decision", "order", "law", "rules", "notices",
                     "announcements", "controls", "restrictions", "rulemaking", "ifrs", "regulations", "sheet", "factsheet"}


_NAMING = {"the", "its", "their", "this", "these", "that", "those"}


def names_instrument(ctx: SentenceContext, lowers: list[str], span: Span) -> bool:
    """A date that names the instrument after it: a year-less one right before it ('the October 7 IFR', 'the
    October 7 controls'), a full one between a determiner or a possessive and it ('the October 7, 2022 rule',
    "BIS's October 7, 2022, controls"); 'Effective October 7, 2022, controls on ... apply' dates."""
    after = span.end + (span.end < ctx.sent.end and lowers[span.end] == ",")
    if after >= ctx.sent.end or lowers[after] not in _INSTRUMENT_WORDS:
        return False
    if span.id_ in YEARLESS and after == span.end:
        return True
    if span.start <= ctx.sent.start:
        return False
    before = lowers[span.start - 1]
    return before in _NAMING or before in {"'s", "’s"}


_CITING_WORDS = {"an", "a", "earlier", "previous", "prior", "original"}
_DET_REACH = 3  # words before an instrument word where its determiner stands ('the interim final rule')


def _determiners(ctx: SentenceContext, lowers: list[str], i: int) -> list[str]:
    """The words before the instrument word at i where its determiner may stand: _DET_REACH words, not counting the
    capitalized words of a name ('a White House fact sheet', 'the European Commission's regulation')."""
    texts = token_texts(ctx.sent.doc)[0]
    j, words = i, 0
    while j > ctx.sent.start and words < _DET_REACH:
        j -= 1
        if not (texts[j][:1].isupper() and j > ctx.sent.start):
            words += 1
    return lowers[j:i]


_EXISTING = {"existing", "earlier", "previous", "prior", "original", "former"}  # rules before this one, in force already


def of_cited_notice(ctx: SentenceContext, span, event: str) -> bool:
    """Whether a date belongs to a notice the sentence cites ('an IFR released on 2 December 2024').

    An instrument word named with 'the'/'an'/'earlier' (not 'this') shortly before
    the date, or a sentence that acts on cited notices, dates another notice.
    """
    if labelled_date(ctx, span):
        return False  # 'date 2026-01-06 商务部今发布2026年第1号公告': the page's own date field, whatever follows
    lowers = token_texts(span.doc)[1]  # one list for the Doc: no Token object per word looked at
    contrasted = None
    for i in range(max(ctx.sent.start, span.start - 7, 1), span.start):
        if lowers[i] not in _INSTRUMENT_WORDS:
            continue
        if event == "effective":
            # 'builds on the existing national export control rules that have been in force since 1 September 2023'
            det = lowers[max(ctx.sent.start, i - 5):i]
            if "this" not in det and not _EXISTING.isdisjoint(det):
                return True
            continue
        det = _determiners(ctx, lowers, i)  # 'an IFR', 'the interim final rule', 'a White House fact sheet'
        if contrasted is None:
            # 'the rule' is this notice unless the sentence also says 'this rule' ('This rule amends the rule
            # published on ...'), or 'these' ('As these rules are staged, the controls released on ...').
            sentence = lowers[ctx.sent.start:ctx.sent.end]
            contrasted = "this" in sentence or "these" in sentence
        if "this" not in det and any(d in _CITING_WORDS or (d == "the" and contrasted) for d in det):
            return True
    if event != "effective" and (_names_titled_instrument(ctx, span) or _after_other_number(ctx, span)):
        return True
    if _issued_earlier(ctx, span):  # whatever event the sentence gives: the day of the earlier issue
        return True
    if _described(ctx, span):
        return True
    cues = ctx.spans("relation_cue")
    if not cues or not ctx.cited_numbers:
        return False
    # 'The Regulation entered into force on 9 September 2021, repealing Regulation (EC) No 428/2009': a date before
    # the act, every notice it cites after it, is the actor's own.
    text, start = doc_text(span.doc), ctx.sent.start_char
    act = cues[0].start_char
    if ctx.doc.number is None and cues[0].text.lower().endswith("ing") and any(
            0 <= act - (at + len(c)) <= 2 for n, c in ctx.cited_numbers if (at := text.find(c, start)) >= 0):
        # A report's 'Commission Delegated Regulation (EU) 2019/2199 amending Regulation (EC) 428/2009 entered into
        # force on 31 December 2019': 'amending' names what the subject is; the day is the reported act's.
        return False
    # The document's own number before the act is no other notice ('Commission Delegated Regulation (EU) 2022/1 of
    # 20 October 2021 amending Regulation (EU) 2021/821', its title).
    return not (span.end_char <= act and all(text.find(c, start) >= act for n, c in ctx.cited_numbers if n != ctx.doc.number))


_EARLIER = {"initially", "originally", "first", "previously", "formerly"}


_ISSUED_GAP = 2  # tokens between an issuing verb and its date ('issued on October 7, 2022')


_ACT_NOUN_ENDS = ("ment", "ments", "sion", "sions", "tion", "tions")
_PASSIVE_AUX = {"was", "were", "is", "are", "been"}


def _act_itself_issued(lowers: list[str], act, cue, floor: int) -> bool:
    """'The proposed amendment ... was officially promulgated on September 5, 2024': a noun that names the act is
    the subject the passive issuing verb dates, not an earlier issue it updates ('the suspension of the controls
    issued on October 9' has no auxiliary: the controls were issued then)."""
    if not lowers[act.end - 1].endswith(_ACT_NOUN_ENDS):
        return False
    before = [w for w in lowers[max(floor, cue.start - 2):cue.start] if not w.endswith("ly")]
    return bool(before) and before[-1] in _PASSIVE_AUX


def _issued_earlier(ctx: SentenceContext, span) -> bool:
    """'... to update the export controls issued on October 7, 2022', 'Restrictions Initially Released on
    October 7 2022': what was issued on that date is what this notice updates, or an earlier issue of it; so
    with what a sentence suspends or revokes ('suspended its export controls ... announced on October 9')."""
    lowers = token_texts(span.doc)[1]
    acts = ctx.spans("amends_earlier") + ctx.spans("relation_cue")
    for cue in ctx.spans("issued_cue") + ctx.spans("announced_cue"):
        if cue.end <= span.start and span.start - cue.end <= _ISSUED_GAP:
            if cue.start > ctx.sent.start and lowers[cue.start - 1] in _EARLIER:
                return True
            if any(a.end <= cue.start and not _act_itself_issued(lowers, a, cue, ctx.sent.start) for a in acts):
                return True
        # '对2022年10月7日所发布的……规则进行全面修订': in Chinese the date comes first, '发布的' makes it
        # describe what the sentence then revises.
        if (span.end <= cue.start and cue.start - span.end <= _ISSUED_GAP and cue.end < ctx.sent.end
                and lowers[cue.end] == "的" and any(a.start >= cue.end for a in ctx.spans("amends_earlier"))):
            return True
    return False


_RELATIVE = {"which", "that"}
_PAST_AUX = {"was", "were", "been", "had"}


def _described(ctx: SentenceContext, span) -> bool:
    """'... its Deal on Economic and Trade Relations with China, which was announced on November 1, 2025', 'the
    interim final rule ... which first took effect on September 29, 2025': a relative clause in the past dates
    what it describes, not the document ('this rule, which was published on ...' aside)."""
    lowers = token_texts(span.doc)[1]
    for cue in ctx.spans("date_cue"):
        if not (cue.end <= span.start and span.start - cue.end <= _ISSUED_GAP):
            continue
        before = lowers[max(ctx.sent.start, cue.start - 3):cue.start]
        if before and before[-1] == "those":
            return True  # 'similar to those in place since Aug 1 for gallium': the controls compared with
        if before and (before[-1] in _PAST_AUX or before[-1] in _EARLIER) and not _RELATIVE.isdisjoint(before) \
                and "this" not in lowers[max(ctx.sent.start, cue.start - 8):cue.start]:
            return True
    # '... one existing entry, NUDT, which was added to the Entity List under the destination of China on February
    # 18, 2015': the clause runs on from its relative pronoun to the date without a break, whatever its verb.
    for i in range(span.start - 1, max(ctx.sent.start, span.start - _CLAUSE_REACH) - 1, -1):
        if lowers[i] in _CLAUSE_BREAKS:
            return False
        if lowers[i] in _RELATIVE and i + 1 < span.start and lowers[i + 1] in _PAST_AUX:
            return "this" not in lowers[max(ctx.sent.start, i - 4):i]  # 'this rule, which was signed on ...' is own
    return False


_CLAUSE_REACH = 16  # tokens from a relative pronoun to the date its clause ends on
_CLAUSE_BREAKS = {",", ";", ":", "(", ")", "，", "；", "："}


_NUMBER_REACH = 60  # characters before a date where a notice's number makes the date that notice's
_ADOPTED_BY = re.compile(r"(?:\s*(?:and\s+)?of\s+the\s+(?:European\s+Parliament|Council|(?:European\s+)?Commission))+(?=\s+of\s)")


# 'Considering Decision n° 001/ARECOMS/2025 of February 22nd 2025', 'pursuant to Ministerial Order No. 12/2024
# dated ...': a designation in a form parse_cited_numbers does not know, cited, dates the act it designates.
_CITED_DESIGNATION = re.compile(
    r"(?:consider|regard|pursuant\s+to|under|following|accordance\s+with|amend|extend|replac|implement|invited\s+to|vide|refer)"
    r"\w*\s+(?:the\s+)?(?:[\w-]+\s+){0,3}"
    r"(?:decision|decree|order|resolution|regulation|circular|notice|notification|announcement|ordinance|directive)\s*"
    r"(?:(?:n[°º]|no\.?|number)\s*)?[\w./-]{1,30}\s+(?:of|dated)\s+$", re.I)
_DESIGNATED = (r"(?:notification|notice|order|circular|decision|decree|resolution|announcement|regulation)\s*"
               r"(?:n[°º]|no\.?|number)\s*[\w./()-]{1,30},?\s+dated:?\s*")
_DESIGNATION_DATED = re.compile(_DESIGNATED + "$", re.I)
_DESIGNATION_DATED_ANY = re.compile(_DESIGNATED, re.I)
_HEADING_CHARS = 400  # how far from the top a notice's own numbered and dated heading may stand
_YEARLESS_NUMBER = re.compile(r"^[^，。；,;]{0,12}?第\s*(\d{1,4})\s*[号號]")  # '前述第46号公告', after an issuing verb


def _after_other_number(ctx: SentenceContext, span) -> bool:
    """'Article 12g of Council Regulation 833/2014 released on February 22, 2024', '2024年12月3日，商务部发布
    2024年第46号公告': beside another notice's number, a release date is that notice's (the document's own
    number, from its title, is not another's). After the date, only when an issuing verb names the notice."""
    text = doc_text(span.doc)
    # Who adopted the act does not part its number from its date ('Regulation (EU) 2021/821 of the European Parliament
    # and of the Council of 20 May 2021'): the reach is counted without those words.
    wide = text[max(ctx.sent.start_char, span.start_char - 3 * _NUMBER_REACH):span.start_char]
    before = _ADOPTED_BY.sub(" ", wide)[-_NUMBER_REACH:]
    # ('Trade Notice No. 38/2023-24, Dated 16th February, 2024': a heading that opens the document carries its own
    # number, even one no series normalizes.)
    own_heading = ctx.sent.start == 0 and not ctx.sent.text.rstrip().endswith((".", "。"))
    if not own_heading and (any(number != ctx.doc.number for number, _ in parse_cited_numbers(before))
                            or _CITED_DESIGNATION.search(before)):
        return True
    if not own_heading and _DESIGNATION_DATED.search(before) and (
            ctx.sent.start_char >= _HEADING_CHARS or len(_DESIGNATION_DATED_ANY.findall(ctx.text)) > 1):
        # 'Note: Principal Notification No. 05 dated 24th April 2017, Notification No. 13 dated 28th June 2017':
        # a numbered instrument dated in the body, or one of several in a row, is another notice (the document's own
        # heads it: 'Notification No. 47/2015-2020, dated 20th December, 2021').
        return True
    end = min(ctx.sent.end_char, span.end_char + _NUMBER_REACH)
    issued = [c for c in ctx.spans("issued_cue") if span.end_char <= c.start_char < end]
    if not issued:
        return False
    after = text[issued[0].end_char:end]
    if any(number != ctx.doc.number for number, _ in parse_cited_numbers(after)):
        return True
    # '于2024年12月3日发布前述第46号公告': a notice named by its number alone, when this document is not it.
    named = _YEARLESS_NUMBER.search(after)
    return named is not None and not (ctx.doc.number or "").endswith(f"-{int(named.group(1))}")


_QUOTES = {'"', "“", "'", "‘", "《"}


def _names_titled_instrument(ctx: SentenceContext, span) -> bool:
    """'On October 7, 2022, BIS released the interim final rule (IFR) "Implementation of ..."': the date is
    followed by an instrument that the sentence names by a quoted title, another rule than this document."""
    texts, lowers = token_texts(span.doc)
    end = min(ctx.sent.end, span.end + 20)
    for i in range(span.end, end):
        if lowers[i] in _INSTRUMENT_WORDS and lowers[i - 1] != "this":
            # The title opens within a few tokens (after an abbreviation in brackets: '(IFR) "...').
            if any(texts[j] in _QUOTES for j in range(i + 1, min(ctx.sent.end, i + 5))):
                return True
    return False


_SOURCE_OPEN = re.compile(r"[（(]([^()（）]{1,80})$")


_WEEKDAY = re.compile(r"\s*[A-Za-z]+day\s*[,，]\s*")


def source_citation(ctx: SentenceContext, span: Span) -> bool:
    """A date that closes a bracketed source after a comma ('(SMM Analysis / Metal.com, Oct 9, 2025)',
    '(Reuters, Oct. 10, 2025)'): it dates the source cited, not an event of the notice. A bracket that
    holds a date cue ('(effective: 1 May 2026)') states an event."""
    text = doc_text(span.doc)
    opened = _SOURCE_OPEN.search(text[ctx.sent.start_char:span.start_char])
    if opened is None or "," not in opened.group(1) and "，" not in opened.group(1) or _WEEKDAY.fullmatch(opened.group(1)):
        return False  # '(Wednesday, October 25, 2023)' is the date itself, with its weekday
    if text[span.end_char:ctx.sent.end_char].lstrip()[:1] not in {")", "）"}:
        return False
    start = ctx.sent.start_char + opened.start()
    return not any(start <= c.start_char < span.start_char for c in ctx.spans("date_cue"))
