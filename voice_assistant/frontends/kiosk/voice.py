"""Kiosk speech: replies spoken in the background (surviving speaker faults), and spoken questions heard.

Both are small Protocols so the kiosk can be driven by hand-written fakes in tests; spoken questions are
heard through the voice loop's one-turn method (LoopInput).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Protocol

from voice_assistant.errors import AudioDeviceError, VoiceAssistantError

from voice_assistant.asr.listener import Heard
from voice_assistant.app.assistant import Assistant
from voice_assistant.app.loop import OutcomeKind, VoiceLoop
from voice_assistant.app.settings import Settings
from voice_assistant.asr.recogniser import Recogniser
from voice_assistant.audio.devices import SoundDeviceMicrophone, SoundDevicePlayer
from voice_assistant.audio.pcm import PcmAudio
from voice_assistant.tts.output import SpeechOutput, SpeechSettings
from voice_assistant.tts.synthesis import Pyttsx3Speaker, Speaker, find_synthesis_problem


__all__ = ["Voice", "KioskVoice", "SpokenInput", "Heard", "LoopInput", "open_kiosk_voice", "open_loop_input"]

_log = logging.getLogger(__name__)

_REOPEN_AFTER_S: Final = 5.0
"""After a speaker fault, wait this long before trying the device again."""


class Voice(Protocol):
    """Speaks one reply at a time in the background; a new reply or stop() cuts the current one."""

    def say(self, text: str, rate_wpm: int, volume: float, earcon: "PcmAudio | None" = None) -> None:
        """Start speaking text (after an optional earcon) at rate_wpm and volume 0.2..1.0, cutting any speech."""
        ...

    def play(self, audio: "PcmAudio") -> None:
        """Play a short clip (an earcon), cutting any speech."""
        ...

    def stop(self) -> None:
        """Stop speaking now."""
        ...

    def wait_until_quiet(self, timeout_s: float) -> bool:
        """Wait until nothing is playing or queued; False after timeout_s seconds."""
        ...

    @property
    def is_speaking(self) -> bool:
        """True while something is playing or queued."""
        ...

    def close(self) -> None:
        """Stop and release the device."""
        ...


@dataclass(frozen=True)
class _Clip:
    audio: "PcmAudio"


@dataclass(frozen=True)
class _Text:
    text: str
    rate_wpm: int
    volume: float


class KioskVoice:
    """Voice on a Speaker and a speaker device opened on demand; a device fault is reported, then retried."""

    def __init__(
        self,
        speaker: "Speaker",
        open_player: Callable[[], object],
        on_speaking: Callable[[bool], None] = lambda speaking: None,
        on_error: Callable[[str], None] = lambda message: None,
    ) -> None:
        """Speak with speaker; open_player() returns an AudioPlayer (it may raise AudioDeviceError)."""

        self._speaker = speaker
        self._open_player = open_player
        self._on_speaking = on_speaking
        self._on_error = on_error
        self._settings: SpeechSettings = SpeechSettings()
        self._output: SpeechOutput | None = None
        self._failed_at: float | None = None
        self._items: deque[_Clip | _Text] = deque()
        self._busy = False
        self._closed = False
        self._condition = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="kiosk-voice", daemon=True)
        self._thread.start()

    @property
    def is_speaking(self) -> bool:
        """True while something is playing or queued."""
        with self._condition:
            return self._busy or bool(self._items)

    def say(self, text: str, rate_wpm: int, volume: float, earcon: "PcmAudio | None" = None) -> None:
        """Start speaking text (after an optional earcon), cutting any speech."""
        items: list[_Clip | _Text] = [_Clip(earcon)] if earcon is not None else []
        items.append(_Text(text, rate_wpm, volume))
        self._replace(items)

    def play(self, audio: "PcmAudio") -> None:
        """Play a short clip, cutting any speech."""
        self._replace([_Clip(audio)])

    def stop(self) -> None:
        """Stop speaking now."""
        self._replace([])

    def wait_until_quiet(self, timeout_s: float) -> bool:
        """Wait until nothing is playing or queued; False after timeout_s seconds."""
        with self._condition:
            return self._condition.wait_for(lambda: not self._busy and not self._items, timeout=timeout_s)

    def close(self) -> None:
        """Stop, end the worker thread and the synthesis worker."""
        with self._condition:
            self._closed = True
            self._items.clear()
            self._condition.notify_all()
        if self._output is not None:
            self._output.stop()
        self._thread.join(timeout=3.0)
        if self._output is not None:
            self._output.close()
        close = getattr(self._speaker, "close", None)
        if callable(close):
            close()

    def _replace(self, items: list[_Clip | _Text]) -> None:
        with self._condition:
            self._items.clear()
        output = self._output
        if output is not None:
            output.stop()
        with self._condition:
            self._items.extend(items)
            self._condition.notify_all()

    def _run(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: self._closed or bool(self._items))
                if self._closed:
                    return
                item = self._items.popleft()
                started = not self._busy
                self._busy = True
            if started:
                self._notify(self._on_speaking, True)
            try:
                self._perform(item)
            except VoiceAssistantError as err:
                self._fail(str(err))
            except Exception as err:  # a fault in one reply must not end the kiosk's voice
                _log.error("speaking failed (%s)", type(err).__name__)
                self._fail(f"speech output failed ({type(err).__name__})")
            with self._condition:
                ended = not self._items
                if ended:
                    self._busy = False
                    self._condition.notify_all()
            if ended:
                self._notify(self._on_speaking, False)

    def _perform(self, item: _Clip | _Text) -> None:

        output = self._ensure_output()
        if output is None:
            return
        if isinstance(item, _Clip):
            output.play(item.audio)
        else:
            self._settings = SpeechSettings(item.rate_wpm, item.volume)
            output.speak(item.text)

    def _ensure_output(self) -> "SpeechOutput | None":
        if self._output is not None:
            return self._output
        if self._failed_at is not None and time.monotonic() - self._failed_at < _REOPEN_AFTER_S:
            return None

        player = self._open_player()  # AudioDeviceError when the speaker is missing
        self._output = SpeechOutput(self._speaker, player, lambda: self._settings)  # type: ignore[arg-type]
        self._failed_at = None
        return self._output

    def _fail(self, message: str) -> None:
        output, self._output = self._output, None
        self._failed_at = time.monotonic()
        if output is not None:
            try:
                output.close()
            except Exception:  # closing a broken device must not hide the first fault
                _log.debug("closing the failed speech output failed too")
        self._notify(self._on_error, message)

    @staticmethod
    def _notify(callback: Callable[..., None], value: object) -> None:
        try:
            callback(value)
        except Exception:
            _log.exception("kiosk voice callback failed")


def open_kiosk_voice(
    voice: str | None,
    output_device: str | None,
    on_speaking: Callable[[bool], None],
    on_error: Callable[[str], None],
) -> KioskVoice:
    """A KioskVoice on pyttsx3/espeak-ng and the chosen speaker; VoiceAssistantError if synthesis is impossible."""

    problem = find_synthesis_problem()
    if problem is not None:
        raise VoiceAssistantError(problem)
    speaker = Pyttsx3Speaker(voice=voice)
    speaker.start()
    return KioskVoice(speaker, lambda: SoundDevicePlayer(output_device), on_speaking, on_error)


class SpokenInput(Protocol):
    """Hears one spoken question (push-to-talk): the kiosk's microphone side."""

    def listen(self, cancel: threading.Event) -> Heard | None:
        """Record until the end of one utterance and recognise it; None for silence, noise or when cancelled.

        Raises AudioDeviceError when the microphone is missing or fails.
        """
        ...


