"""Fit where a transcript's missing commas go (core.commas) on where the development lines' writers put punctuation.

    .venv/bin/python benchmarks/fit_commas.py [--check-only]

Every gap between two words of every development line is an example: a break when the writer put a comma, full stop,
question or exclamation mark, colon or semicolon there, none otherwise. A logistic regression over the hashed words
around the gap is fitted (AdaGrad, a fixed seed: the same lines give the same weights). First, as a check, it is
fitted without every fifth set and scored on those sets (precision and recall of the breaks inside a line, at
core.commas.BREAK_BAR); then on every development set, and written to voice_assistant/app/data/commas.npz. Sealed
halves are never read. About a minute.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parent))

from understand import SEALED, SETS, _lines  # noqa: E402

from voice_assistant.app.semantic import COMMAS  # noqa: E402
from voice_assistant.core.commas import BITS, BREAK_BAR, feature_ids, gap_features, words_and_breaks  # noqa: E402

_EPOCHS = 3
_BATCH = 512
_RATE = 0.5


def _examples(names: list[str]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """Feature buckets per gap between two words of a line, and whether a break is there."""
    rows: list[npt.NDArray[np.int64]] = []
    breaks: list[bool] = []
    for name in names:
        for line in _lines(SETS[name]):
            words, marks = words_and_breaks(line["text"])
            for index in range(len(words) - 1):
                rows.append(feature_ids(gap_features(words, index)))
                breaks.append(marks[index])
    return np.array(rows), np.array(breaks, dtype=np.float64)


def _fit(rows: npt.NDArray[np.int64], breaks: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    weights = np.zeros(1 << BITS)
    squares = np.full(1 << BITS, 1e-8)
    order_rng = np.random.default_rng(0)
    for _ in range(_EPOCHS):
        order = order_rng.permutation(len(rows))
        for start in range(0, len(rows), _BATCH):
            batch = order[start : start + _BATCH]
            ids = rows[batch]
            probability = 1.0 / (1.0 + np.exp(-weights[ids].sum(axis=1)))
            gradient = np.zeros(1 << BITS)
            np.add.at(gradient, ids.ravel(), np.repeat(probability - breaks[batch], ids.shape[1]))
            touched = np.unique(ids)
            squares[touched] += gradient[touched] ** 2
            weights[touched] -= _RATE * gradient[touched] / np.sqrt(squares[touched])
    return weights


def _probabilities(weights: npt.NDArray[np.float64], rows: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    return 1.0 / (1.0 + np.exp(-weights[rows].sum(axis=1)))


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check-only", action="store_true", help="the held-out check alone; write nothing")
    args = parser.parse_args()
    names = [name for name in SETS if name not in SEALED and SETS[name].exists()]
    held_out = names[::5]
    fitted_on = [name for name in names if name not in held_out]
    rows, breaks = _examples(fitted_on)
    weights = _fit(rows, breaks)
    check_rows, check_breaks = _examples(held_out)
    said = _probabilities(weights, check_rows) > BREAK_BAR
    there = check_breaks > 0
    hits = int((said & there).sum())
    print(f"fitted on {len(fitted_on)} development sets ({len(rows)} gaps), checked on {len(held_out)} others: "
          f"breaks inside a line at {BREAK_BAR}: precision {hits / max(1, int(said.sum())):.3f}, "
          f"recall {hits / max(1, int(there.sum())):.3f} ({int(there.sum())} breaks)")
    if args.check_only:
        return 0
    rows, breaks = _examples(names)
    weights = _fit(rows, breaks)
    buckets = np.flatnonzero(weights).astype(np.int64)
    COMMAS.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(COMMAS, buckets=buckets, weights=weights[buckets].astype(np.float32))
    print(f"fitted on all {len(names)} development sets ({len(rows)} gaps): {len(buckets)} buckets → {COMMAS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
