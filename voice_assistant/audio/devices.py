"""Audio devices through sounddevice: list them, pick one by number or name, play and record PCM."""

from __future__ import annotations

import ctypes
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from types import ModuleType, TracebackType
from typing import Any, Final, Protocol, TypeVar

import numpy as np

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
_DEVICE_CALL_TIMEOUT_S: Final = 5.0
"""Longest wait for PortAudio to open, start, abort or close a stream."""
_PLAYBACK_LATENCY_S: Final = 0.05
"""Output buffer length: long enough to survive a busy machine, short enough to stop at once."""
_CHUNK_MS: Final = 30
_NO_DEVICE_HELP: Final = "connect one, or start PulseAudio (apt-get install pulseaudio libasound2-plugins)"

_T = TypeVar("_T")


class DeviceKind(str, Enum):
    """Which way sound flows through a device."""

    INPUT = "input"
    OUTPUT = "output"


@dataclass(frozen=True)
class AudioDevice:
    """One sound device as PortAudio reports it."""

    index: int
    """PortAudio's device number, as shown by `voice-assistant devices` (0 and up)."""
    name: str
    """PortAudio's device name, e.g. 'default' or 'Jabra Speak 410: USB Audio (hw:1,0)'."""
    host_api: str
    """The sound system the device belongs to, e.g. 'ALSA'."""
    input_channels: int
    """Most channels it can record (0 for an output-only device)."""
    output_channels: int
    """Most channels it can play (0 for an input-only device)."""
    default_rate_hz: float
    """The device's preferred sample rate in Hz."""
    is_default_input: bool
    """True for the system's default input device."""
    is_default_output: bool
    """True for the system's default output device."""

    def has_kind(self, kind: DeviceKind) -> bool:
        """True when the device can record (INPUT) or play (OUTPUT)."""
        return (self.input_channels if kind is DeviceKind.INPUT else self.output_channels) > 0

    def to_label(self) -> str:
        """Short form for messages: '[3] Jabra Speak 410'."""
        return f"[{self.index}] {self.name}"


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


def _sounddevice() -> ModuleType:
    try:
        import sounddevice
    except ImportError as err:
        raise AudioDeviceError(
            "audio devices unavailable: the Python package sounddevice is not installed; "
            "install it with: pip install sounddevice"
        ) from err
    except OSError as err:
        raise AudioDeviceError(
            "audio devices unavailable: the PortAudio library is not installed; "
            "install it with: apt-get install libportaudio2"
        ) from err
    module: ModuleType = sounddevice
    return module


def rescan_devices() -> None:
    """Make PortAudio look for devices again (it reads the list once, when sounddevice is imported)."""
    sd = _sounddevice()
    sd._terminate()
    # ALSA caches its configuration, including whether PulseAudio was running; drop the cache.
    try:
        ctypes.CDLL("libasound.so.2").snd_config_update_free_global()
    except (OSError, AttributeError):
        _LOGGER.debug("cannot reset ALSA's configuration cache")
    sd._initialize()


def list_devices() -> list[AudioDevice]:
    """Every input and output device PortAudio can see, in device-number order."""
    sd = _sounddevice()
    host_apis = [str(api["name"]) for api in sd.query_hostapis()]
    default_input, default_output = _default_indices(sd)
    devices = []
    for info in sd.query_devices():
        index = int(info["index"])
        devices.append(
            AudioDevice(
                index=index,
                name=str(info["name"]),
                host_api=host_apis[int(info["hostapi"])] if int(info["hostapi"]) < len(host_apis) else "?",
                input_channels=int(info["max_input_channels"]),
                output_channels=int(info["max_output_channels"]),
                default_rate_hz=float(info["default_samplerate"]),
                is_default_input=index == default_input,
                is_default_output=index == default_output,
            )
        )
    return devices


