"""Whether the words heard so far may end an utterance, and after which pause: the end tier.

A person who pauses mid-sentence ("does this cancer ... spread to the spine") must not be answered at the
short pause just because the words so far are understood. The tier says how long a pause ends the words:
SURE (a whole request: the short pause), MAYBE (understood, but the words look unfinished: the middle pause),
NO (not understood: the long pause). `looks_unfinished` judges the words alone, without a tagger: a last
word that needs a continuation (an article, a possessive, a conjunction, a subject pronoun, a modal, a
preposition that is not stranded at the end of a question), or a short question with no verb after its
subject ("what exercise", "does this cancer").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum
from typing import Final

__all__ = ["EndTier", "end_tier", "looks_unfinished", "words_of"]


class EndTier(str, Enum):
    """Which pause may end an utterance whose words so far are these."""

    SURE = "sure"
    """A whole request: the short pause ends it."""
    MAYBE = "maybe"
    """Understood, but it looks unfinished: the middle pause ends it."""
    NO = "no"
    """Not understood: only the long pause ends it."""


_ARTICLES: Final = frozenset({"a", "an", "the"})
_DETERMINERS: Final = _ARTICLES | frozenset({
    "my", "your", "his", "our", "their", "its", "this", "that", "these", "those", "some", "any", "every", "each",
    "no", "much", "many", "more", "most", "which", "what",
})
_POSSESSIVES: Final = frozenset({"my", "your", "his", "our", "their", "its"})
_CONJUNCTIONS: Final = frozenset({"and", "or", "but", "because", "cos", "if", "than", "whether", "although", "though", "nor"})
_SUBJECT_PRONOUNS: Final = frozenset({"i", "we", "they", "he", "she", "i'm", "we're", "they're", "he's", "she's", "i've", "i'd", "i'll"})
_PRONOUNS: Final = _SUBJECT_PRONOUNS | frozenset({"you", "it", "this", "that", "there", "someone", "somebody", "anyone"})
_MODALS: Final = frozenset({"can", "could", "would", "should", "will", "may", "might", "must", "shall"})
_DO: Final = frozenset({"do", "does", "did", "have", "has", "had"})
_BE: Final = frozenset({"is", "are", "was", "were", "am"})
_AUXILIARIES: Final = _MODALS | _DO | _BE
_PREPOSITIONS: Final = frozenset({
    "of", "to", "for", "from", "with", "about", "at", "in", "on", "into", "onto", "by", "like",
    "between", "during", "without", "under", "through", "towards", "near", "until", "against",
})
_FILLERS: Final = frozenset({"um", "uh", "er", "erm", "ehm", "hmm", "very", "quite", "such", "not", "been", "being"})
_MODIFIERS: Final = frozenset({"every", "any", "another", "lower", "upper", "spinal", "neuroendocrine", "neuro"})
"""Words that mostly come before the noun they describe: "every night", "lower back", "neuroendocrine tumour"."""
_DANGLING: Final = _ARTICLES | _POSSESSIVES | _CONJUNCTIONS | _SUBJECT_PRONOUNS | _MODALS | _FILLERS | _MODIFIERS | frozenset({
    "it's", "that's", "there's", "gone", "just", "leads", "related", "linked", "due", "associated", "able", "likely",
})
"""Last words that need a continuation (prepositions, auxiliaries and wh-words are judged apart)."""
_OBJECT_VERBS: Final = frozenset({
    "make", "makes", "cause", "causes", "causing", "get", "gets", "see", "give", "keep", "need", "want", "tell", "take",
    "feel", "last",
})
"""Verbs that need what follows them unless a wh-word asked for it: "does cancer cause" but "what should I take"."""
_HOW_WORDS: Final = frozenset({"long", "much", "many", "often", "soon", "far"})
"""Words that make "how" a question word of its own: "how long does it take"."""
_WH_COMPLETERS: Final = frozenset({"else", "now", "next", "then", "not", "come", "serious", "bad", "so", "one", "about", "if"})
"""Words that make a two-word wh-question whole: "what else", "how come", "which one"."""
_SUBJECT_DETERMINERS: Final = _ARTICLES | _POSSESSIVES | frozenset({"her", "this", "these", "those"})
_NOT_BEFORE_QUESTION: Final = frozenset({
    "never", "not", "to", "won't", "don't", "can't", "didn't", "doesn't", "always", "also", "just", "still", "really",
    "then", "i'll", "we'll", "you'll", "they'll",
})
"""Words after which do, can, is ... continue a statement rather than start a question."""
_SUBORDINATORS: Final = frozenset({"if", "because", "although", "though", "unless", "whenever", "while", "once", "since"})
"""First words of a clause that comes before its main one: "if I press on my spine ... it hurts"."""
_WH: Final = frozenset({"what", "how", "why", "when", "where", "which", "who", "whom", "whose"})
_WH_BE: Final = frozenset({"what's", "whats", "how's", "hows", "where's", "wheres", "who's", "why's", "when's"})
_ANSWERS: Final = frozenset({
    "yes", "yeah", "yep", "yup", "no", "nope", "nah", "ok", "okay", "sure", "right", "correct", "fine", "not",
})
_PARTICLE_VERBS: Final = frozenset({
    "go", "carry", "hang", "hold", "come", "keep", "move", "get", "put", "turn", "speak", "talk", "look", "watch",
    "worry", "deal", "stand", "start", "feel", "feels", "used", "comes", "came", "made", "seen", "looked",
    "meant", "meaning", "coming", "talking", "worried", "refer", "referred", "belong", "out", "breathe", "air",
})
"""Verbs after which a preposition often ends a question or command: "where does it come from", "go on"."""
_STRANDS_AFTER_WH_BE: Final = frozenset({"for", "from", "about", "like"})
"""Prepositions that end "what is octreotide for", "where is this from", "what's it about"."""
_TOKEN: Final = re.compile(r"[a-z0-9']+")


def words_of(text: str) -> list[str]:
    """The lower-case words of text (letters, digits and apostrophes; ’ read as ')."""
    return _TOKEN.findall(text.lower().replace("\u2019", "'"))


def end_tier(words: Sequence[str], understood: bool, red_flag: bool) -> EndTier:
    """The pause that may end these words: a red flag is never left to the long pause, an unfinished one waits the middle pause."""
    if not words or not (understood or red_flag):
        return EndTier.NO
    return EndTier.MAYBE if looks_unfinished(words) else EndTier.SURE


def looks_unfinished(words: Sequence[str]) -> bool:
    """True when the words (lower case, as words_of gives) look like the start of a longer sentence."""
    if not words:
        return True
    last, before = words[-1], (words[-2] if len(words) >= 2 else "")
    if last in _SUBJECT_PRONOUNS and before in _BE and any(word in _WH for word in words[:-2]):
        return False  # "what are they", "how is she"
    if last in _MODALS and len(words) >= 3 and words[-3] in ("if", "as", "when") and before in _PRONOUNS:
        return False  # "if you can"
    if last in _DANGLING or _needs_more(last, before):
        return True
    if len(words) >= 2 and (last in _WH or last in _WH_BE):
        return last != "why" and before not in ("sorry", "pardon", "say", "or", "then", "else")  # "it hurts when"
    if words[0] in _ANSWERS and len(words) <= 4:
        return False  # "yes I do", "no it doesn't": an answer may end on an auxiliary
    wh_at = [index for index, word in enumerate(words) if word in _WH or word in _WH_BE]
    clause = words[wh_at[-1] :] if wh_at else words  # the last question in "nerve compression from a tumour what does"
    if last in _PREPOSITIONS:
        return not _is_stranded(clause)
    if last in _AUXILIARIES or last == "be":
        # "the pain is", "what can", "it could be", but "what can you do", "what a net is", "how long will it be"
        if last in ("do", "does", "did") and before in _PRONOUNS | {"that'll"}:
            return False  # "I do", "that'll do"
        embedded = [index for index in wh_at if index > 0] if last in _BE else wh_at  # "what foods is": unfinished
        return not (embedded and _has_subject(words[embedded[-1] + 1 : -1]))
    if last in _OBJECT_VERBS:
        return not wh_at and before not in _DETERMINERS  # "does cancer cause", but "what should I take", "the cause"
    if before in _AUXILIARIES and last in _PRONOUNS and _starts_question(words, len(words) - 2):
        return not (before in _BE and wh_at)  # "... is it", "can you", "how long does it", but "what is it", "how are you"
    if words[0] in _SUBORDINATORS and len(words) <= 6:
        return True  # a clause that waits for its main one: "if I press on my spine"
    if words[0] in _SUBJECT_DETERMINERS and len(words) <= 2:
        return True  # only a subject so far: "my back", "my husband", "the pain"
    return _is_question_fragment(clause)


def _needs_more(last: str, before: str) -> bool:
    """True for a last word that needs more only after some words: "in her", "be used", "compression lead", "explain cord"."""
    if last == "her":
        return before in _PREPOSITIONS or before in _CONJUNCTIONS or not before
    if last == "used":
        return before in ("be", "been")
    if last == "lead":
        return before not in _PREPOSITIONS and before not in _ARTICLES
    if last == "cord":
        return before != "spinal"
    return False


def _starts_question(words: Sequence[str], index: int) -> bool:
    """True when the auxiliary at index may start a question: first, after a wh-word, or after a noun or adverb
    that is not its subject ("... fine is it" but not "my legs won't do it", "I never do that")."""
    if index == 0:
        return True
    before = words[index - 1]
    return before not in _PRONOUNS and before not in _AUXILIARIES and before not in _NOT_BEFORE_QUESTION


def _has_subject(words: Sequence[str]) -> bool:
    """True when words (between a wh-word and a last auxiliary) hold more than auxiliaries and "long", "much"."""
    return any(word not in _AUXILIARIES and word not in _HOW_WORDS for word in words)


def _is_stranded(words: Sequence[str]) -> bool:
    """True when the last word, a preposition, ends a question or phrase whole: "what is it used for", "go on"."""
    before = words[-2] if len(words) >= 2 else ""
    if before in _PARTICLE_VERBS:
        return True
    head = words[0]
    if head in _WH_BE and words[-1] in _STRANDS_AFTER_WH_BE and 3 <= len(words) <= 6:
        return before not in _DETERMINERS - {"this", "that", "these", "those"}  # "what's a biopsy for", "where's this from"
    if head in _WH and len(words) >= 4 and words[1] in _BE | _DO and words[-1] in _STRANDS_AFTER_WH_BE:
        return before not in _DETERMINERS and len(words) <= 6  # "what is octreotide for", "where is this info from"
    return False


def _is_question_fragment(words: Sequence[str]) -> bool:
    """True for a short wh- or auxiliary-first question with no verb after its subject: "what exercise", "does this cancer"."""
    head = words[0]
    if head in _WH_BE:
        return len(words) < 2
    if head in _WH:
        rest = list(words[1:])
        if not rest and head == "why":
            return False  # "why?" asks for the reason of what was just said
        if rest[:1] and rest[0] in _WH_COMPLETERS and len(rest) == 1:
            return False  # "what else", "how come", "how serious", "which one"
        if rest[:1] and rest[0] in _HOW_WORDS:
            rest = rest[1:]  # "how long does it take"
        if not rest:
            return True
        aux = next((index for index, word in enumerate(rest[:3]) if word in _AUXILIARIES), None)
        if aux is None:
            # "what exercise", "what treat", "what pain relievers", but "what causes back pain", "what helps with"
            return len(rest) < 2 or (head in ("what", "which") and len(rest) <= 3 and _is_plural(rest[-1]))
        return _lacks_verb(rest[aux], rest[aux + 1 :], wh_first=True)
    if head in _BE and len(words) >= 3 and words[1] not in _PRONOUNS and words[2] in _PREPOSITIONS:
        tail = words[3:]  # only a subject so far: "is weakness in the legs", "is going for a walk"
        return len(tail) <= 1 or (len(tail) == 2 and tail[0] in _DETERMINERS)
    if head in _AUXILIARIES and len(words) <= 7:
        return _lacks_verb(head, list(words[1:]), wh_first=False)
    return False


def _is_plural(word: str) -> bool:
    """True when word looks like a plural noun ("relievers", "scans"), not "stress", "nervous" or "is"."""
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s"))


def _lacks_verb(aux: str, rest: list[str], wh_first: bool) -> bool:
    """True when what follows an auxiliary is at most its subject: "does this cancer", "can radiation", "what is the"."""
    if not rest:
        return True
    if aux in _BE and wh_first:
        return False  # "what is cancer", "how are you": the wh-word is the predicate
    if rest[0] in ("this", "that") and aux not in _BE and not wh_first and len(rest) >= 2:
        subject = 2  # "does this cancer"
    elif rest[0] in _PRONOUNS:
        subject = 1
    elif rest[0] in _DETERMINERS:
        subject = 2  # "the pain", "this cancer"
    else:
        subject = 1  # "massage", "radiation"
    if aux not in _BE and not wh_first and rest[0] not in _PRONOUNS:
        until = next((index for index, word in enumerate(rest) if word in _PREPOSITIONS), len(rest))
        if all(_is_plural(word) or word.endswith(("ing", "ous")) for word in rest[1:until]):
            return True  # "can breathing exercises", "do weak bones from the cancer": no bare verb after the subject
    if len(rest) > 4:
        return False
    return len(rest) <= subject
