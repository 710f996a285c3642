#!/usr/bin/env python3
"""The reference the product's search is compared with: jieba segmentation + BM25Okapi (rank-bm25).

Usage: reference.py [--out DIR] [--dump]      (reads DIR/articles.jsonl and DIR/queries.jsonl; default bench/out)

Each article is indexed as its title and body together (title + "\n" + body), segmented by jieba in its default
(precise) mode with its default dictionary; each query is segmented the same way. Both sides are first folded
as the product folds text (NFKC: full-width → half-width; lower case), and tokens that hold no letter or digit
(punctuation, spaces) are dropped. BM25Okapi with the library's defaults (k1 1.5, b 0.75, epsilon 0.25) scores
every article; the ten best with a positive score are the ranking. No synonyms: the reference knows no table.

Metrics, computed exactly as kb-bench computes them: recall@5 = |top 5 ∩ relevant| / min(5, |relevant|);
MRR = mean of 1 / rank of the first relevant article in the top 10 (0 when none).
"""
import argparse
import json
import logging
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

import jieba
import numpy as np
from rank_bm25 import BM25Okapi

HERE = Path(__file__).resolve().parent


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def words(text: str) -> list[str]:
    return [w for w in jieba.lcut(fold(text)) if any(c.isalnum() for c in w)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(HERE.parent / "out"))
    ap.add_argument("--dump", action="store_true", help="write DIR/reference-runs.jsonl")
    args = ap.parse_args()
    out = Path(args.out)
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()

    started = time.time()
    articles = [json.loads(line) for line in open(out / "articles.jsonl", encoding="utf-8")]
    queries = [json.loads(line) for line in open(out / "queries.jsonl", encoding="utf-8")]
    corpus = [words(a["title"] + "\n" + a["body"]) for a in articles]
    bm25 = BM25Okapi(corpus)
    ids = np.array([a["id"] for a in articles])
    print(f"reference: segmented and indexed {len(articles)} articles in {time.time() - started:.1f} s "
          f"(jieba {jieba.__version__}); {len(queries)} queries")

    totals = defaultdict(lambda: [0.0, 0.0, 0])
    times = []
    runs = []
    for query in queries:
        t0 = time.perf_counter()
        scores = bm25.get_scores(words(query["query"]))
        top = np.argsort(-scores, kind="stable")[:10]
        ranked = [int(ids[i]) for i in top if scores[i] > 0]
        times.append((time.perf_counter() - t0) * 1000)
        relevant = set(query["relevant"])
        recall = sum(1 for r in ranked[:5] if r in relevant) / max(1, min(5, len(relevant)))
        rr = next((1 / (k + 1) for k, r in enumerate(ranked[:10]) if r in relevant), 0.0)
        for key in ("all", query["class"]):
            totals[key][0] += recall
            totals[key][1] += rr
            totals[key][2] += 1
        runs.append({"id": query["id"], "ranked": ranked})
    if args.dump:
        with open(out / "reference-runs.jsonl", "w", encoding="utf-8") as f:
            for r in runs:
                f.write(json.dumps(r) + "\n")
    for key in sorted(k for k in totals if k != "all"):
        r, m, n = totals[key]
        print(f"  class {key:9} n={n}  recall@5 {r / n:.3f}  MRR {m / n:.3f}")
    r, m, n = totals["all"]
    times.sort()
    p95 = times[max(0, -(-95 * len(times) // 100) - 1)]
    print(f"RESULT jieba+BM25Okapi:      recall@5 {r / n:.3f}  MRR {m / n:.3f}  p95 {p95:.2f} ms "
          f"(in memory, {n} queries)")


if __name__ == "__main__":
    main()
