"""Vosk (Kaldi) recogniser: streaming, restricted to the assistant's phrases unless open vocabulary."""

from __future__ import annotations

import json
import logging
import math
from pathlib import Path
from typing import Any, Final

from voice_assistant.asr.recogniser import Hypothesis, Partial, Transcript, to_phrases, to_vocabulary_words
from voice_assistant.audio.pcm import RECOGNISER_RATE_HZ, PcmAudio, to_recogniser_format
from voice_assistant.errors import ModelNotFoundError
from voice_assistant.asr.model_catalogue import VOSK_ENGINE, model_display_name, model_engine

__all__ = ["VoskRecogniser", "VoskStream"]

_log = logging.getLogger(__name__)

UNKNOWN_WORD: Final = "[unk]"
"""Vosk's token for speech outside a grammar; it is never put in a transcript."""
_CHUNK_BYTES: Final = 8000
"""Quarter-second chunks for whole-utterance transcription, as Vosk's examples use."""
_GRAMMAR_ALTERNATIVES: Final = 3


class VoskRecogniser:
    """Recognises English (or any Vosk model's language) with a Kaldi model folder."""

    name = VOSK_ENGINE
    has_partials = True
    """Streams give partial transcripts."""

    def __init__(
        self,
        model_dir: Path,
        vocabulary: list[str] | None = None,
        open_vocabulary: bool = False,
        max_alternatives: int | None = None,
    ) -> None:
        """Load the model in model_dir; restrict to vocabulary (phrases) unless open_vocabulary.

        max_alternatives: N-best size; None means 3 with a grammar and 0 with open vocabulary (a second
        decoder runs for the alternatives, and only a grammar makes them cheap and worth having).
        """
        if model_engine(model_dir) != VOSK_ENGINE:
            raise ModelNotFoundError(
                f"'{model_dir}' is not a Vosk model (it needs am/final.mdl or conf/ and graph/); "
                "run `voice-assistant models download vosk-model-small-en-us-0.15`"
            )
        try:
            import vosk
        except ImportError as err:
            raise ModelNotFoundError("the Vosk engine needs the vosk package (run `pip install vosk`)") from err
        # -2 keeps Kaldi's errors but not its warnings, which list every grammar word the model lacks,
        # for every utterance.
        vosk.SetLogLevel(-2)
        self.model_name = model_display_name(model_dir)
        self._vosk: Any = vosk
        try:
            self._model: Any = vosk.Model(str(model_dir))
        except Exception as err:  # vosk raises a bare Exception when Kaldi cannot read the files
            raise ModelNotFoundError(
                f"cannot load Vosk model '{model_dir}': {err} (reinstall it with `voice-assistant models`)"
            ) from err
        self.grammar = self._build_grammar(model_dir, vocabulary or [], open_vocabulary)
        """The JSON grammar given to Vosk, or None for open vocabulary."""
        if max_alternatives is None:
            max_alternatives = _GRAMMAR_ALTERNATIVES if self.grammar is not None else 0
        self.max_alternatives = max_alternatives
        """How many alternatives a transcript carries at most."""

    def _build_grammar(self, model_dir: Path, vocabulary: list[str], open_vocabulary: bool) -> str | None:
        if open_vocabulary or not vocabulary:
            return None
        if not (model_dir / "graph" / "HCLr.fst").is_file():
            _log.warning(
                "Vosk model '%s' has a static graph and cannot be restricted to the assistant's phrases; "
                "using open vocabulary",
                self.model_name,
            )
            return None
        phrases = to_phrases(vocabulary)
        # Single words too: the grammar loops over its entries, so questions phrased in a new way still
        # come out as known words, while a whole listed phrase stays cheaper than its words one by one.
        words = sorted({word for phrase in phrases for word in to_vocabulary_words(phrase)} - set(phrases))
        return json.dumps(phrases + words + [UNKNOWN_WORD], ensure_ascii=False)

    def _recogniser(self, alternatives: int) -> Any:
        if self.grammar is not None:
            recogniser = self._vosk.KaldiRecognizer(self._model, RECOGNISER_RATE_HZ, self.grammar)
        else:
            recogniser = self._vosk.KaldiRecognizer(self._model, RECOGNISER_RATE_HZ)
        if alternatives:
            recogniser.SetMaxAlternatives(alternatives)
        else:
            recogniser.SetWords(True)
        return recogniser

    def stream(self) -> VoskStream:
        """Start recognising one utterance."""
        main = self._recogniser(0)
        extra = self._recogniser(self.max_alternatives + 1) if self.max_alternatives else None
        return VoskStream(main, extra, self.model_name)

    def transcribe(self, audio: PcmAudio) -> Transcript:
        """Recognise one whole utterance."""
        samples = to_recogniser_format(audio).samples
        stream = self.stream()
        for offset in range(0, len(samples), _CHUNK_BYTES):
            stream.accept(samples[offset : offset + _CHUNK_BYTES])
        return stream.finish()


