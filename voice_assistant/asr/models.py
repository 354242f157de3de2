"""Speech models on disk: download, install and remove them, unpacking atomically into models/, and offer
the first one to download."""

from __future__ import annotations

import errno
import hashlib
import http.client
import logging
import os
import shutil
import socket
import sys
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Final, TextIO

from voice_assistant.asr.model_catalogue import (
    CATALOGUE, VOSK_ENGINE, WHISPER_ENGINE, CatalogueEntry, catalogue_entry, find_installed_model, installed_models,
    model_engine,
)
from voice_assistant.errors import ModelNotFoundError, VoiceAssistantError

__all__ = [
    "FIRST_MODEL",
    "offer_first_model",
    "ProgressCallback",
    "download_model",
    "install_model",
    "remove_model",
    "is_network_reachable",
    "make_progress_printer",
    "stderr_progress",
]

_log = logging.getLogger(__name__)

VOSK_BASE_URL: Final = "https://alphacephei.com/vosk/models"
HUGGING_FACE_BASE_URL: Final = "https://huggingface.co"
_WHISPER_FILES: Final = ("model.bin", "config.json", "tokenizer.json", "vocabulary.txt")
_CHUNK_BYTES: Final = 64 * 1024

ProgressCallback = Callable[[int, "int | None"], None]
"""Called as bytes arrive: (bytes received so far, total bytes or None when the server does not say)."""


def download_model(
    name: str,
    models_dir: Path,
    base_url: str | None = None,
    progress: ProgressCallback | None = None,
    timeout_s: float = 30.0,
) -> Path:
    """Download a catalogue model into models_dir/NAME and return that folder.

    base_url replaces the catalogue's server (alphacephei.com for Vosk, huggingface.co for Whisper).
    A model already installed is returned as it is. Nothing is left behind when the download fails.
    """
    entry = catalogue_entry(name)
    target = models_dir / entry.name
    if model_engine(target) is not None:
        _log.info("model '%s' is already installed in '%s'", name, target)
        return target
    _make_models_dir(models_dir)
    with _scratch_dir(models_dir, entry.name) as scratch:
        try:
            if entry.engine == VOSK_ENGINE:
                url = f"{(base_url or VOSK_BASE_URL).rstrip('/')}/{entry.archive}"
                archive = scratch / entry.archive
                _fetch(url, archive, name, progress, timeout_s)
                _check_archive(archive, entry)
                root = _unpack(archive, scratch / "unpacked", name)
            else:
                root = scratch / "model"
                root.mkdir()
                base = (base_url or HUGGING_FACE_BASE_URL).rstrip("/")
                for file_name in _WHISPER_FILES:
                    url = f"{base}/{entry.repo}/resolve/main/{file_name}"
                    _fetch(url, root / file_name, name, progress, timeout_s)
        except OSError as err:
            raise _disk_error(err, name, models_dir) from err
        _check_layout(root, name, entry.engine)
        return _move_into_place(root, target, name)


def install_model(source: Path, models_dir: Path) -> Path:
    """Install a model from a local zip file or folder into models_dir and return its folder."""
    if not source.exists():
        raise ModelNotFoundError(f"cannot install model from '{source}': no such file or folder")
    _make_models_dir(models_dir)
    if source.is_dir():
        engine = _check_layout(source, str(source), None)
        name = source.resolve().name
        _refuse_existing(models_dir / name, name)
        with _scratch_dir(models_dir, name) as scratch:
            try:
                shutil.copytree(source, scratch / name, symlinks=False)
            except (OSError, shutil.Error) as err:
                raise _disk_error(_first_os_error(err), name, models_dir) from err
            _log.info("installing %s model '%s' from folder '%s'", engine, name, source)
            return _move_into_place(scratch / name, models_dir / name, name)
    if not zipfile.is_zipfile(source):
        raise VoiceAssistantError(
            f"cannot install model from '{source}': not a zip file or a model folder"
        )
    with _scratch_dir(models_dir, source.stem) as scratch:
        try:
            root = _unpack(source, scratch / "unpacked", str(source))
        except OSError as err:
            raise _disk_error(err, source.name, models_dir) from err
        name = root.name if root != scratch / "unpacked" else source.stem
        _check_layout(root, str(source), None)
        _refuse_existing(models_dir / name, name)
        return _move_into_place(root, models_dir / name, name)


