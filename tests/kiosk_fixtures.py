"""Shared fixtures for kiosk tests: the real `voice-assistant kiosk` process, and Debian's Chromium via Playwright.

Test modules import what they use (`from kiosk_fixtures import chromium, start_kiosk`). Playwright's own
browser download does not work here, so Chromium is /usr/bin/chromium (Debian's `chromium` package).
"""

from __future__ import annotations

import atexit
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import pytest

from conftest import ROOT
from speech_fixtures import fail_or_skip

CHROMIUM: Final = Path("/usr/bin/chromium")
CHROMIUM_ARGS: Final = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS: Final = ROOT / "test-artifacts"
"""Screenshots land here (gitignored)."""


@dataclass
class KioskProcess:
    """A running `voice-assistant kiosk` and where it keeps (or must not keep) things."""

    process: subprocess.Popen[str]
    url: str
    home: Path
    """HOME, XDG_CONFIG_HOME, XDG_CACHE_HOME and TMPDIR of the process all live under this folder."""
    output: list[str] = field(default_factory=list)
    stderr_path: Path | None = None
    """Where stderr goes when it is a file (long or --debug runs, so a full pipe never blocks the kiosk)."""

    def stop(self) -> str:
        """SIGTERM, wait, and return what it printed on stderr."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        if self.stderr_path is not None:
            return self.stderr_path.read_text(encoding="utf-8", errors="replace")
        return self.process.stderr.read() if self.process.stderr else ""

    def log_text(self) -> str:
        """What the kiosk has printed on stderr so far (needs stderr_path)."""
        return self.stderr_path.read_text(encoding="utf-8", errors="replace") if self.stderr_path is not None else ""

    def rss_kib(self) -> int:
        """The kiosk process's resident memory in KiB."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0


def kiosk_env(home: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """An environment whose config, cache and temp folders are all under home."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VOICE_ASSISTANT", "LC_", "LANG"))}
    for name in ("config", "cache", "tmp", "data"):
        (home / name).mkdir(parents=True, exist_ok=True)
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"),
               XDG_DATA_HOME=str(home / "data"), TMPDIR=str(home / "tmp"), PYTHONPATH=str(ROOT))
    env.update(extra or {})
    return env


def start_kiosk(home: Path, *args: str, env: dict[str, str] | None = None, timeout_s: float = 60.0,
                stderr_path: Path | None = None) -> KioskProcess:
    """Start `voice-assistant kiosk --port 0 ARGS` and wait for the page address it prints."""
    stderr_file = stderr_path.open("w", encoding="utf-8") if stderr_path is not None else None
    process = subprocess.Popen(
        [sys.executable, "-m", "voice_assistant", "kiosk", "--port", "0", *args],
        stdout=subprocess.PIPE, stderr=stderr_file if stderr_file is not None else subprocess.PIPE, text=True, cwd=ROOT,
        env=env if env is not None else kiosk_env(home),
    )
    if stderr_file is not None:
        stderr_file.close()

    def stderr_text() -> str:
        if stderr_path is not None:
            return stderr_path.read_text(encoding="utf-8", errors="replace")
        return process.stderr.read() if process.stderr else ""

    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    try:
        line = lines.get(timeout=timeout_s)
    except queue.Empty:
        process.kill()
        process.wait()
        raise AssertionError(f"the kiosk printed no address within {timeout_s:g} s: {stderr_text()}")
    if not line.startswith("kiosk page: "):
        process.kill()
        process.wait()
        raise AssertionError(f"unexpected first line from the kiosk: {line!r}; stderr: {stderr_text()}")
    return KioskProcess(process, line.removeprefix("kiosk page: ").strip(), home, stderr_path=stderr_path)


_BROWSER: list[Any] = []
_PLAYWRIGHT: list[Any] = []


def _stop_browser() -> None:
    while _BROWSER:
        _BROWSER.pop().close()
    while _PLAYWRIGHT:
        _PLAYWRIGHT.pop().stop()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright; each test opens its own context (fresh profile).

    However many modules import this fixture, one browser serves the whole session.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        fail_or_skip("Python package 'playwright' is not installed (pip install playwright)")
    if not CHROMIUM.is_file():
        fail_or_skip("Chromium is not installed (apt-get install chromium)")
    if not _BROWSER:
        playwright = sync_playwright().start()
        _PLAYWRIGHT.append(playwright)
        _BROWSER.append(playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS))
        atexit.register(_stop_browser)
    yield _BROWSER[0]


def launch_chromium(browser: Any, *args: str) -> Any:
    """A second Debian Chromium with extra command-line switches (e.g. --host-resolver-rules), from the same
    Playwright as the `chromium` fixture's browser; the caller closes it."""
    return browser.browser_type.launch(executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, *args])


def screenshot(page: Any, name: str) -> Path:
    """Save a screenshot under test-artifacts/ and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
