"""Kiosk speech: replies spoken by the one background voice, and spoken questions heard by the one listening path.

Both sides are small Protocols so the kiosk can be driven by hand-written fakes in tests. The real ones are
tts/output.py's BackgroundVoice (open_kiosk_voice) and app/hearing.py's Hearing on a microphone
(HearingInput), the same classes the voice loop and text mode use.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Final, Protocol

from voice_assistant.app.assistant import Assistant
from voice_assistant.app.hearing import Hearing
from voice_assistant.app.settings import Settings
from voice_assistant.asr.listener import Heard
from voice_assistant.audio.devices import Microphone, SoundDeviceMicrophone, SoundDevicePlayer
from voice_assistant.audio.pcm import PcmAudio
from voice_assistant.errors import VoiceAssistantError
from voice_assistant.tts.output import BackgroundVoice
from voice_assistant.tts.synthesis import Pyttsx3Speaker, find_synthesis_problem

__all__ = ["Voice", "SpokenInput", "Heard", "HearingInput", "open_kiosk_voice", "open_hearing_input"]

NO_SPEECH_TIMEOUT_S: Final = 8.0
"""After push-to-talk, how long to wait for speech to start before saying nothing was heard."""


class Voice(Protocol):
    """Speaks one reply at a time in the background; a new reply or stop() cuts the current one."""

    def say(self, text: str, rate_wpm: int, volume: float, earcon: PcmAudio | None = None) -> None:
        """Start speaking text (after an optional earcon) at rate_wpm and volume 0.2..1.0, cutting any speech."""
        ...

    def play(self, audio: PcmAudio) -> None:
        """Play a short clip (an earcon), cutting any speech."""
        ...

    def stop(self) -> None:
        """Stop speaking now."""
        ...

    def wait_until_quiet(self, timeout_s: float) -> bool:
        """Wait until nothing is playing or queued; False after timeout_s seconds."""
        ...

    @property
    def is_speaking(self) -> bool:
        """True while something is playing or queued."""
        ...

    def close(self) -> None:
        """Stop and release the device."""
        ...


def open_kiosk_voice(
    voice: str | None,
    output_device: str | None,
    on_speaking: Callable[[bool], None],
    on_error: Callable[[str], None],
) -> BackgroundVoice:
    """The background voice on pyttsx3/espeak-ng and the chosen speaker (opened on first use, reopened after a
    fault); VoiceAssistantError if synthesis is impossible."""
    problem = find_synthesis_problem()
    if problem is not None:
        raise VoiceAssistantError(problem)
    speaker = Pyttsx3Speaker(voice=voice)
    speaker.start()
    return BackgroundVoice(
        speaker, lambda: SoundDevicePlayer(output_device), on_error=on_error, on_speaking=on_speaking
    )


class SpokenInput(Protocol):
    """Hears one spoken question (push-to-talk): the kiosk's microphone side."""

    def listen(self, cancel: threading.Event) -> Heard | None:
        """Record until the end of one utterance and recognise it; None for silence, noise or when cancelled.

        Raises AudioDeviceError when the microphone is missing or fails.
        """
        ...


class HearingInput:
    """SpokenInput on the one listening path (adaptive end of utterance, noise and confidence floor).

    The heard utterance carries what the assistant understood of it, so the kiosk's turn understands it once.
    """

    def __init__(
        self,
        hearing: Hearing,
        open_microphone: Callable[[], Microphone],
        no_speech_timeout_s: float = NO_SPEECH_TIMEOUT_S,
    ) -> None:
        """Listen through hearing on the microphone open_microphone() returns."""
        self.hearing = hearing
        self.open_microphone = open_microphone
        self.no_speech_timeout_s = no_speech_timeout_s

    def listen(self, cancel: threading.Event) -> Heard | None:
        """One utterance; None for silence, noise or cancel. AudioDeviceError when the microphone fails."""
        with self.open_microphone() as microphone:
            heard = self.hearing.listen(microphone, self.no_speech_timeout_s, cancel)
        if heard is None or cancel.is_set() or self.hearing.noise_reason(heard):
            return None
        return heard


def open_hearing_input(assistant: Assistant, settings: Settings) -> HearingInput:
    """A HearingInput on the configured microphone, for an assistant that has its recogniser."""
    return HearingInput(Hearing(assistant, settings), lambda: SoundDeviceMicrophone(settings.input_device))
