"""Red flags heard on phrasings nobody here wrote: a blind set's reports and denials, spoken, through Whisper.

    .venv/bin/python benchmarks/spoken_blind.py [--set sealed3] [--conditions clean,noisy] [--limit N]
                                                [--cache /tmp/spoken_blind] [--score-only | --decode-only]

The dev-set audio (../shared/dev-set/audio) is what the speech path was developed on; this benchmark
speaks lines that it was never tuned on. Every report, family report, multi line and denial of a blind
set (tests/data/blind/<set>.jsonl) is synthesized with espeak-ng in voices and rates the dev set does not
use (Scottish, Caribbean, New York, West Midlands and Lancaster accents; 140-180 words a minute), clean
and with pink noise 15 dB below the speech, and goes through the whole audio path of the assistant
(Whisper tiny.en with N-best, the command recogniser, red flags in every hypothesis, the safety question,
and the semantic model as the app loads it; --lexical-only leaves it out).
Printed: emergency and urgent recall (a pending safety question counts as a catch), alarms on spoken
denials and on everyday reports with no red flag (a safety question there counts as an alarm), and how
many safety questions were asked.

For a sealed set only these aggregates are printed, never its lines. Transcripts are cached under --cache
(the set's lines are test data, not anyone's speech), so that --score-only can score the same recognitions
with other code (for example an older checkout: run this file with that checkout first on sys.path).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from recognise import _from_cache, _model_args, _to_cache  # noqa: E402
from vad import pink_noise  # noqa: E402

VOICES = (("en-gb-scotland", 150), ("en-029", 165), ("en-us-nyc", 180), ("en-gb-x-gbcwmd", 140), ("en-gb-x-gbclan", 170))
"""espeak-ng voices and rates not used by the dev set (which uses en-us, en-gb, en-gb-x-rp, +f3, +m3 at 130-175)."""
SEALED = {"sealed11", "sealed13", "sealed14", "sealed15", "sealed17", "sealed_rf18", "sealed19",
          "sealed24", "sealed_rf25", "sealed27", "sealed_rf28", "sealed29", "sealed30", "sealed31",
          "sealed32", "sealed_rf33", "sealed34", "sealed35", "sealed41", "sealed_rf36", "sealed37",
          "sealed_rf38", "sealed39", "sealed_rf44", "sealed45", "sealed_rf48", "sealed49", "sealed_rf54", "sealed55",
          "sealed_rf56", "sealed57", "sealed_rf62", "sealed63", "sealed_rf72", "sealed73",
          "sealed_rf80", "sealed81", "sealed86", "sealed_rf94", "sealed95",
          "sealed_rf98", "sealed99", "sealed101",
          "sealed_rf102", "sealed103", "sealed_rf104",
          "sealed_rf106", "sealed107", "sealed_rf108", "sealed109",
          "sealed_rf110", "sealed111", "sealed113",
          "sealed115", "sealed_rf116", "sealed117", "sealed_rf118", "sealed119",
          "sealed_rf120", "sealed_rf122", "sealed123",
          "sealed_rf124", "sealed125", "sealed_rf126", "sealed127", "sealed_rf128", "sealed129",
          "sealed_rf130", "sealed131", "sealed_rf132", "sealed133",
          "sealed_rf134", "sealed135", "sealed_rf136", "sealed137",
          "sealed_rf138", "sealed139", "sealed_rf140", "sealed141",
          "sealed_rf142", "sealed143", "sealed_rf144", "sealed145",
          "sealed_rf146", "sealed147", "sealed_rf148", "sealed149",
          "sealed_rf150", "sealed151", "sealed_rf152", "sealed153",
          "sealed_rf154", "sealed155", "sealed156", "sealed_rf157",
          "sealed_rf158", "sealed159", "sealed_rf160", "sealed161",
          "sealed_rf162", "sealed_rf163", "sealed_rf164", "sealed_rf165",
          "sealed_rf166", "sealed_rf167", "sealed_rf168", "sealed_rf169",
          "sealed_rf170", "sealed_rf171", "sealed_rf172", "sealed_rf173",
          "sealed_rf174", "sealed_rf175", "sealed_rf176", "sealed177",
          "sealed_rf178", "sealed_rf179", "sealed_rf180", "sealed181",
          "sealed_rf182", "sealed_rf183",
          "sealed_rf185", "sealed_rf186", "sealed187",
          "sealed_rf188", "sealed_rf189", "sealed190",
          "sealed_rf192", "sealed193", "sealed_rf194", "sealed_rf195",
          "sealed_rf196", "sealed197", "sealed_rf198", "sealed199",
          "sealed_rf200", "sealed201", "sealed_rf202", "sealed203",
          "sealed_rf204", "sealed205", "sealed_rf206", "sealed207",
          "sealed_rf208", "sealed210", "sealed_rf211", "sealed212",
          "sealed_rf213", "sealed214",
          "sealed_rf215", "sealed216",
          "sealed_rf217", "sealed218", "sealed_rf219", "sealed220",
          "sealed_rf221", "sealed222"}
KINDS = ("report", "family", "multi", "negated", "report_none")
SNR_DB = 15.0


def _speak(text: str, voice: str, rate: int) -> np.ndarray:
    """espeak-ng's rendering of text as 16 kHz mono int16 samples."""
    from voice_assistant.audio.pcm import read_wav, to_recogniser_format

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "line.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(path), text], check=True)
        audio = to_recogniser_format(read_wav(path))
    return np.frombuffer(audio.samples, dtype=np.int16).astype(np.float64)


