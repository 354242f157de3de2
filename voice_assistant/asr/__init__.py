"""Speech in: the Recogniser protocol, its results, and make_recogniser() that picks an engine."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Protocol

from voice_assistant.audio import PcmAudio
from voice_assistant.errors import ModelNotFoundError
from voice_assistant.models import (
    SPHINX_ENGINE,
    VOSK_ENGINE,
    WHISPER_ENGINE,
    find_installed_model,
    model_engine,
)

__all__ = [
    "Transcript",
    "Partial",
    "RecognitionStream",
    "Recogniser",
    "ENGINES",
    "MODEL_ENV_VAR",
    "UNSURE_BELOW",
    "is_too_unsure",
    "model_dir_from_env",
    "make_recogniser",
    "to_vocabulary_words",
]

_log = logging.getLogger(__name__)

ENGINES: Final = ("auto", VOSK_ENGINE, WHISPER_ENGINE, SPHINX_ENGINE)
"""Engine names make_recogniser() accepts ("sphinx" is also accepted for pocketsphinx)."""

MODEL_ENV_VAR: Final = "VOICE_ASSISTANT_MODEL"
"""Environment variable naming a model directory (read only through model_dir_from_env)."""

UNSURE_BELOW: Final = 0.55
"""A transcript whose confidence is below this is too unsure to answer: ask the person to repeat.

Measured on the espeak-ng dev set: correct transcripts from every engine score above 0.6, while speech
forced onto the restricted vocabulary (unknown words, noise) usually scores below 0.5."""


@dataclass(frozen=True)
class Transcript:
    """What a recogniser heard in one utterance."""

    text: str
    """Best hypothesis, lower case words separated by single spaces; "" when nothing was recognised."""
    confidence: float
    """How sure the engine is of `text`, 0.0 (guess) to 1.0 (certain); 0.0 when text is empty."""
    alternatives: tuple[str, ...] = ()
    """Other hypotheses (N-best), best first, not repeating `text`; may be empty."""
    engine: str = ""
    """Engine that produced it: "vosk", "whisper" or "pocketsphinx"."""
    model: str = ""
    """Model name, e.g. "vosk-model-small-en-us-0.15" or "faster-whisper-tiny.en"."""


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

    def transcribe(self, audio: PcmAudio) -> Transcript:
        """Recognise one whole utterance (audio at 16 kHz mono)."""
        ...

    def stream(self) -> RecognitionStream:
        """Start recognising one utterance fed in chunks."""
        ...


def is_too_unsure(transcript: Transcript, threshold: float = UNSURE_BELOW) -> bool:
    """True when the transcript is empty or its confidence is below threshold (answer "unclear")."""
    return not transcript.text.strip() or transcript.confidence < threshold


def model_dir_from_env(environ: Mapping[str, str]) -> Path | None:
    """The model directory named by VOICE_ASSISTANT_MODEL, or None when it is unset or empty."""
    value = environ.get(MODEL_ENV_VAR, "").strip()
    return Path(value).expanduser() if value else None


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


def make_recogniser(
    engine: str = "auto",
    model_dir: Path | None = None,
    models_dir: Path = Path("models"),
    vocabulary: list[str] | None = None,
    open_vocabulary: bool = False,
    whisper_model: str | Path | None = None,
    *,
    cache_dir: Path | None = None,
    prompt: str | None = None,
) -> Recogniser:
    """Build the recogniser for `engine` ("auto", "vosk", "whisper", "pocketsphinx").

    model_dir: a model directory to use (from --model or model_dir_from_env); its layout picks the engine
    under "auto". models_dir: where `voice-assistant models` installs models. vocabulary: the assistant's
    phrases (commands, topic phrasings, symptom words); Vosk and PocketSphinx restrict recognition to them
    unless open_vocabulary. whisper_model: a Whisper model name in models_dir or a path. cache_dir: where
    PocketSphinx keeps its built language model (default models_dir/.cache). prompt: a short vocabulary
    hint for Whisper's initial_prompt.
    Auto picks an installed Vosk model, else an installed Whisper model, else PocketSphinx.
    """
    wanted = "pocketsphinx" if engine == "sphinx" else engine
    if wanted not in ENGINES:
        raise ModelNotFoundError(
            f"unknown speech engine '{engine}' (use one of: {', '.join(ENGINES)})"
        )
    if wanted == "auto" and model_dir is None and whisper_model is not None:
        wanted = WHISPER_ENGINE  # a Whisper model was asked for by name or path
    phrases = to_phrases(vocabulary or [])
    cache = cache_dir if cache_dir is not None else models_dir / ".cache"

    if model_dir is not None:
        if not model_dir.is_dir():
            raise ModelNotFoundError(
                f"speech model folder '{model_dir}' does not exist "
                "(install one with `voice-assistant models download NAME`)"
            )
        found = model_engine(model_dir)
        if found is None:
            raise ModelNotFoundError(
                f"'{model_dir}' is not a speech model (a Vosk model has am/final.mdl or conf/ and graph/; "
                "a Whisper model has model.bin and config.json)"
            )
        if wanted not in ("auto", found):
            raise ModelNotFoundError(
                f"'{model_dir}' is a {found} model, not a {wanted} model (drop --engine or pick another model)"
            )
        wanted = found

    if wanted in ("auto", VOSK_ENGINE):
        path = model_dir if model_dir is not None else find_installed_model(models_dir, VOSK_ENGINE)
        if path is not None:
            from voice_assistant.asr.vosk_engine import VoskRecogniser

            return VoskRecogniser(path, vocabulary=phrases, open_vocabulary=open_vocabulary)
        if wanted == VOSK_ENGINE:
            raise ModelNotFoundError(
                f"no Vosk model in '{models_dir}' "
                "(run `voice-assistant models download vosk-model-small-en-us-0.15`, or pass --model DIR)"
            )

    if wanted in ("auto", WHISPER_ENGINE):
        path = model_dir if model_dir is not None else _whisper_path(whisper_model, models_dir)
        if path is not None:
            from voice_assistant.asr.whisper_engine import WhisperRecogniser

            return WhisperRecogniser(path, initial_prompt=prompt)
        if wanted == WHISPER_ENGINE:
            asked = f"'{whisper_model}' " if whisper_model is not None else ""
            raise ModelNotFoundError(
                f"no Whisper model {asked}in '{models_dir}' "
                "(run `voice-assistant models download faster-whisper-tiny.en`, or pass a model folder)"
            )

    from voice_assistant.asr.sphinx_engine import SphinxRecogniser

    if wanted == "auto":
        _log.info("no Vosk or Whisper model in '%s'; falling back to PocketSphinx", models_dir)
    return SphinxRecogniser(vocabulary=phrases, cache_dir=cache, open_vocabulary=open_vocabulary)


def _whisper_path(whisper_model: str | Path | None, models_dir: Path) -> Path | None:
    if whisper_model is None:
        return find_installed_model(models_dir, WHISPER_ENGINE)
    candidates = [Path(whisper_model)]
    if isinstance(whisper_model, str) and "/" not in whisper_model:
        name = whisper_model
        candidates += [models_dir / name, models_dir / f"faster-whisper-{name.removeprefix('whisper-')}"]
    for candidate in candidates:
        if candidate.is_dir() and model_engine(candidate) == WHISPER_ENGINE:
            return candidate
    if isinstance(whisper_model, Path) or "/" in str(whisper_model):
        raise ModelNotFoundError(
            f"'{whisper_model}' is not a Whisper model folder (it needs model.bin and config.json)"
        )
    return None
