"""Accuracy figures over labelled utterances (the dev set's schema), shared by tests and benchmarks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable
from voice_assistant.app.assistant import Assistant


__all__ = ["HARMLESS_EDITS", "Prediction", "Report", "score_predictions", "score_dev_set"]


@dataclass(frozen=True)
class Prediction:
    """What the assistant made of one labelled line."""

    line: dict[str, Any]
    """The labelled line: id, text, topic, level, kind."""
    topic: str
    """The predicted topic or command id."""
    level: str
    """The predicted red-flag level."""
    transcript: str
    """What was understood as text (the recogniser's transcript for audio)."""


@dataclass(frozen=True)
class Report:
    """Accuracy figures and the lines that were wrong."""

    figures: dict[str, float]
    """Name → value in 0..1 (e.g. 'topic accuracy (questions)')."""
    errors: list[str]
    """One line per miss."""


def _share(hits: int, total: int) -> float:
    return round(hits / total, 3) if total else float("nan")


def score_predictions(predictions: Iterable[Prediction]) -> Report:
    """Topic, command and out-of-scope accuracy, recall per level and false alarms on denials."""
    counts: dict[str, list[int]] = {}
    errors: list[str] = []

    def count(name: str, ok: bool) -> None:
        bucket = counts.setdefault(name, [0, 0])
        bucket[0] += int(ok)
        bucket[1] += 1

    for p in predictions:
        line = p.line
        kind, want_topic, want_level = line["kind"], line["topic"], line["level"]
        topic_ok = want_topic is None or p.topic == want_topic
        if kind in ("question", "multi") and want_topic is not None:
            count("topic accuracy (questions)", topic_ok)
        if kind == "command":
            count("command accuracy", topic_ok)
        if kind == "out_of_scope":
            count("out-of-scope accuracy", topic_ok)
        if want_level == "emergency":
            count("emergency recall", p.level == "emergency")
        if want_level == "urgent":
            count("urgent recall", p.level in ("urgent", "emergency"))
            count("urgent exact", p.level == "urgent")
        if kind == "negated":
            count("false alarms on negated reports", p.level != "none")
        if want_level == "none":
            count("false alarms on all level-none lines", p.level != "none")
        level_ok = p.level == want_level or (want_level == "urgent" and p.level == "emergency")
        if not topic_ok or not level_ok:
            errors.append(
                f"{line['id']} [{kind}] want {want_topic}/{want_level} got {p.topic}/{p.level}: "
                f"{line['text']!r} (heard {p.transcript!r})"
            )
    figures = {name: _share(hits, total) for name, (hits, total) in sorted(counts.items())}
    return Report(figures, errors)


def score_dev_set(
    assistant: "Assistant", lines: list[dict[str, Any]], understand: Callable[[dict[str, Any]], tuple[str, str, str]] | None = None
) -> Report:
    """Score each line as a fresh conversation; `understand` maps a line to (topic, level, transcript)."""

    def by_text(line: dict[str, Any]) -> tuple[str, str, str]:
        turn = assistant.answer_text(assistant.new_session(), line["text"])
        return turn.topic, turn.red_flag.level.value, line["text"]

    run = understand or by_text
    predictions = []
    for line in lines:
        topic, level, transcript = run(line)
        predictions.append(Prediction(line, topic, level, transcript))
    return score_predictions(predictions)


def _lower_first(text: str) -> str:
    return text if text[:2] in ("I ", "I'") else text[:1].lower() + text[1:]


def _unpunctuated(text: str) -> str:
    return " ".join(re.sub(r"[^\w' ]+", " ", text).lower().split())


HARMLESS_EDITS: dict[str, Callable[[str], str]] = {
    "unpunctuated": _unpunctuated,
    "sorry": lambda t: "Sorry to bother you, " + _lower_first(t),
    "hello": lambda t: "Hello there. " + t,
    "um": lambda t: "um, " + _lower_first(t),
    "okay-so": lambda t: "Okay so " + _lower_first(t),
    "also": lambda t: "Also, " + _lower_first(t),
    "i-think": lambda t: "I think " + _lower_first(t),
    "really": lambda t: re.sub(r"\b(is|are|was|were|feel|feels|felt)\b (?!not|no\b|n't)", r"\1 really ", t, count=1),
    "just": lambda t: re.sub(r"\bI (?!just)", "I just ", t, count=1),
    "honest": lambda t: t.rstrip(".!?") + ", to be honest.",
    "worried": lambda t: t.rstrip(".!?") + ". Should I be worried?",
    "what-now": lambda t: t.rstrip(".!?") + ". What should I do?",
}
"""Edits that leave a report a report and a denial a denial (an apology before it, 'I think', a degree word, a question
after it, no punctuation as a recogniser writes it); an edit that changes nothing in a line skips it. Used by
benchmarks/harmless_edits.py on every development set and by tests/test_harmless_edits.py on a sample."""
