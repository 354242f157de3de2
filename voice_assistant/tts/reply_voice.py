"""The voice loop's speaking side: replies and earcons, interruptible or not, surviving speaker faults.

A red-flag reply is spoken in full: interrupt() and barge-in are ignored while it plays, and it is tried
once more on a freshly opened device if the speaker fails during it. After a speaker fault, replies are
printed only (by the loop's captions) until the device opens again, tried with back-off. With barge-in,
a watcher thread listens for "stop" while an interruptible reply plays.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from voice_assistant.errors import AudioDeviceError
from voice_assistant.audio.devices import AudioPlayer, Microphone
from voice_assistant.audio.earcons import Earcon, make_earcon
from voice_assistant.audio.pcm import PcmAudio
from voice_assistant.audio.vad import EndpointSettings, Endpointer, Utterance
from voice_assistant.tts.output import SpeechOutput, SpeechResult, SpeechSettings
from voice_assistant.tts.synthesis import Speaker


__all__ = ["ReplyVoice"]

_log = logging.getLogger(__name__)
_MAX_BACKOFF_S: Final = 15.0
"""Longest wait in seconds between attempts to reopen a failed speaker."""


class ReplyVoice:
    """Speaks for the voice loop; interrupt() may be called from any thread."""

    def __init__(
        self,
        speaker: Speaker | None,
        open_player: Callable[[], AudioPlayer] | None,
        notice: Callable[[str], None],
        *,
        earcons: bool = True,
        rescan: Callable[[], None] | None = None,
        open_microphone: Callable[[], Microphone] | None = None,
        spot_stop: Callable[[PcmAudio], bool] | None = None,
    ) -> None:
        """Speak with speaker on open_player()'s device (None: speak nothing); notice(text) reports faults.

        With open_microphone and spot_stop, saying "stop" interrupts an interruptible reply (barge-in).
        """

        self._speaker = speaker
        self._open_player = open_player
        self._notice = notice
        self._earcons = earcons
        self._rescan = rescan
        self._open_microphone = open_microphone
        self._spot_stop = spot_stop
        self._lock = threading.Lock()
        self._interruptible = False
        self._output: SpeechOutput | None = None
        self._retry_at = 0.0
        self._backoff_s = 1.0
        self._speaking: SpeechSettings = SpeechSettings()

    def set_speaking(self, rate_wpm: int, volume: float) -> None:
        """Speak from now on at rate_wpm words per minute and volume 0.2..1.0."""

        self._speaking = SpeechSettings(rate_wpm, volume)

    def interrupt(self) -> None:
        """Stop what is being spoken now, unless it must be spoken in full."""
        with self._lock:
            output = self._output if self._interruptible else None
        if output is not None:
            output.stop()

    def speak(self, text: str, interruptible: bool = True) -> SpeechResult | None:
        """Speak text; None when there is no working speaker (the caller's caption is all there is)."""
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

    def play_earcon(self, name: str, interruptible: bool = True) -> None:
        """Play an earcon ('listening', 'heard', 'emergency') unless earcons are off or there is no speaker."""
        if not self._earcons:
            return
        output = self._ensure_output()
        if output is None:
            return

        with self._lock:
            self._interruptible = interruptible
        try:
            output.play(make_earcon(Earcon(name)))
        except AudioDeviceError as err:
            self._failed(err)
        finally:
            with self._lock:
                self._interruptible = False

    def close(self) -> None:
        """Stop speaking and release the speech output."""
        with self._lock:
            output, self._output = self._output, None
        if output is not None:
            output.close()

    def _ensure_output(self) -> SpeechOutput | None:
        """The speech output, reopened after a fault once its back-off has passed; None: print only."""
        if self._output is not None or self._speaker is None or self._open_player is None:
            return self._output
        if time.monotonic() < self._retry_at:
            return None

        try:
            player = self._open_player()
        except AudioDeviceError as err:
            self._retry_at = time.monotonic() + self._backoff_s
            self._backoff_s = min(_MAX_BACKOFF_S, self._backoff_s * 2)
            _log.info("speaker still unavailable: %s", err)
            return None
        if self._retry_at:
            self._notice("speech output works again")
        self._retry_at, self._backoff_s = 0.0, 1.0
        output = SpeechOutput(self._speaker, player, lambda: self._speaking)
        with self._lock:
            self._output = output
        return output

    def _failed(self, err: AudioDeviceError) -> None:
        self._notice(f"speech output failed ({err}); replies are printed until it works again")
        self.close()
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
        short = EndpointSettings(trailing_silence_ms=300, min_speech_ms=120, max_utterance_s=2.5, pre_speech_ms=150)
        try:
            with open_microphone() as microphone:
                endpointer = Endpointer(short)
                while not done.is_set():
                    for event in endpointer.feed(microphone.read_chunk()):
                        if isinstance(event, Utterance) and not done.is_set() and spot_stop(event.audio):
                            _log.info("heard 'stop' while speaking")
                            self.interrupt()
                            return
        except AudioDeviceError as err:
            _log.info("barge-in is off for this reply: %s", err)