def _with_noise(samples: np.ndarray, seed: int) -> np.ndarray:
    """Pink noise SNR_DB below the speech's RMS over its voiced part."""
    voiced = samples[np.abs(samples) > 0.05 * max(1.0, float(np.abs(samples).max()))]
    speech_rms = float(np.sqrt(np.mean(voiced**2))) if voiced.size else 1000.0
    noise = pink_noise(len(samples), speech_rms / (10 ** (SNR_DB / 20)), seed)
    return np.clip(samples + noise, -32768, 32767)


def _decode(lines: list[dict[str, Any]], conditions: list[str], cache: Path, whisper_model: Path | None) -> None:
    """Speak and recognise every line not yet in the cache."""
    from voice_assistant.asr.commands import CommandRecogniser
    from voice_assistant.asr.factory import make_recogniser
    from voice_assistant.audio.pcm import PcmAudio
    from voice_assistant.core.loader import load_content
    from voice_assistant.core.vocabulary import recognition_vocabulary

    content = load_content(ROOT / "prompts")
    todo = [(line, c) for line in lines for c in conditions if not (cache / c / f"{line['id']}.json").exists()]
    if not todo:
        return
    model = {"whisper_model": whisper_model} if whisper_model else _model_args("whisper")
    recogniser = make_recogniser(
        "whisper", models_dir=ROOT / "models", vocabulary=recognition_vocabulary(content),
        cache_dir=ROOT / "models" / ".cache", prompt=content.vocabulary.recogniser_hint, **model,
    )
    commands = CommandRecogniser(content)
    for number, (line, condition) in enumerate(todo):
        index = int("".join(ch for ch in line["id"] if ch.isdigit()) or 0)
        voice, rate = VOICES[index % len(VOICES)]
        samples = _speak(line["text"], voice, rate)
        if condition == "noisy":
            samples = _with_noise(samples, seed=index)
        audio = PcmAudio(samples.astype(np.int16).tobytes(), 16000)
        saved = {"transcript": _to_cache(recogniser.transcribe(audio)), "command": _to_cache(commands.recognise(audio))}
        (cache / condition).mkdir(parents=True, exist_ok=True)
        (cache / condition / f"{line['id']}.json").write_text(json.dumps(saved))
        if number % 20 == 19:
            print(f"  decoded {number + 1} of {len(todo)}", file=sys.stderr)


def _assistant(lexical_only: bool) -> Any:
    """The assistant as the app builds it: with the semantic model when it loads, unless lexical_only."""
    from voice_assistant.app.assistant import Assistant
    from voice_assistant.app.semantic import load_semantic
    from voice_assistant.core.loader import load_content

    content = load_content(ROOT / "prompts")
    semantic = None if lexical_only else load_semantic(content, cache_dir=ROOT / "models" / "semantic-cache")[0]
    return Assistant(content, region="US", semantic=semantic)


