#!/usr/bin/env python3
"""Builds the hotline knowledge base (热线知识库) benchmark: articles and queries with ground truth.

Usage: generate.py [--articles N] [--seed S] [--out DIR]        (defaults: 100000, 20261203, bench/out)

Articles are written from the product's service catalog (68 items: names, departments, materials, forms,
descriptions, time limits), the organisation data (departments, districts) and background sentences of the
seed news reports (/work/shared/seeds). Every article is generated FROM a topic assignment — one catalog item
(the topic), one aspect (申请条件, 所需材料 …), one scope (the city or a district) and one wording variant of
the item's key term (落户 / 入户 / 户口迁入: editors word things differently) — and that assignment is kept in
the article's record. Queries are hand-written below with the intent they express (topics, optionally an aspect
and a district); their ground truth is every article whose assignment fits that intent. No search engine is
involved in building the ground truth.

Outputs (JSON lines, UTF-8): DIR/articles.jsonl, DIR/queries.jsonl.
"""
import argparse
import json
import os
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CATALOG = HERE.parent.parent / "Sources/YingcaiCore/Resources/service-catalog.json"
DEFAULT_ORGS = HERE.parent.parent / "Sources/YingcaiCore/Resources/orgs.json"
DEFAULT_SEEDS = HERE.parent.parent.parent / "shared/seeds"

# Wording variants of an item's key term: (the term as the catalog writes it, [other wordings]).
# An article uses one wording throughout its title and body; the synonym table (synonyms.csv) lists the same
# equivalences, as the product's editors would.
VARIANTS = {
    "YC-P-001": ("落户", ["入户", "户口迁入"]),
    "YC-P-002": ("随迁落户", ["随迁入户"]),
    "YC-P-003": ("随迁落户", ["随迁入户"]),
    "YC-P-005": ("出入境证件", ["护照和港澳通行证"]),
    "YC-P-006": ("签证及居留许可", ["签证和居留证"]),
    "YC-P-009": ("外国人来华工作许可", ["外国人工作许可证", "外国人工作证"]),
    "YC-P-010": ("人事档案转存", ["档案托管", "人事档案转递"]),
    "YC-P-011": ("社会保险关系转移接续", ["社保关系转移", "社保转移"]),
    "YC-P-014": ("子女义务教育阶段入学", ["子女入学", "子女就学"]),
    "YC-P-015": ("子女学前教育入园", ["子女入园", "孩子上幼儿园"]),
    "YC-P-018": ("医疗保健绿色通道", ["医疗绿色通道", "就医绿色通道"]),
    "YC-P-020": ("年度健康体检", ["年度体检"]),
    "YC-P-021": ("人才公寓", ["人才住房", "人才房"]),
    "YC-P-022": ("公租房", ["公共租赁住房"]),
    "YC-P-023": ("住房公积金租房提取", ["公积金租房提取", "提取公积金付房租"]),
    "YC-P-024": ("重庆英才卡", ["英才卡", "英才服务卡"]),
    "YC-P-025": ("人才层次认定", ["人才认定", "人才类别认定"]),
    "YC-P-026": ("人才管家", ["人才专员"]),
    "YC-L-001": ("安家补贴", ["安家费", "安家补助"]),
    "YC-L-002": ("购房补贴", ["购房补助", "买房补贴"]),
    "YC-L-003": ("租房补贴", ["租赁补贴", "房租补贴"]),
    "YC-L-004": ("博士硕士生活补贴", ["博士硕士生活津贴", "研究生生活补助"]),
    "YC-L-007": ("职称评定", ["职称评审"]),
    "YC-L-013": ("科技计划项目", ["科技项目"]),
    "YC-L-015": ("博士后资助", ["博后资助"]),
    "YC-L-017": ("知识价值信用贷款", ["知识价值信用贷"]),
    "YC-L-018": ("创业担保贷款贴息", ["创业贷款贴息"]),
    "YC-L-019": ("院士专家工作站", ["院士工作站"]),
    "YC-M-015": ("贵宾通道", ["VIP通道"]),
}

