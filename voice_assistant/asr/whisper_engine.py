"""Whisper recogniser (faster-whisper, CTranslate2, CPU int8): transcribes each utterance after it ends."""

from __future__ import annotations

import logging
import math
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any, Final

import numpy as np

from voice_assistant.asr.recogniser import Hypothesis, Partial, Transcript, to_vocabulary_words
from voice_assistant.audio.pcm import RECOGNISER_RATE_HZ, PcmAudio, to_recogniser_format
from voice_assistant.errors import ModelNotFoundError
from voice_assistant.asr.model_catalogue import WHISPER_ENGINE, model_display_name, model_engine

__all__ = ["WhisperRecogniser", "WhisperStream"]

_log = logging.getLogger(__name__)

_MAX_PROMPT_WORDS: Final = 60
"""Whisper's prompt takes at most 224 tokens; a short hint biases spelling without steering content."""
ECHO_CONFIDENCE: Final = 0.3
"""The most a transcript that only repeats a sentence of the prompt is trusted: on unclear audio Whisper tends to
say the prompt back ('i can't feel my feet i can't feel my feet' for 'busy day, back held up okay'), so the
assistant asks about a red flag heard that way instead of declaring it (safety_check.FLAG_SURE_ABOVE is 0.35)."""
_JOINERS: Final = frozenset({"and", "but", "so"})
"""Words that may join the repeats of a prompt sentence in such a loop."""
_NO_SPEECH_ABOVE: Final = 0.6
"""Segments Whisper itself rates as probably not speech are dropped (hallucinations on noise)."""
_WINDOW_S: Final = 30
"""Whisper hears at most 30 s at once; shorter utterances are decoded in one window with an N-best list."""
_ENCODED_S: Final = 20
"""Seconds of (zero-padded) features the encoder hears for an utterance that fits, instead of Whisper's 30.

The encoder's cost grows with its window whatever the utterance's length (tiny.en on 2 cores: about 0.7 s for
30 s under load, a third of that for 20 s). On 80 noisy and room dev-set clips 20 s heard as well as 30 s;
15 s and 10 s made tiny.en say a short question twice ("can you book me a taxi can you book me a taxi")."""
_MARGIN_S: Final = 2
_FRAMES_PER_S: Final = 100
"""Whisper's feature frames per second (a hop of 10 ms)."""
"""Padding the encoder window keeps after the utterance (longer utterances get the full 30 s)."""
_ALTERNATIVES: Final = 4
"""How many other beam hypotheses a transcript keeps: the red-flag check reads all of them."""
CUT_SHORT_WORDS_PER_S: Final = 3.0
"""Fewer transcript words than this per second of voiced audio: the one-window decode stopped early.

Without timestamps, tiny.en sometimes ends its transcript at the first pause of a long utterance: 'Pins and needles
in my feet? None. Bladder? Fine.' came back as 'pins and needles in my feet', a denial turned into a report, and
'Never had back trouble in my life, 71 years, but since my NET diagnosis … brand new' as its first six words.
People say two to three words a second counting the pauses; voiced audio (see _VOICED_SHARE) leaves out the pauses
and the quiet sounds, about half of it: espeak-ng's lines come to four or five words a voiced second."""
_CUT_SHORT_MIN_S: Final = 3.0
"""Shorter utterances are not checked for a cut: a few words at a slow pace are no sign of one."""
_FRAME_S: Final = 0.03
_VOICED_SHARE: Final = 0.25
"""A frame is voiced when its RMS reaches this share of the loud frames' (the 95th percentile): pink noise 15 dB below
the speech stays under it."""


