"""Settings: one schema of per-component frozen dataclasses, from which the config file loader, the
command-line flags and the help text are all derived (see SCHEMA), so the three cannot disagree."""

from __future__ import annotations

import difflib
import ipaddress
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final

from voice_assistant.app.schema import Component, Forward, SettingField, Spec, read_schema, spec_field
from voice_assistant.asr.factory import ENGINES
from voice_assistant.audio.vad import DETECTORS
from voice_assistant.core.dialogue import RATE_MAX_WPM, RATE_MIN_WPM, VOLUME_MAX, VOLUME_MIN, SpeakingSettings
from voice_assistant.errors import ConfigError

__all__ = [
    "Spec", "GeneralSettings", "RecognitionSettings", "ListeningSettings", "SpeakingSettings", "OutputSettings",
    "KioskSettings", "Settings", "Component", "SettingField", "COMPONENTS", "SCHEMA", "TEXT_SIZES",
    "default_config_path", "load_config", "region_from_locale", "is_loopback_host",
]

_LOCALE: Final = re.compile(r"^[a-zA-Z]{2,3}[_-]([a-zA-Z]{2})\b")
TEXT_SIZES: Final = ("large", "larger")
"""Kiosk page text sizes: 36 px and 48 px body text."""
_LOOPBACK_HOSTS: Final = ("127.0.0.1", "::1", "localhost")


def _two_letters(value: str) -> str:
    return "" if re.fullmatch(r"[A-Za-z]{2}", value) else "is not a two-letter country code (use for example US or GB)"


def _long_token(value: str) -> str:
    return "" if len(value) >= 8 else "is too short (use at least 8 characters)"


def _host_names(value: tuple[str, ...]) -> str:
    bad = [name for name in value if not re.fullmatch(r"[A-Za-z0-9.:\[\]-]+", name)]
    return f"has unusable host names {bad} (use names such as kiosk.clinic.lan)" if bad else ""


def _a_key(value: str) -> str:
    return "" if value.strip() else "is empty (use a key name such as F9 or Enter)"


@dataclass(frozen=True)
class GeneralSettings:
    """Where the content and models are, which emergency number to speak, how errors are shown."""

    region: str | None = spec_field(
        None, example="GB", check=_two_letters,
        help="country code for the emergency number (else the locale's country, else generic words)",
    )
    prompts_dir: Path | None = spec_field(
        None, example="prompts", help="folder with the content files (default: the prompts/ shipped with the assistant)"
    )
    models_dir: Path = spec_field(Path("models"), example="/srv/voice-assistant/models", help="folder with speech models")
    debug: bool = spec_field(False, example=True, help="show tracebacks and debug logs")


@dataclass(frozen=True)
class RecognitionSettings:
    """Which speech recogniser and model turn speech into text."""

    engine: str = spec_field("auto", example="vosk", choices=ENGINES, help="speech recogniser")
    model: Path | None = spec_field(
        None, example="models/vosk-model-small-en-us-0.15", env="VOICE_ASSISTANT_MODEL",
        help="speech model folder to use (default: the best in models_dir)",
    )
    open_vocabulary: bool = spec_field(False, example=True, help="Vosk recognises any words, not only the assistant's")


@dataclass(frozen=True)
class ListeningSettings:
    """The microphone and when an utterance starts and ends."""

    input_device: str | None = spec_field(
        None, example="USB", device=True, help="microphone by number or name part (see 'devices')"
    )
    barge_in: bool = spec_field(
        False, example=True,
        help="with a headset: saying 'stop' interrupts speech (else the microphone is off while speaking)",
    )
    max_utterance_s: float = spec_field(
        15.0, example=20.0, unit="seconds", low=3, high=60,
        help="longest utterance, so a radio nearby cannot keep it listening",
    )
    end_silence_ms: int = spec_field(
        1200, example=900, unit="ms", low=400, high=3000, help="longest pause that ends an utterance"
    )
    quick_end_silence_ms: int = spec_field(
        240, example=300, unit="ms", low=150, high=3000,
        help="pause after which a whole, confident request is answered (at most middle_end_silence_ms)",
    )
    middle_end_silence_ms: int = spec_field(
        700, example=800, unit="ms", low=150, high=3000,
        help="pause after which an understood request that sounds unfinished ('does this cancer') is answered "
        "(from quick_end_silence_ms to end_silence_ms; left at 700, it follows a shorter end_silence_ms)",
    )
    min_speech_ms: int = spec_field(
        200, example=150, unit="ms", low=60, high=1000,
        help="speech needed before an utterance counts (clicks and coughs are shorter)",
    )
    voice_detector: str = spec_field(
        "silero", example="webrtc", choices=DETECTORS,
        help="what tells speech from silence: silero (a small neural network, holds in a noisy room) or webrtc",
    )
    min_confidence: float = spec_field(
        0.3, example=0.5, low=0, high=1, help="transcripts the recogniser is less sure of are taken for noise"
    )
    idle_hint_s: float = spec_field(
        30.0, example=0.0, unit="seconds", low=0, help="say once how to ask after this much silence (0: never)"
    )


