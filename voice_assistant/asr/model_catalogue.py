"""Speech models: the catalogue of downloadable ones, and which are installed in models/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

from voice_assistant.errors import ModelNotFoundError

__all__ = [
    "VOSK_ENGINE",
    "WHISPER_ENGINE",
    "SPHINX_ENGINE",
    "CatalogueEntry",
    "CATALOGUE",
    "catalogue_entry",
    "ModelListing",
    "model_engine",
    "model_display_name",
    "installed_models",
    "find_installed_model",
    "list_models",
    "describe_models",
]

VOSK_ENGINE: Final = "vosk"
WHISPER_ENGINE: Final = "whisper"
SPHINX_ENGINE: Final = "pocketsphinx"


@dataclass(frozen=True)
class CatalogueEntry:
    """A model the assistant knows how to download."""

    name: str
    """Folder name under models/, e.g. "vosk-model-small-en-us-0.15"."""
    engine: str
    """"vosk" or "whisper"."""
    description: str
    """One line for `voice-assistant models list`."""
    download_mb: int
    """Approximate download size in megabytes (shown to people; not used to check the download)."""
    archive: str = ""
    """Vosk: zip file name under the base URL."""
    repo: str = ""
    """Whisper: Hugging Face repository id; files come from <base>/<repo>/resolve/main/<file>."""
    sha256: str | None = None
    """Expected SHA-256 of the zip, when published; the download is refused if it differs."""
    size_bytes: int | None = None
    """Exact zip size when known; the download is refused if it differs."""


CATALOGUE: Final[tuple[CatalogueEntry, ...]] = (
    CatalogueEntry(
        "vosk-model-small-en-us-0.15",
        VOSK_ENGINE,
        "small US English Vosk model: fast, fine for most machines (recommended)",
        40,
        archive="vosk-model-small-en-us-0.15.zip",
    ),
    CatalogueEntry(
        "vosk-model-en-us-0.22-lgraph",
        VOSK_ENGINE,
        "larger US English Vosk model: more accurate, needs ~1 GB RAM",
        128,
        archive="vosk-model-en-us-0.22-lgraph.zip",
    ),
    CatalogueEntry(
        "faster-whisper-tiny.en",
        WHISPER_ENGINE,
        "Whisper tiny.en (CTranslate2): accurate on free speech, ~0.3x real time on 2 cores",
        75,
        repo="Systran/faster-whisper-tiny.en",
    ),
    CatalogueEntry(
        "faster-whisper-base.en",
        WHISPER_ENGINE,
        "Whisper base.en (CTranslate2): more accurate, about twice as slow as tiny.en",
        145,
        repo="Systran/faster-whisper-base.en",
    ),
    CatalogueEntry(
        "faster-whisper-small.en",
        WHISPER_ENGINE,
        "Whisper small.en (CTranslate2): most accurate here, needs a fast CPU",
        484,
        repo="Systran/faster-whisper-small.en",
    ),
)
"""Known models, in order of preference within each engine."""


@dataclass(frozen=True)
class ModelListing:
    """One line of `voice-assistant models list`: an installed model or a catalogue entry."""

    name: str
    """Folder name under models/."""
    engine: str
    """"vosk" or "whisper"."""
    installed: bool
    """True when the model is in models/."""
    size_bytes: int
    """Installed: bytes on disk; not installed: approximate download size."""
    path: Path | None
    """Installed model folder, or None."""
    description: str
    """Catalogue description, or "" for a model not in the catalogue."""


def model_engine(path: Path) -> str | None:
    """"vosk" or "whisper" when the folder looks like such a model, else None."""
    if not path.is_dir():
        return None
    if (path / "model.bin").is_file() and (path / "config.json").is_file():
        return WHISPER_ENGINE
    if (path / "am" / "final.mdl").is_file() or ((path / "conf").is_dir() and (path / "graph").is_dir()):
        return VOSK_ENGINE
    return None


def model_display_name(path: Path) -> str:
    """The folder name, or "package/model" for models shipped in a Python package's "model" folder."""
    resolved = path.resolve()
    return f"{resolved.parent.name}/{resolved.name}" if resolved.name == "model" else resolved.name


def installed_models(models_dir: Path) -> list[tuple[Path, str]]:
    """Every model folder in models_dir with its engine, by name."""
    if not models_dir.is_dir():
        return []
    found = []
    for child in sorted(models_dir.iterdir()):
        if child.name.startswith("."):
            continue
        engine = model_engine(child)
        if engine is not None:
            found.append((child, engine))
    return found


def find_installed_model(models_dir: Path, engine: str) -> Path | None:
    """The preferred installed model of an engine (catalogue order first, then by name), or None."""
    installed = {path.name: path for path, found in installed_models(models_dir) if found == engine}
    for entry in CATALOGUE:
        if entry.engine == engine and entry.name in installed:
            return installed[entry.name]
    return next(iter(installed.values()), None)


def _folder_bytes(path: Path) -> int:
    return sum(item.stat().st_size for item in path.rglob("*") if item.is_file())


def list_models(models_dir: Path) -> list[ModelListing]:
    """Installed models first (by name), then catalogue models that are not installed."""
    descriptions = {entry.name: entry.description for entry in CATALOGUE}
    listings = [
        ModelListing(path.name, engine, True, _folder_bytes(path), path, descriptions.get(path.name, ""))
        for path, engine in installed_models(models_dir)
    ]
    names = {listing.name for listing in listings}
    listings += [
        ModelListing(entry.name, entry.engine, False, entry.download_mb * 1_000_000, None, entry.description)
        for entry in CATALOGUE
        if entry.name not in names
    ]
    return listings


def describe_models(models_dir: Path) -> list[str]:
    """Lines for `voice-assistant models list`: status, engine, name, size, description."""
    lines = []
    for listing in list_models(models_dir):
        status = "installed" if listing.installed else "available"
        size = f"{listing.size_bytes / 1e6:.0f} MB" if listing.installed else f"~{listing.size_bytes / 1e6:.0f} MB"
        lines.append(f"{status:9}  {listing.engine:7}  {listing.name:30}  {size:>8}  {listing.description}".rstrip())
    return lines


def catalogue_entry(name: str) -> CatalogueEntry:
    """The catalogue entry of that name, or ModelNotFoundError listing the known names."""
    for entry in CATALOGUE:
        if entry.name == name:
            return entry
    known = ", ".join(entry.name for entry in CATALOGUE)
    raise ModelNotFoundError(f"no model named '{name}' in the catalogue (known: {known})")
