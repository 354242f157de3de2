"""Speech synthesis: the Speaker protocol, Pyttsx3Speaker (pyttsx3 + espeak-ng) and sentence splitting."""

from __future__ import annotations

import ctypes
import importlib.util
import json
import os
import re
import select
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import IO, Final, Protocol

import numpy as np

from voice_assistant.audio.pcm import PcmAudio, concatenate, read_wav_bytes, silence
from voice_assistant.errors import AudioDeviceError, AudioFileError, ConfigError
from voice_assistant.tts.worker import ESPEAK_MISSING, PYTTSX3_MISSING

__all__ = [
    "DEFAULT_RATE_WPM",
    "MIN_RATE_WPM",
    "MAX_RATE_WPM",
    "SYNTHESIS_RATE_HZ",
    "REPLY_GAP_S",
    "Speaker",
    "Pyttsx3Speaker",
    "split_sentences",
    "synthesise_sentences",
    "synthesise_replies",
    "find_synthesis_problem",
    "scale_volume",
]

DEFAULT_RATE_WPM: Final = 175
"""espeak-ng's own default speaking rate, in words per minute."""
MIN_RATE_WPM: Final = 80
"""Slowest rate espeak-ng accepts, in words per minute."""
MAX_RATE_WPM: Final = 450
"""Fastest rate espeak-ng accepts, in words per minute."""
SYNTHESIS_RATE_HZ: Final = 22_050
"""Sample rate of espeak-ng's voices (pyttsx3 writes its files at this rate)."""
REPLY_GAP_S: Final = 0.6
"""Silence between two replies in a file of spoken replies, in seconds."""

_ESPEAK_LIBRARIES: Final = ("libespeak-ng.so.1", "libespeak.so.1")

# Sentence ends at . ! ? or … (with any closing quote or bracket) followed by white space; a blank
# line or a line break also ends one. Abbreviations are rare in spoken content but must not split.
_SENTENCE_END: Final = re.compile(r"(?<=[.!?…])\s+|(?<=[.!?…][\"'”’)\]])\s+|\s*\n\s*")
_ABBREVIATIONS: Final = frozenset({"e.g.", "i.e.", "dr.", "mr.", "mrs.", "ms.", "etc.", "vs.", "st.", "no."})


class Speaker(Protocol):
    """Turns text into speech audio."""

    def synthesise(self, text: str, rate_wpm: int, volume: float) -> PcmAudio:
        """Speech for the text at the rate (words per minute) and volume (0.0 to 1.0)."""
        ...


def split_sentences(text: str) -> list[str]:
    """The text cut into sentences, in order, without empty pieces (a text without an ending is one)."""
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        candidate = text[start : match.start()].strip()
        last_word = candidate.rsplit(None, 1)[-1].casefold() if candidate else ""
        if last_word in _ABBREVIATIONS and "\n" not in match.group():
            continue
        if candidate:
            pieces.append(candidate)
        start = match.end()
    rest = text[start:].strip()
    if rest:
        pieces.append(rest)
    return pieces


def scale_volume(audio: PcmAudio, volume: float) -> PcmAudio:
    """The audio with every sample multiplied by volume (0.0 to 1.0; clipped to the int16 range)."""
    if volume == 1.0 or not audio.samples:
        return audio
    scaled = audio.to_array().astype(np.float64) * volume
    return PcmAudio.from_array(np.rint(scaled).astype(np.int64), audio.rate_hz)


def _check_settings(rate_wpm: int, volume: float) -> None:
    if not MIN_RATE_WPM <= rate_wpm <= MAX_RATE_WPM:
        raise ConfigError(
            f"speaking rate {rate_wpm} words per minute is out of range "
            f"(use {MIN_RATE_WPM} to {MAX_RATE_WPM})"
        )
    if not 0.0 <= volume <= 1.0:
        raise ConfigError(f"volume {volume} is out of range (use 0.0 to 1.0)")


