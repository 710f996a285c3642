#!/usr/bin/env python3
"""The timed part of bench/channels.sh: Open311 GET requests.xml and POST requests, WeChat pushes
sealed by wechatpy, each next to its reference measured in the same run."""
import argparse
import os
import subprocess
import random
import re
import statistics
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import psycopg2
import requests
import xmltodict
from wechatpy.crypto import WeChatCrypto
from wechatpy.utils import WeChatSigner

ap = argparse.ArgumentParser()
ap.add_argument("--url", required=True)
ap.add_argument("--pg", required=True)
ap.add_argument("--token", required=True)
ap.add_argument("--appid", required=True)
ap.add_argument("--aes", required=True)
ap.add_argument("--clients", type=int, default=8)
args = ap.parse_args()
BASE = args.url
local = threading.local()


def session():
    if not hasattr(local, "s"):
        local.s = requests.Session()
    return local.s


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def report(label, millis, extra=""):
    print(f"RESULT {label}: n={len(millis)} p50 {pct(millis, 50):.1f} ms  p95 {pct(millis, 95):.1f} ms  "
          f"p99 {pct(millis, 99):.1f} ms  max {max(millis):.1f} ms{extra}", flush=True)


def timed(jobs, fn, clients):
    """Runs fn(job) for every job on `clients` threads; returns (latencies in ms, results, seconds)."""
    def one(job):
        t0 = time.perf_counter()
        result = fn(job)
        return (time.perf_counter() - t0) * 1000, result
    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        out = list(pool.map(one, jobs))
    return [o[0] for o in out], [o[1] for o in out], time.perf_counter() - t0


def login(username, password="bench-password"):
    r = requests.post(BASE + "/api/v1/auth/login", json={"username": username, "password": password})
    r.raise_for_status()
    return r.json()["token"]


admin = login("bench-admin")
issued = requests.post(BASE + "/api/v1/open311/clients", headers={"Authorization": f"Bearer {admin}"},
                       json={"name": "bench client", "ratePerMinute": 100000})
issued.raise_for_status()
API_KEY = issued.json()["apiKey"]

# --- Open311 GET requests.xml: a full page of 1,000 --------------------------------------------
variants = ["/open311/v2/requests.xml", "/open311/v2/requests.xml?status=open",
            "/open311/v2/requests.xml?service_code=complaint,suggestion", "/open311/v2/requests.xml?page=3"]
probe = requests.get(BASE + variants[0])
count = probe.text.count("<request>")
assert probe.status_code == 200 and count > 0, (probe.status_code, probe.text[:300])
print(f"a page lists {count} requests (the cap is 1,000)", flush=True)
for v in variants:  # warm
    requests.get(BASE + v).raise_for_status()


# Timed with wrk (one connection, 20 s): a Python client spends as long reading a megabyte as the
# server spends writing it.
wrk = subprocess.run(["wrk", "-t1", "-c1", "-d20s", "-s", os.path.join(os.path.dirname(__file__), "..", "get_path.lua"), BASE],
                     env=dict(os.environ, TOKEN="none", PATHS="|".join(variants), LABEL="open311 GET requests.xml (1,000 per page, 4 kinds of page; wrk, 1 connection)"),
                     capture_output=True, text=True, check=True)
print("RESULT " + wrk.stdout.strip().splitlines()[-1], flush=True)

# The reference: the page's own statement, straight on PostgreSQL.
conn = psycopg2.connect(args.pg)
conn.autocommit = True
cur = conn.cursor()
now_ms = int(time.time() * 1000)
ref = []
for i in range(100):
    t0 = time.perf_counter()
    cur.execute("""SELECT order_id, service_code, requested_at, lat, lon, address, address_id, media_url, state, lead_org,
                          handling_deadline, updated_at, status_notes, description
                   FROM open311_requests WHERE requested_at >= %s AND requested_at <= %s
                   ORDER BY requested_at DESC, order_id DESC LIMIT 1000 OFFSET %s""",
                (now_ms - 90 * 86400000, now_ms, (i % 3) * 1000))
    cur.fetchall()
    ref.append((time.perf_counter() - t0) * 1000)
report("reference: the page's SELECT on PostgreSQL, rows fetched by psycopg2 (1 client)", ref)

# --- Open311 POST requests ------------------------------------------------------------------------
districts = ["500112", "500103", "500106", "500105", "500107", "500108"]


