"""The conversation: one input's understanding and the state so far → the reply to speak and the next state.

Safety comes first in every turn: an emergency reply starts with the action and the number, and until the
person moves on, follow-ups restate it and other answers end with the number (core/emergency.py).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from voice_assistant.core.content import OUT_OF_SCOPE, Content, RedFlagLevel, RedFlagRule
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
    Place,
    Reply,
    SpeakingSettings,
    Understanding,
)
from voice_assistant.core.emergency import (
    MOVED_ON_AFTER,
    SIGN_TOPICS,
    EmergencyState,
    emergency_action,
    is_follow_up,
    is_symptom_topic,
    reminder,
    spoken_number,
    symptom_rule,
)
from voice_assistant.core.matching import MatchBand
from voice_assistant.core.reading import (
    HISTORY_LENGTH,
    answer_text,
    answered,
    command_reply,
    heard_as,
    join,
    more_reply,
    respond,
    without_offer,
)

__all__ = [
    "SpeakingSettings",
    "PendingKind",
    "Pending",
    "Place",
    "EmergencyState",
    "DialogueState",
    "Understanding",
    "Action",
    "Reply",
    "next_turn",
    "greeting",
    "emergency_number_for",
    "spoken_number",
    "RATE_MIN_WPM",
    "RATE_MAX_WPM",
    "RATE_STEP_WPM",
    "VOLUME_MIN",
    "VOLUME_MAX",
    "VOLUME_STEP",
]

REPORT_TOPIC: Final = "when_to_see_doctor"
"""The topic offered after an urgent report that asked no question."""
QUESTION_FALLBACK_TOPIC: Final = "when_to_see_doctor"
"""The topic answered for a question about an urgent warning sign that names no clearer topic."""


def emergency_number_for(content: Content, region: str | None) -> str:
    """The emergency number for a region code ('GB' → '999'); the default words when unknown."""
    numbers = dict(content.prompts.emergency_numbers)
    if region and region.upper() in numbers:
        return numbers[region.upper()]
    return numbers["default"]


def greeting(content: Content, emergency_number: str) -> str:
    """The short greeting with its one safety line."""
    prompts = content.prompts
    return f"{prompts.get('greeting')} {prompts.get('notice').format(number=spoken_number(emergency_number))}"


def next_turn(
    state: DialogueState, understanding: Understanding, content: Content, emergency_number: str
) -> tuple[Reply, DialogueState]:
    """The reply to one understood input, and the conversation's next state."""
    if understanding.red_flag.level is RedFlagLevel.EMERGENCY:
        turn = _emergency_turn(state, understanding, content, emergency_number)
    elif state.emergency is not None:
        turn = _during_emergency(state, state.emergency, understanding, content, emergency_number)
    else:
        turn = _ordinary_turn(state, understanding, content, emergency_number)
    new_state = turn.state
    if turn.remember:
        new_state = replace(new_state, last_reply=turn.text)
    if turn.content:
        place = Place(turn.text, new_state.topic, new_state.position)
        new_state = replace(new_state, history=(*new_state.history, place)[-HISTORY_LENGTH:])
    reply = Reply(
        text=turn.text,
        topic=turn.topic,
        confidence=understanding.match.confidence,
        action=turn.action,
        red_flag=understanding.red_flag,
        alert=turn.alert,
        speaking=new_state.speaking,
        ends_session=new_state.ended,
    )
    return reply, new_state


def _emergency_turn(state: DialogueState, understanding: Understanding, content: Content, number: str) -> Draft:
    """The action and number first, one short reason, and nothing else on offer; a question asked with it is answered."""
    flag = understanding.red_flag
    match = understanding.match
    action = emergency_action(content, flag.about_other, number)
    alert = join(action, content.rule(flag.rules[0]).reason)
    base = replace(state, topic=None, position=0, pending=None, misunderstood=0, emergency=EmergencyState(action))
    if understanding.has_question and match.band is MatchBand.ANSWER and not match.is_command:
        answer = answer_text(content, match.topic, number, signs=False)
        new_state = replace(answered(base, content, match.topic), pending=None)
        return Draft(join(alert, answer, reminder(content, number)), Action.ANSWER, match.topic, new_state, alert, True)
    if understanding.has_question and match.band is MatchBand.CONFIRM and not match.is_command:
        # A question heard less clearly: after the alert, ask once whether it was this topic ('yes' answers it).
        new_state = replace(base, pending=Pending(PendingKind.CONFIRM, match.topic))
        return Draft(join(alert, _confirm_beside(content, match.topic)), Action.RED_FLAG, match.topic, new_state, alert, True)
    # 'my legs have gone weak, can I still get the bus to my appointment?': the question was heard as one the article does
    # not answer; the reply stays the alert alone, as short as every emergency reply
    topic = OUT_OF_SCOPE if _asks_outside(understanding) else REPORT_TOPIC
    return Draft(alert, Action.RED_FLAG, topic, base, alert, True)


