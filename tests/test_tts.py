"""Speech synthesis: sentence splitting, then real pyttsx3 + espeak-ng audio (rate, volume, errors, threads)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest
from audio_fixtures import pyttsx3_speaker  # noqa: F401  (fixture)

from voice_assistant.audio.pcm import PcmAudio, read_wav, write_wav
from voice_assistant.errors import AudioDeviceError, ConfigError
from voice_assistant.tts.synthesis import (
    REPLY_GAP_S,
    SYNTHESIS_RATE_HZ,
    Pyttsx3Speaker,
    scale_volume,
    split_sentences,
    synthesise_replies,
)

REPLY = (
    "About tumor growth: As neuroendocrine tumors grow, they can put pressure on the tissues and nerves "
    "around them. This pressure can lead to significant back pain."
)

# --- sentence splitting (fast) -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("One. Two! Three? Four", ["One.", "Two!", "Three?", "Four"]),
        (REPLY, [REPLY.split(". ")[0] + ".", "This pressure can lead to significant back pain."]),
        ("Call nine one one now.  Do not wait.", ["Call nine one one now.", "Do not wait."]),
        ('She said "stop." Then left.', ['She said "stop."', "Then left."]),
        ("Dr. Smith uses heat, e.g. a warm pad. Rest.", ["Dr. Smith uses heat, e.g. a warm pad.", "Rest."]),
        ("Line one\nLine two", ["Line one", "Line two"]),
        ("About causes: many things.", ["About causes: many things."]),
        ("It costs 1.5 units.", ["It costs 1.5 units."]),
        ("", []),
        ("   \n ", []),
    ],
)
def test_split_sentences(text: str, sentences: list[str]) -> None:
    assert split_sentences(text) == sentences


@pytest.mark.parametrize("text", [REPLY, "One. Two! Three?", "no end", "A.\n\nB."])
def test_split_sentences_keeps_every_word(text: str) -> None:
    assert " ".join(split_sentences(text)).split() == text.split()


def test_scale_volume_scales_and_clips() -> None:
    audio = PcmAudio.from_array(np.array([1000, -1000, 32767], dtype=np.int16), 16_000)
    assert scale_volume(audio, 0.5).to_array().tolist() == [500, -500, 16384]
    assert scale_volume(audio, 1.0) == audio
    assert scale_volume(audio, 0.0).to_array().tolist() == [0, 0, 0]


# --- real synthesis ------------------------------------------------------------------------------------


def _rms(audio: PcmAudio) -> float:
    return float(np.sqrt(np.mean(audio.to_array().astype(np.float64) ** 2)))


@pytest.mark.speech
def test_reply_is_speech_at_the_synthesis_rate(pyttsx3_speaker: Pyttsx3Speaker) -> None:
    audio = pyttsx3_speaker.synthesise(REPLY, 175, 1.0)
    assert audio.rate_hz == SYNTHESIS_RATE_HZ
    assert 4.0 < audio.duration_s < 15.0  # 25 words at 175 words per minute: about 9 s
    assert _rms(audio) > 1000


@pytest.mark.speech
def test_slower_rate_makes_speech_longer(pyttsx3_speaker: Pyttsx3Speaker) -> None:
    slow = pyttsx3_speaker.synthesise(REPLY, 120, 1.0)
    fast = pyttsx3_speaker.synthesise(REPLY, 240, 1.0)
    assert slow.duration_s > 1.4 * fast.duration_s


@pytest.mark.speech
def test_louder_setting_raises_rms(pyttsx3_speaker: Pyttsx3Speaker) -> None:
    quiet = pyttsx3_speaker.synthesise(REPLY, 175, 0.3)
    loud = pyttsx3_speaker.synthesise(REPLY, 175, 0.9)
    assert _rms(loud) > 2.0 * _rms(quiet)
    assert _rms(quiet) > 100  # quiet, not silent


@pytest.mark.speech
def test_empty_text_gives_empty_audio(pyttsx3_speaker: Pyttsx3Speaker) -> None:
    assert pyttsx3_speaker.synthesise("  ", 175, 1.0).samples == b""


@pytest.mark.speech
@pytest.mark.parametrize(("rate_wpm", "volume"), [(20, 1.0), (900, 1.0), (175, 1.5), (175, -0.1)])
def test_out_of_range_settings_are_refused(pyttsx3_speaker: Pyttsx3Speaker, rate_wpm: int, volume: float) -> None:
    with pytest.raises(ConfigError, match="out of range"):
        pyttsx3_speaker.synthesise("Hello.", rate_wpm, volume)


@pytest.mark.speech
def test_calls_from_many_threads_do_not_hang(pyttsx3_speaker: Pyttsx3Speaker) -> None:
    results: list[PcmAudio] = []

    def speak(number: int) -> None:
        results.append(pyttsx3_speaker.synthesise(f"Sentence number {number}.", 175, 1.0))

    threads = [threading.Thread(target=speak, args=(number,)) for number in range(6)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert time.monotonic() - started < 20
    assert len(results) == 6 and all(_rms(audio) > 500 for audio in results)


@pytest.mark.speech
def test_unknown_voice_is_one_clear_line(pyttsx3_speaker: Pyttsx3Speaker) -> None:
    with pytest.raises(AudioDeviceError) as caught, Pyttsx3Speaker(voice="no-such-voice"):
        pass
    message = str(caught.value)
    assert message.startswith("unknown voice 'no-such-voice'; available include: ")
    assert "en-us" in message and "\n" not in message


@pytest.mark.speech
def test_named_voice_speaks() -> None:
    with Pyttsx3Speaker(voice="en-us") as speaker:
        assert _rms(speaker.synthesise("Hello there.", 175, 1.0)) > 1000


@pytest.mark.speech
def test_replies_are_joined_in_order_with_a_gap(pyttsx3_speaker: Pyttsx3Speaker, tmp_path: Path) -> None:
    first = ("About massage: Massage can ease tense muscles.", 175, 1.0)
    second = ("Please call your doctor today.", 120, 0.5)
    joined = synthesise_replies([first, second], pyttsx3_speaker)
    alone = [synthesise_replies([reply], pyttsx3_speaker) for reply in (first, second)]
    expected_s = alone[0].duration_s + REPLY_GAP_S + alone[1].duration_s
    assert joined.duration_s == pytest.approx(expected_s, abs=0.05)
    # The quieter second reply comes after the louder first one.
    split = int(alone[0].duration_s * joined.rate_hz)
    samples = joined.to_array().astype(np.float64)
    assert np.sqrt(np.mean(samples[:split] ** 2)) > 1.5 * np.sqrt(np.mean(samples[split:] ** 2))
    path = tmp_path / "replies.wav"
    write_wav(path, joined)
    again = read_wav(path)
    assert again.rate_hz == joined.rate_hz
    assert np.abs(again.to_array().astype(int) - joined.to_array().astype(int)).max() <= 1


def test_no_replies_give_empty_audio() -> None:
    assert synthesise_replies([], Pyttsx3Speaker()).samples == b""
