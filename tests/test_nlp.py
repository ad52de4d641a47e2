import pytest

from controlbrief.nlp import LEXICON_KEY, longest_first


def sents(nlp, text):
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_nlp_sentences_respect_list_markers_and_abbreviations(nlp):
    text = "Announcement No. 61 of 2025 applies. II. Items are listed below:\n(1) samarium metal;\n1. Holmium oxide.\na. terbium"
    assert sents(nlp, text) == [
        "Announcement No. 61 of 2025 applies.", "II. Items are listed below:", "(1) samarium metal;", "1. Holmium oxide.", "a. terbium",
    ]


def test_nlp_sentences_split_on_full_stop_before_capital(nlp):
    assert sents(nlp, "Exports are banned. The rule applies to U.S. persons too.") == [
        "Exports are banned.", "The rule applies to U.S. persons too.",
    ]


@pytest.mark.parametrize(
    ("text", "tokens", "unit"),
    [
        ("30MPa", ["30", "MPa"], "mpa"),
        ("1.73g/cm3", ["1.73", "g/cm3"], "g_cm3"),
        ("≥99.99%", ["≥", "99.99", "%"], "percent"),
        ("50 per cm2", ["50", "per cm2"], "per_cm2"),
        ("14 nanometres", ["14", "nanometres"], "nm"),
    ],
)
def test_nlp_units_are_split_merged_and_tagged(nlp, text, tokens, unit):
    doc = nlp(text)
    assert [t.text for t in doc] == tokens
    assert doc[-1]._.unit == unit


def test_nlp_lexicon_spans_carry_canonical_names(nlp):
    doc = nlp("Holmium (Ho) and rare-earth magnets")
    found = {(s.label_, s.kb_id_) for s in doc.spans[LEXICON_KEY]}
    assert ("element", "holmium") in found
    assert ("goods", "rare earth permanent magnet") in found


def test_nlp_lemmas_from_lookup_tables(nlp):
    assert [t.lemma_ for t in nlp("takes denied")] == ["take", "deny"]


def test_nlp_longest_first_keeps_ids(nlp):
    doc = nlp("national security and interests")
    kept = longest_first(list(doc.spans["rules"]))
    assert [s.id_ for s in kept if s.label_ == "rationale"] == ["rationale.national_security_and_interests"]
    assert all(s.id_ for s in kept)


# Text dense in what the windows anchor on: numbers, units, dates, codes, list markers, sentence starts.
_STRESS_EN = ("1. 2. (a) 3A090.a 8542.31.00 85423100 50 % 0.1 percent 10 May 2025 2025-10-09 May 10, 2025. "
              "II. Note: 5 nm or less; Article 4 fifty tonnes (iv) 3 kV 1C902.a. Dated: 9 October 2025\n- item 14 nm\n") * 20
_STRESS_ZH = ("一、二、（一）（二）1.钐 2.镝 2025年12月1日起 11月8日 2025-10-09 3A090.a 2805.30.00 28053011 "
              "0.1%及以上 大于50微米且小于等于500微米 50-500μm 百分之零点一 五十吨 注：不包括\n3、铽。\n") * 20


