"""Generates a reviewer-assignment instance as JSON lines (seeded, so reproducible).

Usage: generate.py FIELDS.jsonl OUT.jsonl [--applications 10000] [--reviewers 2000] [--seed 1]

Realistic shape: employers of very different sizes (a few universities and hospitals with many
reviewers and applicants, a long tail of companies), each with a main discipline; reviewers and
applicants mostly in their employer's discipline, with field popularity that differs between the
two (so some fields are oversubscribed); caps 15-20; 8 % team applications with 2-5 members; some
reviewers who are themselves applicants or team members; declared collaborators; 10 % of
applications excluding 1-3 reviewers; some reviewer recusals; employer names typed with stray
spaces and full-width characters. Conflicts come out at about 1-3 % of all pairs.
"""
import argparse
import json
import random

from common import read_jsonl

SPECIALS = ["outstanding_scientist", "master_teacher", "innovation_leader", "skills_leader", "young_top_talent"]
REASONS = ["学术观点存在分歧", "曾有竞争关系", "近三年有项目纠纷", "同一课题组前成员"]


def employer_names(rng, count, disciplines):
    """(name, main discipline) for `count` employers: universities and hospitals first (the big ones)."""
    big = [
        ("重庆大学", None), ("西南大学", None), ("重庆医科大学", "biomedicine"), ("重庆邮电大学", "information_technology"),
        ("重庆交通大学", "advanced_manufacturing"), ("重庆理工大学", "advanced_manufacturing"), ("西南政法大学", "economics_management"),
        ("重庆师范大学", "education_culture"), ("四川外国语大学", "education_culture"), ("重庆工商大学", "economics_management"),
        ("陆军军医大学", "biomedicine"), ("重庆医科大学附属第一医院", "biomedicine"), ("中国科学院重庆绿色智能技术研究院", "new_materials"),
        ("重庆市农业科学院", "modern_agriculture"), ("长安汽车股份有限公司", "advanced_manufacturing"),
    ]
    names = []
    for name, discipline in big:
        names.append((name, discipline or rng.choice(disciplines)))
    kinds = ["科技有限公司", "信息技术有限公司", "生物医药有限公司", "新材料股份有限公司", "智能制造有限公司", "农业发展有限公司",
             "职业技术学院", "人民医院", "研究院", "能源有限公司"]
    places = ["渝北", "两江", "沙坪坝", "九龙坡", "南岸", "江北", "巴南", "北碚", "永川", "涪陵", "万州", "合川", "璧山", "江津"]
    i = 0
    while len(names) < count:
        i += 1
        prefix = rng.choice(places) + "".join(rng.choice("华创博新智远星宏泰德睿科") for _ in range(2))
        if rng.random() < 0.15:
            prefix += rng.choice(["ABC", "XYZ", "CQ", "Smart"])
        names.append((f"重庆{prefix}{rng.choice(kinds)}{i}", rng.choice(disciplines)))
    return names


