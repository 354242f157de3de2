"""Fits the learned red-flag opinion: logistic regression on sentence vectors and on spelling (run by hand).

    .venv/bin/python benchmarks/fit_red_flag_opinion.py [--model NAME] [--check]

The word rules and the safety net's written descriptions catch a red flag said the ways someone here thought of; a
new writer's sealed half still loses one emergency line in ten when the red flag is told in pictures, garbled by a
recogniser, in a learner's English or buried in a story. This opinion is fitted on how some 140 development sets'
writers told red flags, denied them and talked about everyday back pain, so it knows many more ways of saying each.
Four labels: calm (everything said without a red flag), denial (a red flag clearly denied: kind `negated`, or `multi`
at level none), urgent and emergency. Denials have a label of their own so that the fit must tell "no numbness in
my legs" from "numbness in my legs" instead of lumping it with everyday talk. The assistant raises a flag from it
only above a high bar (voice_assistant/core/understanding.py LEARNED_FLAG_BAR), never where the word rules read a
denial, a rule's exception, or where a clause says all is well (SemanticUnderstanding.learned_flag).

Training material: every line of the development sets (benchmarks/understand.py SETS less SEALED, so no sealed half is
ever read here, and less fit_classifier.HELD_OUT), each red-flag rule's written descriptions in prompts/ at the rule's
level and the calm examples. The classifiers are those of benchmarks/fit_classifier.py (sentence vectors; grams), and
the assistant takes their geometric mean. Writes voice_assistant/app/data/red_flag_classifier.npz.

--check fits without the newest red-flag development halves (CHECK_SETS) and prints, for each, what the opinion alone
does at the assistant's bars on lines it has not seen: emergency and urgent lines it reaches, and lines without a red
flag it would raise, by kind. (What it adds to the word rules is measured by benchmarks/understand.py.)

--time-check asks whether a refit with newer writers helps on writers neither fit has seen: it fits once on the
writers before TIME_SPLIT[0] and once on those before TIME_SPLIT[1], scores both on the development halves of the
writers from TIME_SPLIT[1] on, and saves nothing.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_classifier import HELD_OUT, encoder_for, fit, fit_and_save, fit_grams, gram_probabilities  # noqa: E402
from understand import SEALED, SETS, _lines  # noqa: E402

from voice_assistant.app.semantic import CANDIDATES, DEFAULT_MODEL, RED_FLAG_CLASSIFIER  # noqa: E402
from voice_assistant.core.content import Content  # noqa: E402
from voice_assistant.core.grams import geometric_mean  # noqa: E402
from voice_assistant.core.loader import load_content  # noqa: E402
from voice_assistant.core.understanding import (  # noqa: E402
    LEARNED_FLAG_BAR, LEARNED_FLAG_LABELS, learned_probabilities as probabilities,
)
from voice_assistant.core.redflags import RedFlagLevel  # noqa: E402

CHECK_SETS = tuple(f"blind-redflags{n}" for n in (191, 192, 194, 195, 196, 198))
"""The newest red-flag development halves, left out of the fit by --check."""
TIME_SPLIT = (185, 189)
"""--time-check: writers from the first number on are new to the older fit; from the second on, held out from both."""


def label_of(line: dict[str, object]) -> str:
    """A development line's label: its level, or 'denial' for a red flag clearly denied."""
    if line["level"] in ("emergency", "urgent"):
        return str(line["level"])
    return "denial" if line["kind"] == "negated" or line["kind"] == "multi" else "calm"


def training_items(content: Content) -> list[tuple[str, str, str]]:
    """(text, label, group) of every development line and every written red-flag description and calm example; the
    group is the set's name or 'phrasings'."""
    items: list[tuple[str, str, str]] = []
    for name, path in SETS.items():
        if name in SEALED or name in HELD_OUT or not path.exists():
            continue
        items += [(str(line["text"]), label_of(line), name) for line in _lines(path)]
    for rule in content.rules:
        items += [(example, rule.level.value, "phrasings") for example in rule.examples]
    items += [(example, "calm", "phrasings") for example in content.vocabulary.calm_examples]
    return items