# What each article is about within its item. Title wordings of an aspect all share its head word.
ASPECTS = {
    "条件": ["申请条件", "申报条件", "准入条件", "资格条件"],
    "材料": ["所需材料", "申请材料清单", "材料目录", "需要准备的材料"],
    "流程": ["办理流程", "办事流程", "申请流程", "办理步骤"],
    "时限": ["办理时限", "办结时限", "承诺时限说明"],
    "解读": ["政策解读", "政策要点", "政策问答"],
    "渠道": ["受理渠道", "办理渠道与地点", "线上办理渠道"],
    "答复": ["热线答复", "来电答复", "诉求答复"],
    "指南": ["办事指南", "服务指南", "办理指引"],
}

HOTLINE_CATEGORIES = ["咨询", "求助", "投诉", "建议"]
DEPARTMENT_TOPIC = {
    "PSB": "户籍出入境", "HRSS": "人事人才", "EDU": "教育", "HEALTH": "医疗卫生", "HOUSING": "住房保障",
    "HPF": "住房保障", "TALENT": "人才服务", "SCI": "科技创新", "STAFFING": "人事人才", "FINREG": "金融服务",
    "JUSTICE": "法律服务", "MARKET": "市场监管", "FINANCE": "财税", "CULTOUR": "文化旅游", "TRANSPORT": "交通出行",
    "ECON": "产业发展", "CAST": "科技创新", "UNION": "劳动权益", "HOTLINE": "热线服务",
}
CHANNEL_WORDS = {"web": "重庆英才网上服务平台", "wechat": "“重庆英才”微信公众号", "phone": "12345热线", "window": "人才服务窗口"}
TIER_WORDS = {"A": "顶尖人才", "B": "领军人才", "C": "拔尖人才", "D": "骨干人才", "E": "青年和基础人才"}

# How callers phrase a question in an article of the hotline kind (not the benchmark's queries).
CALLER_LINES = [
    "来电人反映，其{tier}身份已认定，想了解{name}的具体要求。",
    "市民来电称，单位刚引进一批{tier}，询问{name}如何办理。",
    "来电人表示，{name}提交后一直未收到回复，请求协调处理。",
    "来电人建议简化{name}的办理环节，推行全程网办。",
    "来电人投诉{name}窗口工作人员解释不清、多次往返。",
    "来电人咨询{name}是否可以委托他人代办。",
]
ANSWERS = [
    "经{dept}核实，已电话回复来电人并告知办理要求，来电人表示认可。",
    "{dept}已安排专人对接，将在{days}个工作日内办结并反馈结果。",
    "经核查，相关材料符合要求，{dept}已于当日受理。",
    "已将来电人建议转{dept}研究，后续将优化办理流程。",
]
ASPECT_LEADS = {
    "条件": "申请{name}应当符合以下条件：属于{tiers}，在{scope}依法签订劳动合同或聘用合同并正常缴纳社会保险。",
    "材料": "办理{name}需提交以下材料：{materials}。",
    "流程": "{name}的办理流程：通过{channels}提出申请，填写{fields}等信息，{dept}审核通过后办结。",
    "时限": "{name}承诺办理时限为{commit}个工作日，法定时限为{statutory}个工作日，材料齐全的当场受理。",
    "解读": "{name}是重庆英才“渝快办”的服务事项之一，由{dept}负责，面向{tiers}提供。",
    "渠道": "{name}可通过{channels}办理，也可到{scope}人才服务窗口现场办理。",
    "答复": "关于{name}的来电诉求，{dept}已按规定受理并答复。",
    "指南": "本指南说明{name}的适用对象、办理依据和办理方式，适用于{scope}。",
}
CROSS_REFERENCES = [
    "如需同时办理{other}，请另行提出申请。",
    "已享受{other}的，不影响本事项的申请。",
    "{other}的办理要求另见相关指南。",
]


