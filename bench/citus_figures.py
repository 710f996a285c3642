#!/usr/bin/env python3
"""Where a figures request's time goes on Citus (used by bench/citus-figures.sh).

Reads the statements one `GET /api/v1/metrics/work-orders` sent, as logged by the coordinator and by
one worker (log_min_duration_statement = 0), and writes each as a pgbench script with its
parameters inlined: the coordinator's queries exactly as the application sent them, and the shard
queries exactly as Citus sent them to the worker.

Usage: citus_figures.py COORDINATOR_LOG WORKER_LOG OUT_DIR
Prints one line per script: `<where> <file> <what>`.
"""
import re
import sys

ENTRY = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ UTC \[(\d+)\] (\w+):  (.*)$")


def entries(path):
    """(pid, level, text) of each log entry, continuation lines joined."""
    out = []
    for line in open(path, encoding="utf-8", errors="replace"):
        m = ENTRY.match(line.rstrip("\n"))
        if m:
            out.append([m.group(1), m.group(2), m.group(3)])
        elif out:
            out[-1][2] += "\n" + line.rstrip("\n")
    return out


def literal(value):
    # pgbench reads `:name` as a variable: a colon inside a literal is spelled with chr(58).
    if ":" not in value:
        return "'" + value + "'"
    return "(" + " || chr(58) || ".join("'" + p + "'" for p in value.split(":")) + ")"


def statements(path, wanted):
    """The executed statements matching `wanted`, parameters inlined, each once."""
    found, seen = [], set()
    log = entries(path)
    for i, (pid, level, text) in enumerate(log):
        m = re.match(r"duration: [\d.]+ ms  (?:execute [^:]*|statement): (.*)", text, re.S)
        if not m or not wanted(m.group(1)):
            continue
        sql = m.group(1)
        # Its parameters follow as a DETAIL of the same backend.
        for pid2, level2, text2 in log[i + 1:i + 3]:
            if pid2 == pid and level2 == "DETAIL" and text2.startswith("parameters: "):
                params = dict(re.findall(r"\$(\d+) = '((?:[^']|'')*)'", text2))
                for n in sorted(params, key=int, reverse=True):
                    sql = re.sub(r"\$" + n + r"(?!\d)", literal(params[n]), sql)
                break
        if sql not in seen:
            seen.add(sql)
            found.append(sql)
    return found


def main():
    coordinator, worker, out = sys.argv[1:4]
    figures = statements(coordinator, lambda s: "work_order_stats" in s or "work_order_open" in s)
    shards = statements(worker, lambda s: re.search(r"work_order_stats_month_\d+", s) is not None)
    if not figures or not shards:
        sys.exit("no figures statements in the logs")
    for n, sql in enumerate(figures):
        what = ("districts' whole months" if "work_order_stats_month" in sql
                else "districts' cut months' days, by sign" if re.search(r"AS sign\b", sql)
                else "departments" if "lead_org" in sql and "GROUP BY" in sql
                else "live counts" if "work_order_open" in sql else "totals")
        path = f"{out}/coordinator-{n}.sql"
        open(path, "w").write(" ".join(sql.split()) + ";\n")
        print("coordinator", path, what)
    path = f"{out}/shard.sql"
    open(path, "w").write(" ".join(shards[0].split()) + ";\n")
    print("worker", path, "the districts' months query on one shard")
    # The fan-out alone: one count per district over the same rows, through the coordinator.
    path = f"{out}/count.sql"
    open(path, "w").write("SELECT district_code, count(*) FROM work_order_stats_month GROUP BY district_code;\n")
    print("coordinator", path, "one count a district (the fan-out without the 32 sums)")


if __name__ == "__main__":
    main()
