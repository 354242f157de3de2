"""The one voice activity detector (audio/vad.py) on real espeak-ng speech: pauses, silence, minimum speech, the cap."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from speech_fixtures import DEV_SET_DIR, require_module, speech_wav  # noqa: F401  (fixtures)

from voice_assistant.audio.vad import DETECTORS, Endpointer, EndpointSettings, SpeechStarted, Utterance, find_utterances
from voice_assistant.audio.pcm import PcmAudio, concatenate, read_wav, silence, to_recogniser_format

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


@pytest.mark.parametrize("detector", DETECTORS)
def test_pause_shorter_than_trailing_silence_stays_inside_one_utterance(sentence_with_pause: PcmAudio, detector: str) -> None:
    utterances = find_utterances(sentence_with_pause, EndpointSettings(trailing_silence_ms=1000, detector=detector))
    assert len(utterances) == 1
    assert not utterances[0].capped
    # Both halves are in it: about 3 s of speech plus the pause.
    assert utterances[0].audio.duration_s > 2.5


@pytest.mark.parametrize("detector", DETECTORS)
def test_pause_longer_than_trailing_silence_splits_the_utterance(sentence_with_pause: PcmAudio, detector: str) -> None:
    utterances = find_utterances(sentence_with_pause, EndpointSettings(trailing_silence_ms=400, detector=detector))
    assert len(utterances) == 2
    assert utterances[0].end_s < utterances[1].start_s


@pytest.mark.parametrize("detector", DETECTORS)
def test_silence_alone_gives_no_utterance(detector: str) -> None:
    assert find_utterances(silence(3.0, RATE), EndpointSettings(detector=detector)) == []


@pytest.mark.parametrize("detector", DETECTORS)
def test_steady_noise_alone_gives_no_utterance(detector: str) -> None:
    rng = np.random.default_rng(7)
    hum = PcmAudio.from_array(rng.normal(0.0, 0.003, 3 * RATE), RATE)
    assert find_utterances(hum, EndpointSettings(detector=detector)) == []


def test_silero_finds_the_end_of_speech_in_a_noisy_echoing_room() -> None:
    """On the kokoro room dev audio (reverb and pink noise), utterances end on their own, not at the cap.

    benchmarks/vad.py measured no missed end for Silero on all 180 clips (WebRTC missed 65 in 100); the
    test asks for 10 of the first 12 with the listener's own 1.2 s pause and a 10 s cap."""
    room = DEV_SET_DIR / "audio" / "kokoro" / "room"
    if not room.is_dir():
        pytest.skip(f"no dev-set room audio at '{room}'")
    clips = sorted(room.glob("d*.wav"))[:12]
    ended = 0
    for clip in clips:
        audio = to_recogniser_format(read_wav(clip))
        padded = concatenate([audio, silence(2.0, RATE)], RATE)
        found = find_utterances(padded, EndpointSettings(trailing_silence_ms=1200, max_utterance_s=10.0, detector="silero"))
        ended += bool(found) and not found[0].capped
    assert ended >= 10, f"only {ended} of {len(clips)} room clips ended before the cap"


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
