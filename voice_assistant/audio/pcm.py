"""PCM audio in memory: read and write WAV files, convert to the recogniser's format (16 kHz mono 16-bit),
resample whole clips or block streams with python-soxr."""

from __future__ import annotations

import io
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
import soxr

from voice_assistant.errors import AudioFileError

__all__ = [
    "RECOGNISER_RATE_HZ",
    "PcmAudio",
    "read_wav",
    "read_wav_bytes",
    "write_wav",
    "to_wav_bytes",
    "to_recogniser_format",
    "resample",
    "StreamResampler",
    "concatenate",
    "silence",
]

RECOGNISER_RATE_HZ: Final = 16_000
"""Every recogniser takes 16 kHz mono 16-bit PCM."""


@dataclass(frozen=True)
class PcmAudio:
    """Mono 16-bit signed little-endian PCM samples with their rate."""

    samples: bytes
    """Raw int16 little-endian samples, one channel."""
    rate_hz: int
    """Samples per second, e.g. 16000 or 22050."""

    @property
    def duration_s(self) -> float:
        """Length in seconds."""
        return len(self.samples) / 2 / self.rate_hz if self.rate_hz else 0.0

    def to_array(self) -> np.ndarray:
        """The samples as an int16 NumPy array (a copy)."""
        return np.frombuffer(self.samples, dtype="<i2").copy()

    @classmethod
    def from_array(cls, samples: np.ndarray, rate_hz: int) -> "PcmAudio":
        """PCM from an array of floats in -1..1 or of int16, clipped to the int16 range."""
        if samples.dtype.kind == "f":
            scaled = np.clip(np.rint(samples * 32767.0), -32768, 32767).astype("<i2")
        else:
            scaled = np.clip(samples, -32768, 32767).astype("<i2")
        return cls(scaled.tobytes(), rate_hz)


def _decode(data: bytes, source: str) -> PcmAudio:
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise AudioFileError(f"cannot read audio file '{source}': not a WAV file (no RIFF/WAVE header)")
    try:
        with wave.open(io.BytesIO(data), "rb") as wav:
            channels = wav.getnchannels()
            width = wav.getsampwidth()
            rate_hz = wav.getframerate()
            frames = wav.readframes(wav.getnframes())
    except (wave.Error, EOFError) as err:
        raise AudioFileError(
            f"cannot read audio file '{source}': {err} (save it as 16-bit PCM WAV)"
        ) from err
    if rate_hz <= 0:
        raise AudioFileError(f"cannot read audio file '{source}': sample rate is {rate_hz} Hz")
    if width not in (1, 2, 3, 4):
        raise AudioFileError(f"cannot read audio file '{source}': {8 * width}-bit samples (use 16-bit PCM)")
    usable = len(frames) - len(frames) % (width * channels)
    if usable == 0:
        raise AudioFileError(f"cannot read audio file '{source}': it holds no audio (0 samples)")
    array = _to_float(frames[:usable], width).reshape(-1, channels).mean(axis=1)
    return PcmAudio.from_array(array, rate_hz)


def _to_float(frames: bytes, width: int) -> np.ndarray:
    if width == 1:
        return (np.frombuffer(frames, dtype=np.uint8).astype(np.float64) - 128.0) / 128.0
    if width == 2:
        return np.frombuffer(frames, dtype="<i2").astype(np.float64) / 32768.0
    if width == 3:
        raw = np.frombuffer(frames, dtype=np.uint8).reshape(-1, 3).astype(np.int32)
        values = raw[:, 0] | (raw[:, 1] << 8) | (raw[:, 2] << 16)
        values = np.where(values & 0x800000, values - 0x1000000, values)
        return values.astype(np.float64) / 8388608.0
    return np.frombuffer(frames, dtype="<i4").astype(np.float64) / 2147483648.0


def read_wav(path: Path) -> PcmAudio:
    """Read a PCM WAV file of any rate, 8 to 32 bits, mono or stereo, mixed down to mono."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise AudioFileError(f"cannot read audio file '{path}': no such file") from err
    except IsADirectoryError as err:
        raise AudioFileError(f"cannot read audio file '{path}': it is a folder, not a file") from err
    except OSError as err:
        raise AudioFileError(f"cannot read audio file '{path}': {err.strerror}") from err
    return _decode(data, str(path))


def read_wav_bytes(data: bytes, source: str = "<memory>") -> PcmAudio:
    """Read WAV data held in memory (same rules as read_wav)."""
    return _decode(data, source)


def to_wav_bytes(audio: PcmAudio) -> bytes:
    """The audio as a 16-bit mono WAV file in memory."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(audio.rate_hz)
        wav.writeframes(audio.samples)
    return buffer.getvalue()


def write_wav(path: Path, audio: PcmAudio) -> None:
    """Write the audio as a 16-bit mono WAV file."""
    path.write_bytes(to_wav_bytes(audio))


_QUALITY: Final = "HQ"
"""soxr's high quality: 20-bit precision, pass band to 91% of Nyquist, no aliasing; consonants are kept."""


def resample(audio: PcmAudio, rate_hz: int) -> PcmAudio:
    """The audio at another sample rate (python-soxr, band-limited: no aliasing, consonants kept)."""
    if audio.rate_hz == rate_hz or not audio.samples:
        return PcmAudio(audio.samples, rate_hz) if not audio.samples else audio
    result = soxr.resample(np.frombuffer(audio.samples, dtype="<i2"), audio.rate_hz, rate_hz, quality=_QUALITY)
    return PcmAudio(np.asarray(result, dtype="<i2").tobytes(), rate_hz)


class StreamResampler:
    """Resamples consecutive blocks of one stream (a microphone's) as one signal: no clicks at block edges.

    Output blocks vary a little in length around the input's duration, since the filter carries samples over.
    """

    def __init__(self, from_rate_hz: int, to_rate_hz: int) -> None:
        """A resampler from one rate to another, for 16-bit mono blocks."""
        self._stream = soxr.ResampleStream(from_rate_hz, to_rate_hz, 1, dtype="int16", quality=_QUALITY)

    def convert(self, samples: bytes, last: bool = False) -> bytes:
        """The next block at the new rate; last=True also returns what the filter still holds."""
        block = np.frombuffer(samples[: len(samples) - len(samples) % 2], dtype="<i2")
        return np.asarray(self._stream.resample_chunk(block, last=last), dtype="<i2").tobytes()


def to_recogniser_format(audio: PcmAudio) -> PcmAudio:
    """The audio as 16 kHz mono 16-bit PCM."""
    return resample(audio, RECOGNISER_RATE_HZ)


def concatenate(parts: list[PcmAudio], rate_hz: int) -> PcmAudio:
    """Join clips into one, resampling each to rate_hz."""
    return PcmAudio(b"".join(resample(part, rate_hz).samples for part in parts), rate_hz)


def silence(duration_s: float, rate_hz: int) -> PcmAudio:
    """A clip of digital silence."""
    return PcmAudio(b"\x00\x00" * int(round(duration_s * rate_hz)), rate_hz)
