"""The one voice of the assistant: replies and earcons, spoken in the foreground or in the background.

`BackgroundVoice` serves every frontend:
- the voice loop speaks in its own thread with `speak()` (returns how it went) and `play_earcon()`;
  `interrupt()` cuts an interruptible reply, never a red-flag reply, which is also tried once more on a
  freshly opened device if the speaker fails during it; with barge-in a watcher listens for "stop";
- text mode and the kiosk hand replies over with `say()` / `play()` and carry on: a worker thread speaks
  them one at a time, and a new reply or `stop()` cuts the one playing.
After a speaker fault, replies are shown only (on_error reports it) until the device opens again, tried
with back-off; on_recovered reports that it works again.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from voice_assistant.audio.devices import AudioPlayer, DeviceKind, Microphone, SoundDevicePlayer, find_device
from voice_assistant.audio.earcons import Earcon, make_earcon
from voice_assistant.audio.pcm import PcmAudio
from voice_assistant.audio.vad import BARGE_IN_ENDPOINT, Endpointer, Utterance
from voice_assistant.core.dialogue import SpeakingSettings
from voice_assistant.errors import AudioDeviceError
from voice_assistant.tts.playback import SpeechOutput, SpeechResult
from voice_assistant.tts.synthesis import DEFAULT_RATE_WPM, Pyttsx3Speaker, Speaker, find_synthesis_problem

__all__ = [
    "SpeechResult",
    "SpeechOutput",
    "BackgroundVoice",
    "speak_text",
    "check_speech_output",
    "open_background_voice",
]

_log = logging.getLogger(__name__)

_MAX_BACKOFF_S: Final = 15.0
"""Longest wait in seconds between attempts to reopen a failed speaker."""


def _ignore(*_args: object) -> None:
    """A callback that does nothing."""


@dataclass(frozen=True)
class _Clip:
    audio: PcmAudio


@dataclass(frozen=True)
class _Text:
    text: str
    speaking: SpeakingSettings


class BackgroundVoice:
    """Speaks for every frontend; see the module docstring. Every method may be called from any thread."""

    def __init__(
        self,
        speaker: Speaker | None,
        open_player: Callable[[], AudioPlayer] | None,
        *,
        on_error: Callable[[str], None] = _ignore,
        on_recovered: Callable[[], None] = _ignore,
        on_speaking: Callable[[bool], None] = _ignore,
        earcons: bool = True,
        rescan: Callable[[], None] | None = None,
        open_microphone: Callable[[], Microphone] | None = None,
        spot_stop: Callable[[PcmAudio], bool] | None = None,
    ) -> None:
        """Speak with speaker on open_player()'s device (None: speak nothing, the caller's caption is all).

        on_error(message) reports a speaker fault, on_recovered() the device working again, on_speaking(bool)
        the background worker starting and finishing. With open_microphone and spot_stop, saying "stop"
        interrupts an interruptible reply (barge-in). rescan() makes the device layer look again after a fault.
        """
        self._speaker = speaker
        self._open_player = open_player
        self._on_error = on_error
        self._on_recovered = on_recovered
        self._on_speaking = on_speaking
        self._earcons = earcons
        self._rescan = rescan
        self._open_microphone = open_microphone
        self._spot_stop = spot_stop
        self._lock = threading.Lock()
        self._interruptible = False
        self._output: SpeechOutput | None = None
        self._retry_at = 0.0
        self._backoff_s = 1.0
        self._reported = False
        self._speaking = SpeakingSettings()
        self._condition = threading.Condition()
        self._items: deque[_Clip | _Text] = deque()
        self._busy = False
        self._closed = False
        self._worker: threading.Thread | None = None

    # Settings -------------------------------------------------------------------------------------------

    def set_speaking(self, speaking: SpeakingSettings) -> None:
        """Speak from now on at this rate and volume (heard from the next sentence)."""
        self._speaking = speaking

    # Foreground: the voice loop ------------------------------------------------------------------------

    def speak(self, text: str, interruptible: bool = True) -> SpeechResult | None:
        """Speak text and return how it went; None when there is no working speaker."""
        attempts = 1 if interruptible else 2  # a red-flag reply is tried again on a fresh device
        for _ in range(attempts):
            output = self._ensure_output()
            if output is None:
                return None
            watcher = self._start_stop_watcher() if interruptible else None
            with self._lock:
                self._interruptible = interruptible
            try:
                return output.speak(text)
            except AudioDeviceError as err:
                self._failed(err)
            finally:
                with self._lock:
                    self._interruptible = False
                if watcher is not None:
                    watcher[0].set()
                    watcher[1].join(timeout=3.0)
        return None

    def prepare(self, text: str, speaking: SpeakingSettings) -> None:
        """Synthesise text's first sentence in the background for a speak(text) at these settings that may follow
        (on an output already open only: opening one is left to the speaking thread)."""
        with self._lock:
            output = self._output
        if output is not None:
            output.prepare(text, speaking)

    def play_earcon(self, name: str, interruptible: bool = True) -> None:
        """Play an earcon ('listening', 'heard', 'emergency') unless earcons are off or there is no speaker."""
        if self._earcons:
            self._play_clip(make_earcon(Earcon(name)), interruptible)

    def interrupt(self) -> None:
        """Stop what is being spoken now, unless it must be spoken in full."""
        with self._lock:
            output = self._output if self._interruptible else None
        if output is not None:
            output.stop()

    # Background: text mode and the kiosk ---------------------------------------------------------------

    @property
    def is_speaking(self) -> bool:
        """True while the background worker has something playing or queued."""
        with self._condition:
            return self._busy or bool(self._items)

    def say(self, text: str, rate_wpm: int, volume: float, earcon: PcmAudio | None = None) -> None:
        """Start speaking text (after an optional earcon) at rate_wpm and volume 0.2..1.0, cutting any speech."""
        items: list[_Clip | _Text] = [_Clip(earcon)] if earcon is not None else []
        items.append(_Text(text, SpeakingSettings(rate_wpm, volume)))
        self._replace(items)

    def play(self, audio: PcmAudio) -> None:
        """Play a short clip (an earcon) in the background, cutting any speech."""
        self._replace([_Clip(audio)])

    def stop(self) -> None:
        """Stop speaking now, whatever is playing, and drop what is queued."""
        self._replace([])

    def wait_until_quiet(self, timeout_s: float) -> bool:
        """Wait until nothing is playing or queued; False after timeout_s seconds."""
        with self._condition:
            return self._condition.wait_for(lambda: not self._busy and not self._items, timeout=timeout_s)

    def wait(self, timeout_s: float) -> None:
        """Wait up to timeout_s seconds for the background reply to finish."""
        self.wait_until_quiet(timeout_s)

    def close(self) -> None:
        """Stop, end the worker thread, release the device and the synthesis worker."""
        with self._condition:
            self._closed = True
            self._items.clear()
            self._condition.notify_all()
        with self._lock:
            output, self._output = self._output, None
        if output is not None:
            output.stop()
        if self._worker is not None:
            self._worker.join(timeout=3.0)
        if output is not None:
            output.close()
        close = getattr(self._speaker, "close", None)
        if callable(close):
            close()

    # Inside ---------------------------------------------------------------------------------------------

    def _replace(self, items: list[_Clip | _Text]) -> None:
        with self._condition:
            self._items.clear()
            if self._closed:
                return
            if self._worker is None and items:
                self._worker = threading.Thread(target=self._run, name="voice", daemon=True)
                self._worker.start()
        with self._lock:
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
                if isinstance(item, _Clip):
                    self._play_clip(item.audio, interruptible=True)
                else:
                    self._speaking = item.speaking
                    self.speak(item.text, interruptible=True)
            except Exception as err:  # a fault in one reply must not end the voice
                _log.error("speaking failed (%s)", type(err).__name__)
                self._failed(err)
            with self._condition:
                ended = not self._items
                if ended:
                    self._busy = False
                    self._condition.notify_all()
            if ended:
                self._notify(self._on_speaking, False)

    def _play_clip(self, audio: PcmAudio, interruptible: bool) -> None:
        output = self._ensure_output()
        if output is None:
            return
        with self._lock:
            self._interruptible = interruptible
        try:
            output.play(audio)
        except AudioDeviceError as err:
            self._failed(err)
        finally:
            with self._lock:
                self._interruptible = False

    def _ensure_output(self) -> SpeechOutput | None:
        """The speech output, reopened after a fault once its back-off has passed; None: shown only."""
        with self._lock:
            if self._output is not None or self._speaker is None or self._open_player is None:
                return self._output
        if time.monotonic() < self._retry_at:
            return None
        try:
            player = self._open_player()
        except AudioDeviceError as err:
            self._retry_at = time.monotonic() + self._backoff_s
            self._backoff_s = min(_MAX_BACKOFF_S, self._backoff_s * 2)
            _log.info("speaker unavailable: %s", err)
            if not self._reported:
                self._reported = True
                self._notify(self._on_error, f"speech output unavailable ({err}); replies are shown only")
            return None
        if self._retry_at:
            self._notify(self._on_recovered)
        self._retry_at, self._backoff_s, self._reported = 0.0, 1.0, False
        output = SpeechOutput(self._speaker, player, lambda: self._speaking)
        with self._lock:
            self._output = output
        return output

    def _failed(self, err: Exception) -> None:
        self._reported = True
        self._notify(self._on_error, f"speech output failed ({err}); replies are printed until it works again")
        with self._lock:
            output, self._output = self._output, None
        if output is not None:
            try:
                output.close()
            except Exception:  # closing a broken device must not hide the first fault
                _log.debug("closing the failed speech output failed too")
        self._retry_at = time.monotonic() + self._backoff_s
        if self._rescan is not None:
            self._rescan()

    def _start_stop_watcher(self) -> tuple[threading.Event, threading.Thread] | None:
        """With barge-in, listen for "stop" while speaking; returns (done, thread)."""
        if self._spot_stop is None or self._open_microphone is None:
            return None
        done = threading.Event()
        thread = threading.Thread(target=self._watch_for_stop, args=(done,), name="barge-in", daemon=True)
        thread.start()
        return done, thread

    def _watch_for_stop(self, done: threading.Event) -> None:
        open_microphone, spot_stop = self._open_microphone, self._spot_stop
        if open_microphone is None or spot_stop is None:
            return
        try:
            with open_microphone() as microphone:
                endpointer = Endpointer(BARGE_IN_ENDPOINT)  # the one detector on the barge-in stream
                while not done.is_set():
                    for event in endpointer.feed(microphone.read_chunk()):
                        if isinstance(event, Utterance) and not done.is_set() and spot_stop(event.audio):
                            _log.info("heard 'stop' while speaking")
                            self.interrupt()
                            return
        except AudioDeviceError as err:
            _log.info("barge-in is off for this reply: %s", err)

    @staticmethod
    def _notify(callback: Callable[..., None], *args: object) -> None:
        try:
            callback(*args)
        except Exception:  # a broken caption or page must not end the voice
            _log.exception("a voice callback failed")


def speak_text(
    text: str,
    speaker: Speaker,
    player: AudioPlayer,
    rate_wpm: int = DEFAULT_RATE_WPM,
    volume: float = 1.0,
) -> SpeechResult:
    """Speak one text at a fixed rate (words per minute) and volume (0.0 to 1.0); for `voice-assistant say`."""
    settings = SpeakingSettings(rate_wpm, volume)
    with SpeechOutput(speaker, player, lambda: settings) as output:
        return output.speak(text)


def check_speech_output(device: str | None) -> str | None:
    """One line saying why replies cannot be spoken (what is missing, how to install it), or None."""
    problem = find_synthesis_problem()
    if problem is not None:
        return problem
    try:
        find_device(device, DeviceKind.OUTPUT)
    except AudioDeviceError as err:
        return f"speech output unavailable: {err}"
    return None


def open_background_voice(voice: str | None, output_device: str | None) -> BackgroundVoice:
    """A BackgroundVoice on a started pyttsx3/espeak-ng speaker and the chosen speaker device, opened now.

    Raises AudioDeviceError or VoiceAssistantError with one line when the device or synthesis is unusable.
    """
    opened = [SoundDevicePlayer(output_device)]
    speaker = Pyttsx3Speaker(voice=voice)
    speaker.start()

    def open_player() -> AudioPlayer:
        return opened.pop() if opened else SoundDevicePlayer(output_device)

    return BackgroundVoice(speaker, open_player)
