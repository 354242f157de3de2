"""Shared fixtures for audio tests: a private PulseAudio daemon with a virtual speaker, seen by sounddevice.

Test modules import the fixtures they use (`from audio_fixtures import pulse_server`); conftest.py may also
load this file with `pytest_plugins = ["audio_fixtures"]`. However many modules import it, one daemon
serves the whole session.
"""

from __future__ import annotations

import atexit
import os
from collections.abc import Iterator

import pytest
from pulse import PulseServer, PulseUnavailable, start_pulse_server
from speech_fixtures import fail_or_skip, require_module

from voice_assistant.tts.synthesis import Pyttsx3Speaker, find_synthesis_problem

_SERVER: list[PulseServer] = []


def _stop_server() -> None:
    while _SERVER:
        _SERVER.pop().stop()


@pytest.fixture(scope="session")
def pulse_server() -> Iterator[PulseServer]:
    """A running PulseAudio daemon with a null sink, made the default device of this process's sounddevice.

    Sets PULSE_SERVER for the rest of the session (so subprocesses reach it too) and makes PortAudio
    rescan its devices, since sounddevice lists them once, when first imported.
    """
    require_module("sounddevice")
    if not _SERVER:
        try:
            _SERVER.append(start_pulse_server())
        except PulseUnavailable as err:
            fail_or_skip(f"PulseAudio is not available: {err}")
        atexit.register(_stop_server)
    server = _SERVER[0]
    os.environ["PULSE_SERVER"] = server.server
    os.environ.pop("PULSE_SINK", None)
    os.environ.pop("PULSE_SOURCE", None)
    from voice_assistant.audio.devices import rescan_devices

    rescan_devices()
    yield server


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
