"""Speaking one text aloud: sentence by sentence, the next synthesised while the current one plays."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from types import TracebackType

from voice_assistant.audio.devices import AudioPlayer
from voice_assistant.audio.pcm import PcmAudio
from voice_assistant.core.dialogue import SpeakingSettings
from voice_assistant.tts.synthesis import Speaker, split_sentences

__all__ = ["SpeechResult", "SpeechOutput"]


@dataclass(frozen=True)
class SpeechResult:
    """What happened when a text was spoken."""

    completed: bool
    """True when every sentence played to the end; False when stop() cut it short."""
    sentences_played: int
    """Sentences that started playing (the last one may have been cut short)."""
    sentences_total: int
    """Sentences in the text."""
    first_sample_ms: float | None
    """Milliseconds from the call to the first sample handed to the device; None if nothing played."""
    synthesis_ms: float | None = None
    """Milliseconds the call waited for the first sentence's synthesis (0 when prepare() had it ready)."""


class SpeechOutput:
    """Speaks texts through a Speaker and an AudioPlayer; stop() from any thread ends the speech at once.

    Settings are read from the provider before each sentence, so a change (slower, louder) is heard
    from the next sentence on.
    """

    def __init__(
        self,
        speaker: Speaker,
        player: AudioPlayer,
        settings: Callable[[], SpeakingSettings] = SpeakingSettings,
    ) -> None:
        """Speak with these adapters; settings is called before every sentence."""
        self._speaker = speaker
        self._player = player
        self._settings = settings
        self._lock = threading.Lock()
        self._cancel: threading.Event | None = None
        self._synthesis = ThreadPoolExecutor(max_workers=1, thread_name_prefix="speech-synthesis")
        self._prepared: tuple[str, SpeakingSettings, Future[tuple[SpeakingSettings, PcmAudio]]] | None = None

    def __enter__(self) -> SpeechOutput:
        """Use as a context manager that closes the synthesis thread."""
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        """Close the synthesis thread."""
        self.close()

    def close(self) -> None:
        """Stop speaking and end the synthesis thread."""
        self.stop()
        self._synthesis.shutdown(wait=False, cancel_futures=True)

    def stop(self) -> None:
        """End the speech now, mid-sentence; the rest of the text is not spoken."""
        with self._lock:
            if self._cancel is not None:
                self._cancel.set()
        self._player.stop()

    def play(self, audio: PcmAudio) -> bool:
        """Play a clip (an earcon, say) that stop() can cut short; True if it played to the end."""
        cancel = self._begin()
        try:
            return self._player.play(audio, cancel=cancel)
        finally:
            self._end(cancel)

    def prepare(self, text: str, settings: SpeakingSettings) -> None:
        """Synthesise the first sentence of text now, in the background, for a speak(text) that may follow.

        A reply worked out during the listener's pause is ready to play once the pause ends; only the last
        prepared text is kept, and speaking another text (or at other settings) ignores it.
        """
        sentences = split_sentences(text)
        if not sentences:
            return
        with self._lock:
            if self._prepared is not None and self._prepared[:2] == (sentences[0], settings):
                return
            self._prepared = (sentences[0], settings, self._synthesis.submit(self._synthesise, sentences[0], settings))

    def _first(self, sentence: str) -> Future[tuple[SpeakingSettings, PcmAudio]]:
        """The first sentence's synthesis: the prepared one when it matches, else started now."""
        settings = self._settings()
        with self._lock:
            prepared, self._prepared = self._prepared, None
        if prepared is not None and prepared[:2] == (sentence, settings) and not prepared[2].cancelled():
            return prepared[2]
        return self._synthesis.submit(self._synthesise, sentence, settings)

    def speak(self, text: str) -> SpeechResult:
        """Speak the text sentence by sentence; returns when done or stopped."""
        started_s = time.perf_counter()
        sentences = split_sentences(text)
        cancel = self._begin()
        first_sample_s: list[float] = []
        synthesis_ms: float | None = None

        def note_first_sample() -> None:
            if not first_sample_s:
                first_sample_s.append(time.perf_counter())

        played = 0
        try:
            pending: Future[tuple[SpeakingSettings, PcmAudio]] | None = None
            if sentences:
                pending = self._first(sentences[0])
            for index in range(len(sentences)):
                if pending is None or cancel.is_set():
                    break
                waited_s = time.perf_counter()
                used, audio = pending.result()
                if synthesis_ms is None:
                    synthesis_ms = (time.perf_counter() - waited_s) * 1000.0
                current = self._settings()
                if current != used:
                    used, audio = self._synthesise(sentences[index], current)
                pending = None
                if index + 1 < len(sentences):
                    pending = self._synthesis.submit(self._synthesise, sentences[index + 1], current)
                if cancel.is_set():
                    break
                played += 1
                if not self._player.play(audio, cancel=cancel, on_start=note_first_sample):
                    break
            if pending is not None:
                pending.cancel()
        finally:
            self._end(cancel)
        first_ms = (first_sample_s[0] - started_s) * 1000.0 if first_sample_s else None
        completed = played == len(sentences) and not cancel.is_set()
        return SpeechResult(completed, played, len(sentences), first_ms, synthesis_ms)

    def _synthesise(self, sentence: str, settings: SpeakingSettings) -> tuple[SpeakingSettings, PcmAudio]:
        return settings, self._speaker.synthesise(sentence, settings.rate_wpm, settings.volume)

    def _begin(self) -> threading.Event:
        cancel = threading.Event()
        with self._lock:
            self._cancel = cancel
        return cancel

    def _end(self, cancel: threading.Event) -> None:
        with self._lock:
            if self._cancel is cancel:
                self._cancel = None
