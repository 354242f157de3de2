"""Listening for one utterance: microphone chunks in, a final transcript out, ended adaptively.

A fixed silence window either cuts off tired speakers who pause mid-sentence or makes every answer slow.
So the words heard so far choose the pause that ends them (`end_tier`, see core/utterance_end.py): a whole,
confident request (SURE) ends at the short pause (quick_end_silence_ms, about 240 ms); words that are
understood but look unfinished ("does this cancer", "tell me about the") at the middle pause
(middle_end_silence_ms, about 700 ms); anything else at the long pause (the Endpointer's trailing silence,
about 1.2 s). One Endpointer per stream decides all three: it finds the start and the end, and its
silence_ms says how long the current pause is.

The words are recognised speculatively during the pause, so that recognition overlaps the short pause
instead of following it: Whisper (no partial transcripts) decodes the audio so far on a background thread
as soon as a pause begins (speculate_after_ms), and a streaming engine (PocketSphinx, Vosk) whose partial
words are already a whole request finishes its stream a little later (finish_stream_after_ms; words that
look unfinished, as long before the middle pause). If speech resumes before the end is decided, that result
is discarded (a finished stream is started again on the audio so far); if not, it is the final transcript,
at the pause its tier says.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
import queue
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, Final, TypeVar

from voice_assistant.asr.recogniser import Recogniser, RecognitionStream, Transcript
from voice_assistant.audio.vad import EndpointSettings, Endpointer, SpeechStarted, Utterance
from voice_assistant.audio.pcm import RECOGNISER_RATE_HZ, PcmAudio
from voice_assistant.audio.devices import Microphone
from voice_assistant.core.dialogue import Understanding
from voice_assistant.core.utterance_end import EndTier


_T = TypeVar("_T")

__all__ = ["ListenSettings", "Heard", "ListenFigures", "UtteranceListener"]

_log = logging.getLogger(__name__)

_BYTES_PER_MS: Final = RECOGNISER_RATE_HZ * 2 // 1000
_FRAME_MS: Final = 30


@dataclass(frozen=True)
class ListenSettings:
    """When an utterance starts and ends: the detector's settings plus the listener's short and middle pauses."""

    endpoint: EndpointSettings = EndpointSettings(trailing_silence_ms=1200)
    """The voice activity detector's settings; its trailing_silence_ms is the long pause that ends any
    utterance (pauses shorter than it stay inside), min_speech_ms the speech needed before one starts,
    max_utterance_s the cap, so a radio or a conversation nearby cannot keep it listening."""
    quick_end_silence_ms: int = 240
    """Pause in ms after which a whole, confident request (EndTier.SURE) is answered."""
    middle_end_silence_ms: int = 700
    """Pause in ms after which understood words that look unfinished (EndTier.MAYBE) are answered (between
    quick_end_silence_ms and the long pause)."""
    speculate_after_ms: int = 90
    """Pause in ms after which Whisper decodes the words so far, ahead of the decision (at most
    quick_end_silence_ms; the result is dropped if speech resumes)."""
    finish_stream_after_ms: int = 150
    """Pause in ms after which a streaming engine whose words so far are a whole request finishes its
    stream (PocketSphinx's final decode takes about 80 ms); later than Whisper's start, because a finished
    stream is decoded again from the start when speech resumes. Words that look unfinished are finished as
    long before the middle pause as this is before the short one."""
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
    """True when the short or the middle pause ended it (the words were understood before the long pause)."""
    capped: bool
    """True when max_utterance_s cut it off."""
    decided_at_s: float
    """time.perf_counter() when the end of the utterance was decided."""
    asr_ms: float
    """Milliseconds from that decision to the final transcript (0 when it was ready before)."""
    understanding: Understanding | None = None
    """What the assistant understood of the transcript, once the listening path has worked it out."""
    audio: PcmAudio | None = None
    """The utterance's samples, in memory only, for the command recogniser (the listening path drops them)."""
    command: Transcript | None = None
    """What the command recogniser heard in the same audio, when it was worth asking (else None)."""
    tier: EndTier = EndTier.NO
    """The end tier of the words that ended it: SURE (the short pause), MAYBE (the middle pause), NO (the long
    pause or the cap)."""


class _DaemonWorker:
    """One background thread that runs submitted calls in order; a daemon, so exiting never waits for it.

    (A ThreadPoolExecutor's worker is joined at exit, with every queued call run first: after Ctrl-C the voice
    loop waited for guesses made while the person spoke.)
    """

    def __init__(self, name: str) -> None:
        self._queue: queue.SimpleQueue[tuple[Future[Any], Callable[..., Any], tuple[Any, ...]]] = queue.SimpleQueue()
        threading.Thread(target=self._run, name=name, daemon=True).start()

    def submit(self, fn: Callable[..., _T], *args: Any) -> Future[_T]:
        """Run fn(*args) on the thread after the calls before it; its Future."""
        future: Future[_T] = Future()
        self._queue.put((future, fn, args))
        return future

    def cancel_queued(self) -> None:
        """Cancel every call that has not started."""
        while True:
            try:
                future, _fn, _args = self._queue.get_nowait()
            except queue.Empty:
                return
            future.cancel()

    def _run(self) -> None:
        while True:
            future, fn, args = self._queue.get()
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn(*args))
            except BaseException as err:  # handed to whoever waits on the future
                future.set_exception(err)


