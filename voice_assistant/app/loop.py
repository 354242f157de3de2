"""The hands-free voice loop: greet, then listen → recognise → understand → speak, until goodbye or Ctrl-C.

`VoiceLoop` does the work; frontends/console.py builds it from Settings for `voice-assistant` on a terminal:

    loop = VoiceLoop(assistant, settings=settings, speaker=speaker, open_player=lambda: SoundDevicePlayer(dev),
                     open_microphone=lambda: SoundDeviceMicrophone(dev))
    loop.add_listener(callback)      # callback(LoopEvent) for every event, from the thread doing the turn
    loop.greet()                     # speak the greeting with its not-a-diagnosis notice
    outcome = loop.listen_and_answer()   # one turn: earcon, listen, recognise, answer, speak → TurnOutcome
    loop.answer_text("does massage help")  # a typed turn, spoken and captioned the same way
    loop.interrupt()                 # from any thread: stop the reply being spoken (not a red-flag reply)
    loop.cancel_listening()          # from any thread: end listen_and_answer() without an answer
    loop.new_session()               # forget the conversation
    loop.close()

Events (`LoopEvent.kind`): LISTENING (the microphone is open for a turn), HEARD (`text` = the transcript),
SAID (`text` = exactly what is spoken or, without a speaker, printed; `turn` set for answers), IGNORED
(noise, silence, or a transcript below the confidence floor), NOTICE (a device problem or recovery, in
words for a screen). Half-duplex: the microphone is closed while the assistant speaks, so it never
answers itself; with barge_in a separate watcher listens for "stop" during interruptible speech.
A reply with a red flag is spoken in full: interrupt() and barge-in do not cut it. Listening is in
app/hearing.py (shared with the kiosk), speaking in tts/output.py (shared with text mode and the kiosk).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from copy import copy
from dataclasses import dataclass
from enum import Enum
from typing import Final

from voice_assistant.app.assistant import Assistant, Turn
from voice_assistant.core.content import RedFlagLevel
from voice_assistant.core.conversation import Action
from voice_assistant.errors import AudioDeviceError
from voice_assistant.app.hearing import Hearing
from voice_assistant.asr.listener import Heard
from voice_assistant.asr.recogniser import Transcript
from voice_assistant.app.settings import Settings
from voice_assistant.audio.devices import AudioPlayer, Microphone
from voice_assistant.audio.pcm import PcmAudio
from voice_assistant.tts.output import BackgroundVoice, SpeechResult
from voice_assistant.tts.synthesis import Speaker


__all__ = ["EventKind", "LoopEvent", "OutcomeKind", "TurnOutcome", "VoiceLoop"]

_log = logging.getLogger(__name__)

_MAX_BACKOFF_S: Final = 15.0
"""Longest wait in seconds between attempts to reopen a lost microphone."""
REOPEN_EVERY_S: Final = 10.0
"""While idle, the microphone is reopened this often: a sound server may quietly move a stream whose device
was unplugged to another device, and reopening finds the device again (or reports it missing)."""


class EventKind(str, Enum):
    """What a LoopEvent reports."""

    LISTENING = "listening"
    HEARD = "heard"
    SAID = "said"
    IGNORED = "ignored"
    NOTICE = "notice"


@dataclass(frozen=True)
class LoopEvent:
    """Something the loop did, for captions (terminal, kiosk page)."""

    kind: EventKind
    """What happened."""
    text: str = ""
    """The transcript (HEARD), the words spoken (SAID), or a one-line description (IGNORED, NOTICE)."""
    turn: Turn | None = None
    """The answered turn, for SAID events of answers."""


class OutcomeKind(str, Enum):
    """How one turn ended."""

    ANSWERED = "answered"
    IGNORED = "ignored"
    SILENT = "silent"
    DEVICE_ERROR = "device_error"
    FAILED = "failed"


@dataclass(frozen=True)
class TurnOutcome:
    """The result of listen_and_answer() or answer_text()."""

    kind: OutcomeKind
    """Answered; ignored (noise); silent (no speech in time, or cancelled); microphone error; failed (apologised)."""
    heard: Heard | None = None
    """The utterance, when one was heard."""
    turn: Turn | None = None
    """The answered turn."""
    speech: SpeechResult | None = None
    """How speaking the reply went; None when it was printed only."""
    first_sample_ms: float | None = None
    """Ms from the end of utterance being decided to the first reply sample handed to the speaker."""
    detail: str = ""
    """The error message for DEVICE_ERROR and FAILED."""

    @property
    def ends_session(self) -> bool:
        """True after goodbye."""
        return self.turn is not None and self.turn.reply.ends_session


class VoiceLoop:
    """One spoken conversation on one microphone and speaker; see the module docstring for the API."""

    def __init__(
        self,
        assistant: Assistant,
        *,
        settings: Settings = Settings(),
        speaker: Speaker | None = None,
        open_player: Callable[[], AudioPlayer] | None = None,
        open_microphone: Callable[[], Microphone] | None = None,
        spot_stop: Callable[[PcmAudio], bool] | None = None,
        rescan: Callable[[], None] | None = None,
    ) -> None:
        """Speak with speaker on open_player()'s device (None: print only); listen on open_microphone().

        spot_stop(audio) says whether "stop" was said (used with settings.barge_in); rescan() makes the
        device layer look for devices again after a fault (devices.rescan_devices).
        """
        if assistant.recogniser is None and open_microphone is not None:
            raise ValueError("VoiceLoop needs an assistant with a recogniser to listen")
        self.assistant = assistant
        self.settings = settings
        self.session = assistant.new_session()
        self._open_microphone = open_microphone
        self._rescan = rescan
        self._listeners: list[Callable[[LoopEvent], None]] = []
        self._cancel = threading.Event()
        self.hearing = Hearing(assistant, settings) if assistant.recogniser is not None else None
        """The listening side (one detector per stream, adaptive end of utterance, the noise check)."""
        self.voice = BackgroundVoice(
            speaker,
            open_player,
            on_error=lambda text: self._emit(EventKind.NOTICE, text),
            on_recovered=lambda: self._emit(EventKind.NOTICE, "speech output works again"),
            earcons=settings.earcons,
            rescan=rescan,
            open_microphone=open_microphone if settings.barge_in else None,
            spot_stop=spot_stop if settings.barge_in else None,
        )
        """The speaking side (speaker faults, red flags in full, barge-in)."""
        self.voice.set_speaking(settings.speaking)
        if self.hearing is not None:
            self.hearing.listener.on_complete_guess = self._prepare_reply

    # Events -------------------------------------------------------------------------------------------

    def add_listener(self, listener: Callable[[LoopEvent], None]) -> None:
        """Call listener(event) for every event from now on."""
        self._listeners.append(listener)

    def _emit(self, kind: EventKind, text: str = "", turn: Turn | None = None) -> None:
        event = LoopEvent(kind, text, turn)
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:  # a broken caption display must not end the conversation
                _log.exception("a loop event listener failed")

    def prompt(self, key: str) -> str:
        """A system prompt from prompts/system.toml."""
        return self.assistant.content.prompts.get(key)

    # Control from other threads ----------------------------------------------------------------------

    def interrupt(self) -> None:
        """Stop the reply being spoken now, unless it is a red-flag reply (those are always spoken in full)."""
        self.voice.interrupt()

    def cancel_listening(self) -> None:
        """End the current (or next) listen_and_answer() without an answer."""
        self._cancel.set()

    def new_session(self) -> None:
        """Forget the conversation so far (kiosk reset)."""
        self.session = self.assistant.new_session()
        self.voice.set_speaking(self.settings.speaking)

    # Turns ---------------------------------------------------------------------------------------------

    def greet(self) -> None:
        """Say the greeting with its not-a-diagnosis notice."""
        self.say(self.assistant.greeting())

    def listen_and_answer(self, timeout_s: float | None = None, earcon: bool = True) -> TurnOutcome:
        """One turn: the listening earcon, then listen (up to timeout_s for speech to start), recognise, answer, speak."""
        if self.hearing is None or self._open_microphone is None:
            raise ValueError("listen_and_answer needs a microphone and a recogniser")
        if earcon:
            self.voice.play_earcon("listening")
        self._cancel.clear()
        try:
            with self._open_microphone() as microphone:
                ready = (lambda: self._emit(EventKind.LISTENING)) if earcon else None
                heard = self.hearing.listen(microphone, timeout_s, self._cancel, on_ready=ready)
        except AudioDeviceError as err:
            return TurnOutcome(OutcomeKind.DEVICE_ERROR, detail=str(err))
        except Exception as err:  # a recogniser bug fails this turn only
            return self._apologise(err, None)
        if heard is None:
            if self.session.safety_question is not None:  # no answer to "did you say …?": the red flag fires
                try:
                    return self._speak_turn(self.assistant.answer_no_reply(self.session), None)
                except Exception as err:  # one failed turn is apologised for; the conversation goes on
                    return self._apologise(err, None)
            return TurnOutcome(OutcomeKind.SILENT)
        return self.answer_heard(heard)

    def answer_heard(self, heard: Heard) -> TurnOutcome:
        """Answer a finished utterance (nothing is said for noise) and speak the reply."""
        transcript = heard.transcript
        why = self.hearing.noise_reason(heard) if self.hearing is not None else ""
        if why:
            # The words stay out of the log (privacy); only why the utterance was dropped is kept.
            _log.info("ignored an utterance: %s", why)
            self._emit(EventKind.IGNORED, why)
            return TurnOutcome(OutcomeKind.IGNORED, heard)
        self._emit(EventKind.HEARD, transcript.text)
        try:
            # Red flags are looked for in every hypothesis; an unsure one gets a yes/no safety question.
            turn = self.assistant.answer_recognised(
                self.session, transcript, heard.command, "<microphone>", heard.asr_ms, understanding=heard.understanding
            )
            return self._speak_turn(turn, heard)
        except Exception as err:  # one failed turn is apologised for; the conversation goes on
            return self._apologise(err, heard)

    def answer_text(self, text: str) -> TurnOutcome:
        """Answer a typed input and speak the reply, like a spoken one."""
        self._emit(EventKind.HEARD, text)
        try:
            return self._speak_turn(self.assistant.answer_text(self.session, text), None)
        except Exception as err:  # one failed turn is apologised for; the conversation goes on
            return self._apologise(err, None)

    def _apologise(self, err: Exception, heard: Heard | None) -> TurnOutcome:
        _log.error("a turn failed: %s (its message is not logged: it may quote what was said)", type(err).__name__)
        try:
            self.say(self.prompt("error_apology"))
        except Exception:  # the fault may be in speaking itself; the caption was shown
            _log.exception("the apology could not be spoken")
        return TurnOutcome(OutcomeKind.FAILED, heard, detail=str(err))

    def _speak_turn(self, turn: Turn, heard: Heard | None) -> TurnOutcome:
        reply = turn.reply
        self.voice.set_speaking(reply.speaking)
        started = time.perf_counter()
        # A restated emergency action ("what number?") is spoken in full like the first one; a safety
        # question ("did you say …?") may be interrupted by the answer and has no emergency tone.
        flagged = (reply.red_flag.level is not RedFlagLevel.NONE or reply.action is Action.RED_FLAG) and not turn.pending
        if reply.red_flag.level is RedFlagLevel.EMERGENCY and not turn.pending:
            self._emit(EventKind.SAID, reply.text, turn)
            self.voice.play_earcon("emergency", interruptible=False)
            speech = self.voice.speak(reply.text, interruptible=False)
        else:
            speech = self.say(reply.text, interruptible=not flagged, turn=turn)
        first_ms = None
        if speech is not None and speech.first_sample_ms is not None and heard is not None:
            first_ms = (started - heard.decided_at_s) * 1000 + speech.first_sample_ms
        return TurnOutcome(OutcomeKind.ANSWERED, heard, turn, speech, first_ms)

    # Speaking --------------------------------------------------------------------------------------------

    def say(self, text: str, interruptible: bool = True, turn: Turn | None = None) -> SpeechResult | None:
        """Caption and speak text (printed only without a working speaker); interruptible=False: spoken in full."""
        self._emit(EventKind.SAID, text, turn)
        return self.voice.speak(text, interruptible)

    def _prepare_reply(self, transcript: Transcript) -> None:
        """Work out the reply to a complete guess made in a pause and synthesise its first sentence, off the
        listening thread, so the reply can start as soon as the pause ends (the session is left untouched)."""
        threading.Thread(target=self._prepare, args=(transcript,), name="prepare-reply", daemon=True).start()

    def _prepare(self, transcript: Transcript) -> None:
        try:
            understanding = self.hearing.understand(transcript.text) if self.hearing is not None else None
            turn = self.assistant.answer_recognised(copy(self.session), transcript, understanding=understanding)
            self.voice.prepare(turn.reply.text, turn.reply.speaking)
        except Exception:  # an optimisation only: the reply is worked out again when the utterance ends
            _log.exception("preparing a reply during the pause failed")

    # The whole conversation ---------------------------------------------------------------------------

    def run(self, reopen_every_s: float = REOPEN_EVERY_S) -> int:
        """Greet, then answer turn after turn until goodbye (0) or Ctrl-C (0); device faults are waited out."""
        try:
            self.greet()
            idle_since = time.monotonic()
            hinted = False
            earcon = True
            while True:
                idle_s = time.monotonic() - idle_since
                hint_s = self.settings.idle_hint_s
                wait_s = reopen_every_s if hinted or hint_s <= 0 else max(0.5, hint_s - idle_s)
                outcome = self.listen_and_answer(timeout_s=min(wait_s, reopen_every_s), earcon=earcon)
                if outcome.kind is OutcomeKind.DEVICE_ERROR:
                    self._wait_for_microphone(outcome.detail)
                    idle_since, hinted, earcon = time.monotonic(), False, True
                    continue
                if outcome.kind in (OutcomeKind.SILENT, OutcomeKind.IGNORED):
                    earcon = False
                    if not hinted and hint_s > 0 and time.monotonic() - idle_since >= hint_s:
                        hinted, earcon = True, True
                        self.say(self.prompt("idle_hint"))
                    continue
                if outcome.ends_session:
                    return 0
                idle_since, hinted, earcon = time.monotonic(), False, True
        except KeyboardInterrupt:
            self.interrupt()
            if self.hearing is not None:
                self.hearing.close()  # exit does not wait for guesses queued while the person spoke
            self._emit(EventKind.NOTICE, "stopped by Ctrl-C")
            return 0

    def _wait_for_microphone(self, problem: str) -> None:
        """Say the microphone is lost, try it again with back-off until it records, then say it is back."""
        self._emit(EventKind.NOTICE, f"the microphone stopped working: {problem}")
        self.say(self.prompt("microphone_lost"))
        backoff_s = 1.0
        while not self._microphone_works():
            time.sleep(backoff_s)
            backoff_s = min(_MAX_BACKOFF_S, backoff_s * 2)
            if self._rescan is not None:
                self._rescan()
        self._emit(EventKind.NOTICE, "the microphone works again")
        self.say(self.prompt("microphone_back"))

    def _microphone_works(self) -> bool:
        assert self._open_microphone is not None  # run() checked it
        try:
            with self._open_microphone() as microphone:
                microphone.read_chunk()
            return True
        except AudioDeviceError as err:
            _log.info("microphone still unavailable: %s", err)
            return False

    def close(self) -> None:
        """Stop speaking and listening, and release the speech output."""
        self._cancel.set()
        self.voice.close()

