"""Reading the article aloud: answers, "more" in listenable chunks with few offers, "go back", and the commands."""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from voice_assistant.core.content import OUT_OF_SCOPE, UNCLEAR, Content
from voice_assistant.core.conversation import (
    RATE_MAX_WPM,
    RATE_MIN_WPM,
    RATE_STEP_WPM,
    VOLUME_MAX,
    VOLUME_MIN,
    VOLUME_STEP,
    Action,
    DialogueState,
    Draft,
    Pending,
    PendingKind,
    Understanding,
)
from voice_assistant.core.emergency import SIGN_TOPICS, spoken_number
from voice_assistant.core.matching import MatchBand, TopicMatch

__all__ = [
    "HISTORY_LENGTH",
    "menu_text",
    "join",
    "without_offer",
    "answer_text",
    "answered",
    "heard_as",
    "respond",
    "more_reply",
    "command_reply",
]

HISTORY_LENGTH: Final = 6
"""How many earlier answers 'go back' can return to."""
_BACK_WORDS: Final = frozenset({"back", "previous", "before"})
_MENU_WORDS: Final = frozenset({"menu", "start", "beginning", "topics", "options", "list", "choices"})
_MENU_TOPICS: Final = (
    "overview", "causes", "symptoms", "diagnosis", "when_to_see_doctor", "treatment", "recovery", "summary",
)


def menu_text(content: Content) -> str:
    """The main topics' titles as one spoken list ('…, and the main points')."""
    titles = [content.topic(topic_id).title for topic_id in _MENU_TOPICS]
    return ", ".join(titles[:-1]) + ", and " + titles[-1]


def join(*parts: str) -> str:
    """The non-empty parts joined by spaces."""
    return " ".join(part for part in parts if part)


def _offers(content: Content) -> list[str]:
    return [offer.strip() for offer in content.prompts.get("more_offer").split("|") if offer.strip()]


def _more_offer(content: Content, turn: int) -> str:
    """One of the short offers of more, taken in turn so that it is not the same words every time."""
    offers = _offers(content)
    return offers[turn % len(offers)]


def without_offer(text: str, content: Content) -> str:
    """The text less a closing offer of more (answers during an emergency end with the number instead)."""
    for offer in (*_offers(content), content.prompts.get("more_continue")):
        if text.endswith(offer):
            return text[: -len(offer)].rstrip()
    return text


def answer_text(
    content: Content, topic_id: str, emergency_number: str, *, offer: int | None = None, signs: bool = True
) -> str:
    """'About <title>:', what to do about the emergency signs where the topic is about them, the answer, an offer.

    offer: which of the offers of more to end with (taken in turn), or None for no offer.
    """
    topic = content.topic(topic_id)
    about = content.prompts.get("about").format(title=topic.title)
    first = ""
    if signs and topic_id in SIGN_TOPICS:
        first = content.prompts.get("emergency_signs").format(number=spoken_number(emergency_number))
    return join(about, first, topic.answer, _more_offer(content, offer) if offer is not None and topic.more else "")


def answered(state: DialogueState, content: Content, topic_id: str) -> DialogueState:
    """The state after a topic's answer: 'more' reads its chunks next."""
    pending = Pending(PendingKind.MORE, topic_id) if content.topic(topic_id).more else None
    return replace(state, topic=topic_id, position=0, pending=pending, misunderstood=0, answers=state.answers + 1)



def _is_go_back(canonical: str) -> bool:
    words = set(canonical.split())
    return bool(words & _BACK_WORDS) and not words & _MENU_WORDS


def respond(state: DialogueState, understanding: Understanding, content: Content, number: str) -> Draft:
    """The reply to an input as a topic question, a command or something not understood (red flags aside)."""
    match = understanding.match
    prompts = content.prompts
    if match.topic in ("cmd.yes", "cmd.no") and state.pending is not None:
        return _answer_pending(state, match.topic == "cmd.yes", content, number)
    if match.topic == "cmd.menu" and _is_go_back(understanding.canonical):
        return _go_back(state, content)
    if match.is_command:
        return command_reply(state, match.topic, content)
    if match.band is MatchBand.ANSWER:
        text = answer_text(content, match.topic, number, offer=state.answers)
        return Draft(text, Action.ANSWER, match.topic, answered(state, content, match.topic), content=True)
    if match.band is MatchBand.CONFIRM:
        title = content.topic(match.topic).title
        return Draft(prompts.get("confirm").format(title=title), Action.CONFIRM, match.topic, replace(
            state, pending=Pending(PendingKind.CONFIRM, match.topic)
        ))
    misunderstood = state.misunderstood + 1
    if misunderstood >= 2:
        text = prompts.get("misunderstood_twice").format(topics=menu_text(content))
        action = Action.MENU
        misunderstood = 0
    elif match.band is MatchBand.OUT_OF_SCOPE:
        text, action = prompts.get("out_of_scope"), Action.OUT_OF_SCOPE
    else:
        text, action = prompts.get("did_not_catch"), Action.UNCLEAR
    return Draft(text, action, heard_as(match), replace(state, pending=None, misunderstood=misunderstood))


