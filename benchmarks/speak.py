"""Benchmark speech out: time from reply text to first sample at the device, and synthesis speed.

Run by hand:  .venv/bin/python benchmarks/speak.py [--device NAME] [--rate WPM] [--repeat N]

The replies are the topics' spoken answers from prompts/topics.toml ("About <title>: <answer>").
Without --device, the benchmark starts its own PulseAudio daemon with a null sink (tests/pulse.py)
and plays to it, so it runs on a machine without a sound card. Goal: median first sample < 150 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from voice_assistant.audio.pcm import PcmAudio  # noqa: E402
from voice_assistant.audio.devices import SoundDevicePlayer, rescan_devices  # noqa: E402
from voice_assistant.core.dialogue import SpeakingSettings  # noqa: E402
from voice_assistant.tts.output import SpeechOutput  # noqa: E402
from voice_assistant.tts.synthesis import DEFAULT_RATE_WPM, Pyttsx3Speaker, split_sentences  # noqa: E402


def load_replies(prompts_dir: Path) -> list[str]:
    """Every topic's first spoken reply."""
    with (prompts_dir / "topics.toml").open("rb") as file:
        topics = tomllib.load(file)["topic"]
    return [f"About {topic['title']}: {topic['answer']}" for topic in topics]


class _StartSignal:
    """Wraps a player so the benchmark knows when the first sample went to the device."""

    def __init__(self, player: SoundDevicePlayer) -> None:
        self.player = player
        self.started = threading.Event()

    def play(
        self,
        audio: PcmAudio,
        *,
        cancel: threading.Event | None = None,
        on_start: Callable[[], None] | None = None,
    ) -> bool:
        def started() -> None:
            if on_start is not None:
                on_start()
            self.started.set()

        return self.player.play(audio, cancel=cancel, on_start=started)

    def stop(self) -> None:
        self.player.stop()


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> int:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", help="output device number or name (default: a private null sink)")
    parser.add_argument("--rate", type=int, default=DEFAULT_RATE_WPM, help="speaking rate, words per minute")
    parser.add_argument("--repeat", type=int, default=3, help="times to speak each reply")
    parser.add_argument("--reply", action="append", help="measure this reply text instead of the topics' answers (repeatable)")
    args = parser.parse_args()

    server = None
    device = args.device
    if device is None:
        from pulse import start_pulse_server

        server = start_pulse_server()
        os.environ["PULSE_SERVER"] = server.server
        rescan_devices()
        device = "pulse"
    try:
        replies = args.reply or load_replies(ROOT / "prompts")
        started_s = time.perf_counter()
        speaker = Pyttsx3Speaker()
        speaker.start()
        startup_s = time.perf_counter() - started_s
        player = _StartSignal(SoundDevicePlayer(device))
        settings = SpeakingSettings(args.rate, 1.0)
        latencies_ms: list[float] = []
        with SpeechOutput(speaker, player, lambda: settings) as output:
            for _ in range(args.repeat):
                for reply in replies:
                    player.started.clear()
                    results = []
                    speaking = threading.Thread(target=lambda text=reply: results.append(output.speak(text)))
                    speaking.start()
                    player.started.wait(5)
                    output.stop()
                    speaking.join(5)
                    if results and results[0].first_sample_ms is not None:
                        latencies_ms.append(results[0].first_sample_ms)

        synthesis_s = audio_s = 0.0
        first_sentence_ms = []
        for reply in replies:
            for index, sentence in enumerate(split_sentences(reply)):
                begun = time.perf_counter()
                audio = speaker.synthesise(sentence, args.rate, 1.0)
                elapsed = time.perf_counter() - begun
                if index == 0:
                    first_sentence_ms.append(elapsed * 1000)
                synthesis_s += elapsed
                audio_s += audio.duration_s
        speaker.close()
    finally:
        if server is not None:
            server.stop()

    print(f"speech out on {device!r}, {len(replies)} replies x {args.repeat}, {args.rate} words per minute")
    print(f"  speaker start-up (worker process, once): {startup_s * 1000:.0f} ms")
    print(
        f"  reply text -> first sample at the device: median {statistics.median(latencies_ms):.1f} ms, "
        f"90th percentile {_percentile(latencies_ms, 0.9):.1f} ms, max {max(latencies_ms):.1f} ms "
        f"(goal < 150 ms; {len(latencies_ms)} measured)"
    )
    print(f"  first sentence synthesis: median {statistics.median(first_sentence_ms):.1f} ms")
    print(
        f"  synthesis real-time factor: {synthesis_s / audio_s:.4f} "
        f"({synthesis_s:.2f} s to synthesise {audio_s:.1f} s of speech, {audio_s / synthesis_s:.0f}x real time)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
