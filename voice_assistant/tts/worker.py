"""The pyttsx3 worker process behind Pyttsx3Speaker: one espeak-ng engine, one request at a time.

Protocol: the parent writes one JSON object per line ({"text": ..., "rate_wpm": ...}); the worker
answers each with a JSON header line ({"nbytes": N} or {"error": "one line"}) followed by N bytes of
WAV. On start it sends {"ready": true} or {"ready": false, "error": "..."}.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
import time
from typing import Any, Final

__all__ = ["ESPEAK_MISSING", "PYTTSX3_MISSING", "serve"]

ESPEAK_MISSING: Final = (
    "speech output unavailable: the espeak-ng library (libespeak-ng.so.1) is not installed; "
    "install it with: apt-get install espeak-ng"
)
PYTTSX3_MISSING: Final = (
    "speech output unavailable: the Python package pyttsx3 is not installed; "
    "install it with: pip install pyttsx3"
)


def serve() -> None:
    """Run in the worker process: answer one JSON request per line with a header line and WAV bytes."""
    out = os.fdopen(os.dup(1), "wb")
    # pyttsx3's espeak driver prints "Audio saved to …" on stdout; keep the protocol pipe clean.
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    def send(header: dict[str, object], data: bytes = b"") -> None:
        out.write(json.dumps(header).encode("utf-8") + b"\n" + data)
        out.flush()

    with tempfile.TemporaryDirectory(prefix="va-tts-") as folder:
        try:
            engine = _Engine(sys.argv[1] if len(sys.argv) > 1 else None, folder)
        except _WorkerError as err:
            send({"ready": False, "error": str(err)})
            return
        send({"ready": True})
        for line in sys.stdin.buffer:
            request = json.loads(line)
            try:
                data = engine.synthesise(str(request["text"]), int(request["rate_wpm"]))
            except _WorkerError as err:
                send({"error": str(err)})
                continue
            send({"nbytes": len(data)}, data)


class _WorkerError(Exception):
    """The worker cannot synthesise (the message is the one line for the user)."""


_ATTEMPTS: Final = 3
"""How often one text is synthesised before an empty result is given up on."""
_WAV_HEADER_BYTES: Final = 44
"""Size of a WAV header with no samples after it."""


class _Engine:
    """pyttsx3's espeak engine, driven so that its races cannot bite (runs in the worker process).

    pyttsx3 2.99's espeak driver (1) returns from runAndWait before the file is written, (2) reports
    the end of an utterance from espeak-ng's thread, which then marks the engine idle and runs its
    command queue, and (3) calls espeak's Cancel() at the end of every runAndWait if espeak still has
    work queued — which throws away a rate change that espeak has not yet applied. So each request
    waits for the engine and for espeak to be idle before it is started.
    """

    def __init__(self, voice: str | None, folder: str) -> None:
        try:
            import pyttsx3
        except ImportError as err:
            raise _WorkerError(PYTTSX3_MISSING) from err
        try:
            self._engine = pyttsx3.init("espeak")
            from pyttsx3.drivers import _espeak
        except (OSError, RuntimeError, ImportError) as err:
            if "espeak" in str(err).casefold():
                raise _WorkerError(ESPEAK_MISSING) from err
            raise _WorkerError(f"speech output unavailable: pyttsx3 could not start espeak-ng: {err}") from err
        self._is_playing = _espeak.IsPlaying
        self._folder = folder
        self._count = 0
        self._finished = threading.Event()
        self._engine.connect("finished-utterance", lambda **_: self._finished.set())
        # pyttsx3 queues settings until its first run; one short utterance brings it to the idle
        # state in which settings apply at once (and loads the voice data before the first reply).
        self._speak_to_file("Ready.")
        self._wait_until_idle()
        if voice is not None:
            self._engine.setProperty("voice", _find_voice(self._engine.getProperty("voices"), voice))
        self._engine.setProperty("volume", 1.0)

    def synthesise(self, text: str, rate_wpm: int) -> bytes:
        """The text as a WAV file's bytes at rate_wpm words per minute."""
        self._wait_until_idle()
        if self._engine.getProperty("rate") != rate_wpm:
            self._engine.setProperty("rate", rate_wpm)
            self._wait_until_idle()
        return self._speak_to_file(text)

    def _speak_to_file(self, text: str) -> bytes:
        # On a loaded machine the finished-utterance event can come before espeak has written the
        # samples (the file holds a header only): wait for espeak to go idle, and try once more.
        data = b""
        for _attempt in range(_ATTEMPTS):
            data = self._speak_to_file_once(text)
            if len(data) > _WAV_HEADER_BYTES:
                break
        return data

    def _speak_to_file_once(self, text: str) -> bytes:
        self._count += 1
        path = os.path.join(self._folder, f"{self._count}.wav")
        self._finished.clear()
        self._engine.save_to_file(text, path)
        self._engine.runAndWait()
        # Older pyttsx3 versions return from runAndWait after the file is written, 2.99 before;
        # the finished-utterance event covers both.
        if not self._finished.wait(30.0) or not os.path.exists(path):
            raise _WorkerError("speech synthesis failed: pyttsx3 wrote no audio file")
        self._wait_until_idle()
        with open(path, "rb") as wav:
            data = wav.read()
        os.remove(path)
        return data

    def _wait_until_idle(self) -> None:
        deadline = time.monotonic() + 5.0
        while (self._engine.isBusy() or self._is_playing()) and time.monotonic() < deadline:
            time.sleep(0.0005)


def _find_voice(voices: list[object], wanted: str) -> str:
    key = wanted.casefold()
    ids: list[str] = []
    for voice in voices:
        voice_id = str(getattr(voice, "id", ""))
        name = str(getattr(voice, "name", ""))
        ids.append(voice_id.rsplit("/", 1)[-1])
        if key in (voice_id.casefold(), voice_id.rsplit("/", 1)[-1].casefold(), name.casefold()):
            return voice_id
    english = sorted(identifier for identifier in ids if identifier.startswith("en"))
    raise _WorkerError(
        f"unknown voice {wanted!r}; available include: {', '.join(english[:12])} "
        "(list all with: espeak-ng --voices)"
    )


if __name__ == "__main__":
    serve()
