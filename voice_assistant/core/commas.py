"""The commas a recogniser leaves out, put back where people put them.

A transcript has no punctuation ('no pain really to speak of its more that i keep dropping things my grip on the left
has just gone'), and the reading leans on it: a comma ends a denial's reach, starts a question, makes a clause of its
own for the safety net. A small logistic regression over the words around each gap (hashed, like core.grams), fitted
by benchmarks/fit_commas.py on where the development lines' writers put a comma, full stop or question mark, says
where a break stands; a comma is put there. Only text without any punctuation is touched: a typed line keeps its own.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

BITS: Final = 18
"""Features are hashed (CRC-32) into 2**BITS buckets; only the buckets seen when fitting keep weights."""
BREAK_BAR: Final = 0.7
"""A comma goes where the model's probability of a break is above this. With a first fit held out of 30 development
sets, the assistant read those sets' lines without punctuation about equally well at 0.5, 0.7 and 0.85; at 0.7 the
fit's own check (every fifth development set held out) finds 78 % of the breaks it puts where the writer put one and
35 % of the writers' breaks: a comma too few costs less than one in the middle of a phrase."""
MIN_WORDS: Final = 4
"""Shorter inputs are left as they are: a command or a word or two has no clauses to part."""
_NO_BREAK_AFTER: Final = frozenset("a an the my his our their your".split())
"""A break never follows an article or an owner: they want the noun after them."""
_COPULAS: Final = frozenset({"is", "are", "was", "were", "am"})
_CLAUSE_END_BEFORE_COPULA: Final = frozenset(
    "i you he she it we they there that this what how still now really as than so".split()
)
"""Nor a copula after a noun ('the toilet in the gents is | blocked' would part a verb from what it says); after one of
these it can end a clause ('than i was | can you …', 'and they still are | how long …')."""
_EMPHATIC_ANSWERS: Final = frozenset({"no", "nope", "nah"})
_EMPHASIS: Final = frozenset({"not", "none", "never", "nothing"})
"""Nor a break before an emphatic answer ('pins and needles | no not at all'): said after a symptom it denies it, and a
comma would part the denial from what it denies (the writers put a question mark there, which a comma is not)."""
_MARKS: Final = re.compile(r"[.,?!;:]")
_WORD: Final = re.compile(r"[a-z0-9']+|[.?!,;:]")
_SPOKEN_WORD: Final = re.compile(r"[A-Za-z0-9'\u2019]+")


def has_punctuation(text: str) -> bool:
    """True when text has a comma, full stop, question or exclamation mark, colon or semicolon of its own."""
    return _MARKS.search(text) is not None


def _word_form(word: str) -> str:
    """A word as the model knows it: lower case, apostrophes kept inside it only."""
    lowered = word.lower().replace("\u2019", "'")
    return lowered.strip("'") or lowered


def words_and_breaks(text: str) -> tuple[list[str], list[bool]]:
    """text's words (lower case, apostrophes kept inside) and, for each, whether punctuation follows it."""
    words: list[str] = []
    breaks: list[bool] = []
    for token in _WORD.findall(text.lower().replace("\u2019", "'")):
        if _MARKS.fullmatch(token):
            if breaks:
                breaks[-1] = True
        else:
            words.append(_word_form(token))
            breaks.append(False)
    return words, breaks


def gap_features(words: list[str], index: int) -> list[str]:
    """What the model sees of the gap after words[index]: the words on each side, one and two away, the pairs and
    triples across it, how far it is from each end, and how the input opens."""

    def word(at: int) -> str:
        return words[at] if 0 <= at < len(words) else ("<s>" if at < 0 else "</s>")

    before, this, after, later = word(index - 1), word(index), word(index + 1), word(index + 2)
    return [
        "bias", f"a{this}", f"b{after}", f"A{before} {this}", f"B{after} {later}", f"c{this} {after}", f"d{before}",
        f"e{later}", f"C{before} {this} {after}", f"D{this} {after} {later}", f"p{min(index, 8)}",
        f"q{min(len(words) - 1 - index, 8)}", f"x{word(0)}", f"y{word(0)} {word(1)}",
    ]


def feature_ids(features: list[str]) -> npt.NDArray[np.int64]:
    """The hashed bucket of each feature."""
    mask = (1 << BITS) - 1
    return np.array([zlib.crc32(feature.encode()) & mask for feature in features], dtype=np.int64)


@dataclass(frozen=True)
class CommaModel:
    """The fitted weights: one per bucket seen when fitting (sorted buckets, their weights); a gap's score is the sum
    of its features' weights."""

    buckets: npt.NDArray[np.int64]
    weights: npt.NDArray[np.float32]

    def break_probabilities(self, words: list[str]) -> npt.NDArray[np.float64]:
        """The probability of a break after each word but the last."""
        if len(words) < 2:
            return np.zeros(0)
        ids = np.stack([feature_ids(gap_features(words, index)) for index in range(len(words) - 1)])
        rows = np.minimum(np.searchsorted(self.buckets, ids), len(self.buckets) - 1)
        scores = np.where(self.buckets[rows] == ids, self.weights[rows], 0.0).sum(axis=1)  # buckets never fitted weigh 0
        return 1.0 / (1.0 + np.exp(-scores))

    def restore(self, text: str) -> str:
        """text with a comma put at each likely break, or text itself when it has punctuation or is short."""
        if has_punctuation(text) or len(self.buckets) == 0:
            return text
        spans = [match.span() for match in _SPOKEN_WORD.finditer(text)]
        if len(spans) < MIN_WORDS:
            return text
        words = [_word_form(text[start:end]) for start, end in spans]
        probabilities = self.break_probabilities(words)
        cuts = [
            spans[index][1] for index in range(len(spans) - 1)
            if probabilities[index] > BREAK_BAR and words[index] not in _NO_BREAK_AFTER
            and not (words[index] in _COPULAS and index > 0 and words[index - 1] not in _CLAUSE_END_BEFORE_COPULA)
            and not (words[index + 1] in _EMPHATIC_ANSWERS and index + 2 < len(words) and words[index + 2] in _EMPHASIS)
        ]
        pieces: list[str] = []
        last = 0
        for cut in cuts:
            pieces.append(text[last:cut] + ",")
            last = cut
        return "".join(pieces) + text[last:]
