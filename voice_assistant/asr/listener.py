"""Listening for one utterance: microphone chunks in, a final transcript out, ended adaptively.

A fixed silence window either cuts off tired speakers who pause mid-sentence or makes every answer slow.
So the end of an utterance is decided in two steps: after a short pause (quick_end_silence_ms, about
300 ms) the words heard so far are checked, and when they already make a complete, confident request
(`is_complete`) the utterance ends there; otherwise the listener waits for the long pause
(the Endpointer's trailing silence, about 1.2 s). One Endpointer per stream decides both: it finds the
start and the end, and its silence_ms says how long the current pause is. Recognisers whose streams give
partial transcripts (`has_partials`: Vosk, PocketSphinx) give the words so far; for the others (Whisper)
the audio so far is transcribed once at the short pause, and that transcript becomes the final one when
no speech followed.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from voice_assistant.asr.recogniser import Recogniser, RecognitionStream, Transcript
from voice_assistant.audio.vad import EndpointSettings, Endpointer, SpeechStarted, Utterance
from voice_assistant.audio.pcm import RECOGNISER_RATE_HZ, PcmAudio
from voice_assistant.audio.devices import Microphone
from voice_assistant.core.dialogue import Understanding


__all__ = ["ListenSettings", "Heard", "UtteranceListener"]

_log = logging.getLogger(__name__)

_BYTES_PER_MS: Final = RECOGNISER_RATE_HZ * 2 // 1000
_FRAME_MS: Final = 30


@dataclass(frozen=True)
class ListenSettings:
    """When an utterance starts and ends: the detector's settings plus the listener's short pause."""

    endpoint: EndpointSettings = EndpointSettings(trailing_silence_ms=1200)
    """The voice activity detector's settings; its trailing_silence_ms is the long pause that ends any
    utterance (pauses shorter than it stay inside), min_speech_ms the speech needed before one starts,
    max_utterance_s the cap, so a radio or a conversation nearby cannot keep it listening."""
    quick_end_silence_ms: int = 300
    """Pause in ms after which a complete, confident request is answered."""
    echo_tail_ms: int = 250
    """Audio discarded in ms after the microphone opens: the room's echo of what was just played."""


@dataclass(frozen=True)
class Heard:
    """One finished utterance and what the recogniser made of it."""

    transcript: Transcript
    """The final transcript (text "" when nothing was recognised)."""
    speech_s: float
    """Length of the utterance audio in seconds."""
    ended_early: bool
    """True when the short pause ended it (the words were already a complete request)."""
    capped: bool
    """True when max_utterance_s cut it off."""
    decided_at_s: float
    """time.perf_counter() when the end of the utterance was decided."""
    asr_ms: float
    """Milliseconds from that decision to the final transcript."""
    understanding: Understanding | None = None
    """What the assistant understood of the transcript, once the listening path has worked it out."""


