"""Command line: `voice-assistant` (voice loop or text mode), `ask`, `say`, `devices`, `models`, `kiosk`."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NoReturn, Sequence, TextIO

from voice_assistant import __version__
from voice_assistant.app.assistant import Assistant, Turn
from voice_assistant.core.loader import load_content
from voice_assistant.errors import AudioDeviceError, AudioFileError, ConfigError, VoiceAssistantError
from voice_assistant.app.settings import ENGINES, Settings, default_config_path, load_config, region_from_locale
from voice_assistant.asr.recogniser import Recogniser
from voice_assistant.asr.factory import make_recogniser
from voice_assistant.asr import models
from voice_assistant.audio.devices import SoundDevicePlayer, describe_devices
from voice_assistant.audio.pcm import read_wav, write_wav
from voice_assistant.frontends.compose import build_assistant, build_recogniser, open_voice
from voice_assistant.frontends.console import run_from_settings
from voice_assistant.frontends.kiosk import check_kiosk, run_kiosk
from voice_assistant.frontends.textmode import run_text_mode
from voice_assistant.tts.output import BackgroundVoice, check_speech_output, open_background_voice, speak_text
from voice_assistant.tts.synthesis import Pyttsx3Speaker, synthesise_replies


__all__ = ["main", "UsageError"]

_log = logging.getLogger(__name__)
PROGRAM = "voice-assistant"


class UsageError(VoiceAssistantError):
    """The command line cannot be used as given (exit status 2)."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line, without the usage block."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{PROGRAM} --help')")


_SETTINGS_HELP = """
settings file (TOML, --config or ~/.config/voice-assistant/config.toml); flags override it:
  region = "GB"              emergency number's country (else the locale's, else generic words)
  rate_wpm = 150             speaking rate, 90..240 words per minute
  volume = 0.8               loudness, 0.2..1.0
  voice = "en-gb"            synthesis voice
  speech = true              false: print replies only
  earcons = true             false: no tones
  output_device = "USB"      speaker by number or name part
  input_device = "USB"       microphone by number or name part
  barge_in = false           true (headset): saying "stop" interrupts speech
  max_utterance_s = 15       longest utterance, 3..60 seconds
  end_silence_ms = 1200      longest pause that ends an utterance, 400..3000 ms
  idle_hint_s = 30           say once how to ask after this much silence (0: never)
  engine = "auto"            speech recogniser: auto, vosk, whisper, pocketsphinx
  model = "/path/to/model"   speech model folder (or VOICE_ASSISTANT_MODEL)
  open_vocabulary = false    true: Vosk hears any words, not only the assistant's
  models_dir = "models"      where `models` installs models
  prompts_dir = "prompts"    the content files

Nothing a person says is written to disk.
"""


