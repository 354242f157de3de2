"""Command line: `voice-assistant` (voice loop or text mode), `ask`, `say`, `devices`, `models`, `kiosk`."""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Sequence, TextIO

from voice_assistant.app.assistant import Turn
from voice_assistant.errors import AudioDeviceError, AudioFileError, ConfigError, VoiceAssistantError
from voice_assistant.app.settings import Settings
from voice_assistant.asr.recogniser import Recogniser
from voice_assistant.asr import models
from voice_assistant.asr.model_catalogue import describe_models
from voice_assistant.audio.device_list import describe_devices
from voice_assistant.audio.devices import SoundDevicePlayer
from voice_assistant.audio.pcm import read_wav, write_wav
from voice_assistant.frontends.arguments import PROGRAM, UsageError, build_parser, settings_from_arguments
from voice_assistant.frontends.compose import build_assistant, build_recogniser, open_voice
from voice_assistant.frontends.console import run_from_settings
from voice_assistant.frontends.kiosk import check_kiosk, run_kiosk
from voice_assistant.frontends.textmode import run_text_mode
from voice_assistant.tts.output import check_speech_output, speak_text
from voice_assistant.tts.synthesis import Pyttsx3Speaker, synthesise_replies


__all__ = ["main", "UsageError", "ctrl_c_interrupts"]

_log = logging.getLogger(__name__)


