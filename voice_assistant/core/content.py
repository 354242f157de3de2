"""Load and validate the assistant's editable content in prompts/ into typed, immutable objects.

Files (all TOML, read with the standard library):
- topics.toml     what the assistant says about each topic: title, short answer, further chunks
- phrasings.toml  how people ask about each topic: example phrasings and weighted key terms
- commands.toml   the spoken commands and their phrasings
- red_flags.toml  the red-flag rules: level, trigger terms, the reason spoken after the action
- vocabulary.toml spelling variants, mishearings, synonyms, fillers, out-of-scope terms
- system.toml     greeting, help, menu and the other system prompts; emergency numbers
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Final


__all__ = [
    "TOPIC_IDS",
    "COMMAND_IDS",
    "OUT_OF_SCOPE",
    "UNCLEAR",
    "RedFlagLevel",
    "Keyword",
    "Topic",
    "Command",
    "RedFlagRule",
    "Vocabulary",
    "SystemPrompts",
    "Content",
    "SYSTEM_PROMPT_KEYS",
]

TOPIC_IDS: Final[tuple[str, ...]] = (
    "overview",
    "causes",
    "cause.tumor_growth",
    "cause.metastasis",
    "cause.nerve_involvement",
    "cause.bone_fractures",
    "cause.inflammation",
    "cause.post_surgical_pain",
    "cause.radiation_therapy",
    "cause.hormonal_changes",
    "cause.spinal_cord_compression",
    "cause.psychological_factors",
    "symptoms",
    "diagnosis",
    "when_to_see_doctor",
    "treatment",
    "treatment.medications",
    "treatment.radiation",
    "treatment.surgery",
    "treatment.acupuncture",
    "treatment.chiropractic",
    "treatment.massage",
    "treatment.physical_therapy",
    "treatment.heat_cold",
    "treatment.exercise",
    "treatment.mind_body",
    "treatment.otc_pain_relievers",
    "recovery",
    "recovery.nutrition",
    "recovery.mental_health",
    "summary",
    "sources",
)
"""Every topic id of the contract, section 1, in the article's order."""

COMMAND_IDS: Final[tuple[str, ...]] = (
    "cmd.repeat",
    "cmd.more",
    "cmd.slower",
    "cmd.faster",
    "cmd.louder",
    "cmd.quieter",
    "cmd.stop",
    "cmd.help",
    "cmd.menu",
    "cmd.goodbye",
    "cmd.yes",
    "cmd.no",
)
"""Every spoken command id of the contract, section 1."""

OUT_OF_SCOPE: Final = "out_of_scope"
UNCLEAR: Final = "unclear"

SYSTEM_PROMPT_KEYS: Final[tuple[str, ...]] = (
    "greeting",
    "notice",
    "help",
    "menu",
    "did_not_catch",
    "out_of_scope",
    "goodbye",
    "about",
    "more_offer",
    "more_continue",
    "no_more",
    "no_previous",
    "confirm",
    "confirm_declined",
    "misunderstood_twice",
    "nothing_to_repeat",
    "nothing_more",
    "stopped",
    "yes_alone",
    "no_alone",
    "more_declined",
    "denied_flags",
    "report_more_offer",
    "confirm_beside_alert",
    "outside_beside_alert",
    "emergency_reminder",
    "emergency_signs",
    "warning_signs",
    "safety_question_legs",
    "safety_question_bladder",
    "safety_question_nerve_pain",
    "safety_question_chest",
    "safety_question_pain",
    "safety_question_unwell",
    "slower",
    "slowest",
    "faster",
    "fastest",
    "louder",
    "loudest",
    "quieter",
    "quietest",
    "idle_hint",
    "error_apology",
    "microphone_lost",
    "microphone_back",
    "no_microphone",
    "kiosk_welcome",
    "kiosk_idle_warning",
    "kiosk_continue",
    "kiosk_listening",
    "kiosk_not_heard",
    "kiosk_microphone_problem",
    "kiosk_speaker_problem",
    "kiosk_starting",
    "kiosk_emergency_banner",
    "kiosk_urgent_banner",
)


