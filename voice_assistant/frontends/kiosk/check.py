"""`voice-assistant kiosk --check`: is the microphone, speaker, recogniser model, voice and page working?

For the clinic's IT person: one line per part, `ok` or `FAILED` with what to do, exit status 0 only when
every part works.
"""

from __future__ import annotations

import json
import math
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, TextIO

import numpy as np

from voice_assistant.app.assistant import Assistant
from voice_assistant.errors import VoiceAssistantError
from voice_assistant.app.settings import Settings
from voice_assistant.asr.recogniser import Recogniser
from voice_assistant.audio.devices import SoundDeviceMicrophone, SoundDevicePlayer
from voice_assistant.audio.pcm import PcmAudio
from voice_assistant.frontends.kiosk.server import APP_NAME, KioskServer, PageOptions
from voice_assistant.frontends.kiosk.session import Kiosk
from voice_assistant.tts.synthesis import Pyttsx3Speaker, find_synthesis_problem


__all__ = ["CheckResult", "check_kiosk"]

_MIC_LISTEN_S: Final = 0.6
_HTTP_TIMEOUT_S: Final = 5.0


@dataclass(frozen=True)
class CheckResult:
    """One part's check."""

    part: str
    """microphone, speaker, recogniser model, voice or page."""
    ok: bool
    """True when the part works."""
    detail: str
    """What was found, or what failed and what to do."""
    skipped: bool = False
    """True when the part was not checked (speech is off)."""

    def to_line(self) -> str:
        """'speaker           ok      [3] pulse'."""
        verdict = "skipped" if self.skipped else "ok" if self.ok else "FAILED"
        return f"{self.part:<17} {verdict:<7} {self.detail}"


def _run(part: str, check: Callable[[], str]) -> CheckResult:
    try:
        return CheckResult(part, True, check())
    except VoiceAssistantError as err:
        return CheckResult(part, False, " ".join(str(err).split()))
    except Exception as err:  # the report must name every part, whatever breaks
        return CheckResult(part, False, f"unexpected {type(err).__name__}: {' '.join(str(err).split())}")


def _check_microphone(settings: Settings) -> str:

    chunks: list[bytes] = []
    with SoundDeviceMicrophone(settings.input_device) as microphone:
        deadline = time.monotonic() + _MIC_LISTEN_S
        while time.monotonic() < deadline:
            chunks.append(microphone.read_chunk())
        label = microphone.device.to_label()
    samples = np.frombuffer(b"".join(chunks), dtype="<i2").astype(np.float64)
    rms = float(np.sqrt(np.mean(samples**2))) if samples.size else 0.0
    level = 20 * math.log10(rms / 32768.0) if rms > 0 else -math.inf
    shown = "silent" if level == -math.inf else f"{level:.0f} dBFS"
    return f"{label}: recorded {_MIC_LISTEN_S:g} s, sound level {shown}"


def _check_speaker(settings: Settings) -> str:

    player = SoundDevicePlayer(settings.output_device)
    player.play(PcmAudio(b"\x00\x00" * 2205, 22050))  # 0.1 s of silence: opens and plays the device
    return f"{player.device.to_label()}: played a test sound"


def _check_recogniser(make_recogniser: Callable[[], "Recogniser"]) -> str:

    started = time.perf_counter()
    recogniser = make_recogniser()
    loaded_s = time.perf_counter() - started
    recogniser.transcribe(PcmAudio(b"\x00\x00" * 8000, 16000))
    return f"{recogniser.name} {recogniser.model_name}: loaded in {loaded_s:.1f} s and transcribed a test clip"


def _check_voice(settings: Settings) -> str:

    problem = find_synthesis_problem()
    if problem is not None:
        raise VoiceAssistantError(problem)
    started = time.perf_counter()
    with Pyttsx3Speaker(voice=settings.voice) as speaker:
        audio = speaker.synthesise("Testing.", settings.rate_wpm, settings.volume)
    if not audio.samples:
        raise VoiceAssistantError("the voice produced no sound (check espeak-ng and the voice setting)")
    seconds = len(audio.samples) / 2 / audio.rate_hz
    name = settings.voice or "default voice"
    return f"{name}: synthesised {seconds:.1f} s of speech in {time.perf_counter() - started:.1f} s"


