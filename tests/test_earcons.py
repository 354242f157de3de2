"""Earcons: each is short, audible, click-free, and recognisably different from the others."""

from __future__ import annotations

import numpy as np
import pytest

from voice_assistant.audio.pcm import PcmAudio
from voice_assistant.audio.earcons import EARCON_RATE_HZ, Earcon, make_earcon


def _dominant_hz(samples: np.ndarray, rate_hz: int) -> float:
    spectrum = np.abs(np.fft.rfft(samples.astype(np.float64) * np.hanning(len(samples))))
    return float(np.fft.rfftfreq(len(samples), 1.0 / rate_hz)[int(np.argmax(spectrum))])


def _rms(audio: PcmAudio) -> float:
    return float(np.sqrt(np.mean(audio.to_array().astype(np.float64) ** 2)))


@pytest.mark.parametrize("earcon", list(Earcon))
def test_earcon_is_short_audible_and_click_free(earcon: Earcon) -> None:
    audio = make_earcon(earcon)
    samples = audio.to_array()
    assert audio.rate_hz == EARCON_RATE_HZ
    assert 0.1 <= audio.duration_s <= 1.2
    assert _rms(audio) > 1000  # about -30 dBFS: clearly audible
    # Fades in and out: the first and last samples are near zero, so no click.
    assert abs(int(samples[0])) < 200 and abs(int(samples[-1])) < 200


@pytest.mark.parametrize("rate_hz", [16_000, 22_050, 48_000])
def test_earcon_follows_the_requested_rate(rate_hz: int) -> None:
    audio = make_earcon(Earcon.LISTENING, rate_hz)
    assert audio.rate_hz == rate_hz
    assert audio.duration_s == pytest.approx(make_earcon(Earcon.LISTENING).duration_s, abs=0.002)


@pytest.mark.parametrize(("earcon", "rising"), [(Earcon.LISTENING, True), (Earcon.HEARD, False)])
def test_listening_rises_and_heard_falls(earcon: Earcon, rising: bool) -> None:
    samples = make_earcon(earcon).to_array()
    half = len(samples) // 2
    first, second = _dominant_hz(samples[:half], EARCON_RATE_HZ), _dominant_hz(samples[half:], EARCON_RATE_HZ)
    assert (second > first * 1.2) if rising else (first > second * 1.2)


def test_emergency_is_longer_and_louder_than_the_others() -> None:
    emergency = make_earcon(Earcon.EMERGENCY)
    for other in (Earcon.LISTENING, Earcon.HEARD):
        audio = make_earcon(other)
        assert emergency.duration_s > 2 * audio.duration_s
        assert _rms(emergency) > 1.5 * _rms(audio)


def test_earcons_are_distinct() -> None:
    clips = [make_earcon(earcon).samples for earcon in Earcon]
    assert len(set(clips)) == len(clips)
    assert make_earcon(Earcon.HEARD) == make_earcon(Earcon.HEARD)  # deterministic
