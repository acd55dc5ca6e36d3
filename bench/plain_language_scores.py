"""Precision and recall of the plain-language checker on its corpus, per rule and overall,
and the time one check takes. Run: .venv/bin/python bench/plain_language_scores.py"""

import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stafett_app.domain.plain_language import Kind, Rule, check

HERE = Path(__file__).resolve().parent.parent / "tests" / "unit"
CORPUS = HERE / "plain_language_corpus.json"  # the development corpus
HELD_OUT = HERE / "plain_language_heldout.json"  # written after the rules, never tuned against


def score(corpus: list[dict]) -> dict[str, dict[str, float]]:
    true_pos, false_pos, false_neg = Counter(), Counter(), Counter()
    for item in corpus:
        expected = Counter(item["expected"])
        found = Counter(f.rule.value for f in check(item["text"], Kind(item["kind"])))
        for rule in set(expected) | set(found):
            hit = min(expected[rule], found[rule])
            true_pos[rule] += hit
            false_pos[rule] += found[rule] - hit
            false_neg[rule] += expected[rule] - hit
    rows = {}
    for rule in [r.value for r in Rule] + ["all"]:
        tp = sum(true_pos.values()) if rule == "all" else true_pos[rule]
        fp = sum(false_pos.values()) if rule == "all" else false_pos[rule]
        fn = sum(false_neg.values()) if rule == "all" else false_neg[rule]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows[rule] = {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}
    return rows


def report(name: str, path: Path) -> list[dict]:
    corpus = json.loads(path.read_text(encoding="utf-8"))
    rows = score(corpus)
    print(f"\n{name}: {len(corpus)} sentences ({sum(1 for c in corpus if c['lang'] == 'nn')} nynorsk)")
    print(f"{'rule':<18}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}{'f1':>7}")
    for rule, r in rows.items():
        print(
            f"{rule:<18}{r['tp']:>5}{r['fp']:>5}{r['fn']:>5}{r['precision']:>11.3f}{r['recall']:>8.3f}{r['f1']:>7.3f}"
        )
    return corpus


def main() -> None:
    corpus = report("development corpus", CORPUS)
    report("held-out set", HELD_OUT)
    repeats = 50
    started = time.perf_counter()
    for _ in range(repeats):
        for item in corpus:
            check(item["text"], Kind(item["kind"]))
    per_check = (time.perf_counter() - started) / (repeats * len(corpus))
    long_text = " ".join(c["text"] for c in corpus)[:2000]
    started = time.perf_counter()
    for _ in range(repeats):
        check(long_text)
    per_text = (time.perf_counter() - started) / repeats
    print(f"time per sentence: {per_check * 1e6:.1f} µs; a 2000-character text: {per_text * 1e3:.2f} ms")


if __name__ == "__main__":
    main()