def _generated(chinese: bool) -> list[tuple[str, str]]:
    """Notices from the benchmark's generator (seeded): item lists, Federal Register prose, news, Chinese."""
    import random
    import sys

    from support import ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    import generate

    rng = random.Random(11)
    if chinese:
        return [(f"generated zh {i}", generate.chinese_notice(rng, 1500)) for i in range(4)]
    return [(f"generated {kind} {i}", generate.english_notice(rng, kind, 1500, i))
            for kind in ("items", "federal-register", "news") for i in range(2)]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_nlp_rule_matcher_finds_what_a_whole_doc_matcher_finds(extractor, language):
    """Phrase compilation, anchored windows and one-token regexes change speed, never matches."""
    from spacy.matcher import Matcher

    from controlbrief.ingest import discover, load
    from controlbrief.nlp import RULES_KEY, after_word, as_phrases, lemma_forms, next_char
    from controlbrief.nlp_zh import is_chinese
    from support import CORPUS

    chinese = language == "zh"
    nlp, pset = extractor.chinese() if chinese else (extractor.nlp, extractor.pset)
    plain = Matcher(nlp.vocab)
    token_ids = set()
    # A pattern's next_chars (what may follow a match) is part of what it matches, tested on the text.
    follow = {f"{p.label}|{p.id}": str(p.attrs["next_chars"]) for p in pset.patterns if p.attrs.get("next_chars")}
    after = {f"{p.label}|{p.id}": frozenset(str(p.attrs["not_after"]).split("|"))
             for p in pset.patterns if p.attrs.get("not_after")}
    for p in pset.patterns:
        if as_phrases(p.pattern, nlp.make_doc, lemma_forms) is None:
            plain.add(f"{p.label}|{p.id}", [p.pattern])
            token_ids.add(p.id)
    files, _ = discover([str(CORPUS)])
    texts = [(f.source, t) for f in files if is_chinese(t := load(f).read.text) == chinese]
    texts.append(("stress", _STRESS_ZH if chinese else _STRESS_EN))
    texts += _generated(chinese)
    assert len(texts) > 5
    for source, text in texts:
        doc, _ = extractor.parse(text, chinese)
        expected = {(name, s, e) for k, s, e in plain(doc)
                    if ((name := nlp.vocab.strings[k]) not in follow or next_char(doc, e) in follow[name])
                    and (name not in after or not after_word(doc, s, after[name]))}
        got = {(f"{s.label_}|{s.id_}", s.start, s.end) for s in doc.spans[RULES_KEY] if s.id_ in token_ids}
        assert got == expected, source


def _pattern(pattern_id):
    from controlbrief.patterns import load_pattern_set

    return next(p.pattern for p in load_pattern_set().patterns if p.id == pattern_id)


@pytest.mark.parametrize("gap", [0, 5, 18, 19, 20, 21, 30])
def test_nlp_wide_gap_pattern_keeps_its_bound(nlp, gap):
    """'{0,20}' runs as '*' plus a length filter: a gap of 20 tokens matches, 21 does not, exactly as before."""
    from spacy.matcher import Matcher

    from controlbrief.nlp import RULES_KEY

    text = "License applications " + " ".join(["filed"] * gap) + " will be reviewed case by case."
    doc = nlp(text)
    plain = Matcher(nlp.vocab)
    plain.add("x", [_pattern("licensing.applications_reviewed")])
    expected = {(s, e) for _, s, e in plain(doc)}
    got = {(s.start, s.end) for s in doc.spans[RULES_KEY] if s.id_ == "licensing.applications_reviewed"}
    assert got == expected and (bool(got) == (gap + 2 <= 20))  # "will be" sits in the gap too


