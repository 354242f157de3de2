"""Safety first in every turn (issue 11): the emergency message stays first, plain, short and undiluted."""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from typing import Any

import pytest

from voice_assistant.app.assistant import Assistant, Session, Turn
from voice_assistant.core.content import Content, RedFlagLevel
from voice_assistant.core.dialogue import Action, spoken_number
from voice_assistant.core.emergency import MOVED_ON_AFTER

from conftest import DATA

CASES: dict[str, Any] = tomllib.loads((DATA / "safety.toml").read_text(encoding="utf-8"))
RED_FLAG_CASES = tomllib.loads((DATA / "red_flags.toml").read_text(encoding="utf-8"))["case"]
EMERGENCY_REPORTS = [case["text"] for case in RED_FLAG_CASES if case["level"] == "emergency"]
REGIONS = [("US", "nine one one"), ("GB", "nine nine nine"), ("AU", "zero zero zero"), (None, "your local emergency number")]
EMERGENCY_WORDS_MAX = 42
"""About 35 words: the longest action ('… for them …') with the longest rule reason comes to 41."""
GREETING_WORDS_MAX = 25
"""About ten seconds at 150 words per minute."""


def first_sentence(text: str) -> str:
    return re.split(r"(?<=[.?!])\s", text, maxsplit=1)[0]


def words(text: str) -> int:
    return len(text.split())


def offers(content: Content) -> tuple[str, ...]:
    return (*content.prompts.get("more_offer").split("|"), content.prompts.get("more_continue"))


def action_of(content: Content, turn: Turn, number: str) -> str:
    key = "emergency_other" if turn.red_flag.about_other else "emergency_self"
    return content.prompts.action(key).format(number=number)


@pytest.fixture(scope="module")
def assistants(content: Content) -> dict[str | None, Assistant]:
    return {region: Assistant(content, region=region) for region, _ in REGIONS}


def after_emergency(assistant: Assistant, report: str = "my legs have gone numb") -> tuple[Session, Turn]:
    session = assistant.new_session()
    return session, assistant.answer_text(session, report)


@pytest.mark.parametrize(("region", "spoken"), REGIONS)
def test_every_emergency_reply_opens_with_the_action_and_the_number(
    assistants: dict[str | None, Assistant], content: Content, region: str | None, spoken: str
) -> None:
    assistant = assistants[region]
    for report in EMERGENCY_REPORTS + CASES["emergencies"]:
        turn = assistant.answer_text(assistant.new_session(), report)
        assert turn.red_flag.level is RedFlagLevel.EMERGENCY, report
        first = first_sentence(turn.reply.text)
        assert first == action_of(content, turn, spoken), (report, first)
        assert first.startswith(f"Call {spoken}"), report


def test_an_emergency_report_is_short_and_offers_nothing_else(assistant: Assistant, content: Content) -> None:
    help_words = content.prompts.get("help").split(".")[0]
    for report in EMERGENCY_REPORTS + CASES["emergencies"]:
        turn = assistant.answer_text(assistant.new_session(), report)
        if turn.reply.action is not Action.RED_FLAG:
            continue  # a question asked with the report is answered after it (tested below)
        text = turn.reply.text
        assert words(text) <= EMERGENCY_WORDS_MAX, (report, words(text), text)
        assert "?" not in text and help_words not in text, text
        assert not text.endswith(offers(content) + (content.prompts.get("report_more_offer"),)), text


def test_help_with_an_emergency_is_the_emergency_alone(assistant: Assistant, content: Content) -> None:
    turn = assistant.answer_text(assistant.new_session(), "help my husband has collapsed")
    assert turn.reply.text.startswith(content.prompts.action("emergency_other").format(number="nine one one"))
    assert content.prompts.get("help") not in turn.reply.text
    assert words(turn.reply.text) <= 35


