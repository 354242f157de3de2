"""Mending domain words a recogniser split into ordinary words or heard as a sound-alike.

A recogniser that does not know a word writes what it heard: 'sir jury' for 'surgery', 'en sades' for
'NSAIDs', 'chess pain' for 'chest pain', 'can't p' for 'can't pee'. Splits made of English words never
reach the unknown-word repair in matching.py. This module compares rough sound keys (vowels as one
class, voicing ignored, a silent final 'e' and a non-rhotic 'r' dropped) of windows of words with the
keys of the content's own words, and mends a window only on evidence:

- a distinctive word (six letters or more, rarer than everyday English) that a window of up to four
  words spells exactly by sound, when the window holds a word the content does not know, a rare piece
  for a word of four consonant sounds ('lim foma', 'ray the ation'), or only unknown words for three
  ('sir jury'); or
- a word the content's own sentences say beside a neighbour that the utterance has too ('chess pain' →
  'chest pain', 'main men you' → 'main menu', 'a lamp on my back' → 'a lump on my back'), where the
  neighbour is a domain word or an uncommon one, never 'like' or 'through'.

The guards keep ordinary speech as it is: negations and people are never joined or made ('aid isnt' is
no 'doesnt'), a red-flag or domain word is never replaced or swallowed ('are paining'), an everyday
word alone is meant as said ('i cant pay'), and a window of stopwords and known words is never joined
('passed out or'). tests/test_mending.py holds the sentences that must stay unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Iterable, Mapping

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from voice_assistant.core.content import Content
from voice_assistant.core.normalise import Normaliser, stem
from voice_assistant.core.phrases import MARKS

__all__ = ["ANSWER_WORDS", "sound_key", "consonants", "Mender", "MendingWords", "mending_words"]

_LETTER_NAMES: Final = {
    "b": "bee", "c": "see", "d": "dee", "f": "ef", "g": "jee", "j": "jay", "k": "kay", "l": "el", "m": "em",
    "n": "en", "p": "pee", "q": "kew", "r": "ar", "s": "es", "t": "tee", "v": "vee", "x": "ex", "z": "zed",
}
"""A letter written alone is heard as its name ('can't p' is 'can't pee')."""

_SPELLING: Final = (
    (r"ch", "C"), (r"sh", "S"), (r"ph", "f"), (r"ck", "k"), (r"c(?=[eiy])", "s"), (r"c", "k"), (r"q", "k"), (r"x", "ks"), (r"z", "s"),
    (r"gh", ""), (r"^kn", "n"), (r"^wr", "r"), (r"dg", "j"), (r"g(?=[eiy])", "j"), (r"tch", "ch"),
    (r"(?<=[aeiouy][^aeiouy])es$", "s"), (r"(?<=[aeiouy][^aeiouy]{2})es$", "s"), (r"(?<=[aeiouy][^aeiouy])e$", ""), (r"(?<=[aeiouy][^aeiouy]{2})e$", ""),
)
"""Spelling → sound, per word: 'ph' is 'f', a soft 'c' or 'g' is 's' or 'j', a silent final 'e' goes."""

_SOUNDS: Final = (
    (r"th", "t"), (r"[dt]", "t"), (r"[bp]", "p"), (r"[gk]", "k"), (r"[fv]", "f"),
    (r"(?<=[aeiouyhw])r(?![aeiouy])", ""), (r"[aeiouyhw]+", "V"),
)
"""Sound → class: voicing ignored ('ray the ation' meets 'radiation'), an 'r' after a vowel and before a
consonant or the end is silent (non-rhotic: 'sauces' meets 'sources'), vowels and h, w, y are one class."""

_PRONOUNS: Final = frozenset({"i", "he", "she", "we", "they", "it", "me", "him", "us", "them", "my", "his", "her", "our", "their"})
"""Words a split domain word never contains."""
_CLAUSE_WORDS: Final = frozenset({"where", "what", "when", "which", "who", "whose", "why", "how", "whether"})
"""Nor these, which open a clause ('a drama where a man …' is no 'trauma')."""
ANSWER_WORDS: Final = frozenset({"yes", "yeah", "yep", "yup", "no", "nope", "nah", "ok", "okay", "please", "thanks"})
"""Nor a word that answers or asks politely: 'should i call an ambulance yes or no' is no 'imbalance', 'morgan
yes' no 'emergency', 'is it the muscle yes' no 'muscles'."""
_MIN_STRONG_LETTERS: Final = 6
_MIN_STRONG_CONSONANTS: Final = 3
"""A window of unknown words alone ('sir jury') is mended into a word of this many consonant sounds without context."""
_STRONG_CONSONANTS: Final = 4
"""A window with one stopword or one domain word in it ('council or') needs this many."""
_EVERYDAY_ZIPF: Final = 4.5
"""A single word this frequent in English ('pay', 'cat') is meant as said, never mended into a sound-alike."""
_RARE_ZIPF: Final = 3.5
"""Below this a word of a split is rare enough ('foma', 'ation', 'moans') to vouch for mending without context."""
_COMMON_ZIPF: Final = 5.5
"""A neighbour this common ('like', 'through') is no evidence for a sound-alike beside it, unless a domain word."""
_DISTINCTIVE_ZIPF: Final = 4.7
"""A word is mended out of a split without context only when it is rarer than this in English."""
_LINKERS: Final = frozenset({"and", "or", "but", "nor"})
"""A window holding one of these ('council or maybe') is mended only on the evidence of context."""
_DETERMINERS: Final = frozenset({"the", "a", "an", "my", "his", "her", "your", "their", "our", "this", "that"})
"""Compared as one word in the domain's sentences ('spread to my spine' meets 'spread to the spine')."""
_BODY_PLACES: Final = frozenset({"back", "spine", "neck", "backbone", "vertebrae", "lower", "side"})
"""Compared as one word too ('a lump on my back' meets 'a lump on my spine')."""
_CONTEXT_DISTANCE: Final = 3
"""How far (in words) the domain's sentences and the utterance may put a neighbour from the mended word."""
_SLIP_SPELLING: Final = 70
"""How alike in letters (RapidFuzz ratio) a non-word must be to the red-flag word it sounds like to be mended into it
without context ('bladda' and 'bladder' score 77)."""
_SLIP_LETTERS: Final = 4
"""A non-word this long or longer may be one slip from a red-flag word ('unmb'); shorter ones are too many words' slips."""
_TOPIC_SLIP_LETTERS: Final = 6
"""A typed non-word this long may be mended to a topic word one slip away; shorter ones only to red-flag and command words."""
_SLIP_MARGIN: Final = 10
"""... and how much closer than any other word of the same sound ('fevar' is 'fever', 80, not 'overview', 31;
'weeak' is as near 'week' as 'weak', so it is left as typed)."""


