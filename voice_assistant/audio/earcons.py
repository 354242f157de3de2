"""Earcons: short tones made in code that tell the listener what the assistant is doing."""

from __future__ import annotations

from enum import Enum
from typing import Final

import numpy as np

from voice_assistant.audio.pcm import PcmAudio

__all__ = ["EARCON_RATE_HZ", "Earcon", "make_earcon"]

EARCON_RATE_HZ: Final = 22_050
"""Sample rate of the earcons, the same as synthesised speech so they join without resampling."""
_FADE_S: Final = 0.008
"""Raised-cosine fade at each end of a note, so notes start and stop without a click."""


class Earcon(str, Enum):
    """The sounds the assistant makes besides speech."""

    LISTENING = "listening"
    """Rising two-note chirp: the assistant is listening now."""
    HEARD = "heard"
    """Falling two-note blip: the assistant heard the question and is answering."""
    EMERGENCY = "emergency"
    """Three loud, bright two-tone pulses before an emergency reply."""


# Each earcon is a list of notes: (frequency in Hz, or 0 for a rest; length in seconds; amplitude 0..1).
_NOTES: Final[dict[Earcon, list[tuple[float, float, float]]]] = {
    Earcon.LISTENING: [(660.0, 0.08, 0.3), (0.0, 0.03, 0.0), (880.0, 0.10, 0.3)],
    Earcon.HEARD: [(880.0, 0.06, 0.3), (0.0, 0.02, 0.0), (587.0, 0.08, 0.3)],
    Earcon.EMERGENCY: [
        note
        for _ in range(3)
        for note in ((1320.0, 0.12, 0.85), (990.0, 0.12, 0.85), (0.0, 0.06, 0.0))
    ][:-1],
}
# Odd harmonics make the emergency tone harsher and easier to hear over a room than a pure sine.
_HARMONICS: Final[dict[Earcon, list[tuple[int, float]]]] = {
    Earcon.LISTENING: [(1, 1.0)],
    Earcon.HEARD: [(1, 1.0)],
    Earcon.EMERGENCY: [(1, 1.0), (3, 0.3), (5, 0.15)],
}


def make_earcon(earcon: Earcon, rate_hz: int = EARCON_RATE_HZ) -> PcmAudio:
    """The earcon as 16-bit mono PCM at rate_hz."""
    harmonics = _HARMONICS[earcon]
    total = sum(weight for _, weight in harmonics)
    pieces = []
    for frequency_hz, length_s, amplitude in _NOTES[earcon]:
        count = int(round(length_s * rate_hz))
        if frequency_hz <= 0.0:
            pieces.append(np.zeros(count))
            continue
        times = np.arange(count) / rate_hz
        wave = sum(weight * np.sin(2 * np.pi * frequency_hz * multiple * times) for multiple, weight in harmonics)
        pieces.append(amplitude * _envelope(count, rate_hz) * np.asarray(wave) / total)
    return PcmAudio.from_array(np.concatenate(pieces), rate_hz)


def _envelope(count: int, rate_hz: int) -> np.ndarray:
    fade = min(count // 2, int(round(_FADE_S * rate_hz)))
    envelope = np.ones(count)
    if fade:
        ramp = 0.5 - 0.5 * np.cos(np.linspace(0.0, np.pi, fade))
        envelope[:fade] = ramp
        envelope[count - fade :] = ramp[::-1]
    return envelope