@pytest.mark.parametrize("follow_up", CASES["follow_ups"])
@pytest.mark.parametrize("report", CASES["emergencies"][:2])
def test_a_follow_up_restates_the_action_and_number_in_one_sentence(
    assistant: Assistant, content: Content, report: str, follow_up: str
) -> None:
    session, alarm = after_emergency(assistant, report)
    turn = assistant.answer_text(session, follow_up)
    action = action_of(content, alarm, "nine one one")
    assert turn.reply.text == action, (follow_up, turn.reply.text)
    assert first_sentence(action) == action


def test_follow_ups_keep_restating_for_the_following_turns(assistant: Assistant, content: Content) -> None:
    session, alarm = after_emergency(assistant)
    action = action_of(content, alarm, "nine one one")
    for follow_up in CASES["follow_ups"]:
        assert assistant.answer_text(session, follow_up).reply.text == action, follow_up


@pytest.mark.parametrize(("question", "topic"), CASES["other_questions"])
def test_other_questions_are_answered_and_end_with_the_number(
    assistant: Assistant, content: Content, question: str, topic: str
) -> None:
    session, _ = after_emergency(assistant)
    turn = assistant.answer_text(session, question)
    assert turn.topic == topic
    assert turn.reply.text.startswith(f"About {content.topic(topic).title}:")
    assert turn.reply.text.endswith(content.prompts.get("emergency_reminder").format(number="nine one one"))
    assert not any(offer in turn.reply.text for offer in offers(content))


def test_the_reminders_stop_once_the_person_has_moved_on(assistant: Assistant, content: Content) -> None:
    session, _ = after_emergency(assistant)
    reminder = content.prompts.get("emergency_reminder").format(number="nine one one")
    questions = ["does massage help", "how is it diagnosed", "what is the recovery like", "does yoga help"]
    turns = [assistant.answer_text(session, question) for question in questions]
    assert MOVED_ON_AFTER == 3
    assert all(turn.reply.text.endswith(reminder) for turn in turns[:MOVED_ON_AFTER])
    assert reminder not in turns[MOVED_ON_AFTER].reply.text
    assert assistant.answer_text(session, "yes").reply.action is not Action.RED_FLAG


def test_more_during_an_emergency_reads_on_and_ends_with_the_number(assistant: Assistant, content: Content) -> None:
    session, _ = after_emergency(assistant)
    assistant.answer_text(session, "what are the symptoms")
    more = assistant.answer_text(session, "more")
    assert more.reply.text.startswith(content.topic("symptoms").more[0])
    assert more.reply.text.endswith(content.prompts.get("emergency_reminder").format(number="nine one one"))


def test_a_new_red_flag_always_wins(assistant: Assistant, content: Content) -> None:
    session, _ = after_emergency(assistant, "my husband has collapsed")
    new = assistant.answer_text(session, "and now he can't pee")
    assert new.red_flag.rules[0] == "bladder"
    assert new.reply.text.endswith(content.rule("bladder").reason)
    assert first_sentence(new.reply.text) == content.prompts.action("emergency_other").format(number="nine one one")
    urgent = assistant.answer_text(session, "he has been losing weight and his back hurts")
    assert urgent.red_flag.level is RedFlagLevel.URGENT
    assert first_sentence(urgent.reply.text).startswith("Call nine one one")
    assert urgent.reply.text.endswith(content.rule(urgent.red_flag.rules[0]).reason)


def test_a_question_with_an_emergency_is_answered_between_the_action_and_the_number(
    assistant: Assistant, content: Content
) -> None:
    turn = assistant.answer_text(assistant.new_session(), "My feet have gone numb. Could that be cord compression?")
    assert first_sentence(turn.reply.text) == content.prompts.action("emergency_self").format(number="nine one one")
    assert f"About {content.topic('cause.spinal_cord_compression').title}:" in turn.reply.text
    assert turn.reply.text.endswith(content.prompts.get("emergency_reminder").format(number="nine one one"))