class RedFlagLevel(str, Enum):
    """How urgently a report needs action; values are the contract's strings."""

    NONE = "none"
    URGENT = "urgent"
    EMERGENCY = "emergency"

    @property
    def rank(self) -> int:
        """0 for none, 1 for urgent, 2 for emergency: the highest level wins."""
        return _LEVEL_RANK[self]


_LEVEL_RANK: Final = {RedFlagLevel.NONE: 0, RedFlagLevel.URGENT: 1, RedFlagLevel.EMERGENCY: 2}


@dataclass(frozen=True)
class Keyword:
    """A key term that singles out a topic or command."""

    text: str
    """The term as written in prompts/ (one or more words)."""
    weight: float
    """How strongly the term points to its topic: 1 ordinary, 2 strong, 3 decisive (0.1..5)."""


@dataclass(frozen=True)
class Topic:
    """One piece of guidance from the article, as spoken, with the ways people ask for it."""

    id: str
    """The contract's topic id, e.g. 'cause.metastasis'."""
    title: str
    """A short noun phrase spoken before the answer: 'About <title>: …'."""
    answer: str
    """The short spoken answer, one or two sentences."""
    more: tuple[str, ...]
    """Further chunks of the article's section, read in order by 'more'."""
    phrasings: tuple[str, ...]
    """Example questions people ask about this topic (used for matching)."""
    keywords: tuple[Keyword, ...]
    """Weighted key terms (used for matching)."""


@dataclass(frozen=True)
class Command:
    """A spoken command, such as 'repeat that'."""

    id: str
    """The contract's command id, e.g. 'cmd.repeat'."""
    phrasings: tuple[str, ...]
    """Whole utterances that mean this command."""
    keywords: tuple[str, ...]
    """Words or phrases that carry the command inside a longer utterance."""


@dataclass(frozen=True)
class RedFlagRule:
    """A red-flag rule: which words in a report trigger it and what it means."""

    id: str
    """Stable rule id, reported in the `rules` list of the JSON output."""
    level: RedFlagLevel
    """emergency or urgent."""
    phrases: tuple[str, ...]
    """Phrases that fire the rule on their own."""
    combinations: tuple[tuple[tuple[str, ...], ...], ...]
    """Each combination is a list of term groups that must all occur in one sentence."""
    exceptions: tuple[str, ...]
    """Phrases that, where they overlap a match, cancel it ('can't stand the noise')."""
    needs_pain: bool
    """True when the rule fires only if the input also mentions back pain (e.g. tiredness)."""
    across_sentences: bool
    """True when the words of a 'when' combination may stand in different sentences of one input."""
    reason: str
    """What the finding may mean, spoken after the action ('Weakness in the legs can be …')."""
    examples: tuple[str, ...] = ()
    """Everyday descriptions of the symptom, for the semantic safety net ('his legs wont hold him')."""
    suspects: tuple[str, ...] = ()
    """Phrases that, heard by a recogniser where no rule fires, may be the symptom misheard ('my feet have
    gone …'): the spoken path asks the rule's yes/no safety question instead of staying silent."""
    needs_person: bool = False
    """True when the rule fires only where someone is named (I, my, he, my mum …) or nothing is asked: cancer
    and back pain are this assistant's subject, so 'massage for neuroendocrine cancer back pain' reports nothing."""
    next_sentence: bool = False
    """True when the later words of a 'when' combination may also stand in the sentence after the first word's ('it
    only hurts when i am on my feet. if i lie down it eases'), unless that sentence asks."""


