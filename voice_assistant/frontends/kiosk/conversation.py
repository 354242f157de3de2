"""The kiosk's conversation as pure state: turns, what the page shows, and when the idle reset is due.

`KioskConversation` runs no threads, takes no locks and reads time only from the clock it is given, so
its rules (what the screen shows after a turn, when to warn, when to forget) are tested without waiting.
frontends/kiosk/session.py wraps it with the parts that run threads (voice, microphone, page events).
Everything a person says lives only in memory here, and is dropped when the conversation is reset.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from enum import Enum
from typing import Final

from voice_assistant.app.assistant import Assistant, Session, Turn
from voice_assistant.asr.listener import Heard
from voice_assistant.core.content import RedFlagLevel
from voice_assistant.core.dialogue import spoken_number

__all__ = [
    "KIOSK_TOPICS",
    "KIOSK_COMMANDS",
    "MAX_INPUT_CHARS",
    "SPEECH_SOURCE",
    "Button",
    "KioskView",
    "IdleStep",
    "KioskConversation",
    "after_wake_phrase",
    "without_understanding",
    "warning_lead_s",
]

KIOSK_TOPICS: Final = (
    "overview", "causes", "symptoms", "diagnosis", "when_to_see_doctor", "treatment", "recovery", "summary",
)
"""Topics with a button on the page (the spoken menu's topics)."""
KIOSK_COMMANDS: Final = (("cmd.repeat", "Repeat", "repeat"), ("cmd.more", "More", "more"),
                         ("cmd.slower", "Slower", "slower"), ("cmd.stop", "Stop", "stop"))
"""Command buttons: (command id, label, the words sent through the dialogue)."""
MAX_INPUT_CHARS: Final = 500
"""Longest typed question taken; the rest is dropped."""
SPEECH_SOURCE: Final = "<microphone>"
"""The input name of spoken turns."""
_WARNING_LEAD_MAX_S: Final = 15.0
_GOODBYE_RESET_S: Final = 8.0
"""After goodbye, the screen clears this many seconds after the reply was spoken."""


def _words(text: str) -> list[str]:
    """Lower-case words without punctuation, for matching the wake phrase ('Hello, assistant!' → hello assistant)."""
    return re.findall(r"[a-z0-9']+", text.casefold())


def after_wake_phrase(phrase: str, text: str) -> str | None:
    """The words after the wake phrase when text starts with it ('' for the phrase alone), else None."""
    wanted, words = _words(phrase), _words(text)
    if not wanted or words[: len(wanted)] != wanted:
        return None
    return " ".join(words[len(wanted):]).strip()


def warning_lead_s(idle_timeout_s: float) -> float:
    """How long before the idle reset the warning comes: 15 s, or a third of a short timeout."""
    return min(_WARNING_LEAD_MAX_S, idle_timeout_s / 3.0)


@dataclass(frozen=True)
class Button:
    """A touch button on the page."""

    id: str
    """'topic:<topic id>' or a command id such as 'cmd.repeat'."""
    label: str
    """What the button says."""
    words: str
    """What is sent through the dialogue, as if typed."""


@dataclass(frozen=True)
class KioskView:
    """What the page shows of the conversation (status, problem and idle warning are added by the kiosk)."""

    welcome: str
    """The welcome text shown before the first turn."""
    heard: str = ""
    """The question as the screen shows it: typed text, a button's label, or the transcript."""
    kind: str = ""
    """How it came: 'typed', 'button', 'speech', or '' before the first turn."""
    reply: str = ""
    """The reply, with the emergency number in digits."""
    topic: str = ""
    """The reply's topic id."""
    level: str = RedFlagLevel.NONE.value
    """The highest red-flag level of this conversation: 'none', 'urgent' or 'emergency'."""
    banner: str = ""
    """The red-flag banner for that level ('' for none)."""

    def to_dict(self) -> dict[str, object]:
        """The view as the page's JSON fields."""
        return asdict(self)


class IdleStep(str, Enum):
    """What tick() says is due."""

    NOTHING = "nothing"
    WARN = "warn"
    RESET = "reset"
    UNANSWERED = "unanswered"
    """The safety question ("did you say …?") went unanswered until the idle warning was due: its red flag is said."""


class KioskConversation:
    """One kiosk conversation: the dialogue session, the view, and the idle clock."""

    def __init__(self, assistant: Assistant, idle_timeout_s: float = 60.0, clock: Callable[[], float] = lambda: 0.0) -> None:
        """A conversation at its welcome state; clock() gives the time in seconds."""
        self.assistant = assistant
        self.idle_timeout_s = idle_timeout_s
        self.warning_s = warning_lead_s(idle_timeout_s)
        self.buttons = self._make_buttons()
        self._buttons_by_id = {button.id: button for button in self.buttons}
        self._clock = clock
        self.session: Session = assistant.new_session()
        self.touched = False
        """True once the person touched the page, typed, or asked anything."""
        self.last_activity = clock()
        self.warned_at: float | None = None
        """When the idle warning was given; None when none is showing."""
        self.reset_at: float | None = None
        """When the screen clears after goodbye; None when no goodbye is pending."""
        self.problem: str | None = None
        """A problem shown on screen (microphone, speaker, a failed turn), until the next turn."""
        self.view = KioskView(welcome=assistant.content.prompts.get("kiosk_welcome"))

    # What the page shows ------------------------------------------------------------------------------

    @property
    def emergency_number_shown(self) -> str:
        """The emergency number as the screen shows it: digits ('999') or the default words."""
        return self.assistant.emergency_number

    def banner_text(self, level: RedFlagLevel) -> str:
        """The on-screen banner for a red-flag level ('' for none)."""
        prompts = self.assistant.content.prompts
        if level is RedFlagLevel.EMERGENCY:
            return prompts.get("kiosk_emergency_banner").format(number=self.emergency_number_shown)
        if level is RedFlagLevel.URGENT:
            return prompts.get("kiosk_urgent_banner")
        return ""

    def button(self, button_id: str) -> Button | None:
        """The button with this id, or None."""
        return self._buttons_by_id.get(button_id)

    def idle_warning(self) -> dict[str, object]:
        """The idle warning's text, its seconds, the seconds left and the button label."""
        seconds = max(1, int(round(self.warning_s)))
        text = self.assistant.content.prompts.get("kiosk_idle_warning").format(seconds=seconds)
        left = self.warning_s - (self._clock() - self.warned_at) if self.warned_at is not None else self.warning_s
        return {"text": text, "seconds": seconds, "left_s": round(max(0.0, left), 1),
                "button": self.assistant.content.prompts.get("kiosk_continue")}

    # Turns ----------------------------------------------------------------------------------------------

    def answer_text(self, text: str) -> Turn:
        """Answer typed words (or a button's words) as the next turn; the view is not changed yet."""
        return self.assistant.answer_text(self.session, text)

    def answer_no_reply(self) -> Turn:
        """The safety question went unanswered: its red flag's reply, as the next turn."""
        return self.assistant.answer_no_reply(self.session)

    def answer_heard(self, heard: Heard) -> Turn:
        """Answer a spoken utterance, with what was already understood of it."""
        return self.assistant.answer_recognised(
            self.session, heard.transcript, heard.command, SPEECH_SOURCE, heard.asr_ms, understanding=heard.understanding
        )

    def show_turn(self, turn: Turn, kind: str, shown: str) -> KioskView:
        """Show an answered turn: the screen keeps the highest red-flag level of the conversation."""
        reply = turn.reply
        # A safety question ("did you say …?") is not yet a red flag: no banner until it is answered.
        level = RedFlagLevel.NONE if turn.pending else reply.red_flag.level
        shown_level = RedFlagLevel(self.view.level)
        if level.rank > shown_level.rank:
            shown_level = level
        self.problem = None
        self.view = replace(
            self.view,
            heard=shown,
            kind=kind,
            reply=self._on_screen(reply.text),
            topic=reply.topic,
            level=shown_level.value,
            banner=self.banner_text(shown_level),
        )
        return self.view

    def has_conversation(self) -> bool:
        """True once something was touched, asked or heard since the last reset."""
        return self.touched or self.session.turns > 0 or bool(self.view.heard)

    # The idle clock ---------------------------------------------------------------------------------------

    def activity(self) -> bool:
        """The person is here: restart the idle clock; True when an idle warning was showing (now cleared)."""
        self.last_activity = self._clock()
        if self.warned_at is None:
            return False
        self.warned_at = None
        return True

    def begin_input(self) -> bool:
        """A new input starts (reset first if the last one ended the session); True if an idle warning cleared."""
        self.reset_at = None
        self.touched = True
        return self.activity()

    def speaking_finished(self) -> None:
        """The voice fell quiet: the idle clock starts now, and after goodbye the screen clears soon."""
        if self.warned_at is None:
            self.last_activity = self._clock()
        if self.session.state.ended and self.reset_at is None:
            self.reset_at = self._clock() + _GOODBYE_RESET_S

    def tick(self, busy: bool, speaking: bool) -> IdleStep:
        """What is due now; busy: speaking, listening or thinking (the idle clock waits while busy)."""
        now = self._clock()
        if busy and self.warned_at is None:
            self.last_activity = now
            return IdleStep.NOTHING
        if self.reset_at is not None and now >= self.reset_at and not speaking:
            return IdleStep.RESET
        if not self.has_conversation():
            return IdleStep.NOTHING
        if self.warned_at is not None:
            return IdleStep.RESET if now - self.warned_at >= self.warning_s else IdleStep.NOTHING
        if now - self.last_activity >= self.idle_timeout_s - self.warning_s:
            if self.session.safety_question is not None:  # no answer is taken as yes, as after silence in the voice loop
                self.last_activity = now
                return IdleStep.UNANSWERED
            self.warned_at = now
            return IdleStep.WARN
        return IdleStep.NOTHING

    def reset(self) -> bool:
        """Forget everything said, defaults back, welcome screen; True when there was a conversation to end."""
        ended = self.has_conversation()
        self.session = self.assistant.new_session()
        self.touched = False
        self.warned_at = None
        self.reset_at = None
        self.last_activity = self._clock()
        self.problem = None
        self.view = KioskView(welcome=self.assistant.content.prompts.get("kiosk_welcome"))
        return ended

    # Inside -------------------------------------------------------------------------------------------

    def _make_buttons(self) -> tuple[Button, ...]:
        content = self.assistant.content
        buttons = [Button(command, label, words) for command, label, words in KIOSK_COMMANDS]
        for topic_id in KIOSK_TOPICS:
            title = content.topic(topic_id).title
            buttons.append(Button(f"topic:{topic_id}", title[:1].upper() + title[1:], f"tell me about {title}"))
        return tuple(buttons)

    def _on_screen(self, text: str) -> str:
        number = self.assistant.emergency_number
        if number.isdigit():
            return text.replace(spoken_number(number), number)
        return text


def without_understanding(heard: Heard, text: str) -> Heard:
    """The utterance with its words replaced (e.g. the wake phrase taken off), to be understood afresh."""
    return replace(heard, transcript=replace(heard.transcript, text=text), understanding=None)
