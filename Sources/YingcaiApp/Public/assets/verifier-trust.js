/*
 * 验码 — keys and trust (published keys, partner cities), revocation lists, the replay memory, and the verification of a code; publishes globalThis.YingcaiVerifier.
 * Part of the verifier page (verifier-*.js, loaded in order by verify.html; see verifier-encoding.js).
 */
(function (global) {
  'use strict';

  const parts = global.YingcaiVerifierParts || (global.YingcaiVerifierParts = {});
  const { CODE_PREFIX, LIST_PREFIX, CLOCK_SKEW, REASONS, ENTITLEMENTS, TEXT, b64uDecode, b64uEncode, isShortText, hex, decodeClaims, decodeRevocationPayload, openEnvelope, parseStrictJSON, RevocationList } = parts;

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


  Object.assign(parts, { KeySetError, isPlainObject, has, jwkFromValue, parseJWK, jwkSetFromValue, parseJWKSet, trustedIssuer, trustedIssuersFromDocuments, subtle, buildTrust, RFC8037_X, ed25519Supported, verifyRevocationList, decodeRevocationListUnverified, RevocationStore, ReplayMemory, refused, entitlementNames, verifyToken });
})(typeof globalThis !== 'undefined' ? globalThis : this);
