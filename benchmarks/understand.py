"""Benchmark: time to understand one input, and accuracy figures, over the dev set (run by hand).

    .venv/bin/python benchmarks/understand.py [--dev-set PATH] [--errors]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from voice_assistant.app.assistant import Assistant  # noqa: E402
from voice_assistant.core.loader import load_content  # noqa: E402
from voice_assistant.app.evaluation import score_dev_set  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dev-set", type=Path, default=ROOT.parent / "shared" / "dev-set" / "utterances.jsonl")
    parser.add_argument("--errors", action="store_true", help="list the misclassified lines")
    args = parser.parse_args()
    lines = [json.loads(line) for line in args.dev_set.read_text(encoding="utf-8").splitlines() if line.strip()]
    started = time.perf_counter()
    assistant = Assistant(load_content(), region="US")
    print(f"start-up (load prompts/ and build matcher): {(time.perf_counter() - started) * 1000:.1f} ms")
    times: list[float] = []
    for _ in range(5):
        for line in lines:
            session = assistant.new_session()
            t0 = time.perf_counter()
            assistant.understand(line["text"])
            times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    print(f"understand one input: median {statistics.median(times):.3f} ms, p95 {times[int(len(times) * 0.95)]:.3f} ms "
          f"over {len(times)} runs (goal: median under 2 ms)")
    report = score_dev_set(assistant, lines)
    for name, value in report.figures.items():
        print(f"{name}: {value}")
    if args.errors:
        for error in report.errors:
            print("  ", error)
    return 0


if __name__ == "__main__":
    sys.exit(main())