def post(i):
    form = {"api_key": API_KEY, "service_code": "complaint" if i % 2 else "YC-P-021", "attribute[district]": districts[i % len(districts)],
            "lat": "29.6%03d" % (i % 1000), "long": "106.5%03d" % (i % 1000), "address_string": f"渝北区金开大道 {i % 300} 号",
            "description": f"小区门口路灯不亮已一周，影响人才公寓住户夜间出行（{i}）", "first_name": "明", "last_name": "王",
            "media_url": f"https://example.org/p/{i}.jpg"}
    if i % 2 == 0:  # 人才公寓配租: the item's required answers
        form.update({"attribute[familySize]": str(1 + i % 4), "attribute[preferredType]": "一室一厅"})
    r = session().post(BASE + "/open311/v2/requests.json", data=form)
    assert r.status_code == 201, r.text[:300]
    return r.json()[0]["service_request_id"]


for i in range(20):
    post(i)  # warm
lat, ids, secs = timed(list(range(20, 1020)), post, args.clients)
report(f"open311 POST requests ({args.clients} clients)", lat, f"  {len(lat) / secs:.0f} req/s")

# --- WeChat pushes --------------------------------------------------------------------------------
crypto = WeChatCrypto(args.token, args.aes, args.appid)
msg_ids = iter(range(random.randint(10**15, 9 * 10**15), 10**19))


def signature(timestamp, nonce):
    signer = WeChatSigner()
    signer.add_data(args.token, timestamp, nonce)
    return signer.signature


def sealed(openid, content, msg_id):
    ts, nonce = str(int(time.time())), str(random.randint(10**8, 10**9))
    xml = ("<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[%s]]></FromUserName><CreateTime>%s</CreateTime>"
           "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[%s]]></Content><MsgId>%d</MsgId></xml>") % (openid, ts, content, msg_id)
    fields = xmltodict.parse(crypto.encrypt_message(xml, nonce, ts))["xml"]
    query = urllib.parse.urlencode({"signature": signature(ts, nonce), "timestamp": ts, "nonce": nonce, "openid": openid,
                                    "encrypt_type": "aes", "msg_signature": fields["MsgSignature"]})
    body = "<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><Encrypt><![CDATA[%s]]></Encrypt></xml>" % fields["Encrypt"]
    return query, body


def push(prepared):
    query, body = prepared
    r = session().post(BASE + "/wechat/mp?" + query, data=body.encode(), headers={"Content-Type": "text/xml"})
    assert r.status_code == 200, r.text[:200]
    if r.text == "success":
        return None
    reply = xmltodict.parse(r.text)["xml"]
    plain = crypto.decrypt_message(r.text, reply["MsgSignature"], reply["TimeStamp"], reply["Nonce"])
    m = re.search(r"YC\d{14,20}", plain)
    return m.group(0) if m else ""


followers = [f"oBench{n:010d}" for n in range(400)]
questions = ["人才公寓怎么申请？", "子女入学需要哪些材料", "安家补贴什么时候发放", "落户需要社保满多久", "引才奖励如何申报"]
first = []
for n in range(1200):
    first.append((followers[n % len(followers)], questions[n % len(questions)] + f"（{n}）", next(msg_ids)))
prepared = [sealed(*m) for m in first]
lat_new, numbers, secs = timed(prepared, push, args.clients)
numbers = [x for x in numbers if x]
# Then a mix as a running account sees it: 查询 of filed orders, WeChat's retries, new questions.
mix = []
for n in range(1200):
    kind = n % 5
    if kind in (0, 1):
        who = n % len(numbers)
        mix.append(sealed(first[who][0], "查询 " + numbers[who], next(msg_ids)))
    elif kind == 2:
        mix.append(sealed(*first[n % len(first)]))  # a retry: same MsgId
    else:
        mix.append(sealed(followers[n % len(followers)], questions[n % 5] + f"（补{n}）", next(msg_ids)))
lat_mix, _, secs_mix = timed(mix, push, args.clients)
report(f"wechat new inquiries, sealed ({args.clients} clients)", lat_new, f"  {len(lat_new) / secs:.0f} msg/s")
report(f"wechat mix: 40% 查询, 20% retries, 40% new ({args.clients} clients)", lat_mix, f"  {len(lat_mix) / secs_mix:.0f} msg/s")
report("wechat all pushes", lat_new + lat_mix)

# The reference: filing through the plain API, same clients.
dispatcher = login("bench-dispatcher")


def file(i):
    r = session().post(BASE + "/api/v1/work-orders", headers={"Authorization": f"Bearer {dispatcher}"},
                       json={"channel": "phone", "category": "inquiry", "title": "咨询人才公寓", "content": f"来电咨询人才公寓申请条件（{i}）",
                             "districtCode": districts[i % len(districts)], "contact": {"name": "来电人"}})
    assert r.status_code == 201, r.text[:200]


lat, _, secs = timed(list(range(1000)), file, args.clients)
report(f"reference: POST /api/v1/work-orders ({args.clients} clients)", lat, f"  {len(lat) / secs:.0f} req/s")