def raised(p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Whether each row's probabilities reach the assistant's bars for emergency, and for urgent or above (the bars of
    a clause the word rules do not read as a denial)."""
    emergency = LEARNED_FLAG_LABELS.index("emergency")
    urgent = LEARNED_FLAG_LABELS.index("urgent")
    return (p[:, emergency] >= LEARNED_FLAG_BAR[RedFlagLevel.EMERGENCY],
            p[:, emergency] + p[:, urgent] >= LEARNED_FLAG_BAR[RedFlagLevel.URGENT])


def writer_of(group: str) -> int:
    """The writer number of a blind development half's group ('blind-redflags188' → 188), 0 for anything else."""
    found = re.fullmatch(r"blind-(?:dev|redflags)(\d+)", group)
    return int(found.group(1)) if found else 0


def report(name: str, p: np.ndarray, y: np.ndarray) -> str:
    """What the opinion (probabilities p) does on one set's lines (labels y) at the assistant's bars."""
    labels = list(LEARNED_FLAG_LABELS)
    emergency, urgent = raised(p)
    calm: collections.Counter[str] = collections.Counter()
    for i in np.flatnonzero(urgent & (y <= labels.index("denial"))):
        calm[labels[y[i]] + (" (emergency)" if emergency[i] else "")] += 1
    e, u = y == labels.index("emergency"), y == labels.index("urgent")
    return (f"  {name:20s} emergency {int(emergency[e].sum())}/{int(e.sum())}, urgent or above "
            f"{int(urgent[u].sum())}/{int(u.sum())}; lines without a red flag raised: {dict(sorted(calm.items())) or 0}")


def held_out_report(
    vectors: np.ndarray, texts: list[str], targets: np.ndarray, groups: np.ndarray, fitted: np.ndarray, names: list[str]
) -> list[str]:
    """Fits on the rows where fitted is true and reports each named set's rows."""
    classes = len(LEARNED_FLAG_LABELS)
    w = fit(vectors[fitted], targets[fitted], classes)
    grams = fit_grams([t for t, keep in zip(texts, fitted) if keep], targets[fitted], classes)
    out = []
    for name in names:
        mine = groups == name
        if mine.any():
            p = geometric_mean(probabilities(w, vectors[mine]), gram_probabilities(grams, [t for t, m in zip(texts, mine) if m]))
            out.append(report(name, p, targets[mine]))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=DEFAULT_MODEL, choices=sorted(CANDIDATES))
    parser.add_argument("--check", action="store_true", help="the opinion on the newest red-flag halves, fitted without them")
    parser.add_argument("--time-check", action="store_true",
                        help="the newest writers' halves, scored by a fit on older writers and one with newer ones too")
    args = parser.parse_args()
    content = load_content()
    items = training_items(content)
    encoder = encoder_for(args.model)
    texts = [text for text, _, _ in items]
    vectors = np.asarray(encoder.encode_many(texts), dtype=np.float64)
    labels = list(LEARNED_FLAG_LABELS)
    targets = np.array([labels.index(label) for _, label, _ in items])
    groups = np.array([group for _, _, group in items])
    print(f"{len(items)} lines ({int((groups != 'phrasings').sum())} from development sets): "
          + ", ".join(f"{label} {int((targets == i).sum())}" for i, label in enumerate(labels)))
    print(f"bars: emergency {LEARNED_FLAG_BAR[RedFlagLevel.EMERGENCY]}, urgent or above "
          f"{LEARNED_FLAG_BAR[RedFlagLevel.URGENT]} (none where the word rules read a denial)")
    if args.check:
        print("\n".join(held_out_report(vectors, texts, targets, groups, ~np.isin(groups, CHECK_SETS), list(CHECK_SETS))))
    if args.time_check:
        writers = np.array([writer_of(group) for group in groups])
        tested = sorted({g for g, n in zip(groups, writers) if n >= TIME_SPLIT[1]}, key=writer_of)
        for title, fitted in ((f"fitted on writers before {TIME_SPLIT[0]}", writers < TIME_SPLIT[0]),
                              (f"fitted on writers before {TIME_SPLIT[1]}", writers < TIME_SPLIT[1])):
            print(title + f" ({int(fitted.sum())} lines):")
            print("\n".join(held_out_report(vectors, texts, targets, groups, fitted, tested)))
        return 0
    fit_and_save(RED_FLAG_CLASSIFIER, labels, vectors, texts, targets, args.model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
