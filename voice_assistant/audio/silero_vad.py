"""Silero VAD (the ONNX model that ships inside the faster-whisper wheel) as a per-frame speech detector.

It has the interface of the detector in audio/vad.py (PocketSphinx's WebRTC `Vad`): `frame_bytes`,
`frame_length` and `is_speech(frame)`, so an endpointer can use either. Silero is a small neural network
(about 2 MB) that tells speech from noise far better than sub-band energies do, at about 0.1 ms of CPU per
32 ms frame; onnxruntime is already a dependency of faster-whisper.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

import numpy as np

from voice_assistant.audio.pcm import RECOGNISER_RATE_HZ
from voice_assistant.errors import VoiceAssistantError

__all__ = ["SileroVad", "silero_model_path", "FRAME_SAMPLES"]

FRAME_SAMPLES: Final = 512
"""Silero's window at 16 kHz: 32 ms."""
_CONTEXT_SAMPLES: Final = 64
"""Samples of the previous window the model sees in front of each window."""
_STATE_SHAPE: Final = (1, 1, 128)


def silero_model_path() -> Path:
    """The Silero VAD ONNX file inside the installed faster-whisper package."""
    try:
        import faster_whisper
    except ImportError as err:
        raise VoiceAssistantError(
            "the Silero voice activity detector needs faster-whisper (run `pip install 'voice-assistant[whisper]'`)"
        ) from err
    folder = Path(faster_whisper.__file__).parent / "assets"
    found = sorted(folder.glob("silero_vad*.onnx"))
    if not found:
        raise VoiceAssistantError(f"no Silero VAD model in '{folder}' (reinstall faster-whisper)")
    return found[-1]


class SileroVad:
    """Classifies 32 ms frames of 16 kHz mono 16-bit PCM as speech or not, with Silero's hysteresis."""

    def __init__(self, threshold: float = 0.5, release: float = 0.15, model_path: Path | None = None) -> None:
        """threshold: speech probability that starts speech (0..1); speech goes on until it falls below
        threshold - release (Silero's own default hysteresis)."""
        if not 0.0 < threshold < 1.0 or not 0.0 <= release < threshold:
            raise VoiceAssistantError(
                f"Silero VAD threshold {threshold!r} / release {release!r} not usable (use 0 < release < threshold < 1)"
            )
        try:
            import onnxruntime
        except ImportError as err:
            raise VoiceAssistantError("the Silero voice activity detector needs onnxruntime (pip install onnxruntime)") from err
        options = onnxruntime.SessionOptions()
        options.inter_op_num_threads = 1
        options.intra_op_num_threads = 1
        options.log_severity_level = 4
        path = model_path or silero_model_path()
        try:
            self._session: Any = onnxruntime.InferenceSession(
                str(path), providers=["CPUExecutionProvider"], sess_options=options
            )
        except Exception as err:  # onnxruntime raises its own exception types for unreadable models
            raise VoiceAssistantError(f"cannot load the Silero VAD model '{path}': {err}") from err
        self.threshold = threshold
        self.release = release
        self.frame_bytes = FRAME_SAMPLES * 2
        """Bytes per frame (16-bit samples)."""
        self.frame_length = FRAME_SAMPLES / RECOGNISER_RATE_HZ
        """Seconds per frame."""
        self.reset()

    def reset(self) -> None:
        """Forget earlier audio (start of a new stream)."""
        self._h = np.zeros(_STATE_SHAPE, dtype=np.float32)
        self._c = np.zeros(_STATE_SHAPE, dtype=np.float32)
        self._context = np.zeros(_CONTEXT_SAMPLES, dtype=np.float32)
        self._speaking = False
        self.probability = 0.0
        """The speech probability of the last frame, 0..1."""

    def speech_probability(self, frame: bytes) -> float:
        """Silero's speech probability for one frame of exactly frame_bytes."""
        if len(frame) != self.frame_bytes:
            raise VoiceAssistantError(f"Silero VAD frames are {self.frame_bytes} bytes, got {len(frame)}")
        samples = np.frombuffer(frame, dtype="<i2").astype(np.float32) / 32768.0
        window = np.concatenate([self._context, samples])[np.newaxis, :]
        output, self._h, self._c = self._session.run(None, {"input": window, "h": self._h, "c": self._c})
        self._context = samples[-_CONTEXT_SAMPLES:]
        self.probability = float(np.asarray(output).reshape(-1)[0])
        return self.probability

    def is_speech(self, frame: bytes) -> bool:
        """True when the frame is speech (above threshold, or still above threshold - release in speech)."""
        probability = self.speech_probability(frame)
        if probability >= self.threshold:
            self._speaking = True
        elif probability < self.threshold - self.release:
            self._speaking = False
        return self._speaking
