"""Fits the weights that combine the word matcher and the semantic model, with cross-validation (run by hand).

    .venv/bin/python benchmarks/fit_understanding.py [--model NAME] [--train dev,blind-dev,...]

Training material: the sets named by --train (by default every set that is development material: the dev
set, the blind halves dev, sealed, sealed2 and dev6, unseen and heldout) and every phrasing in prompts/ (each scored with itself left
out of the index). Prints the 5-fold cross-validated accuracy of the word matcher alone, the semantic model
alone and the combination per set, the accuracy on the sets left out of training (fit on some, score the
others), then WEIGHTS to paste into voice_assistant/core/understanding.py, and the safety net's figures
per threshold. A new sealed set must never be named here.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from voice_assistant.app.assistant import MAX_MATCH_CHARS, Assistant  # noqa: E402
from voice_assistant.app.semantic import CANDIDATES, DEFAULT_MODEL, load_semantic  # noqa: E402
from voice_assistant.core.content import OUT_OF_SCOPE, RedFlagLevel  # noqa: E402
from voice_assistant.core.loader import load_content  # noqa: E402
from voice_assistant.core.understanding import FEATURES, label_features, learned_probabilities  # noqa: E402
from fit_classifier import encoder_for, fit_grams, gram_probabilities, training_items  # noqa: E402
from fit_classifier import fit as fit_classifier  # noqa: E402
from voice_assistant.core.grams import geometric_mean  # noqa: E402
from voice_assistant.core.semantic import question_part  # noqa: E402

SETS = {
    "dev": ROOT.parent / "shared" / "dev-set" / "utterances.jsonl",
    "blind-dev": ROOT / "tests" / "data" / "blind" / "dev.jsonl",
    "blind-sealed": ROOT / "tests" / "data" / "blind" / "sealed.jsonl",
    "blind-sealed2": ROOT / "tests" / "data" / "blind" / "sealed2.jsonl",
    "unseen": ROOT / "tests" / "data" / "unseen.jsonl",
    "heldout": ROOT / "tests" / "data" / "heldout.jsonl",
    "blind-dev6": ROOT / "tests" / "data" / "blind" / "dev6.jsonl",
    "blind-sealed3": ROOT / "tests" / "data" / "blind" / "sealed3.jsonl",
    "blind-sealed4": ROOT / "tests" / "data" / "blind" / "sealed4.jsonl",
    "blind-dev8": ROOT / "tests" / "data" / "blind" / "dev8.jsonl",
    "blind-dev10": ROOT / "tests" / "data" / "blind" / "dev10.jsonl",
    "blind-dev11": ROOT / "tests" / "data" / "blind" / "dev11.jsonl",
    "blind-dev13": ROOT / "tests" / "data" / "blind" / "dev13.jsonl",
    "blind-sealed5": ROOT / "tests" / "data" / "blind" / "sealed5.jsonl",
    "blind-sealed8": ROOT / "tests" / "data" / "blind" / "sealed8.jsonl",
    "blind-sealed10": ROOT / "tests" / "data" / "blind" / "sealed10.jsonl",
    "blind-dev14": ROOT / "tests" / "data" / "blind" / "dev14.jsonl",
    "blind-dev15": ROOT / "tests" / "data" / "blind" / "dev15.jsonl",
    "blind-dev17": ROOT / "tests" / "data" / "blind" / "dev17.jsonl",
    "blind-dev19": ROOT / "tests" / "data" / "blind" / "dev19.jsonl",
    "blind-dev20": ROOT / "tests" / "data" / "blind" / "dev20.jsonl",
    "blind-dev22": ROOT / "tests" / "data" / "blind" / "dev22.jsonl",
    "blind-sealed20": ROOT / "tests" / "data" / "blind" / "sealed20.jsonl",
    "blind-sealed22": ROOT / "tests" / "data" / "blind" / "sealed22.jsonl",
    "blind-dev24": ROOT / "tests" / "data" / "blind" / "dev24.jsonl",
    "blind-dev26": ROOT / "tests" / "data" / "blind" / "dev26.jsonl",
    "blind-dev27": ROOT / "tests" / "data" / "blind" / "dev27.jsonl",
    "blind-dev29": ROOT / "tests" / "data" / "blind" / "dev29.jsonl",
}
TRAIN = ("dev", "blind-dev", "blind-sealed", "blind-sealed2", "unseen", "heldout", "blind-dev6")
"""The material the shipped WEIGHTS were fitted on; the later development halves are named with --train to compare."""
KIND_WEIGHT_POWER = 0.25
"""Each input weighs 1/(inputs of its kind)^this: questions, commands and out-of-scope lines count nearly alike."""



def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _fit(x: np.ndarray, y: np.ndarray, weight: np.ndarray, l2: float = 1e-3, steps: int = 40) -> np.ndarray:
    """Multinomial (conditional) logit by damped Newton steps: x is (inputs, labels, features), y one-hot."""
    w = np.zeros(x.shape[2])
    weight = weight / weight.sum()

    def loss(v: np.ndarray) -> float:
        z = x @ v
        z = z - z.max(1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(1, keepdims=True))
        return float(-(weight * (y * log_p).sum(1)).sum() + 0.5 * l2 * v @ v)

    for _ in range(steps):
        z = x @ w
        p = np.exp(z - z.max(1, keepdims=True))
        p /= p.sum(1, keepdims=True)
        mean = (p[:, :, None] * x).sum(1)
        grad = (weight[:, None] * (mean - (y[:, :, None] * x).sum(1))).sum(0) + l2 * w
        centred = x - mean[:, None, :]
        hessian = np.einsum("n,nl,nld,nle->de", weight, p, centred, centred) + l2 * np.eye(len(w))
        step = np.linalg.solve(hessian, grad)
        before, t = loss(w), 1.0
        while loss(w - t * step) > before and t > 1e-4:
            t /= 2
        w = w - t * step
    return w


def _learned_out_of_fold(
    content: Any, vectors: np.ndarray, groups: np.ndarray, texts: list[str], off: bool
) -> list[dict[str, float]]:
    """Each input's learned probabilities from classifiers fitted without its set (phrasings: five folds), as
    benchmarks/fit_classifier.py fits the shipped ones (sentence vectors and grams, their geometric mean): the
    combiner learns how far to trust that opinion on unseen lines."""
    if off:
        return [{} for _ in groups]
    training = training_items(content)
    encoder = encoder_for(DEFAULT_MODEL)
    train_vectors = np.asarray(encoder.encode_many([text for text, _, _ in training]), dtype=np.float64)
    names = sorted({label for _, label, _ in training})
    index = {label: i for i, label in enumerate(names)}
    train_targets = np.array([index[label] for _, label, _ in training])
    train_groups = np.array([group for *_, group in training])
    train_texts = np.array([text for text, _, _ in training])
    folds = np.array([f"phrasings{i % 5}" if g == "phrasings" else g for i, g in enumerate(groups)])
    out: list[dict[str, float]] = [{} for _ in groups]
    for fold in sorted(set(folds)):
        held = np.where(folds == fold)[0]
        if fold.startswith("phrasings"):
            keep = ~np.isin(train_texts, [texts[number] for number in held])
        else:
            keep = train_groups != fold
        w = fit_classifier(train_vectors[keep], train_targets[keep], len(names))
        grams = fit_grams(list(train_texts[keep]), train_targets[keep], len(names))
        both = geometric_mean(learned_probabilities(w, vectors[held]), gram_probabilities(grams, [texts[number] for number in held]))
        for number, p in zip(held, both):
            out[number] = {label: float(v) for label, v in zip(names, p)}
    return out


def _kind(label: str) -> str:
    return "out of scope" if label == OUT_OF_SCOPE else "command" if label.startswith("cmd.") else "question"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=DEFAULT_MODEL, choices=sorted(CANDIDATES))
    parser.add_argument("--errors", action="store_true", help="list the misses of the combination")
    parser.add_argument("--leave-one-out", action="store_true", help="also score each set with weights fitted without it")
    parser.add_argument("--no-safety-net", action="store_true", help="skip the safety net's figures")
    parser.add_argument("--no-learned", action="store_true", help="without the learned classifier's opinion")
    parser.add_argument("--train", default=",".join(TRAIN), help="comma-separated sets to fit on: " + ", ".join(SETS))
    args = parser.parse_args()
    train = [name.strip() for name in args.train.split(",") if name.strip()]
    if any(name not in SETS for name in train):
        parser.error(f"--train takes sets among {', '.join(SETS)}")
    content = load_content()
    semantic, problem = load_semantic(content, args.model, cache_dir=ROOT / "models" / "semantic-cache")
    if semantic is None:
        print(problem)
        return 1
    lexical = Assistant(content, region="US")
    labels = list(semantic.index.labels)

    items: list[tuple[str, str, str | None, str]] = []  # (text, label, leave_out, group)
    for name in SETS:
        for line in _lines(SETS[name]):
            if line["kind"] in ("question", "command", "out_of_scope", "multi") and line["topic"]:
                items.append((line["text"], line["topic"], None, name))
    for topic in content.topics:
        items.extend((p, topic.id, p, "phrasings") for p in topic.phrasings)
    for command in content.commands:
        items.extend((p, command.id, p, "phrasings") for p in command.phrasings)
    items.extend((p, OUT_OF_SCOPE, p, "phrasings") for p in content.vocabulary.out_of_scope_examples)

    rows, targets, lex_right, sem_right = [], [], [], []
    seen = []
    for text, label, leave_out, _ in items:
        understanding = lexical.understand(text)  # no semantic model: its flag is the word rules' alone
        question = question_part(text[:MAX_MATCH_CHARS])
        alone = lexical.asked_beside_denial(text[:MAX_MATCH_CHARS], question, understanding.red_flag)  # as understand() does
        words, _ = lexical.match_topic(understanding.canonical, understanding.red_flag, question, alone)
        scores = semantic.scores(text, leave_out, question=question, question_known=True, alone=alone)
        seen.append((understanding.match, scores, lexical.matcher.topic_scores(words)))
    learned = _learned_out_of_fold(content, np.array([scores.vector for _, scores, _ in seen]),
                                   np.array([group for *_, group in items]), [text for text, *_ in items], args.no_learned)
    for (text, label, leave_out, _), (match, scores, lexical_scores), opinion in zip(items, seen, learned):
        facts = scores.facts
        rows.append([label_features(candidate, scores.by_label, lexical_scores, match, facts, scores.pair, opinion)
                     for candidate in labels])
        targets.append([float(candidate == label) for candidate in labels])
        lex_right.append(match.topic == label)
        sem_right.append(scores.ranked()[0][0] == label)
    x, y = np.array(rows), np.array(targets)
    groups = np.array([group for *_, group in items])
    kinds = np.array([_kind(label) for _, label, _, _ in items])
    counts = {kind: int((kinds == kind).sum()) for kind in set(kinds)}
    weight = np.array([counts[kind] ** -KIND_WEIGHT_POWER for kind in kinds])
    fitted = np.isin(groups, [*train, "phrasings"])
    print(f"{int(fitted.sum())} training inputs from {', '.join(train)} and the phrasings; features {', '.join(FEATURES)}")
    folds = np.arange(len(items)) % 5
    np.random.default_rng(7).shuffle(folds)
    chosen = np.zeros(len(items), dtype=int)
    for fold in range(5):
        w = _fit(x[fitted & (folds != fold)], y[fitted & (folds != fold)], weight[fitted & (folds != fold)])
        scored = fitted & (folds == fold)
        chosen[scored] = np.argmax(x[scored] @ w, axis=1)
    w = _fit(x[fitted], y[fitted], weight[fitted])
    chosen[~fitted] = np.argmax(x[~fitted] @ w, axis=1)
    right = y[np.arange(len(items)), chosen] == 1
    print("accuracy by kind: lexical alone / semantic nearest alone / combined (5-fold CV on the sets fitted on;"
          " fitted on all of them for the others)")
    for group in [*SETS, "phrasings"]:
        cells = []
        for kind in ("question", "command", "out of scope"):
            g = (groups == group) & (kinds == kind)
            if g.any():
                cells.append(f"{kind} {np.mean(np.array(lex_right)[g]):.3f}/{np.mean(np.array(sem_right)[g]):.3f}/"
                             f"{right[g].mean():.3f} (n={int(g.sum())})")
        role = "CV" if group in train or group == "phrasings" else "held out"
        print(f"  {group:13s} {role:8s} " + "  ".join(cells))
    if args.leave_one_out:
        print("leave one set out: fitted on the other sets and the phrasings, scored on the set left out")
        for group in SETS:
            rest = fitted & (groups != group)
            w_rest = _fit(x[rest], y[rest], weight[rest])
            held = np.argmax(x @ w_rest, axis=1)
            hit = y[np.arange(len(items)), held] == 1
            cells = [f"{kind} {hit[g].mean():.3f} (n={int(g.sum())})"
                     for kind in ("question", "command", "out of scope")
                     if (g := (groups == group) & (kinds == kind)).any()]
            print(f"  {group:13s} held out " + "  ".join(cells))
    if args.errors:
        for number in np.where(~right & (groups != "phrasings"))[0]:
            text, label, _, group = items[number]
            print(f"    {group}: want {label} got {labels[chosen[number]]}: {text!r} {semantic.facts(text)}")
    print("WEIGHTS: Final = (" + ", ".join(f"{v:.3f}" for v in w) + ")")

    if args.no_safety_net:
        return 0
    print("\nsafety net: lines the word rules miss that it catches / level-none lines it fires on")
    cases = []
    for name, path in SETS.items():
        for line in _lines(path):
            understanding = lexical.understand(line["text"])
            cases.append((name, line, understanding.red_flag))
    for emergency, urgent in ((0.58, 0.66), (0.62, 0.70), (0.64, 0.72), (0.66, 0.74), (0.70, 0.76)):
        thresholds = {RedFlagLevel.EMERGENCY: emergency, RedFlagLevel.URGENT: urgent}
        caught, missed, alarms = 0, [], []
        total_missed = 0
        for name, line, flag in cases:
            raised = semantic.safety_net(line["text"], flag, lexical.detector, lexical.normaliser, thresholds=thresholds)
            want = line["level"]
            if want != "none" and flag.level.value == "none":
                total_missed += 1
                if raised.level.value != "none":
                    caught += 1
                else:
                    missed.append(f"{name}: {line['text']}")
            if want == "none" and raised.level.value != "none" and flag.level.value == "none":
                alarms.append(f"{name} [{line['kind']}] {raised.rules}: {line['text']}")
        print(f"  emergency ≥ {emergency:.2f}, urgent ≥ {urgent:.2f}: catches {caught} of {total_missed}; new alarms {len(alarms)}")
        if (emergency, urgent) in ((0.62, 0.70), (0.64, 0.72)):
            for text in missed + alarms:
                print("     ", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
