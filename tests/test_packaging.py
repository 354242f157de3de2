"""A normal (not editable) install from the wheel starts and answers: prompts/ ships as package data."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

PROMPT_FILES = sorted(path.name for path in (ROOT / "prompts").glob("*.toml"))
CLEAN_ENV = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VOICE_ASSISTANT"))}
"""No PYTHONPATH: nothing but the install under test may provide the package."""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built offline with the setuptools of the test environment from a copy of the
    source (an in-tree build would leave build/ and *.egg-info in the checkout)."""
    out = tmp_path_factory.mktemp("wheel")
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    for name in ("voice_assistant", "prompts"):
        shutil.copytree(ROOT / name, source / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
         "-w", str(out), str(source)],
        capture_output=True, cwd=source, timeout=300, env=CLEAN_ENV,
    )
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    (found,) = out.glob("voice_assistant-*.whl")
    return found


def test_the_wheel_holds_every_prompt_file_and_declares_its_dependencies(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = next(archive.read(name).decode() for name in names if name.endswith(".dist-info/METADATA"))
    assert sorted(name.rsplit("/", 1)[1] for name in names if name.startswith("voice_assistant/prompts/")) == PROMPT_FILES
    requires = {line.split(":", 1)[1].split(";")[0].split(">")[0].strip() for line in metadata.splitlines()
                if line.startswith("Requires-Dist:") and "extra ==" not in line}
    assert {"numpy", "rapidfuzz", "soxr"} <= requires


def test_a_wheel_install_in_a_fresh_venv_answers_a_question(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300, env=CLEAN_ENV)
    python = venv / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-index", "--no-deps", "--disable-pip-version-check",
         str(wheel)],
        capture_output=True, timeout=300, env=CLEAN_ENV, cwd=tmp_path,
    )
    assert install.returncode == 0, install.stderr.decode()[-2000:]
    # The dependencies (numpy, rapidfuzz, soxr) come from the test environment, offline; its editable
    # install of this project is not visible there, since .pth files of an added folder are not read.
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True, env=CLEAN_ENV).stdout.strip()
    Path(site, "test-dependencies.pth").write_text(
        "\n".join({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}) + "\n", encoding="utf-8"
    )
    env = {**CLEAN_ENV, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / ".config")}
    where = subprocess.run([str(python), "-c", "import voice_assistant; print(voice_assistant.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60)
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout + where.stderr
    result = subprocess.run([str(venv / "bin" / "voice-assistant"), "ask", "--json", "--region", "US",
                             "does massage help?", "my legs are numb"],
                            capture_output=True, cwd=tmp_path, env=env, timeout=120)
    assert result.returncode == 0, result.stderr.decode()
    answer, red_flag = (json.loads(line) for line in result.stdout.decode().splitlines())
    assert answer["topic"] == "treatment.massage"
    assert red_flag["red_flag"]["level"] == "emergency"
