"""Is a question about what the article talks about? Word facts that the topic combiner weighs.

A question outside the article often shares a word with it ("how do I treat a pulled hamstring"
shares "treat"), so nearness in meaning alone takes it for a topic. What gives it away is a subject
word the article never uses: the domain's vocabulary is every word of the article's sections and the
prompts that teach its topics (phrasings, key terms, commands, word lists), not the red-flag rules,
whose words ('chemotherapy', 'lymphoma') describe the person, not what the article answers. A word
outside it counts by how common it is in English (a frequency list read by app/semantic.py): a rare
one ("hamstring", "menopause") is a subject the article does not cover, a common one ("exactly",
"simple") is a way of asking, and one no list knows is most likely a typing or hearing slip ("acupuncher").

The facts also count what a question names besides the subject itself ('what does neuroendocrine
cancer back pain feel like' names a feeling: not the overview), and say whether it asks for a cause
("could that be from the radiotherapy") or for a remedy ("does radiotherapy help"), which tells
neighbouring topics apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Mapping

from rapidfuzz import fuzz, process

from voice_assistant.core.content import Content
from voice_assistant.core.matching import WORD_ZIPF, phonetic_key
from voice_assistant.core.normalise import Normaliser, stem
from voice_assistant.core.phrases import MARKS

__all__ = [
    "InputFacts", "ScopeVocabulary", "cause_of_a_treatment", "everyday_words", "parse_word_frequency", "COMMON_ZIPF",
    "EVERYDAY_ZIPF", "WORD_ZIPF",
]

EVERYDAY_ZIPF: Final = 3.5
"""Words this frequent in English are what someone meant, never a slip of a symptom word ('seats' is no 'sweats')."""
COMMON_ZIPF: Final = 4.3
"""From this Zipf frequency up a word is everyday English ('fly', 'best'); below, a subject word ('hamstring')."""
_SIMILAR: Final = 85
"""A word this similar (RapidFuzz ratio) to a domain word of five letters or more is that word misspelt."""
_CAP: Final = 3
_MOST_WORDS: Final = 60
"""Only the first words of a long input are weighed (a question is shorter)."""
_LONGEST: Final = 24
"""Longer 'words' are no domain word (and fuzzy comparison of them would only cost time)."""
_CAUSE: Final = re.compile(
    r"\b(?:cause|causes|caused|causing|from|due to|because of|side effects?|leave|leaves|left|give|gives|gave|make|makes"
    r"|made|after|behind|reasons?|why|result of|leads? to|brings? on|triggers?|(?:done|did) (?:this|that|it)|to blame"
    r"|responsible for)\b"
)
_SUBJECT: Final = frozenset(
    "neuroendocrine neuro endocrine net nets nec cancer cancers tumor tumors carcinoid disease condition illness".split()
)
"""Words that name the article's subject as a whole: a question with nothing else in it asks for the overview."""
_REMEDY: Final = re.compile(
    r"\b(?:help|helps|helped|relieve|relieves|relief|treat|treats|treated|treatments?|ease|eases|reduce|fix|good for"
    r"|work|works|try|recommend|manage|control|options?|therapy for|used for|get rid)\b"
)


