"""The conversation: every command and multi-turn flows (more, repeat, yes/no, misunderstandings)."""

from __future__ import annotations

import pytest

from voice_assistant.app.assistant import Assistant, Session, Turn
from voice_assistant.core.content import Content
from voice_assistant.core.conversation import Understanding
from voice_assistant.core.dialogue import RATE_STEP_WPM, VOLUME_STEP, Action, next_turn, spoken_number
from voice_assistant.core.matching import MatchBand, TopicMatch

from semantic_fixtures import full_assistant, semantic  # noqa: F401  (fixtures)


def say(assistant: Assistant, session: Session, *texts: str) -> list[Turn]:
    return [assistant.answer_text(session, text) for text in texts]


def test_an_answer_names_what_was_understood(assistant: Assistant, content: Content) -> None:
    turn = assistant.answer_text(assistant.new_session(), "does massage help")
    topic = content.topic("treatment.massage")
    assert turn.reply.text.startswith(f"About {topic.title}: {topic.answer}")
    assert turn.reply.text.endswith(tuple(content.prompts.get("more_offer").split("|")))


def test_more_reads_the_next_chunks_in_order_then_says_that_is_all(assistant: Assistant, content: Content) -> None:
    session = assistant.new_session()
    topic = content.topic("causes")
    turns = say(assistant, session, "what are the causes", *(["more"] * (len(topic.more) + 1)))
    for chunk, turn in zip(topic.more, turns[1:]):
        assert turn.reply.text.startswith(chunk)
        assert turn.topic == "cmd.more"
    assert turns[-1].reply.text == content.prompts.get("no_more").format(title=topic.title)


def test_yes_after_would_you_like_more_reads_more_and_no_stops(assistant: Assistant, content: Content) -> None:
    session = assistant.new_session()
    first, yes, no = say(assistant, session, "what are the symptoms", "yes", "no")
    assert yes.reply.text.startswith(content.topic("symptoms").more[0])
    assert no.reply.text == content.prompts.get("more_declined")


def test_repeat_says_the_last_reply_again(assistant: Assistant, content: Content) -> None:
    session = assistant.new_session()
    answer, again, again2 = say(assistant, session, "how is it diagnosed", "say that again", "repeat")
    assert again.reply.text == answer.reply.text == again2.reply.text
    assert again.topic == "cmd.repeat"


def test_repeat_before_anything_was_said(assistant: Assistant, content: Content) -> None:
    turn = assistant.answer_text(assistant.new_session(), "repeat that")
    assert turn.reply.text == content.prompts.get("nothing_to_repeat")


def test_a_middle_confidence_asks_did_you_mean_and_yes_answers(assistant: Assistant, content: Content) -> None:
    session = assistant.new_session()
    question = assistant.answer_text(session, "the tumor")
    assert question.reply.action is Action.CONFIRM
    assert question.reply.text.startswith("Did you mean")
    yes = assistant.answer_text(session, "yes")
    assert yes.reply.action is Action.ANSWER
    assert yes.topic == question.topic


def test_no_to_did_you_mean_apologises(assistant: Assistant, content: Content) -> None:
    session = assistant.new_session()
    say(assistant, session, "the tumor")
    no = assistant.answer_text(session, "no")
    assert no.reply.text == content.prompts.get("confirm_declined")


def test_two_misunderstandings_in_a_row_offer_the_menu(assistant: Assistant, content: Content) -> None:
    session = assistant.new_session()
    first, second = say(assistant, session, "what is the weather", "blorp zzx")
    assert first.topic == "out_of_scope"
    assert second.reply.action is Action.MENU
    assert "I am having trouble understanding" in second.reply.text


@pytest.mark.parametrize(
    ("command", "field", "delta"),
    [("slower", "rate_wpm", -RATE_STEP_WPM), ("faster", "rate_wpm", RATE_STEP_WPM), ("quieter", "volume", -VOLUME_STEP)],
)
def test_speaking_commands_change_the_settings_and_say_so(
    assistant: Assistant, content: Content, command: str, field: str, delta: float
) -> None:
    session = assistant.new_session()
    before = getattr(session.state.speaking, field)
    turn = assistant.answer_text(session, command)
    assert getattr(turn.reply.speaking, field) == pytest.approx(before + delta)
    assert turn.reply.text == content.prompts.get(command)
    assert turn.topic == f"cmd.{command}"


def test_speaking_settings_stop_at_their_bounds(assistant: Assistant, content: Content) -> None:
    session = assistant.new_session()
    turns = say(assistant, session, *(["louder"] * 6), *(["slower"] * 6))
    assert turns[5].reply.text == content.prompts.get("loudest")
    assert turns[5].reply.speaking.volume == 1.0
    assert turns[-1].reply.text == content.prompts.get("slowest")
    assert turns[-1].reply.speaking.rate_wpm == 90