def _clean(text: str) -> str:
    """Text safe to print and to put in JSON (undecodable bytes become U+FFFD)."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _ask_inputs(inputs: list[str], stdin: TextIO) -> list[str]:
    out: list[str] = []
    for item in inputs:
        if item == "-":
            data = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read().encode("utf-8", "replace")
            out.extend(line for line in data.decode("utf-8", "replace").splitlines() if line.strip())
        else:
            out.append(item)
    return out


def _run_ask(args: argparse.Namespace, settings: Settings, stdout: TextIO, stdin: TextIO) -> int:
    inputs = [_clean(item) for item in _ask_inputs(args.inputs, stdin)]
    if not inputs:
        raise UsageError("no inputs to answer (give a question, or lines on standard input with '-')")
    if args.speak_to is not None and not args.speak_to.parent.is_dir():
        raise UsageError(f"cannot write '{args.speak_to}': folder '{args.speak_to.parent}' does not exist")
    if args.audio:

        for item in inputs:
            read_wav(Path(item))  # every file is checked before any is answered: exit 2 names the bad one
    assistant = build_assistant(settings, with_recogniser=args.audio)
    session = assistant.new_session()
    turns: list[Turn] = []
    for item in inputs:
        if not args.session:
            session = assistant.new_session()
        if args.audio:

            turn = assistant.answer_audio(session, read_wav(Path(item)), source=item)
        else:
            turn = assistant.answer_text(session, item)
        turns.append(turn)
        if args.json:
            stdout.write(json.dumps(turn.to_json_dict(), ensure_ascii=False) + "\n")
        else:
            stdout.write(turn.reply.text + "\n")
        stdout.flush()
    if args.speak_to is not None:
        _write_speech(args.speak_to, turns, settings)
    return 0


def _write_speech(path: Path, turns: list[Turn], settings: Settings) -> None:

    with Pyttsx3Speaker(voice=settings.voice) as speaker:
        audio = synthesise_replies(
            [(t.reply.text, t.reply.speaking.rate_wpm, t.reply.speaking.volume) for t in turns], speaker
        )
    write_wav(path, audio)


def _run_text_mode(settings: Settings, stdout: TextIO, stdin: TextIO, notice: str | None = None) -> int:

    assistant = build_assistant(settings)
    voice = open_voice(settings)
    try:
        return run_text_mode(
            assistant, settings, stdout=stdout, stdin=stdin, notice=notice, speak=voice.say if voice else None
        )
    finally:
        if voice is not None:
            voice.wait(timeout_s=30.0)
            voice.close()


def _run_say(args: argparse.Namespace, settings: Settings, stdout: TextIO) -> int:

    text = _clean(" ".join(args.text))
    stdout.write(text + "\n")
    stdout.flush()
    problem = check_speech_output(settings.output_device)
    if problem is not None:
        raise AudioDeviceError(problem)
    player = SoundDevicePlayer(settings.output_device)
    with Pyttsx3Speaker(voice=settings.voice) as speaker:
        speak_text(text, speaker, player, rate_wpm=settings.rate_wpm, volume=settings.volume)
    return 0


def _run_devices(stdout: TextIO) -> int:

    for line in describe_devices():
        stdout.write(line + "\n")
    return 0


def _run_models(args: argparse.Namespace, settings: Settings, stdout: TextIO) -> int:

    if args.models_command == "list":
        for line in describe_models(settings.models_dir):
            stdout.write(line + "\n")
    elif args.models_command == "download":
        path = models.download_model(args.name, settings.models_dir, base_url=args.base_url, progress=models.stderr_progress)
        stdout.write(f"installed {args.name} in {path}\n")
    elif args.models_command == "install":
        path = models.install_model(args.source, settings.models_dir)
        stdout.write(f"installed {path.name} in {path}\n")
    else:
        models.remove_model(args.name, settings.models_dir)
        stdout.write(f"removed {args.name}\n")
    return 0


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stdin: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    out = stdout or sys.stdout
    inp = stdin or sys.stdin
    arguments = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in arguments
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format=f"{PROGRAM}: %(levelname)s: %(message)s")
    try:
        with ctrl_c_interrupts():
            args = build_parser().parse_args(arguments)
            settings = settings_from_arguments(args, os.environ)
            if args.command == "ask":
                return _run_ask(args, settings, out, inp)
            if args.command == "say":
                return _run_say(args, settings, out)
            if args.command == "devices":
                return _run_devices(out)
            if args.command == "models":
                return _run_models(args, settings, out)
            if args.command == "kiosk":
                return _run_kiosk(args, settings, out)
            if args.text:
                return _run_text_mode(settings, out, inp)
            return _run_default(settings, out, inp)
    except KeyboardInterrupt:
        out.write("\n")
        return 130
    except (UsageError, AudioFileError, ConfigError) as err:
        return _fail(err, 2, debug)
    except VoiceAssistantError as err:
        return _fail(err, 1, debug)
    except BrokenPipeError:
        return 0


@contextmanager
def ctrl_c_interrupts() -> Iterator[None]:
    """Within the block, Ctrl-C (SIGINT) raises KeyboardInterrupt even if the launcher had it ignored.

    A program started in the background by a script (`voice-assistant &` without job control) or by a test
    harness that was itself started that way inherits SIGINT as ignored, and Python then installs no
    KeyboardInterrupt handler at all: the voice loop, whose only way out besides "goodbye" is Ctrl-C, could
    not be stopped. A handler someone else installed is kept; the ignored one is restored afterwards.
    """
    previous = None
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def _run_kiosk(args: argparse.Namespace, settings: Settings, stdout: TextIO) -> int:
    assistant = build_assistant(settings)

    def make_recogniser() -> "Recogniser":
        return build_recogniser(settings, assistant)

    if args.check:
        return check_kiosk(assistant, settings, make_recogniser, stdout)
    return run_kiosk(assistant, settings, make_recogniser, stdout, sys.stderr)


def _run_default(settings: Settings, stdout: TextIO, stdin: TextIO) -> int:
    return run_from_settings(
        settings, stdout=stdout, stdin=stdin, text_mode=lambda notice: _run_text_mode(settings, stdout, stdin, notice=notice)
    )


def _fail(err: BaseException, status: int, debug: bool) -> int:
    if debug:
        logging.getLogger(PROGRAM).exception("error")
    message = " ".join(str(err).split())
    sys.stderr.write(f"{PROGRAM}: error: {message}\n")
    sys.stderr.flush()
    return status


if __name__ == "__main__":
    sys.exit(main())