_CAUSE_TWINS: Final = {"treatment.surgery": "cause.post_surgical_pain", "treatment.radiation": "cause.radiation_therapy"}
"""Treatments the article also names as causes of pain: asked as the cause of something, the cause answers."""
_TREATMENT: Final = r"(?:surgery|operation|op|radiotherapy|radiation(?: therapy| treatment)?)"
_WHOSE: Final = r"(?:(?:the|my|his|her|their|that|this|our|your) )?(?:\w+ )?"
_TREATMENT_AS_CAUSE: Final = re.compile(
    # 'could that just be from the surgery', 'is it down to the radiotherapy i had', 'is my ache caused by the op'
    r"\b(?:is|was|could|might|can|would|are|were) (?:it|that|this|these|those|all this|all that|(?:the|my|his|her) \w+(?: \w+)?) "
    r"(?:(?:just|all|really|maybe|possibly|still) )?(?:be |have been |been )?"
    r"(?:from|down to|because of|caused by|due to|a side effect of|the result of|coming from) " + _WHOSE + _TREATMENT + r"\b"
    # 'could the radiotherapy have done this', 'can surgery cause that', 'has the op left me with it'
    r"|\b(?:could|can|might|would|did|has|have) " + _WHOSE + _TREATMENT + r" (?:have |has )?"
    r"(?:done|caused|cause|did|brought on|bring on|triggered|started|left me with|given me|given him|given her) "
    r"(?:this|that|it|these|those|me|him|her)\b"
    # 'can surgery like that change the way the spine works', 'could radiotherapy damage the nerves'
    r"|\b(?:could|can|might|would|did|does|do|will) " + _WHOSE + _TREATMENT + r" (?:like that |like this )?"
    r"(?:change|damage|harm|alter|affect|weaken|scar) (?:the way )?(?:the|your|my|his|her|someones|healthy) "
    r"(?:spine|back|nerves?|tissues?|bones?)\b"
)


_IT_CAUSES: Final = re.compile(
    r"\b" + _TREATMENT + r"\b.*\b(?:can|could|might|does|do|will|would) (?:it|they|that|this) "
    r"(?:also |ever |sometimes |actually |really |then |itself )*(?:cause|give|bring on|trigger|make) "
    r"(?:some|pain|back pain|any|more|it|you|people|pain of its own)\b"
)
"""A treatment named, then asked whether it causes pain itself: 'my dads radiotherapy was meant to ease his pain, can it
also cause some'."""


def cause_of_a_treatment(canonical: str, topic: str) -> str:
    """The cause topic when a treatment the article also names as a cause of pain is asked about as the cause of
    something ('my legs went numb, could the radiotherapy have done this?'), else topic unchanged."""
    twin = _CAUSE_TWINS.get(topic)
    return twin if twin is not None and (_TREATMENT_AS_CAUSE.search(canonical) or _IT_CAUSES.search(canonical)) else topic


@dataclass(frozen=True)
class InputFacts:
    """Word facts of one input, for the combiner."""

    rare: int = 0
    """Words outside the domain that are rare in English (subject words the article does not cover), up to 3."""
    slips: int = 0
    """Words outside the domain that are no English word either (typing or hearing slips), up to 3."""
    common_share: float = 0.0
    """Share of the content words that are outside the domain but everyday English."""
    asks_cause: bool = False
    """The input asks where something comes from ('why', 'from', 'cause', 'leave you sore')."""
    asks_remedy: bool = False
    """The input asks what helps ('help', 'treat', 'relieve', 'good for')."""
    beyond_subject: int = 0
    """Content words besides the subject's names, pain words and asking for a cause or remedy, up to 3: what it is about."""


def _may_be_similar(length: int, other: int) -> bool:
    """Whether words of these lengths can be _SIMILAR alike: fuzz.ratio is 200 × common letters / both lengths, so
    at most 200 × the shorter length / both lengths (one point of slack against rounding; a spare word costs only
    time)."""
    return 200 * min(length, other) >= (_SIMILAR - 1) * (length + other)


def everyday_words(frequency: Mapping[str, float]) -> frozenset[str]:
    """The words at least EVERYDAY_ZIPF frequent: what someone meant, never a slip of a symptom word."""
    return frozenset(word for word, zipf in frequency.items() if zipf >= EVERYDAY_ZIPF)


def parse_word_frequency(text: str) -> dict[str, float]:
    """Word → Zipf frequency from lines '<zipf> <word> <word> …' ('#' lines are comments)."""
    out: dict[str, float] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        value, *words = line.split()
        zipf = float(value)
        for word in words:
            out.setdefault(word, zipf)
    return out


