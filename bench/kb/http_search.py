#!/usr/bin/env python3
"""The knowledge base benchmark over HTTP (bench/kb.sh).

  http_search.py convert --out DIR
      DIR/articles.jsonl (generate.py) -> DIR/import.jsonl for `yingcai kb import`.
  http_search.py query --out DIR --url URL --label NAME [--sqlite FILE | --psql URL]
      signs in as bench-admin, loads bench/kb/synonyms.csv through PUT /api/v1/kb/synonyms, asks every query
      of DIR/queries.jsonl through GET /api/v1/kb/search (one warm-up round, then ROUNDS timed rounds,
      one request at a time), and prints recall@5, MRR and the latency percentiles (each query's in
      DIR/details-NAME.jsonl). The physical reference in the same run: the server's first step for each query
      (every word in the titles; expressions from `kb-bench export`, DIR/sample-queries.jsonl) run straight on
      the database — sqlite3 on the file, or psql with \\timing.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
CATEGORY = {"办事指南": "service", "政策解读": "inquiry", "咨询": "inquiry", "求助": "help", "投诉": "complaint", "建议": "suggestion"}
ROUNDS = int(os.environ.get("ROUNDS", "3"))


def convert(out):
    n = 0
    with open(out / "articles.jsonl", encoding="utf-8") as src, open(out / "import.jsonl", "w", encoding="utf-8") as dst:
        for line in src:
            a = json.loads(line)
            keywords = [k for k in a.get("keywords", []) if len(k) <= 20 and "|" not in k][:20]
            dst.write(json.dumps({"title": a["title"], "body": a["body"], "category": CATEGORY.get(a["category"], "inquiry"),
                                  "keywords": keywords, "items": a.get("catalogCodes", [])[:10], "scope": a["scope"],
                                  "effectiveOn": "2026-01-01", "orgCode": "500000:HRSS"}, ensure_ascii=False) + "\n")
            n += 1
    print(f"convert: {n} articles -> {out / 'import.jsonl'}")


def call(url, method="GET", token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read() or b"{}")


def percentile(values, p):
    values = sorted(values)
    return values[max(0, -(-p * len(values) // 100) - 1)]


def synonym_groups():
    groups = []
    for line in open(HERE / "synonyms.csv", encoding="utf-8"):
        if line.startswith("#"):
            continue
        words = [w.strip() for w in re.split(r"[,，、]", line) if w.strip()]
        if words:
            groups.append(words[:12])
    return groups


def raw_reference(out, sqlite_file, psql_url):
    """The server's first step (every word, in the titles, ranked) as plain SQL on the database: its time per query."""
    expressions = {}
    for line in open(out / "sample-queries.jsonl", encoding="utf-8"):
        e = json.loads(line)
        if e["mode"] == "strict":
            expressions[e["id"]] = e
    times = []
    if sqlite_file:
        import sqlite3
        db = sqlite3.connect(f"file:{sqlite_file}?mode=ro", uri=True)
        sql = "SELECT f.rowid FROM kb_titles f WHERE f.kb_titles MATCH ? ORDER BY f.rank, f.rowid LIMIT 18"
        for rnd in range(ROUNDS + 1):
            for e in expressions.values():
                t0 = time.perf_counter()
                db.execute(sql, (e["fts5"],)).fetchall()
                if rnd:
                    times.append((time.perf_counter() - t0) * 1000)
    else:
        script = ["\\timing on"]
        for rnd in range(ROUNDS + 1):
            for e in expressions.values():
                q = e["tsquery"].replace("'", "''")
                script.append(f"SELECT s.article_id FROM kb_search s, to_tsquery('simple', '{q}') q "
                              f"WHERE s.title_tsv @@ q ORDER BY ts_rank(s.title_tsv, q, 1) DESC, s.article_id LIMIT 18;")
        run = subprocess.run(["psql", psql_url, "-q", "-o", "/dev/null", "-X"], input="\n".join(script), capture_output=True, text=True, check=True)
        all_times = [float(m) for m in re.findall(r"Time: ([0-9.]+) ms", run.stdout + run.stderr)]
        times = all_times[len(expressions):]
    return times


def query(args):
    out = Path(args.out)
    base = args.url.rstrip("/")
    token = call(base + "/api/v1/auth/login", "POST", body={"username": "bench-admin", "password": "bench-password-1"})["token"]
    call(base + "/api/v1/kb/synonyms", "PUT", token, {"groups": synonym_groups()})
    queries = [json.loads(line) for line in open(out / "queries.jsonl", encoding="utf-8")]
    titles = {}
    for line in open(out / "articles.jsonl", encoding="utf-8"):
        a = json.loads(line)
        titles[a["title"]] = a["id"]
    latencies, ranked, slowest = [], {}, {}
    for rnd in range(ROUNDS + 1):
        for q in queries:
            url = base + "/api/v1/kb/search?limit=10&q=" + urllib.parse.quote(q["query"])
            t0 = time.perf_counter()
            hits = call(url, token=token)["items"]
            ms = (time.perf_counter() - t0) * 1000
            if rnd == 0:
                ranked[q["id"]] = [titles.get(h["title"]) for h in hits]
            else:
                latencies.append(ms)
                slowest[q["id"]] = max(ms, slowest.get(q["id"], 0))
    recall = mrr = 0.0
    details = []
    for q in queries:
        relevant = set(q["relevant"])
        top = ranked[q["id"]]
        r5 = sum(1 for r in top[:5] if r in relevant) / max(1, min(5, len(relevant)))
        recall += r5
        mrr += next((1 / (k + 1) for k, r in enumerate(top[:10]) if r in relevant), 0.0)
        details.append({"id": q["id"], "query": q["query"], "class": q["class"], "recall@5": r5, "slowest_ms": round(slowest.get(q["id"], 0), 2), "top": top})
    with open(out / f"details-{args.label}.jsonl", "w", encoding="utf-8") as f:
        for d in details:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    n = len(queries)
    raw = raw_reference(out, args.sqlite, args.psql)
    print(f"RESULT {args.label:8} over HTTP: recall@5 {recall / n:.3f}  MRR {mrr / n:.3f}  "
          f"p50 {percentile(latencies, 50):.2f} ms  p95 {percentile(latencies, 95):.2f} ms  ({len(latencies)} requests, one at a time)")
    print(f"RESULT {args.label:8} raw SQL (first step: every word in the titles, same database): p50 {percentile(raw, 50):.2f} ms  p95 {percentile(raw, 95):.2f} ms")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("command", choices=["convert", "query"])
    ap.add_argument("--out", default=str(HERE.parent / "out" / "kb"))
    ap.add_argument("--url")
    ap.add_argument("--label", default="")
    ap.add_argument("--sqlite")
    ap.add_argument("--psql")
    args = ap.parse_args()
    if args.command == "convert":
        convert(Path(args.out))
    else:
        query(args)


if __name__ == "__main__":
    sys.exit(main())
