"""The Chinese pipeline: spacy.blank("zh") plus the same components as English, on patterns/zh/.

spaCy's default Chinese segmenter needs no extra package; it makes every
character a token, ASCII included ('0.1%', '1C902.a', '2025' become several
tokens). So runs of Latin letters, digits and the dots and slashes inside them
are merged into one token first (measured: merging once per Doc is cheaper
than mapping every match back through doc.char_span), and full-width letters and
digits ('０．１％') are folded to ASCII one for one before the text reaches spaCy,
so every offset still points into the notice's own text.
"""

from __future__ import annotations

import re
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from controlbrief.paths import patterns_dir

# Letters, digits and the punctuation that sits inside codes and numbers ('1C902.a', '0.1', '2805.30.00', 'g/cm3').
# A dash stays its own token: '50-500' is a range, '2025-10-09' a date.
_ASCII_RUN = re.compile(r"[0-9A-Za-zμµ](?:[0-9A-Za-zμµ³²]|[./](?=[0-9A-Za-zμµ]))*")
# Chinese numerals ('零点一', '五十'); runs of two characters or more become one number token.
_ZH_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千万]+(?:点[零〇一二三四五六七八九]+)?")
# One for one: full-width digits, letters and the signs inside numbers (０．１％, Ｃ, ／, －) to ASCII.
# Chinese punctuation (，：；（）) stays as written: it is what the evidence shows.
_FOLD = {cp: cp - 0xFEE0 for cp in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B),
                                    0xFF05, 0xFF0E, 0xFF0F, 0xFF0D, 0xFF1E, 0xFF1C, 0xFF1D]}


def fold_width(text: str) -> str:
    """Full-width letters, digits and number signs as ASCII, character for character (offsets are unchanged)."""
    return text.translate(_FOLD)


# One word: an ASCII run, a Chinese numeral run, or any other character but whitespace (spaCy's 'char' segmentation).
_WORD = re.compile(rf"{_ASCII_RUN.pattern}|{_ZH_NUMERAL.pattern}|\S")


def words_and_spaces(text: str) -> tuple[list[str], list[bool]]:
    """Words and trailing-space flags as spacy.util.get_words_and_spaces gives them for our words, in one pass.

    (spaCy's version slices the rest of the text for every word: quadratic on a long Chinese notice.)
    A word takes one following ' ' as its trailing space; any other whitespace is a token of its own.
    """
    words: list[str] = []
    spaces: list[bool] = []
    pos, end = 0, len(text)
    for m in _WORD.finditer(text):
        if m.start() > pos:
            words.append(text[pos:m.start()])
            spaces.append(False)
        words.append(m.group())
        pos = m.end()
        if pos < end and text[pos] == " ":
            spaces.append(True)
            pos += 1
        else:
            spaces.append(False)
    if pos < end:
        words.append(text[pos:])
        spaces.append(False)
    return words, spaces


class AsciiRunTokenizer:
    """spaCy's Chinese character segmentation, with each ASCII run and Chinese numeral run one token.

    Done in the tokenizer itself, so the phrase patterns and lexicon forms that
    are tokenized with make_doc ('g/cm3', 'μm') split exactly as the text does.
    The words are cut by one regular expression and the Doc is built from them
    the way spaCy's char segmenter builds its own (measured: twice as fast as
    segmenting by character and merging the runs with the retokenizer).
    """

    def __init__(self, vocab) -> None:
        self.vocab = vocab
        self._numerals: set[str] = set()

    def __call__(self, text: str) -> Doc:
        words, spaces = words_and_spaces(text)
        for word in words:
            if len(word) > 1 and word not in self._numerals and _ZH_NUMERAL.fullmatch(word):
                self.vocab[word].like_num = True  # '五十', '零点一' are numbers; thresholds need LIKE_NUM
                self._numerals.add(word)
        return Doc(self.vocab, words=words, spaces=spaces)

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)


