"""The commas and question marks a recogniser leaves out, put back where people put them.

A transcript has no punctuation ('no pain really to speak of its more that i keep dropping things my grip on the left
has just gone'), and the reading leans on it: a comma ends a denial's reach, starts a question, makes a clause of its
own for the safety net; a full stop and a question mark part a question from the report before it ('pooed myself
without noticing | can broken bones in the spine cause that'). Two small logistic regressions over the words around
each gap (hashed, like core.grams), fitted by benchmarks/fit_commas.py on the development lines' punctuation, say
where a break stands (a comma is put there) and where a question starts after a break (a full stop is put there and a
question mark at the end). Only text without any punctuation is touched: a typed line keeps its own.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import numpy.typing as npt

from voice_assistant.core.sentences import is_question_sentence

BITS: Final = 18
"""Features are hashed (CRC-32) into 2**BITS buckets; only the buckets seen when fitting keep weights."""
BREAK_BAR: Final = 0.7
"""A comma goes where the model's probability of a break is above this. With a first fit held out of 30 development
sets, the assistant read those sets' lines without punctuation about equally well at 0.5, 0.7 and 0.85; at 0.7 the
fit's own check (every fifth development set held out) finds 78 % of the breaks it puts where the writer put one and
35 % of the writers' breaks: a comma too few costs less than one in the middle of a phrase."""
QUESTION_BAR: Final = 0.5
"""A question is taken to start after a gap where the question model's probability is above this, the last such gap
of an input, and only where the words after it open like a question ('can broken bones …', 'is it …', 'what about …').
The model's own check (every fifth development set held out) finds 74 % of the question starts it puts where a writer
began a sentence that ends in a question mark, and 28 % of the writers' question starts. Read without punctuation,
those sets' lines get 7 more of their 1,712 questions' topics, and no other figure moves; putting a full stop at every
likely start, or at the last one whatever followed it, broke lists ('pins and needles | no | weak legs | no') into
sentences of their own and raised calm lines on the other development sets."""
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


_MARK_RANK: Final = {",": 1, ";": 1, ":": 1, ".": 2, "!": 2, "?": 3}
_MARK_OF_RANK: Final = {1: ",", 2: ".", 3: "?"}


def words_and_marks(text: str) -> tuple[list[str], list[str]]:
    """text's words (lower case, apostrophes kept inside) and, for each, the mark after it: '' none, ',' a clause's end
    (comma, semicolon, colon), '.' a sentence's (full stop, exclamation mark), '?' a question's; of several, the
    strongest ('?' over '.' over ',')."""
    words: list[str] = []
    marks: list[int] = []
    for token in _WORD.findall(text.lower().replace("\u2019", "'")):
        if _MARKS.fullmatch(token):
            if marks:
                marks[-1] = max(marks[-1], _MARK_RANK[token])
        else:
            words.append(_word_form(token))
            marks.append(0)
    return words, [_MARK_OF_RANK.get(mark, "") for mark in marks]


def question_starts(marks: list[str]) -> list[bool]:
    """For each gap after a word but the last, whether a writer broke there and began what ends with a question mark
    ('chest pain today. is it the inflammation?', 'my legs are weak, is that normal?')."""
    ending = ""
    ends: list[str] = [""] * len(marks)
    for index in range(len(marks) - 1, -1, -1):
        if marks[index] in (".", "?"):
            ending = marks[index]
        ends[index] = ending
    return [bool(marks[index]) and ends[index + 1] == "?" for index in range(len(marks) - 1)]


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


def question_extras(words: list[str], index: int) -> list[str]:
    """What the question model sees of the gap after words[index] beyond what the comma model sees (gap_features,
    hashed before these): the three words after it together, the first and third of them, and how far it is from the
    end."""

    def word(at: int) -> str:
        return words[at] if at < len(words) else "</s>"

    return [
        f"n{word(index + 1)} {word(index + 2)} {word(index + 3)}", f"m{word(index + 1)} {word(index + 3)}",
        f"r{min(len(words) - 1 - index, 12)}",
    ]


def feature_ids(features: list[str]) -> npt.NDArray[np.int64]:
    """The hashed bucket of each feature."""
    mask = (1 << BITS) - 1
    return np.array([zlib.crc32(feature.encode()) & mask for feature in features], dtype=np.int64)