def _get(url: str, token: str | None, accept: str = "*/*") -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept, **({"X-Kiosk-Token": token} if token else {})})
    with urllib.request.urlopen(request, timeout=_HTTP_TIMEOUT_S) as response:
        return int(response.status), response.read(65536)


def _running_kiosk(url: str) -> dict[str, object] | None:

    try:
        _, data = _get(url + "health", None)
        health = json.loads(data)
    except (OSError, ValueError):
        return None
    return health if isinstance(health, dict) and health.get("app") == APP_NAME else None


def _check_page(assistant: Assistant, settings: Settings) -> str:

    host = "127.0.0.1" if settings.kiosk_host in ("0.0.0.0", "::") else settings.kiosk_host
    shown_host = f"[{host}]" if ":" in host else host
    url = f"http://{shown_host}:{settings.kiosk_port}/"
    running = _running_kiosk(url)
    if running is not None:
        status, page = _get(url, settings.kiosk_token)
        if status != 200 or b'id="reply"' not in page:
            raise VoiceAssistantError(f"the running kiosk at {url} answered but its page is incomplete")
        return f"the running kiosk at {url} serves the page ({running.get('pages', 0)} page(s) connected)"
    try:
        server = KioskServer(Kiosk(assistant), settings.kiosk_host, settings.kiosk_port, settings.kiosk_token,
                             PageOptions(settings.text_size, settings.push_to_talk_key))
    except OSError as err:
        raise VoiceAssistantError(
            f"port {settings.kiosk_port} on {settings.kiosk_host} is used by another program ({err.strerror}); "
            "choose another with --port"
        ) from err
    server.start()
    try:
        url = server.url.replace("0.0.0.0", "127.0.0.1")
        started = time.perf_counter()
        for path, needle in (("", b'id="reply"'), ("static/kiosk.css", b"--body-size"), ("static/kiosk.js", b"EventSource")):
            status, data = _get(url + path, settings.kiosk_token)
            if status != 200 or needle not in data:
                raise VoiceAssistantError(f"the page part '/{path}' is missing or incomplete (reinstall the package)")
        request = urllib.request.Request(url + "events", headers={"Accept": "text/event-stream",
                                                                  **({"X-Kiosk-Token": settings.kiosk_token}
                                                                     if settings.kiosk_token else {})})
        with urllib.request.urlopen(request, timeout=_HTTP_TIMEOUT_S) as response:
            first = b""
            while b"event: state" not in first and len(first) < 65536:
                line = response.readline()
                if not line:
                    break
                first += line
        if b"event: state" not in first:
            raise VoiceAssistantError("the page's live updates (/events) sent nothing")
        elapsed_ms = (time.perf_counter() - started) * 1000
    except urllib.error.URLError as err:
        raise VoiceAssistantError(f"the page at {url} cannot be fetched: {err.reason}") from err
    finally:
        server.close()
    return f"{url} serves the page and live updates ({elapsed_ms:.0f} ms); not running now, so it was started for the check"


def check_kiosk(
    assistant: Assistant,
    settings: Settings,
    make_recogniser: Callable[[], "Recogniser"],
    stdout: TextIO,
) -> int:
    """Check each part, print one line for each; 0 when all work, 1 otherwise."""
    results = [_run("microphone", lambda: _check_microphone(settings))]
    if settings.speech:
        results.append(_run("speaker", lambda: _check_speaker(settings)))
    else:
        results.append(CheckResult("speaker", True, "speech is off (--no-speech)", skipped=True))
    results.append(_run("recogniser model", lambda: _check_recogniser(make_recogniser)))
    if settings.speech:
        results.append(_run("voice", lambda: _check_voice(settings)))
    else:
        results.append(CheckResult("voice", True, "speech is off (--no-speech)", skipped=True))
    results.append(_run("page", lambda: _check_page(assistant, settings)))
    for result in results:
        stdout.write(result.to_line() + "\n")
    failed = [r.part for r in results if not r.ok]
    stdout.write("kiosk check: all parts work\n" if not failed else f"kiosk check: not working: {', '.join(failed)}\n")
    stdout.flush()
    return 0 if not failed else 1
