"""What start-up works out from prompts/ alone, kept between runs: the canonical reading of every phrase.

Building the assistant normalises some 15,000 phrases of prompts/ (the rules', the topics', the vocabulary's), about
half of its start-up. A reading depends only on the phrase, the vocabulary and the code, so the readings are kept in a
file in the cache folder (beside the semantic model's vectors) named by a key of the vocabulary, the core's code and
the Python it runs on, and read back the next time: a changed vocabulary, normaliser or Python makes another key, and
the old file is no longer read (it is deleted when the new one is written). Only phrases of prompts/ are kept: the file
is written once the assistant is built, before anyone has said anything.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import unicodedata
from pathlib import Path
from typing import Final

from voice_assistant.core.content import Content
from voice_assistant.core.normalise import Normalised, Normaliser

__all__ = ["StartupReadings", "readings_key"]

_CORE: Final = Path(__file__).resolve().parent.parent / "core"
_PREFIX: Final = "readings-"


def readings_key(content: Content) -> str:
    """The key of content's readings: its vocabulary, the core's code and the Python (its Unicode tables)."""
    digest = hashlib.sha256(f"{sys.version_info[:2]} {unicodedata.unidata_version}\n".encode())
    for path in sorted(_CORE.glob("*.py")):
        digest.update(path.read_bytes())
    digest.update(repr(content.vocabulary).encode())
    return digest.hexdigest()[:16]


class StartupReadings:
    """The normaliser for one start-up, seeded from the cache folder when it holds this content's readings."""

    def __init__(self, content: Content, cache_dir: Path | None) -> None:
        """cache_dir: where the readings are kept (None: nowhere; every start-up works them out)."""
        self._folder = cache_dir
        self._path = cache_dir / f"{_PREFIX}{readings_key(content)}.json" if cache_dir is not None else None
        readings = self._read()
        self.loaded = readings is not None
        """True when the readings came from the file."""
        self.normaliser = Normaliser(content.vocabulary, readings)
        self._kept = False

    def _read(self) -> dict[str, Normalised] | None:
        if self._path is None or not self._path.is_file():
            return None
        try:
            rows = json.loads(self._path.read_text(encoding="utf-8"))
            return {
                str(text): Normalised(str(canonical), bool(joins), bool(asks), bool(mends))
                for text, canonical, joins, asks, mends in rows
            }
        except (OSError, ValueError, TypeError):
            return None  # a damaged file: the readings are worked out and the file written again

    def keep(self) -> None:
        """Writes the readings made so far, unless they came from the file, the first time it is called: call it once
        the assistant is built, before it understands anything, when the normaliser holds the phrases of prompts/ and
        no one's words (Assistant does)."""
        if self._path is None or self._folder is None or self.loaded or self._kept:
            return
        self._kept = True  # once: called again later, the normaliser may hold what someone said
        rows = [[text, r.text, r.joins_words, r.asks_in_fillers, r.mends_words] for text, r in self.normaliser.readings().items()]
        try:
            self._folder.mkdir(parents=True, exist_ok=True)
            # written beside it and moved into place, so that a second process starting at the same moment (a second
            # kiosk, a test worker) never reads half a file
            part = self._path.with_name(f"{self._path.stem}.{os.getpid()}.part")
            part.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
            os.replace(part, self._path)
            for old in self._folder.glob(f"{_PREFIX}*.json"):
                if old != self._path:
                    old.unlink(missing_ok=True)  # another vocabulary's or code's readings: no longer read
        except OSError:
            pass  # a read-only or full disk: the next start-up works them out again
