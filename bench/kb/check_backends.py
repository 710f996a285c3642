#!/usr/bin/env python3
"""Checks the stored tokens and the query expressions against the real backends.

Usage: check_backends.py [--out DIR] [--no-pg]        (after `kb-bench export --out DIR`)

Reads DIR/sample-tokens.jsonl (stored token text of the first N articles) and DIR/sample-queries.jsonl (each
query's strict/core/relaxed expression in FTS5 and tsquery syntax, with the in-memory index's match count, top
ten and scores over the same N articles), then:

SQLite FTS5 (Python's sqlite3), table `kb_fts(title, body)` with tokenize='unicode61' and rank bm25(4.0, 1.0):
  1. every stored token is exactly one unicode61 token, at the position the tokenizer gave it (fts5vocab
     'instance'), so unicode61 neither splits nor merges nor folds any token;
  2. every MATCH expression parses, matches exactly the in-memory index's articles (count), and ranks them
     with the same scores (to 1e-9) as KnowledgeIndex.

PostgreSQL (a throwaway cluster on a free loopback port, when initdb is installed; --no-pg skips it), table
with tsv = setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B'):
  3. every stored token is exactly one lexeme at its position (unnest(tsv));
  4. every tsquery parses with to_tsquery('simple', …) and matches exactly the same number of articles;
     the overlap of PostgreSQL's top ten (PG_RANK) with BM25's is reported (a different ranking function).
Exits non-zero on any mismatch.
"""
import argparse
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load(out: Path):
    articles = [json.loads(line) for line in open(out / "sample-tokens.jsonl", encoding="utf-8")]
    queries = [json.loads(line) for line in open(out / "sample-queries.jsonl", encoding="utf-8")]
    return articles, queries


def check_sqlite(articles, queries) -> int:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE kb_fts USING fts5(title, body, tokenize='unicode61')")
    db.execute("INSERT INTO kb_fts(kb_fts, rank) VALUES('rank', 'bm25(4.0, 1.0)')")
    db.execute("CREATE VIRTUAL TABLE kb_vocab USING fts5vocab(kb_fts, 'instance')")
    db.executemany("INSERT INTO kb_fts(rowid, title, body) VALUES(?, ?, ?)",
                   [(a["id"], a["title"], a["body"]) for a in articles])
    failures = 0

    expected = {}
    for a in articles:
        for col in ("title", "body"):
            for pos, tok in enumerate(a[col].split(" ") if a[col] else []):
                expected[(a["id"], col, pos)] = tok
    seen = {(doc, col, off): term for term, doc, col, off in db.execute("SELECT term, doc, col, offset FROM kb_vocab")}
    if seen != expected:
        diff = [k for k in set(seen) | set(expected) if seen.get(k) != expected.get(k)][:5]
        print(f"  SQLite: {len(diff)}+ token positions differ, e.g. " +
              ", ".join(f"{k}: stored {expected.get(k)!r} unicode61 {seen.get(k)!r}" for k in diff))
        failures += 1
    print(f"SQLite {sqlite3.sqlite_version} unicode61: {len(expected)} stored tokens, "
          f"{'each one token at its position' if seen == expected else 'MISMATCH'}")

    checked = 0
    for q in queries:
        try:
            count = db.execute("SELECT count(*) FROM kb_fts WHERE kb_fts MATCH ?", (q["fts5"],)).fetchone()[0]
            rows = db.execute("SELECT rowid, -rank FROM kb_fts WHERE kb_fts MATCH ? ORDER BY rank, rowid LIMIT 10",
                              (q["fts5"],)).fetchall()
        except sqlite3.Error as e:
            print(f"  SQLite rejects {q['mode']} of {q['query']!r}: {q['fts5']} ({e})")
            failures += 1
            continue
        ok = count == q["matches"] and len(rows) == len(q["top"])
        ok = ok and all(abs(s - e) < 1e-9 for (_, s), e in zip(rows, q["scores"]))
        # Equal scores may come in another order; the scores agreeing settles the ranking.
        ok = ok and all(r == t or abs(s - e) < 1e-9 for (r, s), t, e in zip(rows, q["top"], q["scores"]))
        if not ok:
            failures += 1
            if failures <= 10:
                print(f"  SQLite differs on {q['mode']} {q['query']!r}: count {count} vs {q['matches']}, "
                      f"top {[r for r, _ in rows]} vs {q['top']}")
        checked += 1
    print(f"SQLite FTS5: {checked} expressions parsed; matches and bm25 scores "
          f"{'equal the in-memory index' if failures == 0 else 'DIFFER'}")
    return failures


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def pg_bindir():
    for d in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (d / "initdb").exists():
            return d
    return None


# The ranking the README recommends for PostgreSQL: ts_rank with the title (A) four times the body (B), as
# bm25(kb_fts, 4.0, 1.0), and the score divided by 1 + log(length), BM25's length normalisation in spirit.
PG_RANK = "ts_rank('{0.1, 0.2, 0.25, 1.0}', tsv, q, 1)"


