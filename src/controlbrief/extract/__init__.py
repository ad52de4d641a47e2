"""Extraction: a processed spaCy Doc -> Document with provisions of every kind.

This module cuts the Doc into sentence contexts (with their list lead-ins),
runs one builder per kind and fills document metadata. It reads no files.
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_left
from itertools import chain

import numpy
from spacy.attrs import ORTH
from spacy.tokens import Doc, Span

from controlbrief.extract import (
    dates, destination, end_use, exemption, licensing, product_scope, rationale, relation, threshold,
)
from controlbrief.extract.context import (
    DocContext, SentenceContext, char_map, doc_text, is_prose, reference_year, token_table, token_texts,
)
from controlbrief.extract.description import group_start
from controlbrief.models import Document, Provision, ReadText
from controlbrief.nlp import BULLETS, LEXICON_KEY, RULES_KEY, longest_first, sentence_spans, spans_of
from controlbrief.normalize import leading_date
from controlbrief.patterns import PatternSet
from controlbrief.rounds import round_from_path
from controlbrief.titles import number_of, title_from_lines

# Each builder with the labels of the spans its provisions' evidence comes from (rule spans, lexicon spans):
# a sentence holding none of them gives that builder nothing to build on, so it is not called there.
BUILDERS = (
    (threshold.build, ("threshold", "measured", "share"), ()),
    (product_scope.build, ("code",), ("goods", "element", "element_anion")),
    (rationale.build, ("rationale",), ()),
    (end_use.build, ("end_use", "end_use_anaphor"), ()),
    (licensing.build, ("licensing", "licensing_verb"), ()),
    (exemption.build, ("exemption",), ()),
    (destination.build, (), ("country",)),
    (relation.build, ("relation_cue",), ()),
)
DATES = (dates.build, ("date", "date_relative", "date_offset", "weekday"), ())


def _build(ctx: SentenceContext, builders) -> list[Provision]:
    """The provisions of one sentence from the builders whose evidence it holds (none from a question, nor from a
    line that only points to another page)."""
    if ctx.question or ctx.pointer:
        return []
    return [p for build, rules, lexicon in builders
            if any(label in ctx.rules for label in rules) or any(label in ctx.lexicon for label in lexicon)
            for p in build(ctx)]


# Whether explain_document keeps the dates it built while looking for the document's own date (off only in the
# test that checks keeping them changes nothing).
REUSE_DATES = True

_ARTICLE_MARKER = "context.list_marker_article"


def _by_sentence(spans: list[Span], sents: list[Span]) -> list[dict[str, list[Span]]]:
    starts = [s.start for s in sents]
    grouped: list[dict[str, list[Span]]] = [{} for _ in sents]
    for sp in spans:
        i = bisect_left(starts, sp.start + 1) - 1
        if i >= 0 and sp.end <= sents[i].end:
            grouped[i].setdefault(sp.label_, []).append(sp)
    return grouped


def _is_item(sent: Span, pipes: list[int], rules: dict[str, list[Span]], open_list: bool, marked: bool = False) -> bool:
    markers = [m for m in rules.get("list_marker", []) if m.start == sent.start]
    if any(m.id_ == _ARTICLE_MARKER for m in markers):
        # 'Article 2 Licensing policy' is structure: it closes the list before it.
        return False
    if markers:
        return True
    t = token_table(sent.doc)
    last = _last_word(t, doc_text(sent.doc), sent.start, sent.end)
    if last is None:
        return False
    if last in {";", "；"} or bisect_left(pipes, sent.start) < bisect_left(pipes, sent.end):
        return True  # a table row ('|' between cells)
    # Inside an open list, a line without a full stop is an unmarked item ('Samarium-related items'), unless the
    # list's items carry markers: then such a line is a caption or a heading between them, not an item.
    return open_list and not marked and last not in {".", "。"}


def _last_word(t, text: str, start: int, end: int) -> str | None:
    """The last token of a sentence, before a bracketed group that closes it ('...礦場。（Reuters）' ends in 。)."""
    i = end - 1
    while i >= start and t.is_space[i]:
        i -= 1
    if i >= start and t.text[i] in {")", "）", "]"}:
        j = group_start(t, text, start, i + 1)
        if j is not None:
            k = j - 1
            while k >= start and t.is_space[k]:
                k -= 1
            if k >= start:
                i = k
    return t.text[i] if i >= start else None


_STYLES = (("roman", re.compile(r"^[IVXLC]{1,6}[.)、]?$")), ("arabic", re.compile(r"^[0-9]{1,3}[.)、]?$")),
           ("letter", re.compile(r"^[a-z][.)]?$")), ("capital", re.compile(r"^[A-Z][.)]$")),
           ("paren", re.compile(r"^[(（].{1,4}[)）]$")))


def _marker_style(sent: Span, rules: dict[str, list[Span]]) -> str | None:
    """The numbering style of a list item's marker ('roman' for 'IV.', 'arabic' for '3.'), if it has one."""
    marker = next((m for m in rules.get("list_marker", []) if m.start == sent.start), None)
    if marker is None:
        return None
    text = "".join(marker.text.split()).lstrip(BULLETS)
    if not text:
        # A bullet before a number or a letter ('- 1. A ...', '- a.Integrated ...') is numbered as the number is.
        t = token_table(sent.doc)
        words = [t.text[i] for i in range(marker.end, min(sent.end, marker.end + 4)) if not t.is_space[i]][:2]
        m = _AFTER_BULLET.match("".join(words))
        text = m[0] if m else ""
    return next((name for name, rx in _STYLES if rx.match(text)), "other")


