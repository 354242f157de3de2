"""Model management against a local HTTP server: download, checks, atomic unpacking, install, remove, list."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import threading
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from speech_fixtures import fail_or_skip

from voice_assistant.errors import ModelNotFoundError, VoiceAssistantError
from voice_assistant.asr.model_catalogue import describe_models, list_models, model_engine
from voice_assistant.asr.models import (
    FIRST_MODEL,
    download_model,
    install_model,
    is_network_reachable,
    make_progress_printer,
    offer_first_model,
    remove_model,
)

VOSK_NAME = "vosk-model-small-en-us-0.15"
WHISPER_NAME = "faster-whisper-tiny.en"


def _vosk_zip(top: str = VOSK_NAME, model_bytes: int = 2048, layout: bool = True) -> bytes:
    """A zip shaped like Vosk's: one top folder with am/, conf/, graph/, ivector/."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if layout:
            archive.writestr(f"{top}/am/final.mdl", os.urandom(model_bytes))
            archive.writestr(f"{top}/conf/model.conf", "--beam=10.0\n")
            archive.writestr(f"{top}/graph/HCLr.fst", os.urandom(512))
            archive.writestr(f"{top}/graph/Gr.fst", os.urandom(512))
        archive.writestr(f"{top}/README", "Fake Vosk model for tests\n")
    return buffer.getvalue()