@dataclass(frozen=True)
class Vocabulary:
    """Word lists that normalisation and matching use."""

    variants: tuple[tuple[str, str], ...]
    """(heard or spelled form, canonical form): spelling variants and typical mishearings."""
    synonyms: tuple[tuple[str, str], ...]
    """(lay term, the term the topics use): 'needles' → 'acupuncture'."""
    fillers: tuple[str, ...]
    """Filler words and phrases removed before understanding ('um', 'you know')."""
    stopwords: tuple[str, ...]
    """Words that carry no topic on their own ('what', 'the', 'please')."""
    domain_words: tuple[str, ...]
    """Words of this domain that point to no single topic ('pain', 'back', 'cancer')."""
    out_of_scope_terms: tuple[str, ...]
    """Terms that mark a question as outside the article ('weather', 'headache', 'my cat')."""
    pain_words: tuple[str, ...]
    """Words that count as mentioning back pain, for rules that need it."""
    negations: tuple[str, ...]
    """Words and phrases that deny what follows ('no', 'don't have')."""
    post_negations: tuple[str, ...]
    """Words and phrases that deny what comes before ('is fine', 'are normal')."""
    pseudo_negations: tuple[str, ...]
    """Phrases that contain a negation word but deny nothing ('no difference', 'not only')."""
    others: tuple[str, ...]
    """Words that show a report is about someone else ('husband', 'he', 'my mum')."""
    recogniser_hint: str
    """A short text of this domain's words that primes a recogniser (Whisper's initial prompt)."""
    calm_examples: tuple[str, ...] = ()
    """Everyday reports that are no red flag ('my back hurts'), so the semantic safety net can tell them apart."""
    out_of_scope_examples: tuple[str, ...] = ()
    """Questions the article does not answer ('what is the treatment for tennis elbow'), for the semantic model."""
    resolutions: tuple[str, ...] = ()
    """Phrases that take back a symptom said before them: it is over or was never had ('its completely gone now')."""
    hypotheticals: tuple[str, ...] = ()
    """Phrases after which a symptom is feared, dreamt or supposed, not reported ('i am scared i will')."""
    claims: tuple[str, ...] = ()
    """Phrases that claim a symptom talked about before them ('i read about leg weakness, thats what i have')."""
    talk_words: tuple[str, ...] = ()
    """Words of the talk around a question that name no subject ('reckon', 'loads', 'woo'): never a sign of a question
    the article does not cover, however unusual in English."""


@dataclass(frozen=True)
class SystemPrompts:
    """What the assistant says that is not guidance from the article."""

    texts: tuple[tuple[str, str], ...]
    """(key, text) for every key in system.toml [prompts]."""
    level_actions: tuple[tuple[str, str], ...]
    """(key, text): what a red flag tells the person to do, e.g. 'emergency_self'."""
    emergency_numbers: tuple[tuple[str, str], ...]
    """(region code, number), e.g. ('US', '911'); region 'default' is the words to use otherwise."""

    def get(self, key: str) -> str:
        """The text for a prompt key; raises KeyError for an unknown key."""
        for name, text in self.texts:
            if name == key:
                return text
        raise KeyError(key)

    def action(self, key: str) -> str:
        """The red-flag action text for a key such as 'emergency_other'."""
        for name, text in self.level_actions:
            if name == key:
                return text
        raise KeyError(key)


@dataclass(frozen=True)
class Content:
    """Everything in prompts/, validated."""

    topics: tuple[Topic, ...]
    """Every contract topic, in the contract's order."""
    commands: tuple[Command, ...]
    """Every contract command."""
    rules: tuple[RedFlagRule, ...]
    """The red-flag rules."""
    vocabulary: Vocabulary
    """Word lists for normalisation and matching."""
    prompts: SystemPrompts
    """System prompts and emergency numbers."""

    def topic(self, topic_id: str) -> Topic:
        """The topic with this id; raises KeyError for an unknown id."""
        for topic in self.topics:
            if topic.id == topic_id:
                return topic
        raise KeyError(topic_id)

    def rule(self, rule_id: str) -> RedFlagRule:
        """The red-flag rule with this id; raises KeyError for an unknown id."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)
