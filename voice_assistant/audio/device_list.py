"""The sound devices PortAudio sees (through sounddevice): list them, find one by number or name, and call
PortAudio with a timeout, since a stuck device can block a call for ever."""

from __future__ import annotations

import ctypes
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from types import ModuleType
from typing import Final, TypeVar

from voice_assistant.errors import AudioDeviceError

__all__ = [
    "DeviceKind",
    "AudioDevice",
    "load_sounddevice",
    "list_devices",
    "find_device",
    "describe_devices",
    "rescan_devices",
    "call_with_timeout",
]

_LOGGER = logging.getLogger(__name__)
_DEVICE_CALL_TIMEOUT_S: Final = 5.0
"""Longest wait for PortAudio to open, start, abort or close a stream."""
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


def load_sounddevice() -> ModuleType:
    """The sounddevice module, or AudioDeviceError saying what to install."""
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
    sd = load_sounddevice()
    sd._terminate()
    # ALSA caches its configuration, including whether PulseAudio was running; drop the cache.
    try:
        ctypes.CDLL("libasound.so.2").snd_config_update_free_global()
    except (OSError, AttributeError):
        _LOGGER.debug("cannot reset ALSA's configuration cache")
    sd._initialize()


def list_devices() -> list[AudioDevice]:
    """Every input and output device PortAudio can see, in device-number order."""
    sd = load_sounddevice()
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


def call_with_timeout(call: Callable[[], _T], what: str, timeout_s: float = _DEVICE_CALL_TIMEOUT_S) -> _T:
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
