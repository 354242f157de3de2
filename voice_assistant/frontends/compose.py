"""The composition root: builds the assistant, its recogniser and its voices from settings."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Final

from voice_assistant.app.assistant import Assistant
from voice_assistant.app.settings import Settings
from voice_assistant.asr.recogniser import Recogniser
from voice_assistant.asr.factory import make_recogniser
from voice_assistant.audio.pcm import PcmAudio
from voice_assistant.app.semantic import load_semantic
from voice_assistant.app.startup import StartupReadings
from voice_assistant.core.content import Content
from voice_assistant.core.loader import load_content
from voice_assistant.core.normalise import Normaliser
from voice_assistant.core.understanding import SemanticUnderstanding
from voice_assistant.core.vocabulary import recognition_vocabulary
from voice_assistant.errors import VoiceAssistantError
from voice_assistant.tts.output import BackgroundVoice, check_speech_output, open_background_voice
from voice_assistant.tts.synthesis import Pyttsx3Speaker

__all__ = ["STOP_PHRASES", "assistant_for", "build_assistant", "build_semantic", "build_recogniser", "open_voice", "open_speaker", "stop_spotter"]

STOP_PHRASES: Final = ("stop",)
"""What barge-in listens for while an interruptible reply plays."""


def build_semantic(content: Content, settings: Settings, normaliser: Normaliser | None = None) -> SemanticUnderstanding | None:
    """The semantic model for understanding, or None (with one line on stderr saying why) when it cannot load."""
    semantic, problem = load_semantic(content, cache_dir=settings.models_dir / "semantic-cache", normaliser=normaliser)
    if problem:
        sys.stderr.write(f"voice-assistant: note: {problem}.\n")
    return semantic


def assistant_for(content: Content, settings: Settings) -> Assistant:
    """The assistant for content, its phrases' readings taken from the cache folder where it has them (app.startup)."""
    startup = StartupReadings(content, settings.models_dir / "semantic-cache")
    return Assistant(
        content, region=settings.region, speaking=settings.speaking,
        semantic=build_semantic(content, settings, startup.normaliser), startup=startup,
    )


def build_assistant(settings: Settings, with_recogniser: bool = False) -> Assistant:
    assistant = assistant_for(load_content(settings.prompts_dir), settings)
    if with_recogniser:
        assistant.recogniser = build_recogniser(settings, assistant)
    return assistant


def build_recogniser(settings: Settings, assistant: Assistant) -> "Recogniser":
    """The speech recogniser the settings ask for, primed with the assistant's vocabulary."""

    return make_recogniser(
        engine=settings.engine,
        model_dir=settings.model,
        models_dir=settings.models_dir,
        vocabulary=recognition_vocabulary(assistant.content),
        open_vocabulary=settings.open_vocabulary,
        prompt=assistant.content.vocabulary.recogniser_hint,
    )


def open_voice(settings: Settings) -> "BackgroundVoice | None":
    """A voice for replies, or None (with one line on stderr saying why) where speech is off or impossible."""
    if not settings.speech:
        return None

    problem = check_speech_output(settings.output_device)
    if problem is None:
        try:
            return open_background_voice(settings.voice, settings.output_device)
        except VoiceAssistantError as err:
            problem = str(err)
    sys.stderr.write(f"voice-assistant: note: {problem}; replies are printed only.\n")
    return None


def open_speaker(settings: Settings, say: Callable[[str], None]) -> Pyttsx3Speaker | None:
    if not settings.speech:
        return None

    problem = check_speech_output(settings.output_device)
    if problem is None:
        speaker = Pyttsx3Speaker(voice=settings.voice)
        try:
            speaker.start()
            return speaker
        except VoiceAssistantError as err:
            problem = str(err)
    say(f"{problem}; replies are printed only")
    return None


def stop_spotter(settings: Settings, say: Callable[[str], None]) -> Callable[[PcmAudio], bool] | None:
    """PocketSphinx keyword spotting for "stop" (cheap enough to run while speaking), or None."""
    if not settings.barge_in:
        return None
    from voice_assistant.asr.sphinx_engine import SphinxRecogniser

    engine_log = logging.getLogger("voice_assistant.asr.sphinx_engine")
    level = engine_log.level
    engine_log.setLevel(logging.ERROR)  # its accuracy warning is about free speech, not one keyword
    try:
        spotter = SphinxRecogniser(vocabulary=list(STOP_PHRASES), cache_dir=settings.models_dir / ".cache")
    except VoiceAssistantError as err:
        say(f"barge-in is unavailable: {err}")
        return None
    finally:
        engine_log.setLevel(level)
    return lambda audio: bool(spotter.spot_keywords(audio, list(STOP_PHRASES)))