# Pinyin glosses that web copies insert after characters ('稀（xī）土（tǔ）', '稀xī土tǔ'): a run of pinyin
# syllables in lower case, in brackets, or bare with a tone mark, right after a CJK character.
_INITIALS = "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINALS = ("(?:iang|iong|uang|ueng|iao|ian|uai|uan|ang|eng|ing|ong|van|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|"
           "ve|vn|ue|a|o|e|i|u|v)")
_SYLLABLE = re.compile(f"^{_INITIALS}{_FINALS}$")
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_GLOSS = re.compile(rf"(?<=[\u3400-\u9fff])(?:[（(]\s*([a-z{_TONED}]+(?:\s+[a-z{_TONED}]+)*)\s*[）)]|([a-z{_TONED}]*[{_TONED}][a-z{_TONED}]*))")
_PLAIN = str.maketrans({**{ch: base for base, group in (("a", "āáǎà"), ("e", "ēéěè"), ("i", "īíǐì"), ("o", "ōóǒò"),
                                                          ("u", "ūúǔù"), ("v", "ǖǘǚǜü")) for ch in group}})


def _is_pinyin(run: str) -> bool:
    """Whether every word of run is one or more pinyin syllables ('xī', 'xitu', 'tǔ')."""
    return all(_syllables(word.translate(_PLAIN)) for word in run.split())


def _syllables(word: str) -> bool:
    # Greedy from the longest syllable; pinyin runs are short, so the backtracking stays small.
    if not word:
        return True
    return any(_SYLLABLE.match(word[:k]) and _syllables(word[k:]) for k in range(min(6, len(word)), 0, -1))


def strip_glosses(text: str) -> tuple[str, list[int]] | None:
    """The text without pinyin glosses, and for each of its offsets (and its end) the offset in `text`.

    None when there is none (the common case: the text is used as it is). Evidence
    spans are mapped back through the offsets, so they still point into the notice.
    """
    cuts = [(m.start(), m.end()) for m in _GLOSS.finditer(text) if _is_pinyin(m.group(1) or m.group(2))]
    if not cuts:
        return None
    parts, where, pos = [], [], 0
    for a, b in cuts:
        parts.append(text[pos:a])
        where.extend(range(pos, a))
        pos = b
    parts.append(text[pos:])
    where.extend(range(pos, len(text) + 1))  # the end offset maps to the end
    return "".join(parts), where


class Simplifier:
    """Traditional characters as simplified ones, character for character (so offsets do not move).

    OpenCC's t2s tables do the converting; each distinct character is converted
    once and kept only when it gives exactly one character (phrase conversions
    that change length are not used). Patterns and lexicons then need the
    simplified forms only, and a traditional notice, or traditional characters
    mixed into a simplified web copy, reads the same.

    A text that holds traditional characters may also use Taiwan's words (晶片,
    奈米, 人工智慧 for the mainland's 芯片, 纳米, 人工智能): patterns/zh/regional_words.json
    pairs them, each pair as long as the other, so offsets still hold.
    """

    def __init__(self, regional: Path | None = None) -> None:
        import json

        import opencc

        self._convert = opencc.OpenCC("t2s").convert
        self._table: dict[int, str] = {}
        self._seen: set[str] = set()
        path = regional or zh_patterns_dir() / "regional_words.json"
        pairs = json.loads(path.read_text(encoding="utf-8"))["pairs"] if path.is_file() else {}
        bad = [k for k, v in pairs.items() if len(k) != len(v)]
        if bad:
            raise ValueError(f"{path}: a regional word and its mainland form must be as long as each other: {bad}")
        self._regional = re.compile("|".join(map(re.escape, sorted(pairs, key=len, reverse=True)))) if pairs else None
        self._pairs = pairs

    def __call__(self, text: str) -> str:
        new = set(_CJK_CHAR.findall(text)) - self._seen
        for ch in new:
            out = self._convert(ch)
            if len(out) == 1 and out != ch:
                self._table[ord(ch)] = out
        self._seen |= new
        simplified = text.translate(self._table) if self._table else text
        if simplified == text or self._regional is None:
            return simplified  # mainland text: nothing traditional, no regional words to look for
        return self._regional.sub(lambda m: self._pairs[m.group()], simplified)