_AFTER_BULLET = re.compile(r"^(?:[IVXLC]{1,6}[.)]|[0-9]{1,3}[.)]|[a-z][.)]|[A-Z][.)]|[(（].{1,4}[)）])")


_NAME_LABELS = ("issuer", "authority")
_IN_NAMES = ("scope_trigger", "export_verb")
_IN_EXEMPTIONS = ("scope_trigger", "export_verb", "policy")


def _drop(spans: dict[str, list[Span]], label: str, dropped) -> None:
    """Take the spans of `label` for which `dropped` holds out of one sentence's group (and the label if none is left)."""
    if label in spans:
        spans[label] = [s for s in spans[label] if not dropped(s)]
        if not spans[label]:
            del spans[label]


_IMPORT_REACH = 2  # words between a control word and the imports it governs ('a ban on imports of', '禁止进口')


def _drop_import_controls(rules: dict[str, list[Span]]) -> None:
    """'a ban on imports of Russian uranium', '禁止进口俄罗斯铀产品': a ban or a policy on imports is no export control."""
    flows = [f.start for f in rules.get("import_flow", ())]
    if flows:
        for label in ("policy", "scope_trigger"):
            _drop(rules, label, lambda s: any(0 <= f - s.end <= _IMPORT_REACH for f in flows))


def _drop_words_stating_no_control(rules: dict[str, list[Span]], lexicon: dict[str, list[Span]], attrs: dict) -> None:
    """'the Export Control Joint Unit has updated the Open General Export Licence', 'exports to Canada do not require
    a licence': control words inside a body's name, a general licence's name or a carve-out state no control.
    Nor does 'suspend' in 'a four-month suspension of cobalt exports' suspend a control: halting exports is a ban.
    And 'the measures are not a complete ban on exports to China' bans nothing."""
    names = [n for label in _NAME_LABELS for n in lexicon.get(label, ())]
    exemptions = rules.get("exemption", [])
    halts = [t for t in rules.get("scope_trigger", ()) if attrs.get(t.id_, {}).get("halts_exports")]
    for holders, labels in ((names, _IN_NAMES), (exemptions, _IN_EXEMPTIONS), (halts, ("suspension",)),
                            (rules.get("policy_denied", []), ("policy", "scope_trigger"))):
        if holders:
            for label in labels:
                _drop(rules, label, lambda s, hs=holders: any(n.start <= s.start and s.end <= n.end for n in hs))
    if rules.get("non_export_licence"):
        # 'The licence was withdrawn because the firm was mining ... with only a prospecting licence': a bare licence
        # beside a mining or prospecting one is that kind too, no export licence.
        _drop(rules, "scope_trigger", lambda s: attrs.get(s.id_, {}).get("bare_licence") and not _export_word_before(s))


