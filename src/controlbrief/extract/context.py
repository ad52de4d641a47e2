"""What a builder sees of one sentence: its spans by label, its list lead-in, the document.

Builders are plain functions SentenceContext -> list[Provision]; this module
gives them the evidence and a single way to make a provision with its id,
text, span and page.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy
from spacy.attrs import IDX, IS_ALPHA, IS_DIGIT, IS_PUNCT, IS_SPACE, LENGTH, LIKE_NUM
from spacy.tokens import Span

from controlbrief.identity import provision_id
from controlbrief.nlp import UNIT_OF
from controlbrief.normalize import code_or_none, designations_in_full, normalize_code, parse_cited_numbers
from controlbrief.models import (
    Destination, EffectiveDate, EndUseRestriction, Exemption, Licensing, ProductScope, Rationale, Relation, Threshold,
)
from controlbrief.patterns import PatternSet

_MODELS = {
    "threshold": Threshold, "product_scope": ProductScope, "rationale": Rationale,
    "end_use_restriction": EndUseRestriction, "effective_date": EffectiveDate,
    "licensing": Licensing, "exemption": Exemption, "destination": Destination, "relation": Relation,
}


_TEXT_KEY = ("controlbrief", "text")
_ALPHA_KEY = ("controlbrief", "alpha")
_TEXTS_KEY = ("controlbrief", "texts")
_MAP_KEY = ("controlbrief", "char_map")
_SHOWN_KEY = ("controlbrief", "shown")


_YEAR = re.compile(r"(19|20)[0-9]{2}")
_YEAR_IN_TEXT = re.compile(r"(?<![0-9])(?:19[5-9][0-9]|20[0-9]{2})(?![0-9])")
_HEAD_CHARS = 600  # a report's title, dateline and lead
_CLAUSE_MARKS = {",", ";", ":", "，", "；", "："}
_AGENT_REACH = 4  # tokens from a country to its verb ("Taiwan's commerce ministry has added")
_NOT_AGENT_BEFORE = {"to", "from", "on", "against", "for", "with", "in", "into", "at", "over", "of", "toward", "towards",
                     "targeting", "like", "than"}
_PASSIVE_AUX = {"been", "be", "being", "is", "are", "was", "were", "get", "got"}
_PLAN_REACH = 3  # words between 'part of a' and the 'plan to' it names ('a sweeping national plan to')


def reference_year(text: str) -> int | None:
    """The year a report or notice speaks from: the first its head names (a dateline, a date field, a title's
    year), else the latest it names at all. Not the head's latest: a lead names years to come ('暂停实施至2026年')."""
    head = _YEAR_IN_TEXT.search(text[:_HEAD_CHARS])
    return int(head.group()) if head else max(map(int, _YEAR_IN_TEXT.findall(text)), default=None)


def remember_text(doc, text: str, char_map: list[int] | None = None, shown: str | None = None) -> None:
    """Keep the text a Doc was made from (the same string Doc.text would rebuild token by token); when that
    text left something out of the document's (pinyin glosses), where each of its offsets lies there; and
    when it differs from what evidence should show (simplified characters read for traditional ones, one for
    one), the text to show."""
    doc.user_data[_TEXT_KEY] = text
    if char_map is not None:
        doc.user_data[_MAP_KEY] = char_map
    if shown is not None:
        doc.user_data[_SHOWN_KEY] = shown


def char_map(doc) -> list[int] | None:
    return doc.user_data.get(_MAP_KEY)