def load_seeds(folder: Path, banned: list[str]) -> list[str]:
    """Background sentences of the seed reports that speak of talents, services or innovation."""
    sentences = []
    for path in sorted(folder.glob("*.txt")):
        text = re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))
        text = re.sub(r"\s+", "", text)
        for s in re.split(r"[。！？；]", text):
            s = s.strip("■“”\"'　 ")
            if not 15 <= len(s) <= 80:
                continue
            cjk = sum(1 for c in s if "\u4e00" <= c <= "\u9fff")
            if cjk / len(s) <= 0.75 or not any(w in s for w in ("人才", "英才", "服务", "科技", "创新")):
                continue
            # Other wordings of a key term must appear only where an article chose them.
            if any(b in s for b in banned):
                continue
            sentences.append(s + "。")
    return sentences


def reworded(text: str, code: str, variant: str) -> str:
    canonical = VARIANTS.get(code, (None, []))[0]
    return text.replace(canonical, variant) if canonical and variant != canonical else text


def build_articles(n: int, rng: random.Random, catalog: dict, orgs: dict, seeds: list[str]) -> list[dict]:
    items = catalog["items"]
    departments = {d["code"]: d["name"] for d in orgs["departments"]}
    districts = orgs["districts"]
    articles = []
    titles = set()
    for i in range(n):
        item = items[i % len(items)]  # even topic spread: ~1,470 articles per item at 100,000
        code = item["code"]
        canonical, others = VARIANTS.get(code, (None, []))
        variant = canonical
        if canonical and rng.random() < 0.55:
            variant = rng.choice(others)
        name = reworded(item["name"], code, variant)
        aspect = rng.choice(sorted(ASPECTS))
        city_scope = rng.random() < 0.35
        district = None if city_scope else rng.choice(districts)
        scope_name = "全市" if city_scope else district["name"]
        dept_name = departments.get(item["department"], item["department"])
        if district and item.get("handledAt") == "district":
            dept_name = district["name"] + dept_name.split("（")[0]
        category = rng.choice(HOTLINE_CATEGORIES) if aspect == "答复" else rng.choice(["政策解读", "办事指南", "咨询"])
        tiers = "、".join(TIER_WORDS[t] for t in item["eligibleTiers"])
        materials = "、".join(m["name"] for m in item["materials"])
        fields = "、".join(f["label"] for f in item["form"][:3]) or "基本信息"
        channels = "、".join(CHANNEL_WORDS[c] for c in item["channels"])
        fill = dict(name=name, tiers=tiers, scope=scope_name, materials=materials, fields=fields, channels=channels,
                    dept=dept_name, commit=item["commitWorkdays"], statutory=item["statutoryWorkdays"],
                    tier=TIER_WORDS[rng.choice(item["eligibleTiers"])], days=item["commitWorkdays"])

        head = rng.choice(ASPECTS[aspect])
        prefix = "" if city_scope and rng.random() < 0.5 else ("重庆市" if city_scope else district["name"])
        title = None
        for attempt in range(40):
            qualifier = ""
            if attempt > 0 or rng.random() < 0.3:
                year = rng.randint(2019, 2026)
                qualifier = rng.choice([f"（{year}年版）", f"（{year}年修订）",
                                        f"（渝人才办〔{year}〕{rng.randint(1, 199)}号）", f"（第{rng.randint(1, 9999)}期）"])
            if aspect == "答复":
                candidate = f"关于{prefix}{name}{category}的{head}{qualifier}"
            else:
                candidate = f"{prefix}{name}{head}{qualifier}"
            if candidate not in titles and len(candidate) <= 128:
                title = candidate
                break
        if title is None:
            title = f"{prefix}{name}{head}（{i}）"
        titles.add(title)

        body = [ASPECT_LEADS[aspect].format(**fill), reworded(item["description"], code, variant)]
        if aspect == "答复":
            body.insert(0, rng.choice(CALLER_LINES).format(**fill))
            body.append(rng.choice(ANSWERS).format(**fill))
        if aspect in ("材料", "流程") and rng.random() < 0.5:
            body.append(ASPECT_LEADS["时限"].format(**fill))
        related = []
        if rng.random() < 0.6:
            other = rng.choice(items)
            if other["code"] != code:
                related.append(other["code"])
                body.append(rng.choice(CROSS_REFERENCES).format(other=other["name"]))
        for _ in range(rng.randint(1, 4)):
            body.append(rng.choice(seeds))
        body.append(f"咨询电话：{rng.choice(['12345', '12351'])}；受理单位：{dept_name}。")
        if not city_scope:
            body.append(f"本事项适用于在{district['name']}工作或创业的人才。")

        articles.append({
            "id": i + 1,
            "title": title,
            "body": "".join(body),
            "category": category,
            "topic": DEPARTMENT_TOPIC.get(item["department"], "人才服务"),
            "keywords": sorted({name, head, scope_name, DEPARTMENT_TOPIC.get(item["department"], "人才服务")}),
            "catalogCodes": [code] + related,
            "department": dept_name,
            "scope": "500000" if city_scope else district["code"],
            # The generator's own assignment, the basis of the ground truth.
            "truth": {"item": code, "aspect": aspect, "variant": variant},
        })
    return articles


