"""Canonical text → the topic or command it asks for, with a confidence in 0..1.

String similarity alone cannot tell "does massage help?" from "does acupuncture help?", so the
matcher scores content words: weighted key terms per topic (prompts/phrasings.toml), lay words
mapped to those terms (vocabulary.toml [synonyms]), and the words of many example phrasings,
each weighted by how few topics use it (inverse document frequency). Words are compared by stem
and, for longer words, by RapidFuzz similarity, so typing slips and mishearings still count.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import Enum
from typing import Final, Iterable, Mapping

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

from voice_assistant.core.content import OUT_OF_SCOPE, UNCLEAR, Content
from voice_assistant.core.mending import ANSWER_WORDS, Mender, mending_words
from voice_assistant.core.normalise import Normaliser, Replacements, stem
from voice_assistant.core.phrases import GAP, MARKS, Occurrence, Phrase, PhraseIndex, TokenText, compile_phrase
from voice_assistant.core.sentences import (
    FINITE_BE, check_asked_at, claim_checked, has_sequence, is_question_sentence, is_question_start, split_sentences,
)

__all__ = ["MatchBand", "TopicMatch", "Matcher", "ANSWER_THRESHOLD", "CONFIRM_THRESHOLD", "phonetic_key"]

ANSWER_THRESHOLD: Final = 0.55
"""At or above this confidence the topic is answered."""
CONFIRM_THRESHOLD: Final = 0.3
"""From here up to ANSWER_THRESHOLD the assistant asks "Did you mean …?"."""
COMMAND_COVERAGE: Final = 0.75
"""A command's words (with polite words) must make up this share of the utterance."""
_COMMAND_WORDS: Final = 14
"""A command is at most this many words long (longer when nothing in it names a topic)."""
_RELAXED_COMMAND_COVERAGE: Final = 0.3
_RELAXED_COMMAND_WORDS: Final = 18
_RELAXED_COMMAND_EVIDENCE: Final = 1.2
"""Below this topic score an utterance names no topic, so a command word in it may carry it."""
_SHORT_QUESTION_WORDS: Final = 4
"""Up to this many content words, an unknown subject word makes a generic question out of scope."""
_EVERYDAY_SUBJECT_ZIPF: Final = 5.0
"""An unknown word this common in English ('whole', 'lot', 'people', 'letter') is no subject the article lacks."""
_CLOSING_WORDS: Final = 2
_CLOSING_COMMANDS: Final = frozenset({"cmd.goodbye", "cmd.stop"})
_SURE_CLOSING: Final = 0.9
"""A last clause of up to _CLOSING_WORDS words that is one of _CLOSING_COMMANDS this surely ends the input."""
_SLIP_MIN_LETTERS: Final = 3
"""A lone typed word this long or longer may be a command word with one letter slipped ('stp' for 'stop')."""
_SLIP_COMMAND_SCORE: Final = 1.0
_SLIP_RARE_ZIPF: Final = 3.0
"""… and rarer than this in English ('stp' is 2.8, an abbreviation; 'step' 4.9)."""

_PHRASING_WEIGHT: Final = 0.45
_SIMILARITY_WEIGHT: Final = 1.2
_STRENGTH_SCALE: Final = 1.6
_STRONG_KEYWORD: Final = 2.5
_ELABORATING: Final = frozenset({"like", "such", "or", "for", "from", "say", "especially", "even", "and", "with"})
"""Words that open a clause going on with the question before it ('can you catch it from someone, like from kissing'),
not a remark of its own."""
_POLITE: Final = frozenset(
    "please thanks thank you can could would will me it that this a an the bit little just now i to again "
    "are is am so very really way going go need want some with for of at my do okay later all yes say be "
    "that is what hey oh right tell about then thanks for now talk speak thing pet mate duck hen darling".split()
)
_REASON_STARTS: Final = frozenset(
    {",", ".", "?", "!", "my", "it", "its", "because", "cos", "coz", "as", "since", "i", "im", "our", "we", "you", "he", "she", "they", "there",
     "his", "her", "their", "dad", "mum", "mom", "mam", "mother", "father", "husband", "wife", "nan", "gran", "grandad", "grandma",
     "grandpa"}
)
"""Where a command's reason may start ('quieter please, my husband is sleeping', 'slower my english is not so good', 'a bit
louder please dad is deaf in one ear' as a recogniser prints it, 'can you make it louder? this waiting room is so noisy')."""
_REASON_MIN_WORDS: Final = 2
_REQUEST_STARTS: Final = frozenset({"can", "could", "would", "will"})
_OPENERS: Final = frozenset({"so", "and", "but", "well", "right", "then", "now", "ok", "okay"})
_ANSWER_COMMANDS: Final = frozenset({"cmd.yes", "cmd.no"})
_APOLOGY_WORDS: Final = frozenset({"sorry", "pardon", "excuse", "me", "oh", "oops"})
"""A lead of these words alone is an apology when a question follows it, not a request to hear it again."""
_WH_WORDS: Final = frozenset({"what", "why", "how", "when", "where", "which", "who", "whether"})
_QUESTION_STARTS: Final = frozenset(
    {"what", "why", "how", "when", "where", "which", "who", "is", "are", "can", "could", "does", "do", "should", "will", "would"}
)
_SLIP_TERM_LETTERS: Final = 7
"""An out-of-scope word this long, typed one letter off and no English word, is still that word ('insurence')."""
WORD_ZIPF: Final = 2.5
"""Below this Zipf frequency (or absent from the list) a word is most likely a slip, not a word."""


def phonetic_key(word: str, keep_first: bool = True) -> str:
    """A rough sound-alike key: 'a seat a mino fen' and 'acetaminophen' both give 'astmnfn'.

    keep_first=False drops a leading vowel too, so a misheard first syllable ('cue puncture' for
    'acupuncture') still meets its word.
    """
    word = re.sub(r"[^a-z]", "", word.casefold())
    if not word:
        return ""
    for pattern, replacement in _PHONETIC_RULES:
        word = re.sub(pattern, replacement, word)
    if not word:
        return ""  # 'gh' is silent
    tail = re.sub(r"[aeiouhwy]", "", word[1:])
    first = word[0] if keep_first or word[0] not in "aeiouhwy" else ""
    key = first + tail
    return re.sub(r"(.)\1+", r"\1", key)


_PHONETIC_RULES: Final = (
    (r"ph", "f"), (r"ck", "k"), (r"c(?=[eiy])", "s"), (r"c", "k"), (r"q", "k"), (r"x", "ks"),
    (r"z", "s"), (r"gh", ""), (r"^kn", "n"), (r"^wr", "r"), (r"dg", "j"), (r"tch", "ch"),
)


