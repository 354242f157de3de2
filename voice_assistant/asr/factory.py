"""make_recogniser(): picks and builds a speech engine from settings and the installed models."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Final

from voice_assistant.asr.model_catalogue import SPHINX_ENGINE, VOSK_ENGINE, WHISPER_ENGINE, find_installed_model, model_engine
from voice_assistant.asr.recogniser import Recogniser, to_phrases
from voice_assistant.errors import ModelNotFoundError

__all__ = ["ENGINES", "MODEL_ENV_VAR", "model_dir_from_env", "make_recogniser"]

_log = logging.getLogger(__name__)

ENGINES: Final = ("auto", VOSK_ENGINE, WHISPER_ENGINE, SPHINX_ENGINE)
"""Engine names make_recogniser() accepts ("sphinx" is also accepted for pocketsphinx)."""

MODEL_ENV_VAR: Final = "VOICE_ASSISTANT_MODEL"
"""Environment variable naming a model directory (read only through model_dir_from_env)."""

def model_dir_from_env(environ: Mapping[str, str]) -> Path | None:
    """The model directory named by VOICE_ASSISTANT_MODEL, or None when it is unset or empty."""
    value = environ.get(MODEL_ENV_VAR, "").strip()
    return Path(value).expanduser() if value else None


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