def find_synthesis_problem() -> str | None:
    """One line saying why pyttsx3 with espeak-ng cannot speak here, or None when both are present."""
    if importlib.util.find_spec("pyttsx3") is None:
        return PYTTSX3_MISSING
    for name in _ESPEAK_LIBRARIES:
        try:
            ctypes.CDLL(name)
        except OSError:
            continue
        return None
    return ESPEAK_MISSING


class Pyttsx3Speaker:
    """Speaker using pyttsx3's espeak-ng driver in a worker process, with a timeout on every call.

    pyttsx3 keeps global engine state: its espeak driver installs one process-wide synthesis callback,
    runAndWait returns before the file is written (2.99), and reusing an engine across threads can
    hang. So one worker process owns one engine and serves requests one at a time; a worker that does
    not answer in time is killed and a fresh one starts on the next call.
    """

    def __init__(self, voice: str | None = None, *, timeout_s: float = 10.0, start_timeout_s: float = 20.0) -> None:
        """Prepare a speaker; the worker starts on first use or on start()."""
        self._voice = voice
        self._timeout_s = timeout_s
        self._start_timeout_s = start_timeout_s
        self._lock = threading.Lock()
        self._worker: subprocess.Popen[bytes] | None = None
        self._buffer = bytearray()

    def __enter__(self) -> Pyttsx3Speaker:
        """Start the worker."""
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        """Stop the worker."""
        self.close()

    def start(self) -> None:
        """Start the worker now (it takes a few hundred milliseconds) so the first reply is quick."""
        with self._lock:
            self._ensure_worker()

    def close(self) -> None:
        """Stop the worker process."""
        with self._lock:
            self._stop_worker()

    def synthesise(self, text: str, rate_wpm: int, volume: float) -> PcmAudio:
        """Speech for the text at rate_wpm words per minute and volume 0.0 to 1.0 (22050 Hz mono)."""
        _check_settings(rate_wpm, volume)
        if not text.strip():
            return PcmAudio(b"", SYNTHESIS_RATE_HZ)
        request = json.dumps({"text": text, "rate_wpm": int(rate_wpm)}).encode("utf-8") + b"\n"
        with self._lock:
            worker = self._ensure_worker()
            deadline = time.monotonic() + self._timeout_s
            try:
                stdin = _pipe(worker.stdin)
                stdin.write(request)
                stdin.flush()
                header = self._read_header(deadline, "synthesising speech")
                data = self._read_exact(int(str(header["nbytes"])), deadline, "synthesising speech")
            except (BrokenPipeError, OSError) as err:
                self._stop_worker()
                raise AudioDeviceError(
                    f"speech synthesis failed: the pyttsx3 worker stopped ({err}); try again"
                ) from err
        try:
            audio = read_wav_bytes(data, "pyttsx3 output")
        except AudioFileError as err:
            raise AudioDeviceError(f"speech synthesis failed for {_quote(text)}: {err}") from err
        # pyttsx3 drivers differ in whether volume reaches a saved file, so the worker always
        # synthesises at full volume and the volume is applied here, exactly.
        return scale_volume(audio, volume)

    def _ensure_worker(self) -> subprocess.Popen[bytes]:
        if self._worker is not None and self._worker.poll() is None:
            return self._worker
        self._stop_worker()
        problem = find_synthesis_problem()
        if problem is not None:
            raise AudioDeviceError(problem)
        command = [sys.executable, "-m", "voice_assistant.tts.worker"]
        if self._voice is not None:
            command.append(self._voice)
        try:
            self._worker = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
            )
        except OSError as err:
            raise AudioDeviceError(f"speech synthesis failed: cannot start the pyttsx3 worker: {err}") from err
        self._buffer.clear()
        header = self._read_header(time.monotonic() + self._start_timeout_s, "starting pyttsx3")
        if not header.get("ready"):
            self._stop_worker()
            raise AudioDeviceError("speech synthesis failed: the pyttsx3 worker did not start")
        worker = self._worker
        if worker is None:
            raise AudioDeviceError("speech synthesis failed: the pyttsx3 worker did not start")
        return worker

    def _stop_worker(self) -> None:
        worker, self._worker = self._worker, None
        if worker is None:
            return
        for stream in (worker.stdin, worker.stdout):
            if stream is not None:
                stream.close()
        # Closing its input ends the worker, which then removes its temporary folder.
        try:
            worker.wait(timeout=1.0)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=5)

    def _read_header(self, deadline: float, doing: str) -> dict[str, object]:
        line = self._read_until_newline(deadline, doing)
        try:
            header = json.loads(line)
        except ValueError as err:
            self._stop_worker()
            raise AudioDeviceError(f"speech synthesis failed: the pyttsx3 worker sent {line[:80]!r}") from err
        if not isinstance(header, dict):
            self._stop_worker()
            raise AudioDeviceError(f"speech synthesis failed: the pyttsx3 worker sent {line[:80]!r}")
        if "error" in header:
            if header.get("ready") is False:
                self._stop_worker()
            raise AudioDeviceError(str(header["error"]))
        return header

    def _read_until_newline(self, deadline: float, doing: str) -> bytes:
        while b"\n" not in self._buffer:
            self._fill(deadline, doing)
        line, _, rest = bytes(self._buffer).partition(b"\n")
        self._buffer[:] = rest
        return line

    def _read_exact(self, count: int, deadline: float, doing: str) -> bytes:
        while len(self._buffer) < count:
            self._fill(deadline, doing)
        data = bytes(self._buffer[:count])
        del self._buffer[:count]
        return data

    def _fill(self, deadline: float, doing: str) -> None:
        worker = self._worker
        if worker is None or worker.stdout is None:
            raise AudioDeviceError(f"speech synthesis failed while {doing}: the pyttsx3 worker is not running")
        remaining = deadline - time.monotonic()
        ready = select.select([worker.stdout], [], [], max(0.0, remaining))[0] if remaining > 0 else []
        if not ready:
            self._stop_worker()
            raise AudioDeviceError(
                f"speech synthesis timed out while {doing} (no answer from pyttsx3 within the time limit); "
                "check that espeak-ng works: espeak-ng 'test'"
            )
        chunk = os.read(worker.stdout.fileno(), 1 << 16)
        if not chunk:
            code = worker.poll()
            self._stop_worker()
            raise AudioDeviceError(
                f"speech synthesis failed while {doing}: the pyttsx3 worker exited (code {code})"
            )
        self._buffer.extend(chunk)


