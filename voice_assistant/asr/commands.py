"""A restricted recogniser for the short spoken commands ("repeat", "stop", "slower", "yes", "no").

It runs PocketSphinx with a closed grammar of the command phrasings of prompts/commands.toml on the same audio
as the free-speech engine; `choose_transcript` then picks between the command and the free-speech transcript
by confidence.
"""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np

from voice_assistant.asr.recogniser import Transcript, to_phrases, to_vocabulary_words
from voice_assistant.asr.sphinx_engine import (
    MODEL_NAME,
    clean_words,
    import_pocketsphinx,
    mean_word_posterior,
    model_paths,
)
from voice_assistant.audio.pcm import PcmAudio, to_recogniser_format
from voice_assistant.core.content import Content
from voice_assistant.errors import VoiceAssistantError

__all__ = ["CommandRecogniser", "CommandChoice", "choose_transcript", "COMMANDS_ENGINE", "MAX_COMMAND_S"]

_log = logging.getLogger(__name__)

COMMANDS_ENGINE: Final = "pocketsphinx-commands"
MAX_COMMAND_S: Final = 3.0
"""Longer utterances are not commands (the slowest dev-set command lasts 2.4 s); they are not decoded."""
COMMAND_SURE_ABOVE: Final = 0.9
"""A command heard with at least this word posterior can overrule the free-speech transcript."""
FREE_SURE_ABOVE: Final = 0.5
"""A free-speech transcript at least this sure is kept.

Both thresholds were chosen on the Whisper transcripts of the dev set (espeak clean and noisy, kokoro clean):
looser ones turned more understood questions into commands than they mended commands."""
_MAX_COMMAND_WORDS: Final = 6


@dataclass(frozen=True)
class CommandChoice:
    """Which transcript `choose_transcript` picked, and why."""

    transcript: Transcript
    """The chosen transcript."""
    used_command: bool
    """True when the command recogniser's transcript was chosen."""
    reason: str
    """A few words for logs and benchmarks."""


class CommandRecogniser:
    """Hears an utterance as one of the command phrasings (PocketSphinx, closed JSGF grammar search)."""

    def __init__(self, content: Content) -> None:
        """Build the grammar from content's command phrasings (needs the pocketsphinx package).

        Measured on espeak-ng commands (two voices), a closed grammar heard 11 of 16 right in about 0.1 s each;
        a language model of the phrasings plus common words as a garbage branch heard 6 of 16 (the words
        swallowed the short commands), and a JSGF word loop took 15-45 s per utterance. A closed grammar
        forces every utterance onto some command, so `choose_transcript` trusts it only where the
        free-speech engine is unsure.
        """
        pocketsphinx = import_pocketsphinx()
        acoustic, dictionary_path, _general = model_paths()
        wanted = to_phrases(phrase for command in content.commands for phrase in command.phrasings)
        pronunciations = _pronunciations(dictionary_path, {word for phrase in wanted for word in phrase.split()})
        phrasings: dict[str, str] = {}
        for command in content.commands:
            for phrase in to_phrases(command.phrasings):
                if all(word in pronunciations for word in phrase.split()):
                    phrasings.setdefault(phrase, command.id)
        if not phrasings:
            raise VoiceAssistantError("no command phrasing can be pronounced by PocketSphinx (check prompts/commands.toml)")
        self.phrasings = phrasings
        """Command phrasing (as the recogniser spells it) → command id."""
        grammar = "#JSGF V1.0;\ngrammar commands;\npublic <command> = " + " | ".join(phrasings) + ";\n"
        # A dictionary of the command words alone: the full one costs about 200 MB in the decoder.
        with tempfile.NamedTemporaryFile("w", suffix=".dict", delete=False, encoding="utf-8") as small:
            small.writelines(f"{word} {phones}\n" for word, phones in pronunciations.items())
        try:
            self._decoder: Any = pocketsphinx.Decoder(
                hmm=str(acoustic), dict=small.name, loglevel="FATAL", dither=False  # see _dithered
            )
        finally:
            os.unlink(small.name)
        self._decoder.add_jsgf_string("commands", grammar)
        self._decoder.activate_search("commands")

    def command_of(self, text: str) -> str | None:
        """The command id when text is exactly one of the command phrasings, else None."""
        return self.phrasings.get(" ".join(to_vocabulary_words(text)))

    def recognise(self, audio: PcmAudio) -> Transcript:
        """The command phrasing heard, with the mean word posterior ("" for audio too long to be a command)."""
        audio = to_recogniser_format(audio)
        if audio.duration_s > MAX_COMMAND_S or not audio.samples:
            return Transcript("", 0.0, (), COMMANDS_ENGINE, MODEL_NAME)
        self._decoder.start_utt()
        self._decoder.process_raw(_dithered(audio.samples), full_utt=True)
        self._decoder.end_utt()
        hypothesis = self._decoder.hyp()
        text = clean_words(hypothesis.hypstr.split()) if hypothesis is not None else ""
        if not text:
            return Transcript("", 0.0, (), COMMANDS_ENGINE, MODEL_NAME)
        confidence = mean_word_posterior(self._decoder)
        return Transcript(text, round(min(1.0, confidence), 4), (), COMMANDS_ENGINE, MODEL_NAME)