class _Server:
    """Serves fixed bodies by path; '/truncated/...' paths promise more bytes than they send."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.requests: list[str] = []
        files, requests = self.files, self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802  (http.server's name)
                requests.append(self.path)
                body = files.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                sent = body[: len(body) // 2] if self.path.startswith("/truncated/") else body
                self.wfile.write(sent)
                self.wfile.flush()
                self.close_connection = True

            def do_HEAD(self) -> None:  # noqa: N802
                self.send_response(200 if self.path in files else 404)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


@pytest.fixture(scope="module")
def server() -> Iterator[_Server]:
    running = _Server()
    yield running
    running.close()


@pytest.fixture
def models_dir(tmp_path: Path) -> Path:
    return tmp_path / "models"


def _left_behind(models_dir: Path) -> list[str]:
    return sorted(path.name for path in models_dir.iterdir()) if models_dir.exists() else []


def _closed_port_url() -> str:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


# --- download ---------------------------------------------------------------------------------------------


def test_download_unpacks_the_model_atomically(server: _Server, models_dir: Path) -> None:
    body = _vosk_zip(model_bytes=300_000)
    server.files[f"/ok/{VOSK_NAME}.zip"] = body
    seen: list[tuple[int, int | None]] = []
    path = download_model(VOSK_NAME, models_dir, base_url=f"{server.url}/ok", progress=lambda d, t: seen.append((d, t)))
    assert path == models_dir / VOSK_NAME
    assert model_engine(path) == "vosk" and (path / "am" / "final.mdl").stat().st_size == 300_000
    assert _left_behind(models_dir) == [VOSK_NAME]
    assert len(seen) > 1 and seen[-1] == (len(body), len(body))


def test_download_of_an_installed_model_does_not_fetch_it_again(server: _Server, models_dir: Path) -> None:
    server.files[f"/ok/{VOSK_NAME}.zip"] = _vosk_zip()
    first = download_model(VOSK_NAME, models_dir, base_url=f"{server.url}/ok")
    again = download_model(VOSK_NAME, models_dir, base_url=_closed_port_url())
    assert again == first


def test_download_of_a_whisper_model_fetches_its_four_files(server: _Server, models_dir: Path) -> None:
    for name in ("model.bin", "config.json", "tokenizer.json", "vocabulary.txt"):
        server.files[f"/hf/Systran/{WHISPER_NAME}/resolve/main/{name}"] = name.encode() * 10
    path = download_model(WHISPER_NAME, models_dir, base_url=f"{server.url}/hf")
    assert model_engine(path) == "whisper"
    assert sorted(p.name for p in path.iterdir()) == ["config.json", "model.bin", "tokenizer.json", "vocabulary.txt"]
    assert _left_behind(models_dir) == [WHISPER_NAME]


def test_truncated_download_leaves_nothing(server: _Server, models_dir: Path) -> None:
    server.files[f"/truncated/{VOSK_NAME}.zip"] = _vosk_zip(model_bytes=100_000)
    with pytest.raises(VoiceAssistantError, match=r"cut short \(\d+ of \d+ bytes\); try again") as error:
        download_model(VOSK_NAME, models_dir, base_url=f"{server.url}/truncated")
    assert "\n" not in str(error.value)
    assert _left_behind(models_dir) == []


def test_corrupt_archive_leaves_nothing(server: _Server, models_dir: Path) -> None:
    server.files[f"/corrupt/{VOSK_NAME}.zip"] = b"PK\x03\x04" + os.urandom(5000)
    with pytest.raises(VoiceAssistantError, match="is corrupt"):
        download_model(VOSK_NAME, models_dir, base_url=f"{server.url}/corrupt")
    assert _left_behind(models_dir) == []


def test_archive_that_is_not_a_model_is_refused(server: _Server, models_dir: Path) -> None:
    server.files[f"/empty/{VOSK_NAME}.zip"] = _vosk_zip(layout=False)
    with pytest.raises(VoiceAssistantError, match="does not look like a speech model"):
        download_model(VOSK_NAME, models_dir, base_url=f"{server.url}/empty")
    assert _left_behind(models_dir) == []


def test_archive_with_paths_outside_the_model_is_refused(server: _Server, models_dir: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../../evil.txt", "x")
    server.files[f"/slip/{VOSK_NAME}.zip"] = buffer.getvalue()
    with pytest.raises(VoiceAssistantError, match="unsafe"):
        download_model(VOSK_NAME, models_dir, base_url=f"{server.url}/slip")
    assert _left_behind(models_dir) == []


def test_missing_file_on_the_server(server: _Server, models_dir: Path) -> None:
    with pytest.raises(VoiceAssistantError, match="the server answered 404"):
        download_model(VOSK_NAME, models_dir, base_url=f"{server.url}/nothing-here")
    assert _left_behind(models_dir) == []


def test_no_network_is_a_one_line_error(models_dir: Path) -> None:
    with pytest.raises(VoiceAssistantError) as error:
        download_model(VOSK_NAME, models_dir, base_url=_closed_port_url(), timeout_s=2)
    message = str(error.value)
    assert "no network connection" in message and "models install FILE" in message and "\n" not in message
    assert _left_behind(models_dir) == []


def test_unknown_model_name(models_dir: Path) -> None:
    with pytest.raises(ModelNotFoundError, match=r"no model named 'vosk-model-fr' in the catalogue \(known: "):
        download_model("vosk-model-fr", models_dir)


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs (needs root); skipped where mounting is impossible, unless CI is set."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    if shutil.which("mount") is None or os.geteuid() != 0:
        fail_or_skip("mounting a tmpfs needs root and mount(8)")
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount_point)], capture_output=True, text=True
    )
    if result.returncode != 0:
        fail_or_skip(f"cannot mount a tmpfs: {result.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)


def test_no_space_left_leaves_nothing(server: _Server, tiny_disk: Path) -> None:
    server.files[f"/big/{VOSK_NAME}.zip"] = _vosk_zip(model_bytes=200_000)
    models_dir = tiny_disk / "models"
    with pytest.raises(VoiceAssistantError, match="no space left on the disk holding") as error:
        download_model(VOSK_NAME, models_dir, base_url=f"{server.url}/big")
    assert "\n" not in str(error.value)
    assert _left_behind(models_dir) == []


def test_install_from_zip_fails_cleanly_when_the_disk_is_full(tmp_path: Path, tiny_disk: Path) -> None:
    archive = tmp_path / "model.zip"
    archive.write_bytes(_vosk_zip(top="vosk-model-big", model_bytes=200_000))
    with pytest.raises(VoiceAssistantError, match="no space left"):
        install_model(archive, tiny_disk)
    assert _left_behind(tiny_disk) == []


# --- install, remove, list -----------------------------------------------------------------------------


def test_install_from_zip_and_from_folder(tmp_path: Path, models_dir: Path) -> None:
    archive = tmp_path / "downloaded.zip"
    archive.write_bytes(_vosk_zip(top="vosk-model-small-de-0.15"))
    assert install_model(archive, models_dir) == models_dir / "vosk-model-small-de-0.15"
    folder = tmp_path / "faster-whisper-base.en"
    folder.mkdir()
    (folder / "model.bin").write_bytes(b"\x00" * 10)
    (folder / "config.json").write_text("{}")
    installed = install_model(folder, models_dir)
    assert model_engine(installed) == "whisper" and folder.is_dir()  # copied, not moved
    assert _left_behind(models_dir) == ["faster-whisper-base.en", "vosk-model-small-de-0.15"]


def test_install_refuses_an_existing_model(tmp_path: Path, models_dir: Path) -> None:
    archive = tmp_path / "m.zip"
    archive.write_bytes(_vosk_zip(top="vosk-model-x"))
    install_model(archive, models_dir)
    with pytest.raises(VoiceAssistantError, match="already installed"):
        install_model(archive, models_dir)
    assert _left_behind(models_dir) == ["vosk-model-x"]


def test_install_refuses_a_folder_that_is_not_a_model(tmp_path: Path, models_dir: Path) -> None:
    (tmp_path / "photos").mkdir()
    with pytest.raises(VoiceAssistantError, match="does not look like a speech model"):
        install_model(tmp_path / "photos", models_dir)
    with pytest.raises(ModelNotFoundError, match="no such file or folder"):
        install_model(tmp_path / "nowhere.zip", models_dir)


def test_remove_model(tmp_path: Path, models_dir: Path) -> None:
    archive = tmp_path / "m.zip"
    archive.write_bytes(_vosk_zip(top="vosk-model-x"))
    install_model(archive, models_dir)
    remove_model("vosk-model-x", models_dir)
    assert _left_behind(models_dir) == []
    with pytest.raises(ModelNotFoundError, match=r"no model 'vosk-model-x' installed in .*\(installed: none\)"):
        remove_model("vosk-model-x", models_dir)
    with pytest.raises(ModelNotFoundError, match="is not a model name"):
        remove_model("../etc", models_dir)


def test_list_shows_installed_models_then_the_catalogue(tmp_path: Path, models_dir: Path) -> None:
    archive = tmp_path / "m.zip"
    archive.write_bytes(_vosk_zip(model_bytes=4096))
    install_model(archive, models_dir)
    (models_dir / ".cache").mkdir()
    listings = list_models(models_dir)
    first = listings[0]
    assert (first.name, first.engine, first.installed, first.path) == (VOSK_NAME, "vosk", True, models_dir / VOSK_NAME)
    assert first.size_bytes >= 4096 and first.description
    rest = [(entry.name, entry.installed) for entry in listings[1:]]
    assert ("vosk-model-en-us-0.22-lgraph", False) in rest and (WHISPER_NAME, False) in rest
    assert VOSK_NAME not in [name for name, _ in rest]
    lines = describe_models(models_dir)
    assert lines[0].startswith(f"installed  vosk     {VOSK_NAME}") and lines[1].startswith("available")


def test_network_reachability(server: _Server) -> None:
    assert is_network_reachable(f"{server.url}/anything", timeout_s=2)
    assert not is_network_reachable(_closed_port_url(), timeout_s=2)


def test_progress_printer_draws_one_line() -> None:
    stream = io.StringIO()
    show = make_progress_printer(stream, width=10)
    show(50, 100)
    show(100, 100)
    assert stream.getvalue() == (
        "\rdownloading [#####.....]  50% 0.0/0.0 MB\rdownloading [##########] 100% 0.0/0.0 MB\n"
    )


def test_first_model_is_offered_and_downloaded_on_yes(server: _Server, models_dir: Path) -> None:

    server.files[f"/{FIRST_MODEL}.zip"] = _vosk_zip(FIRST_MODEL)
    server.files["/"] = b"ok"
    asked: list[str] = []
    declined = offer_first_model(models_dir, lambda q: asked.append(q) or False, base_url=server.url)
    assert declined is None and len(asked) == 1 and "about 40 MB" in asked[0]
    path = offer_first_model(models_dir, lambda q: True, base_url=server.url)
    assert path is not None and path.name == FIRST_MODEL and path.is_dir()
    asked.clear()
    assert offer_first_model(models_dir, lambda q: asked.append(q) or True, base_url=server.url) is None
    assert asked == []  # a model is installed now: nothing to offer


def test_first_model_is_not_offered_without_network(models_dir: Path) -> None:

    asked: list[str] = []
    assert offer_first_model(models_dir, lambda q: asked.append(q) or True, base_url=_closed_port_url(), timeout_s=1.0) is None
    assert asked == []