_EXPORT_WORDS = {"export", "exports", "exporting"}


def _export_word_before(span: Span) -> bool:
    return span.start > 0 and token_texts(span.doc)[1][span.start - 1] in _EXPORT_WORDS


_NAMED_LABELS = ("goods", "element")


def _drop_goods_in_names(rules: dict[str, list[Span]], lexicon: dict[str, list[Span]], doc: Doc) -> None:
    """'2. 三菱重工航空发动机株式会社', 'Acme Aero Engines, Ltd.': goods a company's name ends on are part of that name,
    not goods a control names."""
    ends = {s.start for s in rules["org_suffix"]}
    ends |= {s.start - 1 for s in rules["org_suffix"] if s.start > 0 and doc[s.start - 1].text == ","}
    for label in _NAMED_LABELS:
        _drop(lexicon, label, lambda g: g.end in ends)


def _drop_goods_in_proper_names(sent: Span, lexicon: dict[str, list[Span]], texts: list[str], text: str) -> None:
    """'Zhejiang Huayou Cobalt', 'Chengxin Lithium Group', 'the Cobalt Institute': in prose, a capitalized goods word
    beside a capitalized word that names nothing itself is part of a company's or a body's name."""
    named = [g for label in _NAMED_LABELS for g in lexicon.get(label, ()) if g.start > sent.start and texts[g.start][:1].isupper()]
    if not named:
        return
    if not is_prose(text[sent.start_char:sent.end_char]):
        return  # a headline or a title capitalizes every word
    covered = {i for spans in lexicon.values() for sp in spans for i in range(sp.start, sp.end)}

    def name_word(i: int) -> bool:
        w = texts[i] if sent.start < i < sent.end else ""
        return w[:1].isupper() and w[1:].islower() and w.isalpha() and i not in covered

    in_names = {(g.start, g.end) for g in named if name_word(g.start - 1) or name_word(g.end)}
    if in_names:
        for label in _NAMED_LABELS:
            _drop(lexicon, label, lambda g: (g.start, g.end) in in_names)