@pytest.mark.parametrize(("region", "spoken"), REGIONS)
@pytest.mark.parametrize("question", CASES["symptom_questions"])
def test_a_symptom_question_says_what_to_do_first(
    assistants: dict[str | None, Assistant], region: str | None, spoken: str, question: str
) -> None:
    turn = assistants[region].answer_text(assistants[region].new_session(), question)
    assert turn.red_flag.level is RedFlagLevel.NONE, question
    first = first_sentence(turn.reply.text)
    assert f"call {spoken} now" in first, (question, first)
    assert "?" not in turn.reply.text.split(f"call {spoken} now")[0], "no offer before the action"


@pytest.mark.parametrize("question", ["is numbness a warning sign?", "what if I lose control of my bladder"])
def test_a_symptom_question_answers_that_symptom(assistant: Assistant, question: str) -> None:
    text = assistant.answer_text(assistant.new_session(), question).reply.text
    symptom = "umbness" if "numb" in question else "ladder"
    assert symptom in text.split(". ", 1)[1], text


def test_where_the_article_is_milder_the_reply_says_so_plainly(assistant: Assistant, content: Content) -> None:
    session = assistant.new_session()
    answer, more = (assistant.answer_text(session, text) for text in ("when should I see a doctor", "more"))
    assert "call nine one one now" in first_sentence(answer.reply.text)
    assert "appointment" not in answer.reply.text
    assert "medical emergency" in more.reply.text and "do not wait for an appointment" in more.reply.text


def test_no_sentence_of_any_topic_repeats_another(content: Content) -> None:
    seen: dict[str, list[str]] = defaultdict(list)
    for topic in content.topics:
        for index, text in enumerate((topic.answer, *topic.more)):
            for sentence in re.split(r"(?<=[.?!])\s+", text):
                seen[re.sub(r"[^a-z ]", "", sentence.lower()).strip()].append(f"{topic.id}[{index}]")
    assert not {sentence: where for sentence, where in seen.items() if len(where) > 1}


def test_causes_names_all_ten_and_invites_a_choice(content: Content) -> None:
    causes = content.topic("causes")
    heard = " ".join((causes.answer, causes.more[0])).lower()
    for words_of_cause in ("tumor growth", "spread to the spine", "nerve", "fracture", "inflammation", "surgery",
                           "radiation", "hormon", "spinal cord compression", "psychological"):
        assert words_of_cause in heard, words_of_cause
    assert "ask me about any one" in causes.answer.lower()


def test_symptoms_gives_the_warning_symptoms_early(content: Content) -> None:
    symptoms = content.topic("symptoms")
    early = " ".join((symptoms.answer, *symptoms.more[:2])).lower()
    assert "numbness or weakness in the legs" in early and "bladder" in early


def test_more_is_not_offered_after_every_chunk_when_listening_through(assistant: Assistant, content: Content) -> None:
    session = assistant.new_session()
    topic = content.topic("symptoms")
    turns = [assistant.answer_text(session, text) for text in ["what are the symptoms", *["more"] * len(topic.more)]]
    offered = [turn for turn in turns if turn.reply.text.endswith(offers(content))]
    assert len(offered) == 2, [turn.reply.text for turn in offered]
    assert turns[-1].reply.text.endswith(content.prompts.get("no_more").format(title=topic.title))


def test_offers_of_more_are_varied(assistant: Assistant, content: Content) -> None:
    session = assistant.new_session()
    endings = []
    for question in ("does massage help", "what are the causes", "how is it diagnosed", "what treatments are there"):
        text = assistant.answer_text(session, question).reply.text
        endings.append(next(offer for offer in offers(content) if text.endswith(offer)))
    assert len(set(endings)) >= 3, endings


def test_go_back_returns_to_the_previous_answer_and_reads_on_from_there(assistant: Assistant) -> None:
    session = assistant.new_session()
    causes, massage, back, more = (
        assistant.answer_text(session, text) for text in ("what are the causes", "does massage help", "go back", "more")
    )
    assert back.reply.text == causes.reply.text
    assert back.topic == "causes"
    assert more.reply.text.startswith(assistant.content.topic("causes").more[0])
    assert assistant.answer_text(session, "go back to the menu").reply.action is Action.MENU


