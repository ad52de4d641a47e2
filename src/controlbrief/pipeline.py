"""One document: a read file through the spaCy pipeline (English or Chinese) into a Document.

Extractor is built once and reused for every document; execution.py runs it
over many files, here or in other processes.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from controlbrief.extract import extract_document, extract_passage
from controlbrief.extract.context import remember_text
from controlbrief.ingest import DEFAULT_MAX_BYTES, InputFile, LoadedFile, load
from controlbrief.models import Document, InputError, ReadText
from controlbrief.nlp import build_nlp
from controlbrief.nlp_zh import Simplifier, fold_width, is_chinese, other_language_runs, strip_glosses
from controlbrief.normalize import repair_ocr_l
from controlbrief.patterns import PatternSet, load_pattern_set

OnError = Callable[[InputError], None]
OnDocument = Callable[[Document], None]


@dataclass(frozen=True)
class Extracted:
    """A document with the text its spans point into (briefings show that text)."""

    document: Document
    read: ReadText


# spaCy adds every new word to the pipeline's Vocab and StringStore and never forgets it: a
# long-running watcher grew from 161 to 698 MB over 3,000 notices. Past this many new strings
# the pipeline is built again (output is the same: nothing depends on what the Vocab holds).
MAX_NEW_STRINGS = 200_000


def freeze_heap() -> None:
    """Move what is alive now, the pipelines above all (some 100,000 objects: vocabulary, matchers, lexicons,
    patterns), out of the garbage collector's sight: they live as long as the process extracts, and every
    full collection scanned them again. Documents make many short-lived objects, so full collections come
    often: freezing saved 3-8% of extraction in one process and 13% in a Dask worker, whose heap is larger.
    A process collecting other processes' results freezes its heap too (execution.run): unpickling them
    makes as many objects as extracting did.

    Frozen objects are still freed when nothing refers to them (a dropped pipeline is), but cyclic garbage
    is not: what an earlier freeze left (documents' Docs and spans refer to each other) is collected
    before freezing again, so it never stays frozen past the next call."""
    global _FROZEN
    if _FROZEN:
        gc.unfreeze()
        gc.collect()
    gc.freeze()
    _FROZEN = True


_FROZEN = False  # whether this process has frozen anything (freeze_heap)


class Extractor:
    """A built pipeline plus its patterns, reused for every document."""

    def __init__(self, model: str | None = None, patterns_dir: Path | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, round: str | None = None,
                 max_new_strings: int = MAX_NEW_STRINGS) -> None:
        self.round = round  # given with --round: the round of documents that name none
        self.model, self.patterns_dir = model, patterns_dir
        self.pset: PatternSet = load_pattern_set(patterns_dir)
        self.max_bytes = max_bytes
        self.max_new_strings = max_new_strings
        self.rebuilds = 0
        self._build()

    def _build(self) -> None:
        self._zh: tuple[Language, PatternSet] | None = None
        self.nlp: Language | None = None  # a rebuild lets the old pipeline go before the new one is built
        self.nlp = build_nlp(self.model, self.patterns_dir)
        # Text is at most max_bytes characters; spaCy refuses longer texts by default.
        self.nlp.max_length = max(self.nlp.max_length, self.max_bytes + 1)
        self._strings_at_build = len(self.nlp.vocab.strings)
        freeze_heap()

    def document(self, loaded: LoadedFile) -> Document:
        """Extract one loaded file."""
        if len(self.nlp.vocab.strings) - self._strings_at_build > self.max_new_strings:
            self._build()
            self.rebuilds += 1
        text = loaded.read.text
        main_zh = is_chinese(text)
        # Text in the other language (an English page quoting the Chinese original, a web copy giving both line by
        # line) is read by its own pipeline, all of it as one passage so that its lists keep their lead-ins; the
        # main pipeline sees it as blank space, so it breaks none of the main text's lists.
        runs = other_language_runs(text, main_zh)
        doc, pset = self.parse(_blanked(text, runs) if runs else text, main_zh)
        document = extract_document(doc, loaded.read, loaded.doc_id, loaded.source, pset)
        if runs:
            passage_text, where = _joined(text, runs)
            passage, p_pset = self.parse(passage_text, not main_zh, where)
            document.provisions.extend(extract_passage(passage, loaded.read, loaded.doc_id, p_pset, 0, document.published))
        if document.round is None and self.round:
            document.round = self.round
        return document

    def parse(self, text: str, chinese: bool | None = None, where: list[int] | None = None) -> tuple[Doc, PatternSet]:
        """The Doc of a text and the patterns it was read with: Chinese text goes through patterns/zh/
        (full-width digits and letters folded one for one; pinyin glosses left out, with a map of offsets
        kept on the Doc so evidence still points into the text as given).

        `chinese` says which pipeline; None decides from the text itself. `where` gives, for a text pieced
        together from a document, each character's offset in the document.
        """
        if chinese is None:
            chinese = is_chinese(text)
        char_map, shown = where, None
        if chinese:
            (nlp, pset), text = self.chinese(), fold_width(text)
            stripped = strip_glosses(text)  # pinyin a web copy put after characters: read without it
            if stripped is not None:
                text, char_map = stripped[0], [where[i] for i in stripped[1]] if where is not None else stripped[1]
            # Read in simplified characters (one for one), shown as written: evidence keeps the notice's own script.
            shown, text = text, self._simplifier(text)
        else:
            nlp, pset = self.nlp, self.pset
            shown, text = text, repair_ocr_l(text)  # read as 'alloys', shown as the scan gave it ('aIIoys')
        doc = nlp(text)
        remember_text(doc, text, char_map, shown if shown != text else None)
        return doc, pset

    def chinese(self) -> tuple[Language, PatternSet]:
        """The Chinese pipeline and its patterns, built on first use."""
        if self._zh is None:
            from controlbrief.nlp_zh import build_nlp_zh, zh_patterns_dir

            nlp = build_nlp_zh(self.patterns_dir)
            nlp.max_length = max(nlp.max_length, self.max_bytes + 1)
            self._zh = (nlp, load_pattern_set(zh_patterns_dir(self.patterns_dir)))
            self._simplifier = Simplifier(zh_patterns_dir(self.patterns_dir) / "regional_words.json")
            freeze_heap()
        return self._zh

    def file(self, f: InputFile) -> Extracted:
        """Read and extract one file. Raises ReadError."""
        loaded = load(f, self.max_bytes)
        return Extracted(self.document(loaded), loaded.read)


def _blanked(text: str, runs: list[tuple[int, int]]) -> str:
    """The text with each run's characters (line breaks aside) turned into spaces: same length, same offsets."""
    parts, last = [], 0
    for start, end in runs:
        parts += [text[last:start], "".join(c if c == "\n" else " " for c in text[start:end])]
        last = end
    return "".join(parts) + text[last:]


def _joined(text: str, runs: list[tuple[int, int]]) -> tuple[str, list[int]]:
    """The runs as one text, a line break between two, and each of its characters' offsets in the text."""
    where: list[int] = []
    for i, (start, end) in enumerate(runs):
        if i:
            where.append(runs[i - 1][1])  # the joining line break stands where the run before it ended
        where.extend(range(start, end))
    where.append(runs[-1][1])  # and its end, as strip_glosses maps ends
    return "\n".join(text[start:end] for start, end in runs), where


INTERNAL = "internal error while extracting"


def internal_error(exc: BaseException) -> str:
    """The one-line error of a file whose extraction hit a bug (the tests fail on any such line)."""
    message = " ".join(str(exc).split())[:160]
    return f"{INTERNAL} ({type(exc).__name__}: {message}); please report it with the file"
