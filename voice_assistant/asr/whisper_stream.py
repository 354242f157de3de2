"""Decode Whisper while the person is still speaking, so that after the end of speech only the tail is left.

The LocalAgreement policy (Macháček et al., "Turning Whisper into a real-time transcription system", 2023):
every `step_s` of new audio the buffer is decoded again (with word times); the words on which two decodes in a
row agree, from the start, are committed, and at a pause between committed words the buffer is cut: the words
before the cut are final and never decoded again. On finish() only the audio after the last cut is decoded,
with the final words as Whisper's prompt. Not wired into the voice loop: it did not make answers faster. On the 12
dev-set questions of benchmarks/loop.py (1-4 s, 2 cores) few words became final before the end (the tail was the
whole utterance in 9 of 12), so finish() still encodes a full window and decodes everything: median 746 ms against
362 ms for one whole decode (20 s window, with the beam's N-best, which finish() lacks), after 2-8 decodes while
speaking. The encoder is most of each decode whatever the audio's length. asr/listener.py instead decodes the
whole utterance as soon as a pause begins.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Final

import numpy as np

from voice_assistant.asr.recogniser import Partial, Transcript
from voice_assistant.asr.whisper_engine import WhisperRecogniser
from voice_assistant.audio.pcm import RECOGNISER_RATE_HZ

__all__ = ["LocalAgreementStream", "StreamFigures"]

_log = logging.getLogger(__name__)

_PAUSE_S: Final = 0.2
"""The buffer is cut only in a pause at least this long between two committed words (mid-word cuts made
Whisper hear nonsense), at its middle."""
_SAME_TIME_S: Final = 0.4
"""Two decodes agree on a word only when its end times differ by less than this."""
_HOLD_BACK_S: Final = 0.3
"""Words ending this close to the end of the buffer are not committed yet (they may still be growing)."""


@dataclass(frozen=True)
class StreamFigures:
    """What one streamed utterance cost."""

    updates: int
    """Decodes while the person spoke."""
    committed_words: int
    """Words made final (cut off at a pause) before finish()."""
    tail_s: float
    """Seconds of audio decoded at finish() (the rest was committed while speaking)."""
    finish_ms: float
    """Time finish() took, in ms: end of speech → final transcript."""


def agreed_prefix(previous: list[tuple[str, float, float]], current: list[tuple[str, float, float]]) -> int:
    """How many words, from the start, two hypotheses share (LocalAgreement-2): the same word at about the same
    time (a decode that skipped a sentence can agree on a later "is" by spelling alone)."""
    count = 0
    for (old, _s1, old_end), (new, _s2, new_end) in zip(previous, current):
        if old != new or abs(old_end - new_end) > _SAME_TIME_S:
            break
        count += 1
    return count


class LocalAgreementStream:
    """One utterance decoded as it grows; a RecognitionStream (accept / finish)."""

    def __init__(self, recogniser: WhisperRecogniser, step_s: float = 1.0, beam_size: int = 5) -> None:
        """step_s: new audio between decodes while speaking (0.5-1 s); beam_size for those decodes (greedy
        decoding of a growing buffer with tiny.en wandered: "is octreotide" became "what's the pain in the pain")."""
        self._recogniser = recogniser
        self._step_samples = int(step_s * RECOGNISER_RATE_HZ)
        self._beam_size = beam_size
        self._samples = np.zeros(0, dtype=np.float32)
        self._offset_s = 0.0
        """Where the buffer still to be decoded starts, in seconds from the start of the utterance."""
        self._done: list[str] = []
        """Words before the buffer: committed, and cut off at a pause."""
        self._committed = 0
        """How many words at the start of the buffer's hypothesis are committed."""
        self._previous: list[tuple[str, float, float]] = []
        self._since_update = 0
        self._updates = 0
        self.figures: StreamFigures | None = None
        """Set by finish()."""

    def accept(self, chunk: bytes) -> Partial | None:
        """Buffer audio; every step_s decode again and return the words so far when they changed."""
        if not chunk:
            return None
        new = np.frombuffer(chunk, dtype="<i2").astype(np.float32) / 32768.0
        self._samples = np.concatenate([self._samples, new])
        self._since_update += len(new)
        if self._since_update < self._step_samples:
            return None
        self._since_update = 0
        return self._update()

    def _buffer(self) -> np.ndarray:
        return self._samples[int(round(self._offset_s * RECOGNISER_RATE_HZ)) :]

    def _update(self) -> Partial | None:
        self._updates += 1
        buffer = self._buffer()
        words, _confidence = self._recogniser.transcribe_words(buffer, " ".join(self._done) or None, self._beam_size)
        buffer_s = len(buffer) / RECOGNISER_RATE_HZ
        agreed = agreed_prefix(self._previous, words)
        stable = sum(1 for word in words[:agreed] if word[2] < buffer_s - _HOLD_BACK_S)
        self._committed = max(self._committed, min(stable, len(words)))
        # Cut the buffer at the last pause between committed words, so it stops growing: the words before the
        # cut are final and are never decoded again.
        for index in range(min(self._committed, len(words) - 1) - 1, -1, -1):
            gap_start, gap_end = words[index][2], words[index + 1][1]
            if gap_end - gap_start >= _PAUSE_S:
                cut = (gap_start + gap_end) / 2
                self._done.extend(word for word, _start, _end in words[: index + 1])
                self._offset_s += cut
                words = [(word, start - cut, end - cut) for word, start, end in words[index + 1 :]]
                self._committed -= index + 1
                break
        self._previous = words
        return Partial(" ".join(self._done + [word for word, _s, _e in words]))

    def finish(self) -> Transcript:
        """Decode only the audio after the last cut and return the whole transcript."""
        started = time.perf_counter()
        tail = self._buffer()
        words, confidence = self._recogniser.transcribe_words(
            tail, " ".join(self._done) or None, self._recogniser.beam_size, with_times=False
        )
        text = " ".join(self._done + [word for word, _s, _e in words])
        if not words and self._done:
            confidence = 0.5  # all was final before the end; no fresh score for an empty tail
        self.figures = StreamFigures(
            self._updates, len(self._done), len(tail) / RECOGNISER_RATE_HZ, (time.perf_counter() - started) * 1000
        )
        transcript = Transcript(text, confidence if text else 0.0, (), self._recogniser.name, self._recogniser.model_name)
        return self._recogniser.distrust_echo(transcript)
