"""Voice activity and end-of-utterance detection for every engine: 16 kHz chunks in, utterances out.

Frames are classified by PocketSphinx 5's `Vad`, a port of the WebRTC voice activity detector (a small
Gaussian mixture over sub-band energies). It was chosen over a plain energy threshold because it adapts to
steady background noise (fans, the dev set's pink noise) within about 100 ms without calibration, and over
PocketSphinx's own `Endpointer` because that one decides on a fixed speech ratio within one window, so the
trailing silence, minimum speech length and utterance cap cannot be set separately. PocketSphinx is in the
`speech` extra, so it is installed whichever recogniser runs. In a noisy, echoing room it often hears the
echo as speech and misses the end of an utterance (65 of 100 kokoro room clips, benchmarks/vad.py), so the
listener uses Silero VAD (audio/silero_vad.py) when it loads, and this one otherwise.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Protocol

from voice_assistant.audio.pcm import RECOGNISER_RATE_HZ, PcmAudio
from voice_assistant.audio.silero_vad import SileroVad
from voice_assistant.errors import VoiceAssistantError

if TYPE_CHECKING:
    from pocketsphinx import Vad

__all__ = ["DETECTORS", "EndpointSettings", "BARGE_IN_ENDPOINT", "SpeechStarted", "Utterance", "Endpointer", "find_utterances"]

_log = logging.getLogger(__name__)
_FRAME_S: Final = 0.03
_START_GAP_MS: Final = 150
"""Non-speech frames shorter than this do not break the run of speech that starts an utterance."""
_KEPT_TAIL_MS: Final = 200
"""Silence kept after the last speech frame, so recognisers see the word's release."""


@dataclass(frozen=True)
class EndpointSettings:
    """When speech starts and an utterance ends."""

    trailing_silence_ms: int = 900
    """Silence after speech that ends the utterance, in ms (pauses shorter than this stay inside it)."""
    min_speech_ms: int = 200
    """Speech needed before an utterance starts, in ms (shorter clicks and coughs are ignored)."""
    max_utterance_s: float = 15.0
    """Longest utterance in seconds; longer speech is cut here and the rest starts a new utterance."""
    pre_speech_ms: int = 300
    """Audio kept from before the detected start, in ms, so the first sound is not clipped."""
    vad_mode: int = 0
    """WebRTC VAD aggressiveness 0 (loose, keeps quiet speech) to 3 (strict, drops more noise)."""
    detector: str = "webrtc"
    """Which detector tells speech from silence: "webrtc" (PocketSphinx's, sub-band energies) or "silero" (a
    small neural network from the faster-whisper wheel; far fewer missed ends in a noisy, echoing room)."""


BARGE_IN_ENDPOINT: Final = EndpointSettings(trailing_silence_ms=300, min_speech_ms=120, max_utterance_s=2.5, pre_speech_ms=150)
"""Short utterances for barge-in: a "stop" said over a reply ends after 300 ms of silence."""


@dataclass(frozen=True)
class SpeechStarted:
    """Speech began (enough speech frames were heard)."""

    start_s: float
    """Time of the first speech frame, in seconds since the endpointer started."""


@dataclass(frozen=True)
class Utterance:
    """One utterance, from just before speech started to just after it ended."""

    audio: PcmAudio
    """The utterance at 16 kHz mono, including pre_speech_ms before it and up to 200 ms after it."""
    start_s: float
    """Time of the first speech frame, in seconds since the endpointer started."""
    end_s: float
    """Time just after the last speech frame, in seconds since the endpointer started."""
    capped: bool
    """True when max_utterance_s cut it off rather than trailing silence."""


def _make_vad(mode: int) -> Vad:
    try:
        from pocketsphinx import Vad
    except ImportError as err:
        raise VoiceAssistantError(
            "voice activity detection needs pocketsphinx (run `pip install 'pocketsphinx>=5'`)"
        ) from err
    if mode not in (0, 1, 2, 3):
        raise VoiceAssistantError(f"VAD mode {mode!r} is not usable (use 0, 1, 2 or 3)")
    return Vad(mode, RECOGNISER_RATE_HZ, _FRAME_S)


DETECTORS: Final = ("silero", "webrtc")
"""The voice activity detectors an Endpointer can use."""


class _Detector(Protocol):
    frame_bytes: int
    frame_length: float

    def is_speech(self, frame: bytes) -> bool: ...


def _make_detector(settings: EndpointSettings) -> _Detector:
    """The detector the settings name; Silero falls back to WebRTC (with one warning) when it cannot load."""
    if settings.detector not in DETECTORS:
        raise VoiceAssistantError(f"voice detector {settings.detector!r} is unknown (use {' or '.join(DETECTORS)})")
    if settings.detector == "silero":
        try:
            return SileroVad()
        except VoiceAssistantError as err:
            global _warned_silero
            if not _warned_silero:
                _warned_silero = True
                _log.warning("Silero voice detector unavailable, using WebRTC's: %s", err)
    vad: _Detector = _make_vad(settings.vad_mode)
    return vad