# The queries: (text, class, intent). Intent: items (any of), optionally aspect and district (GB/T 2260 code).
# Classes: short (2–6 characters as callers type), aspect (item + what about it), synonym (a wording that the
# relevant articles mostly do not use), district, single (a one-character word mixed in), question (longer).
def q(text, cls, items, aspect=None, district=None):
    return {"query": text, "class": cls, "items": items, "aspect": aspect, "district": district}


LUOHU = ["YC-P-001", "YC-P-002", "YC-P-003"]
QUERIES = [
    # short: one per catalog item, in the callers' words
    q("落户", "short", LUOHU), q("人才落户", "short", ["YC-P-001"]), q("配偶子女随迁", "short", ["YC-P-002"]),
    q("父母随迁", "short", ["YC-P-003"]), q("居住证", "short", ["YC-P-004"]), q("出入境绿色通道", "short", ["YC-P-005"]),
    q("外籍人才签证", "short", ["YC-P-006"]), q("永久居留", "short", ["YC-P-007"]), q("驾驶证换领", "short", ["YC-P-008"]),
    q("来华工作许可", "short", ["YC-P-009"]), q("档案转存", "short", ["YC-P-010"]), q("社保转移", "short", ["YC-P-011"]),
    q("配偶就业", "short", ["YC-P-012"]), q("博士后进站", "short", ["YC-P-013"]), q("子女入学", "short", ["YC-P-014"]),
    q("入园", "short", ["YC-P-015"]), q("高中转学", "short", ["YC-P-016"]), q("托育", "short", ["YC-P-017"]),
    q("医疗绿色通道", "short", ["YC-P-018"]), q("医疗保健待遇", "short", ["YC-P-019"]), q("体检", "short", ["YC-P-020"]),
    q("人才公寓", "short", ["YC-P-021"]), q("公租房", "short", ["YC-P-022"]), q("公积金提取", "short", ["YC-P-023"]),
    q("英才卡", "short", ["YC-P-024"]), q("人才认定", "short", ["YC-P-025"]), q("人才管家", "short", ["YC-P-026"]),
    q("热线诉求", "short", ["YC-P-027"]), q("劳动权益", "short", ["YC-P-028"]), q("安家补贴", "short", ["YC-L-001"]),
    q("购房补贴", "short", ["YC-L-002"]), q("租房补贴", "short", ["YC-L-003"]), q("博士生活补贴", "short", ["YC-L-004"]),
    q("公积金安居", "short", ["YC-L-005"]), q("用编上编", "short", ["YC-L-006"]), q("职称评定", "short", ["YC-L-007"]),
    q("二级岗位", "short", ["YC-L-008"]), q("英才计划申报", "short", ["YC-L-009"]), q("包干制", "short", ["YC-L-010"]),
    q("成果转化奖励", "short", ["YC-L-011"]), q("成果赋权", "short", ["YC-L-012"]), q("科技计划项目", "short", ["YC-L-013"]),
    q("博士直通车", "short", ["YC-L-014"]), q("博士后资助", "short", ["YC-L-015"]), q("一人一策", "short", ["YC-L-016"]),
    q("知识价值信用贷款", "short", ["YC-L-017"]), q("创业担保贷款", "short", ["YC-L-018"]), q("院士专家工作站", "short", ["YC-L-019"]),
    q("杰出英才奖", "short", ["YC-L-020"]), q("引才奖励", "short", ["YC-L-021"]), q("技能提升补贴", "short", ["YC-L-022"]),
    q("职业资格互认", "short", ["YC-L-023"]), q("留学回国创业", "short", ["YC-L-024"]), q("人才商业保险", "short", ["YC-M-001"]),
    q("人才贷", "short", ["YC-M-002"]), q("股权融资", "short", ["YC-M-003"]), q("科创板挂牌", "short", ["YC-M-004"]),
    q("律师服务", "short", ["YC-M-005"]), q("公证", "short", ["YC-M-006"]), q("知识产权维权", "short", ["YC-M-007"]),
    q("检验检测", "short", ["YC-M-008"]), q("技术转移", "short", ["YC-M-009"]), q("创业孵化", "short", ["YC-M-010"]),
    q("科研仪器共享", "short", ["YC-M-011"]), q("人力资源服务", "short", ["YC-M-012"]), q("代理记账", "short", ["YC-M-013"]),
    q("文化旅游", "short", ["YC-M-014"]), q("高铁贵宾通道", "short", ["YC-M-015"]), q("算力对接", "short", ["YC-M-016"]),
    q("公积金", "short", ["YC-P-023", "YC-L-005"]), q("博士后", "short", ["YC-P-013", "YC-L-015"]),
    q("绿色通道", "short", ["YC-P-005", "YC-P-018", "YC-L-006", "YC-L-007"]),
    # aspect: an item and what about it
    q("落户材料", "aspect", LUOHU, "材料"), q("人才公寓申请条件", "aspect", ["YC-P-021"], "条件"),
    q("英才卡办理流程", "aspect", ["YC-P-024"], "流程"), q("安家补贴材料", "aspect", ["YC-L-001"], "材料"),
    q("租房补贴条件", "aspect", ["YC-L-003"], "条件"), q("购房补贴办理时限", "aspect", ["YC-L-002"], "时限"),
    q("职称评定流程", "aspect", ["YC-L-007"], "流程"), q("子女入学材料", "aspect", ["YC-P-014"], "材料"),
    q("居住证办理时限", "aspect", ["YC-P-004"], "时限"), q("档案转存流程", "aspect", ["YC-P-010"], "流程"),
    q("社保转移材料", "aspect", ["YC-P-011"], "材料"), q("公租房申请条件", "aspect", ["YC-P-022"], "条件"),
    q("博士后资助条件", "aspect", ["YC-L-015"], "条件"), q("人才认定材料", "aspect", ["YC-P-025"], "材料"),
    q("工作许可办理流程", "aspect", ["YC-P-009"], "流程"), q("永久居留推荐条件", "aspect", ["YC-P-007"], "条件"),
    q("医疗绿色通道政策解读", "aspect", ["YC-P-018"], "解读"), q("英才卡政策解读", "aspect", ["YC-P-024"], "解读"),
    q("人才公寓受理渠道", "aspect", ["YC-P-021"], "渠道"), q("安家补贴热线答复", "aspect", ["YC-L-001"], "答复"),
    q("落户办事指南", "aspect", LUOHU, "指南"), q("租房补贴办事指南", "aspect", ["YC-L-003"], "指南"),
    q("创业担保贷款材料", "aspect", ["YC-L-018"], "材料"), q("知识价值信用贷款条件", "aspect", ["YC-L-017"], "条件"),
    q("成果转化奖励流程", "aspect", ["YC-L-011"], "流程"), q("技能提升补贴条件", "aspect", ["YC-L-022"], "条件"),
    q("驾驶证换领材料", "aspect", ["YC-P-008"], "材料"), q("托育服务时限", "aspect", ["YC-P-017"], "时限"),
    q("体检办理渠道", "aspect", ["YC-P-020"], "渠道"), q("签证居留许可材料", "aspect", ["YC-P-006"], "材料"),
    q("公积金提取流程", "aspect", ["YC-P-023"], "流程"), q("科创板挂牌条件", "aspect", ["YC-M-004"], "条件"),
    q("院士工作站申报条件", "aspect", ["YC-L-019"], "条件"), q("英才计划申报材料", "aspect", ["YC-L-009"], "材料"),
    q("入园 材料", "aspect", ["YC-P-015"], "材料"), q("人才贷 办理流程", "aspect", ["YC-M-002"], "流程"),
    q("公证 办理时限", "aspect", ["YC-M-006"], "时限"), q("引才奖励 条件", "aspect", ["YC-L-021"], "条件"),
    q("人才公寓流程", "aspect", ["YC-P-021"], "流程"), q("英才卡材料", "aspect", ["YC-P-024"], "材料"),
    q("落户要多久", "aspect", LUOHU, "时限"), q("英才卡多长时间", "aspect", ["YC-P-024"], "时限"),
    q("人才公寓要什么资料", "aspect", ["YC-P-021"], "材料"), q("安家补贴申请步骤", "aspect", ["YC-L-001"], "流程"),
    q("职称评审资格", "aspect", ["YC-L-007"], "条件"), q("博士生活补贴 办结时限", "aspect", ["YC-L-004"], "时限"),
    # synonym: a wording most relevant articles do not use
    q("入户", "synonym", LUOHU), q("户口迁入", "synonym", LUOHU), q("人才房", "synonym", ["YC-P-021"]),
    q("人才住房", "synonym", ["YC-P-021"]), q("安家费", "synonym", ["YC-L-001"]), q("安家补助", "synonym", ["YC-L-001"]),
    q("房租补贴", "synonym", ["YC-L-003"]), q("租赁补贴", "synonym", ["YC-L-003"]), q("买房补贴", "synonym", ["YC-L-002"]),
    q("孩子上学", "synonym", ["YC-P-014"]), q("子女就学", "synonym", ["YC-P-014"]), q("孩子上幼儿园", "synonym", ["YC-P-015"]),
    q("就医绿色通道", "synonym", ["YC-P-018"]), q("看病绿色通道", "synonym", ["YC-P-018"]), q("英才服务卡", "synonym", ["YC-P-024"]),
    q("外国人工作证", "synonym", ["YC-P-009"]), q("外国人工作许可证", "synonym", ["YC-P-009"]), q("博后资助", "synonym", ["YC-L-015"]),
    q("档案托管", "synonym", ["YC-P-010"]), q("社保关系转移", "synonym", ["YC-P-011"]), q("职称评审", "synonym", ["YC-L-007"]),
    q("研究生生活补助", "synonym", ["YC-L-004"]), q("人才类别认定", "synonym", ["YC-P-025"]), q("人才专员", "synonym", ["YC-P-026"]),
    q("创业贷款贴息", "synonym", ["YC-L-018"]), q("院士工作站", "synonym", ["YC-L-019"]), q("VIP通道", "synonym", ["YC-M-015"]),
    q("ｖｉｐ通道", "synonym", ["YC-M-015"]), q("公共租赁住房", "synonym", ["YC-P-022"]), q("年度体检", "synonym", ["YC-P-020"]),
    q("提取公积金付房租", "synonym", ["YC-P-023"]), q("随迁入户", "synonym", ["YC-P-002", "YC-P-003"]),
    # district: an item in one district (the articles scoped to it)
    q("渝北区人才公寓", "district", ["YC-P-021"], None, "500112"), q("江北 落户", "district", LUOHU, None, "500105"),
    q("沙坪坝 租房补贴", "district", ["YC-L-003"], None, "500106"), q("万州英才卡", "district", ["YC-P-024"], None, "500101"),
    q("九龙坡 安家补贴", "district", ["YC-L-001"], None, "500107"), q("南岸区子女入学", "district", ["YC-P-014"], None, "500108"),
    q("涪陵 公租房", "district", ["YC-P-022"], None, "500102"), q("渝中区 人才认定", "district", ["YC-P-025"], None, "500103"),
    q("北碚 档案转存", "district", ["YC-P-010"], None, "500109"), q("巴南 社保转移", "district", ["YC-P-011"], None, "500113"),
    q("永川区购房补贴", "district", ["YC-L-002"], None, "500118"), q("江津 职称评定", "district", ["YC-L-007"], None, "500116"),
    q("合川 人才管家", "district", ["YC-P-026"], None, "500117"), q("璧山区 创业孵化", "district", ["YC-M-010"], None, "500120"),
    q("大渡口 居住证", "district", ["YC-P-004"], None, "500104"), q("长寿 技能提升补贴", "district", ["YC-L-022"], None, "500115"),
    q("綦江 医疗绿色通道", "district", ["YC-P-018"], None, "500110"), q("荣昌 人才贷", "district", ["YC-M-002"], None, "500153"),
    q("开州 入户", "district", LUOHU, None, "500154"), q("渝北 人才房", "district", ["YC-P-021"], None, "500112"),
    q("南川区安家费", "district", ["YC-L-001"], None, "500119"), q("黔江 英才服务卡", "district", ["YC-P-024"], None, "500114"),
    q("铜梁区租赁补贴", "district", ["YC-L-003"], None, "500151"), q("大足 孩子上学", "district", ["YC-P-014"], None, "500111"),
    q("梁平 公积金提取", "district", ["YC-P-023"], None, "500155"),
    # single: a one-character word mixed in
    q("英才 卡", "single", ["YC-P-024"]), q("房 补贴", "single", ["YC-L-002", "YC-L-003"]),
    q("办英才卡", "single", ["YC-P-024"]), q("社保 转", "single", ["YC-P-011"]), q("档案 转", "single", ["YC-P-010"]),
    q("贷款 贴息", "single", ["YC-L-018"]), q("公积金 租房", "single", ["YC-P-023"]), q("博士 后 资助", "single", ["YC-L-015"]),
    q("外籍 签证", "single", ["YC-P-006"]), q("租 房 补贴", "single", ["YC-L-003"]), q("买 房 补贴", "single", ["YC-L-002"]),
    q("子女 学", "single", ["YC-P-014", "YC-P-015", "YC-P-016"]), q("公寓 租", "single", ["YC-P-021"]),
    q("安家 费", "single", ["YC-L-001"]), q("落户 证", "single", LUOHU), q("入园 娃", "single", ["YC-P-015"]),
    q("英才卡 补", "single", ["YC-P-024"]), q("职称 评", "single", ["YC-L-007"]),
    # question: longer, as spoken
    q("我是博士刚来重庆工作，怎么办理落户？", "question", ["YC-P-001"]),
    q("人才公寓申请需要哪些材料", "question", ["YC-P-021"], "材料"),
    q("孩子上学有什么政策", "question", ["YC-P-014", "YC-P-015", "YC-P-016"]),
    q("外籍专家怎么申请工作许可", "question", ["YC-P-009"]),
    q("公积金能不能用来付房租", "question", ["YC-P-023"]),
    q("英才卡怎么申请，需要什么条件？", "question", ["YC-P-024"], "条件"),
    q("请问安家补贴多久能办下来", "question", ["YC-L-001"], "时限"),
    q("租房补贴在哪里申请", "question", ["YC-L-003"], "渠道"),
    q("我爱人跟我来重庆，能帮忙找工作吗", "question", ["YC-P-012"]),
    q("父母可以随我迁户口吗", "question", ["YC-P-003"]),
    q("看病有没有绿色通道", "question", ["YC-P-018"]),
    q("人事档案应该放在哪里", "question", ["YC-P-010"]),
    q("从外地转过来社保怎么接续", "question", ["YC-P-011"]),
    q("博士后进站有什么流程", "question", ["YC-P-013"], "流程"),
    q("想买房，有没有购房补贴", "question", ["YC-L-002"]),
    q("职称评定有绿色通道吗", "question", ["YC-L-007"]),
    q("科技成果转化奖励比例是多少", "question", ["YC-L-011"]),
    q("创业担保贷款怎么贴息", "question", ["YC-L-018"]),
    q("留学回国想创业有什么支持", "question", ["YC-L-024"]),
    q("外籍人才怎么办永久居留", "question", ["YC-P-007"]),
    q("境外驾照在重庆能换吗", "question", ["YC-P-008"]),
    q("人才公寓什么时候可以入住，要排队多久", "question", ["YC-P-021"], "时限"),
    q("申请人才认定要准备什么材料", "question", ["YC-P-025"], "材料"),
    q("安家费是一次性发放吗", "question", ["YC-L-001"]),
    q("硕士毕业来渝工作有生活补贴吗", "question", ["YC-L-004"]),
    q("单位引进人才有奖励吗", "question", ["YC-L-021"]),
    q("英才卡可以享受哪些服务", "question", ["YC-P-024"]),
    q("孩子上幼儿园怎么安排", "question", ["YC-P-015"]),
    q("我想咨询一下知识价值信用贷款的办理流程", "question", ["YC-L-017"], "流程"),
    q("人才管家能帮我代办吗", "question", ["YC-P-026"]),
    q("入户要提交什么资料", "question", LUOHU, "材料"),
    q("公租房怎么申请，条件是什么", "question", ["YC-P-022"], "条件"),
    q("高层次人才体检怎么预约", "question", ["YC-P-020"]),
    q("居住证过期了怎么办", "question", ["YC-P-004"]),
    q("技能提升补贴能领多少", "question", ["YC-L-022"]),
    q("川渝职业资格能互认吗", "question", ["YC-L-023"]),
    q("租房补贴的办理流程是怎样的", "question", ["YC-L-003"], "流程"),
    q("落户的政策解读在哪里看", "question", LUOHU, "解读"),
    q("劳动权益受到侵害找谁", "question", ["YC-P-028"]),
    q("ＶＩＰ通道怎么预约？", "question", ["YC-M-015"]),
]


