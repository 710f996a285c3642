#!/usr/bin/env python3
"""Test vectors for the talent-code verifier page, written independently of verifier.js.

    python3 make_vectors.py [--out DIR] [--now UNIX_SECONDS] [--lifetime SECONDS]

Writes, under DIR (default ./vectors):
    .well-known/yingcai-keys.json       own city's JWK set (重庆市 500000: cq-2026-01 active, cq-2025-12 retired)
    .well-known/yingcai-partners.json   {"self":{…},"partners":[成都市 510100 with cd-2026-01]}
    .well-known/yingcai-revocations     one signed YCRL1. list per line (500000 seq 5, 510100 seq 2)
    vectors.json                        codes and revocation-list steps with the expected outcome

Keys are derived from fixed seeds, so the published files are the same on every run; codes depend
on --now (default 1767229200 = 2026-01-01 01:00:00 UTC) and --lifetime (default 120 s).
Format: docs/talent-code.md ("The code", "Revocation lists").
"""
import argparse
import base64
import hashlib
import json
import os
import struct

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives import serialization

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
CQ, CD, SZ = "500000", "510100", "440300"


def b64u(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def b64u_decode_strict(s: str):
    """Canonical unpadded base64url, or None (used only to check the vectors themselves)."""
    if len(s) % 4 == 1 or any(c not in ALPHABET for c in s):
        return None
    raw = base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
    return raw if b64u(raw) == s else None


class Key:
    def __init__(self, kid, issuer, label=None):
        self.kid, self.issuer = kid, issuer
        seed = hashlib.sha256(("yingcai-verifier-page-test:" + (label or kid)).encode()).digest()
        self.sk = Ed25519PrivateKey.from_private_bytes(seed)
        self.x = self.sk.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)

    def jwk(self):
        return {"kty": "OKP", "crv": "Ed25519", "x": b64u(self.x), "kid": self.kid,
                "use": "sig", "alg": "EdDSA", "iss": self.issuer}

    def seal(self, prefix: str, payload: bytes) -> str:
        signed = prefix + b64u(payload)
        return signed + "." + b64u(self.sk.sign(signed.encode("ascii")))


def text(s, raw=None) -> bytes:
    b = raw if raw is not None else s.encode("ascii")
    return bytes([len(b)]) + b


def claims_payload(issuer=CQ, kid="cq-2026-01", talent=bytes(range(16)), tier="B", card="CQ2026B00123",
                   entitlements=0b111, issued_at=0, expires_at=0, nonce=42, version=1, tier_byte=None,
                   card_raw=None, trailing=b""):
    return (bytes([version]) + text(issuer) + text(kid) + talent
            + bytes([tier_byte if tier_byte is not None else ord(tier)])
            + text(card, card_raw) + struct.pack(">III", entitlements, issued_at, expires_at)
            + struct.pack(">Q", nonce) + trailing)


def list_payload(issuer, kid, sequence, issued_at, next_update, cards, count=None, version=1, trailing=b"",
                 sort=True):
    cards = sorted(cards, key=lambda c: c.encode()) if sort else list(cards)
    body = b"".join(text(c) for c in cards)
    return (bytes([version]) + text(issuer) + text(kid) + struct.pack(">QII", sequence, issued_at, next_update)
            + struct.pack(">I", len(cards) if count is None else count) + body + trailing)


def list_payload_ok(b: bytes) -> bool:
    """Whether a revocation-list payload is well formed (RevocationList.decode), to build vectors."""
    def txt(i, lo, hi):
        if i >= len(b): return None, i
        n = b[i]; body = b[i + 1:i + 1 + n]
        if len(body) != n or not lo <= n <= hi or any(c < 0x21 or c > 0x7E for c in body): return None, i
        return body, i + 1 + n
    if not b or b[0] != 1: return False
    iss, i = txt(1, 1, 12)
    if iss is None: return False
    kid, i = txt(i, 1, 24)
    if kid is None or len(b) - i < 20: return False
    _, ia, nu, count = struct.unpack(">QIII", b[i:i + 20]); i += 20
    if count > len(b) // 2: return False
    last = None
    for _ in range(count):
        card, i = txt(i, 1, 24)
        if card is None or (last is not None and not last < card): return False
        last = card
    return i == len(b) and ia <= nu