def _asks_outside(understanding: Understanding) -> bool:
    """True when a report came with a question that names a subject the article does not cover ('… can I still go in
    to work?', '… will the airline let me take my tablets?'); not a question the matcher merely could not place ('… is
    that normal?', which the guidance on when to see a doctor answers)."""
    match = understanding.match
    return understanding.has_question and match.band is MatchBand.OUT_OF_SCOPE and match.named_outside


def _confirm_beside(content: Content, topic: str) -> str:
    return content.prompts.get("confirm_beside_alert").format(title=content.topic(topic).title)


def _during_emergency(
    state: DialogueState, emergency: EmergencyState, understanding: Understanding, content: Content, number: str
) -> Draft:
    """After an emergency: follow-ups restate the action; other questions are answered and end with the number."""
    flag = understanding.red_flag
    match = understanding.match
    command = match.topic if match.band is MatchBand.ANSWER and match.is_command else ""
    restate = replace(state, pending=None, misunderstood=0)
    if flag.level is RedFlagLevel.URGENT:
        text = join(emergency.action, content.rule(flag.rules[0]).reason)
        return Draft(text, Action.RED_FLAG, REPORT_TOPIC, restate, text, True)
    if command == "cmd.stop":
        return Draft(content.prompts.get("stopped"), Action.STOP, command, replace(state, pending=None), remember=False)
    if command in ("cmd.slower", "cmd.faster", "cmd.louder", "cmd.quieter"):
        turn = command_reply(state, command, content)
        return replace(turn, text=join(turn.text, emergency.action), remember=False)
    if command == "cmd.goodbye":
        # Only the goodbye's first sentence: its advice to contact a doctor would weaken the action before it.
        turn = command_reply(state, command, content)
        return replace(turn, text=join(emergency.action, turn.text.split(". ")[0].rstrip(".") + "."))
    if command == "cmd.repeat" and state.last_reply and not state.last_reply.startswith(emergency.action):
        return Draft(state.last_reply, Action.REPEAT, command, state, remember=False)
    if command == "cmd.more" and state.topic is not None:
        turn = more_reply(state, content)
        if turn.content:
            return replace(turn, text=join(without_offer(turn.text, content), reminder(content, number)))
    if command in ("cmd.yes", "cmd.no") and state.pending is not None and state.pending.kind is PendingKind.CONFIRM:
        # The answer to 'did you mean …?' asked after the alert: the topic (or the apology), then the number again.
        turn = respond(state, understanding, content, number)
        return replace(turn, text=join(turn.text, reminder(content, number)))
    if is_follow_up(match, understanding.canonical) and not _is_symptom_question(understanding, content):
        return Draft(emergency.action, Action.RED_FLAG, heard_as(match), restate, emergency.action)
    turn = _ordinary_turn(state, understanding, content, number)
    count = emergency.answered + 1
    still = replace(emergency, answered=count) if count < MOVED_ON_AFTER else None
    text = without_offer(turn.text, content)
    if spoken_number(number) not in text:
        text = join(text, reminder(content, number))
    return replace(turn, text=text, state=replace(turn.state, emergency=still))


def _ordinary_turn(state: DialogueState, understanding: Understanding, content: Content, number: str) -> Draft:
    flag = understanding.red_flag
    turn = respond(state, understanding, content, number)
    if flag.level is RedFlagLevel.URGENT:
        who = "other" if flag.about_other else "self"
        alert = join(content.prompts.action(f"urgent_{who}"), content.rule(flag.rules[0]).reason)
        if turn.action is Action.CONFIRM and understanding.has_question:
            # The question asked with the report, heard less clearly: the alert, then 'did you mean …?'.
            return replace(turn, text=join(alert, _confirm_beside(content, turn.topic)), alert=alert, content=True)
        if turn.action in (Action.OUT_OF_SCOPE, Action.UNCLEAR, Action.ACKNOWLEDGE, Action.HELP, Action.MENU) or (
            turn.action in (Action.ANSWER, Action.CONFIRM) and not understanding.has_question
        ):
            # A report with no question: the alert is the answer; offer the guidance on when to see a doctor (never
            # 'did you mean radiation therapy?' after 'a temperature of 38.5 and my back is really sore').
            new_state = replace(state, pending=Pending(PendingKind.REPORT_MORE, REPORT_TOPIC), misunderstood=0)
            # A question outside the article asked with it ('… can I apply for a mobility scooter?'): one plain line
            # that it goes unanswered, so that it does not sound unheard.
            outside = _asks_outside(understanding)
            unanswered = content.prompts.get("outside_beside_alert") if outside else ""
            text = join(alert, unanswered, content.prompts.get("report_more_offer"))
            return Draft(text, Action.RED_FLAG, OUT_OF_SCOPE if outside else REPORT_TOPIC, new_state, alert, True)
        if turn.action is Action.ANSWER and turn.topic in SIGN_TOPICS:
            # One level of action per reply: the urgent alert is not followed by the emergency signs' action.
            turn = replace(turn, text=answer_text(content, turn.topic, number, offer=state.answers, signs=False))
        return replace(turn, text=join(alert, turn.text), alert=alert, content=True)
    if flag.denied and not understanding.has_question and turn.action in (
        Action.OUT_OF_SCOPE, Action.UNCLEAR, Action.CONFIRM, Action.ANSWER, Action.MENU
    ):
        # "I don't have any numbness": a denial answers nothing and is no misunderstanding.
        new_state = replace(state, pending=None, misunderstood=0)
        return Draft(content.prompts.get("denied_flags"), Action.ACKNOWLEDGE, OUT_OF_SCOPE, new_state)
    if _is_symptom_question(understanding, content) and turn.action in (
        Action.ANSWER, Action.OUT_OF_SCOPE, Action.UNCLEAR, Action.CONFIRM, Action.HELP, Action.MENU
    ):
        return _symptom_answer(state, understanding, content, number)
    return turn