def zh_patterns_dir(base: Path | None = None) -> Path:
    return Path(base or patterns_dir()) / "zh"


def build_nlp_zh(patterns_dir_: Path | None = None) -> Language:
    """spacy.blank('zh') with ASCII runs merged, units, lexicons, sentences and the patterns of patterns/zh/."""
    from controlbrief import nlp as _components  # noqa: F401 - registers the cb_* factories

    folder = str(zh_patterns_dir(patterns_dir_))
    cfg = {"patterns_dir": folder}
    nlp = spacy.blank("zh")
    nlp.tokenizer = AsciiRunTokenizer(nlp.vocab)
    nlp.add_pipe("cb_units", config=cfg)
    nlp.add_pipe("cb_lexicon", config=cfg)
    nlp.add_pipe("cb_sentences")
    nlp.add_pipe("cb_rules", config=cfg, last=True)
    return nlp


_CJK_CHAR = re.compile(r"[\u3400-\u9fff]")


def has_cjk(text: str) -> bool:
    """Whether a text holds any CJK ideograph."""
    return _CJK_CHAR.search(text) is not None


_ASCII_LETTER = re.compile(r"[A-Za-z]")


def is_chinese(text: str) -> bool:
    """Whether a text is Chinese: CJK characters make up most of its letters."""
    sample = text[:4000]
    cjk = len(_CJK_CHAR.findall(sample))
    latin = len(_ASCII_LETTER.findall(sample))
    return cjk > 0 and cjk >= latin / 3


_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def other_language_runs(text: str, main_is_chinese: bool) -> list[tuple[int, int]]:
    """(start, end) of each run of text in the other language: Chinese lines in an English text, or the reverse.

    A line counts as Chinese with six CJK characters or more and more of them
    than Latin words; as English with eight Latin words or more and no CJK. A
    line that gives a Chinese phrase and then its English translation (web
    copies with both: 'a. 钐钴合金; a. Samarium-cobalt alloy;') is cut in two.
    """
    if not main_is_chinese and not has_cjk(text):
        return []  # no Chinese line in it: most English notices
    runs: list[tuple[int, int]] = []

    def add(start: int, end: int) -> None:
        if runs and runs[-1][1] in (start - 1, start):
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))

    offset = 0
    for line in text.split("\n"):
        cjk = len(_CJK_CHAR.findall(line))
        words = len(_LATIN_WORD.findall(line))
        cut = _translation_cut(line) if cjk and words else None
        if cut is not None:
            if main_is_chinese:
                add(offset + cut, offset + len(line))
            else:
                add(offset, offset + cut)
        elif (not cjk and words >= 8) if main_is_chinese else (cjk >= 6 and cjk > words):
            add(offset, offset + len(line))
        offset += len(line) + 1
    return runs


_PAIR_GAP = re.compile(r"[\s;；:：,，.。、)）\]】]*")
_LEADING_MARKER = re.compile(r"^\W*[A-Za-z]?\W")


def _translation_cut(line: str) -> int | None:
    """Where the English half of a 'Chinese, then English' line starts, or None when the line is not one.

    The Chinese half holds two CJK characters or more and no Latin word (a list
    marker aside); the English half, after the last CJK character and the
    punctuation that closes the Chinese, holds two Latin words or more and no CJK.
    """
    last = max(m.end() for m in _CJK_CHAR.finditer(line))
    cut = _PAIR_GAP.match(line, last).end()
    head, tail = line[:cut], line[cut:]
    if len(_CJK_CHAR.findall(head)) < 2 or len(_LATIN_WORD.findall(tail)) < 2:
        return None
    if _LATIN_WORD.search(_LEADING_MARKER.sub("", head, count=1)):
        return None  # English before the Chinese too: a sentence quoting a term, not a pair
    return cut
