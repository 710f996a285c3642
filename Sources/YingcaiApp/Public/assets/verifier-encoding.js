/*
 * 验码 — verifies Yingcai talent codes (金凤凰人才码) in the browser, online or offline.
 *
 * Plain ES2020, no build step, no modules. Loaded by verifier.html as a classic deferred script
 * (CSP `script-src 'self'`). The pure verification functions are attached to
 * globalThis.YingcaiVerifier so Node can test them (node test_verifier.mjs); the page code at the
 * bottom only runs when there is a document.
 *
 * Mirrors Sources/TalentCode (TalentCodeVerifier, SignedEnvelope, Base64URL, ClaimsPayload,
 * RevocationList, RevocationStore, PublicJWK, JWKSet, JSON, ReplayGuard): same strict encodings,
 * same payload layout, same checks in the same order. Only the replay memory differs: it lives in
 * localStorage (nonce → expires-at), so a code shown twice at this browser is refused.
 *
 * Split in parts that share globalThis.YingcaiVerifierParts, loaded in this order by verify.html (and by
 * the Node test): verifier-encoding.js, verifier-json.js, verifier-trust.js, then the page: verifier-ui.js,
 * verifier-page.js.
 */
(function (global) {
  'use strict';

  const parts = global.YingcaiVerifierParts || (global.YingcaiVerifierParts = {});

  // ---------------------------------------------------------------------------------------------
  // Constants (wire format)

  const CODE_PREFIX = 'YC1.';
  const LIST_PREFIX = 'YCRL1.';
  const SIGNATURE_LENGTH = 64;
  const CLOCK_SKEW = 30; // seconds an issued-at may lie in the future (TalentCodeVerifier.clockSkew)
  const PAYLOAD_VERSION = 1;

  /** Refusal reasons in the order the verifier checks, with the Swift texts. */
  const REASONS = Object.freeze({
    malformed: { zh: '无法识别的人才码', en: 'Not a talent code' },
    unknownIssuer: { zh: '签发城市未获信任', en: 'Issued by a city that is not trusted here' },
    unknownKey: { zh: '签名密钥未知或已停用', en: 'Signed with an unknown or withdrawn key' },
    badSignature: { zh: '签名无效：人才码系伪造或被篡改', en: 'Invalid signature: the code is forged or altered' },
    notYetValid: { zh: '人才码尚未生效，请核对设备时间', en: 'The code is not valid yet; check the device clock' },
    expired: { zh: '人才码已过期，请刷新后重新出示', en: 'The code has expired; refresh it and show it again' },
    revokedCard: { zh: '英才卡已注销', en: 'The talent card has been revoked' },
    replayed: { zh: '人才码已被使用，请刷新后重新出示', en: 'The code has already been used; refresh it and show it again' },
  });

  /** Entitlement bits (wire format: never renumber, only add). */
  const ENTITLEMENTS = Object.freeze([
    { bit: 0, zh: '医疗绿色通道', en: 'medical green channel' },
    { bit: 1, zh: '机场贵宾通道', en: 'airport VIP lane' },
    { bit: 2, zh: '子女入学', en: "children's schooling" },
    { bit: 3, zh: '人才住房', en: 'talent housing' },
    { bit: 4, zh: '交通出行', en: 'transport' },
    { bit: 5, zh: '文旅', en: 'culture and tourism' },
    { bit: 6, zh: '政务服务', en: 'public services' },
    { bit: 7, zh: '配偶就业', en: 'spouse employment' },
  ]);

  /** ShortText limits: printable ASCII 0x21–0x7E. */
  const TEXT = Object.freeze({
    issuer: { min: 1, max: 12 },
    keyID: { min: 1, max: 24 },
    cardNumber: { min: 0, max: 24 },
  });

  // ---------------------------------------------------------------------------------------------
  // Base64url, strict and canonical (Base64URL.swift)

  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  function b64uValue(c) {
    if (c >= 0x41 && c <= 0x5a) return c - 0x41;
    if (c >= 0x61 && c <= 0x7a) return c - 0x61 + 26;
    if (c >= 0x30 && c <= 0x39) return c - 0x30 + 52;
    if (c === 0x2d) return 62;
    if (c === 0x5f) return 63;
    return -1;
  }

  function encodedCount(byteCount) {
    return Math.floor(byteCount / 3) * 4 + [0, 2, 3][byteCount % 3];
  }

  /** Uint8Array, or null for a bad character, an impossible length or non-zero unused bits. */
  function b64uDecode(text) {
    if (typeof text !== 'string') return null;
    const n = text.length;
    if (n % 4 === 1) return null;
    const out = new Uint8Array(Math.floor(n / 4) * 3 + [0, 0, 1, 2][n % 4]);
    let i = 0;
    let o = 0;
    while (i + 4 <= n) {
      const a = b64uValue(text.charCodeAt(i));
      const b = b64uValue(text.charCodeAt(i + 1));
      const c = b64uValue(text.charCodeAt(i + 2));
      const d = b64uValue(text.charCodeAt(i + 3));
      if (a < 0 || b < 0 || c < 0 || d < 0) return null;
      const v = (a << 18) | (b << 12) | (c << 6) | d;
      out[o++] = (v >> 16) & 0xff;
      out[o++] = (v >> 8) & 0xff;
      out[o++] = v & 0xff;
      i += 4;
    }
    const rest = n - i;
    if (rest === 2) {
      const a = b64uValue(text.charCodeAt(i));
      const b = b64uValue(text.charCodeAt(i + 1));
      if (a < 0 || b < 0 || (b & 0x0f) !== 0) return null;
      out[o++] = ((a << 2) | (b >> 4)) & 0xff;
    } else if (rest === 3) {
      const a = b64uValue(text.charCodeAt(i));
      const b = b64uValue(text.charCodeAt(i + 1));
      const c = b64uValue(text.charCodeAt(i + 2));
      if (a < 0 || b < 0 || c < 0 || (c & 0x03) !== 0) return null;
      const v = (a << 18) | (b << 12) | (c << 6);
      out[o++] = (v >> 16) & 0xff;
      out[o++] = (v >> 8) & 0xff;
    }
    return out;
  }

  function b64uEncode(bytes) {
    let out = '';
    let i = 0;
    const n = bytes.length;
    for (; i + 3 <= n; i += 3) {
      const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      out += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + ALPHABET[(v >> 6) & 63] + ALPHABET[v & 63];
    }
    if (n - i === 1) {
      const v = bytes[i] << 16;
      out += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63];
    } else if (n - i === 2) {
      const v = (bytes[i] << 16) | (bytes[i + 1] << 8);
      out += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + ALPHABET[(v >> 6) & 63];
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Payload reading (ByteReader.swift, ShortText.swift)

  function isShortText(s, limit) {
    if (typeof s !== 'string' || s.length < limit.min || s.length > limit.max) return false;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x21 || c > 0x7e) return false;
    }
    return true;
  }

  class ByteReader {
    constructor(bytes) {
      this.bytes = bytes;
      this.offset = 0;
    }
    get isAtEnd() { return this.offset === this.bytes.length; }
    u8() {
      if (this.offset >= this.bytes.length) return null;
      return this.bytes[this.offset++];
    }
    u32() {
      if (this.bytes.length - this.offset < 4) return null;
      const b = this.bytes;
      const o = this.offset;
      this.offset += 4;
      return ((b[o] << 24) >>> 0) + (b[o + 1] << 16) + (b[o + 2] << 8) + b[o + 3];
    }
    /** BigInt. */
    u64() {
      const hi = this.u32();
      if (hi === null) return null;
      const lo = this.u32();
      if (lo === null) return null;
      return (BigInt(hi) << 32n) | BigInt(lo);
    }
    raw(count) {
      if (this.bytes.length - this.offset < count) return null;
      const out = this.bytes.subarray(this.offset, this.offset + count);
      this.offset += count;
      return out;
    }
    /** Length-prefixed printable ASCII within the limit, or null. */
    text(limit) {
      const length = this.u8();
      if (length === null) return null;
      const body = this.raw(length);
      if (body === null || body.length < limit.min || body.length > limit.max) return null;
      let s = '';
      for (const c of body) {
        if (c < 0x21 || c > 0x7e) return null;
        s += String.fromCharCode(c);
      }
      return s;
    }
  }

  function hex(bytes) {
    let s = '';
    for (const b of bytes) s += (b < 16 ? '0' : '') + b.toString(16);
    return s;
  }

  function u64Hex(v) {
    return v.toString(16).padStart(16, '0');
  }

  /**
   * Claims of a version-1 payload (ClaimsPayload.decode), or null for an unknown version, a bad
   * field, a wrong length, trailing bytes, an invalid tier, a card-holding tier without a card
   * number, or expires-at ≤ issued-at.
   */
  function decodeClaims(bytes) {
    const r = new ByteReader(bytes);
    if (r.u8() !== PAYLOAD_VERSION) return null;
    const issuer = r.text(TEXT.issuer);
    if (issuer === null) return null;
    const keyID = r.text(TEXT.keyID);
    if (keyID === null) return null;
    const talentID = r.raw(16);
    if (talentID === null) return null;
    const tierByte = r.u8();
    if (tierByte === null || tierByte < 0x41 || tierByte > 0x45) return null;
    const cardNumber = r.text(TEXT.cardNumber);
    if (cardNumber === null) return null;
    const entitlements = r.u32();
    if (entitlements === null) return null;
    const issuedAt = r.u32();
    if (issuedAt === null) return null;
    const expiresAt = r.u32();
    if (expiresAt === null) return null;
    const nonce = r.u64();
    if (nonce === null || !r.isAtEnd) return null;
    const tier = String.fromCharCode(tierByte);
    if (tierByte <= 0x43 && cardNumber === '') return null; // tiers A–C hold a card
    if (!(issuedAt < expiresAt)) return null;
    return {
      issuer, keyID,
      talentID: hex(talentID),
      tier, cardNumber, entitlements, issuedAt, expiresAt,
      nonce, nonceHex: u64Hex(nonce),
    };
  }

  class RevocationList {
    constructor(issuer, sequence, issuedAt, nextUpdate, cards) {
      this.issuer = issuer;
      this.sequence = sequence; // BigInt
      this.issuedAt = issuedAt;
      this.nextUpdate = nextUpdate;
      this.cardNumbers = new Set(cards);
    }
    isRevoked(cardNumber) { return cardNumber !== '' && this.cardNumbers.has(cardNumber); }
    isStale(now) { return now >= this.nextUpdate; }
    revocationList(issuer) { return issuer === this.issuer ? this : null; }
  }

  /** A revocation-list payload (RevocationList.decode): { list, keyID } or null. */
  function decodeRevocationPayload(bytes) {
    const r = new ByteReader(bytes);
    if (r.u8() !== 1) return null;
    const issuer = r.text(TEXT.issuer);
    if (issuer === null) return null;
    const keyID = r.text(TEXT.keyID);
    if (keyID === null) return null;
    const sequence = r.u64();
    if (sequence === null) return null;
    const issuedAt = r.u32();
    if (issuedAt === null) return null;
    const nextUpdate = r.u32();
    if (nextUpdate === null) return null;
    const count = r.u32();
    if (count === null || count > Math.floor(bytes.length / 2)) return null; // each card takes ≥ 2 bytes
    const cards = [];
    for (let k = 0; k < count; k++) {
      const card = r.text(TEXT.cardNumber);
      if (card === null || card === '') return null;
      // Strictly ascending bytewise; for ASCII, UTF-16 order is byte order.
      if (cards.length > 0 && !(cards[cards.length - 1] < card)) return null;
      cards.push(card);
    }
    if (!r.isAtEnd || !(issuedAt <= nextUpdate)) return null;
    return { list: new RevocationList(issuer, sequence, issuedAt, nextUpdate, cards), keyID };
  }

  // ---------------------------------------------------------------------------------------------
  // The envelope (SignedEnvelope.swift)

  function asciiBytes(s) {
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }

  /**
   * { payload, signature, signed } of PREFIX + b64url(payload) + '.' + b64url(64 bytes), or null
   * if the prefix is wrong, there is not exactly one more dot, base64url is not canonical, the
   * payload is empty or the signature is not 64 bytes.
   */
  function openEnvelope(text, prefix) {
    if (typeof text !== 'string' || text.length <= prefix.length || !text.startsWith(prefix)) return null;
    const rest = text.slice(prefix.length);
    const dot = rest.indexOf('.');
    if (dot < 0) return null;
    const payloadText = rest.slice(0, dot);
    const signatureText = rest.slice(dot + 1);
    if (signatureText.length !== encodedCount(SIGNATURE_LENGTH)) return null;
    const payload = b64uDecode(payloadText);
    if (payload === null || payload.length === 0) return null;
    const signature = b64uDecode(signatureText); // a second dot fails here
    if (signature === null) return null;
    // Everything before the dot is ASCII here (prefix + base64url characters).
    return { payload, signature, signed: asciiBytes(text.slice(0, prefix.length + dot)) };
  }


  Object.assign(parts, { RevocationList, CODE_PREFIX, LIST_PREFIX, SIGNATURE_LENGTH, CLOCK_SKEW, PAYLOAD_VERSION, REASONS, ENTITLEMENTS, TEXT, ALPHABET, b64uValue, encodedCount, b64uDecode, b64uEncode, isShortText, ByteReader, hex, u64Hex, decodeClaims, decodeRevocationPayload, asciiBytes, openEnvelope });
})(typeof globalThis !== 'undefined' ? globalThis : this);