def _default_indices(sd: ModuleType) -> tuple[int, int]:
    try:
        default_input, default_output = (int(index) for index in sd.default.device)
    except (TypeError, ValueError):
        default_input = default_output = -1
    if default_input < 0 or default_output < 0:
        for api in sd.query_hostapis():
            if default_input < 0:
                default_input = int(api["default_input_device"])
            if default_output < 0:
                default_output = int(api["default_output_device"])
    return default_input, default_output


def find_device(spec: str | int | None, kind: DeviceKind) -> AudioDevice:
    """The device given by number or by part of its name (None: the default) that can record or play."""
    candidates = [device for device in list_devices() if device.has_kind(kind)]
    if not candidates:
        raise AudioDeviceError(f"no {kind.value} device found; {_NO_DEVICE_HELP}")
    if spec is None or (isinstance(spec, str) and not spec.strip()):
        for device in candidates:
            if device.is_default_output if kind is DeviceKind.OUTPUT else device.is_default_input:
                return device
        return candidates[0]
    available = ", ".join(device.to_label() for device in candidates)
    text = str(spec).strip()
    if isinstance(spec, int) or text.isdigit():
        for device in candidates:
            if device.index == int(text):
                return device
        raise AudioDeviceError(f"no {kind.value} device number {text}; available: {available}")
    key = text.casefold()
    exact = [device for device in candidates if device.name.casefold() == key]
    matches = exact or [device for device in candidates if key in device.name.casefold()]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise AudioDeviceError(f"no {kind.value} device matches {text!r}; available: {available}")
    raise AudioDeviceError(
        f"{kind.value} device {text!r} is ambiguous; it matches "
        f"{', '.join(device.to_label() for device in matches)} (give the number instead)"
    )


def describe_devices() -> list[str]:
    """Printable lines, one per device, for `voice-assistant devices`."""
    devices = list_devices()
    if not devices:
        return [f"no audio devices found; {_NO_DEVICE_HELP}"]
    lines = []
    for device in devices:
        roles = []
        if device.input_channels:
            roles.append("input" + (" (default)" if device.is_default_input else ""))
        if device.output_channels:
            roles.append("output" + (" (default)" if device.is_default_output else ""))
        lines.append(f"{device.to_label()} ({device.host_api}): {', '.join(roles)}")
    return lines


def _call_with_timeout(call: Callable[[], _T], what: str, timeout_s: float = _DEVICE_CALL_TIMEOUT_S) -> _T:
    """Run a PortAudio call that could block on a stuck device in a helper thread, and give up in time."""
    result: list[_T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            result.append(call())
        except BaseException as err:  # handed to the caller below
            failure.append(err)

    helper = threading.Thread(target=run, name=f"audio: {what}", daemon=True)
    helper.start()
    helper.join(timeout_s)
    if helper.is_alive():
        raise AudioDeviceError(f"audio device did not respond within {timeout_s:g} s while {what}")
    if failure:
        error = failure[0]
        if isinstance(error, AudioDeviceError):
            raise error
        raise AudioDeviceError(f"audio device failed while {what}: {error}") from error
    return result[0]


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
        sd = _sounddevice()
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

        stream = _call_with_timeout(
            lambda: self._open(sd, samples, rate_hz, state, callback, finished.set), "opening the output stream"
        )
        try:
            _call_with_timeout(stream.start, "starting playback")
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
            _call_with_timeout(stream.abort, "stopping playback")
            _call_with_timeout(stream.close, "closing the output stream")

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
        sd = _sounddevice()
        self._stream = _call_with_timeout(lambda: self._open(sd), "opening the input stream")
        _call_with_timeout(self._stream.start, "starting to record")
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        """Stop recording and close the stream."""
        stream, self._stream = self._stream, None
        if stream is not None:
            _call_with_timeout(stream.abort, "stopping recording")
            _call_with_timeout(stream.close, "closing the input stream")

    def __iter__(self) -> Iterator[bytes]:
        """Chunks until the context is left."""
        while self._stream is not None:
            yield self.read_chunk()

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
