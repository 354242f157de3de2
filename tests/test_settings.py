"""Settings from a config file and the locale."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import ROOT
from voice_assistant.app.schema import Forward
from voice_assistant.app.settings import SCHEMA, SettingField, Settings, default_config_path, load_config, region_from_locale
from voice_assistant.errors import ConfigError
from voice_assistant.frontends.arguments import build_parser, settings_from_arguments, settings_help


def test_config_file_values_are_read_and_paths_resolved(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('region = "gb"\nrate_wpm = 120\nvolume = 1\nmodels_dir = "m"\nspeech = false\n', encoding="utf-8")
    values = load_config(path, required=True)
    assert values == {"region": "gb", "rate_wpm": 120, "volume": 1.0, "models_dir": tmp_path / "m", "speech": False}
    settings = Settings(**values).validated(str(path))
    assert settings.region == "GB"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour = 1", "unknown setting 'colour'"),
        ('rate_wpm = "fast"', "rate_wpm 'fast' is not a whole number (use 90 to 240 words per minute)"),
        ("speech = 1", "speech 1 is not true or false"),
        ("rate_wpm = 500", "rate_wpm 500 is out of range (use 90 to 240 words per minute)"),
        ('engine = "siri"', "engine 'siri' is unknown (use auto, vosk, whisper or pocketsphinx)"),
        ('region = "Narnia"', "region 'Narnia' is not a two-letter country code"),
        ("bargein = true", "unknown setting 'bargein' (did you mean 'barge_in'?"),
        ("rate_wpm = [", "not valid TOML"),
    ],
)
def test_bad_config_files_are_named(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_config(path, required=True)


def test_an_absent_default_config_is_fine_but_an_asked_for_one_is_not(tmp_path: Path) -> None:
    assert load_config(tmp_path / "none.toml", required=False) == {}
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "none.toml", required=True)


@pytest.mark.parametrize(
    ("field", "value"),
    [("rate_wpm", 20), ("volume", 3.0), ("region", "Narnia"), ("engine", "siri"), ("quick_end_silence_ms", 2000),
     ("middle_end_silence_ms", 2000), ("middle_end_silence_ms", 200),
     ("kiosk_host", "0.0.0.0")],
)
def test_out_of_range_values_are_refused(field: str, value: object) -> None:
    with pytest.raises(ConfigError, match=f"command line: {field} "):
        Settings(**{field: value}).validated("command line")


@pytest.mark.parametrize(
    ("environ", "region"),
    [({"LANG": "en_GB.UTF-8"}, "GB"), ({"LC_ALL": "de_DE", "LANG": "en_US"}, "DE"), ({"LANG": "C.UTF-8"}, None), ({}, None)],
)
def test_region_from_locale(environ: dict[str, str], region: str | None) -> None:
    assert region_from_locale(environ) == region


def test_default_config_path_follows_xdg() -> None:
    assert default_config_path({"XDG_CONFIG_HOME": "/x"}) == Path("/x/voice-assistant/config.toml")
    assert default_config_path({"HOME": "/home/a"}) == Path("/home/a/.config/voice-assistant/config.toml")


def test_every_key_the_help_lists_loads_from_a_config_file(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("barge_in = true\nmax_utterance_s = 10\nend_silence_ms = 900\nidle_hint_s = 0\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOICE_ASSISTANT")}
    env.update(HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-m", "voice_assistant", "ask", "--config", str(config), "help"],
                            capture_output=True, env=env, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr.decode()
    assert b"Traceback" not in result.stderr


_BY_NAME = {setting.name: setting for setting in SCHEMA}


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "[" + ", ".join(f'"{item}"' for item in value) + "]"
    return f'"{value}"' if isinstance(value, str) else str(value)


PARTNERS = {"kiosk_tls_cert": "kiosk_tls_key", "kiosk_tls_key": "kiosk_tls_cert"}
"""Settings that are only usable together with another one (TLS needs both certificate and key)."""


def _expected(setting: SettingField, folder: Path) -> object:
    if setting.type is Path:
        given = Path(str(setting.spec.example))
        return given if given.is_absolute() else folder / given
    return setting.spec.example if setting.type is tuple else setting.type(setting.spec.example)


@pytest.mark.parametrize("setting", SCHEMA, ids=lambda s: s.name)
def test_every_setting_loads_from_a_config_file(tmp_path: Path, setting: SettingField) -> None:
    path = tmp_path / "config.toml"
    text = f"{setting.name} = {_toml(setting.spec.example)}\n"
    if setting.name in PARTNERS:
        text += f"{PARTNERS[setting.name]} = {_toml(_BY_NAME[PARTNERS[setting.name]].spec.example)}\n"
    path.write_text(text, encoding="utf-8")
    settings = Settings(**load_config(path, required=True)).validated(str(path))
    value = getattr(settings, setting.name)
    assert value == _expected(setting, tmp_path) != setting.default
    assert getattr(getattr(settings, setting.component.name), setting.name) == value


def _flags(setting: SettingField) -> list[str]:
    example = setting.spec.example
    if setting.type is bool:
        return [setting.flag if example else "--no-" + setting.flag[2:]]
    if isinstance(example, tuple):
        return [part for item in example for part in (setting.flag, item)]
    flags = [setting.flag, str(example)]
    if setting.name in PARTNERS:
        partner = _BY_NAME[PARTNERS[setting.name]]
        flags += [partner.flag, str(partner.spec.example)]
    return flags


@pytest.mark.parametrize("setting", [s for s in SCHEMA if s.flag != "-"], ids=lambda s: s.name)
def test_every_setting_loads_from_a_flag(tmp_path: Path, setting: SettingField) -> None:
    example = setting.spec.example
    if setting.name == "kiosk_token_file":  # the file must exist: it is read when the settings are made
        example = tmp_path / "token"
        example.write_text("a-kiosk-token\n", encoding="utf-8")
        setting = replace(setting, spec=replace(setting.spec, example=str(example)))
    flags = _flags(setting)
    command = [setting.component.command] if setting.component.command else ["ask", "hi"]
    args = build_parser().parse_args([*command, *flags])
    settings = settings_from_arguments(args, {"HOME": str(tmp_path)})
    expected = Path(str(example)) if setting.type is Path else example if setting.type is tuple else setting.type(example)
    assert getattr(settings, setting.name) == expected != setting.default


def test_a_flag_overrides_the_config_file_and_an_environment_variable_fills_a_gap(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('rate_wpm = 120\nbarge_in = true\nregion = "gb"\n', encoding="utf-8")
    args = build_parser().parse_args(["ask", "--config", str(path), "--rate", "200", "--no-barge-in", "hi"])
    settings = settings_from_arguments(args, {"HOME": str(tmp_path), "VOICE_ASSISTANT_MODEL": "/m"})
    assert (settings.rate_wpm, settings.barge_in, settings.region, settings.model) == (200, False, "GB", Path("/m"))
    assert settings.speaking.rate_wpm == 200


def test_the_help_lists_every_setting_with_its_flag_and_range(capsys: pytest.CaptureFixture[str]) -> None:
    text = settings_help()
    for setting in SCHEMA:
        line = re.search(rf"^  {setting.name} = .*?(?=^\S|^  \w+ = |\Z)", text, re.M | re.S)
        assert line is not None, setting.name
        assert setting.flag in line.group(0)
        if setting.spec.low is not None:
            assert f"{setting.spec.low:g}" in line.group(0)
    helps = {}
    for command in ("ask", "kiosk"):
        with pytest.raises(SystemExit):
            build_parser().parse_args([command, "--help"])
        helps[command] = capsys.readouterr().out
    for setting in SCHEMA:
        assert setting.flag in helps[setting.component.command or "ask"], setting.flag


@pytest.mark.parametrize("readme", ["README.md", "deploy/README.md"])
def test_the_documented_config_examples_load(tmp_path: Path, readme: str) -> None:
    text = (ROOT / readme).read_text(encoding="utf-8")
    lines = re.findall(r"^    (\w+) = (.+?)\s+#.*?(?:\((--[\w-]+)\))?$", text, re.M)
    assert len(lines) >= 3
    path = tmp_path / "config.toml"
    path.write_text("".join(f"{key} = {value}\n" for key, value, _ in lines), encoding="utf-8")
    assert Settings(**load_config(path, required=True)).validated(str(path))
    flags = {setting.name: setting.flag for setting in SCHEMA}
    for key, _, flag in lines:
        assert not flag or flags[key] == flag, key


def test_settings_forwards_exactly_the_settings_of_its_components() -> None:
    forwarded = {name for name, value in vars(Settings).items() if isinstance(value, Forward)}
    assert forwarded == {setting.name for setting in SCHEMA}
    assert len({setting.name for setting in SCHEMA}) == len(SCHEMA)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour = 1", "unknown setting 'colour'"),
        ('max_utterance_s = "long"', "max_utterance_s 'long' is not a number (use 3 to 60 seconds)"),
        ('text_size = "huge"', "text_size 'huge' is unknown (use large or larger)"),
    ],
)
def test_a_bad_config_file_exits_2_with_one_line_naming_the_key(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(text + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOICE_ASSISTANT")}
    env.update(HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-m", "voice_assistant", "ask", "--config", str(config), "help"],
                            capture_output=True, env=env, cwd=ROOT, timeout=120)
    assert result.returncode == 2
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("voice-assistant: error: config file ") and message in lines[0]


def test_a_shorter_long_pause_takes_the_default_middle_pause_with_it() -> None:
    """Only end_silence_ms set below the middle pause's default: accepted, the middle pause follows it."""
    settings = Settings().with_values({"end_silence_ms": 500}).validated("test")
    assert settings.middle_end_silence_ms == 500 and settings.quick_end_silence_ms <= 500
