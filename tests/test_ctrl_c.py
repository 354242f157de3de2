"""Ctrl-C ends the program even when it was started with SIGINT ignored (a script's `voice-assistant &`).

Python installs its KeyboardInterrupt handler only when SIGINT is not ignored at start; a process started
in the background by a non-interactive shell inherits it ignored. The voice loop's own check of this (with a
microphone) is in test_loop_e2e.py; here the typed mode, which needs no sound devices, shows the same path.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from voice_assistant.core.loader import load_content
from voice_assistant.frontends.cli import ctrl_c_interrupts

ROOT = Path(__file__).resolve().parents[1]


def test_ctrl_c_ends_text_mode_started_with_sigint_ignored() -> None:
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    command = [sys.executable, "-m", "voice_assistant", "--text", "--no-speech", "--region", "US"]
    process = subprocess.Popen(
        ["sh", "-c", 'trap "" INT; exec "$@"', "sh", *command],
        cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    output = bytearray()

    def read() -> None:
        assert process.stdout is not None
        while chunk := process.stdout.read1(4096):
            output.extend(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 60
        while not output.endswith(b"> ") and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert output.endswith(b"> "), output.decode(errors="replace")  # waiting for a typed question
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=30)  # a bound for "it ends at all", not a speed goal
        reader.join(timeout=5)
        errors = process.stderr.read().decode(errors="replace")
        assert code == 0, errors
        assert "Traceback" not in errors, errors
        goodbye = " ".join(load_content().prompts.get("goodbye").split())
        assert " ".join(output.decode().rstrip().splitlines()[-1].split()) == goodbye, output.decode()[-300:]
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_ctrl_c_interrupts_restores_an_ignored_sigint() -> None:
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with ctrl_c_interrupts():
            assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)