_SET_ASIDE: Final = (
    ("but", "nothing", "else"), ("but", "thats", "it"), ("but", "that", "is", "it"), ("but", "otherwise"),
    ("otherwise", "okay"), ("otherwise", "fine"), ("otherwise", "ok"), ("nothing", "to", "do", "with"),
    ("but", "nothing", "more"), ("apart", "from", "that"),
)
"""Words with which a remark before a question sets itself aside from it."""
_STOP: Final = "cmd.stop"
_HELP: Final = "cmd.help"
_MORE: Final = "cmd.more"
_MENU: Final = "cmd.menu"
_LEADING_INTO: Final = frozenset({"for", "with", "about", "of", "on", "in", "from"})
"""A word that leads into what follows it: a command's reason does not start right after it."""
_CHOICE_WORDS: Final = frozenset({"options", "option", "choices", "choice"})
"""The menu's words for what it offers: options 'for' something ('what options are there for this back pain') are that
something's, not the menu's."""
_OWN_DOERS: Final = frozenset({"i", "we"})
_ANSWERS: Final = frozenset({"cmd.yes", "cmd.no"})
_ASKING_OPENERS: Final = frozenset(
    {"is", "are", "was", "were", "isnt", "arent", "does", "do", "did", "can", "could", "should", "would", "will"}
)
_ASKED_OF: Final = frozenset({"this", "that", "it", "there", "i", "you", "he", "she", "we", "they"})
"""An auxiliary and one of these open a question ('is this not serious', 'is it not curable'): its 'not' answers
nothing, so no answer is read from a 'not' there unless every other word is a polite one; a 'yes' or a 'no' said
after such a question still answers ('isnt that what i just said, yes')."""
_GREETINGS: Final = frozenset({"hello", "hi", "hiya", "hey", "howdy", "greetings", "morning", "afternoon", "evening"})
_GREETING_WORDS: Final = _GREETINGS | frozenset({"good", "there", "all", "everyone", "everybody", "folks", "again", "oh", "well"})
"""A greeting said alone ('hello there', 'good morning'): no question, and no unclear speech either."""
_HELPS_SOMETHING: Final = frozenset({"helps", "helped", "helping"})
"""'Help' said of what eases the pain, not asked of the assistant."""
_HELPED_PEOPLE: Final = frozenset({"my", "his", "her", "him", "them", "their", "our", "someone", "somebody", "people"})
"""After 'help', the people helped ('how do i help my mum write her will'): help given, not asked of the assistant."""
_OTHER_SUBJECTS: Final = frozenset({"i", "we", "they", "he", "she", "my", "his", "her", "our", "their", "mum", "dad"})
_LONG_QUESTION_WORDS: Final = 5
"""A question this long whose subject is the speaker or someone else ('can we still go on the cruise with mum',
'how do i help my mum write her will') asks about them, not of the assistant: a command word in it does not carry it."""


_TELLING_SUBJECTS: Final = frozenset({"i", "im", "we", "were", "he", "hes", "she", "shes", "they", "theyre"})
_TELLING_WORDS: Final = 4
_ASKING_VERBS: Final = frozenset(
    {"want", "wanted", "like", "wonder", "wondering", "know", "ask", "asking", "hear", "learn", "need", "question"}
)
"""Verbs of asking after a command's subject ('more please, i want to hear about physio' asks for the topic)."""


def _tells_what_happens(rest: list[str]) -> bool:
    """True when the words after a command tell what the speaker or someone is doing ('again please, i was getting his
    tablets out of the cupboard', 'bye now, we are off to his appointment'): a clause of its own with a subject, a
    reason for the command, however much it names."""
    return len(rest) >= _TELLING_WORDS and rest[0] in _TELLING_SUBJECTS and not _ASKING_VERBS.intersection(rest[1:4])


_VOWELS: Final = frozenset("aeiou")


def _consonants(word: str) -> str:
    """A word's letters less its vowels: how a hurried typist shortens it ('rpt' for 'repeat', 'slwr' for 'slower')."""
    return "".join(letter for letter in word if letter not in _VOWELS)


def _asks_for_someone(words: list[str]) -> bool:
    """True for a question of _LONG_QUESTION_WORDS words or more that opens with a question word or auxiliary and whose
    subject, in its first three words, is someone other than the assistant ('you')."""
    if len(words) < _LONG_QUESTION_WORDS or words[0] not in _QUESTION_STARTS:
        return False
    for word in words[1:3]:
        if word in ("you", "u"):
            return False
        if word in _OTHER_SUBJECTS:
            return True
    return False


_PURPOSE_LEADS: Final = frozenset({("so", "i"), ("so", "that"), ("so", "we"), ("because", "i"), ("because", "my"), ("as", "i"), ("cos", "i")})
"""Openings of a clause that gives the reason for the question before it, not a question of its own."""
_NET_WORDS: Final = frozenset({"net", "nets", "neuroendocrine", "carcinoid"})
"""The illness's own names."""
_OWN_SUBJECT: Final = frozenset({"back", "spine", "spinal", "backbone", "vertebrae", "cancer", "tumor", "tumors"}) | _NET_WORDS
"""Words with which a question names the article's subject itself, whatever a story before it was about."""
_CANCER_WORDS: Final = frozenset({"cancer", "cancers", "tumor", "tumors"})
_PAIN_WORDS: Final = frozenset({"pain", "pains", "ache", "aches", "aching", "hurt", "hurts", "hurting", "sore"})
_POINTING_ASKS: Final = frozenset(
    (modal, pointer) for modal in ("can", "could", "does", "do", "will", "would", "might", "may")
    for pointer in ("it", "that", "this", "they")
)
"""A question's opening that points back at what was said before it ('my dad has prostate cancer. can that kind
spread to the spine'): the subject set before it is the question's, even when the question names the spine (not
the illness's own names)."""
_STORY_WORDS: Final = frozenset(
    {"week", "weeks", "weekend", "day", "days", "month", "months", "morning", "fortnight", "year", "after", "waiting"}
)
"""In what is said before a question, these make it a story of the speaker's time or what the pain came after ('sore
after a long drive, does massage help'), not the question's subject."""


def is_greeting(text: str) -> bool:
    """True for a greeting said alone ('hello there', 'good morning!'): heard well and asking nothing of the article,
    so the reply says what the assistant can talk about (not 'sorry, I did not catch that', not morning stiffness)."""
    words = re.findall(r"[a-z]+", text.casefold())
    return bool(words) and set(words) <= _GREETING_WORDS and bool(_GREETINGS.intersection(words))


