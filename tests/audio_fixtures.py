"""Shared fixtures for audio tests: a started pyttsx3 speaker; `pulse_server` comes from tests/pulse.py.

Test modules import the fixtures they use (`from audio_fixtures import pyttsx3_speaker`); the PulseAudio
fixtures are loaded for every test by tests/conftest.py (`pytest_plugins = ["pulse"]`), and are
re-exported here for the modules that import them from this file.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pulse import pulse_server  # noqa: F401  (fixture, re-exported)
from speech_fixtures import fail_or_skip, require_module

from voice_assistant.tts.synthesis import Pyttsx3Speaker, find_synthesis_problem


@pytest.fixture(scope="session")
def pyttsx3_speaker() -> Iterator[Pyttsx3Speaker]:
    """A started Pyttsx3Speaker (pyttsx3 + espeak-ng) shared by the session."""
    require_module("pyttsx3")
    problem = find_synthesis_problem()
    if problem is not None:
        fail_or_skip(problem)
    speaker = Pyttsx3Speaker()
    speaker.start()
    yield speaker
    speaker.close()
