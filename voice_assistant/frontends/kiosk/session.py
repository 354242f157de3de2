"""The kiosk's conversation: typed, touched and spoken turns, what the page shows, and the idle reset.

Everything a person says lives only in memory here, and is dropped when the session ends.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from voice_assistant.app.assistant import Assistant, Session, Turn
from voice_assistant.core.content import RedFlagLevel
from voice_assistant.core.dialogue import Action, spoken_number
from voice_assistant.audio.earcons import Earcon, make_earcon
from voice_assistant.errors import AudioDeviceError, VoiceAssistantError
from voice_assistant.frontends.kiosk.events import Event, EventHub, Subscription
from voice_assistant.frontends.kiosk.metrics import MetricsFile
from voice_assistant.frontends.kiosk.voice import Heard, SpokenInput, Voice

__all__ = ["Kiosk", "Button", "KIOSK_TOPICS", "KIOSK_COMMANDS", "MAX_INPUT_CHARS", "warning_lead_s"]

_log = logging.getLogger(__name__)

KIOSK_TOPICS: Final = (
    "overview", "causes", "symptoms", "diagnosis", "when_to_see_doctor", "treatment", "recovery", "summary",
)
"""Topics with a button on the page (the spoken menu's topics)."""
KIOSK_COMMANDS: Final = (("cmd.repeat", "Repeat", "repeat"), ("cmd.more", "More", "more"),
                         ("cmd.slower", "Slower", "slower"), ("cmd.stop", "Stop", "stop"))
"""Command buttons: (command id, label, the words sent through the dialogue)."""
MAX_INPUT_CHARS: Final = 500
"""Longest typed question taken; the rest is dropped."""
_WARNING_LEAD_MAX_S: Final = 15.0
_GOODBYE_RESET_S: Final = 8.0
"""After goodbye, the screen clears this many seconds after the reply was spoken."""
_SPEECH_SOURCE: Final = "<microphone>"


def _words(text: str) -> list[str]:
    """Lower-case words without punctuation, for matching the wake phrase ('Hello, assistant!' → hello assistant)."""
    return re.findall(r"[a-z0-9']+", text.casefold())


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


class Kiosk:
    """One kiosk: the current conversation, what the page shows, and when to forget it all."""

    def __init__(
        self,
        assistant: Assistant,
        *,
        voice: Voice | None = None,
        spoken_input: SpokenInput | None = None,
        metrics: MetricsFile | None = None,
        idle_timeout_s: float = 60.0,
        earcons: bool = True,
        clock: Callable[[], float] = time.monotonic,
        engine: str | None = None,
    ) -> None:
        """A kiosk at its welcome state; voice None shows replies without speaking them."""
        self.assistant = assistant
        self.voice = voice
        self.spoken_input = spoken_input
        self.metrics = metrics if metrics is not None else MetricsFile(None)
        self.idle_timeout_s = idle_timeout_s
        self.warning_s = warning_lead_s(idle_timeout_s)
        self.earcons = earcons
        self.engine = engine
        self.hub = EventHub()
        self.buttons = self._make_buttons()
        self._buttons_by_id = {button.id: button for button in self.buttons}
        self._clock = clock
        self._lock = threading.RLock()
        self._session: Session = assistant.new_session()
        self._touched = False
        self._last_activity = clock()
        self._warned_at: float | None = None
        self._reset_at: float | None = None
        self._listening: threading.Event | None = None
        self._wake_cancel = threading.Event()
        self._speaking = False
        self._thinking = False
        self._view: dict[str, object] = {}
        self._problem: str | None = None
        self._spoken_input_note: str | None = None
        self._clear_view()

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

    def snapshot(self) -> dict[str, object]:
        """Everything the page shows now (sent first to a page that connects or reloads)."""
        with self._lock:
            view = dict(self._view)
            view["status"] = self._status()
            view["problem"] = self._problem or self._spoken_input_note or ""
            view["idle_warning"] = self._idle_warning_data() if self._warned_at is not None else None
            return view

    def subscribe(self) -> Subscription:
        """A page's event subscription, starting with the current state."""

        with self._lock:
            return self.hub.subscribe(Event("state", self.snapshot()))

    # Inputs ---------------------------------------------------------------------------------------------

    def ask(self, text: str, kind: str = "typed") -> Turn | None:
        """Answer a typed question (or words from a button) as the next turn, show it and speak it."""
        text = " ".join(text.split())[:MAX_INPUT_CHARS]
        if not text:
            return None
        with self._lock:
            self._begin_input()
            try:
                turn = self.assistant.answer_text(self._session, text)
            except Exception as err:  # one failed turn is apologised for; the kiosk goes on
                self._turn_failed(err)
                return None
            self._show_turn(turn, kind, text)
            return turn

    def press(self, button_id: str) -> Turn | None:
        """A touch button: the same dialogue as typing its words; the screen shows the button's label."""
        button = self._buttons_by_id.get(button_id)
        if button is None:
            return None
        with self._lock:
            self._begin_input()
            if button.id == "cmd.stop" and self.voice is not None:
                self.voice.stop()
            try:
                turn = self.assistant.answer_text(self._session, button.words)
            except Exception as err:
                self._turn_failed(err)
                return None
            self._show_turn(turn, "button", button.label)
            return turn

    def talk(self) -> bool:
        """Push-to-talk: listen for one spoken question in the background; False if it cannot start."""
        with self._lock:
            self._begin_input()
            prompts = self.assistant.content.prompts
            if self.spoken_input is None:
                self._say_problem(self._spoken_input_note or prompts.get("kiosk_microphone_problem"))
                return False
            if self._listening is not None:
                return True
            self._wake_cancel.set()
            cancel = threading.Event()
            self._listening = cancel
            self.hub.publish("listening", {"text": prompts.get("kiosk_listening")})
            self._publish_status()
        threading.Thread(target=self._listen, args=(cancel,), name="kiosk-listen", daemon=True).start()
        return True

    def answer_heard(self, heard: Heard) -> Turn | None:
        """Answer a recognised spoken question (from push-to-talk or the wake phrase)."""
        with self._lock:
            self._begin_input(cancel_listening=False)
            try:
                turn = self.assistant.answer_transcript(self._session, heard.transcript, _SPEECH_SOURCE, heard.asr_ms)
            except Exception as err:
                self._turn_failed(err)
                return None
            self._show_turn(turn, "speech", heard.transcript.text, engine=heard.transcript.engine or self.engine)
            return turn

    def carry_on(self) -> None:
        """'Carry on' after the idle warning (or any touch): the conversation continues."""
        with self._lock:
            self._activity()

    def note_activity(self) -> None:
        """The person touched the page or typed a key: they are still here."""
        with self._lock:
            self._touched = True
            self._activity()

    def set_spoken_input(self, spoken_input: SpokenInput | None, note: str | None = None) -> None:
        """Install the microphone side once the recogniser has loaded (or a note saying why it cannot)."""
        with self._lock:
            self.spoken_input = spoken_input
            self._spoken_input_note = note

    def listen_for_wake_phrase(self, phrase: str, stop: threading.Event) -> None:
        """Run until stop is set: while nothing else uses the microphone, listen; an utterance starting with
        the wake phrase starts a turn (its remaining words are the question, if any)."""
        wanted = _words(phrase)
        while not stop.is_set():
            with self._lock:
                spoken_input = self.spoken_input
                busy = spoken_input is None or self._listening is not None or self._speaking or self._thinking
                cancel = threading.Event()
                self._wake_cancel = cancel
            if busy or spoken_input is None:
                stop.wait(0.25)
                continue
            try:
                heard = spoken_input.listen(cancel)
            except VoiceAssistantError as err:
                _log.info("wake phrase listening paused: %s", err)
                stop.wait(5.0)
                continue
            if heard is None or cancel.is_set():
                continue
            words = _words(heard.transcript.text)
            if not wanted or words[: len(wanted)] != wanted:
                continue
            rest = " ".join(words[len(wanted):])
            if rest.strip():
                from dataclasses import replace

                self.answer_heard(replace(heard, transcript=replace(heard.transcript, text=rest)))
            else:
                self.talk()

    # Time -----------------------------------------------------------------------------------------------

    def tick(self) -> None:
        """Call about four times a second: warns when idle, then forgets the conversation."""
        with self._lock:
            now = self._clock()
            if self._speaking or self._listening is not None or self._thinking:
                if self._warned_at is None:
                    self._last_activity = now
                    return
            if self._reset_at is not None and now >= self._reset_at and not self._speaking:
                self.reset()
                return
            if not self._has_conversation():
                return
            if self._warned_at is not None:
                if now - self._warned_at >= self.warning_s:
                    self.reset()
                return
            if now - self._last_activity >= self.idle_timeout_s - self.warning_s:
                self._warn(now)

    def reset(self) -> None:
        """End the session: stop speaking, forget everything said, defaults back, welcome screen."""
        with self._lock:
            if self._listening is not None:
                self._listening.set()
                self._listening = None
            if self.voice is not None:
                self.voice.stop()
            ended = self._has_conversation()
            self._session = self.assistant.new_session()
            self._touched = False
            self._warned_at = None
            self._reset_at = None
            self._thinking = False
            self._last_activity = self._clock()
            self._clear_view()
            if ended:
                with self.metrics.lock:
                    self.metrics.metrics.sessions += 1
                self.metrics.mark_changed()
            self.hub.publish("reset", self.snapshot())
        self.metrics.save()

    # Callbacks from the voice -----------------------------------------------------------------------------

    def on_speaking(self, speaking: bool) -> None:
        """The voice started or finished speaking."""
        with self._lock:
            self._speaking = speaking
            if not speaking:
                if self._warned_at is None:
                    self._last_activity = self._clock()
                if self._session.state.ended and self._reset_at is None:
                    self._reset_at = self._clock() + _GOODBYE_RESET_S
            self._publish_status()

    def on_speaker_error(self, message: str) -> None:
        """The speaker failed: say so on screen, count it; the voice retries on the next reply."""
        _log.warning("speaker problem: %s", message)
        with self._lock:
            self._speaking = False
            self._count_error("speaker")
            self._problem = self.assistant.content.prompts.get("kiosk_speaker_problem")
            self.hub.publish("problem", {"text": self._problem})
            self._publish_status()

    # Inside -------------------------------------------------------------------------------------------

    def _make_buttons(self) -> tuple[Button, ...]:
        content = self.assistant.content
        buttons = [Button(command, label, words) for command, label, words in KIOSK_COMMANDS]
        for topic_id in KIOSK_TOPICS:
            title = content.topic(topic_id).title
            buttons.append(Button(f"topic:{topic_id}", title[:1].upper() + title[1:], f"tell me about {title}"))
        return tuple(buttons)

    def _clear_view(self) -> None:
        self._problem = None
        self._view = {
            "heard": "",
            "kind": "",
            "reply": "",
            "topic": "",
            "level": RedFlagLevel.NONE.value,
            "banner": "",
            "welcome": self.assistant.content.prompts.get("kiosk_welcome"),
        }

    def _status(self) -> str:
        if self._listening is not None:
            return "listening"
        if self._thinking:
            return "thinking"
        if self._speaking:
            return "speaking"
        return "ready"

    def _publish_status(self) -> None:
        self.hub.publish("status", {"status": self._status()})

    def _has_conversation(self) -> bool:
        return self._touched or self._session.turns > 0 or bool(self._view.get("heard"))

    def _activity(self) -> None:
        self._last_activity = self._clock()
        if self._warned_at is not None:
            self._warned_at = None
            self.hub.publish("idle_cleared", {})

    def _begin_input(self, cancel_listening: bool = True) -> None:
        if self._session.state.ended:
            self.reset()
        self._reset_at = None
        self._touched = True
        self._activity()
        if cancel_listening and self._listening is not None:
            self._listening.set()
            self._listening = None

    def _warn(self, now: float) -> None:
        self._warned_at = now
        with self.metrics.lock:
            self.metrics.metrics.idle_warnings += 1
        self.metrics.mark_changed()
        data = self._idle_warning_data()
        self.hub.publish("idle_warning", data)
        self._speak(str(data["text"]))

    def _idle_warning_data(self) -> dict[str, object]:
        seconds = max(1, int(round(self.warning_s)))
        text = self.assistant.content.prompts.get("kiosk_idle_warning").format(seconds=seconds)
        left = self.warning_s - (self._clock() - self._warned_at) if self._warned_at is not None else self.warning_s
        return {"text": text, "seconds": seconds, "left_s": round(max(0.0, left), 1),
                "button": self.assistant.content.prompts.get("kiosk_continue")}

    def _show_turn(self, turn: Turn, kind: str, shown: str, engine: str | None = None) -> None:
        reply = turn.reply
        level = reply.red_flag.level
        shown_level = RedFlagLevel(str(self._view.get("level", "none")))
        if level.rank > shown_level.rank:
            shown_level = level
        self._problem = None
        self._view.update(
            heard=shown,
            kind=kind,
            reply=self._on_screen(reply.text),
            topic=reply.topic,
            level=shown_level.value,
            banner=self.banner_text(shown_level),
        )
        with self.metrics.lock:
            self.metrics.metrics.count_turn(kind, reply.topic, level.value, engine if kind == "speech" else None)
        self.metrics.mark_changed()
        self.hub.publish("heard", {"heard": shown, "kind": kind})
        self.hub.publish("said", {
            "reply": self._view["reply"], "topic": reply.topic, "level": shown_level.value,
            "banner": self._view["banner"], "turn_level": level.value,
        })
        if reply.action is Action.STOP and self.voice is not None:
            self.voice.stop()
        earcon = make_earcon(Earcon.EMERGENCY) if level is RedFlagLevel.EMERGENCY and self.earcons else None
        self._speak(reply.text, reply.speaking.rate_wpm, reply.speaking.volume, earcon)

    def _on_screen(self, text: str) -> str:
        number = self.assistant.emergency_number
        if number.isdigit():
            return text.replace(spoken_number(number), number)
        return text

    def _speak(self, text: str, rate_wpm: int | None = None, volume: float | None = None,
               earcon: object | None = None) -> None:
        if self.voice is None:
            return
        speaking = self._session.state.speaking
        try:
            self.voice.say(
                text,
                rate_wpm if rate_wpm is not None else speaking.rate_wpm,
                volume if volume is not None else speaking.volume,
                earcon,  # type: ignore[arg-type]
            )
        except VoiceAssistantError as err:
            self.on_speaker_error(str(err))

    def _say_problem(self, text: str) -> None:
        self._problem = text
        self.hub.publish("problem", {"text": text})
        self._speak(text)

    def _count_error(self, kind: str) -> None:
        with self.metrics.lock:
            self.metrics.metrics.count_error(kind)
        self.metrics.mark_changed()

    def _turn_failed(self, err: Exception) -> None:
        # Only the kind of failure is logged: its message could quote what the person said.
        _log.error("a kiosk turn failed (%s)", type(err).__name__)
        self._count_error("turn")
        self._say_problem(self.assistant.content.prompts.get("error_apology"))

    def _listen(self, cancel: threading.Event) -> None:
        spoken_input = self.spoken_input
        prompts = self.assistant.content.prompts
        try:
            if self.voice is not None:
                self.voice.stop()
                if self.earcons:
                    self.voice.play(make_earcon(Earcon.LISTENING))
                self.voice.wait_until_quiet(2.0)
            heard = spoken_input.listen(cancel) if spoken_input is not None else None
        except AudioDeviceError as err:
            _log.warning("microphone problem: %s", err)
            with self._lock:
                self._finish_listening(cancel)
                self._count_error("microphone")
                self._say_problem(prompts.get("kiosk_microphone_problem"))
            return
        except Exception as err:
            _log.error("recognition failed (%s)", type(err).__name__)
            with self._lock:
                self._finish_listening(cancel)
                self._count_error("recogniser")
                self._say_problem(prompts.get("error_apology"))
            return
        with self._lock:
            if self._listening is not cancel:  # cancelled by a newer input or a reset
                return
            self._finish_listening(cancel)
            if heard is None:
                self._say_problem(prompts.get("kiosk_not_heard"))
                return
            self.answer_heard(heard)

    def _finish_listening(self, cancel: threading.Event) -> None:
        if self._listening is cancel:
            self._listening = None
        self._activity()
        self._publish_status()