_SPEAKING_SPECS: Final[Mapping[str, Spec]] = {
    "rate_wpm": Spec(
        "starting speaking rate", 140, unit="words per minute", low=RATE_MIN_WPM, high=RATE_MAX_WPM, flag="--rate"
    ),
    "volume": Spec("starting loudness", 0.9, low=VOLUME_MIN, high=VOLUME_MAX),
}
"""The schema of core's SpeakingSettings, whose defaults and bounds belong to the dialogue."""


@dataclass(frozen=True)
class OutputSettings:
    """Whether and where replies are spoken, and in which voice."""

    speech: bool = spec_field(True, example=False, help="speak replies (false: print them only)")
    voice: str | None = spec_field(None, example="en-gb", help="synthesis voice name, e.g. an espeak-ng voice")
    output_device: str | None = spec_field(
        None, example="USB", device=True, help="speaker by number or name part (see 'devices')"
    )
    earcons: bool = spec_field(True, example=False, help="listening, heard and emergency tones")


@dataclass(frozen=True)
class KioskSettings:
    """The unattended kiosk: its page server, idle reset, push-to-talk and counts."""

    kiosk_host: str = spec_field(
        "127.0.0.1", example="localhost", flag="--host",
        help="page server address; anything but loopback (127.0.0.1, ::1, localhost) needs a kiosk token",
    )
    kiosk_port: int = spec_field(
        8765, example=8080, low=0, high=65535, flag="--port", help="page server port (0: any free port)"
    )
    kiosk_token: str | None = spec_field(
        None, example="change-this-secret", flag="-", env="VOICE_ASSISTANT_KIOSK_TOKEN", check=_long_token,
        secret=True, help="secret a screen presents once (open the page as /?token=SECRET); no flag, since ps "
        "shows flags to every user: use the config file, --token-file or the environment",
    )
    kiosk_token_file: Path | None = spec_field(
        None, example="/etc/voice-assistant/kiosk-token", flag="--token-file",
        help="file holding the kiosk token (read at start)",
    )
    kiosk_tls_cert: Path | None = spec_field(
        None, example="/etc/voice-assistant/kiosk.pem", flag="--tls-cert",
        help="the clinic's PEM certificate, to serve the page over HTTPS (with kiosk_tls_key)",
    )
    kiosk_tls_key: Path | None = spec_field(
        None, example="/etc/voice-assistant/kiosk.key", flag="--tls-key", help="the private key of kiosk_tls_cert (PEM)"
    )
    kiosk_allowed_hosts: tuple[str, ...] = spec_field(
        (), example=("kiosk.clinic.lan",), flag="--allowed-host", check=_host_names,
        help="off loopback: host names screens use to open the page (others get 403); repeat the flag for more",
    )
    idle_timeout_s: float = spec_field(
        60.0, example=120.0, unit="seconds", low=2, high=3600, flag="--idle-timeout",
        help="forget the conversation after this long without input, after a warning",
    )
    push_to_talk_key: str = spec_field(
        "F9", example="Enter", check=_a_key, help="browser key name that starts a spoken question"
    )
    wake_phrase: str | None = spec_field(
        None, example="hello assistant", help="words that start a spoken question hands-free (default: off)"
    )
    metrics_file: Path | None = spec_field(
        None, example="metrics.json", help="JSON file keeping only usage counts, never words"
    )
    text_size: str = spec_field(
        "large", example="larger", choices=TEXT_SIZES, help="page text size: large is 36 px, larger is 48 px"
    )


