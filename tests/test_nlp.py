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


def test_nlp_rule_matcher_finds_what_a_whole_doc_matcher_finds(nlp):
    """Phrase compilation and windowed matching change speed, never matches."""
    from spacy.matcher import Matcher

    from controlbrief.ingest import discover, load
    from controlbrief.nlp import RULES_KEY, as_phrases, lemma_forms
    from controlbrief.patterns import load_pattern_set
    from support import CORPUS

    plain = Matcher(nlp.vocab)
    for p in load_pattern_set().patterns:
        if as_phrases(p.pattern, nlp.make_doc, lemma_forms) is None:
            plain.add(f"{p.label}|{p.id}", [p.pattern])
    files, _ = discover([str(CORPUS)])
    for f in files:
        doc = nlp(load(f).read.text)
        expected = {(nlp.vocab.strings[k], s, e) for k, s, e in plain(doc)}
        token_ids = {key.split("|", 1)[1] for key, _, _ in expected}
        got = {(f"{s.label_}|{s.id_}", s.start, s.end) for s in doc.spans[RULES_KEY] if s.id_ in token_ids}
        got |= {(f"{s.label_}|{s.id_}", s.start, s.end) for s in doc.spans[RULES_KEY]
                if s.id_ not in token_ids and as_phrases(_pattern(s.id_), nlp.make_doc, lemma_forms) is None}
        assert got == expected, f.source


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
