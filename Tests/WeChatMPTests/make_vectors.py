#!/usr/bin/env python3
"""Generates Resources/wechatpy-vectors.json: test vectors for the WeChatMP module, produced by
wechatpy itself (the widely used Python WeChat SDK), so the Swift code is checked against an
independent implementation rather than against itself.

    pip install wechatpy cryptography
    python3 Tests/WeChatMPTests/make_vectors.py

Deterministic: the 16-byte random prefix that wechatpy would draw is fixed per case, so the Swift
tests can reproduce every `Encrypt` byte for byte. Re-running rewrites the same file.
"""
import base64
import hashlib
import json
import os
import sys
from importlib.metadata import version

import xmltodict
from wechatpy.crypto import WeChatCrypto
from wechatpy.crypto.base import BasePrpCrypto
from wechatpy.parser import parse_message
from wechatpy.replies import TextReply
from wechatpy.utils import WeChatSigner, check_signature

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "Resources", "wechatpy-vectors.json")


def fixed_random(value):
    """Makes wechatpy use `value` as the 16-character random prefix of the next frames."""
    BasePrpCrypto.get_random_string = lambda self: value


def key_from_seed(seed):
    """A 43-character EncodingAESKey with canonical trailing bits (base64 of 32 bytes, '=' dropped)."""
    return base64.b64encode(hashlib.sha256(seed.encode()).digest()).decode()[:-1]


ACCOUNTS = [
    # A key as WeChat's console makes them: 43 random letters and digits. Its last character
    # ('G' = 000110) has set bits below the 32nd byte, which base64 decoders must ignore.
    {"token": "yingcaiToken2026", "encoding_aes_key": "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
     "app_id": "wx5823bf96d3bd56c7"},
    {"token": "cq_talent", "encoding_aes_key": key_from_seed("yingcai-test-account-2"), "app_id": "wxb11529c136998cb6"},
]

URL_CHECKS = [
    ("yingcaiToken2026", "1764729600", "1320562132"),
    ("cq_talent", "1409304348", "xxxxxx"),
    ("QDG6eK", "1409659813", "1372623149"),
    ("a", "0", ""),
    ("token-with-UPPER-and_symbols.~", "9999999999", "nonce with spaces"),
]


def message(to, sender, create_time, msg_type, **fields):
    """A push as WeChat sends it: CDATA for text fields, bare numbers for numbers."""
    parts = [f"<ToUserName><![CDATA[{to}]]></ToUserName>", f"<FromUserName><![CDATA[{sender}]]></FromUserName>",
             f"<CreateTime>{create_time}</CreateTime>", f"<MsgType><![CDATA[{msg_type}]]></MsgType>"]
    for name, value in fields.items():
        if isinstance(value, int):
            parts.append(f"<{name}>{value}</{name}>")
        else:
            parts.append(f"<{name}><![CDATA[{value}]]></{name}>")
    return "<xml>" + "".join(parts) + "</xml>"


GH = "gh_3f8a2c1d9e0b"
OPENID = "oYC_talent_9f2KdE7xQ1"
T0 = 1764729600  # 2025-12-03T02:40:00Z

MESSAGES = [
    ("text_chinese", message(GH, OPENID, T0, "text", Content="查询 YC20261203000123", MsgId=24689012345678901)),
    ("text_bind", message(GH, OPENID, T0 + 1, "text", Content="绑定 123456", MsgId=24689012345678902)),
    ("text_emoji_fullwidth", message(GH, OPENID, T0 + 2, "text", Content="你好👋，继续 ＹＣ２０２６１２０３０００１２３ 补充材料：学位证",
                                     MsgId=24689012345678903)),
    ("text_entities_outside_cdata",
     f"<xml><ToUserName>{GH}</ToUserName><FromUserName>{OPENID}</FromUserName><CreateTime>{T0 + 3}</CreateTime>"
     "<MsgType>text</MsgType><Content>a &lt; b &amp;&amp; c &gt; d &quot;q&quot; &apos;s&apos; &#20154;&#x624D;</Content>"
     "<MsgId>24689012345678904</MsgId></xml>"),
    ("text_multiline", message(GH, OPENID, T0 + 4, "text", Content="第一行\n第二行\n  缩进行", MsgId=24689012345678905)),
    ("event_subscribe", message(GH, OPENID, T0 + 5, "event", Event="subscribe", EventKey="")),
    ("event_subscribe_qrscene", message(GH, OPENID, T0 + 6, "event", Event="subscribe",
                                        EventKey="qrscene_district500103", Ticket="gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFx")),
    ("event_unsubscribe", message(GH, OPENID, T0 + 7, "event", Event="unsubscribe", EventKey="")),
    ("event_click", message(GH, OPENID, T0 + 8, "event", Event="CLICK", EventKey="MENU_MY_ORDERS")),
    ("image", message(GH, OPENID, T0 + 9, "image", PicUrl="http://mmbiz.qpic.cn/mmbiz_jpg/abc/0", MediaId="media_id_1",
                      MsgId=24689012345678906)),
    ("location", message(GH, OPENID, T0 + 10, "location", Location_X="29.563009", Location_Y="106.551556", Scale=20,
                         Label="重庆市渝中区解放碑", MsgId=24689012345678907)),
]