def sound_key(words: Iterable[str]) -> str:
    """A rough key of how words sound together: 'sir jury' and 'surgery' both give 'sVjVrV'."""
    return _sound_key(tuple(words))


@lru_cache(maxsize=8192)
def _sound_key(words: tuple[str, ...]) -> str:
    # the mender asks for some thirty keys an input, each through some fifty substitutions, and most of the
    # words are the same from one input to the next
    spelled = []
    for word in words:
        word = _NOT_LETTERS.sub("", word.casefold())
        word = _LETTER_NAMES.get(word, word)
        for pattern, replacement in _SPELLING_COMPILED:
            word = pattern.sub(replacement, word)
        spelled.append(word)
    key = "".join(spelled)
    for pattern, replacement in _SOUNDS_COMPILED:
        key = pattern.sub(replacement, key)
    key = _REPEATS.sub(r"\1", key)
    return key.lstrip("V")


_NOT_LETTERS: Final = re.compile(r"[^a-z]")
_REPEATS: Final = re.compile(r"(.)\1+")
_SPELLING_COMPILED: Final = tuple((re.compile(pattern), replacement) for pattern, replacement in _SPELLING)
_SOUNDS_COMPILED: Final = tuple((re.compile(pattern), replacement) for pattern, replacement in _SOUNDS)


def consonants(key: str) -> int:
    """How many consonant sounds a sound key holds."""
    return sum(1 for c in key if c != "V")


@dataclass(frozen=True)
class _Candidate:
    word: str
    exact: bool


@dataclass(frozen=True)
class MendingWords:
    """What the mender knows of one Content (word sets hold words and stems, compared either way)."""

    sentences: tuple[str, ...]
    """The content's own sentences and phrases, normalised: the evidence of how its words go together."""
    stopwords: frozenset[str]
    """Words that carry no topic ('the', 'what'): never replaced on their own, no evidence for a neighbour."""
    known: frozenset[str]
    """Every word and stem the content uses."""
    protected: frozenset[str]
    """Key terms of topics and commands, synonyms and out-of-scope terms: replaced alone only by a red-flag word."""
    alarm: frozenset[str]
    """Words of the red-flag rules and the domain ('pain', 'back'): never replaced, never swallowed by a window."""
    fixed: frozenset[str]
    """Negations and people ('isnt', 'husband'): never part of a mended window, never made by one."""
    anchors: frozenset[str]
    """The domain's own words ('pain', 'back'), which vouch for a sound-alike beside them however common they are."""
    commands: frozenset[str] = frozenset()
    """The one-word keywords of commands ('slower', 'louder'): a typed non-word one slip from one is mended into it."""


