"""Shared fixtures: the real content from prompts/ and an assistant built on it."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from voice_assistant.app import semantic as _semantic
from voice_assistant.app.assistant import Assistant
from voice_assistant.core.content import Content
from voice_assistant.core.loader import load_content

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
DEV_SET = ROOT.parent / "shared" / "dev-set" / "utterances.jsonl"

pytest_plugins = ["pulse"]
"""The one PulseAudio fixture module (pulse_server, room) for every test."""

if os.environ.get("PYTEST_XDIST_WORKER"):
    # Two test workers on two cores: the sentence model runs on one thread in each, not two, so that the workers do
    # not take turns on each other's cores (the accuracy tests: 5 min 27 s instead of 5 min 54 s, system time 1 s
    # instead of 27 s, the same 318 passed). The app keeps two threads for one person's input.
    _semantic.ENCODER_THREADS = 1  # type: ignore[misc]

_DEVICE_MARKS = ("audio", "speech", "browser")
_SET_NAME = re.compile(r"^[\w/]+\.jsonl$")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--all-sets", action="store_true", default=False,
        help="also run the accuracy tests of the older blind sets (marked all_sets in tests/test_accuracy.py), which the"
        " suite leaves out to stay well under 15 minutes; run before a change to understanding is submitted",
    )


def _leave_out_older_sets(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without --all-sets, deselect the accuracy tests marked all_sets (they are counted as deselected in the summary)."""
    if config.getoption("all_sets"):
        return
    older = [item for item in items if item.get_closest_marker("all_sets")]
    if older:
        config.hook.pytest_deselected(items=older)
        items[:] = [item for item in items if not item.get_closest_marker("all_sets")]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With test workers (pytest-xdist, `-n 2 --dist loadgroup`, as `./setup.sh test` runs the suite): every test that
    plays or records audio, runs a recogniser or drives Chromium goes to one worker, one after another as without
    workers, so that only understanding and the other quick tests run beside them; and the accuracy tests of one
    blind set go to one worker together, which then works out each line once for all of them.

    It runs first: pytest-xdist's own hook (on each worker) reads the groups to name the tests by them, and this
    conftest is loaded before that plugin registers, so without tryfirst xdist read no groups at all.

    The device tests are the longest group by far (some nine minutes, much of it waiting on real-time audio), so they
    are collected first: the scheduler hands out groups in the order it sees them, and the devices then start at once
    on one worker while the other works through the rest, instead of starting minutes late and ending the suite. The
    recognisers run over recorded files (marked recognition; two and a half minutes) come next, as a group of their
    own: they need no device, and in the devices' group they made it some fourteen minutes of a seventeen-minute suite.

    The older blind sets' accuracy tests are left out first unless --all-sets is given (_leave_out_older_sets)."""
    _leave_out_older_sets(config, items)
    if not config.pluginmanager.hasplugin("xdist"):
        return
    devices: list[pytest.Item] = []
    recognisers: list[pytest.Item] = []
    others: list[pytest.Item] = []
    for item in items:
        if item.get_closest_marker("recognition"):
            # recognisers over recorded files, no device and nothing in real time: one after another, but not in the
            # devices' group
            item.add_marker(pytest.mark.xdist_group("recognisers"))
            recognisers.append(item)
            continue
        if any(item.get_closest_marker(mark) for mark in _DEVICE_MARKS):
            item.add_marker(pytest.mark.xdist_group("devices"))
            devices.append(item)
            continue
        if _SET_NAME.match(str(getattr(getattr(item, "callspec", None), "params", {}).get("name", ""))):
            # the accuracy tests of one set run on one worker, which works out each of its lines once (FirstTurns)
            item.add_marker(pytest.mark.xdist_group(f"set:{item.callspec.params['name']}"))
        others.append(item)
    if config.getvalue("dist") == "loadgroup":
        items[:] = devices + recognisers + others


def pytest_configure(config: pytest.Config) -> None:
    """With test workers and groups (`--dist loadgroup`), refuse pytest 9 beside pytest-xdist 3.8 or older: that xdist
    writes a test's group where pytest 9 no longer reads a test's id, so every group would be lost and the device
    tests would run on both workers at the same time."""
    if getattr(config.option, "dist", "no") != "loadgroup" or hasattr(config, "workerinput"):
        return
    import xdist

    def version(text: str) -> tuple[int, ...]:
        return tuple(int(part) for part in text.split(".")[:2] if part.isdigit())

    if version(pytest.__version__) >= (9,) and version(xdist.__version__) <= (3, 8):
        raise pytest.UsageError(
            f"pytest {pytest.__version__} with pytest-xdist {xdist.__version__} loses the tests' groups: install the"
            " versions that pyproject.toml asks for (./setup.sh test does)"
        )


class FakeClock:
    """Time that moves only when told (for the kiosk's idle clock)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(scope="session")
def content() -> Content:
    """The real content, loaded once from prompts/."""
    return load_content()


@pytest.fixture(scope="session")
def assistant(content: Content) -> Assistant:
    """An assistant on the real content, with the US emergency number."""
    return Assistant(content, region="US")


@pytest.fixture(scope="session")
def dev_lines() -> list[dict[str, Any]]:
    """The labelled development set (../shared/dev-set/utterances.jsonl)."""
    if not DEV_SET.is_file():
        pytest.fail(f"the dev set is missing at {DEV_SET}: clone the project with ../shared beside it")
    return [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line.strip()]
