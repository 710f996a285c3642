"""Shared by the generator and the checker: reading JSON lines, the employer normalisation and
the conflict-of-interest rules, written independently of the Swift module so each checks the other."""
import json


def read_jsonl(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def normalise_employer(name):
    """The same rule as Swift's EmployerName: drop whitespace, full-width ASCII to ASCII, lower-case ASCII."""
    out = []
    for ch in name:
        if ch.isspace():
            continue
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:
            code -= 0xFEE0
        if 0x41 <= code <= 0x5A:
            code += 0x20
        out.append(chr(code))
    return "".join(out)


def affinity_table(fields):
    """affinity(reviewer field, application field): 3 same field, 2 same discipline, 1 otherwise."""
    discipline = {f["code"]: f["discipline"] for f in fields}

    def affinity(reviewer_field, application_field):
        if reviewer_field == application_field:
            return 3
        return 2 if discipline[reviewer_field] == discipline[application_field] else 1

    return affinity


def load_instance(path):
    items = read_jsonl(path)
    reviewers = [x for x in items if x["kind"] == "reviewer"]
    applications = [x for x in items if x["kind"] == "application"]
    fields = [x for x in items if x["kind"] == "field"]
    return fields, reviewers, applications


def conflict_pairs(reviewers, applications):
    """Every (application id, reviewer id) pair in conflict, by a plain pairwise definition made fast
    with dictionaries: same talent, team member, same employer, declared collaborator, excluded by
    the applicant, recused by the reviewer."""
    by_talent, by_employer, by_collaborator, by_recusal = {}, {}, {}, {}
    for r in reviewers:
        if r.get("talent_id") is not None:
            by_talent.setdefault(r["talent_id"], []).append(r["id"])
        key = normalise_employer(r.get("employer", ""))
        if key:
            by_employer.setdefault(key, []).append(r["id"])
        for t in r.get("collaborators", []):
            by_collaborator.setdefault(t, []).append(r["id"])
        for a in r.get("recused", []):
            by_recusal.setdefault(a, []).append(r["id"])
    pairs = set()
    for a in applications:
        people = [a["applicant"]] + a.get("team", [])
        found = set()
        for t in people:
            found.update(by_talent.get(t, []))
            found.update(by_collaborator.get(t, []))
        for e in a.get("employers", []):
            found.update(by_employer.get(normalise_employer(e), []))
        for x in a.get("exclusions", []):
            found.add(x["reviewer"])
        found.update(by_recusal.get(a["id"], []))
        pairs.update((a["id"], r) for r in found)
    return pairs