def _dithered(samples: bytes) -> bytes:
    """Samples with ±1 of noise added, seeded the same every time.

    Runs of exact zeros (synthesised or noise-gated audio) give the front end log(0) energies; PocketSphinx's own
    dither fixes that but reseeds its one process-wide generator, which changed what the free-speech PocketSphinx
    decoder heard on the same audio (2 of 32 dev-set reports lost their red flag).
    """
    values = np.frombuffer(samples, dtype="<i2").astype(np.int32)
    noise = np.random.default_rng(1).integers(-1, 2, size=values.size)
    return bytes(np.clip(values + noise, -32768, 32767).astype("<i2").tobytes())


def _pronunciations(dictionary_path: Path, words: set[str]) -> dict[str, str]:
    """Word (or variant "word(2)") → phones for the given words, read from a CMU-style dictionary."""
    found: dict[str, str] = {}
    with dictionary_path.open(encoding="utf-8") as lines:
        for line in lines:
            entry, _, phones = line.strip().partition(" ")
            if phones and entry.split("(")[0] in words:
                found[entry] = phones.strip()
    return found


def worth_hearing(free: Transcript, free_understood: bool, free_has_red_flag: bool) -> bool:
    """True when the command recogniser's opinion could change anything: the free-speech transcript is short and
    unsure, was not understood, and carries no red flag (choose_transcript's conditions before the command's)."""
    if free_has_red_flag or free_understood or len(free.text.split()) > _MAX_COMMAND_WORDS:
        return False
    return not (free.text and free.confidence >= FREE_SURE_ABOVE)


def choose_transcript(
    free: Transcript,
    heard: Transcript | None,
    recogniser: CommandRecogniser,
    free_understood: bool = False,
    free_has_red_flag: bool = False,
) -> CommandChoice:
    """Pick the command recogniser's transcript only when the free-speech one is short and unsure, was not
    understood (free_understood: it matched a topic or command to answer) and carries no red flag (a red flag is
    never traded for a command), and the command is sure."""
    if heard is None or not heard.text or recogniser.command_of(heard.text) is None:
        return CommandChoice(free, False, "no command heard")
    if free_has_red_flag:
        return CommandChoice(free, False, "free speech has a red flag")
    if free_understood:
        return CommandChoice(free, False, "free speech understood")
    if len(free.text.split()) > _MAX_COMMAND_WORDS:
        return CommandChoice(free, False, "too long for a command")
    if free.text and free.confidence >= FREE_SURE_ABOVE:
        return CommandChoice(free, False, "free speech sure")
    if heard.confidence < COMMAND_SURE_ABOVE:
        return CommandChoice(free, False, "command unsure")
    return CommandChoice(heard, True, f"command {recogniser.command_of(heard.text)}")