class LoopInput:
    """SpokenInput on the voice loop's one-turn method (adaptive end of utterance, noise and confidence floor).

    The loop listens and recognises; the kiosk answers in its own session and speaks with its own voice,
    so the loop runs without a speaker and its own (throwaway) session is started afresh for every turn.
    """

    def __init__(self, loop: "VoiceLoop", no_speech_timeout_s: float = 8.0) -> None:
        """Listen through this loop (built with open_microphone and no speaker)."""
        self.loop = loop
        self.no_speech_timeout_s = no_speech_timeout_s

    def listen(self, cancel: threading.Event) -> Heard | None:
        """One utterance through loop.listen_and_answer(); None for silence, noise or cancel."""

        done = threading.Event()

        def forward_cancel() -> None:
            while not done.wait(0.05):
                if cancel.is_set():
                    self.loop.cancel_listening()
                    return

        watcher = threading.Thread(target=forward_cancel, name="kiosk-cancel", daemon=True)
        watcher.start()
        try:
            self.loop.new_session()
            outcome = self.loop.listen_and_answer(timeout_s=self.no_speech_timeout_s, earcon=False)
        finally:
            done.set()
            watcher.join(timeout=1.0)
        if outcome.kind is OutcomeKind.DEVICE_ERROR:
            raise AudioDeviceError(outcome.detail)
        if outcome.kind is OutcomeKind.FAILED:
            raise VoiceAssistantError(outcome.detail or "recognition failed")
        if outcome.kind is not OutcomeKind.ANSWERED or cancel.is_set():
            return None
        return outcome.heard


def open_loop_input(assistant: "Assistant", recogniser: "Recogniser", settings: "Settings") -> LoopInput:
    """A LoopInput on the configured microphone: a VoiceLoop that listens and never speaks."""

    listening = Assistant(
        assistant.content, region=settings.region, recogniser=recogniser, speaking=settings.speaking, semantic=assistant.semantic
    )
    loop = VoiceLoop(listening, settings=settings, speaker=None, open_player=None,
                     open_microphone=lambda: SoundDeviceMicrophone(settings.input_device))
    return LoopInput(loop)