def test_repeat_after_the_end_repeats_the_last_content(assistant: Assistant, content: Content) -> None:
    session = assistant.new_session()
    topic = content.topic("diagnosis")
    turns = [assistant.answer_text(session, text) for text in ["how is it diagnosed", *["more"] * (len(topic.more) + 1), "repeat"]]
    assert turns[-2].reply.text == content.prompts.get("no_more").format(title=topic.title)
    assert turns[-1].reply.text == turns[-3].reply.text
    assert turns[-1].reply.text.startswith(topic.more[-1])


def test_repeat_after_a_setting_change_repeats_the_content(assistant: Assistant) -> None:
    session = assistant.new_session()
    answer, _, again = (assistant.answer_text(session, text) for text in ("does massage help", "slower", "repeat"))
    assert again.reply.text == answer.reply.text


@pytest.mark.parametrize(("region", "spoken"), REGIONS)
def test_the_greeting_is_short_and_keeps_one_safety_line(
    assistants: dict[str | None, Assistant], region: str | None, spoken: str
) -> None:
    greeting = assistants[region].greeting()
    assert words(greeting) <= GREETING_WORDS_MAX, (words(greeting), greeting)
    assert f"call {spoken} now" in greeting
    assert spoken_number("999") == "nine nine nine"


def test_goodbye_during_an_emergency_ends_on_the_action_not_on_a_doctor(assistant: Assistant, content: Content) -> None:
    session, alarm = after_emergency(assistant, "my husband has collapsed")
    bye = assistant.answer_text(session, "goodbye")
    assert bye.reply.ends_session
    assert bye.reply.text.startswith(action_of(content, alarm, "nine one one"))
    assert "doctor" not in bye.reply.text


def test_an_urgent_alert_is_not_followed_by_the_emergency_signs(assistant: Assistant, content: Content) -> None:
    turn = assistant.answer_text(assistant.new_session(), "my back pain wakes me at night, what are the symptoms?")
    assert turn.red_flag.level is RedFlagLevel.URGENT
    assert turn.reply.text.startswith(content.prompts.action("urgent_self"))
    assert "nine one one" not in turn.reply.text


@pytest.mark.parametrize("back", ["go back", "previous answer", "the one before"])
def test_the_ways_of_saying_go_back(assistant: Assistant, back: str) -> None:
    session = assistant.new_session()
    first, _, again = (assistant.answer_text(session, text) for text in ("does massage help", "how is it diagnosed", back))
    assert again.reply.text == first.reply.text, back


@pytest.mark.parametrize(
    "text",
    [
        "i finished chemo last year and this week my lower back started hurting",  # not 'goodbye'
        "dad says it hurts his back to cough",  # not 'repeat'
        "Standing up is agony but as soon as I lie down it eases off.",  # not 'slower'
        "Back pain, fever, drenched sheets at night.",  # not 'menu'
        "i finished my treatment for the carcinoid last year and this week my neck has started hurting",  # a long clause
    ],
)
def test_a_report_that_sounds_like_a_command_is_no_command(assistant: Assistant, text: str) -> None:
    """Words of an urgent report that sound like a command do not work it (a 'goodbye' there would end the
    conversation after the alert): the alert comes first and no command follows it."""
    turn = assistant.answer_text(assistant.new_session(), text)
    assert turn.red_flag.level is RedFlagLevel.URGENT
    assert not turn.topic.startswith("cmd."), turn.reply.text
    assert not turn.reply.ends_session
    assert turn.reply.text.startswith("Please"), turn.reply.text


def test_a_command_said_beside_a_report_still_works(assistant: Assistant) -> None:
    for said in ("my back hurts when i cough, say that again", "my back hurts when i cough, could you say that again please"):
        turn = assistant.answer_text(assistant.new_session(), said)
        assert turn.red_flag.level is RedFlagLevel.URGENT and turn.topic == "cmd.repeat", said