def remove_model(name: str, models_dir: Path) -> None:
    """Delete the installed model models_dir/NAME (renamed away first, so it never looks half there)."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise ModelNotFoundError(f"'{name}' is not a model name (give the folder name shown by `models list`)")
    path = models_dir / name
    if model_engine(path) is None:
        installed = ", ".join(p.name for p, _ in installed_models(models_dir)) or "none"
        raise ModelNotFoundError(f"no model '{name}' installed in '{models_dir}' (installed: {installed})")
    doomed = Path(tempfile.mkdtemp(prefix=f".remove-{name}-", dir=models_dir))
    os.rename(path, doomed / name)
    shutil.rmtree(doomed, ignore_errors=True)


def is_network_reachable(url: str, timeout_s: float = 3.0) -> bool:
    """True when the server behind url answers at all (any HTTP status), within timeout_s."""
    request = urllib.request.Request(url, method="HEAD")
    try:
        with urllib.request.urlopen(request, timeout=timeout_s):
            return True
    except urllib.error.HTTPError:
        return True
    except (urllib.error.URLError, OSError, http.client.HTTPException):
        return False


def make_progress_printer(stream: TextIO, width: int = 30) -> ProgressCallback:
    """A progress callback that redraws one bar line on stream (give it sys.stderr)."""

    def show(done: int, total: int | None) -> None:
        if total:
            filled = min(width, done * width // total)
            bar = "#" * filled + "." * (width - filled)
            line = f"\rdownloading [{bar}] {done * 100 // total:3d}% {done / 1e6:.1f}/{total / 1e6:.1f} MB"
        else:
            line = f"\rdownloading {done / 1e6:.1f} MB"
        stream.write(line)
        if total is not None and done >= total:
            stream.write("\n")
        stream.flush()

    return show


def stderr_progress(done: int, total: int | None) -> None:
    """Progress callback drawing a bar on standard error (for the command line)."""
    make_progress_printer(sys.stderr)(done, total)


class _scratch_dir:
    """A temporary folder inside models_dir (same file system, so os.rename is atomic), always removed."""

    def __init__(self, models_dir: Path, name: str) -> None:
        self._models_dir = models_dir
        self._name = name
        self._path: Path | None = None

    def __enter__(self) -> Path:
        try:
            self._path = Path(tempfile.mkdtemp(prefix=f".download-{self._name}-", dir=self._models_dir))
        except OSError as err:
            raise _disk_error(err, self._name, self._models_dir) from err
        return self._path

    def __exit__(self, *exc: object) -> None:
        if self._path is not None:
            shutil.rmtree(self._path, ignore_errors=True)


def _make_models_dir(models_dir: Path) -> None:
    try:
        models_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise VoiceAssistantError(
            f"cannot create models folder '{models_dir}': {err.strerror} (pass --models-dir DIR)"
        ) from err


def _fetch(url: str, path: Path, name: str, progress: ProgressCallback | None, timeout_s: float) -> None:
    """Stream url into path, checking the byte count against Content-Length."""
    where = f"cannot download model '{name}' from '{url}'"
    offline = "copy the model onto this machine and run `voice-assistant models install FILE`"
    try:
        response = urllib.request.urlopen(url, timeout=timeout_s)
    except urllib.error.HTTPError as err:
        raise VoiceAssistantError(f"{where}: the server answered {err.code} {err.reason}") from err
    except (urllib.error.URLError, socket.timeout, ConnectionError) as err:
        reason = getattr(err, "reason", err)
        raise VoiceAssistantError(f"{where}: no network connection ({reason}); {offline}") from err
    with response:
        length = response.headers.get("Content-Length")
        total = int(length) if length and length.isdigit() else None
        done = 0
        try:
            with path.open("wb") as out:
                while chunk := response.read(_CHUNK_BYTES):
                    out.write(chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress(done, total)
        except http.client.IncompleteRead as err:
            done += len(err.partial)
            total = total if total is not None else done + (err.expected or 0)
        except (socket.timeout, ConnectionError) as err:
            raise VoiceAssistantError(
                f"{where}: the connection broke after {done} bytes ({err}); try again"
            ) from err
    if total is not None and done != total:
        raise VoiceAssistantError(
            f"{where}: the download was cut short ({done} of {total} bytes); try again"
        )


def _check_archive(archive: Path, entry: CatalogueEntry) -> None:
    size = archive.stat().st_size
    if entry.size_bytes is not None and size != entry.size_bytes:
        raise VoiceAssistantError(
            f"downloaded archive for '{entry.name}' has {size} bytes, expected {entry.size_bytes}; try again"
        )
    if entry.sha256 is not None:
        digest = hashlib.sha256()
        with archive.open("rb") as data:
            while block := data.read(1 << 20):
                digest.update(block)
        if digest.hexdigest() != entry.sha256:
            raise VoiceAssistantError(
                f"downloaded archive for '{entry.name}' has SHA-256 {digest.hexdigest()}, "
                f"expected {entry.sha256}; try again"
            )


def _unpack(archive: Path, into: Path, source: str) -> Path:
    """Check and extract a zip; return the model's root (its single top folder, or `into`)."""
    try:
        with zipfile.ZipFile(archive) as zipped:
            bad = zipped.testzip()
            if bad is not None:
                raise VoiceAssistantError(f"archive '{source}' is corrupt: member '{bad}' fails its CRC check")
            members = zipped.infolist()
            for member in members:
                parts = PurePosixPath(member.filename).parts
                if member.filename.startswith("/") or ".." in parts or ":" in member.filename:
                    raise VoiceAssistantError(
                        f"archive '{source}' is unsafe: member '{member.filename}' points outside the model"
                    )
            into.mkdir()
            zipped.extractall(into)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as err:
        raise VoiceAssistantError(f"archive '{source}' is corrupt (not a readable zip file: {err})") from err
    tops = {PurePosixPath(member.filename).parts[0] for member in members if member.filename.strip("/")}
    if len(tops) == 1:
        only = into / tops.pop()
        if only.is_dir():
            return only
    return into


