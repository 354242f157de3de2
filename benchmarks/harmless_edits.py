"""Benchmark: do red flags hold when a caught report is said again with a harmless edit?

    .venv/bin/python benchmarks/harmless_edits.py [--sets blind-redflags94,...] [--edits sorry,really,...] [--errors]

A writer's next line differs from the last in many small ways that change nothing a nurse would hear: an apology
before it, "I think", a degree word ("feels really sick"), a question after it, no punctuation (as a recogniser
writes it). Every development line the assistant reads right — a report at its level, a denial or everyday line
with no alarm — is said again with each edit below; printed: how many reports keep their level and how many calm
lines stay calm, per edit. It measures generalisation without new writers, on development material only: a sealed
half is refused (its lines would have to be read to be edited). About 10 minutes for every development set.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from understand import DEFAULT_MODEL, SEALED, SETS, _build, _lines  # noqa: E402

from voice_assistant.app.evaluation import HARMLESS_EDITS as EDITS  # noqa: E402
from voice_assistant.core.content import RedFlagLevel  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    default_sets = [name for name in SETS if name.startswith("blind-") and name not in SEALED]
    parser.add_argument("--sets", default=",".join(default_sets), help="development sets (never a sealed half)")
    parser.add_argument("--edits", default=",".join(EDITS), help="comma-separated: " + ", ".join(EDITS))
    parser.add_argument("--errors", action="store_true", help="list the edited lines that lost their reading")
    args = parser.parse_args()
    names = [name for name in args.sets.split(",") if name]
    unknown = [name for name in names if name not in SETS]
    sealed = [name for name in names if name in SEALED]
    edits = [edit for edit in args.edits.split(",") if edit]
    bad_edits = [edit for edit in edits if edit not in EDITS]
    if unknown or bad_edits:
        print(f"error: unknown {'sets ' + ', '.join(unknown) if unknown else 'edits ' + ', '.join(bad_edits)}; "
              "see --help for the names", file=sys.stderr)
        return 2
    if sealed:
        print(f"error: {', '.join(sealed)} sealed: its lines are only scored, by understand.py; "
              "choose development sets", file=sys.stderr)
        return 2
    assistant, _ = _build(DEFAULT_MODEL)
    reports: list[tuple[str, str]] = []  # (text, level)
    calm: list[str] = []
    seen: set[str] = set()
    for name in names:
        for line in _lines(SETS[name]):
            text, wanted, kind = line["text"], line["level"], line["kind"]
            if text in seen or not text.strip():
                continue
            seen.add(text)
            got = assistant.understand(text).red_flag.level.value
            if wanted != "none" and RedFlagLevel(got).rank >= RedFlagLevel(wanted).rank:
                reports.append((text, wanted))
            elif kind in ("negated", "report_none") and got == "none":
                calm.append(text)
    print(f"{len(reports)} caught reports and {len(calm)} calm lines from {len(names)} development sets")
    print("| edit | reports that keep their level | calm lines that stay calm |\n|---|---|---|")
    for edit in edits:
        change = EDITS[edit]
        lost: list[str] = []
        alarmed: list[str] = []
        kept = stayed = tried_reports = tried_calm = 0
        for text, wanted in reports:
            edited = change(text)
            if edited == text:
                continue
            tried_reports += 1
            if assistant.understand(edited).red_flag.level.rank >= RedFlagLevel(wanted).rank:
                kept += 1
            else:
                lost.append(f"{wanted}: {edited}")
        for text in calm:
            edited = change(text)
            if edited == text:
                continue
            tried_calm += 1
            if assistant.understand(edited).red_flag.level.value == "none":
                stayed += 1
            else:
                alarmed.append(edited)
        print(f"| {edit} | {kept}/{tried_reports} = {kept / max(tried_reports, 1):.4f} "
              f"| {stayed}/{tried_calm} = {stayed / max(tried_calm, 1):.4f} |")
        if args.errors:
            for line in lost:
                print(f"    lost {line}")
            for line in alarmed:
                print(f"    alarmed: {line}")
    counts = collections.Counter(level for _, level in reports)
    print(f"(reports by level: {dict(counts)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