def _own_activity(tokens: tuple[str, ...], covered: set[int]) -> bool:
    """True when the words of 'more' ('carry on', 'keep going') are said of the speaker with what they do after them:
    'can i carry on gardening', 'should we keep going with the swimming' ask about an activity, not for more."""
    first, last = min(covered), max(covered)
    return first > 0 and tokens[first - 1] in _OWN_DOERS and any(
        t not in MARKS and not _is_polite(t) for t in tokens[last + 1 :]
    )


def _as_written(occurrence: Occurrence, text: TokenText) -> bool:
    """True when a command phrase's short words (three letters or fewer, which are never stemmed) stand as they are:
    a longer word whose stem is one of them is another word ('note' is no 'not', in 'what's on the ten pound note')."""
    words = [word for word in occurrence.phrase.words if word != GAP]
    return all(len(word) > 3 or text.tokens[position] == word for word, position in zip(words, occurrence.positions))


def _options_for_something(tokens: tuple[str, ...], covered: set[int]) -> bool:
    """True when the menu's only words are 'options' or 'choices' and 'for' follows them with something named ('what
    options are there for managing this back pain'), not 'what are my options for now'."""
    if not covered or any(tokens[p] not in _CHOICE_WORDS for p in covered):
        return False
    after = tokens[max(covered) + 1 :]
    if "for" not in after:
        return False
    named = [t for t in after[after.index("for") + 1 :] if t not in MARKS and not _is_polite(t)]
    return bool(named)


def _is_polite(word: str) -> bool:
    return word in _POLITE or stem(word) in _POLITE_STEMS


_POLITE_STEMS: Final = frozenset(stem(word) for word in _POLITE)


_NEAR_KEY_LENGTH: Final = 5
"""A split is mended into a word one sound off only when both sound keys are this long: short keys meet too many words."""
_NEAR_KEY_SPELLING: Final = 72
"""… and only when spelled this alike (rapidfuzz ratio): a sound key alone is too loose."""
_NEAR_KEY_RARE_ZIPF: Final = 3.5
"""… and only when a piece of the split is this rare in English (Zipf): everyday words are meant as said."""
_AMERICAN_SPELLING: Final = ((r"yse$", "yze"), (r"yses$", "yzes"), (r"ise$", "ize"), (r"ises$", "izes"), (r"our$", "or"), (r"tre$", "ter"))
"""British endings and their American spellings, for telling a British word from a misspelling."""
_OWN_WORD_ZIPF: Final = 3.0
"""A word this common in English is meant as said, even one letter from a topic word ('brought', not 'bought')."""
_NEAR_KEY_EDGE_ZIPF: Final = 5.0
"""… and never when a word at either end of the window is this common ('what', 'a'): a split's pieces are not."""
_NEVER_JOINED: Final = frozenset(
    {"i", "he", "she", "we", "you", "they", "it", "me", "him", "us", "them", "my", "his", "her", "our", "their", "and", "or", "but"}
)
"""Words that a recogniser's split topic word never contains: a window holding one is not mended into one word."""
_OUT_OF_SCOPE_GAP: Final = 5
"""An out-of-scope term's gap holds more words than a red-flag phrase's ('how often do you have the octreotide
injections' for 'how often * injections'): a question names what it asks about, then its subject, with room between."""
_INTERJECTIONS: Final = frozenset({"what", "eh", "huh", "pardon", "sorry", "hey", "oi"})
"""Said alone before a command ('what? say that again'): no question of their own."""
_CONTRASTS: Final = frozenset({"not", "isnt", "arent", "than", "instead", "rather", "alongside"})
"""Words that set what follows against or beside the subject asked about ('… and not just a slipped disc', 'rather
than', 'is acupuncture worth trying alongside my chemo')."""


def _set_against(tokens: tuple[str, ...], index: int) -> bool:
    """True when the words at index are named as what the subject is not ('not just a pulled muscle', 'only with')."""
    before = tokens[max(0, index - 3) : index]
    return (
        any(t in _CONTRASTS for t in before) or tuple(tokens[max(0, index - 2) : index]) == ("only", "with")
        or _in_other_choice(tokens, index) or _while_on(tokens, index)
    )


_WHILE: Final = frozenset({"while", "whilst", "during"})


def _while_on(tokens: tuple[str, ...], index: int) -> bool:
    """True when the words at index name what the speaker is going through while they ask ('what gentle exercise can
    i do at home while i am on chemo', 'is massage safe during chemo'): the time of the question, not its subject."""
    for at in range(index - 1, max(-1, index - 5), -1):
        if tokens[at] in MARKS:
            return False
        if tokens[at] in _WHILE:
            return at >= 3
    return False


_CHOICE_AUX: Final = frozenset({"is", "are", "was", "does", "do"})
_CHOICE_SUBJECTS: Final = frozenset({"that", "it", "this", "they", "those"})


def _in_other_choice(tokens: tuple[str, ...], index: int) -> bool:
    """True when the words at index end a question as its other choice, 'or is that …' ('is inflammation one of the
    causes or is that just an arthritis thing', 'would a physio help or is that more for sports injuries'): the subject
    is the one asked about first."""
    for at in range(index - 3, max(2, index - 7), -1):  # 'or' three words in or more, then its verb, subject and choice
        if tokens[at] == "or" and tokens[at + 1] in _CHOICE_AUX and tokens[at + 2] in _CHOICE_SUBJECTS:
            return not MARKS.intersection(tokens[at:index])
    return False


_ELLIPTICAL_VERBS: Final = frozenset({"does", "do", "did", "is", "are", "can", "has", "have", "would", "might"})


def _compared_after(tokens: tuple[str, ...], index: int, width: int) -> bool:
    """True when the words at index open a closing comparison of which only the verb is left ('does cancer in the bone
    make it brittle, like osteoporosis does': 'like' is gone by now, the ', osteoporosis does' stays)."""
    end = index + width
    return (index > 0 and tokens[index - 1] == "," and end < len(tokens) and tokens[end] in _ELLIPTICAL_VERBS
            and (end + 1 == len(tokens) or tokens[end + 1] in MARKS))


def _false_start(tokens: tuple[str, ...], index: int) -> bool:
    """True when the word at index is begun again as a longer word just after ('the radio the radiotherapy')."""
    word = tokens[index]
    return any(len(t) > len(word) and t.startswith(word) for t in tokens[index + 1 : index + 4])


class MatchBand(str, Enum):
    """What to do with a match."""

    ANSWER = "answer"
    CONFIRM = "confirm"
    OUT_OF_SCOPE = "out_of_scope"
    UNCLEAR = "unclear"


