"""Red flags hold when a report is said again with a harmless edit (benchmarks/harmless_edits.py, on a sample).

A writer's next line differs from the last in small ways a nurse would not hear: an apology before it, "I think", a
degree word, a question after it, no punctuation. Every third line of redflags94, redflags98 and redflags100
that the assistant reads right is said again with each edit of HARMLESS_EDITS; the share that keeps its reading must
stay at today's level (the floors leave a line or two of slack per edit). About 25 seconds.
"""

from __future__ import annotations

import json

import pytest

from voice_assistant.app.assistant import Assistant
from voice_assistant.app.evaluation import HARMLESS_EDITS
from voice_assistant.core.content import RedFlagLevel

from conftest import DATA
from semantic_fixtures import full_assistant, semantic  # noqa: F401  (fixtures)

SAMPLED_SETS = ("blind/redflags94.jsonl", "blind/redflags98.jsonl", "blind/redflags100.jsonl")
REPORTS_KEPT = 0.98
"""Per edit, the share of caught reports that keep their level (measured in the twenty-third session: 132 reports, at
most one lost per edit: unpunctuated 84/85, worried and what-now 131/132, every other edit all)."""
CALM_KEPT = 0.97
"""Per edit, the share of denials and everyday lines that stay calm (measured: 61 lines, none alarmed by any edit)."""


@pytest.fixture(scope="module")
def read_right(full_assistant: Assistant) -> tuple[list[tuple[str, str]], list[str]]:
    """(caught reports with their level, calm lines) of the sample that the assistant reads right unedited."""
    reports: list[tuple[str, str]] = []
    calm: list[str] = []
    for name in SAMPLED_SETS:
        lines = [json.loads(t) for t in (DATA / name).read_text(encoding="utf-8").splitlines() if t.strip()]
        for line in lines[::3]:
            got = full_assistant.understand(line["text"]).red_flag.level
            if line["level"] != "none" and got.rank >= RedFlagLevel(line["level"]).rank:
                reports.append((line["text"], line["level"]))
            elif line["kind"] in ("negated", "report_none") and got is RedFlagLevel.NONE:
                calm.append(line["text"])
    assert len(reports) >= 100 and len(calm) >= 40, "the sample lost its lines: check SAMPLED_SETS"
    return reports, calm


@pytest.mark.parametrize("edit", sorted(HARMLESS_EDITS))
def test_a_harmless_edit_keeps_reports_and_denials(
    full_assistant: Assistant, read_right: tuple[list[tuple[str, str]], list[str]], edit: str
) -> None:
    change = HARMLESS_EDITS[edit]
    reports, calm = read_right
    lost = [
        f"{level}: {change(text)}" for text, level in reports
        if change(text) != text and full_assistant.understand(change(text)).red_flag.level.rank < RedFlagLevel(level).rank
    ]
    alarmed = [
        change(text) for text in calm
        if change(text) != text and full_assistant.understand(change(text)).red_flag.level.value != "none"
    ]
    tried_reports = sum(change(text) != text for text, _ in reports)
    tried_calm = sum(change(text) != text for text in calm)
    assert len(lost) <= max(1, int(tried_reports * (1 - REPORTS_KEPT))), lost
    assert len(alarmed) <= max(1, int(tried_calm * (1 - CALM_KEPT))), alarmed
