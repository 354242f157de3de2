"""A restricted recogniser for the short spoken commands ("repeat", "stop", "slower", "yes", "no").

It runs PocketSphinx with a small language model on the same audio as the free-speech engine: the utterance is either one of
the command phrasings of prompts/commands.toml, or some of the assistant's other words (the "garbage"
branch, so that a question is not forced onto a command). `choose_transcript` then picks between the command
and the free-speech transcript by confidence.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from voice_assistant.asr.recogniser import Transcript, to_phrases, to_vocabulary_words
from voice_assistant.asr.sphinx_engine import MODEL_NAME, SphinxRecogniser, _model_paths, _read_dictionary
from voice_assistant.audio.pcm import PcmAudio, to_recogniser_format
from voice_assistant.core.content import Content
from voice_assistant.core.vocabulary import recognition_vocabulary

__all__ = ["CommandRecogniser", "CommandChoice", "choose_transcript", "COMMANDS_ENGINE", "MAX_COMMAND_S"]

_log = logging.getLogger(__name__)

COMMANDS_ENGINE: Final = "pocketsphinx-commands"
MAX_COMMAND_S: Final = 3.0
"""Longer utterances are not commands (the slowest dev-set command lasts 2.4 s); they are not decoded."""
_LOOP_WORDS: Final = 300
"""This many of the commonest other words of the content are in the language model, as one-word sentences."""
COMMAND_SURE_ABOVE: Final = 0.65
"""A command heard with at least this word posterior can overrule the free-speech transcript."""
FREE_SURE_ABOVE: Final = 0.75
"""A free-speech transcript at least this sure is kept, unless it has no more words than a command."""
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
    """Hears whether an utterance is one of the command phrasings (PocketSphinx with a command language model)."""

    def __init__(self, content: Content, cache_dir: Path | None = None) -> None:
        """Build the language model from content's command phrasings and common words (needs pocketsphinx).

        The common words are the "garbage" branch: a question is heard as other words, not forced onto a
        command. (A JSGF grammar with a word loop did the same but took 15-45 s per utterance.)
        """
        dictionary = _read_dictionary(_model_paths()[1])
        phrasings: dict[str, str] = {}
        for command in content.commands:
            for phrase in to_phrases(command.phrasings):
                if all(word in dictionary for word in phrase.split()):
                    phrasings.setdefault(phrase, command.id)
        self.phrasings = phrasings
        """Command phrasing (as the recogniser spells it) → command id."""
        command_words = {word for phrase in phrasings for word in phrase.split()}
        counts: Counter[str] = Counter()
        for phrase in recognition_vocabulary(content):
            counts.update(word for word in to_vocabulary_words(phrase) if word in dictionary)
        words = [word for word, _ in counts.most_common() if word not in command_words][:_LOOP_WORDS]
        self._sphinx = SphinxRecogniser(list(phrasings) + words, cache_dir=cache_dir, quiet=True)

    def command_of(self, text: str) -> str | None:
        """The command id when text is exactly one of the command phrasings, else None."""
        return self.phrasings.get(" ".join(to_vocabulary_words(text)))

    def recognise(self, audio: PcmAudio) -> Transcript:
        """What it heard: a command phrasing or other words ("" for audio too long to be a command)."""
        audio = to_recogniser_format(audio)
        if audio.duration_s > MAX_COMMAND_S or not audio.samples:
            return Transcript("", 0.0, (), COMMANDS_ENGINE, MODEL_NAME)
        heard = self._sphinx.transcribe(audio)
        return Transcript(heard.text, heard.confidence, heard.alternatives, COMMANDS_ENGINE, MODEL_NAME)


def choose_transcript(free: Transcript, heard: Transcript | None, recogniser: CommandRecogniser) -> CommandChoice:
    """Pick the command recogniser's transcript over the free-speech one only when it is a command, it is sure,
    and the free transcript is unsure or no longer than a command; otherwise keep the free transcript."""
    if heard is None or not heard.text:
        return CommandChoice(free, False, "no command heard")
    command = recogniser.command_of(heard.text)
    if command is None:
        return CommandChoice(free, False, "not a command phrasing")
    if recogniser.command_of(free.text) == command:
        return CommandChoice(free, False, "both heard the same command")
    if heard.confidence < COMMAND_SURE_ABOVE:
        return CommandChoice(free, False, "command unsure")
    short = len(free.text.split()) <= _MAX_COMMAND_WORDS
    if free.text and free.confidence >= FREE_SURE_ABOVE and not short:
        return CommandChoice(free, False, "free speech sure")
    return CommandChoice(heard, True, f"command {command}")
