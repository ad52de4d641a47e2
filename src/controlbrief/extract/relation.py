"""Relation builder: what a notice does to other notices (suspend, resume, amend, revoke, supersede, extend).

A relation cue ('is suspended', 'are lifted', 'amends') and the notices the
sentence cites give one relation per cited notice ('Announcements No. 55, 56
and 57 of 2025' gives three). Dates after 'until' and 'from' bound it. A
sentence that says what stays in force ('remain in force') states none. A lift
or repeal that cites no notice is kept with no target and the words it uses.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Span

from controlbrief.extract.context import SentenceContext, doc_text, regarding_date
from controlbrief.extract.dates import first_days
from controlbrief.models import Relation
from controlbrief.nlp_zh import has_cjk
from controlbrief.normalize import parse_date, parse_yearless_numbers

# The part before the notice it belongs to, the notice's owner between them ('the second section of China's 2024 ...',
# 'Clause 2 of its 2024 Announcement No. 46').
_SCOPE = re.compile(r"(?i)\b((?:the\s+)?(?:(?:first|second|third|fourth|fifth|sixth)\s+(?:clause|article|paragraph|item|part|section)|"
                    r"(?:Article|Clause|Paragraph|Item|Part|Section)\s+[\dIVX]+(?:\([a-z0-9]+\))?))\s+of\s*"
                    r"(?:the\s+|its\s+|[A-Z][\w.]*[’']s\s+)?$")
_OBJECT = re.compile(r"(?i)\b(?:controls?|measures?|restrictions?|bans?|curbs?|prohibitions?|embargo(?:es)?)\s+(?:on|of|over|for)\s+(.+?)(?=\s+(?:that|which|are|is|were|was|shall|will)\b|[,;.]|$)")
_ZH_CONTROLS = re.compile(r"管制|管製|措施")
# A day at the end of what a lift names is when it was lifted, not part of it ('the ban on exports of X on Friday').
_TRAILING_DAY = re.compile(r"(?i)\s+(?:on|from|since|as\s+of|with\s+effect\s+from)\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
                           r"\d{1,2}\s+\w+(?:\s+\d{4})?|\w+\s+\d{1,2}(?:,?\s+\d{4})?)\s*$")
_UNTIL = {"until", "till", "through", "to", "ending", "end", "ends", "至", "止"}
_INCLUSIVE = {"through", "thru", "end", "ends"}  # until-words that take their day in ('scheduled to end on November 9')
_FROM = {"from", "as", "starting", "beginning", "since", "effective", "自", "从", "於", "于"}
_TEXT_MAX = 200
# A title after the cue: capitalised words (with 'for', 'of', ... between), after an owner's name ('the Biden
# administration's'), and its short name in brackets; it must name an instrument.
# ('... of the Biden administration's January 15, 2025 Artificial Intelligence Diffusion Interim Final Rule': the day
# the rule was issued may stand before its title.)
_TITLE = re.compile(r"\s+(?:of\s+)?(?:the\s+)?(?:(?:[A-Z][\w.-]*\s+)*[\w.-]+[’']s\s+)?(?:[a-z]+\s+){0,2}"
                    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4},?\s+)?[\"“]?"
                    r"((?:[A-Z][\w.-]*)(?:(?:\s*\([A-Z]{2,6}\))?\s+(?:(?:for|of|on|and|the|to|in)\s+)*[A-Z][\w.-]*)*)[\"”,]*"
                    r"(\s*\((?:the\s+)?[\"“]?[^()\"”]{2,60}[\"”]?\))?")
_TITLE_WORDS = {"rule", "rules", "ifr", "regulation", "regulations", "framework", "order", "directive", "decision", "act",
                "announcement", "notice", "measures", "provisions"}
# One of those as a whole word, in any case.
_TITLE_WORD = re.compile(r"(?<![A-Za-z])(?:" + "|".join(sorted(_TITLE_WORDS)) + r")(?![A-Za-z])", re.IGNORECASE)


_PLANNED_REACH = 3  # tokens from 'were to' / 'was scheduled to' to the date it planned ('were to be effective May 15')


def _dates(ctx: SentenceContext) -> tuple[str | None, str | None]:
    """(from, until) of the sentence: a date after 'until' ends the relation, one after 'from' starts it."""
    doc = ctx.sent.doc
    start = until = None
    for span in ctx.spans("date"):
        iso = parse_date(span.text)
        if not iso or regarding_date(ctx, span):
            continue
        before = [t.lower_ for t in doc[max(ctx.sent.start, span.start - 3):span.start]]
        if any(w in _UNTIL for w in before[-2:]):
            # 'suspended through November 9, 2026' still holds on the 9th: the regime's until is the first day the
            # notice applies again (exclusive), as 'until November 10, 2026' says it.
            if any(w in _INCLUSIVE for w in before[-2:]):
                iso = (date.fromisoformat(iso) + timedelta(days=1)).isoformat()
            until = until or iso
        elif any(w in _FROM for w in before) and before[-2:] not in (["effect", "since"], ["force", "since"]) \
                and not any(0 <= span.start - p.end <= _PLANNED_REACH for p in ctx.spans("planned_past")):
            # (not 'the rule, which had been in effect since ...': that rule's own start; nor 'requirements that were
            # to be effective May 15': a start planned, then called off)
            start = start or iso
    return start, until


_LIST_REACH = 4  # sentences back to the one that dates a list of what it suspends


def _until_before(ctx: SentenceContext) -> str | None:
    """The end date of the sentence before (within a few) that states the same suspension with its dates."""
    for prev in ctx.before(_LIST_REACH):
        if prev.spans("relation_cue"):
            until = _dates(prev)[1]
            if until:
                return until
    return None


_NOTICE_WORDS = {"announcement", "announcements", "notice", "notices", "measures", "rules", "controls"}


def _refers_back(cue: Span) -> bool:
    """'the suspended announcements': a participle naming notices already said to be suspended."""
    doc = cue.doc
    return cue[-1].lower_ == "suspended" and cue.end < len(doc) and doc[cue.end].lower_ in _NOTICE_WORDS


_BE = {"is", "are", "was", "were", "be", "been", "being"}
_ADVERBS = {"hereby", "also", "formally", "now", "already", "officially", "temporarily", "partially", "fully", "then",
            "thereby", "effectively", "simultaneously"}
# Words after a participle that make it an adjunct, not a verb with an object ('No. 28, revoked in 2024, ...').
_ADJUNCT = {"in", "on", "at", "from", "with", "as", "under", "until", "through", "effective", "since", "by", "and", "or"}
# After a Chinese cue, what leaves the notice before it as what is acted on: its time ('暂停实施至2026年…'), a
# relative clause ('暂停实施的公告'), an aspect word.
_ZH_COMPLEMENT = {"至", "自", "于", "到", "的", "后", "前", "之", "期", "起"}


def _active(cue: Span) -> bool:
    """Whether the cue is a verb that acts on what follows, its subject (a notice cited before it) the one that
    acts: 'suspends', 'amending', 'No. 31 revoked the temporary controls', '第31号公告废止临时管制'. 'is suspended',
    'was revoked on ...', 'suspension of', '第28号公告废止。', '暂停实施至…' act on what they name anywhere."""
    doc = cue.doc
    word = cue[0].lower_
    after = cue.end
    if has_cjk(word[:1]):
        while after < len(doc) and (doc[after].text == "了" or doc[after].is_space):
            after += 1
        return (after < len(doc) and not doc[after].is_punct
                and doc[after].text not in _ZH_COMPLEMENT and (cue.start == 0 or doc[cue.start - 1].text != "被"))
    if word.endswith(("s", "ing")) and not word.endswith(("ions", "ments", "ss")):
        return True
    if len(cue) > 1 or not word.endswith("ed"):
        return False
    before = cue.start - 1
    while before >= 0 and doc[before].lower_ in _ADVERBS:
        before -= 1
    if before >= 0 and doc[before].lower_ in _BE:
        return False  # passive
    return after < len(doc) and not doc[after].is_punct and doc[after].lower_ not in _ADJUNCT


def _heading(text: str, at: int, cited: str, cue_at: int) -> bool:
    """Whether the citation `cited` at `at` opens a heading, a colon after it, whose words after the colon hold the cue."""
    end = at + len(cited)
    return at >= 0 and end <= cue_at and text[end:cue_at].lstrip().startswith(":")


_ZH_ISSUING = re.compile(r"发布|公布|颁布|印发|出台|发出|發布|頒布|發出")
_ZH_NOTICE_AFTER = ("公告", "号公告", "號公告")  # what follows a citation that names a notice ('2025年第28号公告')


def _zh_actor_described(text: str, at: int, cited: str, cue_at: int, cue_end: int, issuing: list[int]) -> bool:
    """Whether a Chinese citation is the notice that acts, described by a relative clause ending in 的 right before it:
    around the cue ('发布调整《目录》的2025年第28号公告': No. 28 does the adjusting; not '宣布废止此前发布的2020年第38号
    公告', whose clause is the issuing), or after an issuing verb of its clause, before the cue ('发布调整《目录》的
    2025年第28号公告，删除3项……修改1项': No. 28 does the amending)."""
    if at < 0 or not text[at + len(cited):].lstrip().startswith(_ZH_NOTICE_AFTER):
        return False
    if at >= cue_end:
        between = text[cue_end:at].rstrip()
        return between.endswith("的") and not _ZH_ISSUING.search(between) and not re.search(r"[，。；,;]", between)
    if at < cue_at:
        start = _clause_start(text, at)
        return any(start <= end <= at and text[end:at].rstrip().endswith("的") for end in issuing)
    return False


def _scope_before(text: str, at: int) -> str | None:
    m = _SCOPE.search(text[:at])
    return m[1].strip() if m else None


# '商务部公告2024年第46号（「关于...的公告」）第二款暂停实施': the part follows the citation, after its title if given.
_ZH_SCOPE_AFTER = re.compile(r"\s*(?:公告\s*)?(?:中的?|的)?(?:[（(「《“][^，。；,;第]{0,80}[）)」》”]\s*)*(第[一二三四五六七八九十百\d]{1,4}[款条條项項])")


def _scope(text: str, at: int, cited: str) -> str | None:
    """The part of a cited notice the relation concerns ('the second clause of ...', '...第二款')."""
    if at < 0:
        return None
    m = _ZH_SCOPE_AFTER.match(text, at + len(cited))
    return _scope_before(text, at) or (m[1] if m else None)


def build(ctx: SentenceContext) -> list[Relation]:
    """Relations stated in one sentence."""
    cues = ctx.spans("relation_cue")
    if not cues or ctx.spans("relation_block") or ctx.conditional:
        return []  # none, one that says what stays in force, or one only intended ('its intent to rescind ...')
    cue = cues[0]
    relation = str(ctx.attr(cue, "relation"))
    text = ctx.raw_text
    start_char = ctx.sent.start_char
    since, until = _dates(ctx)
    out: list[Relation] = []
    seen: set[str] = set()
    cited_all = list(ctx.cited_numbers)
    cue_at = cue.start_char - start_char
    active = _active(cue)
    if active and has_cjk(cue.text[:1]):
        # '商务部2024年第31号公告废止了2023年第28号公告': the notice the sentence opens with is the one that acts (a
        # report of it gives what it acts on, as '……发布的第72号公告明确，……暂停执行第46号公告第二款' does).
        cited_all = [(n, c) for n, c in cited_all
                     if not (0 <= (at := text.find(c)) < cue_at and _zh_subject(text, at, c))]
    elif active:
        # 'Announcement No. 70, which suspends Nos. 55 to 58': a notice cited before an active verb is the
        # one that acts; this document only reports it. 'This rule amends ...' acts itself.
        if any(0 <= text.find(c) < cue_at for _, c in cited_all):
            return []
        cited_all = [(n, c) for n, c in cited_all if text.find(c) > cue_at]
    yearless = parse_yearless_numbers(text) if not cited_all else []
    if yearless and (found := ctx.doc.designations(doc_text(ctx.sent.doc)))[0]:
        # A report listing what another notice suspends without the year ('分别是：第55号——……；第56号——……'),
        # in a document whose designations all carry one year: theirs. A number written in full elsewhere (a
        # title repeating the body's list) has its relation there, with its dates.
        year, full = found
        cited_all = [(number, c) for n, c in yearless if (number := f"mofcom-{year}-{n}") not in full]
        if cited_all and until is None:
            until = _until_before(ctx)  # '决定自即日起至2026年11月10日，暂停实施6项公告。……分别是：第55号……
    if cited_all and until is None and relation == "suspends" and not ctx.spans("date") and _refers_back(cue):
        # 'The suspended announcements include Nos. 55, 56, 57 and 58 of 2025' after the sentence that said until
        # when: a list of 'the suspended announcements' continues the suspension stated just before (a sentence
        # that suspends by itself, '第二款暂停实施', states its own, even right after another's dates).
        until = _until_before(ctx)
    # 'Announcement 72/2025: A Major Pause of ...': a heading names the notice that acts, then what it does.
    cited_all = [(n, c) for n, c in cited_all if not _heading(text, text.find(c), c, cue_at)]
    # 'In exercise of the powers conferred by ... Act, 1992 (No.22 of 1992) ..., the Government hereby makes the
    # following amendments': what the notice acts under is its legal basis, not what it acts on.
    basis = [b.start_char - start_char for b in ctx.spans("legal_basis") if b.start_char < cue.start_char]
    if basis:
        cited_all = [(n, c) for n, c in cited_all if not (basis[0] < text.find(c) < cue_at)]
    issued_at = [sp.end_char - start_char for sp in ctx.spans("issued_cue")]
    if has_cjk(cue.text[:1]):
        cue_end = cue.end_char - start_char
        cited_all = [(n, c) for n, c in cited_all
                     if not _zh_actor_described(text, text.find(c), c, cue_at, cue_end, issued_at)]
    anaphor = None
    if not cited_all and (found_back := _antecedents(ctx, cue)):
        anaphor, cited_all = found_back
    # 'MOFCOM issued Announcement No. 70, under which Nos. 55 to 58 are suspended', '颁布2025年第70号公告，
    # 公布暂停实施第55号...': the notice named right after an issuing verb is the one that acts, not a target.
    if anaphor is None:
        # (An issuing verb between the cue and the citation describes the target: '暂停执行此前发布的2024年第46号公告',
        # 'suspends the previously issued Announcement No. 46'.)
        cited_all = [(n, c) for n, c in cited_all
                     if not _issued(text, at := text.find(c), [e for e in issued_at if not cue_at < e <= at])]
    for number, cited in cited_all:
        if number in seen:
            continue
        seen.add(number)
        if anaphor is not None:
            # The evidence is the words that stand for the notice here ('该公告中第二款暂停实施').
            at, named = anaphor.start_char - start_char, anaphor.text
            span = (anaphor.start_char, anaphor.end_char)
        else:
            at, named = text.find(cited), cited
            span = (start_char + at, start_char + at + len(cited)) if at >= 0 else (cue.start_char, cue.end_char)
            own = re.search(rf"(?<!\d){number.rsplit('-', 1)[1]}(?!\d)", cited) if at >= 0 else None
            if own:  # the evidence of each target is its own number inside the citation
                span = (span[0] + own.start(), span[0] + own.end())
        out.append(ctx.make("relation", span[0], span[1], cue.id_, relation=relation, target=number, target_text=cited,
                            scope=_scope(text, at, named), from_=since, until=until))
    if not out and relation in ("revokes", "suspends"):
        named = _named_instrument(text, cue.end_char - start_char)
        if named is not None:
            # 'rescinded the Framework for Artificial Intelligence Diffusion ("AI Diffusion Rule")': named by its
            # title, without a number (the regime cannot resolve it; analysts read it).
            at = text.find(named)
            return [ctx.make("relation", start_char + at, start_char + at + len(named), cue.id_, relation=relation,
                             target=None, target_text=named, scope=None, from_=since, until=until)]
    if not out and relation == "revokes":
        # 'The temporary controls on five graphite items ... are lifted' (or '...解除管制'): no notice is named.
        obj = _OBJECT.search(text)
        if obj or _ZH_CONTROLS.search(_clause_around(text, cue_at)):
            # (In Chinese, what stops is named in the cue's own part of the sentence, between semicolons: '……；对于……
            # 被列入……的12家美国实体，停止执行相关措施'.)
            named_text = _clause_around(text, cue_at, _SEGMENT_MARKS) if has_cjk(cue.text[:1]) else text
            out.append(ctx.make("relation", cue.start_char, cue.end_char, cue.id_, relation=relation, target=None,
                                target_text=_clip(named_text.strip()), scope=_TRAILING_DAY.sub("", obj[1]).strip() if obj else None,
                                from_=since, until=until))
    return out


_CLAUSE_MARKS = re.compile(r"[，,；;。：:]")
# Before a notice that is the subject: only who issued it and where ('商务部官网发布的'), no preposition that makes
# it an object or a source ('对……所列', '根据……').
_ZH_NOT_SUBJECT = re.compile(r"对|對|根据|根據|依据|依據|按照|依照|将|將|把|与|與|和|及|在|经|經|自|从|從")
_ZH_SUBJECT_AFTER = re.compile(r"(?>\s*(?:公告)?\s*)(?![的中第所（(《、和及与，,。；;：:])")  # atomic: 公告 is taken


def _zh_subject(text: str, at: int, cited: str) -> bool:
    """Whether the notice cited at `at` is the subject of its clause ('据悉，商务部2026年第12号公告废止了……'): after
    no preposition in that clause, and followed (after 公告) by what it does, not by 的, 中, 所列 or another notice."""
    before = text[_clause_start(text, at):at]
    return not _ZH_NOT_SUBJECT.search(before) and _ZH_SUBJECT_AFTER.match(text, at + len(cited)) is not None


def _clause_start(text: str, at: int, marks: re.Pattern = _CLAUSE_MARKS) -> int:
    """Where the clause of `text` holding the character `at` starts: after the last clause mark before it."""
    return max((m.end() for m in marks.finditer(text, 0, at)), default=0)


def _clause_around(text: str, at: int, marks: re.Pattern = _CLAUSE_MARKS) -> str:
    """The clause of `text` holding the character `at`: '四、不批准并取消……工作许可、停留或者居留资格' cancels permits
    of people, whatever '措施' an earlier clause of the sentence names. With _SEGMENT_MARKS, the part between
    semicolons (or full stops)."""
    end = next((m.start() for m in marks.finditer(text, at)), len(text))
    return text[_clause_start(text, at, marks):end]


_SEGMENT_MARKS = re.compile(r"[；;。]")


_ANAPHOR_REACH = 2  # sentences back to the one that cites what 'that announcement' (该公告) stands for


def _antecedents(ctx: SentenceContext, cue: Span) -> tuple[Span, list[tuple[str, str]]] | None:
    """(the anaphor, the notices it stands for) when the sentence names its target as 'that announcement'
    (该公告, 上述公告): the notice cited last in a sentence just before, or all of them for a plural. An
    anaphor before an active verb ('That announcement suspends ...') is the notice that acts, not a target."""
    anaphors = [a for a in ctx.spans("cited_anaphor") if not (_active(cue) and a.end_char <= cue.start_char)]
    if not anaphors:
        return None
    for prev in ctx.before(_ANAPHOR_REACH):
        # A notice cited right after an issuing verb in a sentence that suspends or revokes is the one that acted
        # ('issued Announcement No. 70, suspending six announcements'): 'these announcements' stand for what it
        # acted on. Issued alone ('issued Notice No. 12 in March. That notice ...'), it is what they stand for.
        cited = list(prev.cited_numbers)
        if prev.spans("relation_cue"):
            issued_at = [sp.end_char - prev.sent.start_char for sp in prev.spans("issued_cue")]
            text = prev.raw_text
            cited = [(n, c) for n, c in cited if not _issued(text, text.find(c), issued_at)]
        if cited:
            return anaphors[0], cited if ctx.attr(anaphors[0], "plural") else cited[-1:]
    return None


_ISSUED_GAP = {"", "the", "its", "a", "an", "的", "公告"}  # '发布的2025年第72号公告', '发布公告（2025）第70号' too


def _issued(text: str, at: int, issued_at: list[int]) -> bool:
    """Whether the citation at `at` follows an issuing verb directly (an article aside)."""
    return at >= 0 and any(0 <= at - end <= 5 and text[end:at].strip().lower() in _ISSUED_GAP for end in issued_at)


def _clip(text: str) -> str:
    return text if len(text) <= _TEXT_MAX else text[: _TEXT_MAX - 1].rsplit(" ", 1)[0] + "…"


def _named_instrument(text: str, at: int) -> str | None:
    """The title of the instrument right after a cue at `at` ('the Framework for Artificial Intelligence Diffusion
    ("AI Diffusion Rule")'), when it names a rule, regulation, order ...; else None."""
    m = _TITLE.match(text, at)
    if m is None or not _TITLE_WORD.search((m[1] or "") + (m[2] or "")):
        return _plain_name(text, at)
    name = re.sub(r"(?<=[a-z]{2})\.$", "", m[1])  # the sentence's full stop, not an abbreviation's ('U.S.')
    if _TITLE_WORD.match(name):
        return (name + (m[2] or "")).strip()  # opens with its instrument word: 'Framework for Artificial Intelligence'
    # 'Enforcement of the Affiliates Rule' (a headline in capitals): what is acted on is the rule itself.
    lead = re.match(r"[A-Z]\w*\s+of\s+the\s+(.+)$", name)
    if lead and _TITLE_WORD.search(lead[1]):
        name = lead[1]
    # A name that ends in its instrument word ends there ('AI Diffusion Rule and Issues Guidance on ...', a
    # headline in capitals).
    head = _TITLE_WORD.search(name)
    return name[:head.end()] if head else (name + (m[2] or "")).strip()


# A rule named in lower case after the cue ('rescinded the AI diffusion rule', 'the so-called diffusion rule'): up
# to four words before its instrument word, at least one of them saying which rule.
_PLAIN = re.compile(r"\s+(?:of\s+)?(?:the\s+|its\s+|their\s+)?(?:so-called\s+)?((?:[\w.-]+\s+){1,4}?(?:rules?|regulations?|framework|ifr|directive))\b")
_VAGUE = {"new", "old", "previous", "earlier", "interim", "final", "proposed", "this", "that", "these", "those", "same",
          "current", "existing", "latest", "recent", "original", "other", "such", "a", "an", "the", "its", "their"}
_FUNCTION = {"of", "to", "for", "on", "in", "and", "or", "with", "by", "from", "at", "as"}


def _plain_name(text: str, at: int) -> str | None:
    m = _PLAIN.match(text, at)
    if m is None:
        return None
    words = [w.lower() for w in m[1].split()[:-1]]
    if any(w in _FUNCTION for w in words):
        return None  # 'suspension of its interim final rule on ...': no name, a phrase
    return m[1].strip() if any(w not in _VAGUE for w in words) else None


def date_from(found: list) -> None:
    """A suspension its sentence starts on a day counted from the report's date ('takes effect from Sunday',
    'effective immediately'), which the date builder works out once the report's own date is known, starts
    then: such relations take the sentence's suspended_from; one stated by its length ('for a further 90
    days') ends on the sentence's suspended_until, which the date builder counted from that start. So does an
    extension of a suspension."""
    days = first_days(found, _SUSPENSION_DAYS)
    if not days:
        return
    for p in found:
        # 'extended the suspension of No. 21 for a further 90 days from 12 August': what an extension prolongs
        # ends on the sentence's day too.
        if p.kind == "relation" and p.relation in ("suspends", "extends"):
            p.from_ = p.from_ or days.get("suspended_from")
            p.until = p.until or days.get("suspended_until")


_SUSPENSION_DAYS = {"suspended_from", "suspended_until"}


_INCLUSIVE_BEFORE = re.compile(r"(?i)\b(?:through|thru|end(?:s|ing)?\s+on|ending)\s*$")


def dates_after(per_sentence: list[list], text: str = "") -> None:
    """'... decided to suspend Announcements No. 57 and No. 58 of 2025. The suspension shall remain in effect until
    November 10, 2026.': a suspension (or an extension) that states no end takes the dates of the sentence right
    after it, when that sentence dates a suspension and acts on no notice of its own. A day it runs 'through' (in
    `text`, the document's) still holds: the relation's until is the day after, as the sentence's own would be."""
    for found, following in zip(per_sentence, per_sentence[1:]):
        open_ended = [p for p in found if p.kind == "relation" and p.relation in ("suspends", "extends") and p.until is None]
        if not open_ended or any(p.kind == "relation" for p in following):
            continue
        days = first_days(following, _SUSPENSION_DAYS)
        if "suspended_until" in days:
            until = days["suspended_until"]
            end = next(p for p in following if p.kind == "effective_date" and p.event == "suspended_until")
            if _INCLUSIVE_BEFORE.search(text[max(0, end.span[0] - 16):end.span[0]]):
                until = (date.fromisoformat(until) + timedelta(days=1)).isoformat()
            for p in open_ended:
                p.until = until
                p.from_ = p.from_ or days.get("suspended_from")
