"""The conversation: one input's understanding and the state so far → the reply to speak and the next state."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from typing import Final

from voice_assistant.core.content import OUT_OF_SCOPE, UNCLEAR, Content, RedFlagLevel
from voice_assistant.core.matching import MatchBand, TopicMatch
from voice_assistant.core.normalise import number_to_words
from voice_assistant.core.redflags import RedFlagResult

__all__ = [
    "SpeakingSettings",
    "PendingKind",
    "Pending",
    "DialogueState",
    "Understanding",
    "Action",
    "Reply",
    "next_turn",
    "greeting",
    "emergency_number_for",
    "spoken_number",
    "RATE_STEP_WPM",
    "VOLUME_STEP",
]

RATE_MIN_WPM: Final = 90
RATE_MAX_WPM: Final = 240
RATE_STEP_WPM: Final = 25
VOLUME_MIN: Final = 0.2
VOLUME_MAX: Final = 1.0
VOLUME_STEP: Final = 0.2
REPORT_TOPIC: Final = "when_to_see_doctor"
"""The topic offered after a red-flag report that asked no question."""
QUESTION_FALLBACK_TOPIC: Final = "when_to_see_doctor"
"""The topic answered for a question about a warning sign that names no clearer topic."""
_MENU_TOPICS: Final = (
    "overview", "causes", "symptoms", "diagnosis", "when_to_see_doctor", "treatment", "recovery", "summary",
)


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
class DialogueState:
    """Everything the conversation remembers between turns."""

    speaking: SpeakingSettings = SpeakingSettings()
    """Current speaking settings."""
    last_reply: str = ""
    """The last reply spoken, for 'repeat'."""
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


class Action(str, Enum):
    """What a reply does."""

    ANSWER = "answer"
    CONFIRM = "confirm"
    MORE = "more"
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


def spoken_number(number: str) -> str:
    """'911' → 'nine one one'; words are returned as they are."""
    if number.isdigit():
        return " ".join(number_to_words(int(digit)) for digit in number)
    return number


def emergency_number_for(content: Content, region: str | None) -> str:
    """The emergency number for a region code ('GB' → '999'); the default words when unknown."""
    numbers = dict(content.prompts.emergency_numbers)
    if region and region.upper() in numbers:
        return numbers[region.upper()]
    return numbers["default"]


def greeting(content: Content, emergency_number: str) -> str:
    """The greeting with its not-a-diagnosis notice."""
    prompts = content.prompts
    return f"{prompts.get('greeting')} {prompts.get('notice').format(number=spoken_number(emergency_number))}"


def _menu_text(content: Content) -> str:
    titles = [content.topic(topic_id).title for topic_id in _MENU_TOPICS]
    return ", ".join(titles[:-1]) + ", and " + titles[-1]


def _alert(content: Content, flag: RedFlagResult, emergency_number: str) -> str:
    if flag.level is RedFlagLevel.NONE:
        return ""
    who = "other" if flag.about_other else "self"
    action = content.prompts.action(f"{flag.level.value}_{who}").format(number=spoken_number(emergency_number))
    return f"{action} {content.rule(flag.rules[0]).reason}"


def _answer_text(content: Content, topic_id: str) -> str:
    topic = content.topic(topic_id)
    about = content.prompts.get("about").format(title=topic.title)
    offer = f" {content.prompts.get('more_offer')}" if topic.more else ""
    return f"{about} {topic.answer}{offer}"


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def next_turn(
    state: DialogueState, understanding: Understanding, content: Content, emergency_number: str
) -> tuple[Reply, DialogueState]:
    """The reply to one understood input, and the conversation's next state."""
    flag = understanding.red_flag
    alert = _alert(content, flag, emergency_number)
    match = understanding.match
    text, action, topic, new_state = _respond(state, understanding, content, emergency_number)
    if alert and (action in (Action.OUT_OF_SCOPE, Action.UNCLEAR, Action.ACKNOWLEDGE, Action.CONFIRM) or (
        action is Action.ANSWER and not understanding.has_question
    )):
        # A report with no question: the alert is the answer; offer the guidance on when to see a doctor.
        text = content.prompts.get("report_more_offer")
        action = Action.RED_FLAG
        topic = REPORT_TOPIC
        new_state = replace(state, pending=Pending(PendingKind.REPORT_MORE, REPORT_TOPIC), misunderstood=0)
    elif flag.denied and not understanding.has_question and action in (
        Action.OUT_OF_SCOPE, Action.UNCLEAR, Action.CONFIRM, Action.ANSWER, Action.MENU
    ):
        # "I don't have any numbness": a denial answers nothing and is no misunderstanding.
        text = content.prompts.get("denied_flags")
        action = Action.ACKNOWLEDGE
        topic = OUT_OF_SCOPE
        new_state = replace(state, pending=None, misunderstood=0)
    elif not alert and flag.asked_about is not RedFlagLevel.NONE and action in (
        Action.ANSWER, Action.OUT_OF_SCOPE, Action.UNCLEAR, Action.CONFIRM
    ):
        if action is not Action.ANSWER:
            topic = QUESTION_FALLBACK_TOPIC
            text = _answer_text(content, topic)
            action = Action.ANSWER
            new_state = replace(state, topic=topic, position=0, pending=Pending(PendingKind.MORE, topic), misunderstood=0)
        advice = content.prompts.action(f"{flag.asked_about.value}_question").format(number=spoken_number(emergency_number))
        text = _join(text, advice)
    spoken = _join(alert, text)
    if action is not Action.REPEAT:
        new_state = replace(new_state, last_reply=spoken)
    reply = Reply(
        text=spoken,
        topic=topic,
        confidence=match.confidence,
        action=action,
        red_flag=flag,
        alert=alert,
        speaking=new_state.speaking,
        ends_session=new_state.ended,
    )
    return reply, new_state


