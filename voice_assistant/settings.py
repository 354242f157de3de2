"""Settings: built once by the entry point from defaults, a TOML config file and command-line flags."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Final, Mapping

from voice_assistant.dialogue import RATE_MAX_WPM, RATE_MIN_WPM, VOLUME_MAX, VOLUME_MIN, SpeakingSettings
from voice_assistant.errors import ConfigError

__all__ = ["Settings", "default_config_path", "load_config", "region_from_locale", "ENGINES"]

ENGINES: Final = ("auto", "vosk", "whisper", "pocketsphinx")
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
        if self.region is not None and not re.fullmatch(r"[A-Za-z]{2}", self.region):
            raise ConfigError(f"{source}: region '{self.region}' is not a two-letter country code (for example US or GB)")
        return replace(self, region=self.region.upper() if self.region else None)


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
        if key in ("prompts_dir", "models_dir", "model"):
            given = Path(str(value)).expanduser()
            values[key] = given if given.is_absolute() else path.parent / given
        elif key in ("output_device", "input_device"):
            values[key] = str(value)
        elif key == "volume":
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