def _answer_pending(state: DialogueState, yes: bool, content: Content, number: str) -> Draft:
    pending = state.pending
    prompts = content.prompts
    command = "cmd.yes" if yes else "cmd.no"
    if pending is None:
        return Draft(prompts.get("yes_alone" if yes else "no_alone"), Action.ACKNOWLEDGE, command, state)
    if not yes:
        key = "confirm_declined" if pending.kind is PendingKind.CONFIRM else "more_declined"
        return Draft(prompts.get(key), Action.ACKNOWLEDGE, command, replace(state, pending=None, misunderstood=0))
    if pending.kind is PendingKind.MORE:
        return more_reply(replace(state, pending=None), content)
    text = answer_text(content, pending.topic, number, offer=state.answers)
    return Draft(text, Action.ANSWER, pending.topic, answered(state, content, pending.topic), content=True)


def more_reply(state: DialogueState, content: Content) -> Draft:
    """The next chunk; 'say more to go on' once after the first, then no offers while the person listens through."""
    prompts = content.prompts
    if state.topic is None:
        return Draft(prompts.get("nothing_more"), Action.MORE, "cmd.more", state, remember=False)
    topic = content.topic(state.topic)
    if state.position >= len(topic.more):
        text = prompts.get("no_more").format(title=topic.title)
        return Draft(text, Action.MORE, "cmd.more", replace(state, pending=None), remember=False)
    chunk = topic.more[state.position]
    position = state.position + 1
    if position < len(topic.more):
        offer = prompts.get("more_continue") if position == 1 else ""
        new_state = replace(state, position=position, pending=Pending(PendingKind.MORE, topic.id))
        return Draft(join(chunk, offer), Action.MORE, "cmd.more", new_state, content=True)
    text = join(chunk, prompts.get("no_more").format(title=topic.title))
    return Draft(text, Action.MORE, "cmd.more", replace(state, position=position, pending=None), content=True)


def _go_back(state: DialogueState, content: Content) -> Draft:
    """The answer before the last one again, and reading goes on from there."""
    if len(state.history) < 2:
        return Draft(content.prompts.get("no_previous"), Action.BACK, "cmd.menu", state, remember=False)
    place = state.history[-2]
    pending = None
    if place.topic is not None and place.position < len(content.topic(place.topic).more):
        pending = Pending(PendingKind.MORE, place.topic)
    new_state = replace(
        state, topic=place.topic, position=place.position, pending=pending, misunderstood=0, history=state.history[:-1]
    )
    return Draft(place.text, Action.BACK, place.topic or "cmd.menu", new_state)


def command_reply(state: DialogueState, command: str, content: Content) -> Draft:
    """The reply to a spoken command."""
    prompts = content.prompts
    speaking = state.speaking
    if command == "cmd.repeat":
        return Draft(state.last_reply or prompts.get("nothing_to_repeat"), Action.REPEAT, command, state, remember=False)
    if command == "cmd.more":
        return more_reply(state, content)
    if command in ("cmd.slower", "cmd.faster"):
        step = -RATE_STEP_WPM if command == "cmd.slower" else RATE_STEP_WPM
        rate = min(RATE_MAX_WPM, max(RATE_MIN_WPM, speaking.rate_wpm + step))
        name = "slower" if step < 0 else "faster"
        if rate == speaking.rate_wpm:
            name = "slowest" if step < 0 else "fastest"
        new = replace(speaking, rate_wpm=rate)
        return Draft(prompts.get(name), Action.SETTING, command, replace(state, speaking=new), remember=False)
    if command in ("cmd.louder", "cmd.quieter"):
        change = VOLUME_STEP if command == "cmd.louder" else -VOLUME_STEP
        volume = round(min(VOLUME_MAX, max(VOLUME_MIN, speaking.volume + change)), 2)
        name = "louder" if change > 0 else "quieter"
        if volume == speaking.volume:
            name = "loudest" if change > 0 else "quietest"
        new = replace(speaking, volume=volume)
        return Draft(prompts.get(name), Action.SETTING, command, replace(state, speaking=new), remember=False)
    if command == "cmd.stop":
        return Draft(prompts.get("stopped"), Action.STOP, command, replace(state, pending=None), remember=False)
    if command == "cmd.help":
        return Draft(prompts.get("help"), Action.HELP, command, replace(state, misunderstood=0))
    if command == "cmd.menu":
        text = prompts.get("menu").format(topics=menu_text(content))
        return Draft(text, Action.MENU, command, replace(state, pending=None, misunderstood=0))
    if command == "cmd.goodbye":
        return Draft(prompts.get("goodbye"), Action.GOODBYE, command, replace(state, pending=None, ended=True))
    key = "yes_alone" if command == "cmd.yes" else "no_alone"
    return Draft(prompts.get(key), Action.ACKNOWLEDGE, command, state)


def heard_as(match: TopicMatch) -> str:
    """The topic id to report for a match: the topic when answered, else 'out_of_scope' or 'unclear'."""
    if match.band is MatchBand.ANSWER:
        return match.topic
    return OUT_OF_SCOPE if match.band is MatchBand.OUT_OF_SCOPE else UNCLEAR
