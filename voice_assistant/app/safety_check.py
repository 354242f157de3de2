"""Red flags that survive recognition: look in every hypothesis, and ask one yes/no question when unsure.

The recogniser's best transcript is not the only evidence: its other hypotheses (the N-best), the partial
words heard while the person spoke, its confidence, and the words a misheard symptom leaves behind (the
rules' `suspect` phrases in prompts/red_flags.toml: "my feet have gone …") all say something. When a red flag is heard only
in a lower hypothesis, or in words that explain nothing else ("my legs ... we"), or in a transcript the
recogniser itself doubts, the assistant neither stays silent nor alarms blindly: it asks one short yes/no
question whose wording is in prompts/system.toml (`safety_question_*`), and a "yes" or no answer fires it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from itertools import chain
from dataclasses import dataclass, replace
from typing import Final

from voice_assistant.asr.recogniser import Transcript
from voice_assistant.core.content import Content, RedFlagLevel
from voice_assistant.core.dialogue import Understanding
from voice_assistant.core.matching import MatchBand
from voice_assistant.core.redflags import RedFlagResult

__all__ = ["SafetyQuestion", "find_suspicion", "question_text", "is_no_answer", "QUESTION_KEYS"]

FLAG_SURE_ABOVE: Final = 0.35
"""A red flag in the best transcript fires outright at this recogniser confidence or more; below it, ask."""
MIN_ALTERNATIVE_SCORE: Final = 0.3
"""Hypotheses the recogniser scores lower than this are not evidence."""
MIN_ALTERNATIVE_SHARE: Final = 0.75
"""…nor those scored below this share of the best transcript's confidence."""

QUESTION_KEYS: Final[dict[str, str]] = {
    "limb_weakness": "safety_question_legs",
    "walking_difficulty": "safety_question_legs",
    "numbness": "safety_question_legs",
    "saddle_numbness": "safety_question_bladder",
    "bladder": "safety_question_bladder",
    "bowel": "safety_question_bladder",
    "sexual_function": "safety_question_bladder",
    "band_pain": "safety_question_nerve_pain",
    "shooting_pain": "safety_question_nerve_pain",
    "chest_breathing": "safety_question_chest",
    "cancer_history": "safety_question_unwell",
    "weight_loss": "safety_question_unwell",
    "general_unwell": "safety_question_unwell",
    "fever_sweats": "safety_question_unwell",
}
"""Red-flag rule id → the system prompt that asks about it; other urgent rules use safety_question_pain."""
_DEFAULT_KEYS: Final = {"emergency": "safety_question_legs", "urgent": "safety_question_pain"}

SYMPTOM_WORDS: Final[dict[str, str]] = {
    "leg": "limb_weakness", "legs": "limb_weakness", "arm": "limb_weakness", "arms": "limb_weakness",
    "numb": "numbness", "numbness": "numbness", "tingling": "numbness", "needles": "numbness",
    "feet": "numbness", "foot": "numbness", "toes": "numbness",
    "bladder": "bladder", "pee": "bladder", "wee": "bladder", "urine": "bladder", "wet": "bladder",
    "bowel": "bowel", "bowels": "bowel",
    "chest": "chest_breathing", "breath": "chest_breathing", "breathe": "chest_breathing",
    "breathing": "chest_breathing", "breathless": "chest_breathing",
}
"""Words that, in an unsure statement with no red flag found (and no denying word where the statement was placed
under a topic), hint at a red-flag rule."""
_NO_WORDS: Final = frozenset({"no", "nope", "nah", "not", "nor", "neither"})
_DENYING: Final = frozenset({"no", "not", "never", "nothing", "dont", "don't", "doesnt", "doesn't", "didnt", "didn't", "isnt",
                             "isn't", "arent", "aren't", "havent", "haven't", "hasnt", "hasn't", "without", "nor", "neither",
                             "none", "nope", "nah"})
"""Words that may deny a symptom word in a transcript the assistant placed under a topic."""
UNCALIBRATED_ENGINES: Final = frozenset({"pocketsphinx"})
"""Engines whose scores say little: PocketSphinx rates word salad at 0.7, and its N-best differ in small words
such as "no", so on the dev set other hypotheses and symptom words doubled its alarms on denials (0.12 -> 0.24).
For these only the best transcript counts (and a low confidence still turns its red flag into a question)."""
SYMPTOM_WORDS_BELOW: Final = 0.7
"""Symptom words count only in a transcript the recogniser doubts: heard surely, they are what was said."""
_REASSURING: Final = frozenset({"fine", "ok", "okay", "normal", "good", "great", "well", "alright", "better"})
"""Words that make a statement about a symptom word a reassurance ("my bladder control is fine"), in any hypothesis."""
_REASSURING_PHRASES: Final = re.compile(
    r"\bno (?:problems?|bother|trouble|worries|issues?)\b|\ball good\b|\bnothing wrong\b"
    r"|\b(?:never|not|dont|havent|hasnt) (?:had |have |has |having |got )?any (?:problems?|trouble|issues?|bother)\b"
    r"|\bnothing (?:major|serious|new|much)\b|\bnot (?:too |that |so )?bad\b"
    r"|\bcan live with (?:it|that)\b|\bsame as (?:always|usual|ever|it'?s been|it has been|it is been)\b"
)
"""…and phrases ("i feel my legs ok, no problem", "nothing wrong with my bladder", "never have any problem with my bowels",
"three out of ten, i can live with it", "stiff first thing, same as its been for years")."""