def sentence_contexts(doc: Doc, dctx: DocContext) -> list[SentenceContext]:
    """One context per sentence, list items linked to the lead-in they continue.

    Marker styles give the nesting: after 'III. ... characteristics:' and its
    '1.', '2.', '3.', the next 'IV.' is III's sibling (same lead-in as III), and
    IV's own '1.' items continue IV, not III.
    """
    text = doc_text(doc)
    sents = [s for s in sentence_spans(doc) if text[s.start_char:s.end_char].strip()]
    rules = _by_sentence(longest_first(spans_of(doc, RULES_KEY)), sents)
    lexicon = _by_sentence(spans_of(doc, LEXICON_KEY), sents)
    texts = token_texts(doc)[0]
    for sent, r, lx in zip(sents, rules, lexicon):
        _drop_words_stating_no_control(r, lx, dctx.attrs)
        if "import_flow" in r:
            _drop_import_controls(r)
        if "org_suffix" in r:
            _drop_goods_in_names(r, lx, doc)
        if not dctx.zh:
            _drop_goods_in_proper_names(sent, lx, texts, text)
    # Token indices of '|', read from one array: no Token object per token (a Chinese Doc has one per character).
    bar = doc.vocab.strings["|"]
    pipes = numpy.flatnonzero(doc.to_array([ORTH]) == bar).tolist() if bar in doc.vocab.strings else []
    out: list[SentenceContext] = []
    top: SentenceContext | None = None
    section: SentenceContext | None = None  # the last code heading ('ECCN 3A090'): the root of what follows it
    item_lead: SentenceContext | None = None
    levels: list[tuple[str, SentenceContext | None]] = []  # (marker style, lead-in of items in that style)
    for sent, r, lx in zip(sents, rules, lexicon):
        # Unmarked lines count as items under an item that opens a sub-list ('(1) Samarium-related items:'), not
        # among siblings that carry markers.
        is_item = _is_item(sent, pipes, r, top is not None or item_lead is not None, bool(levels) and item_lead is None)
        ctx = SentenceContext(sent=sent, rules=r, lexicon=lx, doc=dctx, is_item=is_item, prev=out[-1] if out else None)
        if out:
            out[-1]._next = weakref.ref(ctx)
        if is_item:
            style = _marker_style(sent, r)
            if style is not None and any(st == style for st, _ in levels):
                while levels[-1][0] != style:
                    levels.pop()
                ctx.lead = levels[-1][1]
            else:
                ctx.lead = (top if ctx.ends_with_colon else item_lead or top)
                if style is not None:
                    levels.append((style, ctx.lead))
            if ctx.ends_with_colon:
                item_lead = ctx
            elif style is not None and item_lead is not None and ctx.lead is not item_lead and ctx.lead is not None \
                    and item_lead.lead is ctx.lead:
                item_lead = None  # a sibling without a colon closes the previous sibling's sub-list
        elif any(n.start == sent.start for n in r.get("note", [])):
            ctx.lead = item_lead or top  # 'Note: item b does not cover ...' glosses the list; it does not close it
        else:
            if "code" in r and _code_heading(ctx):
                ctx.code_heading = True
                section = ctx
            elif section is not None:
                ctx.lead = section  # 'Integrated circuits as follows.' under 'ECCN 3A090'
            top = ctx if ctx.ends_with_colon or ctx.code_heading else section
            item_lead = None
            levels = []
        out.append(ctx)
    return out


_HEADING_WORDS = 1  # words beside the code on a code heading ('ECCN 3A090', 'Category 3A001')
_HEADING_TOKENS = 8  # a heading is a short line


def _code_heading(ctx: SentenceContext) -> bool:
    """Whether a line is only a control number, with at most a word naming it ('ECCN 3A090')."""
    if ctx.sent.end - ctx.sent.start > _HEADING_TOKENS:
        return False
    codes = [c for c in ctx.spans("code") if ctx.attr(c, "scheme") == "control_number"]
    if not codes:
        return False
    sent, t = ctx.sent, token_table(ctx.sent.doc)
    inside = {i for c in codes for i in range(c.start, c.end)}
    rest = [i for i in range(sent.start, sent.end) if i not in inside and not t.is_space[i] and not t.is_punct[i]]
    return len(rest) <= _HEADING_WORDS and all(t.is_alpha[i] for i in rest)


def _year(iso: str | None) -> int | None:
    return int(iso[:4]) if iso else None


def _iso(value: str | None) -> str | None:
    return leading_date(value) if value else None


_ISSUER_LINE_WORDS = 16


def _issuer(contexts: list[SentenceContext], dctx: DocContext) -> str | None:
    """The issuer named at the top or the bottom of a notice (not in its body).

    Bodies named in passing ('with the approval of the State Council') are weak:
    they are the issuer only when no other issuer is named there.
    """
    # Header and signature lines are short and end without a full stop; a body sentence that
    # mentions a ministry ('On 7 November MOFCOM published ...') names no issuer.
    edges = [ctx for ctx in contexts[:8] + contexts[-6:]
             if ctx.words <= _ISSUER_LINE_WORDS and not ctx.text.endswith((".", "。"))]
    named = [s for ctx in edges for s in ctx.lex("issuer")]
    strong = [s for s in named if not dctx.lex_attrs.get(("issuer", s.kb_id_), {}).get("weak")]
    chosen = strong or named
    return chosen[0].kb_id_ if chosen else None


