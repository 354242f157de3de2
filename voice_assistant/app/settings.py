"""Settings: built once by the entry point from defaults, a TOML config file and command-line flags."""

from __future__ import annotations

import ipaddress
import re
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Final, Mapping

from voice_assistant.core.dialogue import RATE_MAX_WPM, RATE_MIN_WPM, VOLUME_MAX, VOLUME_MIN, SpeakingSettings
from voice_assistant.asr.factory import ENGINES
from voice_assistant.errors import ConfigError

__all__ = [
    "Settings", "default_config_path", "load_config", "region_from_locale", "ENGINES",
    "TEXT_SIZES", "is_loopback_host", "check_kiosk_settings",
]

_LOCALE: Final = re.compile(r"^[a-zA-Z]{2,3}[_-]([a-zA-Z]{2})\b")


@dataclass(frozen=True)
class Settings:
    """Everything the entry points need to build the assistant and its adapters."""

    region: str | None = None
    """ISO country code for the emergency number ('US', 'GB'); None: from the locale, else generic words."""
    prompts_dir: Path | None = None
    """Folder with the content files; None: the project's prompts/."""
    models_dir: Path = Path("models")
    """Folder with installed speech models."""
    model: Path | None = None
    """A specific speech model folder (also VOICE_ASSISTANT_MODEL); None: choose automatically."""
    engine: str = "auto"
    """Speech recogniser: auto, vosk, whisper or pocketsphinx."""
    open_vocabulary: bool = False
    """True: Vosk recognises any words, not only the assistant's vocabulary."""
    rate_wpm: int = 150
    """Starting speaking rate in words per minute (90..240)."""
    volume: float = 0.8
    """Starting loudness, 0.2..1.0."""
    voice: str | None = None
    """Synthesis voice name or id (espeak-ng voice such as 'en-gb'); None: the default voice."""
    speech: bool = True
    """False: print replies only, never speak them."""
    earcons: bool = True
    """False: no listening/heard/emergency tones."""
    output_device: str | None = None
    """Speaker by number or name part; None: the system default."""
    input_device: str | None = None
    """Microphone by number or name part; None: the system default."""
    debug: bool = False
    """True: show tracebacks for errors."""
    barge_in: bool = False
    """True (with a headset): saying "stop" interrupts speech; False: the microphone is off while speaking."""
    max_utterance_s: float = 15.0
    """Longest utterance in seconds (3..60), so a radio or a conversation nearby cannot keep it listening."""
    end_silence_ms: int = 1200
    """Longest pause in ms that ends an utterance (400..3000); a complete request ends after quick_end_silence_ms."""
    quick_end_silence_ms: int = 300
    """Pause in ms after which a complete, confident request is answered (150..end_silence_ms)."""
    min_speech_ms: int = 200
    """Speech needed in ms before an utterance counts (60..1000): clicks and coughs are shorter."""
    min_confidence: float = 0.3
    """Transcripts the recogniser is less sure of than this (0..1) are taken for noise and get no answer."""
    idle_hint_s: float = 30.0
    """Seconds of silence after which the voice loop once says how to ask something (0: never)."""
    kiosk_host: str = "127.0.0.1"
    """Kiosk page server address; anything but loopback (127.0.0.1, ::1, localhost) needs kiosk_token."""
    kiosk_port: int = 8765
    """Kiosk page server TCP port, 1..65535 (0: any free port, printed at start)."""
    kiosk_token: str | None = None
    """Secret (at least 8 characters) the page must present; required when kiosk_host is not loopback."""
    kiosk_tls_cert: Path | None = None
    """Kiosk: PEM certificate the clinic gives, to serve the page over HTTPS (with kiosk_tls_key); None: HTTP."""
    kiosk_tls_key: Path | None = None
    """Kiosk: the private key of kiosk_tls_cert (PEM)."""
    kiosk_allowed_hosts: tuple[str, ...] = ()
    """Kiosk off loopback: host names screens use to open the page ('kiosk.clinic.lan'); others get 403."""
    idle_timeout_s: float = 60.0
    """Kiosk: seconds without input before the conversation is forgotten (a warning comes first), 2..3600."""
    push_to_talk_key: str = "F9"
    """Kiosk: the key (a browser key name such as 'F9', 'Enter', 'a') that starts a spoken question."""
    wake_phrase: str | None = None
    """Kiosk: words that start a spoken question hands-free ('hello assistant'); None: off."""
    metrics_file: Path | None = None
    """Kiosk: JSON file keeping only counts (turns, topics, red-flag levels, errors); None: no file."""
    text_size: str = "large"
    """Kiosk page text: 'large' (36 px body) or 'larger' (48 px body)."""

    @property
    def speaking(self) -> SpeakingSettings:
        """The starting speaking settings."""
        return SpeakingSettings(rate_wpm=self.rate_wpm, volume=self.volume)

    def validated(self, source: str) -> "Settings":
        """These settings, or ConfigError naming the first unusable value and where it came from."""
        if self.engine not in ENGINES:
            raise ConfigError(f"{source}: engine '{self.engine}' is unknown (use one of {', '.join(ENGINES)})")
        if not RATE_MIN_WPM <= self.rate_wpm <= RATE_MAX_WPM:
            raise ConfigError(f"{source}: rate {self.rate_wpm} is out of range (use {RATE_MIN_WPM} to {RATE_MAX_WPM} words per minute)")
        if not VOLUME_MIN <= self.volume <= VOLUME_MAX:
            raise ConfigError(f"{source}: volume {self.volume} is out of range (use {VOLUME_MIN} to {VOLUME_MAX})")
        if not 3.0 <= self.max_utterance_s <= 60.0:
            raise ConfigError(f"{source}: max_utterance_s {self.max_utterance_s} is out of range (use 3 to 60 seconds)")
        if not 400 <= self.end_silence_ms <= 3000:
            raise ConfigError(f"{source}: end_silence_ms {self.end_silence_ms} is out of range (use 400 to 3000 ms)")
        if not 150 <= self.quick_end_silence_ms <= self.end_silence_ms:
            raise ConfigError(
                f"{source}: quick_end_silence_ms {self.quick_end_silence_ms} is out of range "
                f"(use 150 to end_silence_ms, {self.end_silence_ms} ms)"
            )
        if not 60 <= self.min_speech_ms <= 1000:
            raise ConfigError(f"{source}: min_speech_ms {self.min_speech_ms} is out of range (use 60 to 1000 ms)")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ConfigError(f"{source}: min_confidence {self.min_confidence} is out of range (use 0 to 1)")
        if self.idle_hint_s < 0:
            raise ConfigError(f"{source}: idle_hint_s {self.idle_hint_s} is negative (use 0 for never, or seconds)")
        if self.region is not None and not re.fullmatch(r"[A-Za-z]{2}", self.region):
            raise ConfigError(f"{source}: region '{self.region}' is not a two-letter country code (for example US or GB)")
        check_kiosk_settings(self, source)
        return replace(self, region=self.region.upper() if self.region else None)


