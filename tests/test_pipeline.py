"""The extractor as a long-running process uses it."""

import gc
import weakref

from controlbrief.ingest import LoadedFile
from controlbrief.models import ReadText
from controlbrief.pipeline import Extractor


def _loaded(i: int) -> LoadedFile:
    # Invented words, so every notice brings new strings to the vocabulary.
    words = " ".join(f"zq{i}x{j}" for j in range(300))
    text = f"Article 1. Gallium metal with a purity of 99.9{i}% or more shall not be exported without permission. {words}."
    return LoadedFile(source=f"n{i}.txt", doc_id=f"{i:016x}", read=ReadText(text=text, format="text"))


def test_pipeline_vocabulary_stays_bounded_and_output_identical():
    bounded = Extractor(max_new_strings=1000)
    plain = Extractor()
    for i in range(12):
        assert bounded.document(_loaded(i)) == plain.document(_loaded(i))
    assert bounded.rebuilds >= 2
    assert len(bounded.nlp.vocab.strings) < len(plain.nlp.vocab.strings)


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_pipeline_garbage_is_never_frozen_for_good():
    # A build freezes what is alive (the pipelines, out of the collector's sight). Cyclic garbage that an
    # automatic collection has not reached yet must be collected by the next freeze, not frozen with it.
    extractor = Extractor()
    gc.disable()  # no automatic collection may free it first
    try:
        garbage = _Cycle()
        ref = weakref.ref(garbage)
        del garbage
        extractor.chinese()  # a build: freezes again
        gc.collect()
        assert ref() is None
    finally:
        gc.enable()
    assert gc.get_freeze_count() > 0  # the live pipelines are frozen
