"""The extractor as a long-running process uses it."""

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
