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
 */
(function (global) {
  'use strict';

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

  // ---------------------------------------------------------------------------------------------
  // Strict JSON (JSON.swift): exactly one value, no duplicate members, depth ≤ 16, ≤ 1 MiB

  const JSON_MAX_DEPTH = 16;
  const JSON_MAX_LENGTH = 1 << 20;

  function utf8Length(s) {
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) { n += 4; i++; } else n += 3;
    }
    return n;
  }

  /** Parsed value (objects have a null prototype), or undefined if not strictly valid. */
  function parseStrictJSON(text) {
    if (typeof text !== 'string' || utf8Length(text) > JSON_MAX_LENGTH) return undefined;
    const FAIL = {};
    let i = 0;
    const n = text.length;
    const code = (k) => text.charCodeAt(k);
    const fail = () => { throw FAIL; };
    function space() {
      while (i < n) {
        const c = code(i);
        if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++; else break;
      }
    }
    function literal(word) {
      if (text.startsWith(word, i)) { i += word.length; return true; }
      return false;
    }
    function value(depth) {
      if (depth > JSON_MAX_DEPTH) fail();
      space();
      if (i >= n) fail();
      const c = text[i];
      if (c === '{') return object(depth);
      if (c === '[') return array(depth);
      if (c === '"') return string();
      if (c === 't') return literal('true') ? true : fail();
      if (c === 'f') return literal('false') ? false : fail();
      if (c === 'n') return literal('null') ? null : fail();
      return number();
    }
    function object(depth) {
      i++;
      const members = Object.create(null);
      space();
      if (i < n && text[i] === '}') { i++; return members; }
      for (;;) {
        space();
        if (!(i < n && text[i] === '"')) fail();
        const key = string();
        space();
        if (!(i < n && text[i] === ':')) fail();
        i++;
        const v = value(depth + 1);
        if (Object.prototype.hasOwnProperty.call(members, key)) fail();
        members[key] = v;
        space();
        if (i >= n) fail();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return members; }
        fail();
      }
    }
    function array(depth) {
      i++;
      const items = [];
      space();
      if (i < n && text[i] === ']') { i++; return items; }
      for (;;) {
        items.push(value(depth + 1));
        space();
        if (i >= n) fail();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return items; }
        fail();
      }
    }
    function hex4() {
      if (n - i < 4 || !/^[0-9A-Fa-f]{4}$/.test(text.slice(i, i + 4))) fail();
      const v = parseInt(text.slice(i, i + 4), 16);
      i += 4;
      return v;
    }
    function string() {
      i++;
      let out = '';
      while (i < n) {
        const c = code(i);
        i++;
        if (c === 0x22) return out;
        if (c === 0x5c) {
          if (i >= n) fail();
          const e = text[i];
          i++;
          switch (e) {
            case '"': case '\\': case '/': out += e; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
              let scalar = hex4();
              if (scalar >= 0xd800 && scalar < 0xdc00) {
                if (!literal('\\u')) fail();
                const low = hex4();
                if (!(low >= 0xdc00 && low < 0xe000)) fail();
                scalar = 0x10000 + ((scalar - 0xd800) << 10) + (low - 0xdc00);
              } else if (scalar >= 0xdc00 && scalar < 0xe000) {
                fail(); // a lone low surrogate is no Unicode scalar
              }
              out += String.fromCodePoint(scalar);
              break;
            }
            default: fail();
          }
        } else if (c < 0x20) {
          fail();
        } else if (c >= 0xd800 && c < 0xe000) {
          // Raw surrogates must pair up (Swift rejects invalid UTF-8, which is what a lone one is).
          const d = i < n ? code(i) : 0;
          if (c < 0xdc00 && d >= 0xdc00 && d < 0xe000) { out += text[i - 1] + text[i]; i++; } else fail();
        } else {
          out += text[i - 1];
        }
      }
      return fail();
    }
    function digits() {
      const start = i;
      while (i < n && code(i) >= 0x30 && code(i) <= 0x39) i++;
      return i - start;
    }
    function number() {
      const start = i;
      if (i < n && text[i] === '-') i++;
      const intStart = i;
      if (digits() === 0) fail();
      if (text[intStart] === '0' && i - intStart > 1) fail(); // no leading zeros
      if (i < n && text[i] === '.') { i++; if (digits() === 0) fail(); }
      if (i < n && (text[i] === 'e' || text[i] === 'E')) {
        i++;
        if (i < n && (text[i] === '+' || text[i] === '-')) i++;
        if (digits() === 0) fail();
      }
      return Number(text.slice(start, i));
    }
    try {
      const v = value(0);
      space();
      return i === n ? v : undefined;
    } catch (e) {
      if (e === FAIL) return undefined;
      throw e;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Published keys (PublicJWK.swift, JWKSet.swift, TrustedIssuer.swift)

  class KeySetError extends Error {}

  function isPlainObject(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  }

  function has(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key);
  }

  /** { kid, issuer|null, x: Uint8Array(32) } from a parsed JWK; throws KeySetError. */
  function jwkFromValue(v) {
    if (!isPlainObject(v)) throw new KeySetError('not an object');
    if (v.kty !== 'OKP' || !has(v, 'kty')) throw new KeySetError('kty must be OKP');
    if (v.crv !== 'Ed25519' || !has(v, 'crv')) throw new KeySetError('crv must be Ed25519');
    if (has(v, 'd')) throw new KeySetError('private key in a public JWK');
    if (has(v, 'use') && v.use !== 'sig') throw new KeySetError('use must be sig');
    if (has(v, 'alg') && v.alg !== 'EdDSA') throw new KeySetError('alg must be EdDSA');
    const x = has(v, 'x') && typeof v.x === 'string' ? b64uDecode(v.x) : null;
    if (x === null) throw new KeySetError('x must be base64url');
    if (!has(v, 'kid') || typeof v.kid !== 'string') throw new KeySetError('kid missing');
    let issuer = null;
    if (has(v, 'iss')) {
      if (typeof v.iss !== 'string') throw new KeySetError('iss must be a string');
      issuer = v.iss;
    }
    if (!isShortText(v.kid, TEXT.keyID)) throw new KeySetError('invalid kid');
    if (issuer !== null && !isShortText(issuer, TEXT.issuer)) throw new KeySetError('invalid iss');
    if (x.length !== 32) throw new KeySetError('x must be 32 bytes');
    return { kid: v.kid, issuer, x };
  }

  /** Parses one JWK from text; throws KeySetError. */
  function parseJWK(text) {
    const v = parseStrictJSON(text);
    if (v === undefined) throw new KeySetError('not JSON');
    return jwkFromValue(v);
  }

  function jwkSetFromValue(v) {
    if (!isPlainObject(v) || !has(v, 'keys') || !Array.isArray(v.keys)) throw new KeySetError('keys must be an array');
    const keys = v.keys.map(jwkFromValue);
    if (new Set(keys.map((k) => k.kid)).size !== keys.length) throw new KeySetError('duplicate kid');
    return keys;
  }

  /** Parses a JWK set `{"keys":[…]}` from text: every key strictly, duplicate kids refused. */
  function parseJWKSet(text) {
    const v = parseStrictJSON(text);
    if (v === undefined) throw new KeySetError('not JSON');
    return jwkSetFromValue(v);
  }

  /** A trusted city (TrustedIssuer): refuses a key whose `iss` names another city. */
  function trustedIssuer(cityCode, name, keys) {
    if (!isShortText(cityCode, TEXT.issuer)) throw new KeySetError('invalid city code');
    if (typeof name !== 'string' || name === '') throw new KeySetError('city ' + cityCode + ' has no name');
    for (const k of keys) {
      if (k.issuer !== null && k.issuer !== cityCode) {
        throw new KeySetError('key ' + k.kid + ' belongs to ' + k.issuer + ', not ' + cityCode);
      }
    }
    return { cityCode, name, keys };
  }

  /**
   * The trusted issuers from the three published documents:
   *   keysText     — /.well-known/yingcai-keys.json, the own city's JWK set;
   *   partnersText — /.well-known/yingcai-partners.json (may be null):
   *     {"self":{"cityCode":"500000","name":"重庆市"},
   *      "partners":[{"cityCode":"510100","name":"成都市","keys":{"keys":[…]}}]}
   * Without a partners document the own city code comes from the keys' `iss` and doubles as the
   * name. A partner entry naming the own city is refused; a later entry for the same partner city
   * replaces an earlier one (as in TalentCodeVerifier.init). Throws KeySetError.
   */
  function trustedIssuersFromDocuments(keysText, partnersText) {
    const ownKeys = parseJWKSet(keysText);
    let self = null;
    const partners = [];
    if (partnersText !== null && partnersText !== undefined) {
      const doc = parseStrictJSON(partnersText);
      if (!isPlainObject(doc)) throw new KeySetError('partners: not a JSON object');
      if (has(doc, 'self')) {
        if (!isPlainObject(doc.self)) throw new KeySetError('partners: self must be an object');
        self = { cityCode: doc.self.cityCode, name: doc.self.name };
      }
      const list = has(doc, 'partners') ? doc.partners : [];
      if (!Array.isArray(list)) throw new KeySetError('partners: partners must be an array');
      for (const p of list) {
        if (!isPlainObject(p)) throw new KeySetError('partners: entry must be an object');
        partners.push(trustedIssuer(p.cityCode, p.name, jwkSetFromValue(p.keys)));
      }
    }
    if (self === null) {
      const cities = new Set(ownKeys.map((k) => k.issuer));
      if (cities.size !== 1 || cities.has(null)) throw new KeySetError('own city unknown: keys need one common iss');
      const city = [...cities][0];
      self = { cityCode: city, name: city };
    }
    const issuers = [trustedIssuer(self.cityCode, self.name, ownKeys)];
    for (const p of partners) {
      if (p.cityCode === self.cityCode) throw new KeySetError('partners: entry for the own city ' + p.cityCode);
      issuers.push(p);
    }
    return issuers;
  }

  function subtle() {
    const c = global.crypto;
    if (!c || !c.subtle) throw new Error('WebCrypto is not available (a secure context is needed)');
    return c.subtle;
  }

  /**
   * Imports the keys once (like PreparedVerifyingKey): { issuers: Map(city → {name, keys: Map(kid →
   * CryptoKey)}) }. A key WebCrypto will not import is left out, so codes signed with it are
   * `unknownKey` (Swift's `try?` in TalentCodeVerifier.init). Rejects if Ed25519 is unsupported.
   */
  async function buildTrust(trustedIssuers) {
    await ed25519Supported(true);
    const issuers = new Map();
    for (const t of trustedIssuers) {
      const keys = new Map();
      for (const k of t.keys) {
        try {
          keys.set(k.kid, await subtle().importKey('raw', k.x, { name: 'Ed25519' }, false, ['verify']));
        } catch (e) {
          // not importable: left out
        }
      }
      issuers.set(t.cityCode, { name: t.name, keys, kids: t.keys.map((k) => k.kid) });
    }
    return { issuers };
  }

  // RFC 8037 Appendix A public key, to probe for Ed25519 support.
  const RFC8037_X = '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo';
  let ed25519Probe = null;

  /** Whether this WebCrypto verifies Ed25519; with `orThrow`, rejects instead of answering false. */
  async function ed25519Supported(orThrow) {
    if (ed25519Probe === null) {
      ed25519Probe = (async () => {
        try {
          await subtle().importKey('raw', b64uDecode(RFC8037_X), { name: 'Ed25519' }, false, ['verify']);
          return true;
        } catch (e) {
          return false;
        }
      })();
    }
    const ok = await ed25519Probe;
    if (!ok && orThrow) throw new Error('Ed25519 is not supported by this browser\u2019s WebCrypto');
    return ok;
  }

  // ---------------------------------------------------------------------------------------------
  // Revocation lists (RevocationList.swift, RevocationStore.swift)

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

  /** { ok: true, list } or { ok: false, reason } (malformed, unknownIssuer, unknownKey, badSignature). */
  async function verifyRevocationList(text, trust) {
    const env = openEnvelope(text, LIST_PREFIX);
    if (env === null) return { ok: false, reason: 'malformed' };
    const decoded = decodeRevocationPayload(env.payload);
    if (decoded === null) return { ok: false, reason: 'malformed' };
    const issuer = trust.issuers.get(decoded.list.issuer);
    if (!issuer) return { ok: false, reason: 'unknownIssuer' };
    const key = issuer.keys.get(decoded.keyID);
    if (!key) return { ok: false, reason: 'unknownKey' };
    if (!(await subtle().verify({ name: 'Ed25519' }, key, env.signature, env.signed))) {
      return { ok: false, reason: 'badSignature' };
    }
    return { ok: true, list: decoded.list };
  }

  /** Decodes a list without checking its signature: only for lists verified when they were installed. */
  function decodeRevocationListUnverified(text) {
    const env = openEnvelope(text, LIST_PREFIX);
    const decoded = env && decodeRevocationPayload(env.payload);
    return decoded ? decoded.list : null;
  }

  /** The lists held, one per issuer, with the text each came from (so it can be saved). */
  class RevocationStore {
    constructor() {
      this.lists = new Map(); // issuer → RevocationList
      this.texts = new Map(); // issuer → signed text
    }
    revocationList(issuer) { return this.lists.get(issuer) || null; }

    /**
     * Verifies `text` with `trust` and keeps it unless its sequence is lower than the one held:
     * { status: 'installed'|'unchanged', stale, issuer, sequence } or { status: 'refused', reason }
     * (reason 'rollback' for a lower sequence).
     */
    async refresh(text, trust, now) {
      const checked = await verifyRevocationList(text, trust);
      if (!checked.ok) return { status: 'refused', reason: checked.reason };
      const list = checked.list;
      const held = this.lists.get(list.issuer);
      if (held) {
        if (list.sequence < held.sequence) return { status: 'refused', reason: 'rollback', issuer: list.issuer };
        if (list.sequence === held.sequence) {
          return { status: 'unchanged', stale: held.isStale(now), issuer: list.issuer, sequence: held.sequence };
        }
      }
      this.lists.set(list.issuer, list);
      this.texts.set(list.issuer, text);
      return { status: 'installed', stale: list.isStale(now), issuer: list.issuer, sequence: list.sequence };
    }

    staleIssuers(now) {
      return [...this.lists.values()].filter((l) => l.isStale(now)).map((l) => l.issuer).sort();
    }

    /** { issuer: text } for storage. */
    toJSON() { return Object.fromEntries(this.texts); }

    /** Restores lists saved by toJSON (they were verified when installed). */
    static fromJSON(saved) {
      const store = new RevocationStore();
      if (isPlainObject(saved)) {
        for (const text of Object.values(saved)) {
          const list = typeof text === 'string' ? decodeRevocationListUnverified(text) : null;
          if (list && !store.lists.has(list.issuer)) {
            store.lists.set(list.issuer, list);
            store.texts.set(list.issuer, text);
          }
        }
      }
      return store;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Replay memory (ReplayGuard.swift, kept in Web Storage)

  /**
   * Remembers the codes this browser accepted, nonce (16 hex digits) → expires-at, until they
   * expire. `storage` is a Web Storage (localStorage/sessionStorage) or null for memory only.
   */
  class ReplayMemory {
    constructor(storage, key) {
      this.storage = storage || null;
      this.key = key || 'yingcai.verifier.replay';
      this.memory = Object.create(null);
    }
    load() {
      if (!this.storage) return this.memory;
      try {
        const v = JSON.parse(this.storage.getItem(this.key) || '{}');
        return isPlainObject(v) ? v : {};
      } catch (e) {
        return this.memory;
      }
    }
    save(seen) {
      this.memory = seen;
      if (!this.storage) return;
      try { this.storage.setItem(this.key, JSON.stringify(seen)); } catch (e) { /* full or blocked: memory only */ }
    }
    /** Records the nonce; false if it was seen and has not expired yet (a replay). */
    admit(nonceHex, expiresAt, now) {
      const seen = this.load();
      const kept = Object.create(null);
      for (const k of Object.keys(seen)) if (seen[k] > now) kept[k] = seen[k]; // forget expired codes
      if (kept[nonceHex] !== undefined && kept[nonceHex] > now) {
        this.save(kept);
        return false;
      }
      kept[nonceHex] = expiresAt;
      this.save(kept);
      return true;
    }
    get count() { return Object.keys(this.load()).length; }
  }

  // ---------------------------------------------------------------------------------------------
  // Verification (TalentCodeVerifier.swift)

  function refused(reason) {
    return { valid: false, reason, zh: REASONS[reason].zh, en: REASONS[reason].en };
  }

  /** Known entitlements present, in bit order, plus the unknown bits. */
  function entitlementNames(mask) {
    const known = ENTITLEMENTS.filter((e) => (mask >>> e.bit) & 1).map((e) => ({ zh: e.zh, en: e.en }));
    const unknownBits = (mask & ~0xff) >>> 0;
    return { known, unknownBits };
  }

  /**
   * Checks a code: well-formed, trusted city, known key, signature, not yet valid, expired,
   * revoked card, then (only if `replay` is given) replay. `now` is Unix seconds; `revocations`
   * anything with revocationList(issuer) (a RevocationStore or a RevocationList) or null.
   * Resolves { valid: true, claims, issuerName, entitlements } or { valid: false, reason, zh, en }.
   * Only a code that passes everything is recorded in `replay`.
   */
  async function verifyToken(token, trust, now, revocations, replay) {
    const env = openEnvelope(token, CODE_PREFIX);
    if (env === null) return refused('malformed');
    const claims = decodeClaims(env.payload);
    if (claims === null) return refused('malformed');
    const issuer = trust.issuers.get(claims.issuer);
    if (!issuer) return refused('unknownIssuer');
    const key = issuer.keys.get(claims.keyID);
    if (!key) return refused('unknownKey');
    if (!(await subtle().verify({ name: 'Ed25519' }, key, env.signature, env.signed))) return refused('badSignature');

    if (claims.issuedAt > now + CLOCK_SKEW) return refused('notYetValid');
    if (now >= claims.expiresAt) return refused('expired');
    const list = revocations ? revocations.revocationList(claims.issuer) : null;
    if (list && list.isRevoked(claims.cardNumber)) return refused('revokedCard');
    if (replay && !replay.admit(claims.nonceHex, claims.expiresAt, now)) return refused('replayed');
    return { valid: true, claims, issuerName: issuer.name, entitlements: entitlementNames(claims.entitlements) };
  }

  const api = {
    CODE_PREFIX, LIST_PREFIX, CLOCK_SKEW, REASONS, ENTITLEMENTS,
    b64uDecode, b64uEncode, openEnvelope, decodeClaims, decodeRevocationPayload,
    parseStrictJSON, parseJWK, parseJWKSet, trustedIssuersFromDocuments, KeySetError,
    buildTrust, ed25519Supported, verifyToken, verifyRevocationList,
    RevocationList, RevocationStore, ReplayMemory, entitlementNames,
  };
  global.YingcaiVerifier = Object.freeze(api);

  if (typeof document !== 'undefined' && typeof window !== 'undefined') {
    startPage(api);
  }

  // =============================================================================================
  // The page

  function startPage(V) {
    const PATHS = {
      keys: '/.well-known/yingcai-keys.json',
      partners: '/.well-known/yingcai-partners.json',
      revocations: '/.well-known/yingcai-revocations',
      serviceWorker: '/verifier-sw.js',
    };
    const STORE = {
      keys: 'yingcai.verifier.keys', // { text, fetchedAt }
      partners: 'yingcai.verifier.partners', // { text, fetchedAt }
      revocations: 'yingcai.verifier.revocations', // { lists: {issuer: text}, fetchedAt }
      replay: 'yingcai.verifier.replay', // { nonceHex: expiresAt }
    };
    const REFRESH_EVERY_MS = 5 * 60 * 1000;

    const $ = (id) => document.getElementById(id);
    const ui = {
      form: $('verify-form'), token: $('token'), verify: $('verify-button'), clear: $('clear-button'),
      scan: $('scan-button'), camera: $('camera'), video: $('camera-video'), cameraStop: $('camera-stop'),
      cameraNote: $('camera-note'), result: $('result'), resultBody: $('result-body'), status: $('status'),
      statusKeys: $('status-keys'), statusLists: $('status-lists'), statusNetwork: $('status-network'),
      statusNotes: $('status-notes'), refresh: $('refresh-button'), support: $('support'),
    };

    const storage = (() => {
      try {
        const s = window.localStorage;
        s.setItem('yingcai.verifier.probe', '1');
        s.removeItem('yingcai.verifier.probe');
        return s;
      } catch (e) {
        try { return window.sessionStorage; } catch (e2) { return null; }
      }
    })();

    const state = {
      trust: null,
      trustError: null,
      revocations: new V.RevocationStore(),
      replay: new V.ReplayMemory(storage, STORE.replay),
      keysFetchedAt: null,
      partnersFetchedAt: null,
      listsFetchedAt: null,
      offline: !navigator.onLine,
      notes: [],
      supported: true,
      countdown: null,
      refreshing: null,
    };

    const nowSeconds = () => Math.floor(Date.now() / 1000);

    function load(key) {
      if (!storage) return null;
      try {
        const v = JSON.parse(storage.getItem(key) || 'null');
        return v && typeof v === 'object' ? v : null;
      } catch (e) {
        return null;
      }
    }
    function save(key, value) {
      if (!storage) return;
      try { storage.setItem(key, JSON.stringify(value)); } catch (e) { state.notes.push('无法保存 Could not save ' + key); }
    }

    // ---- DOM helpers

    function el(tag, attrs, ...children) {
      const e = document.createElement(tag);
      for (const [k, v] of Object.entries(attrs || {})) {
        if (k === 'class') e.className = v; else e.setAttribute(k, v);
      }
      for (const c of children) if (c !== null && c !== undefined) e.append(c);
      return e;
    }
    const en = (text) => el('span', { lang: 'en', class: 'en' }, text);
    const bilingual = (zh, english) => el('span', {}, zh, ' ', en(english));

    function pad(n) { return String(n).padStart(2, '0'); }
    function formatTime(ms) {
      if (!ms) return null;
      const d = new Date(ms);
      return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' +
        pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
    }

    // ---- Status line

    function renderStatus() {
      const when = (ms) => (ms ? el('time', { datetime: new Date(ms).toISOString() }, formatTime(ms)) : bilingual('从未', 'never'));
      // The trust is as fresh as the older of the two key documents.
      const keyTimes = [state.keysFetchedAt, state.partnersFetchedAt].filter(Boolean);
      ui.statusKeys.replaceChildren(bilingual('密钥更新于', 'Keys refreshed:'), ' ',
        when(keyTimes.length ? Math.min(...keyTimes) : null));
      const held = [...state.revocations.lists.values()].map((l) => l.issuer + ' #' + l.sequence).sort().join(', ');
      ui.statusLists.replaceChildren(bilingual('注销名单更新于', 'Revocation lists refreshed:'), ' ',
        when(state.listsFetchedAt), held ? ' (' + held + ')' : '');
      ui.statusNetwork.replaceChildren(state.offline
        ? el('strong', { class: 'offline' }, '离线 ', en('Offline'), ' — ', bilingual('使用已保存的密钥和名单', 'using the saved keys and lists'))
        : el('strong', { class: 'online' }, '在线 ', en('Online')));
      ui.status.dataset.offline = state.offline ? 'true' : 'false';
      const notes = [];
      const stale = state.revocations.staleIssuers(nowSeconds());
      if (stale.length) notes.push(bilingual('名单已过更新时间：' + stale.join('、'), 'List past its next update: ' + stale.join(', ')));
      if (state.trustError) notes.push(bilingual('密钥不可用：', 'Keys unusable: ' + state.trustError));
      for (const n of state.notes) notes.push(el('span', {}, n));
      ui.statusNotes.replaceChildren(...notes.map((n) => el('li', {}, n)));
      ui.statusNotes.hidden = notes.length === 0;
      if (state.trust) {
        const cities = [...state.trust.issuers.entries()].map(([code, v]) => v.name + ' (' + code + ')').join('、');
        ui.status.title = '受信任城市 Trusted cities: ' + cities;
      }
    }

    // ---- Keys, partners and lists

    /** { text, network } — network false when the service worker answered from its cache. */
    async function fetchText(path) {
      const res = await fetch(path, { cache: 'no-cache', credentials: 'same-origin' });
      if (!res.ok) throw new Error(path + ': HTTP ' + res.status);
      const text = await res.text();
      return { text, network: res.headers.get('X-Yingcai-From-Cache') === null };
    }

    async function settle(promise) {
      try { return { ok: true, value: await promise }; } catch (e) { return { ok: false, error: e }; }
    }

    async function trustFrom(keysText, partnersText) {
      return V.buildTrust(V.trustedIssuersFromDocuments(keysText, partnersText));
    }

    async function loadSaved() {
      const keys = load(STORE.keys);
      const partners = load(STORE.partners);
      const lists = load(STORE.revocations);
      if (keys && typeof keys.text === 'string') {
        try {
          state.trust = await trustFrom(keys.text, partners && typeof partners.text === 'string' ? partners.text : null);
          state.keysFetchedAt = keys.fetchedAt || null;
          state.partnersFetchedAt = partners ? partners.fetchedAt || null : null;
        } catch (e) {
          state.trustError = e.message;
        }
      }
      if (lists) {
        state.revocations = V.RevocationStore.fromJSON(lists.lists);
        state.listsFetchedAt = lists.fetchedAt || null;
      }
    }

    async function refreshFromNetwork() {
      state.notes = [];
      let offline = !navigator.onLine;
      const [keysRes, partnersRes] = await Promise.all([settle(fetchText(PATHS.keys)), settle(fetchText(PATHS.partners))]);
      if (!keysRes.ok || !keysRes.value.network || !partnersRes.ok || !partnersRes.value.network) offline = true;

      const savedKeys = load(STORE.keys);
      const savedPartners = load(STORE.partners);
      // Prefer what came from the network; otherwise the saved copy; otherwise whatever the cache gave.
      const pick = (res, saved) => {
        if (res.ok && res.value.network) return { text: res.value.text, fresh: true };
        if (saved && typeof saved.text === 'string') return { text: saved.text, fresh: false };
        if (res.ok) return { text: res.value.text, fresh: false };
        return null;
      };
      const keys = pick(keysRes, savedKeys);
      const partners = pick(partnersRes, savedPartners);
      if (keys && (keys.fresh || (partners && partners.fresh) || !state.trust)) {
        try {
          state.trust = await trustFrom(keys.text, partners ? partners.text : null);
          state.trustError = null;
          const t = Date.now();
          if (keys.fresh) { save(STORE.keys, { text: keys.text, fetchedAt: t }); state.keysFetchedAt = t; }
          if (partners && partners.fresh) { save(STORE.partners, { text: partners.text, fetchedAt: t }); state.partnersFetchedAt = t; }
        } catch (e) {
          // A damaged set is noticed, not half-trusted: keep the last good keys.
          state.trustError = e.message;
        }
      } else if (!keys) {
        state.trustError = state.trust ? null : '尚未加载 not loaded yet';
      }

      const listsRes = await settle(fetchText(PATHS.revocations));
      if (!listsRes.ok || !listsRes.value.network) offline = true;
      const text = listsRes.ok && (listsRes.value.network || state.revocations.lists.size === 0) ? listsRes.value.text : null;
      if (text !== null && state.trust) {
        const now = nowSeconds();
        for (const line of text.split('\n')) {
          const l = line.replace(/\r$/, '').trim();
          if (l === '') continue;
          const r = await state.revocations.refresh(l, state.trust, now);
          if (r.status === 'refused') {
            const why = r.reason === 'rollback' ? '名单序号回退 rollback' : r.reason;
            state.notes.push('已拒收一份注销名单 A revocation list was refused: ' + why + (r.issuer ? ' (' + r.issuer + ')' : ''));
          }
        }
        if (listsRes.value.network) state.listsFetchedAt = Date.now();
        save(STORE.revocations, { lists: state.revocations.toJSON(), fetchedAt: state.listsFetchedAt });
      }
      state.offline = offline;
      renderStatus();
    }

    function refresh() {
      if (!state.supported) return Promise.resolve();
      if (!state.refreshing) {
        state.refreshing = refreshFromNetwork()
          .catch((e) => { state.notes.push('更新失败 Refresh failed: ' + e.message); renderStatus(); })
          .finally(() => {
            state.refreshing = null;
            // For tests and monitoring: how many refreshes have finished.
            const root = document.documentElement;
            root.dataset.refreshes = String(Number(root.dataset.refreshes || '0') + 1);
          });
      }
      return state.refreshing;
    }

    // ---- Results

    function stopCountdown() {
      if (state.countdown) { clearInterval(state.countdown); state.countdown = null; }
    }

    function showMessage(kind, zh, english) {
      stopCountdown();
      ui.result.className = 'result ' + kind;
      ui.resultBody.replaceChildren(el('p', { class: 'verdict' }, zh, ' ', en(english)));
    }

    function row(zh, english, ...value) {
      return [el('dt', {}, zh, ' ', en(english)), el('dd', {}, ...value)];
    }

    function showValid(r) {
      stopCountdown();
      const c = r.claims;
      const ents = r.entitlements.known.length
        ? el('ul', { class: 'entitlements' }, ...r.entitlements.known.map((e) => el('li', {}, e.zh, ' ', en(e.en))))
        : bilingual('无', 'none');
      const remaining = el('span', { id: 'expires-in' });
      const tick = () => {
        const left = c.expiresAt - nowSeconds();
        if (left > 0) {
          remaining.replaceChildren(left + ' 秒后过期 ', en('expires in ' + left + ' s'));
        } else {
          remaining.replaceChildren('已过期 ', en('expired'));
          stopCountdown();
        }
      };
      tick();
      const rows = [
        ...row('签发城市', 'Issuing city', r.issuerName + ' (' + c.issuer + ')'),
        ...row('人才层次', 'Tier', c.tier),
        ...row('英才卡号', 'Card number', c.cardNumber || bilingual('无（D–E 类无卡）', 'none (tiers D–E hold no card)')),
        ...row('权益', 'Entitlements', ents),
        ...row('有效期', 'Validity', remaining),
      ];
      if (r.entitlements.unknownBits) {
        rows.push(...row('其他权益位', 'Other entitlement bits', '0x' + r.entitlements.unknownBits.toString(16)));
      }
      ui.result.className = 'result valid';
      ui.result.dataset.outcome = 'valid';
      ui.resultBody.replaceChildren(
        el('p', { class: 'verdict' }, el('span', { class: 'mark', 'aria-hidden': 'true' }, '✓'), ' 有效 ', en('Valid')),
        el('dl', {}, ...rows));
      state.countdown = setInterval(tick, 1000);
    }

    function showRefused(r) {
      stopCountdown();
      ui.result.className = 'result refused';
      ui.result.dataset.outcome = r.reason;
      ui.resultBody.replaceChildren(
        el('p', { class: 'verdict' }, el('span', { class: 'mark', 'aria-hidden': 'true' }, '✗'), ' 拒绝 ', en('Refused')),
        el('p', { class: 'reason-text' }, r.zh, el('br'), en(r.en)),
        el('p', { class: 'reason-code' }, bilingual('原因代码', 'Reason code:'), ' ', el('code', {}, r.reason)));
    }

    async function verifyNow() {
      const token = ui.token.value.trim();
      if (token === '') {
        delete ui.result.dataset.outcome;
        showMessage('info', '请先粘贴或扫入人才码。', 'Paste or scan a talent code first.');
        ui.token.focus();
        return;
      }
      if (!state.supported) return;
      if (!state.trust) {
        if (state.refreshing) await state.refreshing;
        if (!state.trust) {
          ui.result.dataset.outcome = 'noKeys';
          showMessage('refused', '无法验码：尚未加载密钥，请联网后重试。', 'Cannot verify: no keys loaded yet; go online and try again.');
          return;
        }
      }
      ui.verify.disabled = true;
      try {
        const r = await V.verifyToken(token, state.trust, nowSeconds(), state.revocations, state.replay);
        if (r.valid) showValid(r); else showRefused(r);
      } catch (e) {
        ui.result.dataset.outcome = 'error';
        showMessage('refused', '验码出错：' + e.message, 'Verification failed: ' + e.message);
      } finally {
        ui.verify.disabled = false;
        // Ready for the next scan: the next characters typed replace this code.
        ui.token.focus();
        ui.token.select();
        if (ui.result.scrollIntoView) ui.result.scrollIntoView({ block: 'nearest' });
      }
    }

    // ---- Camera (BarcodeDetector)

    let cameraStream = null;
    let scanTimer = null;

    function stopCamera() {
      if (scanTimer) { clearTimeout(scanTimer); scanTimer = null; }
      if (cameraStream) { cameraStream.getTracks().forEach((t) => t.stop()); cameraStream = null; }
      ui.video.srcObject = null;
      ui.camera.hidden = true;
      ui.scan.setAttribute('aria-expanded', 'false');
    }

    async function startCamera() {
      try {
        const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
        cameraStream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
        ui.video.srcObject = cameraStream;
        ui.camera.hidden = false;
        ui.scan.setAttribute('aria-expanded', 'true');
        await ui.video.play();
        ui.cameraStop.focus();
        const loop = async () => {
          if (!cameraStream) return;
          try {
            const codes = await detector.detect(ui.video);
            const hit = codes.find((c) => typeof c.rawValue === 'string' && c.rawValue.startsWith(V.CODE_PREFIX));
            if (hit) {
              stopCamera();
              ui.token.value = hit.rawValue;
              await verifyNow();
              return;
            }
          } catch (e) { /* frame not ready */ }
          scanTimer = setTimeout(loop, 200);
        };
        loop();
      } catch (e) {
        stopCamera();
        showMessage('info', '无法打开摄像头：' + e.message, 'Cannot open the camera: ' + e.message);
      }
    }

    async function offerCamera() {
      if (!('BarcodeDetector' in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
      try {
        const formats = await window.BarcodeDetector.getSupportedFormats();
        if (!formats.includes('qr_code')) return;
      } catch (e) {
        return;
      }
      ui.scan.hidden = false;
    }

    // ---- Wiring

    ui.form.addEventListener('submit', (e) => { e.preventDefault(); verifyNow(); });
    // A USB scanner types the code and presses Enter: Enter verifies (Shift+Enter is a new line).
    ui.token.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); verifyNow(); }
    });
    ui.clear.addEventListener('click', () => {
      ui.token.value = '';
      stopCountdown();
      delete ui.result.dataset.outcome;
      ui.result.className = 'result';
      ui.resultBody.replaceChildren(el('p', { class: 'muted' }, '尚未验码 ', en('No code checked yet')));
      ui.token.focus();
    });
    ui.scan.addEventListener('click', () => { if (cameraStream) stopCamera(); else startCamera(); });
    ui.cameraStop.addEventListener('click', () => { stopCamera(); ui.scan.focus(); });
    ui.refresh.addEventListener('click', () => { refresh(); });
    document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && cameraStream) { stopCamera(); ui.scan.focus(); } });
    window.addEventListener('online', () => { state.offline = false; renderStatus(); refresh(); });
    window.addEventListener('offline', () => { state.offline = true; renderStatus(); });
    setInterval(() => { if (navigator.onLine) refresh(); }, REFRESH_EVERY_MS);

    if ('serviceWorker' in navigator) {
      navigator.serviceWorker.register(PATHS.serviceWorker, { scope: '/' })
        .then(() => navigator.serviceWorker.ready)
        .then(() => { document.documentElement.dataset.sw = 'ready'; })
        .catch(() => { document.documentElement.dataset.sw = 'unavailable'; });
    }

    (async () => {
      offerCamera();
      state.supported = await V.ed25519Supported(false);
      if (!state.supported) {
        ui.support.hidden = false;
        ui.support.replaceChildren(bilingual('此浏览器的 WebCrypto 不支持 Ed25519，无法验码。请改用新版 Chrome、Edge、Firefox 或 Safari。',
          "This browser's WebCrypto has no Ed25519, so codes cannot be checked here. Use a current Chrome, Edge, Firefox or Safari."));
        ui.verify.disabled = true;
        ui.refresh.disabled = true;
        document.documentElement.dataset.ready = 'unsupported';
        renderStatus();
        return;
      }
      await loadSaved();
      renderStatus();
      await refresh();
      document.documentElement.dataset.ready = 'true';
    })();
  }
})(typeof globalThis !== 'undefined' ? globalThis : this);
