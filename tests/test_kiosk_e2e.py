"""The kiosk end to end on virtual audio devices: push-to-talk on the page, a spoken question into the
microphone, the caption on the page, the reply audio at the speaker, and nothing said left on disk.

PulseAudio runs privately (tests/pulse.py's room): espeak-ng speech is played into the microphone sink; the
speaker's monitor is recorded. The real `voice-assistant kiosk` process uses Whisper tiny.en; the test
checks what was understood (the massage answer), not the exact words heard, which differ between CPUs.
"""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kiosk_fixtures import chromium, kiosk_env, screenshot, start_kiosk  # noqa: F401  (fixture)
from pulse import Room
from speech_fixtures import speech_wav, whisper_model_dir  # noqa: F401  (fixtures)
from voice_assistant.audio.pcm import PcmAudio, write_wav

pytestmark = [pytest.mark.browser, pytest.mark.audio, pytest.mark.speech, pytest.mark.slow]

QUESTION = "does massage help with back pain"


def _wait_until_listening_ready(url: str, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with urllib.request.urlopen(url + "health", timeout=5) as response:
            if json.loads(response.read())["spoken_questions"]:
                return
        time.sleep(0.2)
    raise AssertionError(f"the kiosk's recogniser was not ready within {timeout_s:g} s")


def test_push_to_talk_spoken_question_is_captioned_and_answered_aloud(
    room: Room, chromium: Any, whisper_model_dir: Path, speech_wav: Callable[..., PcmAudio], tmp_path: Path
) -> None:
    since = time.time()
    question = tmp_path / "question.wav"
    write_wav(question, speech_wav(QUESTION))
    home = tmp_path / "home"
    running = start_kiosk(home, "--engine", "whisper", "--model", str(whisper_model_dir), "--region", "GB",
                          "--idle-timeout", "600", env=kiosk_env(home, room.assistant_env()))
    try:
        _wait_until_listening_ready(running.url)
        context = chromium.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(running.url)
        page.wait_for_function("() => document.getElementById('status').textContent === ''")  # connected
        with room.server.record() as recorder:
            page.keyboard.press("F9")  # the push-to-talk key
            page.wait_for_function("() => document.body.classList.contains('listening')")
            time.sleep(0.6)  # the listening earcon plays before the microphone opens
            room.say(question)
            try:
                page.wait_for_function("() => document.getElementById('heard').textContent.trim() !== ''")
                page.wait_for_function("() => /About massage therapy/.test(document.getElementById('reply').textContent)")
            except Exception:  # what was heard and answered, for the failure's report
                print(page.evaluate("() => document.body.innerText"))
                raise
            replied_at = time.perf_counter()
            page.wait_for_function("() => document.getElementById('status').textContent === ''", timeout=60_000)
            recording = recorder.snapshot()
        screenshot(page, "kiosk-spoken-answer")
        reply_sound_s = sum(end - start for start, end in recording.loud_times() if end > replied_at - 0.5)
        assert reply_sound_s > 2.0, f"only {reply_sound_s:.1f} s of reply audio reached the speaker"
        page.click("#start-again")
        page.wait_for_selector("#welcome", state="visible")
        context.close()
    finally:
        stderr = running.stop()
    assert "massage" not in stderr.lower()
    found = [str(p) for folder in (home,) for p in folder.rglob("*")
             if p.is_file() and p.stat().st_mtime >= since - 1 and b"massage help" in p.read_bytes().lower()]
    assert found == []


def test_check_reports_every_part_working(room: Room, tmp_path: Path) -> None:
    import subprocess
    import sys

    from conftest import ROOT

    home = tmp_path / "home"
    result = subprocess.run(
        [sys.executable, "-m", "voice_assistant", "kiosk", "--check", "--port", "0", "--engine", "pocketsphinx"],
        capture_output=True, text=True, cwd=ROOT, env=kiosk_env(home, room.assistant_env()), timeout=120,
    )
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines[:5]] == ["microphone", "speaker", "recogniser", "voice", "page"]
    assert all(" ok " in line for line in lines[:5]), result.stdout
    assert lines[-1] == "kiosk check: all parts work" and result.returncode == 0