@dataclass(frozen=True)
class SafetyQuestion:
    """A red flag the assistant suspects and has asked about, waiting for a yes or no."""

    suspected: RedFlagResult
    """The flag that fires on a yes or no answer (its level and rules)."""
    understanding: Understanding
    """What the asking input was understood as, answered once the question is settled."""
    text: str
    """The question as spoken."""


def _stronger(one: RedFlagResult | None, other: RedFlagResult) -> RedFlagResult:
    order = {RedFlagLevel.NONE: 0, RedFlagLevel.URGENT: 1, RedFlagLevel.EMERGENCY: 2}
    if one is None or order[other.level] > order[one.level]:
        return other
    return one


def find_suspicion(
    best: Understanding,
    transcript: Transcript,
    check: Callable[[str], RedFlagResult],
    content: Content,
    heard: Iterable[str] = (),
    with_pain: Callable[[str], RedFlagResult] | None = None,
) -> RedFlagResult | None:
    """The red flag to ask about, or None (none suspected, or the best transcript fires it outright).

    check: the word rules on one text. The other hypotheses get the word rules alone: on a recogniser's
    word salad the semantic safety net found symptoms in spoken denials ('my legs feel normal and im
    walking in'), while the best transcript has had the whole understanding already. with_pain: the word rules
    with back pain taken as said, for an unsure statement of a symptom that needs it (nausea, weight loss,
    tiredness), where the recogniser may have lost 'my back hurts and' at the start.
    """
    flag = best.red_flag
    if flag.level is not RedFlagLevel.NONE:
        return flag if transcript.confidence < FLAG_SURE_ABOVE else None
    if best.suspected is not None:
        return best.suspected  # the learned opinion suspects one in the best transcript (it abstains on denials, questions)
    if flag.denied or flag.asked_about is not RedFlagLevel.NONE or transcript.engine in UNCALIBRATED_ENGINES:
        return None  # an explicit denial or a question about a symptom is taken at its word
    found: RedFlagResult | None = None
    floor = max(MIN_ALTERNATIVE_SCORE, MIN_ALTERNATIVE_SHARE * transcript.confidence)
    others = [hypothesis.text for hypothesis in transcript.alternatives if hypothesis.score >= floor]
    suspected = list(flag.suspected)
    denied = False
    # the best transcript says all is well ('a twinge when i bend, nothing major'): a lower one's symptom is a mishearing
    calm = bool(_REASSURING_PHRASES.search(transcript.text))
    for text in [*others, *heard]:
        other = check(text)
        if other.level is not RedFlagLevel.NONE and not calm:
            found = _stronger(found, other)
        elif other.denied and found is None:
            denied = True  # a likelier hypothesis denies it ('i didnt wet myself' under 'i didnt wait myself')
        suspected.extend(other.suspected)
    if denied:
        return None
    if found is not None:
        return replace(found, spans=())
    reassured = any(
        _REASSURING & set(text.split()) or _REASSURING_PHRASES.search(text) for text in [transcript.text, *others]
    )
    if suspected and not reassured:
        # words that a misheard symptom often leaves behind ('my feet have gone home', 'cant hold my t in')
        rules = sorted(set(suspected), key=lambda rule: -content.rule(rule).level.rank)
        return RedFlagResult(content.rule(rules[0]).level, (rules[0],), False, RedFlagLevel.NONE)
    words = transcript.text.split()
    # A statement: one the assistant could not place, or one it placed under a topic with no denying word in it
    # ('my legs went on the stairs and and the hot water bottle' is no question about heat)
    statement = not best.has_question and (
        best.match.band in (MatchBand.UNCLEAR, MatchBand.OUT_OF_SCOPE) or not _DENYING & set(words))
    answered = bool(words) and words[0] in _NO_WORDS  # 'no i can feel my feet high': an answer, not a report
    if statement and not answered and transcript.confidence < SYMPTOM_WORDS_BELOW and not reassured:
        known = {rule.id for rule in content.rules}
        for text in [transcript.text, *others, *heard]:
            for word in text.split():
                rule = SYMPTOM_WORDS.get(word)
                if rule in known:
                    level = content.rule(rule).level
                    return RedFlagResult(level, (rule,), False, RedFlagLevel.NONE)
        if with_pain is not None:
            best_with_pain = with_pain(transcript.text)
            # not when the best transcript denies it ('shes not had a temperature at all' under 'a temperature at all')
            checked = () if best_with_pain.denied else chain((best_with_pain,), map(with_pain, others))
            for painless in checked:  # 'and ive been really nauseous since saturday': 'back hurts' lost before it
                if painless.level is not RedFlagLevel.NONE and all(content.rule(r).needs_pain for r in painless.rules):
                    return RedFlagResult(painless.level, painless.rules[:1], False, RedFlagLevel.NONE)
    return None


def question_text(content: Content, suspected: RedFlagResult) -> str:
    """The yes/no question for a suspected flag, from prompts/system.toml."""
    rule = suspected.rules[0] if suspected.rules else ""
    key = QUESTION_KEYS.get(rule) or _DEFAULT_KEYS.get(suspected.level.value, "safety_question_legs")
    return content.prompts.get(key)


def is_no_answer(understanding: Understanding) -> bool:
    """True when an answer to the safety question says no ("no", "nope", a denial of the symptom)."""
    if understanding.match.topic == "cmd.no" or understanding.red_flag.denied:
        return True
    words = understanding.canonical.split()
    return bool(words) and words[0] in _NO_WORDS and understanding.red_flag.level is RedFlagLevel.NONE
