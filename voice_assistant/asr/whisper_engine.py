"""Whisper recogniser (faster-whisper, CTranslate2, CPU int8): transcribes each utterance after it ends."""

from __future__ import annotations

import logging
import math
import os
from pathlib import Path
from typing import Any, Final

import numpy as np

from voice_assistant.asr.recogniser import Partial, Transcript, to_vocabulary_words
from voice_assistant.audio.pcm import RECOGNISER_RATE_HZ, PcmAudio, to_recogniser_format
from voice_assistant.errors import ModelNotFoundError
from voice_assistant.asr.model_catalogue import WHISPER_ENGINE, model_display_name, model_engine

__all__ = ["WhisperRecogniser", "WhisperStream"]

_log = logging.getLogger(__name__)

_MAX_PROMPT_WORDS: Final = 60
"""Whisper's prompt takes at most 224 tokens; a short hint biases spelling without steering content."""
_NO_SPEECH_ABOVE: Final = 0.6
"""Segments Whisper itself rates as probably not speech are dropped (hallucinations on noise)."""


class WhisperRecogniser:
    """Recognises English speech with a CTranslate2 Whisper model folder, fully offline."""

    name = WHISPER_ENGINE
    has_partials = False
    """No partial transcripts: the listener transcribes the audio so far at a short pause."""

    def __init__(
        self,
        model_dir: Path,
        initial_prompt: str | None = None,
        language: str = "en",
        beam_size: int = 5,
        cpu_threads: int = 0,
    ) -> None:
        """Load model_dir (model.bin, config.json, tokenizer.json, vocabulary.txt) for the CPU.

        initial_prompt: a short vocabulary hint ("octreotide, acupuncture, ..."), cut to 60 words.
        beam_size: 5 heard more red flags on the dev-set audio than greedy decoding (emergency recall 0.92
        against 0.88 with tiny.en), at some cost in speed; 1 is faster.
        cpu_threads: 0 uses every core.
        """
        if model_engine(model_dir) != WHISPER_ENGINE:
            raise ModelNotFoundError(
                f"'{model_dir}' is not a Whisper model (it needs model.bin and config.json); "
                "run `voice-assistant models download faster-whisper-tiny.en`"
            )
        try:
            from faster_whisper import WhisperModel
        except ImportError as err:
            raise ModelNotFoundError(
                "the Whisper engine needs faster-whisper (run `pip install 'voice-assistant[whisper]'`)"
            ) from err
        self.model_name = model_display_name(model_dir)
        self.language = language
        self.beam_size = beam_size
        self.initial_prompt = _shorten(initial_prompt)
        """The prompt actually given to Whisper, or None."""
        threads = cpu_threads or os.cpu_count() or 1
        try:
            self._model: Any = WhisperModel(
                str(model_dir), device="cpu", compute_type="int8", cpu_threads=threads, local_files_only=True
            )
        except (RuntimeError, ValueError, OSError) as err:
            raise ModelNotFoundError(
                f"cannot load Whisper model '{model_dir}': {err} (reinstall it with `voice-assistant models`)"
            ) from err

    def stream(self) -> WhisperStream:
        """Start buffering one utterance (Whisper has no partial results)."""
        return WhisperStream(self)

    def transcribe(self, audio: PcmAudio) -> Transcript:
        """Recognise one whole utterance."""
        samples = to_recogniser_format(audio).to_array().astype(np.float32) / 32768.0
        if samples.size < RECOGNISER_RATE_HZ // 10:
            return Transcript("", 0.0, (), WHISPER_ENGINE, self.model_name)
        segments, _info = self._model.transcribe(
            samples,
            language=self.language,
            beam_size=self.beam_size,
            initial_prompt=self.initial_prompt,
            condition_on_previous_text=False,
            without_timestamps=True,
            vad_filter=False,
            no_speech_threshold=_NO_SPEECH_ABOVE,
            temperature=0.0,  # no fallback re-decoding at higher temperatures: it took up to 10 s on unclear speech
        )
        kept = [segment for segment in segments if segment.no_speech_prob < _NO_SPEECH_ABOVE]
        words = to_vocabulary_words(" ".join(segment.text for segment in kept))
        if not words:
            return Transcript("", 0.0, (), WHISPER_ENGINE, self.model_name)
        return Transcript(" ".join(words), _confidence(kept), (), WHISPER_ENGINE, self.model_name)


class WhisperStream:
    """Buffers one utterance and transcribes it on finish()."""

    def __init__(self, recogniser: WhisperRecogniser) -> None:
        """Buffer for recogniser."""
        self._recogniser = recogniser
        self._chunks: list[bytes] = []

    def accept(self, chunk: bytes) -> Partial | None:
        """Buffer audio; Whisper gives no partial results."""
        self._chunks.append(chunk)
        return None

    def finish(self) -> Transcript:
        """Transcribe everything buffered."""
        return self._recogniser.transcribe(PcmAudio(b"".join(self._chunks), RECOGNISER_RATE_HZ))


def _confidence(segments: list[Any]) -> float:
    """Token-weighted mean of exp(avg_logprob), scaled down by the chance that it was not speech."""
    weights = [max(1, len(segment.tokens)) for segment in segments]
    logprob = sum(w * segment.avg_logprob for w, segment in zip(weights, segments)) / sum(weights)
    speech = 1.0 - max(segment.no_speech_prob for segment in segments)
    return round(max(0.0, min(1.0, math.exp(float(logprob)) * float(speech))), 4)


def _shorten(prompt: str | None) -> str | None:
    if not prompt or not prompt.strip():
        return None
    words = prompt.split()
    return " ".join(words[:_MAX_PROMPT_WORDS])