def padding_case(account):
    """A text message sized so the frame is an exact multiple of 32: WeChat's PKCS#7 then adds a
    whole block of 32 bytes of value 32, the case a 16-byte padder gets wrong."""
    base = message(GH, OPENID, T0 + 11, "text", Content="", MsgId=24689012345678908)
    frame = 16 + 4 + len(base.encode()) + len(account["app_id"].encode())
    filler = (32 - frame % 32) % 32
    return ("text_full_padding_block", message(GH, OPENID, T0 + 11, "text", Content="x" * filler, MsgId=24689012345678908))


def long_case():
    text = "重庆英才服务" * 300 + "end"
    return ("text_long", message(GH, OPENID, T0 + 12, "text", Content=text, MsgId=24689012345678909))


def parsed(xml):
    """What wechatpy's parser makes of a plaintext push, for the Swift parser to agree with."""
    m = parse_message(xml)
    out = {"type": m.type, "source": m.source, "target": m.target, "time": m.time,
           "id": str(m.id) if getattr(m, "id", 0) else None}
    if m.type == "text":
        out["content"] = m.content
    if m.type == "event":
        out["event"] = m.event
        out["key"] = getattr(m, "key", None) if m.event != "subscribe_scan" else None
        out["scene_id"] = getattr(m, "scene_id", None) if m.event == "subscribe_scan" else None
    return out


def encrypted_cases():
    cases = []
    for a_index, account in enumerate(ACCOUNTS):
        crypto = WeChatCrypto(account["token"], account["encoding_aes_key"], account["app_id"])
        all_messages = MESSAGES + [padding_case(account), long_case()]
        for m_index, (name, xml) in enumerate(all_messages):
            random16 = f"R{a_index}{m_index:02d}yingcaiRand0"[:16].ljust(16, "z")
            fixed_random(random16)
            timestamp = str(T0 + 100 + m_index)
            nonce = str(1000000000 + 7919 * m_index)
            envelope = crypto.encrypt_message(xml, nonce, timestamp)
            fields = xmltodict.parse(envelope)["xml"]
            incoming = f"<xml><ToUserName><![CDATA[{GH}]]></ToUserName><Encrypt><![CDATA[{fields['Encrypt']}]]></Encrypt></xml>"
            # The round trip through wechatpy's own decryption, as WeChat's server side would do it.
            assert crypto.decrypt_message(incoming, fields["MsgSignature"], timestamp, nonce) == xml
            cases.append({
                "name": f"{name}@{a_index}", "account": a_index, "timestamp": timestamp, "nonce": nonce,
                "random": random16, "plaintext": xml, "encrypt": fields["Encrypt"], "msg_signature": fields["MsgSignature"],
                "incoming_xml": incoming, "wechatpy_envelope": envelope, "parsed": parsed(xml),
            })
    return cases


def text_replies():
    replies = []
    contents = ["您的工单 YC20261203000123 已派单。", "", "a < b & c > d \"q\" 's'", "line 1\nline 2", "emoji 🎉 末尾"]
    for i, content in enumerate(contents):
        reply = TextReply(source=GH, target=OPENID, content=content, time=T0 + 200 + i)
        replies.append({"source": GH, "target": OPENID, "time": T0 + 200 + i, "content": content, "xml": reply.render()})
    return replies


def url_checks():
    checks = []
    for token, timestamp, nonce in URL_CHECKS:
        signer = WeChatSigner()
        signer.add_data(token, timestamp, nonce)
        signature = signer.signature
        check_signature(token, signature, timestamp, nonce)  # raises if wechatpy disagrees with itself
        checks.append({"token": token, "timestamp": timestamp, "nonce": nonce, "signature": signature})
    return checks


def main():
    vectors = {
        "generator": f"make_vectors.py with wechatpy {version('wechatpy')}, cryptography {version('cryptography')}, "
                     f"xmltodict {version('xmltodict')}, Python {sys.version.split()[0]}",
        "accounts": ACCOUNTS,
        "url_checks": url_checks(),
        "encrypted_messages": encrypted_cases(),
        "text_replies": text_replies(),
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(vectors, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {OUT}: {len(vectors['url_checks'])} URL checks, {len(vectors['encrypted_messages'])} encrypted messages, "
          f"{len(vectors['text_replies'])} text replies")


if __name__ == "__main__":
    main()
