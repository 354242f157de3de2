"""The suite's own set-up: with two workers (`./setup.sh test`), the tests that use audio devices, recognisers or
Chromium must keep to one worker, one after another. Their groups were once lost without a word (tests/conftest.py's
hook ran after pytest-xdist had read the groups), and the device tests ran on both workers at once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_device_tests_are_grouped_on_one_worker() -> None:
    pytest.importorskip("xdist")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_XDIST", "PYTEST_CURRENT"))}
    tests = [
        "tests/test_silero_vad.py::test_bad_threshold_is_a_clear_error",  # marked speech: a device test
        "tests/test_sentences.py",  # no mark: shared out as the scheduler likes
    ]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-v", "-p", "no:cacheprovider", *tests],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    passed = [line for line in done.stdout.splitlines() if " PASSED " in line]
    device = [line for line in passed if "test_silero_vad.py" in line]
    assert device and all(line.rstrip().endswith("@devices") for line in device), device
    assert not any("@devices" in line for line in passed if "test_sentences.py" in line)
