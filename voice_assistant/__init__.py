"""Offline, voice-accessible assistant for back pain in neuroendocrine cancer."""

from voice_assistant.assistant import Assistant, Session, Turn
from voice_assistant.content import Content, RedFlagLevel, load_content
from voice_assistant.errors import VoiceAssistantError

__version__ = "0.1.0"

__all__ = ["Assistant", "Session", "Turn", "Content", "RedFlagLevel", "load_content", "VoiceAssistantError", "__version__"]