def mending_words(content: Content, normaliser: Normaliser, stopwords: frozenset[str], known: frozenset[str]) -> MendingWords:
    """The words and sentences of one Content that the mender needs."""
    vocabulary = content.vocabulary

    def stems(texts: Iterable[str]) -> set[str]:
        return {stem(w) for text in texts for w in normaliser.normalise_pattern(text).split() if w != "*"}

    domain = stems((*vocabulary.domain_words, *vocabulary.pain_words))
    rule_texts = [text for rule in content.rules for text in (*rule.phrases, *(p for c in rule.combinations for g in c for p in g))]
    protected = stems(k.text for topic in content.topics for k in topic.keywords)
    protected |= stems(text for pair in vocabulary.synonyms for text in pair)
    protected |= stems(k for command in content.commands for k in command.keywords)
    protected |= stems(vocabulary.out_of_scope_terms)
    singles = (normaliser.normalise(item) for item in (*vocabulary.negations, *vocabulary.others))
    texts: list[str] = [*vocabulary.domain_words, *vocabulary.pain_words, *vocabulary.calm_examples]
    texts += [text for pair in vocabulary.synonyms for text in pair]
    for topic in content.topics:
        texts += [k.text for k in topic.keywords] + list(topic.phrasings)
    for command in content.commands:
        texts += list(command.keywords) + list(command.phrasings)
    for rule in content.rules:
        texts += list(rule.examples)
    texts += rule_texts
    return MendingWords(
        sentences=tuple(normaliser.normalise_pattern(text) for text in texts),
        stopwords=stopwords,
        known=known,
        protected=frozenset(protected | domain),
        alarm=frozenset(stems(rule_texts) | domain),
        fixed=frozenset(w for w in singles if w and " " not in w),
        anchors=frozenset(domain),
        commands=frozenset(normaliser.normalise(k) for command in content.commands for k in command.keywords if " " not in k),
    )