def _canonical_issuer(given: str, pset: PatternSet) -> str:
    """'Department of Commerce, Bureau of Industry and Security' -> the lexicon's one name; joint issuers kept apart."""
    forms = sorted(((f.lower(), e.id) for e in pset.lexicons["issuers"].entries for f in e.forms), key=lambda x: -len(x[0]))
    exact = [(f, e.id) for e in pset.lexicons["issuers"].entries for f in e.exact]
    names: list[str] = []
    for part in re.split(r"\s*;\s*", given.strip()):
        low = part.lower()
        found = next((name for form, name in forms if form in low), None)
        found = found or next((name for form, name in exact if re.search(rf"\b{re.escape(form)}\b", part)), None)
        names.append(found or part)
    return "; ".join(dict.fromkeys(n for n in names if n))


def explain_document(doc: Doc, read: ReadText, doc_id: str, source: str, pset: PatternSet) -> tuple[Document, list[tuple[SentenceContext, list[Provision]]]]:
    """Build the Document and, for each sentence, the provisions it gave (for `explain`)."""
    dctx = DocContext.create(doc_id, read.page_starts, pset, zh=doc.lang_ == "zh")
    dctx.anchors = product_scope.document_anchors(doc, LEXICON_KEY, RULES_KEY)
    dctx.char_map = char_map(doc)
    dctx.reference_year = reference_year(read.text)
    contexts = sentence_contexts(doc, dctx)
    title = read.meta.get("title") or title_from_lines(read.text)
    dctx.number = number_of(title, read.text, read.meta.get("issuer"))  # before the issuer is known: dates need it
    dctx.actor = _actor(contexts, title)
    per_sentence: list[list[Provision]] = [_build(ctx, BUILDERS) for ctx in contexts]
    published = _iso(read.meta.get("date"))
    # The dates of a sentence built while looking for the document's own date, with what they asked of it: the
    # same dates again once it is known, unless what they asked for has changed (a document whose own date is
    # found late or never had every sentence's dates built twice: a fifth of the builders' time).
    # (All three dates are None while it is looked for.)
    looked: dict[int, tuple[list[Provision], set[str]]] = {}

    def dates_of(i: int) -> list[Provision]:
        dctx.asked = set()
        found = _build(contexts[i], (DATES,))
        looked[i], dctx.asked = (found, dctx.asked), None
        return found

    if published is None:
        # Without metadata, the notice's own publication date, else a date in its header, else none (spec:
        # published is the notice's own issuing date, never an effective date or a date it cites).
        # A date without a year ('10月9日') does not date the notice: its year would be a guess.
        # A date field ('【发文日期】20251009') dates the notice before a page's own time of posting or reprint.
        labelled = (i for i, ctx in enumerate(contexts) if "date_label" in ctx.rules)
        stated = next((p for i in chain(labelled, range(len(contexts))) for p in dates_of(i) if p.event == "published"), None)
        published = stated.date if stated else dates.first_date(contexts, top=True)
    dctx.published = published
    # Dates without a year take the notice's, else the year of its first full date.
    dctx.year = _year(published) or _year(dates.first_date(contexts))
    if any("date_offset" in ctx.rules for ctx in contexts):  # worked out only for a document that counts days
        dctx.publication_base = publication_base(contexts, dctx)
    for i, (ctx, found) in enumerate(zip(contexts, per_sentence)):
        kept = looked.get(i) if REUSE_DATES else None
        if kept is not None and all(getattr(dctx, name) is None for name in kept[1]):
            found.extend(kept[0])
        else:
            found.extend(_build(ctx, (DATES,)))
        relation.date_from(found)
    if published is None:
        # A report dated only by a day without a year ('BEIJING, Feb. 4 (Xinhua) --') whose year the document gives
        # elsewhere ('4th February 2025, 20:45' at its foot): the day its dateline now reads is its date, and the
        # days it names by weekday or as 'today' count from it ('The policy comes into effect on Tuesday').
        published = next((p.date for found in per_sentence for p in found
                          if p.kind == "effective_date" and p.event == "published"), None)
        if published is not None:
            dctx.published = published
            for i, ctx in enumerate(contexts):
                if "weekday" in ctx.rules or "date_relative" in ctx.rules:
                    per_sentence[i] = [p for p in per_sentence[i] if p.kind != "effective_date"] + _build(ctx, (DATES,))
                    relation.date_from(per_sentence[i])
    relation.dates_after(per_sentence, read.text)
    issuer = _canonical_issuer(read.meta["issuer"], pset) if read.meta.get("issuer") else _issuer(contexts, dctx)
    document = Document(
        id=doc_id, source=source, title=title, issuer=issuer, number=number_of(title, read.text, issuer),
        # The language is the pipeline's: Extractor chose it from the text.
        published=published, language="zh" if dctx.zh else "en", provisions=[p for found in per_sentence for p in found],
        round=read.meta.get("round") or round_from_path(source), encoding=read.encoding, format=read.format, origin=read.meta.get("origin"),
    )
    return document, list(zip(contexts, per_sentence))


