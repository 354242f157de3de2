"""Phrases compiled to stems, and where they occur in a tokenised text (tolerant of typing and hearing slips)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, Iterable, Sequence

from rapidfuzz import fuzz, process

from voice_assistant.core.memo import Memo
from voice_assistant.core.normalise import stem

__all__ = ["GAP", "MARKS", "Phrase", "Occurrence", "TokenText", "PhraseIndex", "compile_phrase"]

GAP: Final = "*"
"""In a phrase, stands for up to MAX_GAP other words."""
MAX_GAP: Final = 3
MARKS: Final = frozenset({",", ".", "?"})
_FUZZY_MIN_LENGTH: Final = 5
_FUZZY_CUTOFF: Final = 85.0


@dataclass(frozen=True)
class Phrase:
    """A phrase as a sequence of word stems (GAP for 'some words')."""

    text: str
    """The phrase as written in prompts/, canonical."""
    words: tuple[str, ...]
    """Its words (GAP kept)."""
    stems: tuple[str, ...]
    """Their stems (GAP kept)."""
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Phrases are dictionary keys looked up millions of times a minute (the rules ask for each of theirs
        # in every input): their hash is worked out once, not from three tuples at every lookup.
        object.__setattr__(self, "_hash", hash((self.text, self.words, self.stems)))

    def __hash__(self) -> int:
        return self._hash


def compile_phrase(canonical: str) -> Phrase:
    """A Phrase from canonical text ('cant * pee')."""
    words = tuple(word for word in canonical.split() if word not in MARKS)
    while words and words[0] == GAP:
        words = words[1:]
    while words and words[-1] == GAP:
        words = words[:-1]
    return Phrase(canonical, words, tuple(GAP if w == GAP else stem(w) for w in words))


@dataclass(frozen=True)
class Occurrence:
    """Where a phrase was found: token positions start..end-1, and the positions of its own words."""

    phrase: Phrase
    """The phrase found."""
    start: int
    """First token position."""
    end: int
    """One past the last token position."""
    positions: tuple[int, ...]
    """Positions of the phrase's own words (gaps excluded)."""


@dataclass(frozen=True)
class TokenText:
    """Canonical text split into tokens, with each token's stem."""

    tokens: tuple[str, ...]
    """Words and marks."""
    stems: tuple[str, ...]
    """The stem of each token (marks unchanged)."""

    @classmethod
    def from_canonical(cls, canonical: str) -> "TokenText":
        """Tokens and stems of canonical text."""
        tokens = tuple(canonical.split())
        return cls(tokens, tuple(stem(token) for token in tokens))


@dataclass(frozen=True)
class _Bucket:
    """The phrases that start with one stem, sorted by their second stem so that most are ruled out at a glance.

    Nearly every phrase that starts with a word of the text fails at its second word: a phrase is only tried where
    the next token matches its second stem, or where its second word is no fixed stem (a gap, or no second word)."""

    phrases: tuple[Phrase, ...]
    """The phrases, in the order they were given."""
    free: tuple[Phrase, ...]
    """Those whose second word is no fixed stem, in order."""
    by_second: dict[str, tuple[Phrase, ...]]
    """Second stem → the free phrases and those with that second stem, in order."""
    order: dict[str, tuple[int, ...]]
    """Second stem → the positions in phrases of by_second's phrases (to merge several second stems in order)."""

    @classmethod
    def of(cls, phrases: Iterable[Phrase]) -> "_Bucket":
        """The bucket of phrases (all with the same first stem), in their order."""
        ordered = tuple(phrases)
        free: list[int] = []
        fixed: dict[str, list[int]] = {}
        for i, phrase in enumerate(ordered):
            if len(phrase.stems) < 2 or phrase.stems[1] == GAP:
                free.append(i)
            else:
                fixed.setdefault(phrase.stems[1], []).append(i)
        order = {second: tuple(sorted(free + where)) for second, where in fixed.items()}
        return cls(
            ordered,
            tuple(ordered[i] for i in free),
            {second: tuple(ordered[i] for i in where) for second, where in order.items()},
            order,
        )

    def candidates(self, after: frozenset[str]) -> Sequence[Phrase]:
        """The phrases that may occur here when the next token matches the stems in after, in the bucket's order."""
        hits = [second for second in after if second in self.order]
        if not hits:
            return self.free
        if len(hits) == 1:
            return self.by_second[hits[0]]
        return [self.phrases[i] for i in sorted({i for second in hits for i in self.order[second]})]


