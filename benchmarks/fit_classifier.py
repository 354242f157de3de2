"""Fits the learned topic opinion: logistic regression on the semantic model's sentence vectors (run by hand).

    .venv/bin/python benchmarks/fit_classifier.py [--model NAME] [--check]

Training material: every question, command and out-of-scope line of the development sets (benchmarks/understand.py
SETS less SEALED, so no sealed half is ever read here, and less HELD_OUT) and every phrasing in prompts/. Nearest-example scores know only
the phrasings; a classifier fitted on some 6,000 lines from two dozen blind writers knows how many different people
ask for each topic. Beside it, a second classifier over the lines' spelling (voice_assistant/core/grams.py: letter
pieces, words and word pairs), right on other lines than the first; the assistant takes their geometric mean.
Writes voice_assistant/app/data/topic_classifier.npz (labels, weights, the model it belongs to, and the gram
classifier's buckets, weights and bias).

--check prints each recent development half's accuracy with the classifiers fitted on all the other lines (leave one
set out), beside the nearest phrasing: what each adds on lines it has not seen, and what their mean does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from understand import SEALED, SETS, _lines  # noqa: E402

from voice_assistant.app.semantic import CLASSIFIER, DEFAULT_MODEL, CANDIDATES, model_files  # noqa: E402
from voice_assistant.core.content import OUT_OF_SCOPE, Content  # noqa: E402
from voice_assistant.core.encoder import SentenceEncoder  # noqa: E402
from voice_assistant.core.grams import GramClassifier, gram_ids, geometric_mean, known_rows  # noqa: E402
from voice_assistant.core.loader import load_content  # noqa: E402
from voice_assistant.core.understanding import LEARNED_SCALE, learned_probabilities as probabilities  # noqa: E402

HELD_OUT = ("blind-dev30", "blind-dev31")
"""Development halves kept out of every fit, to measure the learned opinion on lines it has not seen."""
L2 = 1e-4
STEPS = 400
RATE = 2.0


def training_items(content: Content) -> list[tuple[str, str, str]]:
    """(text, label, group) of every development line and phrasing; the group is the set's name or 'phrasings'."""
    items: list[tuple[str, str, str]] = []
    for name, path in SETS.items():
        if name in SEALED or name in HELD_OUT or not path.exists():
            continue
        for line in _lines(path):
            if line["kind"] in ("question", "command", "out_of_scope") and line["topic"]:
                items.append((line["text"], line["topic"], name))
    for topic in content.topics:
        items += [(p, topic.id, "phrasings") for p in topic.phrasings]
    for command in content.commands:
        items += [(p, command.id, "phrasings") for p in command.phrasings]
    items += [(p, OUT_OF_SCOPE, "phrasings") for p in content.vocabulary.out_of_scope_examples]
    return items