def ground_truth(query: dict, articles: list[dict]) -> list[int]:
    items = set(query["items"])
    out = []
    for a in articles:
        t = a["truth"]
        if t["item"] not in items:
            continue
        if query["aspect"] and t["aspect"] != query["aspect"]:
            continue
        if query["district"] and a["scope"] != query["district"]:
            continue
        out.append(a["id"])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=20261203)
    ap.add_argument("--out", default=str(HERE.parent / "out"))
    ap.add_argument("--catalog", default=str(DEFAULT_CATALOG))
    ap.add_argument("--orgs", default=str(DEFAULT_ORGS))
    ap.add_argument("--seeds", default=str(DEFAULT_SEEDS))
    args = ap.parse_args()

    rng = random.Random(args.seed)
    catalog = json.loads(Path(args.catalog).read_text(encoding="utf-8"))
    orgs = json.loads(Path(args.orgs).read_text(encoding="utf-8"))
    banned = sorted({v for _, others in VARIANTS.values() for v in others})
    seeds = load_seeds(Path(args.seeds), banned)
    if not seeds:
        sys.exit(f"no background sentences found in {args.seeds}")
    articles = build_articles(args.articles, rng, catalog, orgs, seeds)

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "articles.jsonl", "w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    empty = 0
    with open(out / "queries.jsonl", "w", encoding="utf-8") as f:
        for i, query in enumerate(QUERIES):
            relevant = ground_truth(query, articles)
            empty += not relevant
            f.write(json.dumps({"id": i + 1, **query, "relevant": relevant}, ensure_ascii=False) + "\n")
    lengths = sorted(len(a["body"]) for a in articles)
    print(f"generated {len(articles)} articles (body median {lengths[len(lengths) // 2]} characters, "
          f"{len(seeds)} background sentences) and {len(QUERIES)} queries "
          f"({empty} without relevant articles) in {out}")
    if empty:
        sys.exit("every query must have relevant articles")


if __name__ == "__main__":
    main()