def doc_text(doc) -> str:
    """The Doc's text, built once (Doc.text joins every token anew on each call)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def tokens_text(doc, lo: int, hi: int) -> str:
    """The text of tokens lo..hi as Span.text gives it, without making a Span (or a Token per token)."""
    if hi <= lo:
        return ""
    t = token_table(doc)
    return doc_text(doc)[t.idx[lo]:t.idx[hi - 1] + len(t.text[hi - 1])]


_BRACKET = re.compile(r"[()（）\[\]]")


def inside_marks(ctx: "SentenceContext", span: Span, opening: str, closing: str) -> bool:
    """Whether `span` stands inside opening ... closing of its sentence ('《...》', '「...」'): more opened before it
    than closed."""
    before = doc_text(span.doc)[ctx.sent.start_char:span.start_char]
    return before.count(opening) > before.count(closing)


def open_bracket(text: str, start: int, end: int) -> int | None:
    """Where the innermost bracket still open at `end` opens, looking back no further than `start`, or None.

    Bracket characters only, found by one regex: a Chinese sentence has a token per character.
    """
    depth = 0
    for m in reversed(list(_BRACKET.finditer(text, start, end))):
        depth += 1 if text[m.start()] in ")）]" else -1
        if depth < 0:
            return m.start()
    return None


def is_prose(text: str) -> bool:
    """Whether a sentence is prose: it ends with a full stop and most of its words start in lower case (a headline or
    a title capitalizes every word, so a capital there says nothing of names)."""
    text = text.strip()
    words = [w for w in text.split() if w[:1].isalpha()]
    return text.endswith(".") and sum(w[:1].islower() for w in words) > len(words) / 2


def alpha_count(doc, lo: int, hi: int) -> int:
    """How many alphabetic tokens lie in lo..hi, from one cumulative array per Doc."""
    alpha = doc.user_data.get(_ALPHA_KEY)
    if alpha is None:
        alpha = doc.user_data[_ALPHA_KEY] = numpy.cumsum(doc.to_array([IS_ALPHA]).astype("int64")).tolist()
    if hi <= lo:
        return 0
    return alpha[hi - 1] - (alpha[lo - 1] if lo else 0)


def token_texts(doc, idx: list[int] | None = None, length: list[int] | None = None) -> tuple[list[str], list[str]]:
    """Every token's text and lower-case form, once per Doc, sliced from the Doc's text by two small arrays
    (the tokens' IDX and LENGTH columns, read here unless the caller already has them).

    (No Token objects, and no lookups of 64-bit hashes in the StringStore: a token's text is its slice of
    the text, and spaCy's LOWER is that text's str.lower().)
    """
    found = doc.user_data.get(_TEXTS_KEY)
    if found is None:
        if idx is None or length is None:
            # Columns, not rows: a list per row costs more.
            idx, length = doc.to_array([IDX, LENGTH]).T.tolist() if len(doc) else ([], [])
        text = doc_text(doc)
        texts = [text[i:i + n] for i, n in zip(idx, length)]
        found = doc.user_data[_TEXTS_KEY] = (texts, [t.lower() for t in texts])
    return found


_TABLE_KEY = ("controlbrief", "table")


class TokenTable:
    """A Doc's tokens as plain lists, one entry per token, read from a few arrays once per Doc.

    Builders test many tokens many times; each doc[i] makes a Token object and each
    `token._.unit` an Underscore object, which was a third of the builders' time.
    """

    __slots__ = ("text", "lower", "like_num", "is_punct", "is_alpha", "is_space", "is_digit", "idx", "unit")

    def __init__(self, doc) -> None:
        if not len(doc):
            self.text = self.lower = self.idx = self.like_num = self.is_punct = self.is_alpha = self.is_space = self.is_digit = []
            self.unit = {}
            return
        # One array for every column; flags become Python bools in numpy, columns lists in one call each.
        table = doc.to_array([IDX, LENGTH, LIKE_NUM, IS_PUNCT, IS_ALPHA, IS_SPACE, IS_DIGIT])
        self.idx, length = table[:, 0].tolist(), table[:, 1].tolist()
        self.like_num, self.is_punct, self.is_alpha, self.is_space, self.is_digit = (
            table[:, 2:] != 0).T.tolist()
        self.text, self.lower = token_texts(doc, self.idx, length)
        # The unit code of each unit token (Token._.unit), as UnitTagger kept it.
        self.unit: dict[int, str] = doc.user_data.get(UNIT_OF, {})


def token_table(doc) -> TokenTable:
    table = doc.user_data.get(_TABLE_KEY)
    if table is None:
        table = doc.user_data[_TABLE_KEY] = TokenTable(doc)
    return table


class _Asked:
    """A document date (DocContext.published, year, publication_base) kept in the field of the same name with an
    underscore; reading it notes its name in DocContext.asked when that is a set."""

    def __set_name__(self, owner, name: str) -> None:
        self.name, self.field = name, "_" + name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        if obj.asked is not None:
            obj.asked.add(self.name)
        return getattr(obj, self.field)

    def __set__(self, obj, value) -> None:
        setattr(obj, self.field, value)


_RELATIVES = {"which", "who", "whose", "where"}  # a relative clause goes on with what it follows


@dataclass
class DocContext:
    """Document-wide facts builders may need."""

    doc_id: str
    page_starts: list[int] | None
    attrs: dict[str, dict[str, Any]]
    lex_attrs: dict[tuple[str, str], dict[str, Any]]
    anchors: set[str] = field(default_factory=set)
    _published: str | None = None
    _year: int | None = None  # the year a date without one ('11月8日起') is read in: published's, else the first date's
    number: str | None = None  # the notice's own number as its title or header gives it (a date beside it is its own)
    reference_year: int | None = None  # the year the text speaks from (see reference_year): what 'In 2010, ...' is set against
    _publication_base: str | None = None  # the day 'N days after publication' counts from (see extract.publication_base)
    # Which of the three document dates above builders asked for since it was set to a set (see extract.explain_document).
    asked: set[str] | None = None
    zh: bool = False  # read by the Chinese pipeline (Doc.lang_ is a property lookup, and builders ask per date)
    _designations: tuple[int | None, set[str]] | None = None  # see designations()
    offset: int = 0  # where this Doc's text starts in the document's text (a passage in another language)
    char_map: list[int] | None = None  # offsets of the Doc's text in the document's, when they differ (see remember_text)
    # Days the body says something was announced, by where it says so (a report's 'effective immediately' is the
    # day of the announcement it reported before, not the report's own; see dates.build).
    announced: dict[int, str] = field(default_factory=dict)
    # The country whose measure the document reports, where its title says who acts ('Taiwan adds Huawei and SMIC to
    # export control list'): what another country is said to have done is the report's background (SentenceContext.foreign).
    actor: str | None = None

    # Read through _Asked: the date builder's reads are noted while `asked` is a set.
    published = _Asked()
    year = _Asked()
    publication_base = _Asked()

    @classmethod
    def create(cls, doc_id: str, page_starts: list[int] | None, pset: PatternSet, zh: bool = False) -> "DocContext":
        return cls(doc_id=doc_id, page_starts=page_starts, attrs=pset.pattern_attrs, lex_attrs=pset.lexicon_attrs, zh=zh)

    def designations(self, text: str) -> tuple[int | None, set[str]]:
        """The MOFCOM designations the document writes in full and their one year, if one (worked out once, and
        only for a document that needs it: one that lists notices without their year)."""
        if self._designations is None:
            self._designations = designations_in_full(text)
        return self._designations

    def page_of(self, offset: int) -> int | None:
        if not self.page_starts:
            return None
        return bisect_right(self.page_starts, offset)


_QUOTE_CLOSERS = "」』”\"'’）) \t"


def _identifier_tail(code: Span) -> bool:
    """'CELEX: 02014R0833-20250720': digits glued by a hyphen to a run of letters and digits end a document's
    identifier (here a consolidation's date); they are no customs code ('2841801000-2841809000' is a range).
    Read on the text first: item lists hold a code on every line, and almost none follows a hyphen."""
    text, at = doc_text(code.doc), code.start_char
    # '[Docket No. 0612243150-8535-02]': digits glued to shorter groups after them make one serial number (a range of
    # codes joins two of the same length).
    serial = _SERIAL_AFTER.match(text, code.end_char)
    if serial and code.text.isdigit() and len(serial[1]) != len(code.text):
        return True
    if at < 2 or text[at - 1] != "-" or text[at - 2].isspace() or code.start < 2:
        return False
    head = code.doc[code.start - 2].text
    return any(ch.isdigit() for ch in head) and any(ch.isalpha() for ch in head)


_SERIAL_AFTER = re.compile(r"-(\d{1,6})-\d")  # two more digit groups: '-8535-02'


@dataclass
class SentenceContext:
    """One sentence (or list item, or table row) with the spans that fell inside it."""

    sent: Span
    rules: dict[str, list[Span]]
    lexicon: dict[str, list[Span]]
    doc: DocContext
    lead: "SentenceContext | None" = None
    is_item: bool = False
    code_heading: bool = False  # a line that is only a control number ('ECCN 3A090'): it heads what follows
    prev: "SentenceContext | None" = None  # the sentence before, for labels on a line of their own ('Effective Date')
    # The sentence after, held weakly: a link both ways would make every document's contexts a reference cycle, left
    # to the cyclic collector instead of freed as extraction moves on.
    _next: Any = None
    memo: dict[str, Any] = field(default_factory=dict)  # what builders work out once per sentence (dates: a caption)

    @property
    def next(self) -> "SentenceContext | None":
        """The sentence after this one (a listing whose parties' policy the next sentence states)."""
        return self._next() if self._next is not None else None

    def spans(self, label: str) -> list[Span]:
        return self.rules.get(label, [])

    def lex(self, label: str) -> list[Span]:
        return self.lexicon.get(label, [])

    def attr(self, span: Span, name: str, default: Any = None) -> Any:
        return self.doc.attrs.get(span.id_, {}).get(name, default)

    def attr_lex(self, span: Span, name: str, default: Any = None) -> Any:
        return self.doc.lex_attrs.get((span.label_, span.kb_id_), {}).get(name, default)

    @cached_property
    def tokens(self) -> list:
        """The sentence's tokens, made once: builders read them many times (a Chinese sentence has one per character)."""
        return list(self.sent)

    @cached_property
    def listed_codes(self) -> list[Span]:
        """The sentence's codes less those it names only to leave out ('not controlled under items 1C226, 1C241',
        '非1C226管控的'): the run of codes right after a 'code_exclusion' span, joined by the words and marks
        its pattern lists as `joiners` ('|' between them); and less digit runs that are values of a unit."""
        codes = self.spans("code")
        if not codes:
            return codes
        t = token_table(self.sent.doc)
        # A digit run with a unit right after it is a value ('greater than 12000000 Hz'), not a customs code.
        codes = [c for c in codes if c.end not in t.unit and not _identifier_tail(c)]
        if codes and self.words == 0 and self.spans("date"):
            # '2024.07.19' alone on its line under a headline: a dateline, not a customs code (an item names its goods).
            dated = {(d.start, d.end) for d in self.spans("date")}
            codes = [c for c in codes if (c.start, c.end) not in dated]
        exclusions = self.spans("code_exclusion")
        if not exclusions or not codes:
            return codes
        left: set[int] = set()
        for ex in exclusions:
            at, joiners = ex.end, set(str(self.attr(ex, "joiners", "")).split("|"))
            for c in sorted(codes, key=lambda s: s.start):
                if c.start < at:
                    continue
                if any(not (t.is_space[i] or t.lower[i] in joiners) for i in range(at, c.start)):
                    break
                left.add(c.start)
                at = c.end
        return [c for c in codes if c.start not in left]

    @cached_property
    def words(self) -> int:
        """How many alphabetic tokens the sentence has, counted on one array of the Doc (no Token objects)."""
        return alpha_count(self.sent.doc, self.sent.start, self.sent.end)

    @cached_property
    def cited_numbers(self) -> list:
        """The notice numbers the sentence cites (normalize.parse_cited_numbers), read once."""
        return parse_cited_numbers(self.raw_text)

    @property
    def raw_text(self) -> str:
        """The sentence's text as Span.text gives it (not stripped), sliced from the Doc's text."""
        return doc_text(self.sent.doc)[self.sent.start_char:self.sent.end_char]

    @cached_property
    def text(self) -> str:
        """The sentence as the notice writes it (the evidence's text); one string for all its provisions, so
        a document pickled to another process carries each sentence once."""
        # A slice of the Doc's text: Span.text builds a Token per token (a Chinese sentence has one per character).
        sent = self.sent
        shown = sent.doc.user_data.get(_SHOWN_KEY) or doc_text(sent.doc)
        return shown[sent.start_char:sent.end_char].strip()

    @cached_property
    def ends_with_colon(self) -> bool:
        # Web copies leave decorations after the colon ('实施出口管制：★'): they do not end the lead-in.
        t, sent = token_table(self.sent.doc), self.sent
        last = next((i for i in range(sent.end - 1, sent.start - 1, -1)
                     if not t.is_space[i] and (t.is_alpha[i] or t.is_digit[i] or t.is_punct[i])), None)
        if last is None:
            return False
        word = t.text[last]
        # '... as follows.' introduces a list as a colon does.
        return word.endswith((":", "：")) or (word == "." and any(s.end in (last, last + 1) for s in self.spans("lead_in")))

    def before(self, reach: int):
        """The sentences before this one, nearest first, at most `reach` of them (for what an anaphor stands for)."""
        prev = self.prev
        for _ in range(reach):
            if prev is None:
                return
            yield prev
            prev = prev.prev

    @cached_property
    def technology(self) -> list[Span]:
        """The technology words of the sentence, less those inside a technical term ('技术参数': 技术 there means
        'technical', it names no technology)."""
        terms = self.lex("technical_term")
        return [t for t in self.lex("technology") if not any(m.start <= t.start and t.end <= m.end for m in terms)]

    @cached_property
    def list_joiners(self) -> set[int]:
        """Positions of the tokens that join a Chinese list ('美国、日本和韩国', '钨、锑、银'): what patterns label
        list_joiner."""
        return {t for s in self.spans("list_joiner") for t in range(s.start, s.end)}

    def leads(self):
        """This sentence's chain of list lead-ins, nearest first."""
        lead = self.lead
        while lead is not None:
            yield lead
            lead = lead.lead

    @property
    def not_in_force(self) -> bool:
        """A sentence about controls that do not bind now: suspended, only contemplated, or another notice's
        clause quoted ('第二款内容为「……」')."""
        return self.suspension or self.conditional or self.has("cited_content") or self.background

    @cached_property
    def compared(self) -> set[int]:
        """Tokens of what the sentence sets its measure beside, as a comparison or as its cause: 'a halt to ore
        exports, similar to a ban introduced by Indonesia that led to a spike in nickel prices', 'suspended licences
        in response to China's restrictions on exports of critical minerals to the U.S.' (to the sentence's end);
        'Similar to Indonesia, Zimbabwe banned ...' (an opening one ends at its comma); '管控措施与稀土同级' (inside
        the words that compare). What stands there is no item and no destination of this measure."""
        texts, lowers = token_texts(self.sent.doc)
        found: set[int] = set()
        for c in self.spans("comparison"):
            if self.attr(c, "closed"):
                found.update(range(c.start, c.end))
                continue
            end = self.sent.end
            if c.start - self.sent.start <= 1:
                # ('Officials cited the example of Indonesia, which banned ...': a relative clause goes on with it.)
                end = next((i for i in range(c.end, self.sent.end) if texts[i] in (",", "，")
                            and (i + 1 >= self.sent.end or lowers[i + 1] not in _RELATIVES)), self.sent.end)
            found.update(range(c.start, end))
        return found

    @cached_property
    def imported(self) -> set[int]:
        """Tokens of the goods the sentence names as imported ('a ban on imports of Russian uranium', '禁止进口俄罗斯铀
        产品'), to the end of the clause or the next export word: an import measure sets no export scope."""
        flows = self.spans("import_flow")
        if not flows:
            return set()
        exports = {v.start for v in self.spans("export_verb")}
        return {i for flow in flows for i in range(flow.start, clause_end(self, flow.end, _CLAUSE_MARKS, exports))}

    @cached_property
    def conditional(self) -> bool:
        """A sentence that only weighs or expects a measure ('Beijing could impose ...'). A decision reported in the
        past ('Russia declared on Friday that it would impose restrictions ...') states the measure."""
        decided = {s.end - 1 for s in self.spans("reported_decision")}
        # 'Gabon will stop exporting raw manganese ..., as part of a sweeping national plan to industrialize': the plan
        # a measure is part of does not make the measure a plan.
        parts = [s.end for s in self.spans("part_of_plan")]
        # 'The proposed amendment ... was officially promulgated on 5 September': a draft the sentence says was enacted.
        enacted = bool(self.spans("enacted"))
        return any(not (self.attr(c, "decided_if_reported") and c.start in decided)
                   and not (self.attr(c, "noun_plan") and any(0 <= c.start - e <= _PLAN_REACH for e in parts))
                   and not (enacted and self.attr(c, "unless_enacted"))
                   for c in self.spans("conditional"))

    @cached_property
    def question(self) -> bool:
        """A sentence that asks ('请问中方有何考虑？', 'Will the rule apply to cobalt?'): it states nothing."""
        return self.text.rstrip(_QUOTE_CLOSERS).endswith(("?", "？"))

    @cached_property
    def pointer(self) -> bool:
        """A line that only points elsewhere ('详情查看：商务部公告2025年第18号 ……', 'Read the interim rule here.'):
        it opens on a 'pointer' span and states nothing itself."""
        pointers = self.spans("pointer")
        if not pointers:
            return False
        t = token_table(self.sent.doc)
        first = next((i for i in range(self.sent.start, self.sent.end) if not t.is_space[i]), self.sent.start)
        return any(p.start == first for p in pointers)

    @cached_property
    def suspension(self) -> bool:
        """A sentence about a suspension: it says so, or it opens on 'The decision', 'These changes' or the like
        right after one that does ('... announced the suspension of the controls. The decision, which took effect
        immediately, will last until ...': the decision's days are the suspension's), or it is an entry of a list
        whose lead-in does."""
        if self.has("suspension_denied"):
            return False  # 'The following controls are not suspended:', '上述措施不暂停实施'
        if self.has("suspension"):
            return True
        if self.is_item and self.lead is not None and self.lead.suspension:
            return True  # 'the following controls are now on hold: • the 0.1% de minimis rule ...'
        prev = self.prev
        return prev is not None and self.has("anaphor_subject") and prev.suspension

    @cached_property
    def historical(self) -> bool:
        """A sentence that opens in a year well before the document's own ('In 2010, ... halted exports to Japan',
        '2023年，……'): a report's background, not what its notice controls."""
        now = self.doc.reference_year
        if now is None:
            return False
        for span in self.spans("past_year"):
            year = next((int(t.text) for t in span if _YEAR.fullmatch(t.text)), None)
            if year is None and self.attr(span, "decade"):
                # '自90年代以来': a decade of the last century (a notice is never dated in the 2090s)
                year = next((1900 + int(t.text) for t in span if t.text.isdigit()), None)
            if year is not None and year < now - 1:
                return True
        return False

    @property
    def background(self) -> bool:
        """A report's background: a sentence set in an earlier year (historical), about another country's measure
        (foreign) or whose subject is a rule no longer in force ('The previous AI diffusion rules, released on
        January 15, 2025, introduced a three-tiered structure ...')."""
        return self.historical or self.foreign or any(f.start == self.sent.start for f in self.spans("former_rule"))

    @cached_property
    def agents(self) -> set[str]:
        """The countries the sentence names as acting: before a verb of control ('Last November, the United States
        ordered TSMC to halt ...', "Taiwan's commerce ministry has added"), after 'by' ('sanctioned by the United
        States') or before a measure ('complying with U.S. restrictions')."""
        countries = self.lex("country")
        if not countries:
            return set()
        verbs = self.spans("actor_verb")
        bys = {b.end for b in self.spans("agent_by")}
        measures = {m.start for m in self.spans("actor_measure")}
        if not (verbs or bys or measures):
            return set()
        texts, lowers = token_texts(self.sent.doc)
        found: set[str] = set()
        for c in countries:
            if c.start in bys or c.end in measures:
                found.add(c.kb_id_)
                continue
            before = c.start - 1 if c.start > self.sent.start and lowers[c.start - 1] != "the" else c.start - 2
            if before >= self.sent.start and lowers[before] in _NOT_AGENT_BEFORE:
                continue  # 'exports to the United States ... imposed': the country is not who acts
            if any(0 <= v.start - c.end <= _AGENT_REACH and lowers[v.start - 1] not in _PASSIVE_AUX
                   and not any(texts[i] in _CLAUSE_MARKS for i in range(c.end, v.start)) for v in verbs):
                found.add(c.kb_id_)
        return found

    @cached_property
    def foreign(self) -> bool:
        """Whether the sentence reports another country's measure than the document's (DocContext.actor): 'Huawei and
        SMIC have both been sanctioned by the United States' in a report of Taiwan's list. A sentence that names the
        document's country acting too is its own."""
        actor = self.doc.actor
        return actor is not None and bool(self.agents) and actor not in self.agents

    def has(self, label: str, inherit: bool = False) -> bool:
        """Whether a span of this label is in the sentence (or, if inherit, in a lead-in)."""
        if self.spans(label):
            return True
        return inherit and any(lead.spans(label) for lead in self.leads())

    @cached_property
    def market_words(self) -> set[int]:
        """Tokens of phrases where 'control' means a market's or an office's, not a regulation's ('China controls
        more than 90% of the supply', 'almost exclusively controlled by China', '负责两用物项出口管制工作')."""
        return {i for m in self.spans("market_control") + self.spans("control_admin") for i in range(m.start, m.end)}

    def controls(self, inherit: bool = False) -> bool:
        """Whether control language (not a market's control) is in the sentence, or, if inherit, in a lead-in."""
        if any(t.start not in self.market_words for t in self.spans("scope_trigger")):
            return True
        return inherit and any(lead.controls() for lead in self.leads())

    def first_of(self, label: str, inherit: bool = False) -> Span | None:
        found = self.spans(label)
        if found:
            return found[0]
        if inherit:
            for lead in self.leads():
                if lead.spans(label):
                    return lead.spans(label)[0]
        return None

    def code(self, span: Span) -> str | None:
        """The code a 'code' span carries: its last token, or its last `join` tokens run together ('3A 001')."""
        join = int(self.attr(span, "join", 1))
        if join == 1:
            return normalize_code(span[-1].text)
        return code_or_none("".join(t.text for t in span[-join:]))

    def _as_written(self, fields: dict[str, Any]) -> dict[str, Any]:
        """Free text in the notice's own script: a value read in simplified characters for a traditional
        text ('纯度') is given as the sentence writes it ('純度'); the two are the same length, offset for offset."""
        shown = self.sent.doc.user_data.get(_SHOWN_KEY)
        if shown is None:
            return dict(fields)
        a, b = self.sent.start_char, self.sent.end_char
        read, written = doc_text(self.sent.doc)[a:b], shown[a:b]
        out = {}
        for name, value in fields.items():
            if isinstance(value, str) and value and (at := read.find(value)) >= 0:
                value = written[at:at + len(value)]
            out[name] = value
        return out

    def make(self, kind: str, start: int, end: int, pattern: str, **fields: Any):
        """Build a provision of `kind` whose evidence runs from char start to end."""
        if self.doc.char_map is not None and end > start:
            start, end = self.doc.char_map[start], self.doc.char_map[end - 1] + 1
        span = (start + self.doc.offset, end + self.doc.offset)
        content = self._as_written(fields)
        pid = provision_id(self.doc.doc_id, kind, content, span)
        # The pattern id interned: one string per pattern, however many provisions it made (see text).
        return _MODELS[kind](id=pid, text=self.text, span=span, page=self.doc.page_of(span[0]), pattern=sys.intern(pattern),
                             **content)


_LABEL_OPENERS = " \t【[〔"


def labelled_date(ctx: SentenceContext, span, dated: bool = True) -> bool:
    """A date under a label that opens its line ('date 2026-01-06', '发布日期：2025-10-09', '【发文日期】20251009');
    with dated=False, not 'Dated:' (a signature's date line: the day a rule was signed, not published)."""
    text = doc_text(span.doc)
    return any(lab.end == span.start and not text[ctx.sent.start_char:lab.start_char].strip(_LABEL_OPENERS)
               and (dated or not lab.text.lower().startswith("dated")) for lab in ctx.spans("date_label"))


def clause_end(ctx: "SentenceContext", start: int, marks: set[str], stops: set[int] = frozenset()) -> int:
    """The first token from `start` on that is one of `marks` or at one of `stops`; the sentence's end if none."""
    texts = token_texts(ctx.sent.doc)[0]
    return next((i for i in range(start, ctx.sent.end) if texts[i] in marks or i in stops), ctx.sent.end)


def regarding_date(ctx: "SentenceContext", span) -> bool:
    """'对于2025年4月4日被列入管控名单的16家实体': a Chinese date right after 对/对于 describes what the sentence acts
    on; it is no event of the notice, nor the start of what the sentence does."""
    return ctx.doc.zh and doc_text(span.doc)[max(ctx.sent.start_char, span.start_char - 2):span.start_char].endswith(("对", "对于"))


_PHRASE_REACH = 6  # words from 'critical to' to the end use its noun phrase ends on
_PHRASE_BREAKS = {",", ";", ".", ":", "(", ")", "，", "；", "。", "to", "for", "of", "in", "by", "with", "from"}
_ACTS = ("policy", "scope_trigger", "licensing", "licensing_verb")


def significant_for_phrase(ctx: SentenceContext, span: Span) -> bool:
    """'resources critical to global clean-energy and defense industries', 'a sector critical to energy and national
    security interests': an end use or a reason that ends the noun phrase 'critical to' opens says what something
    matters for, however many words qualify it, unless control language stands between."""
    lowers = token_texts(span.doc)[1]
    for s in ctx.spans("significant_for"):
        if s.end <= span.start <= s.end + _PHRASE_REACH and _PHRASE_BREAKS.isdisjoint(lowers[s.end:span.start]) \
                and not any(s.end <= a.start < span.start for label in _ACTS for a in ctx.spans(label)):
            return True
    return False