def _symptom_level(understanding: Understanding, content: Content) -> tuple[RedFlagLevel, RedFlagRule | None]:
    """The level of the warning sign a question asks about, and its rule when one can be named."""
    flag = understanding.red_flag
    if not understanding.has_question or flag.level is not RedFlagLevel.NONE or understanding.match.named_outside:
        return RedFlagLevel.NONE, None  # ('what are the symptoms of a urine infection' asks of no warning sign)
    if flag.denied and flag.asked_about is RedFlagLevel.NONE:
        return RedFlagLevel.NONE, None  # ('no numbness in my legs, I want to know about the diet' asks of the diet)
    rule = None
    if flag.asked_about is RedFlagLevel.EMERGENCY or is_symptom_topic(understanding.match):
        rule = _asked_symptom(understanding, content)
    if rule is not None:
        return RedFlagLevel.EMERGENCY, rule
    return flag.asked_about, None


_BACK_REFERENCES: Final = frozenset({"it", "that", "this", "these", "those", "they", "them", "thats", "its"})
"""Words with which a question points back at what was told before it ('i have read about leaking , is that bad')."""


def _asked_symptom(understanding: Understanding, content: Content) -> RedFlagRule | None:
    """The emergency rule of the warning sign the question names. When the input also tells something, the question's
    own words are read first ('i am peeing normally and walking fine , what is the best over the counter' asks of no
    sign), and the told words only when the question points back at them ('i read about leaking wee , is that bad')."""
    asked = understanding.asked
    if asked is None:
        return symptom_rule(content, understanding.canonical)
    rule = symptom_rule(content, asked)
    if rule is None and _BACK_REFERENCES.intersection(asked.split()):
        rule = symptom_rule(content, understanding.canonical)
    return rule


def _is_symptom_question(understanding: Understanding, content: Content) -> bool:
    return _symptom_level(understanding, content)[0] is not RedFlagLevel.NONE


def _symptom_answer(state: DialogueState, understanding: Understanding, content: Content, number: str) -> Draft:
    """A question about a warning sign: what to do first, then what the sign can mean."""
    level, rule = _symptom_level(understanding, content)
    match = understanding.match
    prompts = content.prompts
    action = prompts.action(f"{level.value}_question").format(number=spoken_number(number))
    named_topic = match.band is MatchBand.ANSWER and not match.is_command
    if level is RedFlagLevel.EMERGENCY:
        meaning = rule.reason if rule is not None else prompts.get("warning_signs")
        if named_topic and not is_symptom_topic(match):
            answer = answer_text(content, match.topic, number, offer=state.answers, signs=False)
            return Draft(join(action, meaning, answer), Action.ANSWER, match.topic, answered(state, content, match.topic), content=True)
        asks_when = match.band is MatchBand.CONFIRM and match.topic == QUESTION_FALLBACK_TOPIC  # 'should you get checked if …'
        topic = match.topic if named_topic or asks_when else "cause.spinal_cord_compression"
        new_state = replace(state, topic=None, position=0, pending=None, misunderstood=0)
        return Draft(join(action, meaning), Action.ANSWER, topic, new_state, content=True)
    topic = match.topic if named_topic else QUESTION_FALLBACK_TOPIC
    text = join(action, answer_text(content, topic, number, offer=state.answers, signs=False))
    return Draft(text, Action.ANSWER, topic, answered(state, content, topic), content=True)

