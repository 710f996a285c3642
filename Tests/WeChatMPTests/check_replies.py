#!/usr/bin/env python3
"""Checks encrypted replies written by the Swift tests with wechatpy, the independent reference.

    python3 check_replies.py replies.json

The file holds {"cases": [{"name", "token", "encoding_aes_key", "app_id", "envelope_xml",
"expected_plaintext", "expected_reply": {"ToUserName", "FromUserName", "CreateTime", "Content"}}]}.
Each envelope is opened with wechatpy's WeChatCrypto.decrypt_message, using the MsgSignature,
TimeStamp and Nonce inside it (as WeChat's server does), and the reply is read back with xmltodict.
Exit status 0 when every case passes; 2 when wechatpy is not installed.
"""
import json
import sys

try:
    import xmltodict
    from wechatpy.crypto import WeChatCrypto
except ImportError as error:  # the Swift test skips on this status
    print(f"wechatpy not available: {error}")
    sys.exit(2)


def check(case):
    envelope = xmltodict.parse(case["envelope_xml"])["xml"]
    crypto = WeChatCrypto(case["token"], case["encoding_aes_key"], case["app_id"])
    plaintext = crypto.decrypt_message(case["envelope_xml"], envelope["MsgSignature"], envelope["TimeStamp"], envelope["Nonce"])
    if plaintext != case["expected_plaintext"]:
        return f"plaintext differs: {plaintext!r}"
    reply = xmltodict.parse(plaintext)["xml"]
    for name, expected in case.get("expected_reply", {}).items():
        if (reply.get(name) or "") != expected:
            return f"{name} is {reply.get(name)!r}, expected {expected!r}"
    return None


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        cases = json.load(f)["cases"]
    failed = 0
    for case in cases:
        try:
            problem = check(case)
        except Exception as error:  # wechatpy raises InvalidSignatureException, InvalidAppIdException, ...
            problem = f"{type(error).__name__}: {error}"
        if problem:
            failed += 1
            print(f"FAIL {case['name']}: {problem}")
    print(f"wechatpy checked {len(cases)} replies: {len(cases) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
