"""Settings from a config file and the locale."""

from __future__ import annotations

from pathlib import Path

import pytest

from voice_assistant.errors import ConfigError
from voice_assistant.app.settings import Settings, default_config_path, load_config, region_from_locale


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
        ('rate_wpm = "fast"', "setting 'rate_wpm' is 'fast', expected int"),
        ("speech = 1", "expected bool"),
        ("rate_wpm = [", "not valid TOML"),
    ],
)
def test_bad_config_files_are_named(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message.replace("[", "\\[")):
        load_config(path, required=True)


def test_an_absent_default_config_is_fine_but_an_asked_for_one_is_not(tmp_path: Path) -> None:
    assert load_config(tmp_path / "none.toml", required=False) == {}
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "none.toml", required=True)


@pytest.mark.parametrize(("field", "value"), [("rate_wpm", 20), ("volume", 3.0), ("region", "Narnia"), ("engine", "siri")])
def test_out_of_range_values_are_refused(field: str, value: object) -> None:
    with pytest.raises(ConfigError, match="command line"):
        Settings(**{field: value}).validated("command line")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("environ", "region"),
    [({"LANG": "en_GB.UTF-8"}, "GB"), ({"LC_ALL": "de_DE", "LANG": "en_US"}, "DE"), ({"LANG": "C.UTF-8"}, None), ({}, None)],
)
def test_region_from_locale(environ: dict[str, str], region: str | None) -> None:
    assert region_from_locale(environ) == region


def test_default_config_path_follows_xdg() -> None:
    assert default_config_path({"XDG_CONFIG_HOME": "/x"}) == Path("/x/voice-assistant/config.toml")
    assert default_config_path({"HOME": "/home/a"}) == Path("/home/a/.config/voice-assistant/config.toml")
