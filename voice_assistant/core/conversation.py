"""The conversation's state and results: speaking settings, questions awaiting yes or no, understanding, replies."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Final

from voice_assistant.core.emergency import EmergencyState
from voice_assistant.core.matching import TopicMatch
from voice_assistant.core.redflags import RedFlagResult

__all__ = [
    "SpeakingSettings",
    "PendingKind",
    "Pending",
    "Place",
    "DialogueState",
    "Understanding",
    "Action",
    "Reply",
    "Draft",
    "RATE_MIN_WPM",
    "RATE_MAX_WPM",
    "RATE_STEP_WPM",
    "VOLUME_MIN",
    "VOLUME_MAX",
    "VOLUME_STEP",
]

RATE_MIN_WPM: Final = 90
RATE_MAX_WPM: Final = 240
RATE_STEP_WPM: Final = 25
VOLUME_MIN: Final = 0.2
VOLUME_MAX: Final = 1.0
VOLUME_STEP: Final = 0.2


@dataclass(frozen=True)
class SpeakingSettings:
    """How replies are spoken; changed by the slower/faster/louder/quieter commands."""

    rate_wpm: int = 150
    """Speaking rate in words per minute, 90..240."""
    volume: float = 0.8
    """Loudness from 0.2 (quiet) to 1.0 (loudest)."""


class PendingKind(str, Enum):
    """What a yes or no would answer."""

    CONFIRM = "confirm"
    MORE = "more"
    REPORT_MORE = "report_more"


@dataclass(frozen=True)
class Pending:
    """A question the assistant asked and awaits a yes or no for."""

    kind: PendingKind
    """Which question."""
    topic: str
    """The topic it is about."""


@dataclass(frozen=True)
class Place:
    """A spoken answer or chunk that 'go back' can return to."""

    text: str
    """What was spoken."""
    topic: str | None
    """The topic it was about (None for a reply about no one topic)."""
    position: int
    """How many of the topic's further chunks had been read after it."""


@dataclass(frozen=True)
class DialogueState:
    """Everything the conversation remembers between turns."""

    speaking: SpeakingSettings = SpeakingSettings()
    """Current speaking settings."""
    last_reply: str = ""
    """The last reply with content in it, for 'repeat' (not 'Stopped.' or 'I will speak louder now.')."""
    topic: str | None = None
    """The topic being read, for 'more'."""
    position: int = 0
    """How many of the topic's further chunks were read."""
    pending: Pending | None = None
    """The yes/no question awaiting an answer."""
    misunderstood: int = 0
    """Misunderstandings in a row."""
    ended: bool = False
    """True after goodbye."""
    emergency: EmergencyState | None = None
    """Set by an emergency reply; follow-ups restate its action until the person moves on."""
    history: tuple[Place, ...] = ()
    """The last few answers and chunks, newest last, for 'go back'."""
    answers: int = 0
    """Topic answers given so far; the offers of more are taken in turn by it."""


@dataclass(frozen=True)
class Understanding:
    """What one input was understood to be."""

    canonical: str
    """The normalised input."""
    match: TopicMatch
    """The topic or command it asks for."""
    red_flag: RedFlagResult
    """What the red-flag rules found."""
    has_question: bool = True
    """False for a statement with no question in it ('my legs are numb')."""
    asked: str | None = None
    """The question normalised, when the input also tells something ('i am peeing normally , what is best over the
    counter' → 'what is best over the counter'); None when the whole input is the question or there is none."""
    suspected: RedFlagResult | None = None
    """A red flag only suspected where none was found (the learned opinion's unsure band): the assistant asks its yes/no
    safety question about it before saying it."""


class Action(str, Enum):
    """What a reply does."""

    ANSWER = "answer"
    CONFIRM = "confirm"
    MORE = "more"
    BACK = "back"
    REPEAT = "repeat"
    SETTING = "setting"
    STOP = "stop"
    HELP = "help"
    MENU = "menu"
    GOODBYE = "goodbye"
    ACKNOWLEDGE = "acknowledge"
    RED_FLAG = "red_flag"
    OUT_OF_SCOPE = "out_of_scope"
    UNCLEAR = "unclear"


@dataclass(frozen=True)
class Reply:
    """The reply to one input."""

    text: str
    """Exactly what is spoken."""
    topic: str
    """The contract topic or command id the reply is about, 'out_of_scope' or 'unclear'."""
    confidence: float
    """The matcher's confidence, 0..1."""
    action: Action
    """What the reply does."""
    red_flag: RedFlagResult
    """The red-flag result of the input."""
    alert: str
    """The red-flag message that starts the reply ('' when none fired)."""
    speaking: SpeakingSettings
    """Speaking settings to use for this reply (after any change it made)."""
    ends_session: bool
    """True after goodbye."""


@dataclass(frozen=True)
class Draft:
    """A reply being built: its text, what it did, and the state after it."""

    text: str
    """Exactly what is spoken."""
    action: Action
    """What the reply does."""
    topic: str
    """The contract topic or command id the reply is about."""
    state: DialogueState
    """The conversation's state after this reply."""
    alert: str = ""
    """The red-flag message in the reply ('' when none)."""
    content: bool = False
    """True when the reply carries guidance that 'go back' can return to."""
    remember: bool = True
    """False when 'repeat' should still say the reply before this one ('Stopped.', 'I will speak louder now.')."""