def variant(rng, name):
    """The same employer typed differently now and then: spaces, full-width letters and brackets."""
    roll = rng.random()
    if roll < 0.04:
        cut = rng.randrange(1, len(name))
        return name[:cut] + " " + name[cut:]
    if roll < 0.07:
        return "".join(chr(ord(c) + 0xFEE0) if "A" <= c <= "z" else c for c in name) + "\u3000"
    if roll < 0.09:
        return " " + name.upper() + " "
    return name


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("fields")
    parser.add_argument("out")
    parser.add_argument("--applications", type=int, default=10000)
    parser.add_argument("--reviewers", type=int, default=2000)
    parser.add_argument("--employers", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cap-min", type=int, default=15)
    parser.add_argument("--cap-max", type=int, default=20)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    fields = [f for f in read_jsonl(args.fields) if f["kind"] == "field"]
    disciplines = sorted({f["discipline"] for f in fields})
    fields_of = {d: [f["code"] for f in fields if f["discipline"] == d] for d in disciplines}
    codes = [f["code"] for f in fields]
    # Popularity: applications and reviewers weigh fields differently, so some are oversubscribed.
    app_weight = {c: rng.uniform(0.3, 3.0) for c in codes}
    rev_weight = {c: app_weight[c] * rng.uniform(0.4, 1.8) for c in codes}

    employers = employer_names(rng, args.employers, disciplines)
    # Zipf-like sizes: the big institutions dominate both reviewers and applicants.
    employer_weight = [1.0 / (rank + 3) ** 1.05 for rank in range(len(employers))]

    def pick_field(discipline, weights):
        if rng.random() < 0.8:
            pool = fields_of[discipline]
        else:
            pool = codes
        return rng.choices(pool, weights=[weights[c] for c in pool])[0]

    applications = []
    talent = 1_000_000
    team_members = []
    for i in range(args.applications):
        e = rng.choices(range(len(employers)), weights=employer_weight)[0]
        name, discipline = employers[e]
        field = pick_field(discipline, app_weight)
        talent += 1
        app = {"kind": "application", "id": 500_000 + i, "applicant": talent, "team": [], "employers": [variant(rng, name)],
               "exclusions": [], "field": field, "need": 3, "employer_index": e}
        if rng.random() < 0.08:
            app["special"] = "demonstration_team"
            for _ in range(rng.randint(2, 5)):
                talent += 1
                app["team"].append(talent)
                team_members.append(talent)
                other = e if rng.random() < 0.5 else rng.choices(range(len(employers)), weights=employer_weight)[0]
                app["employers"].append(variant(rng, employers[other][0]))
        else:
            app["special"] = rng.choice(SPECIALS)
        applications.append(app)

    reviewers = []
    for j in range(args.reviewers):
        e = rng.choices(range(len(employers)), weights=employer_weight)[0]
        name, discipline = employers[e]
        reviewers.append({"kind": "reviewer", "id": 10_000 + j, "talent_id": None, "employer": variant(rng, name),
                          "collaborators": [], "recused": [], "field": pick_field(discipline, rev_weight),
                          "cap": rng.randint(args.cap_min, args.cap_max), "employer_index": e})

    by_employer, by_field = {}, {}
    for app in applications:
        by_employer.setdefault(app["employer_index"], []).append(app)
        by_field.setdefault(app["field"], []).append(app)
    reviewers_by_field = {}
    for r in reviewers:
        reviewers_by_field.setdefault(r["field"], []).append(r)

    # Reviewers who are themselves applicants (about 1 %) or team members (about 0.5 %).
    for r in rng.sample(reviewers, len(reviewers) // 100):
        r["talent_id"] = rng.choice(applications)["applicant"]
    for r in rng.sample(reviewers, len(reviewers) // 200):
        if team_members:
            r["talent_id"] = rng.choice(team_members)
    # Declared collaborators: 5-25 talents, mostly colleagues, else people of the same field.
    for r in reviewers:
        colleagues = by_employer.get(r["employer_index"], [])
        peers = by_field.get(r["field"], [])
        chosen = set()
        for _ in range(rng.randint(5, 25)):
            pool = colleagues if colleagues and rng.random() < 0.6 else peers
            if pool:
                app = rng.choice(pool)
                chosen.add(rng.choice([app["applicant"]] + app["team"]))
        r["collaborators"] = sorted(chosen)
    # 申请回避: 10 % of applications exclude 1-3 reviewers of their field, with a reason.
    for app in applications:
        pool = reviewers_by_field.get(app["field"], [])
        if pool and rng.random() < 0.10:
            for r in rng.sample(pool, min(len(pool), rng.randint(1, 3))):
                app["exclusions"].append({"reviewer": r["id"], "reason": rng.choice(REASONS)})
    # 主动回避: 5 % of reviewers recuse themselves from 1-3 applications of their field.
    for r in reviewers:
        pool = by_field.get(r["field"], [])
        if pool and rng.random() < 0.05:
            r["recused"] = sorted(a["id"] for a in rng.sample(pool, min(len(pool), rng.randint(1, 3))))

    with open(args.out, "w", encoding="utf-8") as out:
        out.write(json.dumps({"kind": "meta", "seed": args.seed, "applications": len(applications),
                              "reviewers": len(reviewers)}) + "\n")
        for f in fields:
            out.write(json.dumps(f, ensure_ascii=False) + "\n")
        for r in reviewers:
            r = {k: v for k, v in r.items() if k != "employer_index"}
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
        for app in applications:
            app = {k: v for k, v in app.items() if k != "employer_index"}
            out.write(json.dumps(app, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
