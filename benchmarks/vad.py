"""Compare today's voice-activity detector (WebRTC, audio/vad.py) with Silero VAD (audio/silero_vad.py).

Run by hand:  .venv/bin/python benchmarks/vad.py [--sets noisy,room] [--limit N]

Each dev-set clip is put between 1.5 s of noise before and 2.5 s after it (pink noise at the clip's own noise
floor, so the noise goes on as in a room), and fed in 100 ms chunks to the same endpointer (audio/vad.py's
Endpointer, default settings) with either detector. Where the speech really is comes from the clean version
of the clip (espeak clean for espeak noisy, kokoro clean for kokoro room). Counted per clip:
- cut-off speech: the speech is split into several utterances, or its utterance starts more than 0.2 s late
  or ends more than 0.3 s before the speech does;
- missed end: no utterance ends within trailing silence + 1 s after the speech (the noise kept it open);
- false start: an utterance starts in the noise before the speech, or lies wholly in the noise after it;
and the median time from the end of speech to the end of the utterance being reported.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SETS = {"noisy": ("audio/noisy", "audio"), "room": ("audio/kokoro/room", "audio/kokoro")}
LEAD_S, TAIL_S, CHUNK = 1.5, 2.5, 3200
RATE = 16000


def _default_dev_set() -> Path:
    for candidate in (ROOT.parent / "shared" / "dev-set", Path("/work/shared/dev-set")):
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared" / "dev-set"


def _frames_rms(samples: np.ndarray, size: int = 512) -> np.ndarray:
    usable = len(samples) - len(samples) % size
    return np.sqrt(np.mean(samples[:usable].reshape(-1, size).astype(np.float64) ** 2, axis=1))


def speech_bounds(clean: np.ndarray) -> tuple[float, float]:
    """First and last 32 ms frame of the clean clip louder than 5 % of its loudest frame, in seconds."""
    rms = _frames_rms(clean)
    loud = np.nonzero(rms > 0.05 * rms.max())[0]
    return float(loud[0] * 512 / RATE), float((loud[-1] + 1) * 512 / RATE)


def pink_noise(count: int, rms: float, seed: int) -> np.ndarray:
    """Pink noise (1/f power) of the given RMS, made with numpy's FFT."""
    rng = np.random.default_rng(seed)
    spectrum = np.fft.rfft(rng.standard_normal(count))
    spectrum[1:] /= np.sqrt(np.arange(1, len(spectrum)))
    noise = np.fft.irfft(spectrum, count)
    return noise * (rms / max(1e-9, float(np.sqrt(np.mean(noise**2)))))


def endpointer_factory(kind: str) -> Callable[[], Any]:
    """A function making an Endpointer with today's detector ('webrtc') or Silero ('silero')."""
    from voice_assistant.audio import vad as vad_module
    from voice_assistant.audio.silero_vad import SileroVad

    if kind == "webrtc":
        return lambda: vad_module.Endpointer()

    def make() -> Any:
        # Benchmark only: audio/vad.py builds its detector itself (a hook for another detector is asked
        # for in the report), so swap its factory while one Endpointer is built.
        original = vad_module._make_vad
        vad_module._make_vad = lambda mode: SileroVad()
        try:
            return vad_module.Endpointer()
        finally:
            vad_module._make_vad = original

    return make


def run(kind: str, name: str, lines: list[dict[str, Any]], dev_set: Path) -> dict[str, Any]:
    """Figures for one detector on one audio set."""
    from voice_assistant.audio.pcm import read_wav
    from voice_assistant.audio.vad import EndpointSettings, SpeechStarted, Utterance

    make = endpointer_factory(kind)
    trailing_s = EndpointSettings().trailing_silence_ms / 1000
    cut = missed = false = 0
    delays: list[float] = []
    busy = 0.0
    total_s = 0.0
    for number, line in enumerate(lines):
        noisy = read_wav(dev_set / SETS[name][0] / f"{line['id']}.wav").to_array().astype(np.float64)
        clean = read_wav(dev_set / SETS[name][1] / f"{line['id']}.wav").to_array().astype(np.float64)
        start, end = speech_bounds(clean)
        floor = float(np.percentile(_frames_rms(noisy), 10))
        lead = pink_noise(int(LEAD_S * RATE), floor, number)
        tail = pink_noise(int(TAIL_S * RATE), floor, number + 10_000)
        stream = np.clip(np.concatenate([lead, noisy, tail]), -32768, 32767).astype("<i2").tobytes()
        start, end = start + LEAD_S, end + LEAD_S
        endpointer = make()
        utterances: list[tuple[float, float, float]] = []  # (start, end, reported at)
        t0 = time.perf_counter()
        for offset in range(0, len(stream), CHUNK):
            for event in endpointer.feed(stream[offset : offset + CHUNK]):
                if isinstance(event, Utterance):
                    utterances.append((event.start_s, event.end_s, (offset + CHUNK) / 2 / RATE))
        last = endpointer.finish()
        busy += time.perf_counter() - t0
        total_s += len(stream) / 2 / RATE
        if last is not None:
            utterances.append((last.start_s, last.end_s, float("inf")))
        overlapping = [u for u in utterances if u[0] < end and u[1] > start]
        false += any(u[1] <= start or u[0] >= end + 0.3 for u in utterances) or any(
            u[0] < start - 0.3 for u in overlapping
        )
        if len(overlapping) != 1 or overlapping[0][0] > start + 0.2 or overlapping[0][1] < end - 0.3:
            cut += 1
        ended = [u for u in overlapping if u[2] <= end + trailing_s + 1.0]
        if not ended:
            missed += 1
        else:
            delays.append(ended[-1][2] - end)
    count = len(lines)
    return {
        "clips": count,
        "cut-off speech": round(cut / count, 3),
        "missed ends": round(missed / count, 3),
        "false starts": round(false / count, 3),
        "end of speech → utterance reported, median ms": round(1000 * statistics.median(delays), 0) if delays else None,
        "CPU ms per second of audio": round(1000 * busy / total_s, 2),
    }


def main() -> int:
    """Run both detectors on each set and print a table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sets", default="noisy,room")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--dev-set", type=Path, default=_default_dev_set())
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "vad.json")
    args = parser.parse_args()
    text = (args.dev_set / "utterances.jsonl").read_text(encoding="utf-8")
    lines = [json.loads(line) for line in text.splitlines() if line.strip()][: args.limit]
    results = {}
    print("| detector | set | clips | cut-off speech | missed ends | false starts | EOS→reported median ms | CPU ms/s |")
    print("|---|---|---|---|---|---|---|---|")
    for name in args.sets.split(","):
        for kind in ("webrtc", "silero"):
            figures = run(kind, name, lines, args.dev_set)
            results[f"{kind}/{name}"] = figures
            values = list(figures.values())
            print(f"| {kind} | {name} | " + " | ".join(str(v) for v in values) + " |", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