class UtteranceListener:
    """Listens on an open microphone until one utterance has ended, and recognises it."""

    def __init__(
        self,
        recogniser: Recogniser,
        is_complete: Callable[[Transcript], bool],
        settings: ListenSettings = ListenSettings(),
    ) -> None:
        """Recognise with recogniser; is_complete(words so far) says whether a short pause may end the utterance."""
        self.recogniser = recogniser
        self.settings = settings
        self._is_complete = is_complete
        self._has_partials = recogniser.has_partials
        endpoint = settings.endpoint
        # Chunks kept from before the start is detected: the pre-speech audio plus the speech that confirmed it.
        self._history_ms = endpoint.pre_speech_ms + endpoint.min_speech_ms + 300

    def listen(
        self,
        microphone: Microphone,
        timeout_s: float | None = None,
        cancel: threading.Event | None = None,
        on_ready: Callable[[], None] | None = None,
    ) -> Heard | None:
        """The next utterance; None when no speech started within timeout_s or cancel was set.

        on_ready() is called once the echo of what was played before has been discarded.
        """
        settings = self.settings
        endpointer = Endpointer(settings.endpoint)  # the one voice activity detector on this stream
        history: deque[bytes] = deque()
        history_bytes = 0
        discard_bytes = settings.echo_tail_ms * _BYTES_PER_MS
        if discard_bytes <= 0 and on_ready is not None:
            on_ready()
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        stream: RecognitionStream | None = None
        chunks: list[bytes] = []
        partial = ""
        checked_pause = False
        speculation: Transcript | None = None
        guess: Transcript | None = None
        backlog_ms = guess_ms = guessed_at = 0.0
        while True:
            if cancel is not None and cancel.is_set():
                return None
            if stream is None and deadline is not None and time.monotonic() > deadline:
                return None
            chunk = microphone.read_chunk()
            if discard_bytes > 0:
                discard_bytes -= len(chunk)
                if discard_bytes <= 0 and on_ready is not None:
                    on_ready()
                continue
            events = endpointer.feed(chunk)
            voiced = endpointer.silence_ms < len(chunk) / _BYTES_PER_MS  # a speech frame in this chunk
            if stream is None:
                history.append(chunk)
                history_bytes += len(chunk)
                while history_bytes - len(history[0]) >= self._history_ms * _BYTES_PER_MS:
                    history_bytes -= len(history.popleft())
            else:
                chunks.append(chunk)
                found = stream.accept(chunk)
                if found is not None:
                    partial = found.text
            for event in events:
                if isinstance(event, SpeechStarted) and stream is None:
                    stream = self.recogniser.stream()
                    chunks = list(history)
                    for old in chunks:
                        found = stream.accept(old)
                        if found is not None:
                            partial = found.text
                elif isinstance(event, Utterance) and stream is not None:
                    if guess is not None and not voiced:  # silent since the words were transcribed at the short pause
                        early = speculation is not None
                        decided = guessed_at if early else time.perf_counter()
                        return self._heard(guess, chunks, early=early, decided_at_s=decided, asr_ms=guess_ms if early else 0.0)
                    return self._finish(stream, event.audio, capped=event.capped)
            if stream is None:
                continue
            if voiced:
                checked_pause, speculation, guess, backlog_ms = False, None, None, 0.0
                continue
            if speculation is not None:
                backlog_ms -= len(chunk) / _BYTES_PER_MS
                if backlog_ms <= 0:  # the audio queued while transcribing was silent too
                    return self._heard(speculation, chunks, early=True, decided_at_s=guessed_at, asr_ms=guess_ms)
                continue
            if checked_pause or endpointer.silence_ms < settings.quick_end_silence_ms:
                continue
            checked_pause = True
            if self._has_partials:
                if partial and self._is_complete(Transcript(partial, 1.0)):
                    endpointer.finish()
                    return self._finish(stream, PcmAudio(b"".join(chunks), RECOGNISER_RATE_HZ), capped=False, early=True)
                continue
            guessed_at = time.perf_counter()
            guess = self.recogniser.transcribe(PcmAudio(b"".join(chunks), RECOGNISER_RATE_HZ))
            guess_ms = (time.perf_counter() - guessed_at) * 1000
            if guess.text and self._is_complete(guess):
                # Answer with it unless the audio that queued up while transcribing holds speech.
                speculation, backlog_ms = guess, guess_ms
                _log.debug("complete after a short pause (%.0f ms to transcribe)", guess_ms)
                if backlog_ms < _FRAME_MS:
                    return self._heard(guess, chunks, early=True, decided_at_s=guessed_at, asr_ms=guess_ms)

    def _finish(self, stream: RecognitionStream, audio: PcmAudio, capped: bool, early: bool = False) -> Heard:
        decided = time.perf_counter()
        if self._has_partials:
            transcript = stream.finish()
        else:
            transcript = self.recogniser.transcribe(audio)
        asr_ms = (time.perf_counter() - decided) * 1000
        return Heard(transcript, audio.duration_s, early, capped, decided, asr_ms)

    def _heard(
        self, transcript: Transcript, chunks: list[bytes], early: bool, decided_at_s: float, asr_ms: float
    ) -> Heard:
        seconds = sum(len(chunk) for chunk in chunks) / (_BYTES_PER_MS * 1000)
        return Heard(transcript, seconds, early, False, decided_at_s, asr_ms)
