"""The one PulseAudio fixture module: a private daemon, a virtual speaker and microphone, and a recorder.

Loaded for every test through `pytest_plugins` in tests/conftest.py: the `pulse_server` fixture (the
daemon with a null-sink speaker, made this process's sounddevice default) and the `room` fixture (the
same daemon with a microphone sink and an optional echo, for the assistant as a separate process). One
daemon serves the whole session. Also used by benchmarks/speak.py and benchmarks/loop.py.

The daemon runs as the current user (root included) in a temporary folder, with its own socket, so it
never touches a desktop's sound server. Clients reach it through PULSE_SERVER; ALSA's pulse plugin
(Debian's /etc/alsa/conf.d/99-pulse.conf) then makes it ALSA's default device, so PortAudio and
sounddevice see it as the devices "pulse" and "default" — no ALSA configuration file is written.

The room: `va_sink` is the speaker and `va_mic` the microphone — what is played into it with paplay is
what the assistant hears, through its monitor `va_mic.monitor`. The assistant process is pointed at them
with PULSE_SOURCE and PULSE_SINK (Room.assistant_env()). A loopback from the speaker's monitor into the
microphone sink models the room's echo; unloading the microphone sink models an unplugged headset.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Final

import numpy as np
import pytest
from speech_fixtures import fail_or_skip, require_module

SINK_NAME: Final = "va_sink"
"""Name of the null sink (the virtual speaker)."""
RECORD_RATE_HZ: Final = 16_000
"""Rate at which the sink's monitor is recorded."""
SOUND_FLOOR: Final = 300.0
"""RMS (int16 units, about -40 dBFS) above which a 10 ms window counts as sound; the null sink is exactly 0."""
MIC_SINK_NAME: Final = "va_mic"
"""Null sink whose monitor is the assistant's microphone."""
MIC_SOURCE_NAME: Final = f"{MIC_SINK_NAME}.monitor"
_MIC_MODULE_ARGS: Final = (
    f"sink_name={MIC_SINK_NAME}", "rate=16000", "channels=1", "norewinds=1",
    "sink_properties=device.description=voice-assistant-test-microphone",
)


class PulseUnavailable(RuntimeError):
    """PulseAudio cannot be started here (the message says what is missing)."""


@dataclass(frozen=True)
class Recording:
    """What came out of the virtual speaker: 16 kHz mono int16 samples."""

    samples: np.ndarray
    """int16 samples at RECORD_RATE_HZ."""

    def window_rms(self, window_ms: int = 10) -> np.ndarray:
        """RMS of each window_ms window, in int16 units."""
        size = RECORD_RATE_HZ * window_ms // 1000
        usable = len(self.samples) // size * size
        windows = self.samples[:usable].astype(np.float64).reshape(-1, size)
        return np.sqrt(np.mean(windows**2, axis=1)) if usable else np.zeros(0)

    def rms(self) -> float:
        """RMS of the whole recording."""
        return float(np.sqrt(np.mean(self.samples.astype(np.float64) ** 2))) if len(self.samples) else 0.0

    def sound_span_s(self, floor: float = SOUND_FLOOR) -> float:
        """Seconds from the first to the end of the last 10 ms window louder than floor (0 if silent)."""
        loud = np.nonzero(self.window_rms(10) > floor)[0]
        return 0.0 if len(loud) == 0 else (int(loud[-1]) - int(loud[0]) + 1) * 0.010


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


