"""`voice-assistant kiosk`: builds the kiosk from settings, serves its page and runs it until stopped."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Final, TextIO

from voice_assistant.app.assistant import Assistant
from voice_assistant.errors import VoiceAssistantError
from voice_assistant.frontends.kiosk.metrics import MetricsFile
from voice_assistant.frontends.kiosk.server import KioskServer, PageOptions
from voice_assistant.frontends.kiosk.session import Kiosk
from voice_assistant.frontends.kiosk.voice import SpokenInput, open_hearing_input, open_kiosk_voice
from voice_assistant.tts.output import BackgroundVoice
from voice_assistant.app.settings import Settings
from voice_assistant.asr.recogniser import Recogniser


__all__ = ["run_kiosk", "build_kiosk", "TICK_S"]

_log = logging.getLogger(__name__)

TICK_S: Final = 0.25
"""How often the idle clock is checked and the metrics saved if they changed."""
_METRICS_EVERY_S: Final = 30.0


def build_kiosk(
    assistant: Assistant,
    settings: Settings,
    stderr: TextIO,
) -> Kiosk:
    """The kiosk with its voice (when speech is on and possible) and metrics; no microphone yet."""
    kiosk = Kiosk(
        assistant,
        metrics=MetricsFile(settings.metrics_file),
        idle_timeout_s=settings.idle_timeout_s,
        earcons=settings.earcons,
    )
    if settings.speech:
        try:
            kiosk.voice = open_kiosk_voice(settings.voice, settings.output_device, kiosk.on_speaking, kiosk.on_speaker_error)
        except VoiceAssistantError as err:
            stderr.write(f"voice-assistant: note: {err}; replies are shown on the screen only.\n")
    return kiosk


def _load_spoken_input(
    kiosk: Kiosk, make_recogniser: Callable[[], "Recogniser"], settings: Settings, stderr: TextIO
) -> None:
    """Load the recogniser (seconds, for Whisper) while the page already works for touch and typing."""
    try:
        recogniser = make_recogniser()
    except VoiceAssistantError as err:
        stderr.write(f"voice-assistant: note: {err}; spoken questions are off, touch and typing work.\n")
        stderr.flush()
        kiosk.set_spoken_input(None, kiosk.assistant.content.prompts.get("kiosk_microphone_problem"))
        return
    except Exception as err:  # a broken model must not stop the kiosk's screen
        _log.error("the speech recogniser failed to load (%s)", type(err).__name__)
        kiosk.set_spoken_input(None, kiosk.assistant.content.prompts.get("kiosk_microphone_problem"))
        return
    kiosk.engine = recogniser.name
    kiosk.assistant.recogniser = recogniser
    spoken: SpokenInput = open_hearing_input(kiosk.assistant, settings)
    kiosk.set_spoken_input(spoken)
    _log.info("speech recogniser ready: %s %s", recogniser.name, recogniser.model_name)


def run_kiosk(
    assistant: Assistant,
    settings: Settings,
    make_recogniser: Callable[[], "Recogniser"] | None,
    stdout: TextIO,
    stderr: TextIO,
    stop: threading.Event | None = None,
) -> int:
    """Serve the kiosk until SIGTERM, Ctrl-C or stop is set; returns the exit status."""
    stop = stop if stop is not None else threading.Event()
    kiosk = build_kiosk(assistant, settings, stderr)
    prompts = assistant.content.prompts
    if make_recogniser is not None:
        kiosk.set_spoken_input(None, prompts.get("kiosk_starting"))
        threading.Thread(
            target=_load_spoken_input, args=(kiosk, make_recogniser, settings, stderr), name="kiosk-recogniser", daemon=True
        ).start()
    else:
        kiosk.set_spoken_input(None, prompts.get("kiosk_microphone_problem"))
    try:
        server = KioskServer(
            kiosk,
            settings.kiosk_host,
            settings.kiosk_port,
            settings.kiosk_token,
            PageOptions(settings.text_size, settings.push_to_talk_key),
            tls_cert=settings.kiosk_tls_cert,
            tls_key=settings.kiosk_tls_key,
            allowed_hosts=settings.kiosk_allowed_hosts,
        )
    except OSError as err:
        _close_voice(kiosk)
        raise VoiceAssistantError(
            f"cannot serve the kiosk page on {settings.kiosk_host} port {settings.kiosk_port}: {err.strerror} "
            "(is another kiosk running? choose another port with --port)"
        ) from err
    server.start()
    if settings.wake_phrase:
        threading.Thread(target=kiosk.listen_for_wake_phrase, args=(settings.wake_phrase, stop),
                         name="kiosk-wake-phrase", daemon=True).start()
    stdout.write(f"kiosk page: {server.url}\n")
    stdout.flush()
    previous = _on_sigterm(stop)
    try:
        since_save = 0.0
        while not stop.wait(TICK_S):
            kiosk.tick()
            since_save += TICK_S
            if since_save >= _METRICS_EVERY_S:
                kiosk.metrics.save()
                since_save = 0.0
    except KeyboardInterrupt:
        pass
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        kiosk.reset()  # forget whatever was on screen before exiting
        server.close()
        kiosk.metrics.save()
        _close_voice(kiosk)
    return 0


def _close_voice(kiosk: Kiosk) -> None:
    if isinstance(kiosk.voice, BackgroundVoice):
        kiosk.voice.close()


def _on_sigterm(stop: threading.Event) -> "signal.Handlers | Callable[..., object] | int | None":
    if threading.current_thread() is not threading.main_thread():
        return None

    def handle(_signum: int, _frame: object) -> None:
        stop.set()

    previous = signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, handle)
    return previous