_warned_silero = False


class Endpointer:
    """Feed 16 kHz mono 16-bit chunks of any size; it reports speech starts and finished utterances."""

    def __init__(self, settings: EndpointSettings = EndpointSettings()) -> None:
        """Start in silence."""
        self.settings = settings
        self._vad = _make_detector(settings)
        self._frame_bytes: int = self._vad.frame_bytes
        self._frame_s: float = self._vad.frame_length
        frame_ms = self._frame_s * 1000
        self._pre_frames = int(round(settings.pre_speech_ms / frame_ms))
        self._min_speech_frames = max(1, int(round(settings.min_speech_ms / frame_ms)))
        self._gap_frames = int(round(_START_GAP_MS / frame_ms))
        self._trailing_frames = max(1, int(round(settings.trailing_silence_ms / frame_ms)))
        self._tail_frames = min(self._trailing_frames, int(round(_KEPT_TAIL_MS / frame_ms)))
        self._max_frames = max(1, int(settings.max_utterance_s / self._frame_s))
        history = self._pre_frames + (self._min_speech_frames + 1) * (self._gap_frames + 1)
        self._history: deque[bytes] = deque(maxlen=history)
        self._pending = b""
        self._index = 0
        self._silent_frames = 0
        self._reset()

    def _reset(self) -> None:
        self._in_speech = False
        self._frames: list[bytes] = []
        self._candidate_start = -1
        self._candidate_speech = 0
        self._gap = 0
        self._start_index = 0
        self._first_index = 0
        self._last_speech = 0

    @property
    def in_speech(self) -> bool:
        """True between SpeechStarted and the end of that utterance."""
        return self._in_speech

    @property
    def silence_ms(self) -> float:
        """Milliseconds of non-speech since the last speech frame (0 right after one), in or out of an utterance."""
        return self._silent_frames * self._frame_s * 1000

    def feed(self, chunk: bytes) -> list[SpeechStarted | Utterance]:
        """Process a chunk; returns what happened in it, in order."""
        data = self._pending + chunk
        usable = len(data) - len(data) % self._frame_bytes
        self._pending = data[usable:]
        events: list[SpeechStarted | Utterance] = []
        for offset in range(0, usable, self._frame_bytes):
            event = self._frame(data[offset : offset + self._frame_bytes])
            if event is not None:
                events.append(event)
        return events

    def finish(self) -> Utterance | None:
        """End of input: the utterance in progress (if speech had started), else None."""
        if self._pending and self._in_speech:
            self._frames.append(self._pending.ljust(self._frame_bytes, b"\x00"))
        self._pending = b""
        utterance = self._end(capped=False) if self._in_speech else None
        self._reset()
        self._history.clear()
        return utterance

    def _frame(self, frame: bytes) -> SpeechStarted | Utterance | None:
        is_speech = bool(self._vad.is_speech(frame))
        self._silent_frames = 0 if is_speech else self._silent_frames + 1
        index = self._index
        self._index += 1
        if self._in_speech:
            self._frames.append(frame)
            if is_speech:
                self._last_speech = index
            if len(self._frames) >= self._max_frames:
                return self._end(capped=True)
            if index - self._last_speech >= self._trailing_frames:
                return self._end(capped=False)
            return None

        self._history.append(frame)
        if is_speech:
            if self._candidate_start < 0:
                self._candidate_start = index
            self._candidate_speech += 1
            self._gap = 0
        elif self._candidate_start >= 0:
            self._gap += 1
            if self._gap > self._gap_frames:
                self._candidate_start, self._candidate_speech, self._gap = -1, 0, 0
        if self._candidate_speech < self._min_speech_frames:
            return None
        first = max(self._candidate_start - self._pre_frames, index + 1 - len(self._history))
        self._frames = list(self._history)[first - (index + 1 - len(self._history)) :]
        self._history.clear()
        self._in_speech = True
        self._start_index = self._candidate_start
        self._first_index = first
        self._last_speech = index
        return SpeechStarted(start_s=self._candidate_start * self._frame_s)

    def _end(self, capped: bool) -> Utterance:
        keep = len(self._frames) if capped else self._last_speech + 1 + self._tail_frames - self._first_index
        audio = PcmAudio(b"".join(self._frames[: max(0, keep)]), RECOGNISER_RATE_HZ)
        utterance = Utterance(
            audio=audio,
            start_s=self._start_index * self._frame_s,
            end_s=(self._last_speech + 1) * self._frame_s,
            capped=capped,
        )
        self._reset()
        return utterance


def find_utterances(audio: PcmAudio, settings: EndpointSettings = EndpointSettings()) -> list[Utterance]:
    """All utterances in a 16 kHz mono clip, in order (the clip's end ends the last one)."""
    endpointer = Endpointer(settings)
    found = [event for event in endpointer.feed(audio.samples) if isinstance(event, Utterance)]
    last = endpointer.finish()
    if last is not None:
        found.append(last)
    return found
