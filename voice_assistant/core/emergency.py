"""Safety first: the emergency action as the first words, follow-ups that restate it, and symptom questions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from voice_assistant.core.content import Content, RedFlagLevel, RedFlagRule
from voice_assistant.core.matching import MatchBand, TopicMatch
from voice_assistant.core.normalise import number_to_words, stem
from voice_assistant.core.phrases import MARKS

__all__ = [
    "EmergencyState",
    "MOVED_ON_AFTER",
    "SIGN_TOPICS",
    "spoken_number",
    "emergency_action",
    "reminder",
    "is_follow_up",
    "symptom_rule",
    "is_symptom_topic",
]

MOVED_ON_AFTER: Final = 3
"""After this many other questions answered in a row, the person has moved on and the reminders stop."""
SIGN_TOPICS: Final = ("symptoms", "when_to_see_doctor", "cause.spinal_cord_compression")
"""Topics whose answer says first what to do about the emergency signs."""
_SYMPTOM_TOPICS: Final = ("overview", "causes", "symptoms", "when_to_see_doctor", "cause.spinal_cord_compression")
"""Topics a question about a warning sign is matched to when it names no clearer topic."""
_FOLLOW_UP_COMMANDS: Final = frozenset({"cmd.yes", "cmd.no", "cmd.help", "cmd.repeat"})
"""Commands that, right after an emergency, ask about the emergency ('yes', 'help', 'what?')."""
_FOLLOW_UP_WORDS: Final = (
    "number", "ambulance", "call", "ring", "phone", "dial", "emergency", "hospital", "paramedic", "a e", "nine",
    "what do i do", "what do we do", "what should i do", "what should we do", "what now", "now what", "what next",
)
"""Words that ask about the emergency itself ('what number do I ring?', 'should I call an ambulance?')."""
_SYMPTOM_WORDS: Final = (
    ("numbness", ("numb", "numbness", "tingling", "tingle", "pins and needles", "loss of feeling", "lose feeling", "sensation")),
    ("limb_weakness", ("weak", "weakness", "paralysis", "paralyzed", "heavy legs", "heaviness", "give way", "giving way")),
    ("walking_difficulty", ("unsteady", "balance", "trouble walking", "cannot walk", "cant walk")),
    ("saddle_numbness", ("saddle", "genitals", "groin", "inner thigh", "inner thighs")),
    ("bladder", ("bladder", "pee", "urine", "incontinence", "incontinent", "wetting")),
    ("bowel", ("bowel", "bowels")),
    ("band_pain", ("tight band",)),
    ("shooting_pain", ("shooting",)),
    ("chest_breathing", ("chest pain", "breathing", "breathe", "collapse", "collapsed", "collapsing")),
)
"""Rule id → words that name its symptom in a question ('is numbness a warning sign?'), most specific first."""


@dataclass(frozen=True)
class EmergencyState:
    """An emergency reply was given: follow-ups restate its action until the person moves on."""

    action: str
    """The one-sentence action with the number, as spoken ('Call nine nine nine now, or go to …')."""
    answered: int = 0
    """Other questions answered since the emergency, 0..MOVED_ON_AFTER."""


def spoken_number(number: str) -> str:
    """'911' → 'nine one one'; words are returned as they are."""
    if number.isdigit():
        return " ".join(number_to_words(int(digit)) for digit in number)
    return number


def emergency_action(content: Content, about_other: bool, emergency_number: str) -> str:
    """The emergency action sentence, with the number spoken digit by digit."""
    key = "emergency_other" if about_other else "emergency_self"
    return content.prompts.action(key).format(number=spoken_number(emergency_number))


def reminder(content: Content, emergency_number: str) -> str:
    """The one-line reminder of the number that ends other answers during an emergency."""
    return content.prompts.get("emergency_reminder").format(number=spoken_number(emergency_number))


_DENIALS: Final = frozenset({"no", "not", "never", "nothing", "without", "dont", "doesnt", "havent", "hasnt", "isnt", "arent", "nor"})
_DENIAL_REACH: Final = 3


_ALL_WELL: Final = frozenset({"fine", "ok", "okay", "normal", "alright", "good", "grand", "great", "perfect"})
"""Words just after a symptom's word that say it is well ('walking fine , balance is fine , so how often …')."""


def _has_undenied(words: list[str], stems: list[str], phrase: str) -> bool:
    """True when phrase (stems) stands in stems with no denial word in the few words before it ('no numbness') and
    no word saying all is well in the two after it in its clause ('balance is fine')."""
    wanted = phrase.split()

    def well_after(end: int) -> bool:
        after: list[str] = []
        for word in words[end : end + 3]:
            if word in MARKS:
                break
            after.append(word)
        return bool(_ALL_WELL.intersection(after))

    return any(
        stems[index : index + len(wanted)] == wanted
        and not any(word in _DENIALS for word in words[max(0, index - _DENIAL_REACH) : index])
        and not well_after(index + len(wanted))
        for index in range(len(stems) - len(wanted) + 1)
    )


def _has_phrase(words: list[str], phrase: str) -> bool:
    wanted = phrase.split()
    return any(words[index : index + len(wanted)] == wanted for index in range(len(words) - len(wanted) + 1))


def is_follow_up(match: TopicMatch, canonical: str) -> bool:
    """True when an input after an emergency asks about it, or is not clearly something else."""
    if match.topic in _FOLLOW_UP_COMMANDS or match.band is not MatchBand.ANSWER:
        return True
    words = canonical.split()
    return any(_has_phrase(words, phrase) for phrase in _FOLLOW_UP_WORDS)


def symptom_rule(content: Content, canonical: str) -> RedFlagRule | None:
    """The emergency rule whose symptom a question names ('is numbness a warning sign?' → numbness), if any; a
    symptom the words deny ('no shooting pains, nothing like that, what causes back pain') names none."""
    words = canonical.split()
    stems = [stem(word) for word in words]
    for rule_id, phrases in _SYMPTOM_WORDS:
        if any(_has_undenied(words, stems, " ".join(stem(word) for word in phrase.split())) for phrase in phrases):
            try:
                rule = content.rule(rule_id)
            except KeyError:
                continue
            if rule.level is RedFlagLevel.EMERGENCY:
                return rule
    return None


def is_symptom_topic(match: TopicMatch) -> bool:
    """True when the matched topic leaves a symptom question to the symptom's own answer."""
    return match.band is not MatchBand.ANSWER or match.is_command or match.topic in _SYMPTOM_TOPICS
