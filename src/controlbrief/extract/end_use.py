"""End-use restriction builder: an end use (who or what for) with the policy governing it.

Suspended or carved-out end uses, and end uses that no policy or control
language governs (a topic, not a restriction), are not reported.
"""

from __future__ import annotations

from spacy.tokens import Span

from controlbrief.extract.context import SentenceContext, significant_for_phrase, token_texts
from controlbrief.extract.policy import clause_of, distance, policy_for
from controlbrief.models import EndUseRestriction
from controlbrief.nlp_zh import has_cjk
from controlbrief.normalize import clean_phrase

_PARTY_WORDS = {
    "user", "users", "end-user", "end-users", "entities", "entity", "importers", "exporters", "companies",
    "forces", "customers", "buyers", "parties", "persons", "industry", "sector", "units",
}


_ORIGIN_AFTER = {"origin", "made", "produced", "manufactured"}  # 'China-origin', 'Japan made'


def _is_origin(lowers: list[str], start: int, end: int, sent_start: int, sent_end: int) -> bool:
    """'from China', 'made in Japan', 'originating in Japan', 'China-origin': where goods come from; and 'restricted
    by the United States': who acts, not whose use it is."""
    before = lowers[max(sent_start, start - 2):start]
    if before[-1:] in (["from"], ["by"]) or before == ["by", "the"]:
        return True
    if len(before) == 2 and before[1] == "in" and before[0] in {"made", "originating", "produced"}:
        return True
    after = lowers[end:min(sent_end, end + 2)]
    return bool(after) and (after[0] in _ORIGIN_AFTER or (after[0] == "-" and after[1:2] == ["origin"]))


# After a country, words that make it the one who controls ('certain U.S. sanctions programs', 'U.S. export
# controls'), not whose use is restricted.
_ACTOR_NOUNS = {"sanctions", "sanction", "export", "government", "governments", "law", "laws", "regulations", "regulators",
                "authorities", "officials", "administration", "lawmakers", "congress", "policy", "policies"}


# After a country no preposition governs, words that make it the subject that acts ('China will ban ...').
_ACTOR_VERBS = {"will", "would", "shall", "has", "have", "had", "plans", "planned", "announced", "said", "says",
                "decided", "imposed", "imposes", "banned", "bans", "restricted", "restricts", "added", "adds"}
_GOVERNING = {"to", "for", "in", "into", "on", "onto", "from", "by", "against", "toward", "towards", "with", "at", "of"}


def _acts_or_excluded(lowers: list[str], start: int, end: int, sent_start: int, sent_end: int) -> bool:
    """'U.S. sanctions programs', 'U.S. export controls', 'China will ban ...': the country acts; 'foreign
    (non-U.S.) entity': it is the one excluded ('exports to China will require ...' still go there)."""
    after = lowers[end] if end < sent_end else ""
    before = lowers[max(sent_start, start - 2):start]
    if after in _ACTOR_VERBS and not (before and (before[-1] in _GOVERNING or before[-2:] in (["to", "the"], ["in", "the"]))):
        return True
    return after in _ACTOR_NOUNS or "non" in before or lowers[start].startswith("non-")


def _party(ctx: SentenceContext, span: Span) -> str | None:
    # 'receiving the materials from China', 'Chinese-origin items': where goods come from is not whose use it is;
    # 'U.S. persons may not support ...', 'U.S. exporters': nor is a country naming who must comply.
    texts, lowers = token_texts(span.doc)
    if ctx.attr(span, "names_party"):
        # 'Adds 140 Entities to the Entity List': the list is the party, not a country; 'Taiwan blacklists Huawei':
        # a verb names no list (a capitalised name right after it is its object).
        if len(span) == 1 and span.end < len(texts) and texts[span.end][:1].isupper() and span.text[:1].islower():
            return None
        return _listed_names(ctx, span) or _names_before(ctx) or clean_phrase(span.text)
    applicants = ctx.lex("applicant")
    sent = ctx.sent
    # A country right before its own authority ('中國商務部', "China's commerce ministry") is who acts.
    acting = {a.start for a in ctx.lex("authority") + ctx.lex("issuer")}
    countries = [c for c in ctx.lex("country") if not _is_origin(lowers, c.start, c.end, sent.start, sent.end)
                 and not any(a.start <= c.start and c.end <= a.end or c.end == a.start for a in applicants)
                 and not (c.end in acting or (lowers[c.end:c.end + 1] in (["'s"], ["’s"]) and c.end + 1 in acting))
                 and not _acts_or_excluded(lowers, c.start, c.end, sent.start, sent.end)
                 and "".join(texts[c.end:c.end + 2]) not in _ZH_PLACE_AFTER]
    if countries:
        return clean_phrase(min(countries, key=lambda c: distance(span, c)).text)
    if any(t.lower_ in _PARTY_WORDS for t in span):
        return clean_phrase(span.text)
    return None


