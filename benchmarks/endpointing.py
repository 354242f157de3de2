"""End-of-utterance tiers on the written dev material: how often a whole sentence ends at the short pause (the
latency side) and how often a sentence cut after any word would (the cut-off risk).

    .venv/bin/python benchmarks/endpointing.py [--before] [--no-semantic] [--cuts FILE] [--cache FILE]

For every line of the development material (../shared/dev-set/utterances.jsonl, tests/data/unseen.jsonl and
tests/data/blind/{dev,sealed,sealed2,dev6}.jsonl; never the other sealed sets) the full text and every
word prefix of it are understood once by the real Assistant (with the semantic model, as the voice loop
runs, unless --no-semantic) and given an end tier by core/utterance_end.py, as Hearing gives a confident
transcript (PocketSphinx's partial words):

- full sentences, per kind: the share that is SURE (answered at the short pause) and SURE+MAYBE (at the
  middle pause at the latest); the rest wait the long pause;
- prefixes (a sentence cut after its 1st, 2nd, ... word, as a pause mid-sentence would cut it): the share
  that is SURE (a short pause there would cut the speaker off) and SURE+MAYBE (a middle pause would).

--before judges as main did before the tiers (understood or a red flag: the short pause, else the long one),
so before and after are compared on the same understanding. --cuts writes the SURE prefixes to a file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from voice_assistant.app.assistant import Assistant  # noqa: E402
from voice_assistant.core.content import RedFlagLevel  # noqa: E402
from voice_assistant.core.loader import load_content  # noqa: E402
from voice_assistant.core.matching import MatchBand  # noqa: E402
from voice_assistant.core.utterance_end import EndTier, end_tier, words_of  # noqa: E402

FILES = [ROOT.parent / "shared" / "dev-set" / "utterances.jsonl", ROOT / "tests" / "data" / "unseen.jsonl"] + [
    ROOT / "tests" / "data" / "blind" / f"{name}.jsonl" for name in ("dev", "sealed", "sealed2", "dev6")
]
"""The development material; the sealed evaluation sets (sealed3 and later) are never read."""


def _lines() -> list[tuple[str, list[str]]]:
    """(kind, words) of every line of FILES."""
    found = []
    for path in FILES:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                item = json.loads(line)
                words = words_of(item["text"])
                if words:
                    found.append((str(item["kind"]), words))
    return found


def main() -> int:
    """Judge every sentence and prefix and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", action="store_true", help="judge as before the tiers (understood: short pause)")
    parser.add_argument("--no-semantic", action="store_true", help="understand with the word matcher alone")
    parser.add_argument("--cuts", type=Path, help="write the prefixes a short pause would end to this file")
    parser.add_argument("--cache", type=Path, help="keep what each text was understood as in this JSON file (rules tried again fast)")
    args = parser.parse_args()
    content = load_content()
    semantic = None
    if not args.no_semantic and not (args.cache and args.cache.exists()):
        from voice_assistant.app.semantic import load_semantic

        semantic, problem = load_semantic(content, cache_dir=ROOT / "models" / "semantic-cache")
        if problem:
            print(f"semantic model: {problem}")
    assistant = Assistant(content, region="US", semantic=semantic)
    known: dict[str, list[bool]] = json.loads(args.cache.read_text()) if args.cache and args.cache.exists() else {}

    def tier(words: list[str]) -> EndTier:
        text = " ".join(words)
        if text not in known:
            understanding = assistant.understand(text)
            known[text] = [understanding.match.band is MatchBand.ANSWER, understanding.red_flag.level is not RedFlagLevel.NONE]
        understood, flagged = known[text]
        if args.before:
            return EndTier.SURE if understood or flagged else EndTier.NO
        return end_tier(words, understood, flagged)

    full: dict[str, Counter[EndTier]] = defaultdict(Counter)
    prefixes: dict[str, Counter[EndTier]] = defaultdict(Counter)
    cut_sentences: Counter[str] = Counter()
    cuts: list[str] = []
    lines = _lines()
    for kind, words in lines:
        full[kind][tier(words)] += 1
        any_cut = False
        for end in range(1, len(words)):
            found = tier(words[:end])
            prefixes[kind][found] += 1
            if found is EndTier.SURE:
                any_cut = True
                cuts.append(f"{' '.join(words[:end])} | {' '.join(words[end:])}")
        cut_sentences[kind] += any_cut
    print(f"{'before (understood: short pause)' if args.before else 'end tiers'}, {len(lines)} sentences, "
          f"{'understood with the word matcher' if args.no_semantic else 'understood with the semantic model'}"
          f"{f' (as kept in {args.cache})' if args.cache else ''}")
    print(f"{'kind':13} {'n':>5} {'full SURE':>9} {'full S+M':>9} {'prefixes':>8} {'pre SURE':>8} {'pre S+M':>8} {'cut-prone':>9}")
    totals: dict[str, Counter[EndTier]] = {"full": Counter(), "prefix": Counter()}
    for kind in sorted(full):
        n, p = sum(full[kind].values()), sum(prefixes[kind].values())
        totals["full"].update(full[kind])
        totals["prefix"].update(prefixes[kind])
        print(f"{kind:13} {n:5} {_share(full[kind], n, EndTier.SURE):9.3f} {_share(full[kind], n, EndTier.SURE, EndTier.MAYBE):9.3f} "
              f"{p:8} {_share(prefixes[kind], p, EndTier.SURE):8.3f} {_share(prefixes[kind], p, EndTier.SURE, EndTier.MAYBE):8.3f} "
              f"{cut_sentences[kind] / n:9.3f}")
    n, p = sum(totals["full"].values()), sum(totals["prefix"].values())
    print(f"{'all':13} {n:5} {_share(totals['full'], n, EndTier.SURE):9.3f} {_share(totals['full'], n, EndTier.SURE, EndTier.MAYBE):9.3f} "
          f"{p:8} {_share(totals['prefix'], p, EndTier.SURE):8.3f} {_share(totals['prefix'], p, EndTier.SURE, EndTier.MAYBE):8.3f} "
          f"{sum(cut_sentences.values()) / n:9.3f}")
    print("cut-prone: the share of sentences with at least one SURE prefix (a short pause after that word cuts them)")
    if args.cache:
        args.cache.write_text(json.dumps(known), encoding="utf-8")
    if args.cuts:
        args.cuts.write_text("\n".join(cuts) + "\n", encoding="utf-8")
    return 0


def _share(counts: Counter[EndTier], total: int, *tiers: EndTier) -> float:
    return sum(counts[tier] for tier in tiers) / total if total else 0.0


if __name__ == "__main__":
    sys.exit(main())
