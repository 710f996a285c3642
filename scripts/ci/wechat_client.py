#!/usr/bin/env python3
"""Drives Yingcai's 公众号 endpoint as WeChat's servers would, with wechatpy (PyPI) building,
signing and sealing every push and opening and reading every reply, and stands in for WeChat's
API (access token, template messages) on a loopback port.

    wechat_client.py BASE_URL FAKE_API_PORT TOKEN APPID AES_KEY

Exits non-zero with the failed check. Run by scripts/ci/wechat.sh.
"""
import json
import random
import re
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests
import xmltodict
from wechatpy import parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.utils import WeChatSigner

BASE, API_PORT, TOKEN, APPID, AES_KEY = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
crypto = WeChatCrypto(TOKEN, AES_KEY, APPID)
ACCOUNT = "gh_yingcai_ci"
checks = 0


def check(condition, what):
    global checks
    if not condition:
        print(f"FAIL: {what}", file=sys.stderr)
        sys.exit(1)
    checks += 1
    print(f"ok  {what}")


# --- WeChat's API, as the product calls it -------------------------------------------------------

class FakeWeChatAPI(BaseHTTPRequestHandler):
    tokens_issued = 0
    sends = []  # (access_token, body)
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        q = urllib.parse.parse_qs(url.query)
        if url.path != "/cgi-bin/token" or q.get("appid") != [APPID] or q.get("secret") != ["ci-app-secret"]:
            return self.answer(200, {"errcode": 40013, "errmsg": "invalid appid"})
        with self.lock:
            FakeWeChatAPI.tokens_issued += 1
            n = FakeWeChatAPI.tokens_issued
        self.answer(200, {"access_token": f"ACCESS-{n}", "expires_in": 7200})

    def do_POST(self):
        url = urllib.parse.urlparse(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
        token = urllib.parse.parse_qs(url.query).get("access_token", [""])[0]
        with self.lock:
            FakeWeChatAPI.sends.append((token, body))
            n = len(FakeWeChatAPI.sends)
        if url.path != "/cgi-bin/message/template/send":
            return self.answer(404, {"errcode": 404})
        if n == 1:
            return self.answer(500, {"errcode": -1, "errmsg": "system busy"})  # retried with backoff
        if n == 2:
            return self.answer(200, {"errcode": 40001, "errmsg": "invalid credential"})  # a new token, at once
        self.answer(200, {"errcode": 0, "errmsg": "ok", "msgid": 200228332})


server = ThreadingHTTPServer(("127.0.0.1", API_PORT), FakeWeChatAPI)
threading.Thread(target=server.serve_forever, daemon=True).start()

# --- pushes --------------------------------------------------------------------------------------

msg_ids = iter(range(random.randint(10**15, 9 * 10**15), 10**19))


def text_xml(openid, content, msg_id, create_time):
    return ("<xml><ToUserName><![CDATA[%s]]></ToUserName><FromUserName><![CDATA[%s]]></FromUserName>"
            "<CreateTime>%d</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[%s]]></Content>"
            "<MsgId>%d</MsgId></xml>") % (ACCOUNT, openid, create_time, content, msg_id)


def signature(timestamp, nonce):
    signer = WeChatSigner()
    signer.add_data(TOKEN, timestamp, nonce)
    return signer.signature


def push(xml, sealed=True, timestamp=None, forge=False):
    """POSTs `xml` as WeChat does; returns (status, reply content or None, raw body)."""
    timestamp = str(timestamp or int(time.time()))
    nonce = str(random.randint(10**8, 10**9))
    params = {"signature": signature(timestamp, nonce), "timestamp": timestamp, "nonce": nonce, "openid": "x"}
    body = xml
    if sealed:
        envelope = crypto.encrypt_message(xml, nonce, timestamp)  # wechatpy seals and signs
        fields = xmltodict.parse(envelope)["xml"]
        params.update(encrypt_type="aes", msg_signature=fields["MsgSignature"])
        body = "<xml><ToUserName><![CDATA[%s]]></ToUserName><Encrypt><![CDATA[%s]]></Encrypt></xml>" % (ACCOUNT, fields["Encrypt"])
    if forge:
        key = "msg_signature" if sealed else "signature"
        params[key] = params[key][::-1]
    started = time.monotonic()
    r = requests.post(BASE + "/wechat/mp", params=params, data=body.encode(), headers={"Content-Type": "text/xml"}, timeout=10)
    elapsed = time.monotonic() - started
    check(elapsed < 5, f"answered within WeChat's 5 s ({elapsed * 1000:.0f} ms)")
    if r.status_code != 200 or r.text == "success":
        return r.status_code, None, r.text
    plain = r.text
    if sealed:
        reply = xmltodict.parse(r.text)["xml"]
        plain = crypto.decrypt_message(r.text, reply["MsgSignature"], reply["TimeStamp"], reply["Nonce"])  # wechatpy opens
    message = parse_message(plain)
    sender = xmltodict.parse(xml)["xml"]["FromUserName"]
    check(message.type == "text" and message.source == ACCOUNT and message.target == sender,
          "the reply is a text message from the account to the sender")
    return r.status_code, message.content, plain


def api(method, path, token=None, **kw):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return requests.request(method, BASE + "/api/v1" + path, headers=headers, timeout=30, **kw)


def login(username):
    r = api("POST", "/auth/login", json={"username": username, "password": f"demo-{username}"})
    check(r.status_code == 200, f"{username} signs in")
    return r.json()["token"]


def number_in(text):
    m = re.search(r"YC\d{14,20}", text or "")
    return m.group(0) if m else None


# 1. The URL check.
ts, nonce = str(int(time.time())), "123456"
r = requests.get(BASE + "/wechat/mp", params={"signature": signature(ts, nonce), "timestamp": ts, "nonce": nonce, "echostr": "yc-echo-1"})
check(r.status_code == 200 and r.text == "yc-echo-1", "the URL check echoes echostr")
r = requests.get(BASE + "/wechat/mp", params={"signature": "0" * 40, "timestamp": ts, "nonce": nonce, "echostr": "x"})
check(r.status_code == 403, "a URL check with a wrong signature is refused")

# 2. An unbound follower's question, in plain mode: an anonymous inquiry, with how to bind.
anon = "oCIanonymous%06d" % random.randint(0, 999999)
status, content, _ = push(text_xml(anon, "两江新区人才公寓怎么申请？", next(msg_ids), int(time.time())), sealed=False)
anon_number = number_in(content)
check(status == 200 and anon_number and "绑定" in content, f"an unbound follower's text is filed as {anon_number}, with how to bind")

# 3. Binding with the code talent1 is shown on the portal.
talent = login("talent1")
code = api("POST", "/me/wechat/binding-code", talent).json()["code"]
openid = "oCItalent%06d" % random.randint(0, 999999)
status, content, _ = push(text_xml(openid, f"绑定 {code}", next(msg_ids), int(time.time())))
check("绑定成功" in (content or ""), "the code binds the follower (safe mode)")
check(api("GET", "/me/wechat", talent).json()["bound"] is True, "the portal shows the binding")

# 4. Filing, as the talent.
question = "我是渝北区的C类人才，想咨询子女入学政策"
filing_id = next(msg_ids)
filing_xml = text_xml(openid, question, filing_id, int(time.time()))
status, content, _ = push(filing_xml)
number = number_in(content)
check(number and "办理期限" in content, f"the talent's text files {number} and the reply gives its deadline")
order = api("GET", f"/work-orders/{number}", talent).json()
check(order["channel"] == "wechat" and order["content"] == question, "the order is the talent's own, channel wechat")

# 5. A replay of the same message (signed afresh), an old timestamp, forged signatures: nothing filed.
dispatcher = login("dispatcher")
def talents_orders():
    return api("GET", "/work-orders?limit=100", talent).json()["items"]
before = len(talents_orders())
status, content, raw = push(filing_xml)
check(status == 200 and raw == "success", "a repeated MsgId is answered success and files nothing")
old = int(time.time()) - 600
status, _, _ = push(text_xml(openid, "旧消息", next(msg_ids), old), timestamp=old)
check(status == 403, "a push older than five minutes is refused")
status, _, _ = push(text_xml(openid, "伪造", next(msg_ids), int(time.time())), forge=True)
check(status == 403, "a forged msg_signature is refused")
status, _, _ = push(text_xml(openid, "伪造", next(msg_ids), int(time.time())), sealed=False, forge=True)
check(status == 403, "a forged signature is refused")
check(len(talents_orders()) == before, "nothing was filed by the replay or the forgeries")

# 6. 查询 and 继续.
status, content, _ = push(text_xml(openid, f"查询 {number}", next(msg_ids), int(time.time())))
check(number in (content or "") and "状态" in content, "查询 answers the order's state")
status, content, _ = push(text_xml(openid, f"查询 {anon_number}", next(msg_ids), int(time.time())))
check("未找到" in (content or ""), "another follower's order is not found")
status, content, _ = push(text_xml(openid, f"继续 {number} 孩子明年秋季入学，户籍在渝北", next(msg_ids), int(time.time())))
check("已补充" in (content or ""), "继续 adds to the open order")
timeline = api("GET", f"/work-orders/{number}", talent).json()["timeline"]
check(any(e["action"] == "supplement" for e in timeline), "the addition is in the order's timeline")

# 7. Resolved: a template message through WeChat's API (here the stand-in), retried until sent.
handler = login("handler-yubei-hrss")
for who, action, body in [(dispatcher, "dispatch", {"leadOrg": "500112:HRSS"}), (handler, "accept", {}), (handler, "start", {}),
                          (handler, "resolve", {"result": "已告知入学政策及办理材料"})]:
    r = api("POST", f"/work-orders/{number}/{action}", who, json=body)
    check(r.status_code == 200, f"{action} {number}")
deadline = time.time() + 60
while time.time() < deadline and len(FakeWeChatAPI.sends) < 3:
    time.sleep(0.5)
sends = FakeWeChatAPI.sends
check(len(sends) == 3, f"the template message was sent, retried after HTTP 500 and a stale token ({len(sends)} calls)")
check(FakeWeChatAPI.tokens_issued == 2 and sends[2][0] == "ACCESS-2", "a stale token is replaced at once")
sent = json.loads(sends[2][1])
check(sent["touser"] == openid and sent["template_id"] == "CI-TPL-RESOLVED" and sent["data"]["keyword1"]["value"] == number,
      "the message goes to the follower, with the order's number")
check(sent["client_msg_id"].startswith("yc-") and sends[0][1] == sends[2][1], "every attempt sends the same body and client_msg_id")
time.sleep(2.5)
check(len(FakeWeChatAPI.sends) == 3, "a sent message is not sent again")

server.shutdown()
print(f"WeChat: {checks} checks passed")
