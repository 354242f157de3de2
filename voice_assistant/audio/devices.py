"""Play and record PCM on sound devices through sounddevice; the device list (audio/device_list.py) is
re-exported here for the callers that find a device and then open it."""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from types import ModuleType, TracebackType
from typing import Any, Final, Protocol

import numpy as np

from voice_assistant.audio.device_list import (
    AudioDevice, DeviceKind, call_with_timeout, describe_devices, find_device, list_devices, load_sounddevice,
    rescan_devices,
)
from voice_assistant.audio.pcm import RECOGNISER_RATE_HZ, PcmAudio, StreamResampler, resample
from voice_assistant.errors import AudioDeviceError

__all__ = [
    "DeviceKind",
    "AudioDevice",
    "AudioPlayer",
    "Microphone",
    "SoundDevicePlayer",
    "SoundDeviceMicrophone",
    "list_devices",
    "find_device",
    "describe_devices",
    "rescan_devices",
]

_LOGGER = logging.getLogger(__name__)
_PLAYBACK_LATENCY_S: Final = 0.05
"""Output buffer length: long enough to survive a busy machine, short enough to stop at once."""
_CHUNK_MS: Final = 30


class AudioPlayer(Protocol):
    """Plays PCM audio on one output device; stop() may be called from another thread."""

    def play(
        self,
        audio: PcmAudio,
        *,
        cancel: threading.Event | None = None,
        on_start: Callable[[], None] | None = None,
    ) -> bool:
        """Play to the end (True) or until cancel is set or stop() is called (False); on_start runs at the first sample."""
        ...

    def stop(self) -> None:
        """End the sound that is playing now."""
        ...


class Microphone(Protocol):
    """Records 16 kHz mono 16-bit PCM in short chunks while open."""

    def __enter__(self) -> Microphone:
        """Start recording."""
        ...

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        """Stop recording."""
        ...

    def read_chunk(self) -> bytes:
        """The next chunk of samples (about 30 ms)."""
        ...


class SoundDevicePlayer:
    """AudioPlayer on a sounddevice output device, with a volume gain and a timeout on every call."""

    def __init__(
        self,
        device: str | int | None = None,
        *,
        volume: float = 1.0,
        latency_s: float = _PLAYBACK_LATENCY_S,
        timeout_margin_s: float = 3.0,
    ) -> None:
        """Pick the device now (None: the default), so a missing device is reported before speaking."""
        self.device = find_device(device, DeviceKind.OUTPUT)
        self.volume = volume
        self._latency_s = latency_s
        self._timeout_margin_s = timeout_margin_s
        self._lock = threading.Lock()
        self._current_cancel: threading.Event | None = None

    def stop(self) -> None:
        """End the sound that is playing now (within a few tens of milliseconds)."""
        with self._lock:
            if self._current_cancel is not None:
                self._current_cancel.set()

    def play(
        self,
        audio: PcmAudio,
        *,
        cancel: threading.Event | None = None,
        on_start: Callable[[], None] | None = None,
    ) -> bool:
        """Play to the end (True) or until cancel is set or stop() is called (False)."""
        cancel = cancel if cancel is not None else threading.Event()
        if cancel.is_set():
            return False
        samples = audio.to_array().astype(np.float64) * self.volume
        if samples.size == 0:
            return True
        with self._lock:
            self._current_cancel = cancel
        try:
            return self._play(np.clip(np.rint(samples), -32768, 32767).astype(np.int16), audio.rate_hz, cancel, on_start)
        finally:
            with self._lock:
                if self._current_cancel is cancel:
                    self._current_cancel = None

    def _play(
        self,
        samples: np.ndarray,
        rate_hz: int,
        cancel: threading.Event,
        on_start: Callable[[], None] | None,
    ) -> bool:
        sd = load_sounddevice()
        finished = threading.Event()
        started = threading.Event()
        state: dict[str, Any] = {"position": 0}

        def callback(outdata: np.ndarray, frames: int, _time: Any, _status: Any) -> None:
            if cancel.is_set():
                raise sd.CallbackAbort
            if not started.is_set():
                started.set()
                if on_start is not None:
                    on_start()
            block = state["frames"][state["position"] : state["position"] + frames]
            outdata[: len(block)] = block
            outdata[len(block) :] = 0
            state["position"] += frames
            if len(block) < frames:
                raise sd.CallbackStop

        stream = call_with_timeout(
            lambda: self._open(sd, samples, rate_hz, state, callback, finished.set), "opening the output stream"
        )
        try:
            call_with_timeout(stream.start, "starting playback")
            duration_s = len(state["frames"]) / float(stream.samplerate)
            deadline = time.monotonic() + duration_s + self._timeout_margin_s
            while not finished.wait(0.01):
                if cancel.is_set():
                    break
                if time.monotonic() > deadline:
                    raise AudioDeviceError(
                        f"playback on output device {self.device.to_label()} stalled "
                        f"(no progress for {self._timeout_margin_s:g} s); check the device"
                    )
            return not cancel.is_set()
        finally:
            call_with_timeout(stream.abort, "stopping playback")
            call_with_timeout(stream.close, "closing the output stream")

    def _open(
        self,
        sd: ModuleType,
        samples: np.ndarray,
        rate_hz: int,
        state: dict[str, Any],
        callback: Callable[..., None],
        on_finished: Callable[[], None],
    ) -> Any:
        """Open at the audio's own rate and mono; fall back to the device's rate and channel count."""
        try:
            state["frames"] = samples.reshape(-1, 1)
            return sd.OutputStream(
                device=self.device.index,
                samplerate=rate_hz,
                channels=1,
                dtype="int16",
                latency=self._latency_s,
                callback=callback,
                finished_callback=on_finished,
            )
        except sd.PortAudioError:
            _LOGGER.debug("device %s refused %d Hz mono; converting", self.device.name, rate_hz)
        device_rate_hz = int(self.device.default_rate_hz)
        channels = min(2, self.device.output_channels)
        converted = resample(PcmAudio(samples.astype("<i2").tobytes(), rate_hz), device_rate_hz).to_array()
        state["frames"] = np.repeat(converted.reshape(-1, 1), channels, axis=1)
        try:
            return sd.OutputStream(
                device=self.device.index,
                samplerate=device_rate_hz,
                channels=channels,
                dtype="int16",
                latency=self._latency_s,
                callback=callback,
                finished_callback=on_finished,
            )
        except sd.PortAudioError as err:
            raise AudioDeviceError(f"cannot play on output device {self.device.to_label()}: {err}") from err