_LIST_PREPOSITIONS = {"to", "on", "onto", "in", "into"}
_AUXILIARIES = {"was", "were", "is", "are", "be", "been", "being", "has", "have", "had", "will", "also", "now"}
_BE = {"was", "were", "is", "are", "be", "been", "being"}
_NAME_GLUE = {"and", "&", "of", ",", "de", "the", "(", ")"}  # inside a list of names: 'Huawei, SMIC and YMTC'
# Words that open what comes before the names, not a name ('On Tuesday, Acme and Beta were added').
_NOT_NAMES = {"on", "in", "at", "last", "this", "earlier", "today", "yesterday", "meanwhile", "separately", "monday",
              "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
              "april", "may", "june", "july", "august", "september", "october", "november", "december"}
_ZH_OBJECT_MARKS = {"将", "將", "把"}
# '美國境內仍有足夠的晶片供應': a country before these words names a place, not a party.
_ZH_PLACE_AFTER = {"境内", "境內", "境外", "国内", "國內"}
_ZH_CLASSES = {"企业", "企業", "实体", "實體", "公司", "单位", "單位", "机构", "機構", "个人", "個人", "组织", "組織"}
_ZH_COUNTED = ("以下", "下列", "上述", "家", "个", "個", "名")  # '将以下28家美国实体列入': a count, not names
_NAMES_MAX = 160


def _listed_names(ctx: SentenceContext, span: Span) -> str | None:
    """The names a sentence puts on a list, in its words: 'added Huawei Technologies and SMIC to its entity
    list', 'Acme Corp and Beta Ltd were placed on the Entity List', '将洛克希德·马丁公司列入不可靠实体清单'. A
    count or a class ('140 entities', 'two Chinese firms', '以下28家实体') names no one: the list stays the party."""
    verbs = [v for v in ctx.spans("listing_verb") if v.end <= span.start]
    if not verbs:
        return None
    verb = verbs[-1]
    texts, lowers = token_texts(span.doc)
    if ctx.doc.zh:
        mark = max((i for i in range(ctx.sent.start, verb.start) if texts[i] in _ZH_OBJECT_MARKS), default=None)
        if mark is None:
            return None
        whole = span.doc[mark + 1:verb.start].text.strip()
        if any(c.isdigit() for c in whole) or any(w in whole for w in _ZH_COUNTED):
            return None
        # '将涉及对台军售的洛克希德·马丁公司……列入': what qualifies the names before 的 is no name.
        names = whole.rsplit("的", 1)[-1].strip()
        return names if names and names not in _ZH_CLASSES and len(names) <= _NAMES_MAX else None
    before = verb.start - 1
    while before >= ctx.sent.start and lowers[before] in _AUXILIARIES:
        before -= 1
    if _BE.intersection(lowers[before + 1:verb.start]):
        # Passive: the names are the capitalised run before 'was' / 'were' ('..., Acme Corp and Beta Ltd were added').
        end, start = before + 1, before + 1
        while start > ctx.sent.start and lowers[start - 1] not in _NOT_NAMES and (
                texts[start - 1][:1].isupper() or lowers[start - 1] in _NAME_GLUE):
            start -= 1
    else:
        # Active: the object runs from the verb to the preposition that leads to the list.
        start = verb.end
        end = next((i for i in range(span.start - 1, start - 1, -1) if lowers[i] in _LIST_PREPOSITIONS), None)
        if end is None:
            return None
    while start < end and lowers[start] in _NAME_GLUE:
        start += 1
    while end > start and lowers[end - 1] in _NAME_GLUE - {")"}:
        end -= 1
    words = texts[start:end]
    # (A name may carry its Chinese form: 'Semiconductor Manufacturing International Corp (SMIC, 中芯国际)'.)
    if not words or not all(w[:1].isupper() or w.lower() in _NAME_GLUE or not w[:1].isalpha() or has_cjk(w[:1])
                            for w in words):
        return None
    names = span.doc[start:end].text
    if any(c.isdigit() for c in names) or len(names) > _NAMES_MAX or lowers[start] in {"it", "they", "them", "this", "these"}:
        return None
    return " ".join(names.split())  # (clean_phrase would cut the bracket that closes '(SMIC)')