def _check_layout(root: Path, source: str, engine: str | None) -> str:
    found = model_engine(root)
    if found is None or (engine is not None and found != engine):
        raise VoiceAssistantError(
            f"'{source}' does not look like a speech model (a Vosk model has am/final.mdl or conf/ and graph/; "
            "a Whisper model has model.bin and config.json)"
        )
    return found


def _refuse_existing(target: Path, name: str) -> None:
    if target.exists():
        raise VoiceAssistantError(
            f"model '{name}' is already installed in '{target}' "
            f"(remove it first with `voice-assistant models remove {name}`)"
        )


def _move_into_place(root: Path, target: Path, name: str) -> Path:
    try:
        os.rename(root, target)
    except OSError as err:
        if err.errno in (errno.EEXIST, errno.ENOTEMPTY):
            raise VoiceAssistantError(
                f"model '{name}' is already installed in '{target}' "
                f"(remove it first with `voice-assistant models remove {name}`)"
            ) from err
        raise _disk_error(err, name, target.parent) from err
    _log.info("installed model '%s' in '%s'", name, target)
    return target


def _first_os_error(err: OSError | shutil.Error) -> OSError:
    if isinstance(err, shutil.Error) and err.args and isinstance(err.args[0], list) and err.args[0]:
        message = str(err.args[0][0][-1])
        no_space = "No space left" in message
        return OSError(errno.ENOSPC if no_space else errno.EIO, message)
    return err if isinstance(err, OSError) else OSError(errno.EIO, str(err))


def _disk_error(err: OSError, name: str, models_dir: Path) -> VoiceAssistantError:
    if err.errno == errno.ENOSPC:
        return VoiceAssistantError(
            f"cannot install model '{name}': no space left on the disk holding '{models_dir}' "
            "(free some space or pass --models-dir on another disk)"
        )
    return VoiceAssistantError(
        f"cannot install model '{name}' in '{models_dir}': {err.strerror or err}"
    )


FIRST_MODEL: Final = "vosk-model-small-en-us-0.15"
"""The model offered when the voice loop starts with no Vosk or Whisper model (about 40 MB)."""


def offer_first_model(
    models_dir: Path,
    ask: Callable[[str], bool],
    base_url: str | None = None,
    progress: ProgressCallback | None = None,
    timeout_s: float = 3.0,
) -> Path | None:
    """Where no Vosk or Whisper model is installed and the model server answers, ask (a yes/no question)
    whether to download the small English Vosk model, and do so; the installed path, or None."""
    if find_installed_model(models_dir, VOSK_ENGINE) or find_installed_model(models_dir, WHISPER_ENGINE):
        return None
    if not is_network_reachable(base_url or VOSK_BASE_URL, timeout_s):
        return None
    size = next(entry.download_mb for entry in CATALOGUE if entry.name == FIRST_MODEL)
    question = (
        f"No Vosk or Whisper speech model is installed, so recognition is rough. "
        f"Download the small English Vosk model now (about {size} MB)?"
    )
    if not ask(question):
        return None
    return download_model(FIRST_MODEL, models_dir, base_url=base_url, progress=progress, timeout_s=max(timeout_s, 30.0))