class SoundDeviceMicrophone:
    """Microphone on a sounddevice input device: 16 kHz mono int16 chunks of about 30 ms while open."""

    def __init__(
        self,
        device: str | int | None = None,
        *,
        chunk_ms: int = _CHUNK_MS,
        timeout_s: float = 2.0,
        max_queued_chunks: int = 200,
    ) -> None:
        """Pick the device now (None: the default); recording starts when the context is entered."""
        self.device = find_device(device, DeviceKind.INPUT)
        self.rate_hz = RECOGNISER_RATE_HZ
        self._chunk_ms = chunk_ms
        self._timeout_s = timeout_s
        self._chunks: queue.Queue[bytes] = queue.Queue(maxsize=max_queued_chunks)
        self._stream: Any = None

    def __enter__(self) -> SoundDeviceMicrophone:
        """Open the input stream and start recording."""
        sd = load_sounddevice()
        self._stream = call_with_timeout(lambda: self._open(sd), "opening the input stream")
        call_with_timeout(self._stream.start, "starting to record")
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        """Stop recording and close the stream."""
        stream, self._stream = self._stream, None
        if stream is not None:
            call_with_timeout(stream.abort, "stopping recording")
            call_with_timeout(stream.close, "closing the input stream")

    def read_chunk(self) -> bytes:
        """The next chunk (16-bit mono at 16 kHz); waits at most timeout_s for the device."""
        if self._stream is None:
            raise AudioDeviceError("the microphone is not recording (use it in a with block)")
        try:
            return self._chunks.get(timeout=self._timeout_s)
        except queue.Empty:
            raise AudioDeviceError(
                f"no sound from input device {self.device.to_label()} for {self._timeout_s:g} s; "
                "check that the microphone is connected and not used by another program"
            ) from None

    def _open(self, sd: ModuleType) -> Any:
        try:
            return self._open_at(sd, RECOGNISER_RATE_HZ)
        except sd.PortAudioError:
            _LOGGER.debug("device %s refused %d Hz; converting", self.device.name, RECOGNISER_RATE_HZ)
        try:
            return self._open_at(sd, int(self.device.default_rate_hz))
        except sd.PortAudioError as err:
            raise AudioDeviceError(f"cannot record from input device {self.device.to_label()}: {err}") from err

    def _open_at(self, sd: ModuleType, rate_hz: int) -> Any:
        # One resampler for the whole stream: resampling each block alone would click at every block edge.
        resampler = StreamResampler(rate_hz, RECOGNISER_RATE_HZ) if rate_hz != RECOGNISER_RATE_HZ else None

        def callback(indata: bytes, _frames: int, _time: Any, _status: Any) -> None:
            chunk = bytes(indata) if resampler is None else resampler.convert(bytes(indata))
            if not chunk:
                return
            if self._chunks.full():
                # The reader fell behind: drop the oldest audio rather than block the audio thread.
                try:
                    self._chunks.get_nowait()
                except queue.Empty:
                    pass
            self._chunks.put_nowait(chunk)

        return sd.RawInputStream(
            device=self.device.index,
            samplerate=rate_hz,
            channels=1,
            dtype="int16",
            blocksize=rate_hz * self._chunk_ms // 1000,
            callback=callback,
        )