class WhisperRecogniser:
    """Recognises English speech with a CTranslate2 Whisper model folder, fully offline."""

    name = WHISPER_ENGINE
    has_partials = False
    """No partial transcripts: the listener transcribes the audio so far at a short pause."""

    def __init__(
        self,
        model_dir: Path,
        initial_prompt: str | None = None,
        language: str = "en",
        beam_size: int = 5,
        cpu_threads: int = 0,
    ) -> None:
        """Load model_dir (model.bin, config.json, tokenizer.json, vocabulary.txt) for the CPU.

        initial_prompt: a short vocabulary hint ("octreotide, acupuncture, ..."), cut to 60 words.
        beam_size: 5 heard more red flags on the dev-set audio than greedy decoding (emergency recall 0.92
        against 0.88 with tiny.en), at some cost in speed; 1 is faster.
        cpu_threads: 0 uses every core.
        """
        if model_engine(model_dir) != WHISPER_ENGINE:
            raise ModelNotFoundError(
                f"'{model_dir}' is not a Whisper model (it needs model.bin and config.json); "
                "run `voice-assistant models download faster-whisper-tiny.en`"
            )
        try:
            from faster_whisper import WhisperModel
        except ImportError as err:
            raise ModelNotFoundError(
                "the Whisper engine needs faster-whisper (run `pip install 'voice-assistant[whisper]'`)"
            ) from err
        self.model_name = model_display_name(model_dir)
        self.language = language
        self.beam_size = beam_size
        self.initial_prompt = _shorten(initial_prompt)
        """The prompt actually given to Whisper, or None."""
        self._prompt_sentences = prompt_sentences(self.initial_prompt or "")
        threads = cpu_threads or os.cpu_count() or 1
        try:
            self._model: Any = WhisperModel(
                str(model_dir), device="cpu", compute_type="int8", cpu_threads=threads, local_files_only=True
            )
        except (RuntimeError, ValueError, OSError) as err:
            raise ModelNotFoundError(
                f"cannot load Whisper model '{model_dir}': {err} (reinstall it with `voice-assistant models`)"
            ) from err

    def stream(self) -> WhisperStream:
        """Start buffering one utterance (Whisper has no partial results)."""
        return WhisperStream(self)

    def transcribe(self, audio: PcmAudio) -> Transcript:
        """Recognise one whole utterance; up to 30 s come with the beam's other hypotheses and their scores."""
        samples = to_recogniser_format(audio).to_array().astype(np.float32) / 32768.0
        if samples.size < RECOGNISER_RATE_HZ // 10:
            return Transcript("", 0.0, (), WHISPER_ENGINE, self.model_name)
        if samples.size <= _WINDOW_S * RECOGNISER_RATE_HZ and self.beam_size > 1:
            try:
                transcript = self._transcribe_nbest(samples)
            except (AttributeError, TypeError, ImportError) as err:  # another faster-whisper version: no N-best
                _log.debug("N-best decoding unavailable (%s); decoding the best hypothesis only", err)
            else:
                if transcript.text and cut_short(transcript.text, samples):
                    transcript = self._decoded_again(transcript, samples)
                return self.distrust_echo(transcript)
        return self.distrust_echo(self._transcribe_long(samples))

    def _decoded_again(self, transcript: Transcript, samples: np.ndarray) -> Transcript:
        """transcript, or a reading that hears clearly more words: one of the beam's other hypotheses (they often go on
        where the best one stopped), else a decode with timestamps, segment by segment. The short reading stays as
        the first other hypothesis, so that a red flag in it is still asked about."""
        said = len(transcript.text.split())
        short = set(transcript.text.split())

        def fuller(text: str) -> bool:
            words = text.split()
            return (len(words) >= said + 3 and len(words) >= 1.3 * said and not _says_again(words)
                    and len(short.intersection(words)) >= 0.6 * len(short))  # more of the same, not another reading

        longer = [h for h in transcript.alternatives if fuller(h.text)]
        if longer:
            best = max(longer, key=lambda h: h.score)
            text, confidence = best.text, best.score
            others = [h for h in transcript.alternatives if h is not best]
        else:
            words, confidence = self.transcribe_words(samples, beam_size=self.beam_size, with_times=False)
            text, others = " ".join(word for word, _, _ in words), list(transcript.alternatives)
            if not fuller(text):
                return transcript
        _log.debug("the transcript stopped early (%d words); took a reading of %d words", said, len(text.split()))
        heard = (Hypothesis(transcript.text, transcript.confidence), *others)[:_ALTERNATIVES]
        return Transcript(text, confidence, heard, WHISPER_ENGINE, self.model_name)

    def distrust_echo(self, transcript: Transcript) -> Transcript:
        """transcript, its confidence capped at ECHO_CONFIDENCE when it only says a prompt sentence again and again."""
        if transcript.confidence > ECHO_CONFIDENCE and repeats_prompt(transcript.text, self._prompt_sentences):
            _log.debug("the transcript only repeats the recogniser's prompt; trusting it less")
            return replace(transcript, confidence=ECHO_CONFIDENCE)
        return transcript

    def transcribe_words(
        self, samples: np.ndarray, prompt: str | None = None, beam_size: int = 1, with_times: bool = True
    ) -> tuple[list[tuple[str, float, float]], float]:
        """Words with their start and end times (s) in float32 samples at 16 kHz, and the confidence.

        prompt: text said just before (the committed words when streaming); beam_size 1 is greedy and fast;
        with_times False skips the alignment pass (all times are then 0).
        """
        if samples.size < RECOGNISER_RATE_HZ // 10:
            return [], 0.0
        segments, _info = self._model.transcribe(
            samples,
            language=self.language,
            beam_size=beam_size,
            initial_prompt=_shorten(" ".join(part for part in (self.initial_prompt, prompt) if part)),
            condition_on_previous_text=False,
            word_timestamps=with_times,
            vad_filter=False,
            no_speech_threshold=_NO_SPEECH_ABOVE,
            temperature=0.0,
        )
        kept = [segment for segment in segments if segment.no_speech_prob < _NO_SPEECH_ABOVE]
        words: list[tuple[str, float, float]] = []
        for segment in kept:
            if not with_times:
                words.extend((spelled, 0.0, 0.0) for spelled in to_vocabulary_words(segment.text))
                continue
            for word in segment.words or ():
                for spelled in to_vocabulary_words(word.word):
                    words.append((spelled, float(word.start), float(word.end)))
        return words, (_confidence(kept) if words else 0.0)

    def _transcribe_long(self, samples: np.ndarray) -> Transcript:
        segments, _info = self._model.transcribe(
            samples,
            language=self.language,
            beam_size=self.beam_size,
            initial_prompt=self.initial_prompt,
            condition_on_previous_text=False,
            without_timestamps=True,
            vad_filter=False,
            no_speech_threshold=_NO_SPEECH_ABOVE,
            temperature=0.0,  # no fallback re-decoding at higher temperatures: it took up to 10 s on unclear speech
        )
        kept = [segment for segment in segments if segment.no_speech_prob < _NO_SPEECH_ABOVE]
        words = to_vocabulary_words(" ".join(segment.text for segment in kept))
        if not words:
            return Transcript("", 0.0, (), WHISPER_ENGINE, self.model_name)
        return Transcript(" ".join(words), _confidence(kept), (), WHISPER_ENGINE, self.model_name)

    def _transcribe_nbest(self, samples: np.ndarray) -> Transcript:
        """One 30 s window, decoded as faster-whisper does at temperature 0, keeping every beam hypothesis."""
        from faster_whisper.audio import pad_or_trim
        from faster_whisper.tokenizer import Tokenizer
        from faster_whisper.transcribe import get_suppressed_tokens

        model = self._model
        tokenizer = Tokenizer(model.hf_tokenizer, model.model.is_multilingual, task="transcribe", language=self.language)
        features = model.feature_extractor(samples)
        fits = features.shape[-1] + _MARGIN_S * _FRAMES_PER_S <= _ENCODED_S * _FRAMES_PER_S
        features = pad_or_trim(features, (_ENCODED_S if fits else _WINDOW_S) * _FRAMES_PER_S)
        encoder_output = model.encode(features)
        previous = tokenizer.encode(" " + self.initial_prompt.strip()) if self.initial_prompt else []
        prompt = model.get_prompt(tokenizer, previous, without_timestamps=True)
        result = model.model.generate(
            encoder_output,
            [prompt],
            beam_size=self.beam_size,
            num_hypotheses=min(self.beam_size, _ALTERNATIVES + 1),
            max_length=model.max_length,
            return_scores=True,
            return_no_speech_prob=True,
            suppress_blank=True,
            suppress_tokens=get_suppressed_tokens(tokenizer, [-1]),
            max_initial_timestamp_index=50,
        )[0]
        speech = 1.0 - float(result.no_speech_prob)
        if result.no_speech_prob >= _NO_SPEECH_ABOVE:
            return Transcript("", 0.0, (), WHISPER_ENGINE, self.model_name)
        readings: dict[str, float] = {}
        for tokens, score in zip(result.sequences_ids, result.scores):
            # CTranslate2 scores are length-normalised log probabilities; faster-whisper's avg_logprob adds one
            # token for the end of text.
            avg_logprob = float(score) * len(tokens) / (len(tokens) + 1)
            text = " ".join(to_vocabulary_words(tokenizer.decode(tokens)))
            if text and text not in readings:
                readings[text] = round(max(0.0, min(1.0, math.exp(avg_logprob) * speech)), 4)
        if not readings:
            return Transcript("", 0.0, (), WHISPER_ENGINE, self.model_name)
        (best, confidence), *others = readings.items()
        alternatives = tuple(Hypothesis(text, score) for text, score in others[:_ALTERNATIVES])
        return Transcript(best, confidence, alternatives, WHISPER_ENGINE, self.model_name)


