"""Speaking replies: sentence order, pipelining, settings between sentences, stop(), and the output check.

The pipeline is tested with hand-written fake players (and a slow fake speaker for timing); real
synthesis comes from pyttsx3 + espeak-ng. Playback on a real device is in test_devices.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from audio_fixtures import pyttsx3_speaker  # noqa: F401  (fixture)

from voice_assistant.audio.pcm import PcmAudio
from voice_assistant.core.dialogue import SpeakingSettings
from voice_assistant.tts.output import SpeechOutput, speak_text
from voice_assistant.tts.synthesis import Pyttsx3Speaker, find_synthesis_problem

LONG_REPLY = (
    "About recovery: Recovery takes time. Follow the plan from your care team. "
    "Go to your follow up visits. Tell your team about any new pain. Rest when you need to."
)


class RecordingPlayer:
    """AudioPlayer that plays nothing: it keeps each clip and can pretend each takes play_s seconds."""

    def __init__(self, play_s: float = 0.0, on_play: Callable[[int], None] | None = None) -> None:
        self.clips: list[PcmAudio] = []
        self.started_at: list[float] = []
        self.play_s = play_s
        self.on_play = on_play
        self.stops = 0

    def play(
        self,
        audio: PcmAudio,
        *,
        cancel: threading.Event | None = None,
        on_start: Callable[[], None] | None = None,
    ) -> bool:
        self.clips.append(audio)
        self.started_at.append(time.perf_counter())
        if on_start is not None:
            on_start()
        if self.on_play is not None:
            self.on_play(len(self.clips))
        cancel = cancel or threading.Event()
        return not cancel.wait(self.play_s) if self.play_s else not cancel.is_set()

    def stop(self) -> None:
        self.stops += 1


class SlowSpeaker:
    """Speaker that takes synth_s seconds per sentence and returns a clip whose length encodes the call."""

    def __init__(self, synth_s: float) -> None:
        self.synth_s = synth_s
        self.calls: list[tuple[str, int, float]] = []

    def synthesise(self, text: str, rate_wpm: int, volume: float) -> PcmAudio:
        self.calls.append((text, rate_wpm, volume))
        time.sleep(self.synth_s)
        return PcmAudio(b"\x01\x00" * len(text), 16_000)


@pytest.mark.speech
def test_sentences_play_in_order(pyttsx3_speaker: Pyttsx3Speaker) -> None:
    player = RecordingPlayer()
    result = speak_text(LONG_REPLY, pyttsx3_speaker, player)
    assert result.completed and result.sentences_played == result.sentences_total == 5
    alone = [pyttsx3_speaker.synthesise(sentence, 175, 1.0).duration_s for sentence in LONG_REPLY.split(". ")]
    assert [clip.duration_s for clip in player.clips] == pytest.approx(alone, abs=0.05)


def test_next_sentence_is_synthesised_while_one_plays() -> None:
    speaker = SlowSpeaker(synth_s=0.15)
    player = RecordingPlayer(play_s=0.15)
    started = time.perf_counter()
    result = speak_text("One. Two. Three. Four.", speaker, player)
    elapsed_s = time.perf_counter() - started
    assert result.completed
    # One after the other this takes 4 * (0.15 + 0.15) = 1.2 s; overlapped, about 0.75 s.
    assert elapsed_s < 1.0
    assert result.first_sample_ms is not None and result.first_sample_ms < 300


def test_settings_change_is_heard_from_the_next_sentence() -> None:
    speaker = SlowSpeaker(synth_s=0.0)
    settings = [SpeakingSettings(175, 1.0)]

    def slow_down_after_first(played: int) -> None:
        if played == 1:
            settings[0] = SpeakingSettings(120, 0.5)

    output = SpeechOutput(speaker, RecordingPlayer(on_play=slow_down_after_first), lambda: settings[0])
    with output:
        assert output.speak("One. Two. Three.").completed
    spoken = {}
    for text, rate_wpm, volume in speaker.calls:
        spoken[text] = (rate_wpm, volume)  # the last synthesis of each sentence is what played
    assert spoken == {"One.": (175, 1.0), "Two.": (120, 0.5), "Three.": (120, 0.5)}


def test_a_prepared_first_sentence_plays_without_synthesising_again() -> None:
    speaker = SlowSpeaker(synth_s=0.3)
    player = RecordingPlayer()
    settings = SpeakingSettings(175, 1.0)
    with SpeechOutput(speaker, player, lambda: settings) as output:
        output.prepare("One. Two.", settings)
        time.sleep(0.4)  # the pause the reply was prepared in
        result = output.speak("One. Two.")
        assert result.completed and result.synthesis_ms is not None and result.synthesis_ms < 150
        assert [text for text, _rate, _volume in speaker.calls] == ["One.", "Two."]
        # Another text, or the same one at other settings, is synthesised anew: the prepared audio is dropped.
        output.prepare("Three.", settings)
        assert output.speak("Four.").completed
        output.prepare("Five.", SpeakingSettings(120, 1.0))
        assert output.speak("Five.").completed
        assert [text for text, _rate, _volume in speaker.calls][2:] == ["Three.", "Four.", "Five.", "Five."]
        assert speaker.calls[-1][1] == 175 and [clip.duration_s for clip in player.clips][-1] == pytest.approx(len("Five.") / 16_000)


def test_stop_ends_speech_mid_sentence_and_skips_the_rest() -> None:
    player = RecordingPlayer(play_s=5.0)
    output = SpeechOutput(SlowSpeaker(0.0), player)
    results = []
    speaking = threading.Thread(target=lambda: results.append(output.speak("One. Two. Three.")))
    speaking.start()
    time.sleep(0.2)
    stopped_at = time.perf_counter()
    output.stop()
    speaking.join(timeout=2)
    assert time.perf_counter() - stopped_at < 0.2
    assert results and not results[0].completed
    assert results[0].sentences_played == 1 and len(player.clips) == 1
    # The output is usable again after a stop.
    player.play_s = 0.0
    assert output.speak("Four.").completed
    output.close()


def test_empty_text_plays_nothing() -> None:
    player = RecordingPlayer()
    result = speak_text("  ", SlowSpeaker(0.0), player)
    assert result.completed and result.sentences_total == 0 and result.first_sample_ms is None
    assert player.clips == []


# --- check_speech_output ---------------------------------------------------------------------------


NO_DEVICE_LINE = (
    "speech output unavailable: no output device found; "
    "connect one, or start PulseAudio (apt-get install pulseaudio libasound2-plugins)"
)


def test_no_output_device_is_one_clear_line(tmp_path: Path) -> None:
    """check_speech_output in a process that cannot reach any PulseAudio gives one line when no device is left."""
    code = (
        "from voice_assistant.audio.devices import list_devices\n"
        "from voice_assistant.tts.output import check_speech_output\n"
        "print(check_speech_output(None)); print(sum(d.output_channels > 0 for d in list_devices()))\n"
    )
    env = dict(os.environ, PULSE_SERVER=f"unix:{tmp_path}/no-such-socket")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    line, outputs = done.stdout.strip().splitlines()
    # A missing espeak-ng is reported first; a machine with its own sound card has an output device.
    expected = find_synthesis_problem() or ("None" if int(outputs) else NO_DEVICE_LINE)
    assert line == expected
