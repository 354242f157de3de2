"""Silero VAD from the faster-whisper wheel: the per-frame detector interface on real dev-set audio."""

from __future__ import annotations

import json

import pytest
from speech_fixtures import DEV_SET_DIR, fail_or_skip, require_module

from voice_assistant.audio.pcm import read_wav
from voice_assistant.errors import VoiceAssistantError

pytestmark = pytest.mark.speech


@pytest.fixture(scope="module")
def silero() -> object:
    """A real Silero detector (skips, or fails in CI, without faster-whisper and onnxruntime)."""
    require_module("faster_whisper")
    require_module("onnxruntime")
    from voice_assistant.audio.silero_vad import SileroVad

    return SileroVad()


def _room_ids(count: int) -> list[str]:
    path = DEV_SET_DIR / "utterances.jsonl"
    if not path.is_file():
        fail_or_skip(f"the dev set is missing at '{path}'")
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [line["id"] for line in lines[:count]]


def test_frames_have_the_detector_interface(silero: object) -> None:
    from voice_assistant.audio.silero_vad import SileroVad

    assert isinstance(silero, SileroVad)
    assert silero.frame_bytes == 1024 and abs(silero.frame_length - 0.032) < 1e-9
    with pytest.raises(VoiceAssistantError, match="frames are 1024 bytes"):
        silero.is_speech(b"\x00" * 10)


def test_bad_threshold_is_a_clear_error() -> None:
    from voice_assistant.audio.silero_vad import SileroVad

    with pytest.raises(VoiceAssistantError, match="threshold"):
        SileroVad(threshold=1.5)


def test_speech_in_a_noisy_room_is_speech_and_silence_is_not(silero: object) -> None:
    """Aggregate over 12 room clips: most frames in the middle of speech are speech, digital silence is not."""
    from voice_assistant.audio.silero_vad import SileroVad

    assert isinstance(silero, SileroVad)
    speech_share = []
    for clip in _room_ids(12):
        audio = read_wav(DEV_SET_DIR / "audio" / "kokoro" / "room" / f"{clip}.wav")
        silero.reset()
        frames = [audio.samples[i : i + 1024] for i in range(0, len(audio.samples) - 1023, 1024)]
        flags = [silero.is_speech(frame) for frame in frames]
        middle = flags[len(flags) // 4 : 3 * len(flags) // 4]
        speech_share.append(sum(middle) / max(1, len(middle)))
    assert sum(speech_share) / len(speech_share) > 0.8, speech_share
    silero.reset()
    assert not any(silero.is_speech(b"\x00" * 1024) for _ in range(30))
