"""PocketSphinx recogniser: the fallback, with a domain language model built from the assistant's phrases."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

from voice_assistant.asr.recogniser import Hypothesis, Partial, Transcript, to_phrases, to_vocabulary_words
from voice_assistant.audio.pcm import PcmAudio, to_recogniser_format
from voice_assistant.errors import ModelNotFoundError, VoiceAssistantError
from voice_assistant.asr.model_catalogue import SPHINX_ENGINE

__all__ = [
    "SphinxRecogniser", "SphinxStream", "build_language_model", "import_pocketsphinx", "model_paths", "read_dictionary",
    "clean_words", "mean_word_posterior",
]

_log = logging.getLogger(__name__)

MODEL_NAME: Final = "pocketsphinx-en-us"
_LM_VERSION: Final = "2"
"""Part of the cache key: bump it when the way the language model is built changes."""
_KEYWORD_THRESHOLD: Final = 1e-20
"""Keyword-spotting threshold for one- and two-word phrases; longer phrases use smaller ones."""
_NBEST: Final = 10
_ALTERNATIVES: Final = 3
_FILLER: Final = re.compile(r"^(<s>|</s>|<sil>|\[.*\]|\+\+.*\+\+|\(NULL\))$")
_VARIANT: Final = re.compile(r"\(\d+\)$")


def import_pocketsphinx() -> Any:
    """The pocketsphinx module, or a one-line ModelNotFoundError saying how to install it."""
    try:
        import pocketsphinx
    except ImportError as err:
        raise ModelNotFoundError(
            "the PocketSphinx engine needs pocketsphinx (run `pip install 'pocketsphinx>=5'`)"
        ) from err
    return pocketsphinx


def model_paths() -> tuple[Path, Path, Path]:
    """Acoustic model folder, pronunciation dictionary and general language model bundled with PocketSphinx."""
    root = Path(import_pocketsphinx().get_model_path()) / "en-us"
    return root / "en-us", root / "cmudict-en-us.dict", root / "en-us.lm.bin"


@lru_cache(maxsize=2)
def read_dictionary(path: Path) -> dict[str, tuple[str, ...]]:
    """Word → pronunciations (phone strings), from a CMU-style dictionary."""
    words: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word, _, phones = line.strip().partition(" ")
            if phones:
                words.setdefault(_VARIANT.sub("", word), []).append(phones.strip())
    return {word: tuple(phones) for word, phones in words.items()}


def build_language_model(phrases: list[str], dictionary: dict[str, tuple[str, ...]]) -> tuple[str, str, list[str]]:
    """An ARPA trigram model and its dictionary from phrases; returns (arpa, dict text, skipped words).

    Words the pronunciation dictionary lacks are dropped from their phrase (PocketSphinx cannot say them).
    Smoothing is pocketsphinx.lm's fixed back-off with discount mass 0.1 (measured best of 0.5, 0.3, 0.1 on espeak-ng commands), enough for a few hundred phrases.
    """
    from io import StringIO

    from pocketsphinx.lm import ArpaBoLM

    skipped: dict[str, None] = {}
    kept_lines = []
    for phrase in phrases:
        words = []
        for word in to_vocabulary_words(phrase):
            if word in dictionary:
                words.append(word)
            else:
                skipped.setdefault(word, None)
        if words:
            kept_lines.append(" ".join(words))
    if not kept_lines:
        raise VoiceAssistantError("cannot build a PocketSphinx language model: no phrase has a known word")
    model = ArpaBoLM(text="\n".join(kept_lines) + "\n", add_start=True, discount_mass=0.1)
    model.compute()
    arpa = StringIO()
    model.write(arpa)
    used = sorted({word for line in kept_lines for word in line.split()})
    entries = []
    for word in used:
        for number, phones in enumerate(dictionary[word], start=1):
            entries.append(f"{word if number == 1 else f'{word}({number})'} {phones}\n")
    return arpa.getvalue(), "".join(entries), list(skipped)


class SphinxRecogniser:
    """Recognises US English with PocketSphinx's bundled model and a language model of the assistant's phrases."""

    name = SPHINX_ENGINE
    has_partials = True
    """Streams give partial transcripts."""

    def __init__(
        self,
        vocabulary: list[str] | None = None,
        cache_dir: Path | None = None,
        open_vocabulary: bool = False,
        quiet: bool = False,
    ) -> None:
        """Build (or reuse from cache_dir) the domain language model and start the decoder.

        quiet: do not warn that PocketSphinx is rough on free speech (for restricted uses such as commands).

        Without vocabulary, or with open_vocabulary, PocketSphinx's general English model is used, which is
        slow to load (about 10 s) and inaccurate.
        """
        pocketsphinx = import_pocketsphinx()
        acoustic, dictionary_path, general_lm = model_paths()
        if not acoustic.is_dir():
            raise ModelNotFoundError(f"PocketSphinx's English model is missing from '{acoustic}' (reinstall pocketsphinx)")
        self.model_name = MODEL_NAME
        (_log.info if quiet else _log.warning)(
            "using PocketSphinx: its accuracy on free speech is low; for better recognition install a Vosk "
            "model (`voice-assistant models download vosk-model-small-en-us-0.15`) or a Whisper model "
            "(`voice-assistant models download faster-whisper-tiny.en`)"
        )
        phrases = to_phrases(vocabulary or [])
        self._dictionary_path = dictionary_path
        if phrases and not open_vocabulary:
            self.language_model, dictionary = self._cached_model(phrases, dictionary_path, cache_dir)
            """The language model file in use."""
        else:
            self.language_model, dictionary = general_lm, dictionary_path
        # Dither: runs of digital silence (exact zeros, as in synthesised or noise-gated audio) give the
        # front end log(0) energies; on espeak-ng phrases it lifted exact matches from 8 to 20 of 25.
        # A fixed seed keeps results repeatable.
        self._decoder: Any = pocketsphinx.Decoder(
            hmm=str(acoustic),
            dict=str(dictionary),
            lm=str(self.language_model),
            loglevel="FATAL",
            dither=True,
            seed=1,
        )
        self._lm_search: str = self._decoder.current_search()
        self._keyword_searches: dict[tuple[str, ...], str] = {}

    def _cached_model(self, phrases: list[str], dictionary_path: Path, cache_dir: Path | None) -> tuple[Path, Path]:
        key_source = "\n".join([_LM_VERSION, str(dictionary_path.stat().st_size), *phrases])
        key = hashlib.sha256(key_source.encode("utf-8")).hexdigest()[:16]
        folder = cache_dir if cache_dir is not None else Path(tempfile.gettempdir()) / "voice-assistant-cache"
        lm_path, dict_path = folder / f"sphinx-{key}.lm", folder / f"sphinx-{key}.dict"
        if lm_path.is_file() and dict_path.is_file():
            _log.info("reusing PocketSphinx language model '%s'", lm_path)
            return lm_path, dict_path
        arpa, entries, skipped = build_language_model(phrases, read_dictionary(dictionary_path))
        if skipped:
            _log.info(
                "PocketSphinx cannot pronounce %d vocabulary words, skipped: %s",
                len(skipped),
                ", ".join(skipped[:20]),
            )
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _write_atomically(dict_path, entries)
            _write_atomically(lm_path, arpa)
        except OSError as err:
            raise VoiceAssistantError(
                f"cannot write the PocketSphinx language model to '{folder}': {err.strerror} "
                "(pass a writable cache folder)"
            ) from err
        _log.info("built PocketSphinx language model '%s' from %d phrases", lm_path, len(phrases))
        return lm_path, dict_path

    def stream(self) -> SphinxStream:
        """Start recognising one utterance."""
        self._decoder.activate_search(self._lm_search)
        self._decoder.start_utt()
        return SphinxStream(self._decoder)

    def transcribe(self, audio: PcmAudio) -> Transcript:
        """Recognise one whole utterance."""
        self._decoder.activate_search(self._lm_search)
        self._decoder.start_utt()
        self._decoder.process_raw(to_recogniser_format(audio).samples, full_utt=True)
        self._decoder.end_utt()
        return _transcript(self._decoder)

    def spot_keywords(self, audio: PcmAudio, phrases: list[str]) -> list[str]:
        """The phrases ("stop", a wake phrase) heard in audio, in the order heard (repeats included)."""
        wanted = tuple(to_phrases(phrases))
        if not wanted:
            return []
        search = self._keyword_searches.get(wanted) or self._add_keyword_search(wanted)
        self._decoder.activate_search(search)
        try:
            self._decoder.start_utt()
            self._decoder.process_raw(to_recogniser_format(audio).samples, full_utt=True)
            self._decoder.end_utt()
            segments = self._decoder.seg() if self._decoder.hyp() is not None else None
            return [segment.word.strip() for segment in segments or () if segment.word.strip() in wanted]
        finally:
            self._decoder.activate_search(self._lm_search)

    def _add_keyword_search(self, phrases: tuple[str, ...]) -> str:
        dictionary = read_dictionary(self._dictionary_path)
        lines = []
        for phrase in phrases:
            words = phrase.split()
            missing = [word for word in words if word not in dictionary]
            if missing:
                raise VoiceAssistantError(
                    f"cannot spot '{phrase}': PocketSphinx has no pronunciation for {', '.join(missing)}"
                )
            for word in words:
                if self._decoder.lookup_word(word) is None:
                    self._decoder.add_word(word, dictionary[word][0], True)
            # Longer phrases accumulate more acoustic evidence, so they need a lower threshold to fire.
            threshold = _KEYWORD_THRESHOLD ** max(1, len(words) - 1)
            lines.append(f"{phrase} /{threshold:.0e}/\n")
        name = f"kws{len(self._keyword_searches)}"
        with tempfile.NamedTemporaryFile("w", suffix=".kws", delete=False, encoding="utf-8") as keyfile:
            keyfile.writelines(lines)
        try:
            self._decoder.add_kws(name, keyfile.name)
        finally:
            os.unlink(keyfile.name)
        self._keyword_searches[phrases] = name
        return name


class SphinxStream:
    """One utterance fed to PocketSphinx chunk by chunk."""

    def __init__(self, decoder: Any) -> None:
        """Decoder must already be in an utterance."""
        self._decoder = decoder
        self._last = ""

    def accept(self, chunk: bytes) -> Partial | None:
        """Feed audio; a Partial when the best hypothesis so far changed."""
        if not chunk:
            return None
        self._decoder.process_raw(chunk)
        hypothesis = self._decoder.hyp()
        text = clean_words(hypothesis.hypstr.split()) if hypothesis is not None else ""
        if text == self._last:
            return None
        self._last = text
        return Partial(text)

    def finish(self) -> Transcript:
        """End the utterance and return its transcript."""
        self._decoder.end_utt()
        return _transcript(self._decoder)


def clean_words(words: Iterable[str]) -> str:
    """Decoder words as text: fillers and silences dropped, pronunciation variants ("word(2)") merged."""
    return " ".join(_VARIANT.sub("", word) for word in words if not _FILLER.match(word))


def _transcript(decoder: Any) -> Transcript:
    hypothesis = decoder.hyp()
    text = clean_words(hypothesis.hypstr.split()) if hypothesis is not None else ""
    if not text:
        return Transcript("", 0.0, (), SPHINX_ENGINE, MODEL_NAME)
    confidence = mean_word_posterior(decoder)
    # The Python API gives N-best and best path scores as likelihoods (already out of the log domain).
    best_score = float(getattr(hypothesis, "best_score", 0.0) or 0.0)
    alternatives: dict[str, float] = {}
    for number, entry in enumerate(decoder.nbest()):
        if number >= _NBEST or len(alternatives) >= _ALTERNATIVES:
            break
        other = clean_words(entry.hypstr.split()) if entry is not None and entry.hypstr else ""
        if other and other != text and other not in alternatives:
            ratio = min(1.0, float(entry.score) / best_score) if best_score > 0 else 1.0
            alternatives[other] = round(min(1.0, confidence) * ratio, 4)
    hypotheses = tuple(Hypothesis(other, score) for other, score in alternatives.items())
    return Transcript(text, round(min(1.0, confidence), 4), hypotheses, SPHINX_ENGINE, MODEL_NAME)


def mean_word_posterior(decoder: Any) -> float:
    """Mean word posterior of the last utterance from the lattice: it drops when words compete for one sound."""
    posteriors = [segment.prob for segment in decoder.seg() if not _FILLER.match(segment.word)]
    return sum(posteriors) / len(posteriors) if posteriors else 0.0


def _write_atomically(path: Path, text: str) -> None:
    scratch = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    scratch.write_text(text, encoding="utf-8")
    os.replace(scratch, path)