def _probabilities(
    buckets: npt.NDArray[np.int64], weights: npt.NDArray[np.float32], ids: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """The logistic probability of each row of feature buckets: the sum of the fitted buckets' weights."""
    if len(buckets) == 0:
        return np.zeros(len(ids))
    rows = np.minimum(np.searchsorted(buckets, ids), len(buckets) - 1)
    scores = np.where(buckets[rows] == ids, weights[rows], 0.0).sum(axis=1)  # buckets never fitted weigh 0
    probabilities: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-scores))
    return probabilities


def _no_weights() -> npt.NDArray[np.float32]:
    return np.zeros(0, dtype=np.float32)


def _no_buckets() -> npt.NDArray[np.int64]:
    return np.zeros(0, dtype=np.int64)


@dataclass(frozen=True)
class CommaModel:
    """The fitted weights: one per bucket seen when fitting (sorted buckets, their weights); a gap's score is the sum
    of its features' weights. question_buckets and question_weights are the question model's, empty for none."""

    buckets: npt.NDArray[np.int64]
    weights: npt.NDArray[np.float32]
    question_buckets: npt.NDArray[np.int64] = field(default_factory=_no_buckets)
    question_weights: npt.NDArray[np.float32] = field(default_factory=_no_weights)

    def _probabilities_of(self, words: list[str]) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """The probability of a break and of a question's start after each word but the last (zeros for the second
        without a question model), the comma model's features hashed once for the two."""
        gaps = len(words) - 1
        if gaps < 1:
            return np.zeros(0), np.zeros(0)
        ids = np.stack([feature_ids(gap_features(words, index)) for index in range(gaps)])
        breaks = _probabilities(self.buckets, self.weights, ids)
        if len(self.question_buckets) == 0:
            return breaks, np.zeros(gaps)
        extras = np.stack([feature_ids(question_extras(words, index)) for index in range(gaps)])
        return breaks, _probabilities(self.question_buckets, self.question_weights, np.hstack([ids, extras]))

    def restore(self, text: str) -> str:
        """text with a comma put at each likely break, or text itself when it has punctuation or is short."""
        return self.readings(text)[0] or text

    def with_question(self, text: str) -> str | None:
        """text with its commas put back and a question run on after a report parted from it: a full stop where a
        question likely starts after the first word and the words after it open like one (the last such start), and a
        question mark at the end; None where no question starts, or text has punctuation or is short."""
        return self.readings(text)[1]

    def readings(self, text: str) -> tuple[str | None, str | None]:
        """(text with its commas put back, the same with a question run on after a report parted from it), from one
        pass over its gaps; None for either where it has none to put back (the first is then text itself when text has
        no punctuation and is long enough), both None for text with punctuation or too short."""
        if has_punctuation(text) or len(self.buckets) == 0:
            return None, None
        spans = [match.span() for match in _SPOKEN_WORD.finditer(text)]
        if len(spans) < MIN_WORDS:
            return None, None
        words = [_word_form(text[start:end]) for start, end in spans]

        def allowed(index: int) -> bool:
            return (
                words[index] not in _NO_BREAK_AFTER
                and not (words[index] in _COPULAS and index > 0 and words[index - 1] not in _CLAUSE_END_BEFORE_COPULA)
                and not (words[index + 1] in _EMPHATIC_ANSWERS and index + 2 < len(words) and words[index + 2] in _EMPHASIS)
            )

        def marked(marks: dict[int, str]) -> str:
            pieces: list[str] = []
            last = 0
            for cut in sorted(marks):
                pieces.append(text[last:cut] + marks[cut])
                last = cut
            return "".join(pieces) + text[last:]

        breaks, questions = self._probabilities_of(words)
        marks = {spans[index][1]: "," for index in range(len(spans) - 1) if breaks[index] > BREAK_BAR and allowed(index)}
        asking = [index for index in range(1, len(spans) - 1) if questions[index] > QUESTION_BAR and allowed(index)]
        if not asking or not is_question_sentence([w.replace("'", "") for w in words[asking[-1] + 1 :]], False):
            return marked(marks), None
        # the report ends at the last likely start, and the question runs to the end
        return marked(marks), marked(marks | {spans[asking[-1]][1]: "."}).rstrip() + "?"
