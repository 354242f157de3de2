"""Errors the assistant reports to people: one base class and the few the caller treats differently."""

from __future__ import annotations

__all__ = [
    "VoiceAssistantError",
    "ContentError",
    "ConfigError",
    "AudioFileError",
    "ModelNotFoundError",
    "AudioDeviceError",
]


class VoiceAssistantError(Exception):
    """A failure with a one-line message that says what failed, where, and what to do."""


class ContentError(VoiceAssistantError):
    """The files in prompts/ are missing, malformed or inconsistent."""


class ConfigError(VoiceAssistantError):
    """A settings file or a command-line setting has a value that cannot be used."""


class AudioFileError(VoiceAssistantError):
    """An audio file cannot be read or is not usable speech audio."""


class ModelNotFoundError(VoiceAssistantError):
    """A speech model is not installed where it was looked for."""


class AudioDeviceError(VoiceAssistantError):
    """A microphone or speaker is missing, busy or failed."""