def fit(vectors: np.ndarray, targets: np.ndarray, classes: int) -> np.ndarray:
    """Multinomial logistic regression by gradient descent with momentum: weights (dimensions + 1, classes)."""
    x = np.hstack([vectors * LEARNED_SCALE, np.ones((len(vectors), 1))])
    y = np.eye(classes)[targets]
    w = np.zeros((x.shape[1], classes))
    velocity = np.zeros_like(w)
    for _ in range(STEPS):
        z = x @ w
        z -= z.max(1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(1, keepdims=True)
        velocity = 0.9 * velocity + x.T @ (p - y) / len(x) + L2 * w
        w -= RATE * velocity
    return w


GRAM_L2 = 1e-4
GRAM_STEPS = 300
GRAM_RATE = 0.5
GRAM_MIN_COUNT = 2
"""A gram gets a weight only if this many training lines have it: the rest are one writer's slips."""


def fit_grams(texts: list[str], targets: np.ndarray, classes: int) -> GramClassifier:
    """The gram classifier: multinomial logistic regression by gradient descent with momentum over each line's
    gram ids (voice_assistant/core/grams.py), fitted on the buckets at least GRAM_MIN_COUNT lines share."""
    ids = [gram_ids(text) for text in texts]
    seen, counts = np.unique(np.concatenate(ids), return_counts=True)
    buckets = seen[counts >= GRAM_MIN_COUNT]
    rows = [known_rows(buckets, line) for line in ids]
    lengths = np.array([len(r) for r in rows])
    line_of = np.repeat(np.arange(len(rows)), lengths)
    columns = np.concatenate(rows)
    scale = np.repeat([1.0 / np.sqrt(max(1, len(line))) for line in ids], lengths).astype(np.float32)[:, None]
    has = lengths > 0
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])[has]
    order = np.argsort(columns, kind="stable")
    used, column_starts = np.unique(columns[order], return_index=True)
    w = np.zeros((len(buckets), classes), dtype=np.float32)
    b = np.zeros(classes, dtype=np.float32)
    y = np.eye(classes, dtype=np.float32)[targets]
    velocity_w, velocity_b = np.zeros_like(w), np.zeros_like(b)
    for _ in range(GRAM_STEPS):
        z = np.zeros((len(rows), classes), dtype=np.float32)
        z[has] = np.add.reduceat(w[columns] * scale, starts, axis=0)
        z += b
        z -= z.max(1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(1, keepdims=True)
        g = (p - y) / len(rows)
        grad = np.zeros_like(w)
        grad[used] = np.add.reduceat((g[line_of] * scale)[order], column_starts, axis=0)
        velocity_w = 0.9 * velocity_w + grad + GRAM_L2 * w
        velocity_b = 0.9 * velocity_b + g.sum(0)
        w -= GRAM_RATE * 100 * velocity_w  # each bucket's gradient is small: it is shared by few lines
        b -= GRAM_RATE * velocity_b
    return GramClassifier(buckets, w, b)


def gram_probabilities(classifier: GramClassifier, texts: list[str]) -> np.ndarray:
    return np.array([classifier.probabilities(text) for text in texts])


def fit_and_save(path: Path, labels: list[str], vectors: np.ndarray, texts: list[str], targets: np.ndarray, model: str) -> None:
    """Fits both classifiers on every line and writes them to path, as semantic.load_classifier reads them."""
    w = fit(vectors, targets, len(labels))
    grams = fit_grams(texts, targets, len(labels))
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        path, labels=np.array(labels), weights=w.astype(np.float32), model=np.array(model),
        gram_buckets=grams.buckets.astype(np.int32), gram_weights=grams.weights.astype(np.float16), gram_bias=grams.bias,
    )
    print(f"wrote {path} ({path.stat().st_size // 1024} KB)")


def encoder_for(model: str) -> SentenceEncoder:
    path, vocab = model_files(model)
    return SentenceEncoder(path, vocab)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=DEFAULT_MODEL, choices=sorted(CANDIDATES))
    parser.add_argument("--check", action="store_true", help="leave-one-set-out accuracy of the recent halves")
    args = parser.parse_args()
    content = load_content()
    items = training_items(content)
    encoder = encoder_for(args.model)
    texts = [text for text, _, _ in items]
    vectors = np.asarray(encoder.encode_many(texts), dtype=np.float64)
    labels = sorted({label for _, label, _ in items})
    index = {label: i for i, label in enumerate(labels)}
    targets = np.array([index[label] for _, label, _ in items])
    groups = np.array([group for _, _, group in items])
    print(f"{len(items)} lines ({int((groups != 'phrasings').sum())} from development sets), {len(labels)} labels")
    if args.check:
        phrasings = groups == "phrasings"
        for name in [n for n in SETS if n not in SEALED][-8:]:
            held = groups == name
            if not held.any():
                continue
            w = fit(vectors[~held], targets[~held], len(labels))
            sentence = probabilities(w, vectors[held])
            grams = fit_grams([t for t, keep in zip(texts, ~held) if keep], targets[~held], len(labels))
            spelled = gram_probabilities(grams, [t for t, h in zip(texts, held) if h])
            both = geometric_mean(sentence, spelled)
            right = [float((p.argmax(1) == targets[held]).mean()) for p in (sentence, spelled, both)]
            nearest = (targets[phrasings][np.argmax(vectors[held] @ vectors[phrasings].T, 1)] == targets[held]).mean()
            print(f"  {name:18s} {int(held.sum()):4d} lines: sentence vectors {right[0]:.3f}, grams {right[1]:.3f}, "
                  f"both {right[2]:.3f}; nearest phrasing {nearest:.3f}")
    fit_and_save(CLASSIFIER, labels, vectors, texts, targets, args.model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