class PhraseIndex:
    """Finds every occurrence of many phrases in a text at once.

    A word matches a phrase word when their stems are equal, or, for words of five letters or more
    that start with the same letter, when they are at least 85% alike (typing slips, 'bladdar').
    """

    def __init__(self, phrases: Iterable[Phrase], real_words: frozenset[str] = frozenset()) -> None:
        """real_words: everyday words taken as said, never as a slip of a phrase word ('seats' is no 'sweats')."""
        self._real = real_words
        by_first: dict[str, list[Phrase]] = {}
        self._words: set[str] = set()
        for phrase in phrases:
            if not phrase.stems:
                continue
            bucket = by_first.setdefault(phrase.stems[0], [])
            if phrase not in bucket:
                bucket.append(phrase)
            self._words.update(word for word in phrase.words if word != GAP)
        self._word_list = sorted(self._words)
        self._buckets = {first: _Bucket.of(bucket) for first, bucket in by_first.items()}
        self._stem_of = {word: stem(word) for word in self._word_list}
        self._fuzzy_cache: Memo[str, frozenset[str]] = Memo()
        """Slips already looked up; a memo, so the words of an input are not kept once it is answered."""
        self._found: Memo[tuple[str, ...], tuple[Occurrence, ...]] = Memo()
        """Texts already searched: the rules, the matcher and the safety net search the same clause several times."""

    def _alike(self, word: str) -> frozenset[str]:
        """Stems of phrase words that this (unknown) word is a slip of."""
        cached = self._fuzzy_cache.get(word)
        if cached is not None:
            return cached
        found: frozenset[str] = frozenset()
        if len(word) >= _FUZZY_MIN_LENGTH and word.isalpha() and word not in self._words and word not in self._real:
            hits = process.extract(
                word, self._word_list, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF, limit=5
            )
            found = frozenset(
                self._stem_of[hit] for hit, _, _ in hits
                if len(hit) >= _FUZZY_MIN_LENGTH and hit[0] == word[0] and abs(len(hit) - len(word)) <= 1
            )  # a slip adds, drops or swaps a letter: 'consultant' is no 'constant'
        return self._fuzzy_cache.put(word, found)

    def _matches(self, text: TokenText, position: int, wanted: str) -> bool:
        if text.stems[position] == wanted:
            return True
        token = text.tokens[position]
        return token not in MARKS and wanted in self._alike(token)

    def find(self, text: TokenText) -> list[Occurrence]:
        """Every occurrence of every phrase, in text order."""
        done = self._found.get(text.tokens)
        if done is None:
            done = self._found.put(text.tokens, tuple(self._find(text)))
        return list(done)

    def _find(self, text: TokenText) -> list[Occurrence]:
        found: list[Occurrence] = []
        tokens, stems = text.tokens, text.stems
        for position, token in enumerate(tokens):
            if token in MARKS:
                continue
            buckets = [self._buckets.get(stems[position])]
            buckets += [self._buckets.get(alike) for alike in self._alike(token)]
            if not any(buckets):
                continue
            after = self._followers(text, position + 1)
            for bucket in buckets:
                if bucket is None:
                    continue
                for phrase in bucket.candidates(after):
                    positions = self._match_at(text, position, phrase.stems)
                    if positions is not None:
                        found.append(Occurrence(phrase, position, positions[-1] + 1, positions))
        return found

    def _followers(self, text: TokenText, position: int) -> frozenset[str]:
        """The stems the token at position matches (_matches): its own and, for a word, those it is a slip of."""
        if position >= len(text.tokens):
            return frozenset()
        token = text.tokens[position]
        own = frozenset((text.stems[position],))
        return own if token in MARKS else own | self._alike(token)

    def _match_at(self, text: TokenText, start: int, stems: tuple[str, ...]) -> tuple[int, ...] | None:
        positions = [start]
        cursor = start + 1
        index = 1
        while index < len(stems):
            wanted = stems[index]
            if wanted == GAP:
                wanted = stems[index + 1]
                for skip in range(MAX_GAP + 1):
                    probe = cursor + skip
                    if probe >= len(text.tokens) or text.tokens[probe] in MARKS:
                        return None
                    if self._matches(text, probe, wanted):
                        break
                else:
                    return None
                positions.append(probe)
                cursor = probe + 1
                index += 2
                continue
            if cursor >= len(text.tokens) or not self._matches(text, cursor, wanted):
                return None
            positions.append(cursor)
            cursor += 1
            index += 1
        return tuple(positions)
