"""Fit where a transcript's missing commas and question marks go (core.commas) on the development lines' punctuation.

    .venv/bin/python benchmarks/fit_commas.py [--check-only] [--questions-only]

Every gap between two words of every development line is an example, twice: for the comma model, a break when the
writer put a comma, full stop, question or exclamation mark, colon or semicolon there, none otherwise; for the question
model, a question start when the writer broke there and what follows ends with a question mark ("chest pain today. is
it the inflammation?", "my legs are weak, is that normal?"). Each is a logistic regression over the hashed words around
the gap (AdaGrad, a fixed seed: the same lines give the same weights). First, as a check, both are fitted without every
fifth set and scored on those sets (precision and recall inside a line, at core.commas.BREAK_BAR and QUESTION_BAR);
then on every development set, and written to voice_assistant/app/data/commas.npz. Sealed halves are never read.
About a minute. --questions-only refits the question model alone and keeps the shipped comma weights: those were fitted
on the forty-first session's 162 development sets, and refitting them with three more changed no held-out figure of
the check (breaks 0.790 / 0.353 against 0.78 / 0.35), so they were kept as they were.
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
from voice_assistant.core.commas import (  # noqa: E402
    BITS, BREAK_BAR, QUESTION_BAR, feature_ids, gap_features, question_extras, question_starts, words_and_marks,
)

_EPOCHS = 3
_BATCH = 512
_RATE = 0.5


def _examples(
    names: list[str],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """Feature buckets per gap between two words of a line and whether a break is there; the same for the question
    model and whether a question starts there."""
    rows: list[npt.NDArray[np.int64]] = []
    breaks: list[bool] = []
    question_rows: list[npt.NDArray[np.int64]] = []
    starts: list[bool] = []
    for name in names:
        for line in _lines(SETS[name]):
            words, marks = words_and_marks(line["text"])
            for index, start in enumerate(question_starts(marks)):
                gap = feature_ids(gap_features(words, index))  # the question model reads these too (as in core.commas)
                rows.append(gap)
                breaks.append(bool(marks[index]))
                question_rows.append(np.concatenate([gap, feature_ids(question_extras(words, index))]))
                starts.append(start)
    return (np.array(rows), np.array(breaks, dtype=np.float64), np.array(question_rows),
            np.array(starts, dtype=np.float64))


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


def _report(what: str, said: npt.NDArray[np.bool_], there: npt.NDArray[np.bool_]) -> str:
    hits = int((said & there).sum())
    return (f"{what}: precision {hits / max(1, int(said.sum())):.3f}, recall {hits / max(1, int(there.sum())):.3f} "
            f"({int(there.sum())} in the writers' lines)")


def _sparse(weights: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    buckets = np.flatnonzero(weights).astype(np.int64)
    return buckets, weights[buckets].astype(np.float32)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check-only", action="store_true", help="the held-out check alone; write nothing")
    parser.add_argument("--questions-only", action="store_true", help="refit the question model, keep the comma weights")
    args = parser.parse_args()
    names = [name for name in SETS if name not in SEALED and SETS[name].exists()]
    held_out = names[::5]
    fitted_on = [name for name in names if name not in held_out]
    rows, breaks, question_rows, starts = _examples(fitted_on)
    weights, question_weights = _fit(rows, breaks), _fit(question_rows, starts)
    check_rows, check_breaks, check_question_rows, check_starts = _examples(held_out)
    print(f"fitted on {len(fitted_on)} development sets ({len(rows)} gaps), checked on {len(held_out)} others:")
    print("  " + _report(f"breaks inside a line at {BREAK_BAR}", _probabilities(weights, check_rows) > BREAK_BAR,
                         check_breaks > 0))
    print("  " + _report(f"question starts at {QUESTION_BAR}",
                         _probabilities(question_weights, check_question_rows) > QUESTION_BAR, check_starts > 0))
    if args.check_only:
        return 0
    rows, breaks, question_rows, starts = _examples(names)
    if args.questions_only:
        with np.load(COMMAS, allow_pickle=False) as shipped:
            buckets, weights32 = np.asarray(shipped["buckets"]), np.asarray(shipped["weights"])
    else:
        buckets, weights32 = _sparse(_fit(rows, breaks))
    question_buckets, question_weights32 = _sparse(_fit(question_rows, starts))
    COMMAS.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(COMMAS, buckets=buckets, weights=weights32, question_buckets=question_buckets,
                        question_weights=question_weights32)
    print(f"fitted on all {len(names)} development sets ({len(rows)} gaps): {len(buckets)} and {len(question_buckets)} "
          f"buckets → {COMMAS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