def _add_common(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("settings")
    group.add_argument("--config", type=Path, help="settings file (TOML)")
    group.add_argument("--region", help="country code for the emergency number, e.g. US, GB, AU")
    group.add_argument("--prompts-dir", type=Path, help="folder with the content files (default: prompts/)")
    group.add_argument("--models-dir", type=Path, help="folder with speech models (default: models/)")
    group.add_argument("--model", type=Path, help="speech model folder to use")
    group.add_argument("--engine", choices=ENGINES, help="speech recogniser (default: auto)")
    group.add_argument("--open-vocabulary", action="store_true", default=None, help="Vosk: recognise any words")
    group.add_argument("--rate", type=int, dest="rate_wpm", metavar="WPM", help="speaking rate, 90..240 words per minute")
    group.add_argument("--volume", type=float, help="loudness, 0.2..1.0")
    group.add_argument("--voice", help="synthesis voice, e.g. en-gb")
    group.add_argument("--no-speech", dest="speech", action="store_false", default=None, help="print replies, do not speak")
    group.add_argument("--no-earcons", dest="earcons", action="store_false", default=None, help="no tones")
    group.add_argument("--output-device", help="speaker by number or name part (see 'devices')")
    group.add_argument("--input-device", help="microphone by number or name part (see 'devices')")
    group.add_argument("--barge-in", action="store_true", default=None, help="voice loop with a headset: saying 'stop' interrupts speech")
    group.add_argument("--max-utterance-s", type=float, metavar="S", help="voice loop: longest utterance in seconds (default 15)")
    group.add_argument("--end-silence-ms", type=int, metavar="MS", help="voice loop: longest pause that ends an utterance (default 1200)")
    group.add_argument("--idle-hint-s", type=float, metavar="S", help="voice loop: say how to ask after this much silence, once (0: never; default 30)")
    group.add_argument("--debug", action="store_true", default=None, help="show tracebacks and debug logs")


def _parser() -> _Parser:
    parser = _Parser(
        prog=PROGRAM,
        description="Offline, voice-accessible guidance on back pain in neuroendocrine cancer. "
        "With no command it starts the hands-free voice loop, or text mode where there is no microphone.",
        epilog=_SETTINGS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROGRAM} {__version__}")
    parser.add_argument("--text", action="store_true", help="text mode: type questions and read (and hear) the replies")
    _add_common(parser)
    commands = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    ask = commands.add_parser("ask", help="answer inputs given on the command line (contract section 3)")
    ask.add_argument("inputs", nargs="+", metavar="INPUT", help="a question, or with --audio a WAV file; '-' reads one per line from stdin")
    ask.add_argument("--json", action="store_true", help="one JSON object per input, one per line")
    ask.add_argument("--audio", action="store_true", help="inputs are WAV files (any rate, mono or stereo)")
    ask.add_argument("--session", action="store_true", help="the inputs are one conversation, in order")
    ask.add_argument("--speak-to", type=Path, metavar="FILE.wav", help="also write the spoken replies to this WAV file")
    _add_common(ask)

    say = commands.add_parser("say", help="speak a text aloud")
    say.add_argument("text", nargs="+", help="the text to speak")
    _add_common(say)

    devices = commands.add_parser("devices", help="list audio input and output devices")
    _add_common(devices)

    models = commands.add_parser("models", help="list, download, install or remove speech models")
    models_commands = models.add_subparsers(dest="models_command", parser_class=_Parser, metavar="ACTION", required=True)
    models_commands.add_parser("list", help="installed and downloadable models")
    download = models_commands.add_parser("download", help="download a model into models/")
    download.add_argument("name", help="model name, see 'models list'")
    download.add_argument("--base-url", help=argparse.SUPPRESS)
    install = models_commands.add_parser("install", help="install a model from a ZIP file or folder")
    install.add_argument("source", type=Path, help="ZIP file or model folder")
    remove = models_commands.add_parser("remove", help="remove an installed model")
    remove.add_argument("name", help="installed model name")
    _add_common(models)

    kiosk = commands.add_parser(
        "kiosk",
        help="unattended waiting-room mode: a large-text touch page at http://127.0.0.1:PORT/ for Chromium --kiosk",
    )
    kiosk.add_argument("--check", action="store_true",
                       help="report whether microphone, speaker, recogniser model, voice and page work, then exit")
    kiosk.add_argument("--host", dest="kiosk_host", metavar="ADDRESS",
                       help="address to serve the page on (default 127.0.0.1; any other needs a token)")
    kiosk.add_argument("--port", dest="kiosk_port", type=int, metavar="PORT", help="page port (default 8765; 0: any free port)")
    kiosk.add_argument("--token", dest="kiosk_token", metavar="SECRET",
                       help="refused: every user sees it in ps; use --token-file or VOICE_ASSISTANT_KIOSK_TOKEN")
    kiosk.add_argument("--token-file", type=Path, metavar="FILE",
                       help="file holding the secret screens present once (open the page as /?token=SECRET)")
    kiosk.add_argument("--tls-cert", dest="kiosk_tls_cert", type=Path, metavar="CERT.pem",
                       help="serve the page over HTTPS with the clinic's certificate (with --tls-key)")
    kiosk.add_argument("--tls-key", dest="kiosk_tls_key", type=Path, metavar="KEY.pem", help="the certificate's private key")
    kiosk.add_argument("--allowed-host", dest="kiosk_allowed_hosts", action="append", metavar="NAME",
                       help="off loopback: a host name screens use to open the page (repeat for more)")
    kiosk.add_argument("--idle-timeout", dest="idle_timeout_s", type=float, metavar="SECONDS",
                       help="forget the conversation after this long without input, after a warning (default 60)")
    kiosk.add_argument("--push-to-talk-key", metavar="KEY", help="key that starts a spoken question (default F9)")
    kiosk.add_argument("--wake-phrase", metavar="WORDS", help="words that start a spoken question hands-free (default: off)")
    kiosk.add_argument("--metrics-file", type=Path, metavar="FILE.json",
                       help="keep usage counts (never words) in this file for the clinic")
    kiosk.add_argument("--text-size", choices=("large", "larger"), help="page text: large (36 px, default) or larger (48 px)")
    _add_common(kiosk)
    return parser


def _settings(args: argparse.Namespace, environ: dict[str, str]) -> Settings:
    config_path = args.config if args.config is not None else default_config_path(environ)
    values = load_config(config_path, required=args.config is not None)
    settings = replace(Settings(), **values).validated(str(config_path))
    overrides: dict[str, Any] = {}
    for name in ("region", "prompts_dir", "models_dir", "model", "engine", "open_vocabulary", "rate_wpm",
                 "volume", "voice", "speech", "earcons", "output_device", "input_device", "debug",
                 "barge_in", "max_utterance_s", "end_silence_ms", "idle_hint_s"):
        value = getattr(args, name, None)
        if value is not None:
            overrides[name] = value
    if "model" not in overrides and settings.model is None and environ.get("VOICE_ASSISTANT_MODEL"):
        overrides["model"] = Path(environ["VOICE_ASSISTANT_MODEL"])
    settings = replace(settings, **overrides).validated("command line")
    if settings.region is None:
        settings = replace(settings, region=region_from_locale(environ))
    return settings


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
        for line in models.describe_models(settings.models_dir):
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
        args = _parser().parse_args(arguments)
        settings = _settings(args, dict(os.environ))
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


def _run_kiosk(args: argparse.Namespace, settings: Settings, stdout: TextIO) -> int:

    if args.kiosk_token is not None:
        raise UsageError("--token shows the secret to every user of this machine in ps; put it in a file and give "
                         "--token-file FILE, or set VOICE_ASSISTANT_KIOSK_TOKEN")
    overrides: dict[str, Any] = {}
    for name in ("kiosk_host", "kiosk_port", "idle_timeout_s", "push_to_talk_key", "wake_phrase",
                 "metrics_file", "text_size", "kiosk_tls_cert", "kiosk_tls_key"):
        value = getattr(args, name, None)
        if value is not None:
            overrides[name] = value
    if args.kiosk_allowed_hosts:
        overrides["kiosk_allowed_hosts"] = tuple(args.kiosk_allowed_hosts)
    if args.token_file is not None:
        try:
            overrides["kiosk_token"] = args.token_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as err:
            raise UsageError(f"cannot read the kiosk token file '{args.token_file}': "
                             f"{getattr(err, 'strerror', None) or 'not UTF-8 text'}") from err
    elif settings.kiosk_token is None and os.environ.get("VOICE_ASSISTANT_KIOSK_TOKEN"):
        overrides["kiosk_token"] = os.environ["VOICE_ASSISTANT_KIOSK_TOKEN"]
    settings = replace(settings, **overrides).validated("command line")
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
