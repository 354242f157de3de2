"""The kiosk: its conversation (frontends/kiosk/conversation.py) driven from the page, the voice and the microphone.

`Kiosk` holds the parts that run threads: push-to-talk and the wake phrase listen in the background, the
voice speaks in the background, the page's events go out through an EventHub, metrics are counted. The
rules of the conversation itself (view, idle clock, buttons) are in the pure KioskConversation.
Everything a person says lives only in memory, and is dropped when the session ends.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from voice_assistant.app.assistant import Assistant, Turn
from voice_assistant.audio.earcons import Earcon, make_earcon
from voice_assistant.core.content import RedFlagLevel
from voice_assistant.core.dialogue import Action
from voice_assistant.errors import AudioDeviceError, VoiceAssistantError
from voice_assistant.frontends.kiosk.conversation import (
    KIOSK_COMMANDS,
    KIOSK_TOPICS,
    MAX_INPUT_CHARS,
    Button,
    IdleStep,
    KioskConversation,
    after_wake_phrase,
    warning_lead_s,
    without_understanding,
)
from voice_assistant.frontends.kiosk.events import Event, EventHub, Subscription
from voice_assistant.frontends.kiosk.metrics import MetricsFile
from voice_assistant.frontends.kiosk.voice import Heard, SpokenInput, Voice

__all__ = ["Kiosk", "Button", "KIOSK_TOPICS", "KIOSK_COMMANDS", "MAX_INPUT_CHARS", "warning_lead_s"]

_log = logging.getLogger(__name__)


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
        self.conversation = KioskConversation(assistant, idle_timeout_s, clock)
        """The pure conversation state (view, idle clock, dialogue session)."""
        self.voice = voice
        self.spoken_input = spoken_input
        self.metrics = metrics if metrics is not None else MetricsFile(None)
        self.idle_timeout_s = idle_timeout_s
        self.warning_s = self.conversation.warning_s
        self.earcons = earcons
        self.engine = engine
        self.hub = EventHub()
        self.buttons = self.conversation.buttons
        self._lock = threading.RLock()
        self._listening: threading.Event | None = None
        self._wake_cancel = threading.Event()
        self._speaking = False
        self._thinking = False
        self._spoken_input_note: str | None = None

    # What the page shows ------------------------------------------------------------------------------

    @property
    def emergency_number_shown(self) -> str:
        """The emergency number as the screen shows it: digits ('999') or the default words."""
        return self.conversation.emergency_number_shown

    def banner_text(self, level: RedFlagLevel) -> str:
        """The on-screen banner for a red-flag level ('' for none)."""
        return self.conversation.banner_text(level)

    def snapshot(self) -> dict[str, object]:
        """Everything the page shows now (sent first to a page that connects or reloads)."""
        with self._lock:
            conversation = self.conversation
            view = conversation.view.to_dict()
            view["status"] = self._status()
            view["problem"] = conversation.problem or self._spoken_input_note or ""
            view["idle_warning"] = conversation.idle_warning() if conversation.warned_at is not None else None
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
                turn = self.conversation.answer_text(text)
            except Exception as err:  # one failed turn is apologised for; the kiosk goes on
                self._turn_failed(err)
                return None
            self._show_turn(turn, kind, text)
            return turn

    def press(self, button_id: str) -> Turn | None:
        """A touch button: the same dialogue as typing its words; the screen shows the button's label."""
        button = self.conversation.button(button_id)
        if button is None:
            return None
        with self._lock:
            self._begin_input()
            if button.id == "cmd.stop" and self.voice is not None:
                self.voice.stop()
            try:
                turn = self.conversation.answer_text(button.words)
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
                turn = self.conversation.answer_heard(heard)
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
            self.conversation.touched = True
            self._activity()

    def set_spoken_input(self, spoken_input: SpokenInput | None, note: str | None = None) -> None:
        """Install the microphone side once the recogniser has loaded (or a note saying why it cannot)."""
        with self._lock:
            self.spoken_input = spoken_input
            self._spoken_input_note = note

    def listen_for_wake_phrase(self, phrase: str, stop: threading.Event) -> None:
        """Run until stop is set: while nothing else uses the microphone, listen; an utterance starting with
        the wake phrase starts a turn (its remaining words are the question, if any)."""
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
            rest = after_wake_phrase(phrase, heard.transcript.text)
            if rest is None:
                continue
            if rest:
                self.answer_heard(without_understanding(heard, rest))
            else:
                self.talk()

    # Time -----------------------------------------------------------------------------------------------

    def tick(self) -> None:
        """Call about four times a second: warns when idle, then forgets the conversation."""
        with self._lock:
            busy = self._speaking or self._listening is not None or self._thinking
            step = self.conversation.tick(busy, self._speaking)
            if step is IdleStep.RESET:
                self.reset()
            elif step is IdleStep.WARN:
                self._warn()
            elif step is IdleStep.UNANSWERED:
                self._unanswered()

    def reset(self) -> None:
        """End the session: stop speaking, forget everything said, defaults back, welcome screen."""
        with self._lock:
            if self._listening is not None:
                self._listening.set()
                self._listening = None
            if self.voice is not None:
                self.voice.stop()
            self._thinking = False
            ended = self.conversation.reset()
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
                self.conversation.speaking_finished()
            self._publish_status()

    def on_speaker_error(self, message: str) -> None:
        """The speaker failed: say so on screen, count it; the voice retries on the next reply."""
        _log.warning("speaker problem: %s", message)
        with self._lock:
            self._speaking = False
            self._count_error("speaker")
            problem = self.assistant.content.prompts.get("kiosk_speaker_problem")
            self.conversation.problem = problem
            self.hub.publish("problem", {"text": problem})
            self._publish_status()

    # Inside -------------------------------------------------------------------------------------------

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

    def _activity(self) -> None:
        if self.conversation.activity():
            self.hub.publish("idle_cleared", {})

    def _begin_input(self, cancel_listening: bool = True) -> None:
        if self.conversation.session.state.ended:
            self.reset()
        if self.conversation.begin_input():
            self.hub.publish("idle_cleared", {})
        if cancel_listening and self._listening is not None:
            self._listening.set()
            self._listening = None

    def _warn(self) -> None:
        with self.metrics.lock:
            self.metrics.metrics.idle_warnings += 1
        self.metrics.mark_changed()
        data = self.conversation.idle_warning()
        self.hub.publish("idle_warning", data)
        self._speak(str(data["text"]))

    def _unanswered(self) -> None:
        """Nobody answered the safety question: say its red flag, under the words it was asked about."""
        try:
            turn = self.conversation.answer_no_reply()
        except Exception as err:
            self._turn_failed(err)
            return
        self._show_turn(turn, "unanswered", self.conversation.view.heard)

    def _show_turn(self, turn: Turn, kind: str, shown: str, engine: str | None = None) -> None:
        reply = turn.reply
        # a safety question ("did you say …?") is no red flag yet: no emergency sound, not counted as one
        level = RedFlagLevel.NONE if turn.pending else reply.red_flag.level
        view = self.conversation.show_turn(turn, kind, shown)
        with self.metrics.lock:
            self.metrics.metrics.count_turn(kind, reply.topic, level.value, engine if kind == "speech" else None)
        self.metrics.mark_changed()
        self.hub.publish("heard", {"heard": shown, "kind": kind})
        self.hub.publish("said", {
            "reply": view.reply, "topic": reply.topic, "level": view.level,
            "banner": view.banner, "turn_level": level.value,
        })
        if reply.action is Action.STOP and self.voice is not None:
            self.voice.stop()
        earcon = make_earcon(Earcon.EMERGENCY) if level is RedFlagLevel.EMERGENCY and self.earcons else None
        self._speak(reply.text, reply.speaking.rate_wpm, reply.speaking.volume, earcon)

    def _speak(self, text: str, rate_wpm: int | None = None, volume: float | None = None,
               earcon: object | None = None) -> None:
        if self.voice is None:
            return
        speaking = self.conversation.session.state.speaking
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
        self.conversation.problem = text
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
