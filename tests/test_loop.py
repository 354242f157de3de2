"""The voice loop's logic: adaptive end of utterance, noise, the cap, faults, the idle hint, red flags in full.

The microphone is a small class that replays espeak-ng speech in real time (then silence). Recognition is a
real PocketSphinx restricted to the phrases under test (make_recogniser's vocabulary), so the loop's
mechanics do not hinge on one exact free-speech recognition: Whisper tiny.en hears some of these clips
differently on another CPU, while the restricted recogniser gives the tested topic and red flag for every
espeak-ng voice and rate tried (en-us, en-gb, en-gb-x-rp, en-gb-scotland, en-029, en-us+m3, en-us+f2 at
110, 140 and 175 wpm: 21 of 21 for the massage questions, 20 of 21 for the emergency report and for
goodbye, with every miss on another voice than the one used here). Synthesis and playback are not under
test here, so the speaker makes silence and the player only notes what it was given (the real devices
are in test_loop_e2e.py).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import numpy as np
import pytest
from speech_fixtures import require_module, speech_wav  # noqa: F401  (fixtures)

from voice_assistant.asr.recogniser import RecognitionStream, Transcript
from voice_assistant.asr.factory import make_recogniser
from voice_assistant.app.assistant import Assistant
from voice_assistant.audio.pcm import RECOGNISER_RATE_HZ, PcmAudio, concatenate, silence
from voice_assistant.core.content import Content
from voice_assistant.errors import AudioDeviceError
from voice_assistant.app.loop import EventKind, LoopEvent, OutcomeKind, VoiceLoop
from voice_assistant.app.settings import Settings
from voice_assistant.app.hearing import Hearing
from voice_assistant.core.dialogue import Understanding
from voice_assistant.core.utterance_end import EndTier, looks_unfinished, words_of
from voice_assistant.frontends.kiosk.session import Kiosk
from voice_assistant.frontends.kiosk.voice import HearingInput
from voice_assistant.tts.output import BackgroundVoice
from voice_assistant.tts.synthesis import split_sentences

pytestmark = pytest.mark.speech

CHUNK_BYTES = RECOGNISER_RATE_HZ * 2 * 30 // 1000
PHRASES = [
    "does massage help with back pain",
    "does massage help",
    "tell me about massage",
    "tell me about the symptoms",
    "my legs have gone weak and numb",
    "goodbye",
]
"""The phrases under test: the recogniser is restricted to them."""


class WavMicrophone:
    """Microphone replaying audio in real time, 30 ms a chunk, then silence; fail_after raises like an unplugged one."""

    def __init__(self, audio: PcmAudio, fail_after_s: float | None = None) -> None:
        self.data = audio.samples
        self.position = 0
        self.fail_after_bytes = None if fail_after_s is None else int(fail_after_s * RECOGNISER_RATE_HZ) * 2
        self.next_at = 0.0

    def __enter__(self) -> WavMicrophone:
        self.next_at = time.monotonic()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        pass

    def read_chunk(self) -> bytes:
        if self.fail_after_bytes is not None and self.position >= self.fail_after_bytes:
            raise AudioDeviceError("no sound from input device [9] test for 2 s")
        self.next_at += 0.03
        time.sleep(max(0.0, self.next_at - time.monotonic()))
        chunk = self.data[self.position : self.position + CHUNK_BYTES]
        self.position += CHUNK_BYTES
        return chunk.ljust(CHUNK_BYTES, b"\x00")


class SilentSpeaker:
    """Speaker making 10 ms of silence per character (synthesis is not under test)."""

    def synthesise(self, text: str, rate_wpm: int, volume: float) -> PcmAudio:
        return silence(len(text) * 0.01, 22_050)


class NotingPlayer:
    """AudioPlayer that plays nothing and notes each clip; on_play(index) runs as each clip starts."""

    def __init__(self, on_play: Callable[[int], None] | None = None) -> None:
        self.clips: list[PcmAudio] = []
        self.on_play = on_play

    def play(
        self, audio: PcmAudio, *, cancel: threading.Event | None = None, on_start: Callable[[], None] | None = None
    ) -> bool:
        self.clips.append(audio)
        if on_start is not None:
            on_start()
        if self.on_play is not None:
            self.on_play(len(self.clips))
        return not (cancel is not None and cancel.wait(0.02))

    def stop(self) -> None:
        pass


class FailingOnceRecogniser:
    """A recogniser whose first utterance raises a bug-like error; later ones go to the real recogniser."""

    def __init__(self, real: object) -> None:
        self.real = real
        self.name = getattr(real, "name", "")
        self.has_partials = getattr(real, "has_partials", True)
        self.model_name = "test"
        self.failed = False

    def _fail_once(self) -> None:
        if not self.failed:
            self.failed = True
            raise RuntimeError("decoder exploded")

    def transcribe(self, audio: PcmAudio) -> Transcript:
        self._fail_once()
        return self.real.transcribe(audio)  # type: ignore[attr-defined,no-any-return]

    def stream(self) -> RecognitionStream:
        self._fail_once()
        return self.real.stream()  # type: ignore[attr-defined,no-any-return]


class WholeUtterances:
    """The same real recogniser used as Whisper is: no partial transcripts, whole utterances only."""

    has_partials = False

    def __init__(self, real: object) -> None:
        self.real = real
        self.name = getattr(real, "name", "")
        self.model_name = getattr(real, "model_name", "")

    def transcribe(self, audio: PcmAudio) -> Transcript:
        return self.real.transcribe(audio)  # type: ignore[attr-defined,no-any-return]

    def stream(self) -> RecognitionStream:
        return _BufferedStream(self)


class _BufferedStream:
    """A stream without partials: it keeps the audio and transcribes it whole at the end (as Whisper's does)."""

    def __init__(self, recogniser: WholeUtterances) -> None:
        self.recogniser = recogniser
        self.chunks: list[bytes] = []

    def accept(self, chunk: bytes) -> None:
        self.chunks.append(chunk)

    def finish(self) -> Transcript:
        return self.recogniser.transcribe(PcmAudio(b"".join(self.chunks), RECOGNISER_RATE_HZ))


@pytest.fixture(scope="module")
def sphinx(tmp_path_factory: pytest.TempPathFactory) -> object:
    """PocketSphinx with a language model of the phrases under test only."""
    require_module("pocketsphinx")
    return make_recogniser(engine="pocketsphinx", vocabulary=PHRASES, cache_dir=tmp_path_factory.mktemp("sphinx"))


@pytest.fixture
def recogniser(sphinx: object) -> object:
    """The restricted recogniser, streaming with partial transcripts."""
    return sphinx


@pytest.fixture(params=["partials", "whole utterances"])
def any_recogniser(request: pytest.FixtureRequest, sphinx: object) -> object:
    """The restricted recogniser both ways the listener uses engines: with partials, and without (as Whisper)."""
    return sphinx if request.param == "partials" else WholeUtterances(sphinx)


def make_loop(
    content: Content,
    recogniser: object,
    microphones: list[WavMicrophone],
    player: NotingPlayer | None = None,
    **settings: object,
) -> tuple[VoiceLoop, list[LoopEvent]]:
    assistant = Assistant(content, region="US", recogniser=recogniser)  # type: ignore[arg-type]
    opened = iter(microphones)

    def open_microphone() -> WavMicrophone:
        microphone = next(opened, None)
        if microphone is None:
            raise AudioDeviceError("no input device found")
        if microphone.fail_after_bytes == 0:
            raise AudioDeviceError("cannot record from input device [9] test: unplugged")
        return microphone

    loop = VoiceLoop(
        assistant,
        settings=Settings(**settings).validated("test"),  # type: ignore[arg-type]
        speaker=SilentSpeaker(),
        open_player=lambda: player or NotingPlayer(),
        open_microphone=open_microphone,
    )
    events: list[LoopEvent] = []
    loop.add_listener(events.append)
    return loop, events


def said(events: list[LoopEvent]) -> list[str]:
    return [event.text for event in events if event.kind is EventKind.SAID]


def spoken(speech_wav: Callable[..., PcmAudio], *parts: str | float) -> PcmAudio:
    """Speech for each text part, silence for each number (seconds), with 0.3 s of silence before."""
    pieces = [silence(0.3, RECOGNISER_RATE_HZ)]
    for part in parts:
        pieces.append(silence(part, RECOGNISER_RATE_HZ) if isinstance(part, float) else speech_wav(part))
    return concatenate(pieces, RECOGNISER_RATE_HZ)


def test_a_complete_request_is_answered_after_a_short_pause(content: Content, any_recogniser: object, speech_wav: Callable[..., PcmAudio]) -> None:
    loop, events = make_loop(content, any_recogniser, [WavMicrophone(spoken(speech_wav, "does massage help with back pain"))])
    outcome = loop.listen_and_answer(timeout_s=5)
    assert outcome.kind is OutcomeKind.ANSWERED and outcome.turn is not None
    assert outcome.turn.topic == "treatment.massage"
    assert outcome.heard is not None and outcome.heard.ended_early
    assert said(events)[0].startswith("About massage therapy")
    assert outcome.first_sample_ms is not None and outcome.first_sample_ms < 2000
    # The words were recognised as the pause began, and that guess is the transcript answered.
    assert loop.hearing is not None and loop.hearing.listener.figures.used


class NotingSpeaker(SilentSpeaker):
    """SilentSpeaker that notes each text it synthesises and when."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, float]] = []

    def synthesise(self, text: str, rate_wpm: int, volume: float) -> PcmAudio:
        self.calls.append((text, time.perf_counter()))
        return super().synthesise(text, rate_wpm, volume)


def test_the_reply_is_prepared_during_the_pause(content: Content, any_recogniser: object, speech_wav: Callable[..., PcmAudio]) -> None:
    # A long short pause (600 ms) leaves the reply, worked out from the guess at the pause's start, time to be ready.
    speaker = NotingSpeaker()
    assistant = Assistant(content, region="US", recogniser=any_recogniser)  # type: ignore[arg-type]
    microphone = WavMicrophone(spoken(speech_wav, "does massage help with back pain", 2.0))
    loop = VoiceLoop(assistant, settings=Settings(quick_end_silence_ms=600).validated("test"), speaker=speaker,
                     open_player=NotingPlayer, open_microphone=lambda: microphone)
    loop.greet()  # opens the speech output, as every conversation does
    greeting_calls = len(speaker.calls)
    outcome = loop.listen_and_answer(timeout_s=5)
    assert outcome.kind is OutcomeKind.ANSWERED and outcome.turn is not None and outcome.heard is not None
    assert outcome.turn.topic == "treatment.massage" and outcome.heard.ended_early
    first = split_sentences(outcome.turn.reply.text)[0]
    reply_calls = [at for text, at in speaker.calls[greeting_calls:] if text == first]
    # Synthesised once, before the end of the utterance was decided: the reply did not wait for it.
    assert len(reply_calls) == 1 and reply_calls[0] < outcome.heard.decided_at_s, speaker.calls
    assert loop.session.turns == 1  # preparing it left the conversation untouched


@pytest.mark.parametrize(
    ("text", "confidence", "complete"),
    [
        ("does massage help with back pain", 0.9, True),
        ("does massage help with back pain", 0.45, True),  # unsure, but a sure topic: answered whichever pause ends it
        ("does massage help with back pain", 0.2, False),  # below the noise floor
        ("does massage help", 0.45, False),  # unsure and short: maybe the start of a longer sentence
        ("goodbye", 0.45, False),  # a command too: "slow" may be the start of "slow down"
        ("goodbye", 0.9, True),
        ("tell me about the", 1.0, False),  # not understood: mid-sentence
        ("does massage help with", 1.0, False),  # understood, but it looks unfinished: the middle pause
        ("", 1.0, False),
        ("my legs have gone weak and numb", 0.9, True),  # a red flag
    ],
)
def test_a_short_pause_ends_only_a_whole_understood_request(content: Content, sphinx: object, text: str, confidence: float, complete: bool) -> None:
    hearing = Hearing(Assistant(content, region="US", recogniser=sphinx), Settings())  # type: ignore[arg-type]
    assert (hearing.end_tier(Transcript(text, confidence)) is EndTier.SURE) is complete


@pytest.mark.parametrize(
    ("text", "confidence", "tier"),
    [
        ("does massage help", 1.0, EndTier.SURE),
        ("does massage help with", 1.0, EndTier.MAYBE),
        ("tell me about the", 1.0, EndTier.NO),
        ("my legs have gone weak and", 1.0, EndTier.MAYBE),  # a red flag that looks unfinished: the middle pause
        ("my legs have gone weak and numb", 0.2, EndTier.MAYBE),  # even unsure, never the long pause
        ("goodbye", 0.45, EndTier.NO),
    ],
)
def test_hearing_gives_each_transcript_its_end_tier(content: Content, sphinx: object, text: str, confidence: float, tier: EndTier) -> None:
    hearing = Hearing(Assistant(content, region="US", recogniser=sphinx), Settings())  # type: ignore[arg-type]
    assert hearing.end_tier(Transcript(text, confidence)) is tier


@pytest.mark.parametrize("pause_s", [0.4, 0.7])
def test_a_pause_mid_sentence_is_not_cut_off(content: Content, any_recogniser: object, speech_wav: Callable[..., PcmAudio], pause_s: float) -> None:
    before, after = speech_wav("tell me about the"), speech_wav("symptoms")
    audio = spoken(speech_wav, "tell me about the", pause_s, "symptoms")
    loop, events = make_loop(content, any_recogniser, [WavMicrophone(audio)])
    outcome = loop.listen_and_answer(timeout_s=5)
    # One utterance holds both parts: the words after the pause were not cut off into another turn.
    assert outcome.heard is not None, [e.text for e in events]
    assert outcome.heard.speech_s >= before.duration_s + pause_s + after.duration_s * 0.8, outcome.heard


@pytest.mark.parametrize(("start", "end"), [("does massage help with", "back pain"), ("my legs have gone weak and", "numb")])
def test_a_pause_after_a_dangling_word_is_not_cut_off(
    content: Content, any_recogniser: object, speech_wav: Callable[..., PcmAudio], start: str, end: str
) -> None:
    # The words before the pause are understood (the second a red flag), but end on a word that needs more: a pause of
    # about 0.45 s, longer than the short pause and shorter than the middle one, does not end the utterance.
    first, rest = _trimmed(speech_wav(start)), speech_wav(end)
    gap = silence(0.4, RECOGNISER_RATE_HZ)
    audio = concatenate([silence(0.3, RECOGNISER_RATE_HZ), first, gap, rest], RECOGNISER_RATE_HZ)
    loop, events = make_loop(content, any_recogniser, [WavMicrophone(audio)])
    outcome = loop.listen_and_answer(timeout_s=6)
    assert outcome.heard is not None, [e.text for e in events]
    assert outcome.heard.speech_s >= first.duration_s + gap.duration_s + rest.duration_s * 0.8, outcome.heard
    assert outcome.turn is not None and (outcome.turn.topic == "treatment.massage" or outcome.turn.red_flag.level != "none")


def test_unfinished_words_end_at_the_middle_pause_and_a_red_flag_never_waits_the_long_one(
    content: Content, any_recogniser: object, speech_wav: Callable[..., PcmAudio]
) -> None:
    loop, events = make_loop(content, any_recogniser, [WavMicrophone(spoken(speech_wav, "my legs have gone weak and", 2.0))])
    outcome = loop.listen_and_answer(timeout_s=6)
    heard = outcome.heard
    assert heard is not None and outcome.turn is not None, [e.text for e in events]
    assert outcome.turn.red_flag.level != "none"  # answered as a red flag
    # Ended before the long pause: at the middle one when the words heard end on "and", else at the short one.
    assert heard.ended_early and heard.tier is not EndTier.NO, heard
    expected = EndTier.MAYBE if looks_unfinished(words_of(heard.transcript.text)) else EndTier.SURE
    assert heard.tier is expected, heard


def test_a_whole_short_request_still_ends_at_the_short_pause(content: Content, any_recogniser: object, speech_wav: Callable[..., PcmAudio]) -> None:
    loop, events = make_loop(content, any_recogniser, [WavMicrophone(spoken(speech_wav, "does massage help", 2.0))])
    outcome = loop.listen_and_answer(timeout_s=5)
    assert outcome.heard is not None and outcome.turn is not None, [e.text for e in events]
    assert outcome.turn.topic == "treatment.massage"
    assert outcome.heard.ended_early and outcome.heard.tier is EndTier.SURE, outcome.heard


def _trimmed(audio: PcmAudio) -> PcmAudio:
    """The audio without espeak-ng's trailing silence (about 0.4 s), keeping 50 ms after the last loud sample."""
    samples = audio.to_array()
    loud = np.nonzero(np.abs(samples) > 300)[0]
    return PcmAudio.from_array(samples[: loud[-1] + RECOGNISER_RATE_HZ // 20], RECOGNISER_RATE_HZ)


def test_a_guess_made_in_a_pause_is_dropped_when_speech_resumes(content: Content, any_recogniser: object, speech_wav: Callable[..., PcmAudio]) -> None:
    # "does massage help" is a complete request; a pause of about 0.2 s (longer than the pauses that start a
    # guess, shorter than the short one that ends a whole request) and then the rest of the sentence.
    first, rest = _trimmed(speech_wav("does massage help")), speech_wav("with back pain")
    gap = silence(0.15, RECOGNISER_RATE_HZ)
    audio = concatenate([silence(0.3, RECOGNISER_RATE_HZ), first, gap, rest], RECOGNISER_RATE_HZ)
    loop, events = make_loop(content, any_recogniser, [WavMicrophone(audio)])
    outcome = loop.listen_and_answer(timeout_s=6)
    assert outcome.heard is not None, [e.text for e in events]
    figures = loop.hearing.listener.figures if loop.hearing is not None else None
    assert figures is not None and figures.discarded >= 1, figures
    # The guess made in the pause was dropped: the utterance and its transcript go on past it.
    assert outcome.heard.speech_s >= first.duration_s + gap.duration_s + rest.duration_s * 0.8, outcome.heard
    assert figures.used and figures.speculations == figures.discarded + 1, figures
    assert outcome.turn is not None and outcome.turn.topic == "treatment.massage"


def test_silence_and_a_short_noise_burst_get_no_answer(content: Content, recogniser: object) -> None:
    rng = np.random.default_rng(1)
    burst = PcmAudio.from_array(rng.normal(0, 0.3, int(0.1 * RECOGNISER_RATE_HZ)).clip(-1, 1), RECOGNISER_RATE_HZ)
    audio = concatenate([silence(1.0, RECOGNISER_RATE_HZ), burst, silence(1.0, RECOGNISER_RATE_HZ)], RECOGNISER_RATE_HZ)
    loop, events = make_loop(content, recogniser, [WavMicrophone(audio)])
    outcome = loop.listen_and_answer(timeout_s=2.5)
    assert outcome.kind in (OutcomeKind.SILENT, OutcomeKind.IGNORED)
    assert not said(events)


def test_an_endless_utterance_is_cut_at_the_cap(content: Content, recogniser: object, speech_wav: Callable[..., PcmAudio]) -> None:
    radio = spoken(speech_wav, "the weather today is mostly sunny with a light breeze and the football results come next")
    loop, _ = make_loop(content, recogniser, [WavMicrophone(radio)], max_utterance_s=3.0)
    outcome = loop.listen_and_answer(timeout_s=5)
    assert outcome.heard is not None and outcome.heard.capped
    assert outcome.heard.speech_s <= 3.1


def test_a_failing_turn_is_apologised_for_and_the_next_turn_works(content: Content, recogniser: object, speech_wav: Callable[..., PcmAudio]) -> None:
    question = spoken(speech_wav, "tell me about massage")
    loop, events = make_loop(content, FailingOnceRecogniser(recogniser), [WavMicrophone(question), WavMicrophone(question)])
    first = loop.listen_and_answer(timeout_s=5)
    assert first.kind is OutcomeKind.FAILED and "decoder exploded" in first.detail
    assert said(events) == [content.prompts.get("error_apology")]
    second = loop.listen_and_answer(timeout_s=5)
    assert second.turn is not None and second.turn.topic == "treatment.massage"


def test_a_red_flag_reply_is_spoken_in_full_but_others_can_be_interrupted(content: Content, recogniser: object, speech_wav: Callable[..., PcmAudio]) -> None:
    loop_ref: list[VoiceLoop] = []
    player = NotingPlayer(on_play=lambda index: loop_ref[0].interrupt())
    microphones = [WavMicrophone(spoken(speech_wav, "my legs have gone weak and numb")), WavMicrophone(spoken(speech_wav, "does massage help"))]
    loop, events = make_loop(content, recogniser, microphones, player=player)
    loop_ref.append(loop)
    urgent = loop.listen_and_answer(timeout_s=5, earcon=False)
    assert urgent.turn is not None and urgent.turn.red_flag.level == "emergency"
    assert said(events)[0].startswith("Call nine one one now")
    # The player interrupted as each sentence started, yet every sentence of the red-flag reply played.
    assert urgent.speech is not None and urgent.speech.completed and urgent.speech.sentences_total >= 2
    assert urgent.speech.sentences_played == urgent.speech.sentences_total
    plain = loop.listen_and_answer(timeout_s=5, earcon=False)
    assert plain.turn is not None and plain.turn.topic == "treatment.massage"
    assert plain.speech is not None and not plain.speech.completed and plain.speech.sentences_played == 1


def test_a_lost_microphone_is_reported_retried_and_the_loop_resumes(content: Content, recogniser: object, speech_wav: Callable[..., PcmAudio]) -> None:
    microphones = [
        WavMicrophone(silence(0.1, RECOGNISER_RATE_HZ), fail_after_s=0.5),  # works, then is unplugged
        WavMicrophone(silence(0.1, RECOGNISER_RATE_HZ), fail_after_s=0.0),  # still missing
        WavMicrophone(silence(0.1, RECOGNISER_RATE_HZ)),  # back: the retry records again
        WavMicrophone(spoken(speech_wav, "goodbye")),
    ]
    loop, events = make_loop(content, recogniser, microphones)
    assert loop.run() == 0
    texts = said(events)
    assert loop.prompt("microphone_lost") in texts
    assert texts[-1] == content.prompts.get("goodbye")
    notices = [event.text for event in events if event.kind is EventKind.NOTICE]
    assert notices[0].startswith("the microphone stopped working") and "the microphone works again" in notices
    assert texts.count(loop.prompt("microphone_lost")) == 1 and loop.prompt("microphone_back") in texts


def test_after_a_long_silence_the_hint_is_said_once(content: Content, recogniser: object, speech_wav: Callable[..., PcmAudio]) -> None:
    quiet = [WavMicrophone(silence(0.1, RECOGNISER_RATE_HZ)) for _ in range(3)]
    loop, events = make_loop(content, recogniser, [*quiet, WavMicrophone(spoken(speech_wav, "goodbye"))], idle_hint_s=1.0)
    assert loop.run(reopen_every_s=0.8) == 0
    assert said(events).count(content.prompts.get("idle_hint")) == 1
    assert said(events)[0] == loop.assistant.greeting()


class RealTimePlayer:
    """AudioPlayer that takes as long as the clip lasts, unless cancelled or stopped (playback is not under test)."""

    def __init__(self) -> None:
        self._stop = threading.Event()

    def play(
        self, audio: PcmAudio, *, cancel: threading.Event | None = None, on_start: Callable[[], None] | None = None
    ) -> bool:
        self._stop.clear()
        if on_start is not None:
            on_start()
        deadline = time.monotonic() + audio.duration_s
        while time.monotonic() < deadline:
            if self._stop.is_set() or (cancel is not None and cancel.is_set()):
                return False
            time.sleep(0.01)
        return True

    def stop(self) -> None:
        self._stop.set()


@pytest.mark.speech
def test_barge_in_stop_ends_an_answer_but_not_a_red_flag_reply(speech_wav: Callable[..., PcmAudio], tmp_path: Path) -> None:
    from voice_assistant.frontends.compose import stop_spotter as _stop_spotter

    spot_stop = _stop_spotter(Settings(barge_in=True, models_dir=tmp_path), lambda text: None)
    assert spot_stop is not None
    # The person says "stop" a second into the reply, as a headset microphone would hear it.
    said_stop = spoken(speech_wav, 1.0, "stop", 1.0)
    voice = BackgroundVoice(
        SilentSpeaker(), RealTimePlayer, earcons=False, open_microphone=lambda: WavMicrophone(said_stop), spot_stop=spot_stop,
    )
    long_reply = "This is a long answer. " * 60  # about fourteen seconds of (silent) speech
    started = time.monotonic()
    result = voice.speak(long_reply, interruptible=True)
    assert result is not None and not result.completed
    assert time.monotonic() - started < 8.0
    started = time.monotonic()
    alert = voice.speak("This could be an emergency. " * 10, interruptible=False)
    assert alert is not None and alert.completed
    assert time.monotonic() - started > 2.5
    voice.close()


class CountingAssistant(Assistant):
    """The real assistant, noting every text it is asked to understand."""

    def __init__(self, content: Content, recogniser: object) -> None:
        super().__init__(content, region="US", recogniser=recogniser)  # type: ignore[arg-type]
        self.understood: list[str] = []

    def understand(self, text: str) -> Understanding:
        self.understood.append(text)
        return super().understand(text)


def test_a_spoken_turn_is_understood_once_in_the_loop(content: Content, any_recogniser: object, speech_wav: Callable[..., PcmAudio]) -> None:
    assistant = CountingAssistant(content, any_recogniser)
    loop = VoiceLoop(assistant, settings=Settings(), speaker=None, open_player=None,
                     open_microphone=lambda: WavMicrophone(spoken(speech_wav, "does massage help with back pain")))
    outcome = loop.listen_and_answer(timeout_s=5, earcon=False)
    assert outcome.turn is not None and outcome.turn.topic == "treatment.massage"
    assert assistant.understood.count(outcome.turn.transcript) == 1, assistant.understood


def test_hearing_keeps_no_audio_after_the_utterance(content: Content, any_recogniser: object, speech_wav: Callable[..., PcmAudio]) -> None:
    """The utterance's samples reach the command grammar in memory and are dropped before the turn is answered."""
    assistant = CountingAssistant(content, any_recogniser)
    heard = Hearing(assistant, Settings()).listen(WavMicrophone(spoken(speech_wav, "slower please")), timeout_s=5)
    assert heard is not None and heard.speech_s > 0.3
    assert heard.audio is None


def test_a_spoken_kiosk_turn_is_understood_once(content: Content, any_recogniser: object, speech_wav: Callable[..., PcmAudio]) -> None:
    assistant = CountingAssistant(content, any_recogniser)
    question = spoken(speech_wav, "does massage help with back pain")
    kiosk = Kiosk(assistant, earcons=False)
    kiosk.set_spoken_input(HearingInput(Hearing(assistant, Settings()), lambda: WavMicrophone(question)))
    subscription = kiosk.subscribe()
    assert kiosk.talk()
    said = None
    deadline = time.monotonic() + 15
    while said is None and time.monotonic() < deadline:
        event = subscription.get(timeout_s=0.5)
        if event is not None and event.name == "said":
            said = event.data
    assert said is not None and said["topic"] == "treatment.massage"
    heard = str(kiosk.snapshot()["heard"])
    assert assistant.understood.count(heard) == 1, assistant.understood
