"""A private PulseAudio daemon with a virtual speaker (null sink) whose sound can be recorded.

Used by the audio tests (through tests/audio_fixtures.py) and by benchmarks/speak.py. The daemon runs
as the current user (root included) in a temporary folder, with its own socket, so it never touches a
desktop's sound server. Clients reach it through PULSE_SERVER; ALSA's pulse plugin (Debian's
/etc/alsa/conf.d/99-pulse.conf) then makes it ALSA's default device, so PortAudio and sounddevice see
it as the devices "pulse" and "default" — no ALSA configuration file is written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Final

import numpy as np

SINK_NAME: Final = "va_sink"
"""Name of the null sink (the virtual speaker)."""
RECORD_RATE_HZ: Final = 16_000
"""Rate at which the sink's monitor is recorded."""
SOUND_FLOOR: Final = 300.0
"""RMS (int16 units, about -40 dBFS) above which a 10 ms window counts as sound; the null sink is exactly 0."""


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


class Recorder:
    """Records the null sink's monitor with parec while the context is open."""

    def __init__(self, server: PulseServer) -> None:
        """Prepare a recording of the server's sink."""
        self._server = server
        self._process: subprocess.Popen[bytes] | None = None
        self._data = bytearray()
        self._reader: threading.Thread | None = None
        self.recording = Recording(np.zeros(0, dtype=np.int16))
        """The finished recording (set when the context ends)."""

    def __enter__(self) -> Recorder:
        """Start parec and wait until audio flows."""
        self._process = subprocess.Popen(
            [
                "parec", "--device", f"{SINK_NAME}.monitor", "--raw", "--format=s16le",
                f"--rate={RECORD_RATE_HZ}", "--channels=1", "--latency-msec=20",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=self._server.client_env(),
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        deadline = time.monotonic() + 5.0
        while len(self._data) < RECORD_RATE_HZ // 10 and time.monotonic() < deadline:
            time.sleep(0.01)
        if len(self._data) == 0:
            raise PulseUnavailable("parec recorded nothing from the null sink's monitor within 5 s")
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
        usable = len(self._data) // 2 * 2
        self.recording = Recording(np.frombuffer(bytes(self._data[:usable]), dtype="<i2").copy())

    def _read(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        while True:
            chunk = self._process.stdout.read1(8192)
            if not chunk:
                return
            self._data.extend(chunk)


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

    def record(self) -> Recorder:
        """A context manager recording what is played to the null sink."""
        return Recorder(self)

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
