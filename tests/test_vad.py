"""The one voice activity detector (audio/vad.py) on real espeak-ng speech: pauses, silence, minimum speech, the cap."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from speech_fixtures import require_module, speech_wav  # noqa: F401  (fixtures)

from voice_assistant.audio.vad import Endpointer, EndpointSettings, SpeechStarted, Utterance, find_utterances
from voice_assistant.audio.pcm import PcmAudio, concatenate, silence

SpeechWav = Callable[..., PcmAudio]
RATE = 16000

pytestmark = pytest.mark.speech


@pytest.fixture(autouse=True)
def _needs_pocketsphinx() -> None:
    require_module("pocketsphinx")


def _trimmed(audio: PcmAudio) -> PcmAudio:
    """The clip without espeak-ng's own leading and trailing silence, so pauses are exactly as built."""
    samples = audio.to_array()
    loud = np.flatnonzero(np.abs(samples) > 300)
    return PcmAudio(samples[loud[0] : loud[-1] + 1].tobytes(), audio.rate_hz)


@pytest.fixture(scope="module")
def sentence_with_pause(speech_wav: SpeechWav) -> PcmAudio:
    """'My back hurts' … 700 ms … 'and my legs feel weak', with silence around it."""
    return concatenate(
        [
            silence(0.5, RATE),
            _trimmed(speech_wav("My back hurts")),
            silence(0.7, RATE),
            _trimmed(speech_wav("and my legs feel weak")),
            silence(1.5, RATE),
        ],
        RATE,
    )


def test_pause_shorter_than_trailing_silence_stays_inside_one_utterance(sentence_with_pause: PcmAudio) -> None:
    utterances = find_utterances(sentence_with_pause, EndpointSettings(trailing_silence_ms=1000))
    assert len(utterances) == 1
    assert not utterances[0].capped
    # Both halves are in it: about 3 s of speech plus the pause.
    assert utterances[0].audio.duration_s > 2.5


def test_pause_longer_than_trailing_silence_splits_the_utterance(sentence_with_pause: PcmAudio) -> None:
    utterances = find_utterances(sentence_with_pause, EndpointSettings(trailing_silence_ms=400))
    assert len(utterances) == 2
    assert utterances[0].end_s < utterances[1].start_s


def test_silence_alone_gives_no_utterance() -> None:
    assert find_utterances(silence(3.0, RATE)) == []


def test_steady_noise_alone_gives_no_utterance() -> None:
    rng = np.random.default_rng(7)
    hum = PcmAudio.from_array(rng.normal(0.0, 0.003, 3 * RATE), RATE)
    assert find_utterances(hum) == []


def test_click_shorter_than_min_speech_is_ignored(speech_wav: SpeechWav) -> None:
    click = PcmAudio(speech_wav("stop").samples[: int(0.06 * RATE) * 2], RATE)
    clip = concatenate([silence(0.5, RATE), click, silence(1.5, RATE)], RATE)
    assert find_utterances(clip, EndpointSettings(min_speech_ms=200)) == []


def test_max_utterance_cap_cuts_long_speech(speech_wav: SpeechWav) -> None:
    long_speech = speech_wav("I have had back pain for three weeks and it is getting worse every single night")
    settings = EndpointSettings(max_utterance_s=2.0, trailing_silence_ms=800)
    utterances = find_utterances(concatenate([long_speech, silence(1.0, RATE)], RATE), settings)
    assert len(utterances) >= 2
    assert utterances[0].capped
    assert utterances[0].audio.duration_s == pytest.approx(2.0, abs=0.05)


def test_streaming_reports_start_then_utterance_with_pre_roll(speech_wav: SpeechWav) -> None:
    speech = speech_wav("can massage help with back pain")
    clip = concatenate([silence(1.0, RATE), speech, silence(1.5, RATE)], RATE)
    endpointer = Endpointer(EndpointSettings(trailing_silence_ms=800, pre_speech_ms=300))
    events: list[SpeechStarted | Utterance] = []
    for offset in range(0, len(clip.samples), 1000):  # odd-sized chunks, not whole VAD frames
        events += endpointer.feed(clip.samples[offset : offset + 1000])
    assert endpointer.finish() is None
    assert [type(event) for event in events] == [SpeechStarted, Utterance]
    started, utterance = events
    assert isinstance(started, SpeechStarted) and isinstance(utterance, Utterance)
    assert started.start_s == pytest.approx(1.0, abs=0.15)
    # The utterance keeps the 300 ms before speech and at most 200 ms after it.
    assert utterance.audio.duration_s == pytest.approx(speech.duration_s + 0.3, abs=0.35)


def test_finish_returns_the_utterance_in_progress(speech_wav: SpeechWav) -> None:
    endpointer = Endpointer()
    endpointer.feed(concatenate([silence(0.3, RATE), speech_wav("repeat that please")], RATE).samples)
    assert endpointer.in_speech
    last = endpointer.finish()
    assert last is not None and not last.capped and not endpointer.in_speech


def test_silence_ms_counts_the_pause_since_the_last_speech(sentence_with_pause: PcmAudio) -> None:
    endpointer = Endpointer(EndpointSettings(trailing_silence_ms=1000))
    assert endpointer.silence_ms == 0
    longest_pause_ms = 0.0
    frame_bytes = 960  # 30 ms at 16 kHz
    seen_speech = False
    for offset in range(0, len(sentence_with_pause.samples), frame_bytes):
        endpointer.feed(sentence_with_pause.samples[offset : offset + frame_bytes])
        seen_speech = seen_speech or endpointer.in_speech
        if seen_speech and endpointer.in_speech:
            longest_pause_ms = max(longest_pause_ms, endpointer.silence_ms)
    # The 700 ms pause inside the sentence is measured (the quiet ends of words count as non-speech too),
    # and stays below the trailing silence that would have ended the utterance.
    assert 450 <= longest_pause_ms < 1000
    # After the sentence the count goes on past the 1.5 s of silence it ended with, in or out of speech.
    assert endpointer.silence_ms >= 1000
