"""Start-up readings kept between runs (app.startup): read back, they are the readings a fresh start-up works out; they
hold the phrases of prompts/ and nothing anyone said; a damaged, foreign or unwritable cache costs only time."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from voice_assistant.app.assistant import Assistant
from voice_assistant.app.startup import StartupReadings, readings_key
from voice_assistant.core.content import Content
from voice_assistant.core.normalise import Normaliser


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("readings-*.json"))


def test_readings_kept_at_start_up_are_read_back_and_match_a_fresh_start_up(content: Content, tmp_path: Path) -> None:
    first = StartupReadings(content, tmp_path)
    assert not first.loaded
    Assistant(content, startup=first)
    [kept] = _files(tmp_path)
    rows = json.loads(kept.read_text(encoding="utf-8"))
    assert len(rows) > 5000  # the rules', topics' and vocabulary's phrases

    second = StartupReadings(content, tmp_path)
    assert second.loaded
    fresh = Normaliser(content.vocabulary)
    read_back = second.normaliser.readings()
    assert len(read_back) == len(rows)
    assert all(fresh.analyse(text) == reading for text, reading in read_back.items())

    # built on what was read back, the assistant reads people as one built from scratch does
    warm, cold = Assistant(content, startup=StartupReadings(content, tmp_path)), Assistant(content)
    for text in ("my legs have gone weak and i cant feel my feet", "what causes back pain in net", "no numbness at all"):
        assert warm.understand(text) == cold.understand(text)


def test_what_people_say_is_never_kept(content: Content, tmp_path: Path) -> None:
    startup = StartupReadings(content, tmp_path)
    assistant = Assistant(content, startup=startup)
    said = "my neighbour zebedee wobblethorpe cant feel his feet"
    assistant.understand(said)
    startup.normaliser.analyse(said)  # held by the normaliser's memo now
    startup.keep()  # asked again after an input, it writes nothing more
    text = "".join(path.read_text(encoding="utf-8") for path in _files(tmp_path))
    assert "wobblethorpe" not in text and "zebedee" not in text


def test_a_damaged_file_is_worked_out_again_and_rewritten(content: Content, tmp_path: Path) -> None:
    path = tmp_path / f"readings-{readings_key(content)}.json"
    path.write_text("[[1, 2", encoding="utf-8")
    startup = StartupReadings(content, tmp_path)
    assert not startup.loaded
    Assistant(content, startup=startup)
    assert len(json.loads(path.read_text(encoding="utf-8"))) > 5000


def test_another_vocabulary_reads_no_old_readings_and_replaces_them(content: Content, tmp_path: Path) -> None:
    Assistant(content, startup=StartupReadings(content, tmp_path))
    [old] = _files(tmp_path)
    changed = replace(content, vocabulary=replace(content.vocabulary, fillers=(*content.vocabulary.fillers, "zorblat")))
    assert readings_key(changed) != readings_key(content)
    startup = StartupReadings(changed, tmp_path)
    assert not startup.loaded
    Assistant(changed, startup=startup)
    [new] = _files(tmp_path)
    assert new != old


def test_an_unwritable_cache_folder_costs_only_time(content: Content, tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the folder would go", encoding="utf-8")
    startup = StartupReadings(content, blocked / "cache")
    assistant = Assistant(content, startup=startup)
    assert assistant.understand("my legs are weak").red_flag.level.value == "emergency"
    assert not startup.loaded
