"""Kiosk usage counts for the clinic: turns, topics, red-flag levels, errors. Never any words."""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

__all__ = ["Metrics", "MetricsFile"]

_log = logging.getLogger(__name__)

_FORMAT: Final = 1


@dataclass
class Metrics:
    """Counts since the file was started; only contract ids and numbers, never what anyone said."""

    turns: int = 0
    """Turns answered."""
    sessions: int = 0
    """Conversations that ended (idle timeout or goodbye)."""
    idle_warnings: int = 0
    """Idle warnings shown."""
    errors: int = 0
    """Failed turns and audio device errors."""
    inputs: Counter[str] = field(default_factory=Counter)
    """Turns by input kind: speech, typed, button."""
    topics: Counter[str] = field(default_factory=Counter)
    """Turns by contract topic or command id ('cause.metastasis', 'cmd.repeat', 'unclear')."""
    red_flags: Counter[str] = field(default_factory=Counter)
    """Turns by red-flag level: none, urgent, emergency."""
    error_kinds: Counter[str] = field(default_factory=Counter)
    """Errors by kind: microphone, speaker, recogniser, turn."""
    engines: Counter[str] = field(default_factory=Counter)
    """Spoken turns by recogniser engine ('whisper', 'vosk', 'pocketsphinx')."""

    def count_turn(self, kind: str, topic: str, level: str, engine: str | None = None) -> None:
        """Count one answered turn."""
        self.turns += 1
        self.inputs[kind] += 1
        self.topics[topic] += 1
        self.red_flags[level] += 1
        if engine:
            self.engines[engine] += 1

    def count_error(self, kind: str) -> None:
        """Count one error of a kind (microphone, speaker, recogniser, turn)."""
        self.errors += 1
        self.error_kinds[kind] += 1

    def to_json_dict(self) -> dict[str, object]:
        """The counts as the file's JSON object."""
        return {
            "format": _FORMAT,
            "turns": self.turns,
            "sessions": self.sessions,
            "idle_warnings": self.idle_warnings,
            "errors": self.errors,
            "inputs": dict(sorted(self.inputs.items())),
            "topics": dict(sorted(self.topics.items())),
            "red_flags": dict(sorted(self.red_flags.items())),
            "error_kinds": dict(sorted(self.error_kinds.items())),
            "engines": dict(sorted(self.engines.items())),
        }

    @classmethod
    def from_json_dict(cls, data: dict[str, object]) -> Metrics:
        """Counts read back from the file's JSON object; unknown or malformed entries are dropped."""

        def number(key: str) -> int:
            value = data.get(key, 0)
            return value if isinstance(value, int) and value >= 0 else 0

        def counter(key: str) -> Counter[str]:
            value = data.get(key, {})
            if not isinstance(value, dict):
                return Counter()
            return Counter({str(k): v for k, v in value.items() if isinstance(v, int) and v >= 0})

        return cls(
            turns=number("turns"),
            sessions=number("sessions"),
            idle_warnings=number("idle_warnings"),
            errors=number("errors"),
            inputs=counter("inputs"),
            topics=counter("topics"),
            red_flags=counter("red_flags"),
            error_kinds=counter("error_kinds"),
            engines=counter("engines"),
        )


class MetricsFile:
    """Counts kept in memory and saved atomically to an optional JSON file (counts carry over restarts)."""

    def __init__(self, path: Path | None) -> None:
        """Load earlier counts from path if it exists; None keeps counts in memory only."""
        self.path = path
        self.metrics = Metrics()
        self._lock = threading.Lock()
        self._dirty = False
        if path is not None and path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(data, dict):
                    self.metrics = Metrics.from_json_dict(data)
            except (OSError, ValueError) as err:
                _log.warning("metrics file '%s' cannot be read (%s); starting the counts again", path, err)

    @property
    def lock(self) -> threading.Lock:
        """Hold while changing the counts."""
        return self._lock

    def mark_changed(self) -> None:
        """Note that the counts changed since the last save."""
        self._dirty = True

    def save(self) -> None:
        """Write the counts if they changed (to a temporary file, then renamed, so a crash never leaves half a file)."""
        if self.path is None or not self._dirty:
            return
        with self._lock:
            text = json.dumps(self.metrics.to_json_dict(), indent=2, sort_keys=False) + "\n"
            self._dirty = False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".metrics-", dir=self.path.parent)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, self.path)
        except OSError as err:
            _log.warning("cannot write metrics file '%s': %s", self.path, err)