@dataclass(frozen=True)
class ListenFigures:
    """How the speculative recognition of the last listen() went."""

    speculations: int
    """Recognitions started at a pause."""
    discarded: int
    """Of those, the ones dropped because speech resumed."""
    used: bool
    """True when the final transcript was a speculative one."""


@dataclass(frozen=True)
class _Guess:
    transcript: Transcript
    tier: EndTier
    ready_at_s: float


class UtteranceListener:
    """Listens on an open microphone until one utterance has ended, and recognises it."""

    def __init__(
        self,
        recogniser: Recogniser,
        end_tier: Callable[[Transcript], EndTier],
        settings: ListenSettings = ListenSettings(),
    ) -> None:
        """Recognise with recogniser; end_tier(words so far) says which pause may end the utterance."""
        self.recogniser = recogniser
        self.settings = settings
        self._end_tier = end_tier
        self._has_partials = recogniser.has_partials
        endpoint = settings.endpoint
        # Chunks kept from before the start is detected: the pre-speech audio plus the speech that confirmed it.
        self._history_ms = endpoint.pre_speech_ms + endpoint.min_speech_ms + 300
        # One decode at a time, off the listening thread, so the microphone is read while Whisper works.
        self._decoder = _DaemonWorker("speculative-asr")
        self.figures = ListenFigures(0, 0, False)
        """How speculation went in the last listen()."""
        self._announced = ""  # the last text handed to on_complete_guess (or judged for it) in this listen()
        self.on_complete_guess: Callable[[Transcript], None] | None = None
        """Called with a guess made in a pause that is understood (SURE or MAYBE), as soon as it is ready (on the
        listening or the decoding thread; it must return at once), so the reply can be prepared while the
        pause goes on. The utterance may still go on: nothing may be said or kept until listen() returns."""

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
        speculate_ms = min(
            settings.finish_stream_after_ms if self._has_partials else settings.speculate_after_ms,
            settings.quick_end_silence_ms,
        )
        # Words that look unfinished finish the stream as long before the middle pause as whole ones do before the short.
        finish_maybe_ms = max(speculate_ms, settings.middle_end_silence_ms - (settings.quick_end_silence_ms - speculate_ms))
        endpointer = Endpointer(settings.endpoint)  # the one voice activity detector on this stream
        history: deque[bytes] = deque()
        history_bytes = 0
        discard_bytes = settings.echo_tail_ms * _BYTES_PER_MS
        if discard_bytes <= 0 and on_ready is not None:
            on_ready()
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        stream: RecognitionStream | None = None
        finished = False  # the stream was finished by a speculation
        chunks: list[bytes] = []
        partial = checked_partial = ""
        partial_tier = EndTier.NO  # the tier of checked_partial
        speculation: Future[_Guess] | None = None
        decided = False  # the short pause was reached and the guess judged in this pause
        end_ms = 0  # the pause that ends the judged guess (0: only the long one)
        decided_at = 0.0
        backlog_ms = 0.0
        started = discarded = 0
        self.figures = ListenFigures(0, 0, False)
        self._announced = ""
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
                if voiced and finished:  # speech resumed after a speculation finished the stream: start again
                    stream, partial = self._restart(chunks[:-1])
                    finished = False
                if not finished:
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
                    if speculation is not None and not voiced:  # silent since the speculation started
                        now = time.perf_counter()
                        guess = speculation.result()
                        self.figures = ListenFigures(started, discarded, True)
                        return self._heard(guess.transcript, chunks, early=False, decided_at_s=now,
                                           asr_ms=max(0.0, guess.ready_at_s - now) * 1000, tier=EndTier.NO)
                    self.figures = ListenFigures(started, discarded, False)
                    return self._finish(stream, finished, event.audio, capped=event.capped)
            if stream is None:
                continue
            if voiced:
                if speculation is not None:
                    speculation.cancel()  # only stops it if it has not started; a running decode is ignored
                    speculation = None
                    discarded += 1
                decided, end_ms, backlog_ms, checked_partial, partial_tier = False, 0, 0.0, "", EndTier.NO
                continue
            silence_ms = endpointer.silence_ms
            if self._has_partials and partial and not finished and silence_ms >= settings.speculate_after_ms:
                # The partial words at the pause's start: a reply to them can be prepared long before the
                # stream is finished (which blocks this thread for about 80 ms at finish_stream_after_ms).
                self._announce(Transcript(partial, 1.0), judge=True)
            if speculation is None and not decided and silence_ms >= speculate_ms:
                if not self._has_partials:
                    speculation = self._decoder.submit(self._guess, PcmAudio(b"".join(chunks), RECOGNISER_RATE_HZ))
                    started += 1
                elif partial and partial != checked_partial:
                    checked_partial = partial
                    partial_tier = self._end_tier(Transcript(partial, 1.0))
            if speculation is None and partial_tier is not EndTier.NO and not finished:
                if silence_ms >= (speculate_ms if partial_tier is EndTier.SURE else finish_maybe_ms):
                    # The words so far may end the utterance: finish the stream now (about 80 ms for
                    # PocketSphinx) rather than at the pause that ends them.
                    final = stream.finish()
                    # The final words are judged as the partial ones were (a streaming engine's words count as sure).
                    tier = partial_tier if not final.text or final.text == partial else self._end_tier(Transcript(final.text, 1.0))
                    speculation = _done(_Guess(final, tier, time.perf_counter()))
                    finished = True
                    started += 1
                    if tier is not EndTier.NO:
                        self._announce(final)
            if decided and speculation is not None:
                if backlog_ms > 0:
                    backlog_ms -= len(chunk) / _BYTES_PER_MS
                    if backlog_ms <= 0:  # the audio queued while waiting for the transcript was silent too
                        return self._early(speculation, chunks, started, discarded, decided_at)
                elif end_ms and silence_ms >= end_ms:  # the middle pause ends words that look unfinished
                    return self._early(speculation, chunks, started, discarded, time.perf_counter())
                continue
            if speculation is None or silence_ms < settings.quick_end_silence_ms:
                continue  # (a streaming engine's unfinished-looking words are finished nearer the middle pause)
            decided, decided_at = True, time.perf_counter()
            waited_at = time.perf_counter()
            guess = speculation.result()  # usually ready: it started at the beginning of the pause
            if guess.tier is EndTier.MAYBE:
                end_ms = settings.middle_end_silence_ms
            if guess.tier is not EndTier.SURE:
                continue  # kept for the middle or the long pause
            backlog_ms = (time.perf_counter() - waited_at) * 1000
            if backlog_ms < _FRAME_MS:
                return self._early(speculation, chunks, started, discarded, decided_at)
            # Answer with it unless the audio that queued up while waiting holds speech.
            _log.debug("complete after a short pause; %.0f ms of audio queued while recognising", backlog_ms)

    def _guess(self, audio: PcmAudio) -> _Guess:
        """Recognise the audio so far and judge it (on the decoding thread)."""
        transcript = self.recogniser.transcribe(audio)
        tier = self._end_tier(transcript) if transcript.text else EndTier.NO
        guess = _Guess(transcript, tier, time.perf_counter())
        if tier is not EndTier.NO:
            self._announce(transcript)
        return guess

    def _announce(self, transcript: Transcript, judge: bool = False) -> None:
        """Hand an understood guess to on_complete_guess (judge: after checking its tier) once per text; its
        faults never disturb listening."""
        if self.on_complete_guess is None or not transcript.text.strip() or transcript.text == self._announced:
            return
        self._announced = transcript.text
        if judge and self._end_tier(transcript) is EndTier.NO:
            return
        try:
            self.on_complete_guess(transcript)
        except Exception:  # preparing a reply early is an optimisation only
            _log.exception("preparing a reply during the pause failed")

    def _restart(self, chunks: list[bytes]) -> tuple[RecognitionStream, str]:
        """A new stream fed the audio so far, and its words (speech resumed after a speculation finished the last one)."""
        stream = self.recogniser.stream()
        partial = ""
        for old in chunks:
            found = stream.accept(old)
            if found is not None:
                partial = found.text
        return stream, partial

    def _early(self, speculation: Future[_Guess], chunks: list[bytes], started: int, discarded: int, decided_at: float) -> Heard:
        guess = speculation.result()
        self.figures = ListenFigures(started, discarded, True)
        return self._heard(guess.transcript, chunks, early=True, decided_at_s=decided_at,
                           asr_ms=max(0.0, guess.ready_at_s - decided_at) * 1000, tier=guess.tier)

    def close(self) -> None:
        """Drop recognitions queued for the background decoder (the one running, if any, ends on its own)."""
        self._decoder.cancel_queued()

    def _finish(self, stream: RecognitionStream, finished: bool, audio: PcmAudio, capped: bool) -> Heard:
        decided = time.perf_counter()
        if self._has_partials and not finished:
            transcript = stream.finish()
        else:  # Whisper, after any decode still running: one decode at a time
            transcript = self._decoder.submit(self.recogniser.transcribe, audio).result()
        asr_ms = (time.perf_counter() - decided) * 1000
        return Heard(transcript, audio.duration_s, False, capped, decided, asr_ms, audio=audio)

    def _heard(
        self, transcript: Transcript, chunks: list[bytes], early: bool, decided_at_s: float, asr_ms: float, tier: EndTier
    ) -> Heard:
        audio = PcmAudio(b"".join(chunks), RECOGNISER_RATE_HZ)
        return Heard(transcript, audio.duration_s, early, False, decided_at_s, asr_ms, audio=audio, tier=tier)


def _done(guess: _Guess) -> Future[_Guess]:
    """A speculation that is already finished."""
    future: Future[_Guess] = Future()
    future.set_result(guess)
    return future