@pytest.mark.parametrize(
    ("text", "topic", "key"),
    [("help", "cmd.help", "help"), ("stop", "cmd.stop", "stopped"), ("goodbye", "cmd.goodbye", "goodbye"),
     ("yes", "cmd.yes", "yes_alone"), ("no", "cmd.no", "no_alone")],
)
def test_simple_commands(assistant: Assistant, content: Content, text: str, topic: str, key: str) -> None:
    turn = assistant.answer_text(assistant.new_session(), text)
    assert turn.topic == topic
    assert turn.reply.text == content.prompts.get(key)


def test_menu_lists_the_main_topics(assistant: Assistant, content: Content) -> None:
    turn = assistant.answer_text(assistant.new_session(), "menu")
    assert turn.topic == "cmd.menu"
    for topic_id in ("causes", "symptoms", "diagnosis", "treatment", "recovery"):
        assert content.topic(topic_id).title in turn.reply.text


def test_goodbye_ends_the_session(assistant: Assistant) -> None:
    assert assistant.answer_text(assistant.new_session(), "bye").reply.ends_session


def test_a_red_flag_is_spoken_first_then_the_question_is_answered(assistant: Assistant, content: Content) -> None:
    turn = assistant.answer_text(assistant.new_session(), "My feet have gone numb. Could that be cord compression?")
    assert turn.red_flag.level.value == "emergency"
    assert turn.reply.text.startswith("Call nine one one now")
    assert f"About {content.topic('cause.spinal_cord_compression').title}:" in turn.reply.text
    assert turn.topic == "cause.spinal_cord_compression"


def test_a_report_without_a_question_offers_when_to_see_a_doctor(assistant: Assistant, content: Content) -> None:
    session = assistant.new_session()
    report, yes = say(assistant, session, "my back pain keeps me awake every night", "yes")
    assert report.reply.text.startswith(content.prompts.action("urgent_self"))
    assert report.reply.text.endswith(content.prompts.get("report_more_offer"))
    assert yes.topic == "when_to_see_doctor"


@pytest.mark.parametrize(
    ("report", "topic", "level"),
    [("i've lost control of my bladder", "symptoms", "emergency"), ("it hurts my back every time i cough", "treatment.massage", "urgent")],
)
def test_a_question_heard_less_clearly_beside_a_red_flag_is_offered_after_the_alert(
    assistant: Assistant, content: Content, report: str, topic: str, level: str
) -> None:
    # The question's topic in the middle band, as the matcher gives it for 'is that one of the symptoms', 'would a
    # message help': the alert first, then 'did you mean …?'; 'yes' answers it (after an emergency, with the number).
    canonical = assistant.normaliser.normalise(report)
    flag = assistant.detector.check(canonical)
    assert flag.level.value == level
    understood = Understanding(canonical, TopicMatch(topic, 0.5, MatchBand.CONFIRM, None), flag, has_question=True)
    state = assistant.new_session().state
    reply, state = next_turn(state, understood, content, "911")
    offer = content.prompts.get("confirm_beside_alert").format(title=content.topic(topic).title)
    assert reply.text.startswith(reply.alert) and reply.alert
    assert reply.text.endswith(offer)
    assert reply.topic == topic
    yes = Understanding("yes", TopicMatch("cmd.yes", 1.0, MatchBand.ANSWER, None), assistant.detector.check("yes"))
    answer, _ = next_turn(state, yes, content, "911")
    assert answer.topic == topic
    assert content.topic(topic).answer in answer.text
    assert answer.text.endswith(content.prompts.get("emergency_reminder").format(number="nine one one")) == (level == "emergency")
    # Without a question ('my bladder has gone', heard as a statement) the alert stands alone, as before.
    statement = Understanding(canonical, TopicMatch(topic, 0.5, MatchBand.CONFIRM, None), flag, has_question=False)
    alone, _ = next_turn(assistant.new_session().state, statement, content, "911")
    assert offer not in alone.text
    # and an urgent report's leftover words that half match a topic ask nothing either ('a temperature of 38.5 and my
    # back is really sore' is no 'did you mean radiation therapy?'): the alert and the offer of when to see a doctor
    if level == "urgent":
        assert alone.text.endswith(content.prompts.get("report_more_offer"))
        assert alone.topic == "when_to_see_doctor"


@pytest.mark.parametrize(
    ("report", "level"),
    [
        ("my back pain wakes me every night now, can I apply for a mobility scooter through the council?", "urgent"),
        ("my legs have gone weak and wobbly since this morning, can I still get the bus to my appointment?", "emergency"),
    ],
)
def test_a_question_outside_the_article_beside_a_red_flag_is_heard_as_one(
    assistant: Assistant, content: Content, report: str, level: str
) -> None:
    # The alert first as always; the question is out of scope, not 'when to see a doctor'. After an urgent report one
    # plain line says it goes unanswered; an emergency reply stays the alert alone, as short as ever.
    turn = assistant.answer_text(assistant.new_session(), report)
    assert turn.red_flag.level.value == level
    assert turn.topic == "out_of_scope"
    assert turn.reply.text.startswith(turn.reply.alert) and turn.reply.alert
    outside = content.prompts.get("outside_beside_alert")
    assert (outside in turn.reply.text) == (level == "urgent")
    if level == "emergency":
        assert turn.reply.text == turn.reply.alert
    # A question the matcher only could not place ('… is that normal?') is still answered by when to see a doctor.
    plain = assistant.answer_text(assistant.new_session(), "my back pain wakes me every night now, is that normal?")
    assert plain.topic == "when_to_see_doctor" and outside not in plain.reply.text


