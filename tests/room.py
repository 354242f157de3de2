"""A virtual room for the voice loop: a private PulseAudio daemon with a microphone and a speaker.

Two null sinks: `va_sink` is the speaker (as in tests/pulse.py) and `va_mic` is the microphone — what is
played into it with paplay is what the assistant hears, through its monitor `va_mic.monitor`. The
assistant process is pointed at them with PULSE_SOURCE and PULSE_SINK (room_env()). A loopback from
the speaker's monitor into the microphone sink models the room's echo; unloading the microphone sink
models an unplugged headset. Used by tests/test_loop_e2e.py and benchmarks/loop.py.
"""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Final

import numpy as np
import pytest
from speech_fixtures import fail_or_skip
from pulse import RECORD_RATE_HZ, SINK_NAME, SOUND_FLOOR, PulseServer, PulseUnavailable, start_pulse_server

MIC_SINK_NAME: Final = "va_mic"
"""Null sink whose monitor is the assistant's microphone."""
MIC_SOURCE_NAME: Final = f"{MIC_SINK_NAME}.monitor"
_MIC_MODULE_ARGS: Final = (
    f"sink_name={MIC_SINK_NAME}", "rate=16000", "channels=1", "norewinds=1",
    "sink_properties=device.description=voice-assistant-test-microphone",
)


class Room:
    """A started PulseServer with a microphone sink; stop() ends it."""

    def __init__(self, server: PulseServer) -> None:
        """Add the microphone to a running server (use start_room())."""
        self.server = server
        self._mic_module = ""
        self._loopback = ""
        self.add_microphone()
        self.pactl("set-default-sink", SINK_NAME)

    def pactl(self, *args: str) -> str:
        """Run pactl on this server; its output, or PulseUnavailable with its error."""
        done = subprocess.run(["pactl", *args], env=self.server.client_env(), capture_output=True, text=True, timeout=10)
        if done.returncode != 0:
            raise PulseUnavailable(f"pactl {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout.strip()

    def assistant_env(self) -> dict[str, str]:
        """Environment for the assistant: this server, the microphone sink's monitor in, the speaker out."""
        env = self.server.client_env()
        env.update(PULSE_SOURCE=MIC_SOURCE_NAME, PULSE_SINK=SINK_NAME)
        return env

    def add_microphone(self) -> None:
        """Plug the microphone in (load its null sink)."""
        self._mic_module = self.pactl("load-module", "module-null-sink", *_MIC_MODULE_ARGS)
        self.pactl("set-default-source", MIC_SOURCE_NAME)

    def remove_microphone(self) -> None:
        """Unplug the microphone (unload its null sink; streams on it are moved or lost)."""
        if self._mic_module:
            self.pactl("unload-module", self._mic_module)
            self._mic_module = ""

    def add_echo(self, latency_ms: int = 60) -> None:
        """Let the microphone hear the speaker, as in a room."""
        self._loopback = self.pactl(
            "load-module", "module-loopback", f"source={SINK_NAME}.monitor", f"sink={MIC_SINK_NAME}",
            f"latency_msec={latency_ms}", "source_dont_move=true", "sink_dont_move=true",
        )

    def remove_echo(self) -> None:
        """Stop the speaker reaching the microphone."""
        if self._loopback:
            self.pactl("unload-module", self._loopback)
            self._loopback = ""

    def say(self, wav: Path) -> None:
        """Play a WAV file into the microphone and return when it has played."""
        subprocess.run(
            ["paplay", f"--device={MIC_SINK_NAME}", str(wav)], env=self.server.client_env(), check=True, timeout=60
        )

    def stop(self) -> None:
        """End the daemon."""
        self.server.stop()


def start_room() -> Room:
    """A private PulseAudio daemon with a speaker and a microphone; PulseUnavailable says what is missing."""
    server = start_pulse_server()
    try:
        return Room(server)
    except BaseException:
        server.stop()
        raise


@dataclass
class TimedRecording:
    """A source recorded with the time each chunk arrived (time.perf_counter())."""

    chunks: list[tuple[float, bytes]] = field(default_factory=list)
    """(arrival time, int16 samples at RECORD_RATE_HZ) in order."""

    def loud_times(self, floor: float = SOUND_FLOOR, window_ms: int = 10) -> list[tuple[float, float]]:
        """(start time, end time) of each window_ms window louder than floor, from arrival times."""
        size = RECORD_RATE_HZ * window_ms // 1000
        out = []
        for arrived, data in self.chunks:
            samples = np.frombuffer(data[: len(data) // 2 * 2], dtype="<i2").astype(np.float64)
            count = len(samples) // size
            chunk_start = arrived - len(samples) / RECORD_RATE_HZ
            for index in range(count):
                window = samples[index * size : (index + 1) * size]
                if np.sqrt(np.mean(window**2)) > floor:
                    start = chunk_start + index * size / RECORD_RATE_HZ
                    out.append((start, start + size / RECORD_RATE_HZ))
        return out


class TimedRecorder:
    """Records a source with parec while open, noting when each chunk arrives."""

    def __init__(self, room: Room, source: str) -> None:
        """Prepare to record source (e.g. 'va_sink.monitor')."""
        self._room = room
        self._source = source
        self._process: subprocess.Popen[bytes] | None = None
        self._reader: threading.Thread | None = None
        self._lock = threading.Lock()
        self.recording = TimedRecording()

    def __enter__(self) -> TimedRecorder:
        """Start recording."""
        self._process = subprocess.Popen(
            ["parec", "--device", self._source, "--raw", "--format=s16le", f"--rate={RECORD_RATE_HZ}",
             "--channels=1", "--latency-msec=10"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=self._room.server.client_env(),
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        deadline = time.monotonic() + 5
        while not self.recording.chunks and time.monotonic() < deadline:
            time.sleep(0.01)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        """Stop recording."""
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=5)
        if self._reader is not None:
            self._reader.join(timeout=5)

    def snapshot(self) -> TimedRecording:
        """What was recorded so far."""
        with self._lock:
            return TimedRecording(list(self.recording.chunks))

    def _read(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        while True:
            data = self._process.stdout.read1(640)
            now = time.perf_counter()
            if not data:
                return
            with self._lock:
                self.recording.chunks.append((now, data))


@pytest.fixture(scope="module")
def room() -> Iterator[Room]:
    """A private PulseAudio daemon with a virtual microphone and speaker, for one test module."""
    try:
        started = start_room()
    except PulseUnavailable as err:
        fail_or_skip(f"PulseAudio is not available: {err}")
    yield started
    started.stop()
