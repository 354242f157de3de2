"""The command line's grammar: commands and their arguments, and the setting flags, help text and settings
derived from the one settings schema (app/settings.py)."""

from __future__ import annotations

import argparse
import json
import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final, NoReturn

from voice_assistant import __version__
from voice_assistant.app.settings import (
    COMPONENTS, SCHEMA, SettingField, Settings, default_config_path, load_config, region_from_locale,
)
from voice_assistant.errors import ConfigError, VoiceAssistantError

__all__ = ["PROGRAM", "UsageError", "build_parser", "settings_from_arguments", "settings_help"]

PROGRAM: Final = "voice-assistant"
_METAVARS: Final = {"seconds": "S", "ms": "MS", "words per minute": "WPM"}


class UsageError(VoiceAssistantError):
    """The command line cannot be used as given (exit status 2)."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line, without the usage block."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{PROGRAM} --help')")


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"{value:g}" if isinstance(value, float) else str(value)
    return json.dumps(str(value))


def _described(setting: SettingField) -> str:
    """The setting's help with its allowed values: 'longest pause that ends an utterance, 400 to 3000 ms'."""
    allowed = setting.spec.allowed()
    return f"{setting.spec.help}, {allowed}" if allowed and not setting.spec.choices else setting.spec.help


def settings_help() -> str:
    """The settings part of --help: every config file key with a value, its meaning and its flag."""
    lines = [
        "settings: a TOML file (--config FILE, else ~/.config/voice-assistant/config.toml) holds any of these",
        "keys; a flag overrides the file.",
    ]
    for component in COMPONENTS:
        where = f" (flags on '{component.command}' only)" if component.command else ""
        lines.append(f"{component.title}{where}:")
        for setting in (s for s in SCHEMA if s.component is component):
            shown = setting.default if setting.default is not None else setting.spec.example
            left = f"  {setting.name} = {_toml(shown)}"
            right = _described(setting)
            if setting.spec.choices:
                right += f" ({setting.spec.allowed()})"
            right += f"; {setting.flag}" + (f" or {setting.spec.env}" if setting.spec.env else "")
            wrapped = textwrap.wrap(right, width=112 - 38, break_on_hyphens=False) or [""]
            lines.append(f"{left:<37} {wrapped[0]}" if len(left) < 37 else f"{left}\n{'':37} {wrapped[0]}")
            lines.extend(f"{'':37} {more}" for more in wrapped[1:])
    lines += ["", "Nothing a person says is written to disk."]
    return "\n".join(lines)


def _add_setting_flags(parser: argparse.ArgumentParser, command: str | None) -> None:
    general = parser.add_argument_group("general settings")
    general.add_argument("--config", type=Path, metavar="FILE", help="settings file (TOML); flags override it")
    groups = {"general": general}
    for setting in SCHEMA:
        component = setting.component
        if component.command not in (None, command):
            continue
        if component.name not in groups:
            groups[component.name] = parser.add_argument_group(f"{component.title} settings")
        shown = setting.default if setting.default is not None and setting.default != "" else None
        text = _described(setting) + (f" (default {_toml(shown).strip(chr(34))})" if shown is not None else "")
        text += f"; also {setting.spec.env}" if setting.spec.env else ""
        text = text.replace("%", "%%")
        if setting.type is bool:
            groups[component.name].add_argument(
                setting.flag, dest=setting.name, action=argparse.BooleanOptionalAction, default=None, help=text
            )
            continue
        options: dict[str, Any] = {"dest": setting.name, "default": None, "help": text}
        if setting.spec.choices:
            options["choices"] = setting.spec.choices
        else:
            options["metavar"] = _METAVARS.get(setting.spec.unit) or {Path: "PATH", int: "N", float: "N"}.get(
                setting.type, "TEXT"
            )
        groups[component.name].add_argument(setting.flag, type=setting.type, **options)


def build_parser() -> argparse.ArgumentParser:
    """The parser for every command, with a flag for every setting its command takes."""
    parser = _Parser(
        prog=PROGRAM,
        description="Offline, voice-accessible guidance on back pain in neuroendocrine cancer. "
        "With no command it starts the hands-free voice loop, or text mode where there is no microphone.",
        epilog=settings_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROGRAM} {__version__}")
    parser.add_argument("--text", action="store_true", help="text mode: type questions and read (and hear) the replies")
    _add_setting_flags(parser, None)
    commands = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    ask = commands.add_parser("ask", help="answer inputs given on the command line (contract section 3)")
    ask.add_argument("inputs", nargs="+", metavar="INPUT", help="a question, or with --audio a WAV file; '-' reads one per line from stdin")
    ask.add_argument("--json", action="store_true", help="one JSON object per input, one per line")
    ask.add_argument("--audio", action="store_true", help="inputs are WAV files (any rate, mono or stereo)")
    ask.add_argument("--session", action="store_true", help="the inputs are one conversation, in order")
    ask.add_argument("--speak-to", type=Path, metavar="FILE.wav", help="also write the spoken replies to this WAV file")
    _add_setting_flags(ask, "ask")

    say = commands.add_parser("say", help="speak a text aloud")
    say.add_argument("text", nargs="+", help="the text to speak")
    _add_setting_flags(say, "say")

    devices = commands.add_parser("devices", help="list audio input and output devices")
    _add_setting_flags(devices, "devices")

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
    _add_setting_flags(models, "models")

    kiosk = commands.add_parser(
        "kiosk",
        help="unattended waiting-room mode: a large-text touch page at http://127.0.0.1:PORT/ for Chromium --kiosk",
    )
    kiosk.add_argument("--check", action="store_true",
                       help="report whether microphone, speaker, recogniser model, voice and page work, then exit")
    _add_setting_flags(kiosk, "kiosk")
    return parser


def _from_text(setting: SettingField, text: str, label: str) -> Any:
    """A setting's value from an environment variable's text."""
    try:
        return setting.type(text)
    except ValueError as err:
        raise ConfigError(f"{label} {text!r} is not {setting.type.__name__} (use {setting.spec.allowed()})") from err


def settings_from_arguments(args: argparse.Namespace, environ: Mapping[str, str]) -> Settings:
    """Settings from defaults, config file and flags (an environment variable fills what neither set)."""
    config_path: Path = args.config if args.config is not None else default_config_path(environ)
    values = load_config(config_path, required=args.config is not None)
    for setting in SCHEMA:
        given = getattr(args, setting.name, None)
        if given is not None:
            values[setting.name] = setting.checked(given, "", setting.flag)
        elif setting.spec.env and setting.name not in values and hasattr(args, setting.name):
            text = environ.get(setting.spec.env, "")
            if text:
                label = f"environment variable {setting.spec.env}"
                values[setting.name] = setting.checked(_from_text(setting, text, label), "", label)
    settings = Settings(**values).validated("settings")
    if settings.region is None:
        settings = settings.with_values({"region": region_from_locale(environ)})
    return settings