_ACTOR_SENTENCES = 4  # sentences from the top in which a document's title or lead names who acts


def _actor(contexts: list[SentenceContext], title: str | None) -> str | None:
    """The one country a document's title, else its first sentence of prose, names as acting ('Taiwan adds China's
    Huawei and SMIC to export control list'); None where it names none or several (a survey, 'US and China trade
    curbs')."""
    if not contexts or contexts[0].doc.zh:
        return None
    head = contexts[:_ACTOR_SENTENCES]
    named = [c for c in head if title and c.text.strip() and title.startswith(c.text.strip()[:40])]
    lead = next((c for c in head if c.words >= _LEAD_WORDS and c not in named), None)
    for ctx in named + ([lead] if lead is not None else []):
        if len(ctx.agents) == 1:
            return next(iter(ctx.agents))
        if ctx.agents:
            return None
    return None


_LEAD_WORDS = 8  # words of a sentence of prose (not a dateline, not a caption line)


def publication_base(contexts: list[SentenceContext], dctx: DocContext) -> str | None:
    """The day 'N days after (its) publication' counts from: a publication day stated beside the journal that
    published it or by the notice of itself ('published in the Official Journal on 11 June 2021', '本办法于……发布'),
    else the notice's own day when the document is the notice (it carries its own number). A report's own date
    is no base: a law firm's note of 20 January says nothing of when the rule it reports appeared."""
    for ctx in contexts:
        if ctx.spans("publication_base"):
            day = next((p.date for p in _build(ctx, (DATES,)) if p.event == "published"), None)
            if day:
                return day
    return dctx.published if dctx.number else None


def extract_passage(doc: Doc, read: ReadText, doc_id: str, pset: PatternSet, offset: int, published: str | None) -> list[Provision]:
    """Provisions of a passage in another language than its document's (spans shifted by `offset`)."""
    dctx = DocContext.create(doc_id, read.page_starts, pset, zh=doc.lang_ == "zh")
    dctx.anchors = product_scope.document_anchors(doc, LEXICON_KEY, RULES_KEY)
    dctx.offset, dctx.published, dctx.char_map = offset, published, char_map(doc)
    dctx.reference_year = reference_year(read.text)
    dctx.year = _year(published)
    per_sentence: list[list[Provision]] = []
    for ctx in sentence_contexts(doc, dctx):
        per_sentence.append(found := _build(ctx, (*BUILDERS, DATES)))
        relation.date_from(found)
    relation.dates_after(per_sentence, read.text)
    return [p for found in per_sentence for p in found]


def extract_document(doc: Doc, read: ReadText, doc_id: str, source: str, pset: PatternSet) -> Document:
    """Build the Document and its provisions from a processed Doc."""
    return explain_document(doc, read, doc_id, source, pset)[0]