@dataclass(frozen=True)
class TopicMatch:
    """The understood topic or command of one input."""

    topic: str
    """A topic id, a command id ('cmd.repeat'), 'out_of_scope' or 'unclear'."""
    confidence: float
    """0..1: how sure the matcher is."""
    band: MatchBand
    """Answer, ask to confirm, out of scope, or unclear."""
    runner_up: str | None
    """The next best topic, if any."""
    named_outside: bool = False
    """True when words for a subject the article does not cover name it ('tax return', 'urine infection')."""

    @property
    def is_command(self) -> bool:
        """True for a spoken command."""
        return self.topic.startswith("cmd.")


_SUBJECT_WORDS: Final = ("neuroendocrine", "cancer", "tumor", "tumour", "net", "nec", "carcinoid")
"""The article's subject, which most questions name beside what they ask."""


@dataclass(frozen=True)
class _TopicModel:
    id: str
    keywords: tuple[tuple[Phrase, float], ...]
    bag: frozenset[str]
    phrasings: tuple[str, ...]
    subject_own: tuple[frozenset[str] | None, ...] = ()
    """Per phrasing that names the subject ('neuroendocrine cancer linked to back pain'), its stems besides the
    subject's and the pain's ('link'); None for one that does not name it."""


class Matcher:
    """Matches canonical text against one Content's topics and commands."""

    def __init__(self, content: Content, normaliser: Normaliser, frequency: Mapping[str, float] | None = None) -> None:
        """frequency: English word → Zipf frequency; without it no single word is mended into a sound-alike."""
        vocabulary = content.vocabulary
        self._normaliser = normaliser
        self._frequency = frequency or {}
        synonyms = [
            (tuple(normaliser.normalise(a).split()), tuple(normaliser.normalise(b).split())) for a, b in vocabulary.synonyms
        ]
        # Compared by stem, so that "cracks" meets "crack" and "travelled" meets "travel".
        self._synonyms = Replacements(synonyms, key=stem)
        self._synonyms.resolve_chains()
        self._stopwords = frozenset(stem(w) for w in (normaliser.normalise(x) for x in vocabulary.stopwords) for w in w.split())
        self._stopwords |= frozenset(normaliser.normalise(x) for x in vocabulary.stopwords)

        self._domain = frozenset(
            stem(w) for item in vocabulary.domain_words + vocabulary.pain_words for w in normaliser.normalise(item).split()
        )
        subject = {stem(w) for w in _SUBJECT_WORDS}
        models: list[_TopicModel] = []
        all_phrases: list[Phrase] = []
        document_frequency: dict[str, int] = {}
        for topic in content.topics:
            keywords = tuple((compile_phrase(self._canonical(k.text)), k.weight) for k in topic.keywords)
            all_phrases.extend(phrase for phrase, _ in keywords)
            phrasings = tuple(self._canonical(p) for p in topic.phrasings)
            bag = frozenset(
                stem(w) for p in phrasings for w in self._content_words(p.split())
            ) | frozenset(s for phrase, _ in keywords for s in phrase.stems if s not in self._stopwords)
            for s in bag:
                document_frequency[s] = document_frequency.get(s, 0) + 1
            contents = tuple(" ".join(self._content_words(p.split())) for p in phrasings)
            stems = [{stem(w) for w in p.split()} for p in contents]
            subject_own = tuple(frozenset(words - self._domain) if words & subject else None for words in stems)
            models.append(_TopicModel(topic.id, keywords, bag, contents, subject_own))
        self._topics = tuple(models)
        count = len(models)
        self._idf = {s: math.log(1 + count / df) for s, df in document_frequency.items()}
        self._topic_words = frozenset(
            s for model in models for phrase, weight in model.keywords if weight >= 2
            for s in phrase.stems if s not in self._stopwords and s not in self._domain
        )

        self._commands: list[tuple[str, tuple[Phrase, ...], tuple[str, ...]]] = []
        for command in content.commands:
            phrases = tuple(compile_phrase(normaliser.normalise(k)) for k in command.keywords)
            all_phrases.extend(phrases)
            self._commands.append((command.id, phrases, tuple(normaliser.normalise(p) for p in command.phrasings)))
        # Out-of-scope terms match word for word: stems would make "news" of "new".
        # A term with a gap ('how much * charge') matches with up to _OUT_OF_SCOPE_GAP words in the gap.
        plain = [t for t in vocabulary.out_of_scope_terms if GAP not in t.split()]
        self._out_of_scope = frozenset(tuple(normaliser.normalise(t).split()) for t in plain)
        self._out_of_scope_longest = max((len(t) for t in self._out_of_scope), default=0)
        self._out_of_scope_long = tuple(sorted(t[0] for t in self._out_of_scope if len(t) == 1 and len(t[0]) >= _SLIP_TERM_LETTERS))
        self._out_of_scope_gapped = tuple(
            (tuple(normaliser.normalise(before).split()), tuple(normaliser.normalise(after).split()))
            for before, _, after in (t.partition(f" {GAP} ") for t in vocabulary.out_of_scope_terms if GAP in t.split())
        )
        self._index = PhraseIndex(all_phrases)

        known: set[str] = set(self._stopwords)
        for model in models:
            known |= model.bag
        known |= self._domain
        for source, target in synonyms:
            known |= {stem(w) for w in source + target}
        flag_words: set[str] = set()
        for rule in content.rules:
            for phrase in rule.phrases:
                flag_words |= {stem(w) for w in normaliser.normalise(phrase).split() if w != "*"}
            for combo in rule.combinations:
                for group in combo:
                    for phrase in group:
                        flag_words |= {stem(w) for w in normaliser.normalise(phrase).split() if w != "*"}
        known |= flag_words
        self._flag_words = frozenset(flag_words - self._stopwords)
        """The red-flag rules' words (stems): a slip repaired into one of them is kept, whatever else it spells."""
        for _, phrases, whole in self._commands:
            known |= {s for phrase in phrases for s in phrase.stems}
            known |= {stem(w) for text in whole for w in text.split()}
        self._known = frozenset(known)
        self._people = frozenset(w for item in vocabulary.others for w in normaliser.normalise(item).split())
        # Long topic words, for repairing words a recogniser split or misheard ("ibu profin").
        long_words = {
            w for model in models for phrase, _ in model.keywords for w in phrase.words if len(w) >= 6 and w != "*"
        } | {w for source, target in synonyms for w in source + target if len(w) >= 6}
        self._repair_words = sorted(long_words)
        self._repair_keys: dict[str, str] = {}
        for word in self._repair_words:
            key = phonetic_key(word, keep_first=False)
            if len(key) >= 4:
                self._repair_keys.setdefault(key, word)
        self._mender = Mender(mending_words(content, normaliser, self._stopwords, self._known), frequency or {})

    def _canonical(self, text: str) -> str:
        """Normalised text (a '*' kept) with lay words replaced by the topics' terms."""
        return " ".join(self._apply_synonyms(self._normaliser.normalise_pattern(text).split()))

    def _apply_synonyms(self, tokens: list[str]) -> list[str]:
        return self._synonyms.apply(tokens)

    def content_words(self, tokens: Iterable[str]) -> list[str]:
        """The words of tokens that carry meaning (no marks, no stopwords)."""
        return self._content_words(tokens)

    def knows(self, word: str) -> bool:
        """True when the article's topics, the domain words or the stopwords know word."""
        return self._is_known(word)

    def _content_words(self, tokens: Iterable[str]) -> list[str]:
        """The words that carry meaning: no marks, no stopwords."""
        return [w for w in tokens if w not in MARKS and stem(w) not in self._stopwords]

    def match(self, canonical: str) -> TopicMatch:
        """The topic or command that canonical (normalised) text asks for."""
        words = [t for t in canonical.split() if t not in MARKS]
        if not words:
            return TopicMatch(UNCLEAR, 0.0, MatchBand.UNCLEAR, None)
        text = TokenText.from_canonical(" ".join(self._apply_synonyms(canonical.split())))
        occurrences = self._index.find(text)
        content = self._content_words(text.tokens)
        scores = self._topic_scores(content, occurrences)
        ranked = sorted(scores.items(), key=lambda item: -item[1][0])
        best_id, (best, best_keyword) = ranked[0]
        runner_id, (runner, _) = ranked[1]

        leading = self._leading_command(canonical) or self._trailing_command(canonical)
        if leading is not None:
            return TopicMatch(leading[0], leading[1], MatchBand.ANSWER, None)

        if (
            self._is_out_of_scope(tuple(canonical.split())) and not self._outside_only_aside(canonical)
            and not self._claim_about_a_topic(canonical)
        ):
            return TopicMatch(OUT_OF_SCOPE, 0.9, MatchBand.OUT_OF_SCOPE, best_id if best > 0 else None, named_outside=True)

        strongest = max(keyword for _, keyword in scores.values())
        relaxed = best < _RELAXED_COMMAND_EVIDENCE and not _asks_for_someone(words)
        command = self._command(canonical, TokenText.from_canonical(canonical), relaxed=relaxed)
        if command is not None and strongest < _STRONG_KEYWORD:
            return TopicMatch(command[0], command[1], MatchBand.ANSWER, None)

        unknown = [w for w in content if not self._is_known(w)]
        subjects = [w for w in unknown if self._frequency.get(w, 0.0) < _EVERYDAY_SUBJECT_ZIPF]
        if (
            best > 0 and subjects and best_keyword < _STRONG_KEYWORD and len(subjects) * 2 >= len(content)
            and len(content) <= _SHORT_QUESTION_WORDS
        ):
            # Only generic words ("what causes …") plus a subject the article does not know ("hiccups").
            return TopicMatch(OUT_OF_SCOPE, 0.7, MatchBand.OUT_OF_SCOPE, best_id if best > 0 else None)
        strength = 1.0 - math.exp(-best / _STRENGTH_SCALE)
        margin = (best - runner) / best if best > 0 else 0.0
        confidence = strength * (0.55 + 0.45 * margin)
        if content:
            share = len(unknown) / len(content)
            confidence *= 1.0 - (0.3 if best_keyword >= _STRONG_KEYWORD else 0.75) * share
        confidence = round(max(0.0, min(1.0, confidence)), 3)
        if confidence >= ANSWER_THRESHOLD:
            return TopicMatch(best_id, confidence, MatchBand.ANSWER, runner_id)
        if confidence >= CONFIRM_THRESHOLD:
            return TopicMatch(best_id, confidence, MatchBand.CONFIRM, runner_id)
        if not content or (len(unknown) == len(content) and not any(stem(w) in self._stopwords for w in words)):
            return TopicMatch(UNCLEAR, confidence, MatchBand.UNCLEAR, None)
        return TopicMatch(OUT_OF_SCOPE, round(1.0 - confidence, 3), MatchBand.OUT_OF_SCOPE, best_id if best > 0 else None)

    def topic_scores(self, canonical: str) -> dict[str, float]:
        """Each topic's raw word score (0 and up) for canonical text: the lexical evidence the semantic model is combined with."""
        text = TokenText.from_canonical(" ".join(self._apply_synonyms(canonical.split())))
        scores = self._topic_scores(self._content_words(text.tokens), self._index.find(text))
        return {topic: score for topic, (score, _) in scores.items()}

    def _leading_command(self, canonical: str) -> tuple[str, float] | None:
        """The command that opens an input whose rest gives a reason, not a question ('a bit louder, my hearing aid
        is playing up', 'could you talk more slowly my english is not so good'). Not for yes and no, which often
        open a report or a question ('yes, my legs are numb'), nor for a question ('how important is it to keep
        talking to my care team')."""
        tokens = canonical.split()
        if len(tokens) > 2 and tokens[0] in _INTERJECTIONS and tokens[1] in MARKS:
            tokens = tokens[2:]  # 'what? say that again, the kids were screaming': a 'what?' of its own asks nothing more
        if not tokens or tokens[0] in _QUESTION_STARTS and (tokens[0] not in _REQUEST_STARTS or tokens[1:2] != ["you"]):
            return None  # 'could you …' asks for something; 'would a massage help …' asks a question
        for cut in range(1, len(tokens) - _REASON_MIN_WORDS + 1):
            if tokens[cut] not in _REASON_STARTS:
                continue
            if tokens[cut] == "there" and tokens[cut - 1] in FINITE_BE:
                continue  # 'tell me what options are there for …': 'there' ends the question, it starts no reason
            if tokens[cut - 1] in _LEADING_INTO:
                continue  # 'tell me the choices for my back': the words after 'for' finish the request
            lead = [t for t in tokens[:cut] if t not in MARKS]
            rest = [t for t in tokens[cut:] if t not in MARKS]
            opening = [t for t in rest if t not in _OPENERS][:1]
            if "?" in tokens[cut + 1 :]:
                continue  # asked further on: only a cut after the question mark ('can you turn it up? my hearing aid …')
            if len(rest) < _REASON_MIN_WORDS or (opening and opening[0] in _QUESTION_STARTS):
                return None
            if len(lead) < 2 and tokens[cut] not in MARKS:
                continue  # 'sorry i cant …' opens a report with 'sorry', not the command
            command = self._command(" ".join(lead), TokenText.from_canonical(" ".join(lead)))
            if command is None or command[0] in _ANSWER_COMMANDS:
                continue
            if self._names_a_topic_strongly(rest) and not (command[1] >= 1.0 and _tells_what_happens(rest)):
                return None  # 'more, my surgery': the rest names a topic (not 'again please, i was getting his tablets')
            if set(lead) <= _APOLOGY_WORDS and _WH_WORDS.intersection(rest[1:]):
                return None  # 'sorry, my friend wants to know what is good for hay fever': an apology before a question
            if command[0] == _STOP and self._command(" ".join(rest), TokenText.from_canonical(" ".join(rest))) is not None:
                # 'shh, too loud', 'wait, slower': a hush before a command, no reason; the command of the whole input
                return self._command(canonical, TokenText.from_canonical(canonical)) or command
            if command[0] == _STOP and tokens[cut] in MARKS:
                inner = self._leading_command(" ".join(tokens[cut + 1 :]))
                if inner is not None and inner[0] != _STOP:
                    return inner  # 'shh, quieter please, i am in the library': a hush before a command with its reason
            return command
        return None

    def _trailing_command(self, canonical: str) -> tuple[str, float] | None:
        """The command that closes an input whose first part gives a reason ('my hearing aid is playing up, could
        you talk louder', 'sorry i was getting my glasses can you say it one more time'). Not when the first part
        asks or names a topic, nor for yes and no."""
        tokens = canonical.split()
        if not tokens or tokens[0] in _QUESTION_STARTS or "?" in tokens[:-1]:
            return None
        for cut in range(_REASON_MIN_WORDS, len(tokens) - 1):
            if not (tokens[cut] in _REQUEST_STARTS and tokens[cut + 1] == "you"):
                continue
            tail = " ".join(t for t in tokens[cut:] if t not in MARKS)
            command = self._command(tail, TokenText.from_canonical(tail))
            if command is None or command[0] in _ANSWER_COMMANDS:
                continue
            if self._names_a_topic_strongly([t for t in tokens[:cut] if t not in MARKS]):
                return None  # 'my back hurts after the surgery could you explain more': the first part names a topic
            return command
        return self._closing_word(tokens)

    def _closing_word(self, tokens: list[str]) -> tuple[str, float] | None:
        """A command said alone in a short last clause after a reason ('theyve called my name , bye', 'the bus is
        here , cheerio'): only the leave-taking and stopping commands, whose words end what came before."""
        cuts = [i for i, t in enumerate(tokens[:-1]) if t in (",", ".", "!")]
        if not cuts:
            return None
        tail = [t for t in tokens[cuts[-1] + 1 :] if t not in MARKS]
        if not 1 <= len(tail) <= _CLOSING_WORDS:
            return None
        command = self._command(" ".join(tail), TokenText.from_canonical(" ".join(tail)))
        if command is None or command[0] not in _CLOSING_COMMANDS or command[1] < _SURE_CLOSING:
            return None
        if self._names_a_topic_strongly([t for t in tokens[: cuts[-1]] if t not in MARKS]):
            return None
        return command

    def _claim_about_a_topic(self, canonical: str) -> bool:
        """True when something said or read is checked by a question that names a topic strongly ('my aunt says
        acupuncture needles can spread the cancer. what does the article say about acupuncture?'): the claim's other
        words are not the subject asked ('… octreotide can mess with your blood sugar, is that right' stays outside)."""
        tokens = tuple(canonical.split())
        if not claim_checked(tokens):
            return False
        asked = check_asked_at(tokens, 0, len(tokens))  # the check names the topic ('… what does it say about acupuncture')
        return asked is not None and self._names_a_topic_strongly([t for t in tokens[asked:] if t not in MARKS])

    def _names_a_topic_strongly(self, words: list[str]) -> bool:
        """True when the words (a command's reason) hold a keyword strong enough to single out a topic, also through a
        synonym ('stop, and tell me about physio instead')."""
        text = TokenText.from_canonical(" ".join(self._apply_synonyms(words)))
        scores = self._topic_scores(self._content_words(text.tokens), self._index.find(text))
        return max(keyword for _, keyword in scores.values()) >= _STRONG_KEYWORD

    def _names_a_topic(self, text: TokenText, covered: set[int]) -> bool:
        """True when a word outside the command's own words singles out a topic ('treatment', 'physio')."""
        words = [t for i, t in enumerate(text.tokens) if i not in covered and t not in MARKS and not _is_polite(t)]
        return any(stem(word) in self._topic_words for word in self._apply_synonyms(words))

    def _outside_only_aside(self, canonical: str) -> bool:
        """True when the words for a subject outside the article stand only in a remark after a question that names
        a topic ('is walking good for back pain, i have got a dog so i walk a lot anyway'), not in the question; or
        in a story of the speaker's week told before it ('its been a stressful week with work and the kids. does
        stress change how much back pain you feel')."""
        text = TokenText.from_canonical(canonical)
        asked: list[str] = []
        aside: list[str] = []
        clauses: list[tuple[list[str], bool]] = []  # each clause, and whether it asks
        setting = False
        for start, end in split_sentences(text):
            clause: list[str] = []
            for token in list(text.tokens[start:end]) + [","]:
                if token not in MARKS:
                    clause.append(token)
                    continue
                if clause:
                    purpose = bool(asked) and tuple(clause[:2]) in _PURPOSE_LEADS and not is_question_start(clause[1:])
                    question = not purpose and (is_question_sentence(clause, token == "?" or text.tokens[end - 1] == "?") or (
                        bool(asked) and (clause[0] in _ELABORATING or len(clause) < 3)))  # '…, like from kissing'
                    # ('what tests should i expect, so i can plan time off work for them?': the purpose is a remark)
                    if not question and not asked and self._is_out_of_scope(tuple(self._before_story(clause))):
                        setting = True
                    (asked if question else aside).extend(clause + ["."])
                    clauses.append((clause, question))
                clause = []
        if self._back_pain_after_another_cancer(clauses):
            return True
        if setting and (
            not _OWN_SUBJECT.intersection(asked) or (tuple(asked[:2]) in _POINTING_ASKS and not _NET_WORDS.intersection(asked))
        ):
            return False  # said before the question, it sets its subject: 'my dog has back pain, can massage help'
        # ... unless the question names the article's subject itself: 'my daughter in law swears by acupuncture for
        # her migraines , so does acupuncture help with this kind of back pain'
        if not asked or not aside or self._is_out_of_scope(tuple(asked)) or not self._is_out_of_scope(tuple(aside)):
            return False
        words = TokenText.from_canonical(" ".join(self._apply_synonyms(asked)))
        scores = self._topic_scores(self._content_words(words.tokens), self._index.find(words))
        return max(keyword for _, keyword in scores.values()) >= _STRONG_KEYWORD

    def _back_pain_after_another_cancer(self, clauses: list[tuple[list[str], bool]]) -> bool:
        """True when a clause tells of another cancer had and a question asks about back pain without pointing back at
        that cancer: 'my mum had breast cancer years ago, if she ever gets new back pain should she see someone' (new
        back pain after any cancer is the article's), not 'my dad has prostate cancer, does it cause back pain'."""
        told = next((
            n for n, (clause, _) in enumerate(clauses)
            if _CANCER_WORDS.intersection(clause) and not is_question_start(clause) and self._is_out_of_scope(tuple(clause))
        ), None)
        if told is None:
            return False
        later = clauses[told + 1 :]  # ('… years ago, if she ever gets new back pain, should she see someone')
        words = [word for clause, _ in later for word in clause]
        return (
            any(asks for _, asks in later) and "back" in words and bool(_PAIN_WORDS.intersection(words))
            and not any(tuple(clause[:2]) in _POINTING_ASKS for clause, _ in later) and not self._is_out_of_scope(tuple(words))
        )

    @staticmethod
    def _before_story(clause: list[str]) -> list[str]:
        """The words of a clause before a story of the speaker's time or what came before the pain starts in it: the
        words outside the article after that ('with work and the kids', 'after a long drive') are no subject."""
        if has_sequence(clause, _SET_ASIDE):
            return []  # 'bit of a sore throat this week but thats it', 'my jaw is sore, nothing to do with my back'
        at = next((i for i, word in enumerate(clause) if word in _STORY_WORDS), len(clause))
        return clause[:at]

    def _is_out_of_scope(self, tokens: tuple[str, ...]) -> bool:
        """True when words for a subject outside the article are named, other than as what the subject is set
        against ('how do you know its the cancer and not just a pulled muscle', 'or is that only with arthritis')."""
        return any(
            (tuple(tokens[i : i + width]) in self._out_of_scope or width == 1 and self._misspelt_out_of_scope(tokens[i]))
            and not _set_against(tokens, i)
            and not _compared_after(tokens, i, width)
            and not (width == 1 and _false_start(tokens, i))
            for i in range(len(tokens))
            for width in range(1, self._out_of_scope_longest + 1)
        ) or any(
            tokens[i : i + len(before)] == before
            and not _set_against(tokens, i)
            and any(
                tokens[j : j + len(after)] == after and not MARKS.intersection(tokens[i + len(before) : j])
                for j in range(i + len(before), min(len(tokens), i + len(before) + _OUT_OF_SCOPE_GAP + 1))
            )
            for before, after in self._out_of_scope_gapped
            for i in range(len(tokens))
        )

    def _misspelt_out_of_scope(self, token: str) -> bool:
        """True for a typed slip of a long out-of-scope word ('insurence', 'fibromialgia'): no English word, unknown
        to the domain, one letter from one such word."""
        if len(token) < _SLIP_TERM_LETTERS or not self._frequency or self._frequency.get(token, 0.0) >= WORD_ZIPF:
            return False
        if self._is_known(token):
            return False
        return process.extractOne(token, self._out_of_scope_long, scorer=Levenshtein.distance, score_cutoff=1) is not None

    def repair(self, canonical: str) -> str:
        """Canonical text with split or misheard topic words mended ('oct rio tide' → 'octreotide')."""
        tokens = canonical.split()
        if any(t not in MARKS and not self._is_known(t) for t in tokens):
            tokens = self._repair_unknown(tokens)
        return " ".join(self._mender.mend(tokens))

    def _repair_unknown(self, tokens: list[str]) -> list[str]:
        """Windows mostly of unknown words mended into the long topic word they sound or look like."""
        out: list[str] = []
        i = 0
        while i < len(tokens):
            replaced = False
            for width in (5, 4, 3, 2, 1):
                window = tokens[i : i + width]
                if len(window) < width or any(t in MARKS for t in window):
                    continue
                if width > 1 and any(t in _NEVER_JOINED or t in ANSWER_WORDS or t in self._people for t in window):
                    continue  # 'his leg is not straight he cant walk' is no 'straighten', 'sister said' no 'stressed'
                strange = [t for t in window if not self._is_known(t)]
                unknown = len(strange)
                if unknown == 0 or (width > 1 and unknown * 2 < width):
                    continue
                joined = "".join(window)
                if len(joined) < 6:
                    continue
                # Sound-alike keys only for words the recogniser split: on one word they are too loose
                # ("simple" and "sample" share a key).
                key = phonetic_key(joined, keep_first=False)
                word = self._repair_keys.get(key) if width > 1 and len(key) >= 5 else None
                if word is None and width > 1 and len(key) >= _NEAR_KEY_LENGTH and self._has_rare_piece(window):
                    word = self._near_key_word(joined, key)
                if word is None and width == 1 and len(key) >= 4 and self._is_no_english_word(joined):
                    alike = self._repair_keys.get(key)  # a misspelling no English word: 'exersize' sounds as 'exercise'
                    word = alike if alike is not None and fuzz.ratio(joined, alike) >= _NEAR_KEY_SPELLING else None
                if word is None and not (width > 1 and all((t,) in self._out_of_scope for t in strange)):
                    # (not when the window's only strange words name another subject: 'chiropractor cost' is no 'chiropractors')
                    hit = process.extractOne(joined, self._repair_words, scorer=fuzz.ratio, score_cutoff=88)
                    word = hit[0] if hit is not None and hit[0][0] == joined[0] else None
                    if word is not None and width == 1 and abs(len(word) - len(joined)) > 1:
                        word = None  # one word's slip adds, drops or swaps a letter: 'consultant' is no 'constant'
                    if word is not None and width == 1 and self._another_english_word(joined, word):
                        word = None  # 'brought' is no 'bought', 'the strangest thing' no 'strongest'
                if word is not None:
                    out.append(word)
                    i += width
                    replaced = True
                    break
            if not replaced:
                out.append(tokens[i])
                i += 1
        return out

    def _has_rare_piece(self, window: list[str]) -> bool:
        """True when a word of the window is unknown here and no everyday English ('acro', 'brays', 'chur'; never 'special diet')."""
        if not self._frequency or any(self._frequency.get(t, 0.0) >= _NEAR_KEY_EDGE_ZIPF for t in (window[0], window[-1])):
            return False  # an everyday word at either end is meant as said ('what medacation' keeps its 'what')
        if any(len(t) >= 3 and self._is_known(t) and t in self._frequency for t in (window[0], window[-1])):
            return False  # so is a word of the content's own ('my scar itches' is no 'stretches')
        return any(not self._is_known(t) and self._frequency.get(t, 0.0) < _NEAR_KEY_RARE_ZIPF for t in window)

    def _another_english_word(self, word: str, repaired: str) -> bool:
        """True when a word is an everyday English word of its own, not a spelling of repaired: 'brought' for
        'bought'; not 'personalised' for 'personalized' or 'talkin' for 'talking', and never when repaired is a word
        of the red-flag rules ('needless' for 'needles' is mended: a missed numbness costs more than a misread word)."""
        if self._frequency.get(word, 0.0) < _OWN_WORD_ZIPF or repaired == word + "g":
            return False
        if stem(repaired) in self._flag_words:
            return False  # recall first: 'pins and needless in both feet' is read as needles
        if word.replace("s", "z") == repaired.replace("s", "z"):
            return False  # British and American spellings ('personalised', 'paralysed')
        return not any(re.sub(pattern, replacement, word) == repaired for pattern, replacement in _AMERICAN_SPELLING)

    def _is_no_english_word(self, word: str) -> bool:
        """True for a word the English frequency list lacks in its British and American spellings ('paralyse' is one)."""
        if not self._frequency or word in self._frequency:
            return False
        return not any(re.sub(pattern, replacement, word) in self._frequency for pattern, replacement in _AMERICAN_SPELLING)

    def _near_key_word(self, joined: str, key: str) -> str | None:
        """The long topic word a split sounds like but for one sound, spelled alike too ('acro puncture' → 'acupuncture',
        'vert a brays' → 'vertebrae', 'temper chur' → 'temperature'), or None."""
        near = [
            (fuzz.ratio(joined, word), word)
            for word_key, word in self._repair_keys.items()
            if len(word_key) >= _NEAR_KEY_LENGTH and Levenshtein.distance(key, word_key, score_cutoff=1) <= 1
        ]
        best = max(near, default=None)
        return best[1] if best is not None and best[0] >= _NEAR_KEY_SPELLING else None

    def _is_known(self, word: str) -> bool:
        return stem(word) in self._known or word in self._known

    def _topic_scores(self, content: list[str], occurrences: list[Occurrence]) -> dict[str, tuple[float, float]]:
        """(score, weight of its strongest key term) per topic, from the query's content words and term hits."""
        query_stems = {stem(w) for w in content}
        query_own = query_stems - self._domain
        query_content = " ".join(content)
        found = {o.phrase: o for o in occurrences}
        scores: dict[str, tuple[float, float]] = {}
        for model in self._topics:
            used: set[int] = set()
            score = 0.0
            strongest = 0.0
            hits = sorted(
                ((found[phrase], weight) for phrase, weight in model.keywords if phrase in found),
                key=lambda hit: (-hit[1], -len(hit[0].positions)),
            )
            for occurrence, weight in hits:
                if used.intersection(occurrence.positions):
                    continue
                used.update(occurrence.positions)
                score += weight
                strongest = max(strongest, weight)
            for s in query_stems:
                if s in model.bag:
                    score += _PHRASING_WEIGHT * self._idf.get(s, 0.0)
            if query_content and score > 0:
                # a phrasing that names the subject is close to every question that names it too ('what medicines are
                # used for neuroendocrine cancer back pain' holds 'neuroendocrine cancer back pain'): it counts only
                # when it shares one of the question's other words, or the question has none
                eligible = [p for p, own in zip(model.phrasings, model.subject_own) if own is None or own & query_own or not query_own]
                best = process.extractOne(query_content, eligible, scorer=fuzz.token_set_ratio, processor=None) if eligible else None
                similarity = best[1] if best is not None else 0.0
                score += _SIMILARITY_WEIGHT * max(0.0, similarity - 70.0) / 30.0
            scores[model.id] = (score, strongest)
        return scores

    def _command(self, canonical: str, text: TokenText, relaxed: bool = False) -> tuple[str, float] | None:
        """The command an utterance is, with its share of the utterance, if it is mostly a command.

        relaxed (nothing in the utterance points to a topic): a command word in a longer, politer
        sentence counts too ("not so fast please, my ears are not what they used to be").
        """
        words = [t for t in text.tokens if t not in MARKS]
        if not words or len(words) > (_RELAXED_COMMAND_WORDS if relaxed else _COMMAND_WORDS):
            return None
        needed = _RELAXED_COMMAND_COVERAGE if relaxed else COMMAND_COVERAGE
        plain = " ".join(words)
        occurrences = self._index.find(text)
        best: tuple[str, float, float] | None = None
        for command_id, phrases, whole in self._commands:
            if any(fuzz.ratio(plain, p, processor=None) >= 92 for p in whole):
                score = 2.0 + 0.01 * len(words)  # a whole phrasing outranks keywords that cover the words
            else:
                if command_id == _HELP and (
                    _HELPS_SOMETHING.intersection(words)
                    or any(w == "help" and n in _HELPED_PEOPLE for w, n in zip(words, words[1:]))
                ):
                    continue  # 'what helps?', 'pain every night, what helps', 'help my mum': not how to use this
                covered = {p for o in occurrences if o.phrase in phrases and _as_written(o, text) for p in o.positions}
                if not covered or self._names_a_topic(text, covered):
                    continue
                if command_id == _MORE and _own_activity(text.tokens, covered):
                    continue  # 'can i carry on gardening', 'should we keep going with the walks': the speaker's doing
                if command_id == _MENU and _options_for_something(text.tokens, covered):
                    continue  # 'tell me what options are there for this back pain': the treatment's options
                polite = sum(1 for i, t in enumerate(text.tokens) if t not in MARKS and i not in covered and _is_polite(t))
                share = (len(covered) + polite) / len(words)
                if share < needed:
                    continue
                if (
                    command_id in _ANSWERS and share < 1.0 and words[0] in _ASKING_OPENERS and words[1] in _ASKED_OF
                    and {text.tokens[p] for p in covered} == {"not"}
                ):
                    continue  # 'is this not serious', 'is that not normal': a question about something, not an answer
                score = share + 0.05 * len(covered)
            if best is None or score > best[2]:
                best = (command_id, min(1.0, score), score)
        if best is None and len(words) == 1:
            return self._slipped_command(words[0])
        return None if best is None else (best[0], round(best[1], 3))

    def _slipped_command(self, word: str) -> tuple[str, float] | None:
        """The one command whose one-word phrasing a lone typed word misses by one letter ('stp', 'hepl', 'mneu') or
        spells without its vowels ('rpt', 'slwr'), when that word is no word of the article's and a rare one in English,
        if one at all."""
        if len(word) < _SLIP_MIN_LETTERS or self._is_known(word) or self._frequency.get(word, 0.0) >= _SLIP_RARE_ZIPF:
            return None
        skeleton = _consonants(word) if sum(1 for letter in word if letter in _VOWELS) <= 1 else None
        near = {
            command_id for command_id, _, whole in self._commands for p in whole
            if len(p) >= _SLIP_MIN_LETTERS + 1 and " " not in p
            and (OSA.distance(word, p, score_cutoff=1) <= 1 or skeleton == _consonants(p))
        }
        return (near.pop(), _SLIP_COMMAND_SCORE) if len(near) == 1 else None