TEXT_SIZES: Final = ("large", "larger")
"""Kiosk page text sizes: 36 px and 48 px body text."""
_LOOPBACK_HOSTS: Final = ("127.0.0.1", "::1", "localhost")


def is_loopback_host(host: str) -> bool:
    """True for an address only this machine can reach: 'localhost' or a loopback IP address (127.0.0.0/8, ::1),
    never a name that merely starts with '127.' ('127.evil.example' can resolve anywhere)."""
    if host.lower() in _LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_kiosk_settings(settings: Settings, source: str) -> None:
    """ConfigError naming the first unusable kiosk setting and where it came from."""
    if not 0 <= settings.kiosk_port <= 65535:
        raise ConfigError(f"{source}: kiosk port {settings.kiosk_port} is out of range (use 1 to 65535)")
    if not 2.0 <= settings.idle_timeout_s <= 3600.0:
        raise ConfigError(f"{source}: idle timeout {settings.idle_timeout_s:g} s is out of range (use 2 to 3600 seconds)")
    if settings.text_size not in TEXT_SIZES:
        raise ConfigError(f"{source}: text size '{settings.text_size}' is unknown (use {' or '.join(TEXT_SIZES)})")
    if not settings.push_to_talk_key.strip():
        raise ConfigError(f"{source}: push-to-talk key is empty (use a key name such as F9 or Enter)")
    if settings.kiosk_token is not None and len(settings.kiosk_token) < 8:
        raise ConfigError(f"{source}: kiosk token is too short (use at least 8 characters)")
    if not is_loopback_host(settings.kiosk_host) and settings.kiosk_token is None:
        raise ConfigError(
            f"{source}: kiosk host '{settings.kiosk_host}' is reachable from other machines, so a kiosk token is "
            "required (set VOICE_ASSISTANT_KIOSK_TOKEN, or use --token-file FILE); the page shows what patients say"
        )
    if (settings.kiosk_tls_cert is None) != (settings.kiosk_tls_key is None):
        raise ConfigError(f"{source}: TLS needs both a certificate and its key (set kiosk_tls_cert and kiosk_tls_key)")
    if settings.kiosk_host in ("0.0.0.0", "::") and not settings.kiosk_allowed_hosts:
        raise ConfigError(
            f"{source}: kiosk host '{settings.kiosk_host}' listens on every address, so name the host names screens "
            "use to open the page (kiosk_allowed_hosts, or --allowed-host NAME)"
        )


