"""The Recogniser protocol and its results: what every speech engine gives the rest of the assistant."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, Protocol

from voice_assistant.audio.pcm import PcmAudio

__all__ = ["Hypothesis", "Transcript", "Partial", "RecognitionStream", "Recogniser", "UNSURE_BELOW", "is_too_unsure", "to_vocabulary_words", "to_phrases"]

_log = logging.getLogger(__name__)

UNSURE_BELOW: Final = 0.55
"""A transcript whose confidence is below this is too unsure to answer: ask the person to repeat.

Measured on the espeak-ng dev set: correct transcripts from every engine score above 0.6, while speech
forced onto the restricted vocabulary (unknown words, noise) usually scores below 0.5."""


@dataclass(frozen=True)
class Hypothesis:
    """One of a recogniser's other readings of an utterance (its N-best), with the engine's score."""

    text: str
    """Lower case words separated by single spaces."""
    score: float
    """How likely the engine rates this reading, 0.0 to 1.0, on the scale of Transcript.confidence."""


@dataclass(frozen=True)
class Transcript:
    """What a recogniser heard in one utterance."""

    text: str
    """Best hypothesis, lower case words separated by single spaces; "" when nothing was recognised."""
    confidence: float
    """How sure the engine is of `text`, 0.0 (guess) to 1.0 (certain); 0.0 when text is empty."""
    alternatives: tuple[Hypothesis, ...] = ()
    """Other hypotheses (N-best) with their scores, best first, not repeating `text`; may be empty."""
    engine: str = ""
    """Engine that produced it: "vosk", "whisper" or "pocketsphinx"."""
    model: str = ""
    """Model name, e.g. "vosk-model-small-en-us-0.15" or "faster-whisper-tiny.en"."""

    @property
    def alternative_texts(self) -> tuple[str, ...]:
        """The texts of the alternatives, best first."""
        return tuple(hypothesis.text for hypothesis in self.alternatives)


@dataclass(frozen=True)
class Partial:
    """An interim hypothesis while the person is still speaking (for display or barge-in only)."""

    text: str
    """Words heard so far in the current utterance; may change before the final transcript."""


class RecognitionStream(Protocol):
    """One utterance being recognised chunk by chunk (16 kHz mono 16-bit PCM)."""

    def accept(self, chunk: bytes) -> Partial | None:
        """Feed audio; returns a new partial hypothesis when the words heard so far changed."""
        ...

    def finish(self) -> Transcript:
        """End the utterance and return the final transcript."""
        ...


class Recogniser(Protocol):
    """A speech recogniser for whole utterances or streams of 16 kHz mono 16-bit PCM."""

    name: str
    """Engine name: "vosk", "whisper" or "pocketsphinx"."""
    model_name: str
    """Name of the loaded model."""
    has_partials: bool
    """True when stream() gives partial transcripts while the person speaks (Vosk, PocketSphinx); False when
    only the finished utterance is recognised (Whisper), so the listener transcribes the audio so far at a
    short pause."""

    def transcribe(self, audio: PcmAudio) -> Transcript:
        """Recognise one whole utterance (audio at 16 kHz mono)."""
        ...

    def stream(self) -> RecognitionStream:
        """Start recognising one utterance fed in chunks."""
        ...


def is_too_unsure(transcript: Transcript, threshold: float = UNSURE_BELOW) -> bool:
    """True when the transcript is empty or its confidence is below threshold (answer "unclear")."""
    return not transcript.text.strip() or transcript.confidence < threshold


_WORD: Final = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def to_vocabulary_words(text: str) -> list[str]:
    """Split a phrase into lower-case words as recognisers spell them (keeps inner apostrophes)."""
    return _WORD.findall(text.casefold().replace("\u2019", "'"))


def to_phrases(vocabulary: Iterable[str]) -> list[str]:
    """Distinct non-empty phrases, each normalised to lower-case words separated by spaces."""
    seen: dict[str, None] = {}
    for phrase in vocabulary:
        words = to_vocabulary_words(phrase)
        if words:
            seen.setdefault(" ".join(words), None)
    return list(seen)