def test_a_report_about_someone_else_speaks_of_them(assistant: Assistant, content: Content) -> None:
    turn = assistant.answer_text(assistant.new_session(), "my husband can't feel his legs")
    assert turn.reply.text.startswith(content.prompts.action("emergency_other").format(number="nine one one"))


def test_a_question_about_a_warning_sign_is_answered_with_what_to_do(assistant: Assistant) -> None:
    turn = assistant.answer_text(assistant.new_session(), "is numbness a warning sign?")
    assert turn.red_flag.level.value == "none"
    assert turn.reply.text.startswith("If this happens, call nine one one now")


@pytest.mark.parametrize(
    "text",
    [
        "I'm peeing normally and walking fine, what's the best stuff over the counter?",
        "my wee has been ok all week. what tablets can I buy at the chemist?",
    ],
)
def test_a_sign_told_as_well_beside_a_question_is_not_what_the_question_asks_about(
    full_assistant: Assistant, text: str
) -> None:
    # The sign is only told, and told as well: the question (over-the-counter pain relief) is the one answered,
    # with no emergency action for a bladder problem nobody has.
    turn = full_assistant.answer_text(full_assistant.new_session(), text)
    assert turn.red_flag.level.value == "none"
    assert "call nine one one" not in turn.reply.text and "ladder" not in turn.reply.text, turn.reply.text


@pytest.mark.parametrize(
    "text", ["I read about leaking wee on the forum, is that serious?", "my legs are fine. is leaking wee a warning sign?"]
)
def test_a_question_that_points_back_at_a_told_sign_still_asks_about_it(full_assistant: Assistant, text: str) -> None:
    turn = full_assistant.answer_text(full_assistant.new_session(), text)
    assert turn.reply.text.startswith("If this happens, call nine one one now"), turn.reply.text
    assert "ladder" in turn.reply.text, turn.reply.text


def test_repeat_after_an_emergency_restates_the_action_and_number(assistant: Assistant, content: Content) -> None:
    session = assistant.new_session()
    alarm, again = say(assistant, session, "I wet myself and didn't notice", "repeat")
    action = content.prompts.action("emergency_self").format(number="nine one one")
    assert alarm.reply.text.startswith(action)
    assert again.reply.text == action


@pytest.mark.parametrize(("region", "spoken"), [("US", "nine one one"), ("GB", "nine nine nine"), ("DE", "one one two"), ("AU", "zero zero zero"), (None, "your local emergency number")])
def test_the_emergency_number_follows_the_region(content: Content, region: str | None, spoken: str) -> None:
    assistant = Assistant(content, region=region)
    turn = assistant.answer_text(assistant.new_session(), "I can't walk")
    assert f"Call {spoken} now" in turn.reply.text


def test_spoken_number() -> None:
    assert spoken_number("112") == "one one two"
    assert spoken_number("your local emergency number") == "your local emergency number"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # a denial with a request that fillers carry ('can you tell me', 'i want to know') still asks it
        ("i haven't got any pins and needles can you tell me about acupuncture", "treatment.acupuncture"),
        ("no weakness no numbness i just wanted to know about yoga", "treatment.mind_body"),
        # a denied symptom is no question about a warning sign
        ("no shooting pains, nothing like that, what causes back pain with these tumours", "causes"),
        # ... also run on without a mark after 'anything like that', which closes the denial (thirty-fifth session)
        ("no numbness or anything like that does massage help", "treatment.massage"),
    ],
)
def test_a_denial_with_a_question_answers_the_question(assistant: Assistant, text: str, topic: str) -> None:
    reply = assistant.answer_text(assistant.new_session(), text)
    assert reply.red_flag.level.value == "none"
    assert reply.topic == topic


@pytest.mark.parametrize(
    ("text", "topic", "level"),
    [
        # the question first, then the report after a comma: the question's words are its topic, 'dose' in the report
        # names no subject outside the article
        ("what treatments are there, my dad's back is agony even on the maximum dose of his tablets", "treatment", "urgent"),
        # a request for the short version is asked as any question is, after the alert
        ("just give me the short version, I'm on the floor and my legs won't work", "summary", "emergency"),
    ],
)
def test_a_question_before_a_report_is_answered_after_the_alert(
    full_assistant: Assistant, content: Content, text: str, topic: str, level: str
) -> None:
    turn = full_assistant.answer_text(full_assistant.new_session(), text)
    assert turn.red_flag.level.value == level
    assert turn.topic == topic
    assert turn.reply.text.startswith(turn.reply.alert) and turn.reply.alert
    assert content.topic(topic).answer in turn.reply.text