class WhisperStream:
    """Buffers one utterance and transcribes it on finish()."""

    def __init__(self, recogniser: WhisperRecogniser) -> None:
        """Buffer for recogniser."""
        self._recogniser = recogniser
        self._chunks: list[bytes] = []

    def accept(self, chunk: bytes) -> Partial | None:
        """Buffer audio; Whisper gives no partial results."""
        self._chunks.append(chunk)
        return None

    def finish(self) -> Transcript:
        """Transcribe everything buffered."""
        return self._recogniser.transcribe(PcmAudio(b"".join(self._chunks), RECOGNISER_RATE_HZ))


_LOOP_PIECE: Final = 3


def _says_again(words: list[str]) -> bool:
    """True when some three words come three times or more: how Whisper loops ('i can't feel the heart i can't feel
    the heart i can't feel the heart')."""
    pieces = [tuple(words[i : i + _LOOP_PIECE]) for i in range(len(words) - _LOOP_PIECE + 1)]
    return any(pieces.count(piece) >= 3 for piece in set(pieces))


def voiced_seconds(samples: np.ndarray) -> float:
    """Seconds of float samples at 16 kHz whose frames are voiced (see _VOICED_SHARE)."""
    size = int(_FRAME_S * RECOGNISER_RATE_HZ)
    frames = samples[: samples.size // size * size].reshape(-1, size)
    if not len(frames):
        return 0.0
    rms = np.sqrt(np.mean(frames.astype(np.float64) ** 2, axis=1))
    loud = float(np.percentile(rms, 95))
    return float(np.count_nonzero(rms >= _VOICED_SHARE * loud)) * _FRAME_S if loud > 0 else 0.0


def cut_short(text: str, samples: np.ndarray) -> bool:
    """True when text has too few words for the voiced audio it came from (CUT_SHORT_WORDS_PER_S)."""
    voiced = voiced_seconds(samples)
    return voiced >= _CUT_SHORT_MIN_S and len(text.split()) < CUT_SHORT_WORDS_PER_S * voiced


def _confidence(segments: list[Any]) -> float:
    """Token-weighted mean of exp(avg_logprob), scaled down by the chance that it was not speech."""
    weights = [max(1, len(segment.tokens)) for segment in segments]
    logprob = sum(w * segment.avg_logprob for w, segment in zip(weights, segments)) / sum(weights)
    speech = 1.0 - max(segment.no_speech_prob for segment in segments)
    return round(max(0.0, min(1.0, math.exp(float(logprob)) * float(speech))), 4)


def prompt_sentences(prompt: str) -> tuple[tuple[str, ...], ...]:
    """The sentences of a prompt as transcript words ('I can't feel my feet.' → ("i", "can't", "feel", "my", "feet"))."""
    parts = (tuple(to_vocabulary_words(part)) for part in re.split(r"[.?!;:,]", prompt))
    return tuple(dict.fromkeys(part for part in parts if part))


def repeats_prompt(text: str, sentences: tuple[tuple[str, ...], ...]) -> bool:
    """True when text is nothing but prompt sentences, one of them at least twice ('and', 'but', 'so' may join them),
    or one piece of a prompt sentence over and over.

    A person may well say one such sentence once ('I can't feel my feet'); the same sentence over and over with
    nothing else is how Whisper loops on its prompt when it cannot make out the audio.
    """
    words = text.split()
    if not words or not sentences:
        return False
    # reached[i]: the sentences that cover words[:i] exactly (as a sequence of sentence indices)
    reached: dict[int, tuple[int, ...]] = {0: ()}
    for start in range(len(words)):
        if start not in reached:
            continue
        path = reached[start]
        at = start + 1 if path and words[start] in _JOINERS else start
        for number, sentence in enumerate(sentences):
            end = at + len(sentence)
            if tuple(words[at:end]) == sentence and end not in reached:
                reached[end] = path + (number,)
    covered = reached.get(len(words))
    if covered is not None and len(covered) > len(set(covered)):
        return True
    return _loops_on_a_fragment(words, sentences)


_MIN_FRAGMENT: Final = 3


def _loops_on_a_fragment(words: list[str], sentences: tuple[tuple[str, ...], ...]) -> bool:
    """True when words are one piece of a prompt sentence (three words or more) said two times or more and nothing
    else ('it hurts when i cough it hurts when i cough' from 'It hurts when I cough or sneeze.')."""
    for size in range(_MIN_FRAGMENT, len(words) // 2 + 1):
        if len(words) % size:
            continue
        unit = tuple(words[:size])
        if all(tuple(words[i : i + size]) == unit for i in range(0, len(words), size)) and any(
            unit == sentence[i : i + size] for sentence in sentences for i in range(len(sentence) - size + 1)
        ):
            return True
    return False


def _shorten(prompt: str | None) -> str | None:
    if not prompt or not prompt.strip():
        return None
    words = prompt.split()
    return " ".join(words[:_MAX_PROMPT_WORDS])

