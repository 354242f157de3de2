"""The spelling of an input as hashed character n-grams, for the learned classifier's second opinion.

The sentence model reads words through its own vocabulary: a misspelling ('siatica', 'acupunture') or a recogniser's
split ('acro puncture') becomes word pieces it has to guess at. Most of the letters of such a word still make the
same three-to-five-letter pieces, so a classifier over those pieces (plus whole words and word pairs), fitted on the
same development lines as the classifier over sentence vectors (benchmarks/fit_classifier.py), is right on other
lines than that one. Their opinions are combined by a geometric mean.
"""

from __future__ import annotations

import re
import zlib
from typing import Final

import numpy as np
import numpy.typing as npt

BITS: Final = 18
"""Grams are hashed (CRC-32) into 2**BITS buckets; only the buckets seen when fitting keep weights."""
_WORD: Final = re.compile(r"[a-z0-9]+")


def gram_ids(text: str) -> npt.NDArray[np.int64]:
    """The sorted bucket ids of text's grams: each word's 3-, 4- and 5-letter pieces (its edges marked by spaces),
    the word itself and each pair of neighbouring words."""
    words = _WORD.findall(text.lower().replace("'", "").replace("\u2019", ""))
    grams: set[str] = set()
    for word in words:
        padded = f" {word} "
        for n in (3, 4, 5):
            grams.update("c" + padded[i : i + n] for i in range(len(padded) - n + 1))
        grams.add("w" + word)
    grams.update(f"b{first} {second}" for first, second in zip(words, words[1:]))
    mask = (1 << BITS) - 1
    return np.array(sorted({zlib.crc32(gram.encode()) & mask for gram in grams}), dtype=np.int64)


def known_rows(buckets: npt.NDArray[np.int64], ids: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """The rows of buckets (sorted) that hold ids; ids the fit never saw have none."""
    if not len(buckets) or not len(ids):
        return np.zeros(0, dtype=np.int64)
    rows = np.searchsorted(buckets, ids)
    found = (rows < len(buckets)) & (buckets[np.minimum(rows, len(buckets) - 1)] == ids)
    return np.asarray(rows[found], dtype=np.int64)


class GramClassifier:
    """Multinomial logistic regression over an input's grams, each input's grams weighted 1/sqrt(their number)."""

    def __init__(self, buckets: npt.NDArray[np.integer], weights: npt.NDArray[np.floating], bias: npt.NDArray[np.floating]) -> None:
        """buckets: the sorted bucket ids that have weights; weights: one row per bucket, one column per label."""
        self.buckets = np.asarray(buckets, dtype=np.int64)
        self.weights = np.asarray(weights, dtype=np.float32)
        self.bias = np.asarray(bias, dtype=np.float32)
        if self.weights.shape != (len(self.buckets), len(self.bias)):
            raise ValueError(f"gram weights of shape {self.weights.shape} do not fit {len(self.buckets)} buckets and {len(self.bias)} labels")

    def probabilities(self, text: str) -> npt.NDArray[np.float64]:
        """Each label's probability for one raw input."""
        ids = gram_ids(text)
        z = self.bias.astype(np.float64)
        if len(ids):
            z = z + self.weights[known_rows(self.buckets, ids)].sum(axis=0) / np.sqrt(len(ids))
        z -= z.max()
        p = np.exp(z)
        return np.asarray(p / p.sum(), dtype=np.float64)


def geometric_mean(first: npt.NDArray[np.floating], second: npt.NDArray[np.floating]) -> npt.NDArray[np.float64]:
    """Two opinions' probabilities per label combined as their normalised geometric mean (rows are inputs)."""
    mean = np.sqrt(np.clip(first, 1e-12, 1.0) * np.clip(second, 1e-12, 1.0))
    return np.asarray(mean / mean.sum(axis=-1, keepdims=True), dtype=np.float64)