class Recorder:
    """Records a source with parec while the context is open, noting when each chunk arrives."""

    def __init__(self, server: PulseServer, source: str = f"{SINK_NAME}.monitor", latency_ms: int = 10) -> None:
        """Prepare a recording of source (by default the speaker's monitor)."""
        self._server = server
        self._source = source
        self._latency_ms = latency_ms
        self._process: subprocess.Popen[bytes] | None = None
        self._reader: threading.Thread | None = None
        self._lock = threading.Lock()
        self._chunks: list[tuple[float, bytes]] = []
        self.recording = Recording(np.zeros(0, dtype=np.int16))
        """The finished recording (set when the context ends)."""

    def __enter__(self) -> Recorder:
        """Start parec and wait until audio flows."""
        self._process = subprocess.Popen(
            [
                "parec", "--device", self._source, "--raw", "--format=s16le",
                f"--rate={RECORD_RATE_HZ}", "--channels=1", f"--latency-msec={self._latency_ms}",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=self._server.client_env(),
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        deadline = time.monotonic() + 5.0
        while self._recorded_bytes() < RECORD_RATE_HZ // 10 and time.monotonic() < deadline:
            time.sleep(0.01)
        if self._recorded_bytes() == 0:
            raise PulseUnavailable(f"parec recorded nothing from '{self._source}' within 5 s")
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        """Stop parec and keep what it recorded."""
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=5)
        if self._reader is not None:
            self._reader.join(timeout=5)
        data = b"".join(chunk for _, chunk in self.snapshot().chunks)
        usable = len(data) // 2 * 2
        self.recording = Recording(np.frombuffer(data[:usable], dtype="<i2").copy())

    def snapshot(self) -> TimedRecording:
        """What was recorded so far, with arrival times."""
        with self._lock:
            return TimedRecording(list(self._chunks))

    def _recorded_bytes(self) -> int:
        with self._lock:
            return sum(len(chunk) for _, chunk in self._chunks)

    def _read(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        while True:
            data = self._process.stdout.read1(640)
            now = time.perf_counter()
            if not data:
                return
            with self._lock:
                self._chunks.append((now, data))


class PulseServer:
    """A running private PulseAudio daemon with one null sink; stop() ends it and removes its folder."""

    def __init__(self, folder: Path, process: subprocess.Popen[bytes]) -> None:
        """Wrap a started daemon (use start_pulse_server())."""
        self.folder = folder
        self.process = process
        self.socket = folder / "runtime" / "native"
        self.server = f"unix:{self.socket}"
        """Value for PULSE_SERVER."""
        self.sink = SINK_NAME

    def client_env(self) -> dict[str, str]:
        """The environment for a client process (os.environ plus PULSE_SERVER)."""
        env = {key: value for key, value in os.environ.items() if key not in ("PULSE_SINK", "PULSE_SOURCE")}
        env["PULSE_SERVER"] = self.server
        return env

    def record(self, source: str = f"{SINK_NAME}.monitor") -> Recorder:
        """A context manager recording a source (by default what is played to the null sink)."""
        return Recorder(self, source)

    def stop(self) -> None:
        """End the daemon and remove its folder."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        shutil.rmtree(self.folder, ignore_errors=True)


def start_pulse_server(timeout_s: float = 10.0) -> PulseServer:
    """Start a private PulseAudio daemon with a null sink; raise PulseUnavailable saying what is missing."""
    for program, package in (("pulseaudio", "pulseaudio"), ("parec", "pulseaudio-utils"), ("pactl", "pulseaudio-utils")):
        if shutil.which(program) is None:
            raise PulseUnavailable(f"{program} is not installed (apt-get install {package})")
    folder = Path(tempfile.mkdtemp(prefix="va-pulse-"))
    for name in ("home", "runtime", "state"):
        (folder / name).mkdir(mode=0o700)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PULSE_")}
    env.update(
        HOME=str(folder / "home"),
        XDG_RUNTIME_DIR=str(folder / "runtime"),
        XDG_CONFIG_HOME=str(folder / "home"),
        PULSE_RUNTIME_PATH=str(folder / "runtime"),
        PULSE_STATE_PATH=str(folder / "state"),
    )
    socket = folder / "runtime" / "native"
    command = [
        "pulseaudio", "--daemonize=no", "--system=false", "-n", "--exit-idle-time=-1", "--disallow-exit",
        "--use-pid-file=false", "--realtime=no", "--high-priority=no", "--log-target=stderr",
        f"--load=module-native-protocol-unix auth-anonymous=1 socket={socket}",
        # norewinds: with rewinds, a low-latency client makes the null sink stall its monitor.
        f"--load=module-null-sink sink_name={SINK_NAME} rate=48000 norewinds=1 "
        "sink_properties=device.description=voice-assistant-test-speaker",
    ]
    log = (folder / "pulseaudio.log").open("wb")
    process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log, cwd=folder)
    server = PulseServer(folder, process)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        if socket.exists():
            check = subprocess.run(
                ["pactl", "info"], env=server.client_env(), capture_output=True, text=True, timeout=5
            )
            if check.returncode == 0:
                return server
        time.sleep(0.05)
    log.flush()
    tail = (folder / "pulseaudio.log").read_text(errors="replace").strip().splitlines()[-3:]
    server.stop()
    raise PulseUnavailable(f"PulseAudio did not start within {timeout_s:g} s: {' | '.join(tail)}")


class Room:
    """A started PulseServer with a microphone sink; close() takes the microphone and echo away again."""

    def __init__(self, server: PulseServer) -> None:
        """Add the microphone to a running server."""
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

    def close(self) -> None:
        """Take the echo and the microphone away, leaving the server as it was."""
        self.remove_echo()
        self.remove_microphone()

    def stop(self) -> None:
        """End the daemon (for a room from start_room())."""
        self.server.stop()


def start_room() -> Room:
    """A new private daemon with a speaker and a microphone (for benchmarks); room.server.stop() ends it."""
    server = start_pulse_server()
    try:
        return Room(server)
    except BaseException:
        server.stop()
        raise


_SERVER: list[PulseServer] = []


def _stop_server() -> None:
    while _SERVER:
        _SERVER.pop().stop()


def _session_server() -> PulseServer:
    """The session's one daemon, started on first use (fail or skip when PulseAudio is missing)."""
    if not _SERVER:
        try:
            _SERVER.append(start_pulse_server())
        except PulseUnavailable as err:
            fail_or_skip(f"PulseAudio is not available: {err}")
        atexit.register(_stop_server)
    return _SERVER[0]


@pytest.fixture(scope="session")
def pulse_server() -> Iterator[PulseServer]:
    """The running daemon with a null sink, made the default device of this process's sounddevice.

    Sets PULSE_SERVER for the rest of the session (so subprocesses reach it too) and makes PortAudio
    rescan its devices, since sounddevice lists them once, when first imported.
    """
    require_module("sounddevice")
    server = _session_server()
    os.environ["PULSE_SERVER"] = server.server
    os.environ.pop("PULSE_SINK", None)
    os.environ.pop("PULSE_SOURCE", None)
    from voice_assistant.audio.devices import rescan_devices

    rescan_devices()
    yield server


@pytest.fixture(scope="module")
def room() -> Iterator[Room]:
    """The session's daemon with a virtual microphone (and speaker) for one test module."""
    started = Room(_session_server())
    yield started
    started.close()
