"""A small sentence-embedding model (a MiniLM exported to ONNX) on onnxruntime: text → unit vector.

The model comes in as bytes or a path that the caller found (app/semantic.py), its WordPiece
vocabulary as text: this module opens no files itself. onnxruntime is imported only when a model is built.
"""

from __future__ import annotations

import unicodedata
from typing import Final

import numpy as np
import numpy.typing as npt

__all__ = ["EncoderError", "WordPieceTokenizer", "SentenceEncoder"]

_MAX_TOKENS: Final = 64
"""Inputs are cut to this many word pieces: spoken questions are short, and time grows with length."""

Vector = npt.NDArray[np.float32]


class EncoderError(ValueError):
    """The model bytes are not a usable sentence encoder."""


class WordPieceTokenizer:
    """BERT's uncased WordPiece tokenizer, from a vocab.txt (one word piece a line, in id order)."""

    def __init__(self, vocabulary: str) -> None:
        self._vocab: dict[str, int] = {line: index for index, line in enumerate(vocabulary.splitlines())}
        missing = [token for token in ("[UNK]", "[CLS]", "[SEP]") if token not in self._vocab]
        if missing:
            raise EncoderError(f"the vocabulary has no {missing[0]} token: not a BERT WordPiece vocabulary")
        self._unk = self._vocab["[UNK]"]
        self.cls = self._vocab["[CLS]"]
        self.sep = self._vocab["[SEP]"]
        self._cache: dict[str, tuple[int, ...]] = {}

    def _pieces(self, word: str) -> tuple[int, ...]:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        pieces: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self._vocab:
                    found = self._vocab[piece]
                    break
                end -= 1
            if found is None:
                pieces = [self._unk]
                break
            pieces.append(found)
            start = end
        result = tuple(pieces)
        if len(self._cache) < 50_000:
            self._cache[word] = result
        return result

    def ids(self, text: str) -> list[int]:
        """[CLS] word pieces [SEP] of lower-cased, accent-free text."""
        text = unicodedata.normalize("NFD", text.casefold())
        text = "".join(c for c in text if unicodedata.category(c) != "Mn")
        words: list[str] = []
        current: list[str] = []
        for char in text:
            if char.isspace() or unicodedata.category(char).startswith("C"):
                if current:
                    words.append("".join(current))
                    current = []
            elif unicodedata.category(char).startswith("P") or char in "$+<=>^`|~":
                if current:
                    words.append("".join(current))
                    current = []
                words.append(char)
            else:
                current.append(char)
        if current:
            words.append("".join(current))
        ids = [self.cls]
        for word in words:
            ids.extend(self._pieces(word) if len(word) <= 100 else (self._unk,))
        return ids[: _MAX_TOKENS - 1] + [self.sep]


class SentenceEncoder:
    """A BERT sentence model (all-MiniLM-L6-v2 as int8 ONNX) run by onnxruntime: text → unit vector."""

    def __init__(self, model: bytes | str, vocabulary: str, threads: int = 1) -> None:
        """model: the ONNX file's bytes, or its path (onnxruntime then maps it: half the memory)."""
        self.tokenizer = WordPieceTokenizer(vocabulary)
        try:
            import onnxruntime  # an optional engine: without it the assistant runs on the lexical matcher
        except ImportError as err:
            raise EncoderError("onnxruntime is not installed (pip install onnxruntime)") from err
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        options.enable_cpu_mem_arena = False  # a short input needs little memory; the arena would keep the peak
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            self._session = onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])
        except Exception as err:  # onnxruntime raises its own untyped errors for a bad model
            raise EncoderError(f"the ONNX model does not load ({err})") from err
        self._inputs = {i.name for i in self._session.get_inputs()}
        # The token vectors: the rank-3 output whose last size is fixed (some exports add other outputs).
        outputs = [o for o in self._session.get_outputs() if len(o.shape) == 3 and isinstance(o.shape[-1], int)]
        if not outputs:
            raise EncoderError("the ONNX model has no token-vector output (batch, tokens, size)")
        self._output = outputs[0].name
        if "input_ids" not in self._inputs:
            raise EncoderError("the ONNX model has no 'input_ids' input: not a BERT sentence model")
        self.dimension = int(self.encode("back pain").shape[0])

    def encode(self, text: str) -> Vector:
        """The unit-length sentence vector (mean of the token vectors) of one text."""
        tokens = np.array([self.tokenizer.ids(text)], dtype=np.int64)
        mask = np.ones_like(tokens)
        vector: Vector = self._pool(self._run(tokens, mask), mask)[0]
        return vector

    def encode_many(self, texts: list[str], batch: int = 32) -> npt.NDArray[np.float32]:
        """Unit vectors of many texts, one row each (in padded batches of similar length, for speed)."""
        out = np.zeros((len(texts), getattr(self, "dimension", 384)), dtype=np.float32)
        ids = [self.tokenizer.ids(text) for text in texts]
        order = sorted(range(len(texts)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), batch):
            chunk = order[start : start + batch]
            width = max(len(ids[i]) for i in chunk)
            tokens = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros_like(tokens)
            for row, i in enumerate(chunk):
                tokens[row, : len(ids[i])] = ids[i]
                mask[row, : len(ids[i])] = 1
            vectors = self._pool(self._run(tokens, mask), mask)
            out[chunk] = vectors
        return out

    def encode_batch(self, texts: list[str]) -> npt.NDArray[np.float32]:
        """Unit vectors of a few texts in one run (the clauses of one input)."""
        return self.encode_many(texts)

    def _run(self, tokens: npt.NDArray[np.int64], mask: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
        feeds = {"input_ids": tokens, "attention_mask": mask, "token_type_ids": np.zeros_like(tokens)}
        return np.asarray(self._session.run([self._output], {k: v for k, v in feeds.items() if k in self._inputs})[0], dtype=np.float32)

    @staticmethod
    def _pool(output: npt.NDArray[np.float32], mask: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
        if output.ndim == 3:
            weights = mask[:, :, None].astype(np.float32)
            output = (output * weights).sum(1) / np.maximum(weights.sum(1), 1.0)
        norms = np.linalg.norm(output, axis=1, keepdims=True)
        unit: npt.NDArray[np.float32] = (output / np.where(norms > 0, norms, 1.0)).astype(np.float32)
        return unit
