"""The one listening path of the voice loop and the kiosk: one utterance heard, and whether to answer it.

`Hearing` listens through asr/listener.py (one voice activity detector per stream, adaptive end of
utterance), then drops silence, noise and transcripts too unsure to answer, never a possible red flag.
What the assistant understood of the final transcript travels with it (`Heard.understanding`), so a
spoken turn is understood once: the listener's check of a speculative transcript, the noise check and
the answer share it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Final

from voice_assistant.app.assistant import Assistant
from voice_assistant.app.settings import Settings
from voice_assistant.asr.commands import COMMAND_SURE_ABOVE
from voice_assistant.asr.listener import Heard, ListenSettings, UtteranceListener
from voice_assistant.asr.recogniser import Transcript, is_too_unsure
from voice_assistant.audio.devices import Microphone
from voice_assistant.audio.vad import EndpointSettings
from voice_assistant.core.content import RedFlagLevel
from voice_assistant.core.dialogue import Understanding
from voice_assistant.core.matching import MatchBand
from voice_assistant.core.utterance_end import EndTier, end_tier, words_of

__all__ = ["Hearing", "listen_settings", "SURE_TOPIC"]

SURE_TOPIC: Final = 0.65
"""Topic confidence above which an unsure transcript's request is taken as complete at a short pause."""
_UNSURE_MIN_WORDS: Final = 4
"""Words an unsure transcript needs to be taken as complete at a short pause: on kokoro clips with a 0.8 s pause
mid-sentence, Whisper's unsure but understood fragments had one to three ("slow" of "slow down", "what exercise")."""


def listen_settings(settings: Settings) -> ListenSettings:
    """The listener's settings (one voice activity detector's timing plus the short and middle pauses) from Settings."""
    return ListenSettings(
        EndpointSettings(
            trailing_silence_ms=settings.end_silence_ms,
            min_speech_ms=settings.min_speech_ms,
            max_utterance_s=settings.max_utterance_s,
            detector=settings.voice_detector,
        ),
        quick_end_silence_ms=settings.quick_end_silence_ms,
        middle_end_silence_ms=settings.middle_end_silence_ms,
    )


class Hearing:
    """Hears utterances for one assistant (which must have a recogniser); one instance per microphone."""

    def __init__(self, assistant: Assistant, settings: Settings) -> None:
        """Listen with assistant.recogniser, timed and filtered as settings say."""
        if assistant.recogniser is None:
            raise ValueError("Hearing needs an assistant with a recogniser")
        self.assistant = assistant
        self.min_confidence = settings.min_confidence
        self.listener = UtteranceListener(assistant.recogniser, self.end_tier, listen_settings(settings))
        self._lock = threading.Lock()
        self._last: tuple[str, Understanding] | None = None

    def understand(self, text: str) -> Understanding:
        """The assistant's understanding of text, worked out once however often the same text is asked about."""
        with self._lock:
            if self._last is not None and self._last[0] == text:
                return self._last[1]
        understanding = self.assistant.understand(text)
        with self._lock:
            self._last = (text, understanding)
        return understanding

    def listen(
        self,
        microphone: Microphone,
        timeout_s: float | None = None,
        cancel: threading.Event | None = None,
        on_ready: Callable[[], None] | None = None,
    ) -> Heard | None:
        """The next utterance with its understanding; None when no speech started in time or cancel was set."""
        heard = self.listener.listen(microphone, timeout_s, cancel, on_ready=on_ready)
        if heard is None:
            return None
        understanding = self.understand(heard.transcript.text) if heard.transcript.text.strip() else None
        # Short commands ("slower", "stop") also go through a small grammar over the command phrases, when the
        # free-speech transcript leaves room for doubt; the audio is dropped here either way.
        command = self.assistant.hear_command(heard.audio, heard.transcript, understanding) if heard.audio else None
        return replace(heard, understanding=understanding, command=command, audio=None)

    def close(self) -> None:
        """Stop listening for good: queued background recognitions are dropped, so the program exits at once."""
        self.listener.close()

    def noise_reason(self, heard: Heard) -> str:
        """Why an utterance is taken for silence or noise ('' when it is answered); a red flag never is."""
        transcript = heard.transcript
        if heard.command is not None and heard.command.text and heard.command.confidence >= COMMAND_SURE_ABOVE:
            return ""  # the command grammar is sure of a short command the free-speech engine missed
        if not transcript.text.strip():
            return "nothing recognised"
        understanding = heard.understanding or self.understand(transcript.text)
        if understanding.red_flag.level is not RedFlagLevel.NONE:
            return ""  # a possible red flag is never dropped
        if transcript.confidence < self.min_confidence:
            why = f"confidence {transcript.confidence:.2f} is below the floor {self.min_confidence:.2f}"
        elif is_too_unsure(transcript) and understanding.match.band is MatchBand.UNCLEAR:
            why = f"unsure ({transcript.confidence:.2f}) and not understood"
        else:
            return ""
        # Before dropping it: nor is a red flag the recogniser heard only in another hypothesis (it is asked about).
        if any(self.understand(text).red_flag.level is not RedFlagLevel.NONE for text in transcript.alternative_texts[:3]):
            return ""
        return why

    def end_tier(self, transcript: Transcript) -> EndTier:
        """Which pause may end the utterance whose words so far are transcript (see core/utterance_end.py).

        A confident transcript is SURE when it is understood or has a red flag and looks finished, MAYBE when
        it looks unfinished ("does this cancer"). A red flag never waits the long pause. An unsure one (Whisper
        rates espeak-ng's voice at 0.3-0.55 even when every word is right) ends early only when it is above
        the noise floor, understood with a sure topic and four words at least: its words are answered
        whichever pause ends it, so waiting would only delay the same answer.
        """
        if not transcript.text.strip():
            return EndTier.NO
        understanding = self.understand(transcript.text)
        understood = understanding.match.band is MatchBand.ANSWER
        flagged = understanding.red_flag.level is not RedFlagLevel.NONE
        words = words_of(transcript.text)
        if transcript.confidence >= 1.0 or not is_too_unsure(transcript):
            return end_tier(words, understood, flagged)
        if flagged:
            return EndTier.MAYBE  # unsure, but a red flag is never left to the long pause
        if not understood or transcript.confidence < self.min_confidence or understanding.match.confidence < SURE_TOPIC:
            return EndTier.NO
        # Unsure fragments of a sentence cut at a mid-sentence pause ("what exercise", "slow") are short.
        return end_tier(words, True, False) if len(words) >= _UNSURE_MIN_WORDS else EndTier.NO