def _respond(
    state: DialogueState, understanding: Understanding, content: Content, emergency_number: str
) -> tuple[str, Action, str, DialogueState]:
    match = understanding.match
    prompts = content.prompts
    if match.topic in ("cmd.yes", "cmd.no") and state.pending is not None:
        return _answer_pending(state, match.topic == "cmd.yes", content)
    if match.is_command:
        return _command(state, match.topic, content)
    if match.band is MatchBand.ANSWER:
        text = _answer_text(content, match.topic)
        pending = Pending(PendingKind.MORE, match.topic) if content.topic(match.topic).more else None
        return text, Action.ANSWER, match.topic, replace(
            state, topic=match.topic, position=0, pending=pending, misunderstood=0
        )
    if match.band is MatchBand.CONFIRM:
        title = content.topic(match.topic).title
        return prompts.get("confirm").format(title=title), Action.CONFIRM, match.topic, replace(
            state, pending=Pending(PendingKind.CONFIRM, match.topic)
        )
    misunderstood = state.misunderstood + 1
    if misunderstood >= 2:
        text = prompts.get("misunderstood_twice").format(topics=_menu_text(content))
        action = Action.MENU
        misunderstood = 0
    elif match.band is MatchBand.OUT_OF_SCOPE:
        text, action = prompts.get("out_of_scope"), Action.OUT_OF_SCOPE
    else:
        text, action = prompts.get("did_not_catch"), Action.UNCLEAR
    topic = OUT_OF_SCOPE if match.band is MatchBand.OUT_OF_SCOPE else UNCLEAR
    return text, action, topic, replace(state, pending=None, misunderstood=misunderstood)


def _answer_pending(state: DialogueState, yes: bool, content: Content) -> tuple[str, Action, str, DialogueState]:
    pending = state.pending
    prompts = content.prompts
    if pending is None:
        return prompts.get("yes_alone" if yes else "no_alone"), Action.ACKNOWLEDGE, "cmd.yes" if yes else "cmd.no", state
    command = "cmd.yes" if yes else "cmd.no"
    if not yes:
        key = "confirm_declined" if pending.kind is PendingKind.CONFIRM else "more_declined"
        return prompts.get(key), Action.ACKNOWLEDGE, command, replace(state, pending=None, misunderstood=0)
    if pending.kind is PendingKind.MORE:
        return _more(replace(state, pending=None), content)
    text = _answer_text(content, pending.topic)
    next_pending = Pending(PendingKind.MORE, pending.topic) if content.topic(pending.topic).more else None
    return text, Action.ANSWER, pending.topic, replace(
        state, topic=pending.topic, position=0, pending=next_pending, misunderstood=0
    )


def _more(state: DialogueState, content: Content) -> tuple[str, Action, str, DialogueState]:
    prompts = content.prompts
    if state.topic is None:
        return prompts.get("nothing_more"), Action.MORE, "cmd.more", state
    topic = content.topic(state.topic)
    if state.position >= len(topic.more):
        text = prompts.get("no_more").format(title=topic.title)
        return text, Action.MORE, "cmd.more", replace(state, pending=None)
    chunk = topic.more[state.position]
    position = state.position + 1
    if position < len(topic.more):
        return _join(chunk, prompts.get("more_offer")), Action.MORE, "cmd.more", replace(
            state, position=position, pending=Pending(PendingKind.MORE, topic.id)
        )
    return _join(chunk, prompts.get("no_more").format(title=topic.title)), Action.MORE, "cmd.more", replace(
        state, position=position, pending=None
    )


def _command(state: DialogueState, command: str, content: Content) -> tuple[str, Action, str, DialogueState]:
    prompts = content.prompts
    speaking = state.speaking
    if command == "cmd.repeat":
        text = state.last_reply or prompts.get("nothing_to_repeat")
        return text, Action.REPEAT, command, state
    if command == "cmd.more":
        return _more(state, content)
    if command in ("cmd.slower", "cmd.faster"):
        step = -RATE_STEP_WPM if command == "cmd.slower" else RATE_STEP_WPM
        rate = min(RATE_MAX_WPM, max(RATE_MIN_WPM, speaking.rate_wpm + step))
        name = "slower" if step < 0 else "faster"
        if rate == speaking.rate_wpm:
            name = "slowest" if step < 0 else "fastest"
        new = replace(speaking, rate_wpm=rate)
        return prompts.get(name), Action.SETTING, command, replace(state, speaking=new)
    if command in ("cmd.louder", "cmd.quieter"):
        change = VOLUME_STEP if command == "cmd.louder" else -VOLUME_STEP
        volume = round(min(VOLUME_MAX, max(VOLUME_MIN, speaking.volume + change)), 2)
        name = "louder" if change > 0 else "quieter"
        if volume == speaking.volume:
            name = "loudest" if change > 0 else "quietest"
        new = replace(speaking, volume=volume)
        return prompts.get(name), Action.SETTING, command, replace(state, speaking=new)
    if command == "cmd.stop":
        return prompts.get("stopped"), Action.STOP, command, replace(state, pending=None)
    if command == "cmd.help":
        return prompts.get("help"), Action.HELP, command, replace(state, misunderstood=0)
    if command == "cmd.menu":
        text = prompts.get("menu").format(topics=_menu_text(content))
        return text, Action.MENU, command, replace(state, pending=None, misunderstood=0)
    if command == "cmd.goodbye":
        return prompts.get("goodbye"), Action.GOODBYE, command, replace(state, pending=None, ended=True)
    key = "yes_alone" if command == "cmd.yes" else "no_alone"
    return prompts.get(key), Action.ACKNOWLEDGE, command, state
