"""Builders run only in sentences holding their evidence labels (extract.BUILDERS): never a provision lost."""

from __future__ import annotations

import random
import sys

import pytest

from controlbrief import extract
from controlbrief.extract import product_scope
from controlbrief.extract.context import DocContext
from controlbrief.ingest import discover, load
from controlbrief.nlp import LEXICON_KEY, RULES_KEY
from support import CORPUS, ROOT


def _texts() -> list[str]:
    files, _ = discover([str(CORPUS)])
    texts = [load(f).read.text for f in files]
    sys.path.insert(0, str(ROOT / "bench"))
    import generate

    rng = random.Random(5)
    texts += [generate.english_notice(rng, kind, 1200, i) for kind in ("items", "federal-register", "news") for i in range(2)]
    texts += [generate.chinese_notice(rng, 1200) for _ in range(2)]
    return texts


@pytest.mark.parametrize("published", [None, "2025-10-09"])
def test_extract_builders_find_nothing_where_their_labels_are_missing(extractor, published):
    from controlbrief.nlp_zh import is_chinese

    checked = 0
    for text in _texts():
        doc, pset = extractor.parse(text, is_chinese(text))
        dctx = DocContext.create("0" * 16, None, pset)
        dctx.anchors = product_scope.document_anchors(doc, LEXICON_KEY, RULES_KEY)
        dctx.published = published
        dctx.year = int(published[:4]) if published else None
        for ctx in extract.sentence_contexts(doc, dctx):
            for build, rules, lexicon in (*extract.BUILDERS, extract.DATES):
                if any(label in ctx.rules for label in rules) or any(label in ctx.lexicon for label in lexicon):
                    continue
                assert build(ctx) == [], (build.__module__, ctx.text)
                checked += 1
    assert checked > 1000