COMPONENTS: Final = (
    Component("general", GeneralSettings, "general"),
    Component("recognition", RecognitionSettings, "speech recognition"),
    Component("listening", ListeningSettings, "listening (voice loop and kiosk)"),
    Component("speaking", SpeakingSettings, "speaking"),
    Component("output", OutputSettings, "speech output"),
    Component("kiosk", KioskSettings, "kiosk", command="kiosk"),
)
"""The components of Settings, in --help order."""


SCHEMA: Final[tuple[SettingField, ...]] = read_schema(COMPONENTS, _SPEAKING_SPECS)
"""Every setting, in --help order; the config keys are the field names, unique across components."""
_BY_NAME: Final = {setting.name: setting for setting in SCHEMA}


@dataclass(frozen=True, init=False)
class Settings:
    """Everything the entry points need to build the assistant and its adapters, one component each.

    Settings(barge_in=True) sets single fields by name; settings.barge_in reads them.
    """

    general: GeneralSettings
    """Content, models, region, debug."""
    recognition: RecognitionSettings
    """Engine and model."""
    listening: ListeningSettings
    """Microphone and utterance timing."""
    speaking: SpeakingSettings
    """Starting rate and loudness, which the slower/faster/louder/quieter commands change."""
    output: OutputSettings
    """Speech output on or off, voice, speaker, tones."""
    kiosk: KioskSettings
    """The unattended kiosk."""

    def __init__(
        self,
        general: GeneralSettings = GeneralSettings(),
        recognition: RecognitionSettings = RecognitionSettings(),
        listening: ListeningSettings = ListeningSettings(),
        speaking: SpeakingSettings = SpeakingSettings(),
        output: OutputSettings = OutputSettings(),
        kiosk: KioskSettings = KioskSettings(),
        **values: Any,
    ) -> None:
        """The components given, with the single fields named in values changed."""
        parts: dict[str, Any] = {"general": general, "recognition": recognition, "listening": listening,
                                 "speaking": speaking, "output": output, "kiosk": kiosk}
        for name, value in values.items():
            if name not in _BY_NAME:
                raise TypeError(f"Settings has no setting '{name}'")
            owner = _BY_NAME[name].component.name
            parts[owner] = replace(parts[owner], **{name: value})
        for name, part in parts.items():
            object.__setattr__(self, name, part)

    region = Forward[str | None]("general")
    prompts_dir = Forward[Path | None]("general")
    models_dir = Forward[Path]("general")
    debug = Forward[bool]("general")
    engine = Forward[str]("recognition")
    model = Forward[Path | None]("recognition")
    open_vocabulary = Forward[bool]("recognition")
    input_device = Forward[str | None]("listening")
    barge_in = Forward[bool]("listening")
    max_utterance_s = Forward[float]("listening")
    voice_detector = Forward[str]("listening")
    end_silence_ms = Forward[int]("listening")
    quick_end_silence_ms = Forward[int]("listening")
    middle_end_silence_ms = Forward[int]("listening")
    min_speech_ms = Forward[int]("listening")
    min_confidence = Forward[float]("listening")
    idle_hint_s = Forward[float]("listening")
    rate_wpm = Forward[int]("speaking")
    volume = Forward[float]("speaking")
    speech = Forward[bool]("output")
    voice = Forward[str | None]("output")
    output_device = Forward[str | None]("output")
    earcons = Forward[bool]("output")
    kiosk_host = Forward[str]("kiosk")
    kiosk_port = Forward[int]("kiosk")
    kiosk_token = Forward[str | None]("kiosk")
    kiosk_token_file = Forward[Path | None]("kiosk")
    kiosk_tls_cert = Forward[Path | None]("kiosk")
    kiosk_tls_key = Forward[Path | None]("kiosk")
    kiosk_allowed_hosts = Forward[tuple[str, ...]]("kiosk")
    idle_timeout_s = Forward[float]("kiosk")
    push_to_talk_key = Forward[str]("kiosk")
    wake_phrase = Forward[str | None]("kiosk")
    metrics_file = Forward[Path | None]("kiosk")
    text_size = Forward[str]("kiosk")

    def with_values(self, values: Mapping[str, Any]) -> Settings:
        """These settings with the named fields changed."""
        return Settings(self.general, self.recognition, self.listening, self.speaking, self.output, self.kiosk,
                        **values)

    def validated(self, source: str) -> Settings:
        """These settings (region in capitals), or ConfigError naming the first unusable value and its source."""
        for setting in SCHEMA:
            setting.checked(getattr(self, setting.name), f"{source}: ")
        quick, middle, end = self.quick_end_silence_ms, self.middle_end_silence_ms, self.end_silence_ms
        if middle == ListeningSettings().middle_end_silence_ms and quick <= end < middle:
            # Only end_silence_ms was shortened: the default middle pause follows it rather than refuse it.
            return self.with_values({"middle_end_silence_ms": end}).validated(source)
        if not quick <= end:
            raise ConfigError(f"{source}: quick_end_silence_ms {quick} is out of range (use 150 to end_silence_ms, {end} ms)")
        if not quick <= middle <= end:
            raise ConfigError(f"{source}: middle_end_silence_ms {middle} is out of range (use quick_end_silence_ms, "
                              f"{quick} ms, to end_silence_ms, {end} ms)")
        if not is_loopback_host(self.kiosk_host) and self.kiosk_token is None:
            raise ConfigError(
                f"{source}: kiosk_host '{self.kiosk_host}' is reachable from other machines, so a kiosk token is "
                "required (set VOICE_ASSISTANT_KIOSK_TOKEN, or use --token-file FILE); the page shows what patients say"
            )
        if (self.kiosk_tls_cert is None) != (self.kiosk_tls_key is None):
            raise ConfigError(f"{source}: TLS needs both a certificate and its key (set kiosk_tls_cert and kiosk_tls_key)")
        if self.kiosk_host in ("0.0.0.0", "::") and not self.kiosk_allowed_hosts:
            raise ConfigError(
                f"{source}: kiosk_host '{self.kiosk_host}' listens on every address, so name the host names screens "
                "use to open the page (kiosk_allowed_hosts, or --allowed-host NAME)"
            )
        return self.with_values({"region": self.region.upper()}) if self.region else self