def _names_before(ctx: SentenceContext) -> str | None:
    """'... added Huawei and SMIC to its export control list. Inclusion on the list means firms need approval
    before exporting to the companies': the anaphor stands for the names a sentence just before put on a list."""
    if not ctx.spans("end_use_anaphor"):
        return None
    return next((names for prev, listed in _listed_before(ctx) if (names := _listed_names(prev, listed))), None)


_OPEN_QUOTES = {"“": "”", "「": "」", "《": "》"}


def _in_quoted_title(ctx: SentenceContext, span: Span) -> bool:
    """'released the IFR "...; Supercomputer and Semiconductor End Use; Entity List Modification"': words inside a
    quoted title name a rule's topic; they restrict nothing."""
    texts = token_texts(span.doc)[0]
    before = texts[ctx.sent.start:span.start]
    if before.count('"') % 2:
        return True
    return any(before.count(o) > before.count(c) for o, c in _OPEN_QUOTES.items())


# Names of rules, regimes and treaties ('Supercomputing IFR', 'Missile Technology Control Regime', 'Nuclear
# Suppliers Group', 'Chemical Weapons Convention').
_RULE_WORDS = {"ifr", "rule", "rules", "regulation", "regulations", "regime", "group", "arrangement", "convention",
               "treaty"}
_NAME_JOINERS = {"/", "-", "and", "&", "of"}
_NAME_REACH = 6


def _names_a_rule(span: Span) -> bool:
    """'This Advanced Computing/ Supercomputing IFR addresses comments ...': capitalized words that run on into
    'IFR', 'Rule' or 'Regime' are the name of a rule or a regime; they restrict nothing."""
    texts, lowers = token_texts(span.doc)
    if not texts[span.start][:1].isupper():
        return False
    for i in range(span.end, min(len(texts), span.end + _NAME_REACH)):
        if lowers[i] in _RULE_WORDS:
            return texts[i][:1].isupper()
        if not (texts[i][:1].isupper() or lowers[i] in _NAME_JOINERS):
            return False
    return False


def _binding_clauses(ctx: SentenceContext) -> list[tuple[int, int]] | None:
    """Where a sentence is not in force only because it lifts a control, the clauses that set one beside the lift
    ('will abolish temporary control of consumer drones, and prohibit the export of ... for military purposes'):
    those with a policy and no words of the lift. None where the whole sentence binds."""
    if not ctx.not_in_force:
        return None
    if ctx.conditional or ctx.has("cited_content") or ctx.background or not ctx.has("suspension"):
        return []
    lifts = ctx.spans("suspension")
    clauses = {clause_of(p, ctx.sent) for p in ctx.spans("policy")}
    return [(lo, hi) for lo, hi in clauses if not any(lo <= s.start < hi for s in lifts)]


def _cut_before(ctx: SentenceContext, span: Span) -> bool:
    """Whether a negation before the span denies it: 'items not subject to export controls but for use in ...
    military purposes' turns back at 'but'."""
    contrasts = [c.start for c in ctx.spans("contrast")]
    return any(n.start < span.start and not any(n.end <= c < span.start for c in contrasts)
               for n in ctx.spans("negation"))


_DELIST_REACH = 8  # tokens from 'removed' to the list it removes a party from
_FROM_LIST = {"from", "off"}
_LIST_DETERMINERS = {"the", "its", "their", "this", "that", "these"}


def _delisted(ctx: SentenceContext, span: Span) -> bool:
    """'BIS removed Acme Corp from the Entity List', 'may apply for removal from the Entity List', '可申请移出关注名单':
    a party taken off a list is no longer restricted by it."""
    delist = [d for d in ctx.spans("delisting") if 0 <= span.start - d.end <= _DELIST_REACH]
    if not delist:
        return False
    if ctx.doc.zh:
        return any(span.start - d.end <= 2 for d in delist)
    lowers = token_texts(span.doc)[1]
    i = span.start - 1
    while i > ctx.sent.start and lowers[i] in _LIST_DETERMINERS:
        i -= 1
    return lowers[i] in _FROM_LIST and any(d.end <= i for d in delist)


