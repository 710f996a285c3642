"""Solves the instance optimally with OR-Tools' min-cost flow, checks both assignments (OR-Tools'
and Swift's) against every rule, and compares.

Usage: compare.py INSTANCE.jsonl SWIFT_RESULT.jsonl SWIFT_CONFLICTS.csv OUT_DIR

The graph is the full one, nothing compressed: source -> application (capacity N, cost 0),
application -> every reviewer without a conflict (capacity 1, cost -affinity), reviewer -> sink
(capacity = cap, cost 0); solve_max_flow_with_min_cost gives a maximum flow of minimum cost, i.e.
the most reviewers placed and, among those assignments, the highest total affinity.
"""
import sys
import time

import numpy as np
from ortools.graph.python import min_cost_flow

from common import affinity_table, conflict_pairs, load_instance, read_jsonl


def solve_optimum(reviewers, applications, conflicts, affinity):
    n_app, n_rev = len(applications), len(reviewers)
    app_index = {a["id"]: i for i, a in enumerate(applications)}
    rev_index = {r["id"]: j for j, r in enumerate(reviewers)}
    codes = sorted({a["field"] for a in applications} | {r["field"] for r in reviewers})
    code_index = {c: k for k, c in enumerate(codes)}
    table = np.array([[affinity(rc, ac) for ac in codes] for rc in codes], dtype=np.int64)  # [reviewer field, app field]
    app_field = np.array([code_index[a["field"]] for a in applications])
    rev_field = np.array([code_index[r["field"]] for r in reviewers])

    allowed = np.ones((n_app, n_rev), dtype=bool)
    for a_id, r_id in conflicts:
        allowed[app_index[a_id], rev_index[r_id]] = False
    app_of, rev_of = np.nonzero(allowed)  # row-major: by application, then reviewer
    costs = -table[rev_field[rev_of], app_field[app_of]]

    source, sink = n_app + n_rev, n_app + n_rev + 1
    start = time.perf_counter()
    flow = min_cost_flow.SimpleMinCostFlow()
    needs = np.array([a.get("need", 3) for a in applications], dtype=np.int64)
    caps = np.array([r["cap"] for r in reviewers], dtype=np.int64)
    flow.add_arcs_with_capacity_and_unit_cost(
        np.full(n_app, source), np.arange(n_app), needs, np.zeros(n_app, dtype=np.int64))
    first_pair_arc = n_app
    flow.add_arcs_with_capacity_and_unit_cost(
        app_of.astype(np.int64), (n_app + rev_of).astype(np.int64), np.ones(len(app_of), dtype=np.int64), costs)
    flow.add_arcs_with_capacity_and_unit_cost(
        n_app + np.arange(n_rev), np.full(n_rev, sink), caps, np.zeros(n_rev, dtype=np.int64))
    flow.set_node_supply(source, int(needs.sum()))
    flow.set_node_supply(sink, -int(needs.sum()))
    built = time.perf_counter()
    status = flow.solve_max_flow_with_min_cost()
    solved = time.perf_counter()
    if status != flow.OPTIMAL:
        sys.exit(f"OR-Tools: status {status}")
    flows = flow.flows(np.arange(first_pair_arc, first_pair_arc + len(app_of)))
    used = np.nonzero(flows)[0]
    assignment = {a["id"]: [] for a in applications}
    for k in used:
        assignment[applications[app_of[k]]["id"]].append(reviewers[rev_of[k]]["id"])
    return assignment, -flow.optimal_cost(), built - start, solved - built, len(app_of)


def check(name, assignment, reviewers, applications, conflicts, affinity):
    """Every rule: N distinct reviewers, no conflict, no cap exceeded. Returns (total affinity, placed)."""
    fields = {r["id"]: r["field"] for r in reviewers}
    caps = {r["id"]: r["cap"] for r in reviewers}
    load = {r["id"]: 0 for r in reviewers}
    total = placed = short = 0
    problems = []
    for a in applications:
        got = assignment.get(a["id"], [])
        if len(set(got)) != len(got):
            problems.append(f"{a['id']}: a reviewer twice")
        if len(got) != a.get("need", 3):
            short += 1
        for r in got:
            if r not in fields:
                problems.append(f"{a['id']}: unknown reviewer {r}")
                continue
            if (a["id"], r) in conflicts:
                problems.append(f"{a['id']}: conflict with reviewer {r}")
            load[r] += 1
            total += affinity(fields[r], a["field"])
            placed += 1
    problems += [f"reviewer {r} above cap ({load[r]} > {caps[r]})" for r in load if load[r] > caps[r]]
    if problems:
        print(f"{name}: INVALID: {len(problems)} problems, e.g. {problems[:5]}")
        sys.exit(1)
    coverage = "every application has its N reviewers" if short == 0 else f"{short} applications short of N reviewers"
    print(f"{name}: valid ({coverage}, "
          f"no conflict, no cap exceeded); total affinity {total}, {placed} places")
    return total, placed


def main():
    instance, swift_result, swift_conflicts_path, out_dir = sys.argv[1:5]
    fields, reviewers, applications = load_instance(instance)
    affinity = affinity_table(fields)

    start = time.perf_counter()
    conflicts = conflict_pairs(reviewers, applications)
    print(f"python conflicts: {len(conflicts)} distinct pairs in {time.perf_counter() - start:.2f} s")
    swift_conflicts = set()
    with open(swift_conflicts_path) as handle:
        for line in handle:
            if line.strip():
                a, r = line.split(",")
                swift_conflicts.add((int(a), int(r)))
    if swift_conflicts != conflicts:
        print(f"CONFLICT MISMATCH: only Swift {len(swift_conflicts - conflicts)}, only Python {len(conflicts - swift_conflicts)}; "
              f"e.g. {sorted(swift_conflicts ^ conflicts)[:5]}")
        sys.exit(1)
    print("conflicts: Swift's ConflictRules and the Python rules agree pair for pair")

    swift = {x["application"]: x["reviewers"] for x in read_jsonl(swift_result)}
    swift_total, swift_placed = check("swift", swift, reviewers, applications, conflicts, affinity)

    optimum_assignment, optimum, build_time, solve_time, arcs = solve_optimum(reviewers, applications, conflicts, affinity)
    print(f"ortools graph: {arcs} application-reviewer arcs, built in {build_time:.2f} s")
    print(f"ortools time: {solve_time:.2f} s (solve_max_flow_with_min_cost)")
    print(f"ortools optimum: {optimum}")
    or_total, or_placed = check("ortools", optimum_assignment, reviewers, applications, conflicts, affinity)
    if or_total != optimum:
        sys.exit("OR-Tools' flows do not add up to its optimal cost")
    with open(f"{out_dir}/ortools-result.jsonl", "w") as out:
        for a in applications:
            out.write(f'{{"application":{a["id"]},"reviewers":{sorted(optimum_assignment[a["id"]])}}}\n')
    if swift_placed != or_placed:
        print(f"PLACES DIFFER: Swift placed {swift_placed}, the maximum is {or_placed}")
        sys.exit(1)
    print(f"ratio: {100.0 * swift_total / optimum:.4f} % of the optimum")


if __name__ == "__main__":
    main()