def default_config_path(environ: Mapping[str, str]) -> Path:
    """~/.config/voice-assistant/config.toml (XDG_CONFIG_HOME respected)."""
    base = environ.get("XDG_CONFIG_HOME") or str(Path(environ.get("HOME", "~")).expanduser() / ".config")
    return Path(base) / "voice-assistant" / "config.toml"


_TYPES: Final[dict[str, tuple[type, ...]]] = {
    "region": (str,),
    "prompts_dir": (str,),
    "models_dir": (str,),
    "model": (str,),
    "engine": (str,),
    "open_vocabulary": (bool,),
    "rate_wpm": (int,),
    "volume": (int, float),
    "voice": (str,),
    "speech": (bool,),
    "earcons": (bool,),
    "output_device": (str, int),
    "input_device": (str, int),
    "debug": (bool,),
    "kiosk_host": (str,),
    "kiosk_port": (int,),
    "kiosk_token": (str,),
    "kiosk_tls_cert": (str,),
    "kiosk_tls_key": (str,),
    "kiosk_allowed_hosts": (list,),
    "idle_timeout_s": (int, float),
    "push_to_talk_key": (str,),
    "wake_phrase": (str,),
    "metrics_file": (str,),
    "text_size": (str,),
}


def load_config(path: Path, required: bool) -> dict[str, Any]:
    """The settings in a TOML config file as field → value; {} when an optional file is absent."""
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
    known = {f.name for f in fields(Settings)}
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            raise ConfigError(f"config file '{path}': unknown setting '{key}' (known: {', '.join(sorted(_TYPES))})")
        types = _TYPES[key]
        if isinstance(value, bool) and bool not in types or not isinstance(value, types):
            wanted = " or ".join(t.__name__ for t in types)
            raise ConfigError(f"config file '{path}': setting '{key}' is {value!r}, expected {wanted}")
        if key == "kiosk_allowed_hosts":
            names = value if isinstance(value, list) else []
            if not all(isinstance(name, str) for name in names):
                raise ConfigError(f"config file '{path}': setting '{key}' must be a list of host names (strings)")
            values[key] = tuple(names)
        elif key in ("prompts_dir", "models_dir", "model", "metrics_file", "kiosk_tls_cert", "kiosk_tls_key"):
            given = Path(str(value)).expanduser()
            values[key] = given if given.is_absolute() else path.parent / given
        elif key in ("output_device", "input_device"):
            values[key] = str(value)
        elif key in ("volume", "idle_timeout_s"):
            values[key] = float(str(value))
        else:
            values[key] = value
    return values


def region_from_locale(environ: Mapping[str, str]) -> str | None:
    """The country of the system locale ('en_GB.UTF-8' → 'GB'), or None for C/POSIX/unset."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            found = _LOCALE.match(value)
            return found.group(1).upper() if found else None
    return None