def build(ctx: SentenceContext) -> list[EndUseRestriction]:
    """End-use restrictions stated in one sentence."""
    binding = _binding_clauses(ctx)
    if binding == []:
        return []
    cut = min((n.start for n in ctx.spans("negation")), default=None)
    # 'semiconductors critical for military applications', 'chips that can be used in supercomputers' say what
    # goods matter or serve for; they restrict no use.
    significant = {s.end for s in ctx.spans("significant_for")}
    # 'goods usable for both civilian and military applications' defines dual use; it restricts no use either.
    significant |= {s.end for s in ctx.spans("dual_use_gloss")}
    glossed = {s.start for s in ctx.spans("dual_use_gloss_after")}
    out: list[EndUseRestriction] = []
    seen: set[str] = set()
    # '列入关注名单的实体……可申请移出关注名单': a sentence that takes parties off a list restricts none on it.
    delisting = bool(ctx.spans("delisting")) and any(_delisted(ctx, s) for s in ctx.spans("end_use"))
    for span in ctx.spans("end_use"):
        if binding is not None and not any(lo <= span.start < hi for lo, hi in binding):
            continue
        if (cut is not None and span.start > cut and _cut_before(ctx, span)) or _in_quoted_title(ctx, span) \
                or _names_a_rule(span):
            continue
        if span.start in significant or span.start - 1 in significant or span.end in glossed \
                or significant_for_phrase(ctx, span):
            continue  # ('that can be used | for military purposes': the preposition may open the end use or not)
        if delisting and ctx.attr(span, "end_use") == "listed_entities":
            continue
        # 'the export control list' lists parties only where it is said to ('importers and end-users on the export
        # control list'); graphite items 'added to the export control list' are on a list of goods.
        reach = int(ctx.attr(span, "parties_before", 0))
        if reach and _PARTY_WORDS.isdisjoint(token_texts(span.doc)[1][max(ctx.sent.start, span.start - reach):span.start]):
            continue
        end_use = str(ctx.attr(span, "end_use", "other"))
        policy = policy_for(ctx, span)
        if policy is None and ctx.attr(span, "listing_policy") and any(v.end <= span.start for v in ctx.spans("listing_verb")) \
                and not _policy_follows(ctx):
            policy = str(ctx.attr(span, "listing_policy"))  # 'adding 11 entities to the Entity List': the list's own rule
        if ctx.spans("rationale") and ctx.spans("purpose") and not ctx.spans("policy"):
            continue  # 'to protect security by restricting items used for WMD' explains, it does not restrict
        if end_use in seen or policy is None:
            continue
        seen.add(end_use)
        out.append(ctx.make("end_use_restriction", span.start_char, span.end_char, span.id_,
                            end_use=end_use, policy=policy, party=_party(ctx, span)))
    if not out and binding is None:
        out = _by_anaphor(ctx, cut)
    return out


def _policy_follows(ctx: SentenceContext) -> bool:
    """Whether a sentence just after a listing states the listed parties' policy ('... on the Entity List. For all 12
    entities, ... under a presumption of denial'): that one is theirs."""
    after = ctx.next
    for _ in range(_ANTECEDENT_REACH):
        if after is None:
            return False
        if after.spans("end_use_anaphor") and after.spans("policy"):
            return True
        after = after.next
    return False


_LICENCE_POLICIES = {"license_required", "deny", "case_by_case"}
_ANTECEDENT_REACH = 2  # sentences back to the one that named the parties '上述实体' ('the above entities') stands for


def _by_anaphor(ctx: SentenceContext, cut: int | None) -> list[EndUseRestriction]:
    """'一、禁止出口经营者向上述实体出口两用物项' under '……将以下28家美国实体列入出口管制管控名单，并采取以下措施：':
    the entities 'above' are the listed parties its lead-in (or a sentence just before) put on a list; the
    restriction is theirs, with this sentence's policy, where the sentence is about exports."""
    if not (ctx.spans("export_verb") or ctx.spans("licensing")
            or any(ctx.attr(p, "policy") in _LICENCE_POLICIES for p in ctx.spans("policy"))):
        # '禁止上述企业在中国境内新增投资', '……高级管理人员入境': measures on the parties, but no export control (a
        # licence and its review are one: 'For all 13 entities, ... a license requirement ... presumption of denial').
        return []
    for anaphor in ctx.spans("end_use_anaphor"):
        if cut is not None and anaphor.start > cut:
            continue
        policy = policy_for(ctx, anaphor)
        if policy is None:
            continue
        found = next(_listed_before(ctx), None)
        if found is not None:
            return [ctx.make("end_use_restriction", anaphor.start_char, anaphor.end_char, anaphor.id_,
                             end_use="listed_entities", policy=policy, party=_party(*found))]
    return []


def _listed_before(ctx: SentenceContext):
    """(sentence, span) of each list of parties named in the sentence's lead-ins or the sentences just before it,
    nearest first: what '上述实体', 'these 28 entities' or 'the companies' stand for."""
    for prev in (*ctx.leads(), *ctx.before(_ANTECEDENT_REACH)):
        for listed in prev.spans("end_use"):
            if prev.attr(listed, "end_use") == "listed_entities":
                yield prev, listed
