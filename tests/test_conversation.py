"""The kiosk's pure conversation (frontends/kiosk/conversation.py): view, red-flag banner, idle steps, wake phrase.

No threads and no waiting: the clock is a number the test moves.
"""

from __future__ import annotations

import pytest

from voice_assistant.app.assistant import Assistant
from voice_assistant.core.content import Content, RedFlagLevel
from voice_assistant.frontends.kiosk.conversation import IdleStep, KioskConversation, KioskView, after_wake_phrase
from conftest import FakeClock



@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def test_conversation_idle_steps_follow_its_clock_alone(content: Content, clock: FakeClock) -> None:
    conversation = KioskConversation(Assistant(content, region="GB"), idle_timeout_s=60.0, clock=clock)
    assert conversation.tick(busy=False, speaking=False) is IdleStep.NOTHING  # nothing to forget yet
    turn = conversation.answer_text("what causes the back pain")
    conversation.begin_input()
    view = conversation.show_turn(turn, "typed", "what causes the back pain")
    assert isinstance(view, KioskView) and view.topic == turn.reply.topic and view.kind == "typed"
    clock.advance(44.9)
    assert conversation.tick(busy=False, speaking=False) is IdleStep.NOTHING
    clock.advance(0.2)
    assert conversation.tick(busy=False, speaking=False) is IdleStep.WARN
    assert conversation.idle_warning()["left_s"] == 15.0
    clock.advance(15.0)
    assert conversation.tick(busy=False, speaking=False) is IdleStep.RESET
    assert conversation.reset() is True
    assert conversation.view == KioskView(welcome=content.prompts.get("kiosk_welcome"))
    assert conversation.tick(busy=False, speaking=False) is IdleStep.NOTHING


def test_conversation_keeps_the_highest_red_flag_level_on_screen(content: Content, clock: FakeClock) -> None:
    conversation = KioskConversation(Assistant(content, region="GB"), clock=clock)
    conversation.show_turn(conversation.answer_text("my legs are numb and weak"), "typed", "my legs are numb and weak")
    view = conversation.show_turn(conversation.answer_text("what causes the back pain"), "typed", "causes")
    assert view.level == RedFlagLevel.EMERGENCY.value and "999" in view.banner


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("Hello, assistant!", ""),
        ("hello assistant does massage help", "does massage help"),
        ("hello there assistant", None),
        ("assistant hello", None),
    ],
)
def test_wake_phrase_starts_an_utterance(text: str, rest: str | None) -> None:
    assert after_wake_phrase("hello assistant", text) == rest
