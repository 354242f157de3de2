"""Memos of pure work on one input, forgotten when the input is done.

Understanding one input normalises the same clause and looks for the same phrases in the same words several
times over (the red-flag rules, the matcher, the scope check and the safety net each ask); start-up normalises
the same prompts/ phrase from several places. A Memo keeps those results so that each is worked out once.

What a person says is personal: Memo.forget_all() empties every memo, and the assistant calls it when it has
understood an input, so that no memo keeps the input's sentences, clauses or unknown words once it is answered (the
kiosk keeps nothing personal between visitors; only the bounded caches of single words' stems and sound keys outlive
an input). A memo that is never told to forget still holds at most LIMIT results.
"""

from __future__ import annotations

import weakref
from typing import ClassVar, Final, Generic, Hashable, Mapping, TypeVar

__all__ = ["Memo"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

LIMIT: Final = 50_000
"""Results one memo keeps at most (start-up normalises some 13,000 distinct phrases; an input a few dozen)."""


class Memo(Generic[K, V]):
    """Results of a pure function by argument, bounded, emptied by Memo.forget_all()."""

    _every: ClassVar[weakref.WeakSet[Memo[Hashable, object]]] = weakref.WeakSet()

    def __init__(self, limit: int = LIMIT) -> None:
        self._limit = limit
        self._results: dict[K, V] = {}
        Memo._every.add(self)  # type: ignore[arg-type]

    def get(self, key: K) -> V | None:
        """The result kept for key, or None."""
        return self._results.get(key)

    def put(self, key: K, result: V) -> V:
        """Keeps result for key (emptying the memo first when it is full) and gives it back."""
        if len(self._results) >= self._limit:
            self._results.clear()
        self._results[key] = result
        return result

    def __len__(self) -> int:
        return len(self._results)

    def seed(self, results: Mapping[K, V]) -> None:
        """Keeps results worked out before (a start-up's, read from a file), as many as the limit allows."""
        for key, result in results.items():
            if len(self._results) >= self._limit:
                break
            self._results[key] = result

    def results(self) -> dict[K, V]:
        """A copy of every result kept."""
        return dict(self._results)

    def forget(self) -> None:
        """Empties this memo."""
        self._results.clear()

    @classmethod
    def kept(cls) -> int:
        """Results every memo there is holds, all told."""
        return sum(len(memo) for memo in list(cls._every))

    @classmethod
    def forget_all(cls) -> None:
        """Empties every memo there is."""
        for memo in list(cls._every):
            memo.forget()