def synthesise_sentences(text: str, speaker: Speaker, rate_wpm: int, volume: float) -> PcmAudio:
    """The text spoken sentence by sentence and joined, exactly as the speech pipeline plays it."""
    parts = [speaker.synthesise(sentence, rate_wpm, volume) for sentence in split_sentences(text)]
    rate_hz = parts[0].rate_hz if parts else SYNTHESIS_RATE_HZ
    return concatenate(parts, rate_hz)


def synthesise_replies(
    texts: list[tuple[str, int, float]], speaker: Speaker, *, gap_s: float = REPLY_GAP_S
) -> PcmAudio:
    """All replies (text, rate in words per minute, volume 0.0 to 1.0) in order, gap_s of silence between."""
    parts: list[PcmAudio] = []
    for index, (text, rate_wpm, volume) in enumerate(texts):
        spoken = synthesise_sentences(text, speaker, rate_wpm, volume)
        if index:
            parts.append(silence(gap_s, spoken.rate_hz))
        parts.append(spoken)
    rate_hz = parts[0].rate_hz if parts else SYNTHESIS_RATE_HZ
    return concatenate(parts, rate_hz)


def _quote(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _pipe(stream: IO[bytes] | None) -> IO[bytes]:
    if stream is None:
        raise AudioDeviceError("speech synthesis failed: the pyttsx3 worker has no input pipe")
    return stream