def test_nlp_rule_matcher_keeps_exact_for_patterns_it_cannot_expand(tmp_path):
    """'*', '+' and attributes the expansion does not read go to anchored Matcher windows (a wide gap as '*' with
    a length filter), still exact."""
    import json
    import shutil

    from spacy.matcher import Matcher

    from controlbrief.nlp import RULES_KEY
    from controlbrief.pipeline import Extractor
    from support import ROOT

    patterns = tmp_path / "patterns"
    shutil.copytree(ROOT / "patterns", patterns)
    extra = [
        [{"LOWER": "export"}, {"OP": "*"}, {"LOWER": {"IN": ["licence", "license"]}}],
        [{"LIKE_NUM": True}, {"IS_PUNCT": True, "OP": "+"}, {"LOWER": "percent"}],
        [{"LOWER": "not"}, {"IS_SENT_START": False, "IS_PUNCT": False, "OP": "{0,12}"}, {"LEMMA": "apply"}],
        [{"IS_SENT_START": True, "IS_PUNCT": True}, {"LIKE_NUM": True}],
    ]
    with open(patterns / "licensing.jsonl", "a", encoding="utf-8") as fh:
        for i, pattern in enumerate(extra):
            fh.write(json.dumps({"id": f"licensing.test_unexpanded_{i}", "label": "licensing", "pattern": pattern,
                                 "attrs": {}, "examples": {"match": [], "no_match": []}}) + "\n")
    extractor = Extractor(patterns_dir=patterns)
    rules = extractor.nlp.get_pipe("cb_rules")
    names = {f"licensing|licensing.test_unexpanded_{i}" for i in range(len(extra))}
    assert {extractor.nlp.vocab.strings[k] for a in rules.anchored for k in a.matcher._patterns} | \
        {extractor.nlp.vocab.strings[k] for k in rules.tokens._patterns} >= names  # none was expanded
    assert extractor.nlp.vocab.strings["licensing|licensing.test_unexpanded_2"] in rules.gap_bounds  # '*' + length filter
    plain = Matcher(extractor.nlp.vocab)
    for i, pattern in enumerate(extra):
        plain.add(f"licensing|licensing.test_unexpanded_{i}", [pattern])
    text = ("Export of these items without a licence is prohibited. 12 -- percent of 5 ... percent. "
            "Applicants need not, in most cases and for the goods listed in Annex I, apply again. (3) 4\n") * 10 + _STRESS_EN
    doc, _ = extractor.parse(text, False)
    expected = {(extractor.nlp.vocab.strings[k], s, e) for k, s, e in plain(doc)}
    got = {(f"{s.label_}|{s.id_}", s.start, s.end) for s in doc.spans[RULES_KEY] if f"{s.label_}|{s.id_}" in names}
    assert expected and got == expected


def test_units_merge_numbers_written_in_groups_of_three(extractor):
    """'10 000 000' and '1\u2009000,5' are one number token each; a year before a count ('in 2026 300 firms') and
    customs codes written in pairs ('85 41 10 00') stay apart."""
    doc = extractor.nlp("in 2026 300 firms shipped 10 000 000 units and 1\u2009000,5 kg; code 85 41 10 00")
    assert [t.text for t in doc if any(c.isdigit() for c in t.text)] == [
        "2026", "300", "10 000 000", "1\u2009000,5", "85", "41", "10", "00"]


def test_token_index_over_registered_words_finds_what_a_full_scan_finds(nlp):
    """The index lists only tokens holding a registered word; words nobody registered are still found (by a scan of
    the whole column), and a regex finds its words wherever they stand."""
    from spacy.attrs import LOWER

    from controlbrief.nlp.index import IndexedWords, RegexWords, TokenIndex

    doc = nlp("Gallium and germanium exports need a licence; gallium oxide too, and GALLIUM arsenide.")
    strings = doc.vocab.strings
    registered = IndexedWords()
    registered.add(LOWER, (strings.add("gallium"),))
    registered.freeze()
    regexes = RegexWords()
    regexes.add(LOWER, "^germ")
    index = TokenIndex(doc, regexes, [], registered)
    lowers = [t.lower_ for t in doc]
    assert index.positions(LOWER, (strings["gallium"],)) == [i for i, w in enumerate(lowers) if w == "gallium"]
    assert index.positions(LOWER, (strings.add("licence"),)) == [lowers.index("licence")]
    assert index.positions(LOWER, "^germ") == [lowers.index("germanium")]


# The token patterns that run through spaCy's Matcher around an anchor, not as phrases or fixed-length variants: each
# costs a Matcher call per window (a pattern with 128 variants or an IS_ALPHA test lands here unnoticed; two such
# patterns made Federal Register text 10% slower). Adding one is a choice to make here, with its cost measured.
_MATCHER_PATTERNS = {
    "en": {"conditional|context.conditional_government_if", "suspension|context.postponed"},
    "zh": set(),
}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_nlp_patterns_run_as_phrases_or_fixed_variants(extractor, language):
    nlp = extractor.nlp if language == "en" else extractor.chinese()[0]
    rules = nlp.get_pipe("cb_rules")
    assert {a.name for a in rules.anchored} == _MATCHER_PATTERNS[language]
    assert len(rules.tokens) == 0  # no pattern without an anchor runs over the whole Doc
