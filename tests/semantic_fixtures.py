"""The assistant with its semantic model, loaded once per test session (tests that need it import this)."""

from __future__ import annotations

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