def is_loopback_host(host: str) -> bool:
    """True for 'localhost' or a loopback IP address (127.0.0.0/8, ::1); never for a name that merely starts
    with '127.' ('127.evil.example' can resolve anywhere)."""
    if host.lower() in _LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def default_config_path(environ: Mapping[str, str]) -> Path:
    """~/.config/voice-assistant/config.toml (XDG_CONFIG_HOME respected)."""
    base = environ.get("XDG_CONFIG_HOME") or str(Path(environ.get("HOME", "~")).expanduser() / ".config")
    return Path(base) / "voice-assistant" / "config.toml"


def load_config(path: Path, required: bool) -> dict[str, Any]:
    """A TOML config file's settings as key → checked value (paths from the file's folder); {} if optional and absent."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError as err:
        if required:
            raise ConfigError(f"config file '{path}' does not exist (check the --config path)") from err
        return {}
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"config file '{path}' is not valid TOML: {err}") from err
    except OSError as err:
        raise ConfigError(f"config file '{path}' cannot be read: {err.strerror}") from err
    where = f"config file '{path}'"
    values: dict[str, Any] = {}
    for key, value in data.items():
        setting = _BY_NAME.get(key)
        if setting is None:
            close = difflib.get_close_matches(key, list(_BY_NAME), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise ConfigError(f"{where}: unknown setting '{key}' ({hint}known settings: {', '.join(_BY_NAME)})")
        typed = setting.from_toml(value, where)
        if isinstance(typed, Path) and not typed.is_absolute():
            typed = path.parent / typed
        values[key] = typed
    return values


def region_from_locale(environ: Mapping[str, str]) -> str | None:
    """The country of the system locale ('en_GB.UTF-8' → 'GB'), or None for C/POSIX/unset."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            found = _LOCALE.match(value)
            return found.group(1).upper() if found else None
    return None