def _score(lines: list[dict[str, Any]], condition: str, cache: Path, assistant: Any) -> dict[str, float]:
    """Recall and alarms of the assistant on the cached recognitions of one condition."""
    caught = {"emergency": 0, "urgent": 0}
    wanted = {"emergency": 0, "urgent": 0}
    alarms = denials = asked = everyday = everyday_alarms = 0
    for line in lines:
        saved = json.loads((cache / condition / f"{line['id']}.json").read_text())
        transcript, command = _from_cache(saved["transcript"]), _from_cache(saved["command"])
        turn = assistant.answer_recognised(assistant.new_session(), transcript, command, line["id"], 0.0)
        pending = bool(getattr(turn, "pending", False))
        asked += pending
        level = turn.red_flag.level.value
        if line["level"] in wanted:
            wanted[line["level"]] += 1
            rank = {"none": 0, "urgent": 1, "emergency": 2}
            caught[line["level"]] += rank[level] >= rank[line["level"]] or (pending and line["level"] == "urgent")
        elif line["kind"] == "negated":
            denials += 1
            alarms += level != "none" or pending
        elif line["kind"] == "report_none":
            everyday += 1
            everyday_alarms += level != "none" or pending
    return {
        "emergency recall": caught["emergency"] / max(1, wanted["emergency"]),
        "urgent recall": caught["urgent"] / max(1, wanted["urgent"]),
        "alarms on denials": alarms / max(1, denials),
        "safety questions": asked,
        "alarms on everyday reports": everyday_alarms / everyday if everyday else float("nan"),
        "lines": len(lines),
    }


def main() -> int:
    """Decode what is missing, then print the aggregate figures per condition."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--set", default="sealed3")
    parser.add_argument("--conditions", default="clean,noisy")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/spoken_blind"))
    parser.add_argument("--score-only", action="store_true", help="score cached recognitions, decode nothing")
    parser.add_argument("--decode-only", action="store_true", help="fill the cache, score nothing")
    parser.add_argument("--lexical-only", action="store_true", help="understand without the semantic model")
    parser.add_argument("--whisper-model", type=Path, default=None,
                        help="a CTranslate2 Whisper folder to decode with (default: the installed one, else tiny.en); "
                             "give each model its own --cache")
    args = parser.parse_args()
    if args.whisper_model is not None and not (args.whisper_model / "model.bin").is_file():
        print(f"error: no Whisper model at {args.whisper_model} (give a folder with model.bin, config.json and tokenizer.json)",
              file=sys.stderr)
        return 2
    path = ROOT / "tests" / "data" / "blind" / f"{args.set}.jsonl"
    if not path.is_file():
        print(f"error: no blind set at {path} (use --set with the name of a file in tests/data/blind, e.g. sealed5, dev8, redflags9)", file=sys.stderr)
        return 2
    lines = [json.loads(text) for text in path.read_text(encoding="utf-8").splitlines() if text.strip()]
    lines = [line for line in lines if line["kind"] in KINDS][: args.limit]
    conditions = [c for c in args.conditions.split(",") if c]
    cache = args.cache / args.set
    if not args.score_only:
        _decode(lines, conditions, cache, args.whisper_model)
    if args.decode_only:
        return 0
    heard_by = args.whisper_model.name if args.whisper_model else "tiny.en"
    print(f"| {args.set} (spoken, Whisper {heard_by}) | lines | emergency recall | urgent recall | alarms on denials | "
          "alarms on everyday reports | safety q. |")
    print("|---|---|---|---|---|---|---|")
    assistant = _assistant(args.lexical_only)
    for condition in conditions:
        f = _score(lines, condition, cache, assistant)
        print(f"| {condition} | {f['lines']} | {f['emergency recall']:.3f} | {f['urgent recall']:.3f} | "
              f"{f['alarms on denials']:.3f} | {f['alarms on everyday reports']:.3f} | {f['safety questions']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