def check_postgres(articles, queries, rank=PG_RANK) -> int:
    bindir = pg_bindir()
    if bindir is None:
        print("PostgreSQL: initdb not installed, skipped (apt-get install postgresql to check it)")
        return 0
    work = Path(tempfile.mkdtemp(prefix="kb-pg."))
    run_as = []
    if os.geteuid() == 0:
        shutil.chown(work, "postgres", "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    data = work / "data"
    psql = [str(bindir / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", "postgres",
            "-v", "ON_ERROR_STOP=1", "-qAt", "-F", "\t"]
    failures = 0
    try:
        subprocess.run(run_as + [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                                 "--encoding=UTF8", "--locale=C.UTF-8"], check=True, capture_output=True)
        subprocess.run(run_as + [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(work / "log"), "-w", "start",
                                 "-o", f"-c listen_addresses=127.0.0.1 -p {port} -k {work}"],
                       check=True, capture_output=True)
        version = subprocess.run(psql + ["-c", "SHOW server_version"], check=True, capture_output=True,
                                 text=True).stdout.strip()
        rows = work / "rows.tsv"
        with open(rows, "w", encoding="utf-8") as f:
            for a in articles:
                f.write(f"{a['id']}\t{a['title']}\t{a['body']}\n")
        os.chmod(rows, 0o644)
        setup = f"""
CREATE TABLE kb (id int PRIMARY KEY, title_tokens text, body_tokens text, tsv tsvector);
\\copy kb (id, title_tokens, body_tokens) FROM '{rows}'
UPDATE kb SET tsv = setweight(to_tsvector('simple', title_tokens), 'A')
                 || setweight(to_tsvector('simple', body_tokens), 'B');
CREATE INDEX kb_tsv ON kb USING gin (tsv);
"""
        subprocess.run(psql, input=setup, check=True, capture_output=True, text=True)
        lexemes = subprocess.run(psql + ["-c", "SELECT id, lexeme, p FROM kb, unnest(tsv) u, unnest(u.positions) p"],
                                 check=True, capture_output=True, text=True).stdout
        seen = set()
        for line in lexemes.splitlines():
            i, lexeme, p = line.split("\t")
            seen.add((int(i), lexeme, int(p)))
        expected = set()
        for a in articles:
            t = a["title"].split(" ") if a["title"] else []
            b = a["body"].split(" ") if a["body"] else []
            # to_tsvector counts positions from 1; the concatenation shifts the body by the title's last one.
            expected |= {(a["id"], tok, k + 1) for k, tok in enumerate(t)}
            expected |= {(a["id"], tok, len(t) + k + 1) for k, tok in enumerate(b)}
        # tsvector keeps at most 256 positions per lexeme and positions up to 16383: none reached here.
        same = seen == expected
        failures += not same
        print(f"PostgreSQL {version} simple: {len(expected)} stored tokens, "
              f"{'each one lexeme at its position' if same else 'MISMATCH'}")
        if not same:
            print("  e.g. missing", sorted(expected - seen)[:5], "unexpected", sorted(seen - expected)[:5])

        script = []
        for k, q in enumerate(queries):
            tag = f"$q{k}$"
            query = f"to_tsquery('simple', {tag}{q['tsquery']}{tag})"
            script.append(f"SELECT {k}, count(*), (SELECT string_agg(id::text, ',') FROM (SELECT id FROM kb, "
                          f"{query} q WHERE tsv @@ q ORDER BY {rank} DESC, id LIMIT 10) t) FROM kb "
                          f"WHERE tsv @@ {query};")
        result = subprocess.run(psql, input="\n".join(script), capture_output=True, text=True)
        if result.returncode != 0:
            print("  PostgreSQL rejects a tsquery:", result.stderr.strip()[:300])
            return failures + 1
        overlap = []
        for line in result.stdout.splitlines():
            k, count, top = line.split("\t")
            q = queries[int(k)]
            if int(count) != q["matches"]:
                failures += 1
                if failures <= 10:
                    print(f"  PostgreSQL differs on {q['mode']} {q['query']!r}: {count} vs {q['matches']} matches")
            ranked = [int(x) for x in top.split(",")] if top else []
            if q["top"]:
                overlap.append(len(set(ranked) & set(q["top"])) / len(q["top"]))
        print(f"PostgreSQL: {len(queries)} tsqueries parsed; match counts "
              f"{'equal the in-memory index' if failures == 0 else 'DIFFER'}; the top 10 by {rank} shares "
              f"{100 * sum(overlap) / max(1, len(overlap)):.0f} % with BM25's (a different ranking function)")
    finally:
        subprocess.run(run_as + [str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                       capture_output=True)
        shutil.rmtree(work, ignore_errors=True)
    return failures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(HERE.parent / "out"))
    ap.add_argument("--no-pg", action="store_true")
    ap.add_argument("--pg-rank", default=PG_RANK, help="the SQL ranking expression over tsv and q to compare")
    args = ap.parse_args()
    articles, queries = load(Path(args.out))
    failures = check_sqlite(articles, queries)
    if not args.no_pg:
        failures += check_postgres(articles, queries, args.pg_rank)
    if failures:
        sys.exit(f"check_backends: {failures} mismatches")


if __name__ == "__main__":
    main()
