"""The command line as scripts use it: `voice-assistant ask` (contract section 3), text mode, errors."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import wave
from pathlib import Path
from typing import Any

import pytest

from audio_fixtures import pulse_server  # noqa: F401  (fixture)
from conftest import ROOT
from pulse import PulseServer


def run(*args: str, stdin: bytes | None = None, home: Path, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "VOICE_ASSISTANT"))}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "voice_assistant", *args], input=stdin, capture_output=True, env=env, cwd=ROOT, timeout=timeout
    )


def json_lines(result: subprocess.CompletedProcess[bytes]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]


def test_ask_json_has_the_contract_shape(tmp_path: Path) -> None:
    result = run("ask", "--json", "--region", "US", "Can acupuncture relieve the pain?", "my legs gave way", home=tmp_path)
    assert result.returncode == 0, result.stderr
    first, second = json_lines(result)
    assert set(first) == {"input", "transcript", "topic", "confidence", "red_flag", "reply", "timings_ms"}
    assert first["input"] == first["transcript"] == "Can acupuncture relieve the pain?"
    assert first["topic"] == "treatment.acupuncture"
    assert 0.0 <= first["confidence"] <= 1.0
    assert first["red_flag"] == {"level": "none", "rules": []}
    assert first["reply"].startswith("About ")
    assert set(first["timings_ms"]) == {"asr", "understand", "total"}
    assert second["red_flag"]["level"] == "emergency"
    assert second["red_flag"]["rules"] == ["limb_weakness"]
    assert second["reply"].startswith("Call nine one one now")


def test_ask_without_session_answers_each_input_afresh(tmp_path: Path) -> None:
    result = run("ask", "--json", "what causes back pain", "more", home=tmp_path)
    assert json_lines(result)[1]["reply"] == "There is nothing more to read right now. Ask me a question, or say menu."


def test_ask_with_session_is_one_conversation(tmp_path: Path) -> None:
    result = run("ask", "--json", "--session", "what causes back pain", "more", "repeat", home=tmp_path)
    answer, more, repeat = json_lines(result)
    assert more["topic"] == "cmd.more" and more["reply"] != answer["reply"]
    assert repeat["reply"] == more["reply"]


def test_ask_reads_inputs_from_stdin(tmp_path: Path) -> None:
    result = run("ask", "--json", "-", stdin=b"does massage help\n\nbye\n", home=tmp_path)
    assert [line["topic"] for line in json_lines(result)] == ["treatment.massage", "cmd.goodbye"]


def test_ask_plain_output_is_the_reply_text(tmp_path: Path) -> None:
    result = run("ask", "stop", home=tmp_path)
    assert result.stdout.decode() == "Stopped.\n"


def test_region_comes_from_the_locale_when_not_set(tmp_path: Path) -> None:
    env_home = tmp_path
    result = subprocess.run(
        [sys.executable, "-m", "voice_assistant", "ask", "I can't walk"],
        capture_output=True, cwd=ROOT, timeout=60,
        env={**{k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}, "LANG": "en_AU.UTF-8", "HOME": str(env_home), "PYTHONPATH": str(ROOT)},
    )
    assert "Call zero zero zero now" in result.stdout.decode()


def test_config_file_sets_the_region(tmp_path: Path) -> None:
    config = tmp_path / "va.toml"
    config.write_text('region = "GB"\n', encoding="utf-8")
    result = run("ask", "--config", str(config), "I can't walk", home=tmp_path)
    assert "Call nine nine nine now" in result.stdout.decode()


def _silent_wav(path: Path, frames: int) -> Path:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16000)
        wav.writeframes(b"\x00\x00" * frames)
    return path


@pytest.mark.parametrize(
    ("make_args", "message"),
    [
        (lambda d: ["ask"], "the following arguments are required: INPUT"),
        (lambda d: ["ask", "--frobnicate", "hi"], "unrecognized arguments: --frobnicate"),
        (lambda d: ["ask", "--audio", str(d / "missing.wav")], "no such file"),
        (lambda d: ["ask", "--audio", str(d / "notes.txt")], "not a WAV file"),
        (lambda d: ["ask", "--audio", str(_silent_wav(d / "empty.wav", 0))], "holds no audio"),
        (lambda d: ["ask", "--region", "Narnia", "hi"], "region 'Narnia'"),
        (lambda d: ["ask", "--rate", "5", "hi"], "rate 5 is out of range"),
        (lambda d: ["ask", "--config", str(d / "nope.toml"), "hi"], "config file"),
        (lambda d: ["ask", "--speak-to", str(d / "no" / "dir.wav"), "hi"], "does not exist"),
        (lambda d: ["ask", "-"], "no inputs"),
        (lambda d: ["--volume", "x"], "invalid float value"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(tmp_path: Path, make_args: Any, message: str) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    result = run(*make_args(tmp_path), stdin=b"", home=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("voice-assistant: error: ")
    assert message in lines[0]
    assert "Traceback" not in result.stderr.decode()


def test_broken_content_stops_with_one_line(tmp_path: Path) -> None:
    prompts = tmp_path / "prompts"
    prompts.mkdir()
    result = run("ask", "--prompts-dir", str(prompts), "hi", home=tmp_path)
    assert result.returncode == 1
    assert result.stderr.decode().count("\n") == 1
    assert "prompts/red_flags.toml: file is missing" in result.stderr.decode()


def test_text_mode_converses_until_goodbye(tmp_path: Path) -> None:
    result = run("--text", "--no-speech", "--region", "US", stdin=b"does yoga help\nrepeat\ngoodbye\nnever read\n", home=tmp_path)
    assert result.returncode == 0
    out = result.stdout.decode()
    assert out.startswith("Hello.")
    assert "call nine one one now" in out.splitlines()[0]  # the greeting keeps its one safety line
    assert out.count("About yoga") == 2 or out.count("About ") >= 2
    assert "Goodbye." in out
    assert "never read" not in out
    assert "\x1b[" not in out


def test_text_mode_ends_cleanly_at_end_of_input(tmp_path: Path) -> None:
    result = run("--text", "--no-speech", stdin=b"help\n", home=tmp_path)
    assert result.returncode == 0
    assert result.stderr == b""


SAFE_CHARS = [chr(c) for c in range(32, 0x2FF) if chr(c) not in "\x85"] + ["\U0001F600", "\u200b", "\ufeff", "\x00", "\x07", "\x1b", "\t", "\u0301"]


def _garbage(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return ""
    if kind == 1:
        return "".join(rng.choice(SAFE_CHARS) for _ in range(rng.randrange(1, 60)))
    if kind == 2:
        return " ".join(rng.choice(["no", "not", "my", "legs", "?", "if", "what", "numb", "pain", "bye", "more", "é", "😀", "123456789012"]) for _ in range(rng.randrange(1, 12)))
    return rng.choice(["", "   ", "\t", "'", '"', "\\", "{}", "[]", "%s", "<script>", "💥" * 50])


HOSTILE_LINES = 1_200
"""Lines of the hostile-input run: some 300 of each of the four kinds of garbage, one in seven with an emergency planted
in it (it was 3,000, which took 70-90 s of a suite bound by its CPU)."""


def test_twelve_hundred_hostile_inputs_never_crash_and_never_lose_a_red_flag(tmp_path: Path) -> None:
    # through the real CLI with the semantic model, in one process (some 30 s)
    rng = random.Random(20261127)
    lines: list[str] = []
    planted: set[int] = set()
    for index in range(HOSTILE_LINES):
        text = _garbage(rng)
        if index % 7 == 0:
            text = f"{text} . my legs are numb . {_garbage(rng)} case{index}"
            planted.add(index)
        else:
            text = f"{text} case{index}"
        lines.append(text)
    data = "\n".join(lines).encode("utf-8", "surrogatepass") + b"\n\xff\xfe\xc3 invalid utf8 my legs are numb\n"
    result = run("ask", "--json", "--region", "US", "-", stdin=data, home=tmp_path, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stderr == b""
    outputs = json_lines(result)
    found: dict[int, dict[str, Any]] = {}
    for output in outputs:
        marker = output["input"].rsplit("case", 1)
        if len(marker) == 2 and marker[1].isdigit():
            found[int(marker[1])] = output
    assert set(found) == set(range(HOSTILE_LINES))
    for index in planted:
        assert found[index]["red_flag"]["level"] == "emergency", found[index]["input"]
    assert outputs[-1]["red_flag"]["level"] == "emergency"
    assert "\ufffd" in outputs[-1]["input"]


def test_a_one_megabyte_line_is_answered_and_its_red_flag_found(tmp_path: Path) -> None:
    line = ("la " * 170_000) + " . I wet myself . " + ("x" * 480_000)
    result = run("ask", "--json", "-", stdin=line.encode() + b"\n", home=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr[-500:]
    (output,) = json_lines(result)
    assert output["red_flag"]["level"] == "emergency"


@pytest.mark.speech
def test_speak_to_writes_every_reply_at_its_speaking_settings(tmp_path: Path) -> None:
    from voice_assistant.audio.pcm import read_wav

    plain, slow = tmp_path / "plain.wav", tmp_path / "slow.wav"
    assert run("ask", "--speak-to", str(plain), "help", home=tmp_path).returncode == 0
    result = run("ask", "--session", "--speak-to", str(slow), "slower", "slower", "help", home=tmp_path)
    assert result.returncode == 0, result.stderr
    plain_audio, slow_audio = read_wav(plain), read_wav(slow)
    assert plain_audio.rate_hz == 22050
    assert plain_audio.duration_s > 5
    # the slowed "help" alone is longer than the plain one; the file also holds the two short confirmations
    assert slow_audio.duration_s > plain_audio.duration_s * 1.3


@pytest.mark.audio
@pytest.mark.speech
def test_say_comes_out_of_the_speaker(tmp_path: Path, pulse_server: PulseServer) -> None:
    with pulse_server.record() as recorder:
        env = {**pulse_server.client_env(), "HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
        result = subprocess.run([sys.executable, "-m", "voice_assistant", "say", "Hello, this is a test of the speaker."],
                                capture_output=True, env=env, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert recorder.recording.sound_span_s() > 0.5
