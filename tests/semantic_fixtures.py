"""The assistant with its semantic model, loaded once per test session (tests that need it import this)."""

from __future__ import annotations

from typing import Any

import pytest

from voice_assistant.app.assistant import Assistant
from voice_assistant.app.semantic import load_semantic
from voice_assistant.core.content import Content
from voice_assistant.core.understanding import SemanticUnderstanding

from conftest import ROOT


@pytest.fixture(scope="session")
def semantic(content: Content) -> SemanticUnderstanding:
    """The semantic model on the real content; a failure to load it fails the test (it is a dependency)."""
    loaded, problem = load_semantic(content, cache_dir=ROOT / "models" / "semantic-cache")
    if loaded is None:
        pytest.fail(f"the semantic model did not load: {problem}")
    return loaded


@pytest.fixture(scope="session")
def full_assistant(content: Content, semantic: SemanticUnderstanding) -> Assistant:
    """An assistant with the word matcher and the semantic model, as the entry points build it."""
    return Assistant(content, region="US", semantic=semantic)


class FirstTurns:
    """What the assistant makes of a text as the first turn of a fresh conversation, worked out once per text in a test
    worker: the accuracy tests read many of the same lines (a set's red-flag lines for the no-miss check, all of them
    for its figures), and a fresh session answers a text the same way each time."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self._seen: dict[str, tuple[str, str]] = {}

    def of(self, text: str) -> tuple[str, str]:
        """(topic, red-flag level) of text said first."""
        if text not in self._seen:
            turn = self.assistant.answer_text(self.assistant.new_session(), text)
            self._seen[text] = (turn.topic, turn.red_flag.level.value)
        return self._seen[text]

    def level(self, text: str) -> str:
        """The red-flag level of text said first."""
        return self.of(text)[1]

    def line(self, line: dict[str, Any]) -> tuple[str, str, str]:
        """(topic, level, transcript) of one set line, for evaluation.score_dev_set."""
        topic, level = self.of(line["text"])
        return topic, level, line["text"]


@pytest.fixture(scope="session")
def first_turns(full_assistant: Assistant) -> FirstTurns:
    """The full assistant's first turns, each text worked out once per test worker."""
    return FirstTurns(full_assistant)