class VoskStream:
    """One utterance fed to Vosk chunk by chunk; Vosk's own end points just split it into segments."""

    def __init__(self, main: Any, alternatives: Any | None, model_name: str) -> None:
        """Use main for words and confidences and alternatives (if any) for the N-best list."""
        self._main = main
        self._alternatives = alternatives
        self._model_name = model_name
        self._words: list[tuple[str, float]] = []
        self._nbest_segments: list[list[tuple[str, float]]] = []
        self._last_partial = ""

    def accept(self, chunk: bytes) -> Partial | None:
        """Feed audio; a Partial when the words heard so far changed."""
        if not chunk:
            return None
        if self._main.AcceptWaveform(chunk):
            self._words += _words(json.loads(self._main.Result()))
            heard = ""
        else:
            heard = json.loads(self._main.PartialResult()).get("partial", "")
        if self._alternatives is not None and self._alternatives.AcceptWaveform(chunk):
            self._nbest_segments.append(_texts(json.loads(self._alternatives.Result())))
        text = _clean(" ".join([word for word, _ in self._words] + [heard]))
        if text == self._last_partial:
            return None
        self._last_partial = text
        return Partial(text)

    def finish(self) -> Transcript:
        """The final transcript of everything fed so far."""
        self._words += _words(json.loads(self._main.FinalResult()))
        text = _clean(" ".join(word for word, _ in self._words))
        # [unk] counts as a word heard with no confidence: speech the grammar could not place.
        confidence = sum(conf for _, conf in self._words) / len(self._words) if self._words and text else 0.0
        alternatives: tuple[Hypothesis, ...] = ()
        if self._alternatives is not None:
            self._nbest_segments.append(_texts(json.loads(self._alternatives.FinalResult())))
            alternatives = _combine(self._nbest_segments, text, confidence)
        return Transcript(text, round(confidence, 4), alternatives, VOSK_ENGINE, self._model_name)


def _words(result: dict[str, Any]) -> list[tuple[str, float]]:
    return [(str(item["word"]), float(item.get("conf", 0.0))) for item in result.get("result", [])]


def _texts(result: dict[str, Any]) -> list[tuple[str, float]]:
    """(text, Vosk's lattice score) of each alternative, best first; higher scores are likelier."""
    found = [(_clean(str(item.get("text", ""))), float(item.get("confidence", 0.0))) for item in result.get("alternatives", [])]
    return found or [("", 0.0)]


def _clean(text: str) -> str:
    return " ".join(word for word in text.split() if word != UNKNOWN_WORD)


def _combine(segments: list[list[tuple[str, float]]], best: str, confidence: float) -> tuple[Hypothesis, ...]:
    """N-best for the whole utterance: vary one segment at a time, keep the others at their best.

    A variant's score is the transcript's confidence times exp(its lattice score minus the segment's best).
    """
    segments = [segment for segment in segments if any(text for text, _ in segment)]
    firsts = [segment[0][0] for segment in segments]
    found: dict[str, float] = {}
    joined = " ".join(t for t in firsts if t)
    if joined not in (best, ""):
        found[joined] = confidence
    for position, segment in enumerate(segments):
        top = segment[0][1]
        for other, score in segment[1:]:
            text = " ".join(t for t in firsts[:position] + [other] + firsts[position + 1 :] if t)
            if text and text != best and text not in found:
                found[text] = round(confidence * math.exp(max(-50.0, min(0.0, score - top))), 4)
    return tuple(Hypothesis(text, score) for text, score in found.items())