class ScopeVocabulary:
    """The words of one Content, and an English frequency list to weigh the words outside them."""

    def __init__(self, content: Content, normaliser: Normaliser, frequency: Mapping[str, float]) -> None:
        vocabulary = content.vocabulary
        self._normaliser = normaliser
        self._frequency = frequency
        self._stopwords = frozenset(
            s for item in vocabulary.stopwords for w in normaliser.normalise(item).split() for s in (w, stem(w))
        )
        texts: list[str] = [*vocabulary.domain_words, *vocabulary.pain_words, *vocabulary.calm_examples, *vocabulary.others]
        texts += vocabulary.talk_words
        texts += [word for pair in vocabulary.synonyms for word in pair]
        for topic in content.topics:
            texts += [topic.title, topic.answer, *topic.more, *topic.phrasings, *(k.text for k in topic.keywords)]
        for command in content.commands:
            texts += [*command.phrasings, *command.keywords]
        words = {w for text in texts for w in normaliser.normalise(text.replace("*", " ")).split() if w not in MARKS}
        self._known = frozenset(words | {stem(w) for w in words})
        self._subject = _SUBJECT | frozenset(w for item in vocabulary.pain_words for w in normaliser.normalise(item).split())
        self._long = sorted(w for w in words if len(w) >= 5)
        self._long_by_length = {
            length: [w for w in self._long if _may_be_similar(length, len(w))]
            for length in range(5, _LONGEST + 1)
        }
        """Length of a word → the long words of a length that could be as similar to it as _SIMILAR (the others
        need no comparing)."""
        self._keys = frozenset(key for w in self._long if len(key := phonetic_key(w, keep_first=False)) >= 5)

    def _is_known(self, word: str) -> bool:
        return word in self._known or stem(word) in self._known or word.isdigit()

    def _is_domain_word(self, joined: str, split: bool) -> bool:
        """True when joined is a domain word misspelt or, split by a recogniser, misheard ('ibu profin')."""
        if not (joined.isascii() and joined.isalpha()) or not 5 <= len(joined) <= _LONGEST:
            return False
        if process.extractOne(joined, self._long_by_length[len(joined)], scorer=fuzz.ratio, score_cutoff=_SIMILAR):
            return True
        return split and phonetic_key(joined, keep_first=False) in self._keys

    def _mended(self, words: list[str]) -> list[bool]:
        """For each word, whether it is a domain word, alone or with its neighbours ('oct rio tide')."""
        known = [self._is_known(w) for w in words]
        for width in (4, 3, 2):
            for i in range(len(words) - width + 1):
                window = range(i, i + width)
                if all(known[j] for j in window) or not any(not known[j] for j in window):
                    continue
                if self._is_domain_word("".join(words[j] for j in window), split=True):
                    for j in window:
                        known[j] = True
        return known

    def facts(self, canonical: str) -> InputFacts:
        """The word facts of canonical (normalised) text."""
        words = [w for w in canonical.split() if w not in MARKS][:_MOST_WORDS]
        known = self._mended(words)
        content = [(w, k) for w, k in zip(words, known) if w not in self._stopwords and stem(w) not in self._stopwords]
        rare = slips = common = 0
        for word, is_known in content:
            if is_known or self._is_domain_word(word, split=False):
                continue
            zipf = self._frequency.get(word, 0.0)
            if zipf < WORD_ZIPF:
                slips += 1
            elif zipf < COMMON_ZIPF:
                rare += 1
            else:
                common += 1
        beyond = sum(1 for w, _ in content if w not in self._subject and not _CAUSE.fullmatch(w) and not _REMEDY.fullmatch(w))
        return InputFacts(
            min(rare, _CAP), min(slips, _CAP), common / len(content) if content else 0.0,
            bool(_CAUSE.search(canonical)), bool(_REMEDY.search(canonical)), min(beyond, _CAP),
        )

    def facts_of(self, text: str) -> InputFacts:
        """The word facts of raw text."""
        return self.facts(self._normaliser.normalise(text))