class Mender:
    """Mends split or sound-alike domain words in canonical text, on the evidence of the domain's own sentences."""

    def __init__(self, words: MendingWords, frequency: Mapping[str, float]) -> None:
        """frequency: English word → Zipf frequency; without it no single word is replaced."""
        self._fixed = words.fixed | _PRONOUNS | _CLAUSE_WORDS | ANSWER_WORDS
        self._anchors = words.anchors | words.fixed
        self._frequency = frequency
        self._stopwords = words.stopwords
        self._known = words.known
        self._protected = words.protected | words.alarm
        self._alarm = words.alarm
        self._commands = words.commands
        self._marks = MARKS
        texts = [[w for w in s.split() if w not in MARKS and w != "*"] for s in words.sentences]
        vocabulary = {w for text in texts for w in text if w.isalpha() and len(w) >= 3}
        self._by_key: dict[str, set[str]] = {}
        self._by_last_deletion: dict[str, set[str]] = {}
        for word in vocabulary - self._stopwords - self._fixed:
            key = sound_key([word])
            if consonants(key) >= 1:
                self._by_key.setdefault(key, set()).add(word)
                if key[-1] != "V" and consonants(key) >= 3:
                    self._by_last_deletion.setdefault(key[:-1], set()).add(word)
        self._words = sorted(vocabulary)
        self._ngrams: set[tuple[str, ...]] = set()
        for text in texts:
            keys = [self._ngram_key(w) for w in text]
            for i in range(len(keys)):
                for n in range(2, _CONTEXT_DISTANCE + 2):
                    if i + n <= len(keys):
                        self._ngrams.add(tuple(keys[i : i + n]))

    def mend(self, tokens: list[str]) -> list[str]:
        """The tokens with split or sound-alike domain words mended, left to right."""
        out: list[str] = []
        i = 0
        while i < len(tokens):
            mended = self._mend_at(tokens, out, i) or self._one_slip(tokens[i])
            if mended is None:
                out.append(tokens[i])
                i += 1
            else:
                word, width = mended
                out.append(word)
                i += width
        return out

    def _mend_at(self, tokens: list[str], out: list[str], i: int) -> tuple[str, int] | None:
        for width in (4, 3, 2, 1):
            window = tokens[i : i + width]
            if len(window) < width or any(t in self._marks or not t.isalpha() for t in window):
                continue
            if any(t in self._fixed for t in window):
                continue
            if width == 1 and (self._is_stopword(window[0]) or self._is_alarm(window[0]) or self._is_everyday(window[0])):
                continue  # a word the red-flag rules use, or an everyday one ('i cant pay'), is meant as said
            if width > 1 and self._is_everyday(window[0]) and all(t in ("a", "an", "the") for t in window[1:]):
                continue  # nor is an everyday word before an article ('the hospital drama a man …' is no 'trauma')
            key = sound_key(window)
            if consonants(key) < 1:
                continue
            left = self._context(reversed(out))
            right = self._context(tokens[i + width :])
            if width == 1 and self._in_context(window[0], left, right) is not None:
                continue  # the word as heard fits here as well as any sound-alike
            if width == 1 and any(self._is_nonword(t) for t in tokens[max(0, i - 1) : i] + tokens[i + 1 : i + 2]):
                continue  # 'pan creas' is a split this mender cannot join, never 'bone creas'
            spelled = "".join(_LETTER_NAMES.get(t, t) for t in window)
            candidates = sorted(
                (c for c in self._candidates(key, width) if c.word not in window and stem(c.word) != stem("".join(window))),
                key=lambda c: (not c.exact, -fuzz.ratio(spelled, c.word), c.word),
            )
            for candidate in candidates:
                if width == 1 and self._is_protected(window[0]) and not (candidate.exact and self._is_alarm(candidate.word)):
                    continue  # a key term is mended only into a red-flag word said in its context ('cant pea')
                if self._acceptable(window, key, candidate, left, right):
                    return candidate.word, width
        return None

    def _one_slip(self, token: str) -> tuple[str, int] | None:
        """The red-flag word or command word a typed non-word is one slip from (a letter dropped, added, changed or two
        swapped: 'unmb', 'chst', 'fevr', 'owels', 'slwoer'), or the topic word a long one is ('phsyio'), when it is the
        only word of the domain's sentences that near; else None."""
        if not self._may_be_slip(token):
            return None
        near = process.extract(token, self._words, scorer=OSA.distance, score_cutoff=1, limit=2)
        if len(near) != 1:
            return None
        word = near[0][0]
        if self._is_alarm(word) or word in self._commands:
            return word, 1
        if len(token) >= _TOPIC_SLIP_LETTERS and self._is_protected(word):
            return word, 1  # a long topic word with a letter slipped or two swapped ('phsyio', 'acupunture')
        return None

    def _may_be_slip(self, token: str) -> bool:
        """True for a typed token that may be mended as a slip without context: long enough, no English word and no
        term the assistant knows ('picc')."""
        return len(token) >= _SLIP_LETTERS and self._is_nonword(token) and not self._is_protected(token)

    def _candidates(self, key: str, width: int) -> list[_Candidate]:
        exact = sorted(self._by_key.get(key, ()))
        found = [_Candidate(w, True) for w in exact]
        if width == 1 and consonants(key) >= 2:  # a last sound the recogniser lost ('chess' for 'chest'), in context only
            found += [_Candidate(w, False) for w in sorted(self._by_last_deletion.get(key, set()) - set(exact))]
        return found

    def _context(self, tokens: Iterable[str]) -> list[str]:
        """Up to _CONTEXT_DISTANCE neighbouring words, nearest first, stopping at a mark."""
        words: list[str] = []
        for token in tokens:
            if token in self._marks or len(words) == _CONTEXT_DISTANCE:
                break
            words.append(token)
        return words

    def _acceptable(self, window: list[str], key: str, candidate: _Candidate, left: list[str], right: list[str]) -> bool:
        word = candidate.word
        if len(window) == 1:
            if self._in_context(word, left, right) is not None:
                return True
            # A typed slip that is no word at all, spelled by sound as a red-flag word from its first letter, and far closer
            # in letters to it than to any other word of that sound ('bladda', 'fevar'): a symptom is not lost to its spelling.
            if not (candidate.exact and self._may_be_slip(window[0]) and self._is_alarm(word) and window[0][0] == word[0]):
                return False
            alike = fuzz.ratio(window[0], word)
            rivals = (fuzz.ratio(window[0], other) for other in self._by_key.get(key, ()) if other != word)
            return alike >= _SLIP_SPELLING and all(alike - rival >= _SLIP_MARGIN for rival in rivals)
        if len(window[0]) == 1 and window[0] in "aeiou" and word[0] not in "aeiou":
            return False  # 'a lamp' is 'a lump', but 'a pet tight' is 'appetite'
        if self._is_stopword(window[0]) and consonants(sound_key(window[:1])) == 0 and word[0] != window[0][0]:
            return False  # 'are bladda problems' keeps its 'are': a word spelled from another letter does not start there
        voiced = [t for t in window if not (self._is_stopword(t) and consonants(sound_key([t])) == 0)]
        unknown = [t for t in voiced if not self._is_known(t) and not self._is_stopword(t)]
        if not unknown:
            return False  # words the content knows and stopwords alone are meant as said ('passed out or')
        kept = [t for t in window if self._is_known(t) and not self._is_stopword(t) and not (len(t) >= 6 and t in word)]
        stops = [t for t in voiced if self._is_stopword(t)]
        if len(kept) > 1 or len(stops) > 1 or any(t in word for t in kept):
            return False  # 'back pane' is never 'backbone'
        if any(self._is_alarm(t) and not self._is_stopword(t) and not (len(t) >= 6 and t in word) for t in window):
            return False  # a domain or red-flag word is meant as said ('are paining' is never 'burning')
        rare = [t for t in unknown if self._frequency.get(t, 0.0) < _RARE_ZIPF]
        inner = not any(t in _LINKERS for t in window) and not any(t in (window[0], window[-1]) for t in stops)
        distinctive = self._frequency.get(word, 0.0) < _DISTINCTIVE_ZIPF  # 'surgery', never 'ground' of 'are grand'
        if candidate.exact and len(word) >= _MIN_STRONG_LETTERS and inner and distinctive:  # 'ray the ation', never 'desk is'
            sounds = consonants(key)
            if sounds >= _STRONG_CONSONANTS and rare:
                return True  # 'lim foma', 'en sades', 'ray the ation'
            if sounds >= _MIN_STRONG_CONSONANTS and not stops and not kept and len(unknown) == len(voiced):
                if rare or not self._is_alarm(word):
                    return True  # 'sir jury', 'a petite'; never 'two dress sizes' → 'trousers'
        if kept:
            return False
        evidence = self._in_context(word, left, right)
        if evidence is None:
            return False
        return evidence == 1 or not all(self._is_everyday(t) for t in unknown)  # 'main men you' needs 'main menu'

    def _in_context(self, word: str, left: list[str], right: list[str]) -> int | None:
        """How far away (in words) the nearest content word is that the domain's sentences say with word the same
        way as here ('chest pain': 1), or None."""
        target = self._ngram_key(word)
        alarm = self._is_alarm(word)
        found: list[int] = []
        for k in range(1, len(left) + 1):
            before = left[:k]  # nearest first
            if self._vouches(before[-1], alarm) and tuple(self._ngram_key(w) for w in reversed(before)) + (target,) in self._ngrams:
                found.append(k)
        for k in range(1, len(right) + 1):
            after = right[:k]
            if self._vouches(after[-1], alarm) and (target,) + tuple(self._ngram_key(w) for w in after) in self._ngrams:
                found.append(k)
        return min(found, default=None)

    def _vouches(self, neighbour: str, alarm: bool) -> bool:
        """Whether a neighbour is evidence: a domain word, or an uncommon content word (never 'like', 'through');
        for a red-flag word only the domain's own words vouch ('chest pain', 'cant pee')."""
        if self._is_stopword(neighbour):
            return False
        if neighbour in self._anchors or stem(neighbour) in self._anchors:
            return True
        if self._frequency.get(neighbour, 0.0) >= _COMMON_ZIPF:
            return False
        return not alarm or self._is_alarm(neighbour)

    def _ngram_key(self, word: str) -> str:
        if word in _DETERMINERS:
            return "the"
        return "back" if word in _BODY_PLACES else stem(word)

    def _is_known(self, word: str) -> bool:
        """A word the content uses; a non-word that only shares a stem with one ('sades', 'sad') is not."""
        if word in self._known:
            return True
        return stem(word) in self._known and (not self._frequency or word in self._frequency)

    def _is_nonword(self, word: str) -> bool:
        """True for a token that is no English word and no word of the content ('creas' of 'pan creas')."""
        return bool(self._frequency) and word.isalpha() and len(word) > 1 and word not in self._frequency and not self._is_known(word)

    def _is_everyday(self, word: str) -> bool:
        """True for a word too common to stand for a sound-alike on its own; a lone letter is heard as its name."""
        if not self._frequency:
            return True
        return len(word) > 1 and self._frequency.get(word, 0.0) >= _EVERYDAY_ZIPF

    def _is_alarm(self, word: str) -> bool:
        return word in self._alarm or stem(word) in self._alarm

    def _is_protected(self, word: str) -> bool:
        return word in self._protected or stem(word) in self._protected

    def _is_stopword(self, word: str) -> bool:
        return word in self._stopwords or stem(word) in self._stopwords