def replace_char(token: str, index: int, new: str) -> str:
    return token[:index] + new + token[index + 1:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "vectors"))
    ap.add_argument("--now", type=int, default=1767229200)
    ap.add_argument("--lifetime", type=int, default=120)
    a = ap.parse_args()
    now, life = a.now, a.lifetime

    cq = Key("cq-2026-01", CQ)
    cq_old = Key("cq-2025-12", CQ)              # retired, still published
    cd = Key("cd-2026-01", CD)
    cq_unpublished = Key("cq-2099-01", CQ)      # never published → unknownKey
    sz = Key("sz-2026-01", SZ)                  # city not trusted → unknownIssuer
    forger = Key("cq-2026-01", CQ, label="forger")  # claims our kid → badSignature

    keys_doc = {"keys": [cq.jwk(), cq_old.jwk()]}
    partners_doc = {"self": {"cityCode": CQ, "name": "重庆市"},
                    "partners": [{"cityCode": CD, "name": "成都市", "keys": {"keys": [cd.jwk()]}}]}

    # Revocation lists, valid around `now`.
    cq_revoked = ["CQ2026A00007", "CQ2026B00666", "CQ2026C00013"]
    cq5 = cq.seal("YCRL1.", list_payload(CQ, cq.kid, 5, now - 600, now + 3600, cq_revoked))
    cd2 = cd.seal("YCRL1.", list_payload(CD, cd.kid, 2, now - 600, now + 3600, ["CD2026A00100"]))
    revocations_text = cq5 + "\n" + cd2 + "\n"

    def code(key=cq, **kw):
        kw.setdefault("issuer", key.issuer)
        kw.setdefault("kid", key.kid)
        kw.setdefault("issued_at", now)
        kw.setdefault("expires_at", now + life)
        return key.seal("YC1.", claims_payload(**kw))

    codes = []

    def add(name, token, expect, **info):
        codes.append(dict(name=name, token=token, expect=expect, **info))

    ent_all = 0xFF
    # Valid codes, tiers A–E.
    add("valid tier A", code(tier="A", card="CQ2026A00001", entitlements=ent_all, nonce=1001), "valid",
        issuerName="重庆市", issuer=CQ, tier="A", card="CQ2026A00001", entitlements=ent_all)
    add("valid tier B", code(tier="B", card="CQ2026B00123", entitlements=0b111, nonce=1002), "valid",
        issuerName="重庆市", issuer=CQ, tier="B", card="CQ2026B00123", entitlements=0b111)
    add("valid tier C", code(tier="C", card="CQ2026C00042", entitlements=0b1000001, nonce=1003), "valid",
        issuerName="重庆市", issuer=CQ, tier="C", card="CQ2026C00042", entitlements=0b1000001)
    add("valid tier D without card", code(tier="D", card="", entitlements=0b110000, nonce=1004), "valid",
        issuerName="重庆市", issuer=CQ, tier="D", card="", entitlements=0b110000)
    add("valid tier E without card", code(tier="E", card="", entitlements=0, nonce=1005), "valid",
        issuerName="重庆市", issuer=CQ, tier="E", card="", entitlements=0)
    add("valid tier D with card", code(tier="D", card="CQ2026D00009", entitlements=1, nonce=1006), "valid",
        issuerName="重庆市", issuer=CQ, tier="D", card="CQ2026D00009", entitlements=1)
    add("valid Chengdu (partner city)", code(cd, tier="A", card="CD2026A00001", entitlements=0b11, nonce=1007),
        "valid", issuerName="成都市", issuer=CD, tier="A", card="CD2026A00001", entitlements=0b11)
    add("valid, retired key still published", code(cq_old, tier="B", card="CQ2026B00124", nonce=1008), "valid",
        issuerName="重庆市", issuer=CQ, tier="B", card="CQ2026B00124", entitlements=0b111)
    add("valid, unknown entitlement bits kept", code(tier="C", card="CQ2026C00043", entitlements=(1 << 12) | 1,
                                                     nonce=1009), "valid",
        issuerName="重庆市", issuer=CQ, tier="C", card="CQ2026C00043", entitlements=(1 << 12) | 1)
    add("longest fields (101-byte payload, 226 characters), untrusted 12-digit city",
        code(issuer="500000000000", kid="k" * 24, tier="A", card="C" * 24, nonce=(1 << 64) - 1),
        "unknownIssuer")
    add("valid, nonce above 2^53", code(tier="B", card="CQ2026B00125", nonce=(1 << 53) + 1), "valid",
        issuerName="重庆市", issuer=CQ, tier="B", card="CQ2026B00125", entitlements=0b111)
    add("valid, issued-at exactly 30 s ahead", code(card="CQ2026B00126", issued_at=now + 30, expires_at=now + 150,
                                                   nonce=1010), "valid")
    add("valid, one second left", code(card="CQ2026B00127", issued_at=now - 119, expires_at=now + 1, nonce=1011),
        "valid")
    add("Chengdu card number equal to a revoked Chongqing one",
        code(cd, tier="B", card="CQ2026B00666", nonce=1012), "valid", issuerName="成都市")

    # Time.
    add("expired at the second of expiry", code(issued_at=now - 120, expires_at=now, nonce=2001), "expired")
    add("expired long ago", code(issued_at=now - 1000, expires_at=now - 880, nonce=2002), "expired")
    add("not yet valid (31 s ahead)", code(issued_at=now + 31, expires_at=now + 151, nonce=2003), "notYetValid")
    add("not yet valid (far future)", code(issued_at=now + 86400, expires_at=now + 86520, nonce=2004), "notYetValid")

    # Signatures and keys.
    add("bad signature (another key claiming our kid)", code(forger, nonce=3001), "badSignature")
    good = code(tier="B", card="CQ26B00123", nonce=0x1122334455667788)  # 67-byte payload
    prefix_len = 4
    payload_text = good[prefix_len:good.index(".", prefix_len)]
    # Change one character inside the nonce (bytes 59–66 of a 67-byte payload → characters 79–88),
    # so the payload still decodes and only the signature catches it.
    pos = prefix_len + 82
    alt = "A" if good[pos] != "A" else "B"
    altered = replace_char(good, pos, alt)
    assert b64u_decode_strict(altered[prefix_len:altered.index(".", prefix_len)]) is not None
    add("altered payload (one character in the nonce)", altered, "badSignature")
    add("original of the altered one", good, "valid", issuerName="重庆市", tier="B", card="CQ26B00123")
    sig_start = good.index(".", prefix_len) + 1
    add("altered signature (first character)",
        replace_char(good, sig_start, "A" if good[sig_start] != "A" else "B"), "badSignature")
    add("bad signature and expired: signature first", code(forger, issued_at=now - 500, expires_at=now - 380,
                                                          nonce=3002), "badSignature")
    add("unknown key (unpublished kid)", code(cq_unpublished, nonce=3003), "unknownKey")
    add("Chengdu key claiming Chongqing", code(cd, issuer=CQ, kid=cd.kid, nonce=3004), "unknownKey")
    add("unknown issuer (Shenzhen)", code(sz, card="SZ2026B00001", nonce=3005), "unknownIssuer")
    add("unknown issuer beats bad signature", code(forger, issuer=SZ, kid="sz-2026-01", nonce=3006),
        "unknownIssuer")

    # Revocation (the published lists: 500000 seq 5, 510100 seq 2).
    add("revoked Chongqing card", code(tier="B", card="CQ2026B00666", nonce=4001), "revokedCard")
    add("revoked Chengdu card", code(cd, tier="A", card="CD2026A00100", nonce=4002), "revokedCard")
    add("revoked and expired: expired first", code(tier="B", card="CQ2026B00666", issued_at=now - 200,
                                                  expires_at=now - 80, nonce=4003), "expired")
    add("revoked and not yet valid: notYetValid first", code(tier="B", card="CQ2026B00666", issued_at=now + 60,
                                                            expires_at=now + 180, nonce=4004), "notYetValid")

    # Malformed: envelope.
    p_end = good.index(".", prefix_len)
    p_text, s_text = good[prefix_len:p_end], good[p_end + 1:]
    assert len(p_text) % 4 == 2 and len(s_text) == 86
    add("payload padded with ==", "YC1." + p_text + "==." + s_text, "malformed")
    add("signature padded with ==", "YC1." + p_text + "." + s_text + "==", "malformed")
    std = code(tier="B", card="CQ2026B00123", nonce=0)
    n = 0
    while "-" not in std and "_" not in std:  # find a code whose standard-base64 spelling differs
        n += 1
        std = code(tier="B", card="CQ2026B00123", nonce=n)
    add("standard base64 (+ and /) instead of base64url", std.replace("-", "+").replace("_", "/"), "malformed")
    add("+ in the payload", replace_char(good, prefix_len + 10, "+"), "malformed")
    add("/ in the signature", replace_char(good, p_end + 11, "/"), "malformed")
    last = ALPHABET.index(p_text[-1])
    assert last & 0x0F == 0
    add("non-zero unused bits in the payload's last character",
        "YC1." + p_text[:-1] + ALPHABET[last | 1] + "." + s_text, "malformed")
    slast = ALPHABET.index(s_text[-1])
    assert slast & 0x0F == 0
    add("non-zero unused bits in the signature's last character",
        "YC1." + p_text + "." + s_text[:-1] + ALPHABET[slast | 2], "malformed")
    add("extra character after the signature", good + "A", "malformed")
    add("signature one character short", good[:-1], "malformed")
    add("payload length 1 mod 4", "YC1." + p_text + "A." + s_text, "malformed")
    add("second dot", "YC1." + p_text + "." + s_text[:40] + "." + s_text[41:], "malformed")
    add("no dot", "YC1." + p_text + s_text, "malformed")
    add("empty payload", "YC1.." + s_text, "malformed")
    add("prefix only", "YC1.", "malformed")
    add("empty", "", "malformed")
    add("wrong prefix YC2.", "YC2." + good[4:], "malformed")
    add("lower-case prefix", "yc1." + good[4:], "malformed")
    add("leading space", " " + good, "malformed")
    add("trailing newline", good + "\n", "malformed")
    add("revocation list offered as a code", cq5, "malformed")
    add("non-ASCII character", replace_char(good, prefix_len + 5, "é"), "malformed")

    # Malformed: payload (properly signed, so only the payload check refuses them).
    add("trailing byte after the payload", code(trailing=b"\x00", nonce=5001), "malformed")
    add("bad version 2", code(version=2, nonce=5002), "malformed")
    add("bad version 0", code(version=0, nonce=5003), "malformed")
    add("tier F", code(tier="F", nonce=5004), "malformed")
    add("tier lower-case a", code(tier="a", nonce=5005), "malformed")
    add("tier C without card number", code(tier="C", card="", nonce=5006), "malformed")
    add("tier A without card number", code(tier="A", card="", nonce=5007), "malformed")
    add("expires-at equal to issued-at", code(issued_at=now, expires_at=now, nonce=5008), "malformed")
    add("expires-at before issued-at", code(issued_at=now, expires_at=now - 1, nonce=5009), "malformed")
    add("space in the card number", code(card="CQ2026 B00123", nonce=5010), "malformed")
    add("non-ASCII byte in the card number", code(card="", card_raw=b"CQ\x80B", nonce=5011), "malformed")
    add("issuer 13 characters", code(issuer="5000000000000", nonce=5012), "malformed")
    add("empty issuer", code(issuer="", card_raw=None, nonce=5013), "malformed")
    add("kid 25 characters", code(kid="k" * 25, nonce=5014), "malformed")
    add("card number 25 characters", code(card="C" * 25, nonce=5015), "malformed")
    short = cq.seal("YC1.", claims_payload(issued_at=now, expires_at=now + life)[:-1])
    add("payload one byte short", short, "malformed")

    # Revocation-list steps, applied in order to one fresh store.
    def rl(key=cq, issuer=None, seq=6, cards=("CQ2026A00001",), issued_at=now - 60, next_update=now + 3600, **kw):
        return key.seal("YCRL1.", list_payload(issuer or key.issuer, key.kid, seq, issued_at, next_update,
                                               list(cards), **kw))

    cq4 = rl(seq=4, cards=["CQ2026B00666"])
    cq6 = rl(seq=6, cards=["CQ2026A00001", "CQ2026C00013"])
    big1 = rl(cd, seq=(1 << 53) + 1, cards=["CD2026A00100"])
    big0 = rl(cd, seq=1 << 53, cards=[])
    # Change one character of a card number so the payload still decodes: only the signature catches it.
    altered_list = None
    for pos in range(6 + 56, cq5.index(".", 6)):
        for ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789":
            t = replace_char(cq5, pos, ch)
            p = b64u_decode_strict(t[6:t.index(".", 6)])
            if t != cq5 and p is not None and list_payload_ok(p):
                altered_list = t
                break
        if altered_list:
            break
    assert altered_list

    steps = [
        dict(name="Chongqing seq 5", text=cq5, expect="installed", stale=False),
        dict(name="Chengdu seq 2", text=cd2, expect="installed", stale=False),
        dict(name="Chongqing seq 4: rollback", text=cq4, expect="rollback"),
        dict(name="Chongqing seq 5 again: unchanged", text=cq5, expect="unchanged", stale=False),
        dict(name="forged list", text=rl(forger, seq=7, cards=[]), expect="badSignature"),
        dict(name="list from an unknown key", text=rl(cq_unpublished, seq=7, cards=[]), expect="unknownKey"),
        dict(name="list from an untrusted city", text=rl(sz, seq=7, cards=[]), expect="unknownIssuer"),
        dict(name="Chengdu key signing for Chongqing", text=rl(cd, issuer=CQ, seq=7, cards=[]), expect="unknownKey"),
        dict(name="code offered as a list", text=good, expect="malformed"),
        dict(name="unsorted cards", text=rl(seq=7, cards=["B", "A"], sort=False), expect="malformed"),
        dict(name="duplicate cards", text=rl(seq=7, cards=["A", "A"], sort=False), expect="malformed"),
        dict(name="empty card number", text=rl(seq=7, cards=[""]), expect="malformed"),
        dict(name="count larger than the cards", text=rl(seq=7, cards=["A", "B"], count=3), expect="malformed"),
        dict(name="count beyond half the payload", text=rl(seq=7, cards=[], count=1000), expect="malformed"),
        dict(name="trailing byte", text=rl(seq=7, cards=["A"], trailing=b"\x00"), expect="malformed"),
        dict(name="issued-at after next-update", text=rl(seq=7, issued_at=now, next_update=now - 1),
             expect="malformed"),
        dict(name="version 2", text=rl(seq=7, version=2), expect="malformed"),
        dict(name="padded signature", text=cq5 + "==", expect="malformed"),
        dict(name="altered list (one character, still well formed)", text=altered_list, expect="badSignature"),
        dict(name="Chongqing seq 6: installed", text=cq6, expect="installed", stale=False),
        dict(name="Chengdu seq 2^53+1 (needs 64-bit sequence)", text=big1, expect="installed", stale=False),
        dict(name="Chengdu seq 2^53: rollback", text=big0, expect="rollback"),
        dict(name="Chengdu stale list, higher seq", text=rl(cd, seq=(1 << 60), cards=["CD2026A00100"],
                                                            issued_at=now - 7200, next_update=now),
             expect="installed", stale=True),
    ]
    # After all steps: which codes are revoked (Chongqing seq 6 un-revokes B00666, revokes A00001).
    after_steps = [
        dict(name="tier A card revoked by seq 6", token=codes[0]["token"], expect="revokedCard"),
        dict(name="card un-revoked by seq 6", token=code(tier="B", card="CQ2026B00666", nonce=6001), expect="valid"),
        dict(name="Chengdu card still revoked by the stale list", token=code(cd, tier="A", card="CD2026A00100",
                                                                               nonce=6002), expect="revokedCard"),
    ]

    # One code valid at `now`, for replay tests.
    replay_code = code(tier="C", card="CQ2026C00099", nonce=0xDEADBEEFCAFEF00D)

    out = a.out
    os.makedirs(os.path.join(out, ".well-known"), exist_ok=True)
    with open(os.path.join(out, ".well-known", "yingcai-keys.json"), "w") as f:
        json.dump(keys_doc, f, ensure_ascii=False, indent=1)
    with open(os.path.join(out, ".well-known", "yingcai-partners.json"), "w") as f:
        json.dump(partners_doc, f, ensure_ascii=False, indent=1)
    with open(os.path.join(out, ".well-known", "yingcai-revocations"), "w") as f:
        f.write(revocations_text)
    vectors = dict(now=now, lifetime=life, keys=keys_doc, partners=partners_doc, revocations=revocations_text,
                   codes=codes, revocationSteps=steps, afterSteps=after_steps, replayCode=replay_code,
                   rfc8037=dict(x="11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
                                message="eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc",
                                signature="hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"))
    with open(os.path.join(out, "vectors.json"), "w") as f:
        json.dump(vectors, f, ensure_ascii=False, indent=1)
    print(f"wrote {len(codes)} codes, {len(steps)} list steps to {out} (now={now}, lifetime={life})")


if __name__ == "__main__":
    main()
