"""The voice loop on a terminal: adapters built from Settings, captions printed, Enter interrupts speech.

Captions are plain lines for a companion or a hard-of-hearing listener (and screen readers):
`said: …` (what the assistant says), `heard: …` (what it understood was said), `(listening)` when the
microphone opens for a turn, and `note: …` for device problems.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final, TextIO

from voice_assistant.errors import AudioDeviceError, VoiceAssistantError
from voice_assistant.app.loop import EventKind, LoopEvent, VoiceLoop
from voice_assistant.app.settings import Settings
from voice_assistant.asr.models import offer_first_model, stderr_progress
from voice_assistant.audio.devices import DeviceKind, SoundDeviceMicrophone, SoundDevicePlayer, find_device, rescan_devices
from voice_assistant.audio.pcm import PcmAudio
from voice_assistant.core.loader import load_content
from voice_assistant.frontends.compose import assistant_for, build_recogniser, open_speaker, stop_spotter
from voice_assistant.tts.output import check_speech_output
from voice_assistant.tts.synthesis import Pyttsx3Speaker


__all__ = ["CaptionPrinter", "KeyWatcher", "run_from_settings"]

_log = logging.getLogger(__name__)

"""What barge-in listens for while the assistant speaks."""
_INTERRUPT_KEYS: Final = (b"\n", b"\r", b" ")


class CaptionPrinter:
    """Prints loop events as caption lines on a text stream."""

    def __init__(self, stdout: TextIO) -> None:
        """Print on stdout."""
        self._stdout = stdout
        self._lock = threading.Lock()

    def __call__(self, event: LoopEvent) -> None:
        """Print one event (IGNORED events are not shown)."""
        if event.kind is EventKind.HEARD:
            line = f"heard: {event.text}"
        elif event.kind is EventKind.SAID:
            line = f"said: {event.text}"
        elif event.kind is EventKind.LISTENING:
            line = "(listening)"
        elif event.kind is EventKind.NOTICE:
            line = f"note: {event.text}"
        else:
            return
        with self._lock:
            self._stdout.write(" ".join(line.split()) + "\n")
            self._stdout.flush()


class KeyWatcher:
    """Calls on_key() whenever Enter (or, on a terminal, the space bar) is pressed, from a daemon thread."""

    def __init__(self, stdin: TextIO, on_key: Callable[[], None]) -> None:
        """Watch stdin; call start() to begin and stop() to give the terminal back."""
        self._stdin = stdin
        self._on_key = on_key
        self._saved: list[Any] | None = None
        self._fd = -1

    def start(self) -> None:
        """Start watching (a terminal is put in cbreak mode so single keys arrive at once)."""
        try:
            fd = self._stdin.fileno()
            is_terminal = os.isatty(fd)
        except (AttributeError, OSError, ValueError):
            fd, is_terminal = -1, False
        target: Callable[[], None] = self._read_lines
        if is_terminal:
            import termios
            import tty

            self._fd = fd
            self._saved = termios.tcgetattr(fd)
            tty.setcbreak(fd)  # Ctrl-C still raises KeyboardInterrupt: ISIG stays on
            target = self._read_keys
        threading.Thread(target=target, name="keys", daemon=True).start()

    def stop(self) -> None:
        """Give the terminal its settings back."""
        if self._saved is not None:
            import termios

            termios.tcsetattr(self._fd, termios.TCSADRAIN, self._saved)
            self._saved = None

    def _read_keys(self) -> None:
        while True:
            try:
                key = os.read(self._fd, 1)
            except OSError:
                return
            if not key:
                return
            if key in _INTERRUPT_KEYS:
                self._on_key()

    def _read_lines(self) -> None:
        try:
            for _line in self._stdin:
                self._on_key()
        except (OSError, ValueError):
            return


def _offer_a_better_model(settings: Settings, stdin: TextIO, stdout: TextIO, note: Callable[[str], None]) -> None:
    """With no Vosk or Whisper model and the model server in reach, ask whether to download the small one."""

    def ask(question: str) -> bool:
        stdout.write(f"{question} [y/N] ")
        stdout.flush()
        return stdin.readline().strip().lower() in ("y", "yes")

    try:
        path = offer_first_model(settings.models_dir, ask, progress=stderr_progress)
    except VoiceAssistantError as err:
        note(f"the download failed: {err}")
        return
    if path is not None:
        note(f"installed {path.name}")


def run_from_settings(
    settings: Settings, *, stdout: TextIO, stdin: TextIO, text_mode: Callable[[str], int] | None = None
) -> int:
    """Run the voice loop on the terminal; where there is no microphone, text_mode(notice) (or AudioDeviceError)."""

    printer = CaptionPrinter(stdout)

    def note(text: str) -> None:
        printer(LoopEvent(EventKind.NOTICE, text))

    content = load_content(settings.prompts_dir)
    try:
        find_device(settings.input_device, DeviceKind.INPUT)
    except AudioDeviceError as err:
        if text_mode is None:
            raise
        return text_mode(f"{content.prompts.get('no_microphone')} ({err})")
    assistant = assistant_for(content, settings)
    if settings.engine == "auto" and settings.model is None and stdin.isatty():
        _offer_a_better_model(settings, stdin, stdout, note)
    assistant.recogniser = build_recogniser(settings, assistant)
    recogniser = assistant.recogniser
    note(f"listening with {recogniser.name} ({recogniser.model_name})")
    if recogniser.name == "pocketsphinx":
        note(
            "PocketSphinx understands free speech poorly; for better recognition run "
            "'voice-assistant models download vosk-model-small-en-us-0.15' (about 40 MB), see models/README.md"
        )
    speaker = open_speaker(settings, note)
    loop = VoiceLoop(
        assistant,
        settings=settings,
        speaker=speaker,
        open_player=lambda: SoundDevicePlayer(settings.output_device),
        open_microphone=lambda: SoundDeviceMicrophone(settings.input_device),
        spot_stop=stop_spotter(settings, note),
        rescan=rescan_devices,
    )
    loop.add_listener(printer)
    keys = KeyWatcher(stdin, loop.interrupt)
    keys.start()
    try:
        return loop.run()
    finally:
        keys.stop()
        loop.close()
        if speaker is not None:
            speaker.close()
