"""WAV reading and conversion to the recogniser's format, on WAVs built in memory."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import numpy as np
import pytest

from voice_assistant.audio.pcm import (
    PcmAudio,
    concatenate,
    read_wav,
    read_wav_bytes,
    resample,
    StreamResampler,
    silence,
    to_recogniser_format,
    to_wav_bytes,
    write_wav,
)
from voice_assistant.errors import AudioFileError


def wav_bytes(samples: np.ndarray, rate_hz: int, channels: int = 1, width: int = 2) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(width)
        wav.setframerate(rate_hz)
        wav.writeframes(samples.tobytes())
    return buffer.getvalue()


def tone(rate_hz: int, seconds: float = 0.5, hz: float = 440.0) -> np.ndarray:
    t = np.arange(int(rate_hz * seconds)) / rate_hz
    return (np.sin(2 * np.pi * hz * t) * 10000).astype("<i2")


def test_stereo_is_mixed_to_mono() -> None:
    left = tone(16000)
    stereo = np.column_stack([left, np.zeros_like(left)]).ravel()
    audio = read_wav_bytes(wav_bytes(stereo, 16000, channels=2))
    assert audio.rate_hz == 16000
    assert len(audio.samples) == len(left) * 2
    assert np.abs(audio.to_array()).max() == pytest.approx(5000, abs=2)


@pytest.mark.parametrize("rate_hz", [8000, 22050, 44100, 48000])
def test_any_rate_becomes_16_khz_with_the_same_length_and_pitch(rate_hz: int) -> None:
    audio = to_recogniser_format(read_wav_bytes(wav_bytes(tone(rate_hz, 1.0), rate_hz)))
    assert audio.rate_hz == 16000
    assert audio.duration_s == pytest.approx(1.0, abs=0.001)
    spectrum = np.abs(np.fft.rfft(audio.to_array()))
    assert np.argmax(spectrum) == pytest.approx(440, abs=2)


def test_downsampling_removes_what_the_new_rate_cannot_hold() -> None:
    audio = resample(PcmAudio.from_array(tone(44100, 1.0, hz=12000), 44100), 16000)
    # 12 kHz is above 16 kHz's 8 kHz limit: no alias (only the tone's sudden start and end ring for a few ms)
    assert np.abs(audio.to_array()[160:-160]).max() < 200


def test_8_bit_and_32_bit_wavs_are_read() -> None:
    eight = (tone(16000) // 256 + 128).astype(np.uint8)
    assert read_wav_bytes(wav_bytes(eight, 16000, width=1)).duration_s == pytest.approx(0.5)
    wide = tone(16000).astype("<i4") << 16
    assert np.abs(read_wav_bytes(wav_bytes(wide, 16000, width=4)).to_array()).max() == pytest.approx(10000, abs=2)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not a WAV file"),
        (b"hello world, not audio at all", "not a WAV file"),
        (wav_bytes(np.zeros(0, dtype="<i2"), 16000), "holds no audio"),
        (wav_bytes(tone(16000), 16000)[:30], "cannot read audio file"),
    ],
)
def test_unusable_data_gives_one_clear_line(data: bytes, message: str) -> None:
    with pytest.raises(AudioFileError, match=message) as caught:
        read_wav_bytes(data, "q1.wav")
    assert "q1.wav" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(AudioFileError, match="no such file"):
        read_wav(tmp_path / "none.wav")
    with pytest.raises(AudioFileError, match="folder"):
        read_wav(tmp_path)


def test_write_and_read_back(tmp_path: Path) -> None:
    audio = PcmAudio.from_array(tone(22050), 22050)
    write_wav(tmp_path / "a.wav", audio)
    assert read_wav(tmp_path / "a.wav") == audio
    assert read_wav_bytes(to_wav_bytes(audio)) == audio


def test_silence_and_concatenate() -> None:
    joined = concatenate([silence(0.5, 16000), PcmAudio.from_array(tone(8000), 8000)], 16000)
    assert joined.rate_hz == 16000
    assert joined.duration_s == pytest.approx(1.0, abs=0.001)
    assert not any(silence(0.1, 16000).samples)


def _snr_db(signal: np.ndarray, reference: np.ndarray) -> float:
    error = signal.astype(np.float64) - reference.astype(np.float64)
    return float(10 * np.log10(np.sum(reference.astype(np.float64) ** 2) / max(np.sum(error**2), 1e-9)))


@pytest.mark.parametrize("rate_hz", [22050, 44100, 48000])
def test_a_stream_resampled_in_30_ms_blocks_matches_the_whole_signal(rate_hz: int) -> None:
    # A microphone that refuses 16 kHz delivers 30 ms blocks; resampled block by block they must join up
    # into the same signal as the whole recording resampled at once, with no click at any block edge.
    signal = (tone(rate_hz, 2.0, hz=440.0).astype(np.int32) + tone(rate_hz, 2.0, hz=3000.0) // 2).astype("<i2")
    resampler = StreamResampler(rate_hz, 16000)
    block = rate_hz * 30 // 1000
    streamed = b"".join(resampler.convert(signal[start : start + block].tobytes()) for start in range(0, len(signal), block))
    streamed += resampler.convert(b"", last=True)
    whole = resample(PcmAudio(signal.tobytes(), rate_hz), 16000).to_array()
    stream = np.frombuffer(streamed, dtype="<i2")
    assert abs(len(stream) - len(whole)) <= 2
    count = min(len(stream), len(whole))
    assert _snr_db(stream[:count], whole[:count]) > 60.0
    assert np.abs(stream[:count].astype(np.int32) - whole[:count]).max() < 100
