"""Offline, voice-accessible assistant for back pain in neuroendocrine cancer.

The folders are the layers: core/ (pure), audio/, asr/, tts/ (adapters), app/ (the façade and the voice
loop), frontends/ (entry points). See the README's "How it works".
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
