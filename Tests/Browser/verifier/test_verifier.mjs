// Tests the pure verification functions of verifier-*.js in Node (20+, WebCrypto Ed25519).
//
//     python3 make_vectors.py && node test_verifier.mjs
//
// Uses vectors/vectors.json (fixed `now`), the published files under vectors/.well-known, and,
// the Swift sources of the repository, to compare the refusal and entitlement texts.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
// The verifier's pure parts, in the order verify.html loads them.
for (const part of ['verifier-encoding.js', 'verifier-json.js', 'verifier-trust.js']) {
  const script = join(root, 'Sources', 'YingcaiApp', 'Public', 'assets', part);
  vm.runInThisContext(readFileSync(script, 'utf8'), { filename: script });
}
const vectorsDir = process.env.VECTORS_DIR || join(here, 'vectors');
const V = globalThis.YingcaiVerifier;
const vectors = JSON.parse(readFileSync(join(vectorsDir, 'vectors.json'), 'utf8'));
const wk = (name) => readFileSync(join(vectorsDir, '.well-known', name), 'utf8');
const NOW = vectors.now;

let passed = 0;
const failures = [];
function check(ok, what) {
  if (ok) passed++; else { failures.push(what); console.error('FAIL ' + what); }
}
function eq(actual, expected, what) {
  const j = (v) => JSON.stringify(v, (k, x) => (typeof x === 'bigint' ? x.toString() + 'n' : x));
  check(Object.is(actual, expected) || j(actual) === j(expected), `${what}: expected ${j(expected)}, got ${j(actual)}`);
}
const outcome = (r) => (r.valid ? 'valid' : r.reason);

// --- WebCrypto itself: RFC 8037 Appendix A.
{
  const { x, message, signature } = vectors.rfc8037;
  check(await V.ed25519Supported(false), 'Node WebCrypto supports Ed25519');
  const key = await crypto.subtle.importKey('raw', V.b64uDecode(x), { name: 'Ed25519' }, false, ['verify']);
  check(await crypto.subtle.verify({ name: 'Ed25519' }, key, V.b64uDecode(signature), new TextEncoder().encode(message)),
    'RFC 8037 signature verifies');
}

// --- Base64url: canonical, one spelling per byte string.
{
  for (let n = 0; n <= 40; n++) {
    const bytes = crypto.getRandomValues(new Uint8Array(n));
    const s = V.b64uEncode(bytes);
    eq(s, Buffer.from(bytes).toString('base64url'), `encode length ${n}`);
    eq(Buffer.from(V.b64uDecode(s)).toString('hex'), Buffer.from(bytes).toString('hex'), `round trip ${n}`);
  }
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let accepted = 0;
  for (let t = 0; t < 20000; t++) {
    const len = t % 13;
    let s = '';
    for (let i = 0; i < len; i++) s += A[Math.floor(Math.random() * 64)];
    const d = V.b64uDecode(s);
    if (d !== null) { accepted++; check(V.b64uEncode(d) === s, `decode accepts only canonical: ${s}`); }
    else check(len % 4 === 1 || Buffer.from(Buffer.from(s, 'base64url')).toString('base64url') !== s, `decode refused a canonical string: ${s}`);
  }
  check(accepted > 1000, 'some random strings are canonical');
  for (const bad of ['AA==', 'AA=', 'A', 'AB', 'AAB', '+A', '/A', 'A A', 'QR', 'QUG', 'QUE=', 'QUE\n']) {
    eq(V.b64uDecode(bad), null, `strict decode refuses ${JSON.stringify(bad)}`);
  }
  eq(Array.from(V.b64uDecode('QQ')), [0x41], 'QQ is A');
  eq(V.b64uDecode('QR'), null, 'QR has unused bits set');
  eq(V.b64uDecode('QUG'), null, 'QUG has unused bits set');
}

// --- Strict JSON and JWKs (cases from Tests/TalentCodeTests/JWKTests.swift).
{
  const X = '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo';
  const D = 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A';
  const rejected = [
    `{"kty":"EC","crv":"Ed25519","x":"${X}","kid":"k"}`,
    `{"kty":"OKP","crv":"X25519","x":"${X}","kid":"k"}`,
    `{"kty":"OKP","crv":"Ed448","x":"${X}","kid":"k"}`,
    `{"kty":"OKP","crv":"Ed25519","x":"${X}=","kid":"k"}`,
    `{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"k"}`,
    `{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHUQ","kid":"k"}`,
    `{"kty":"OKP","crv":"Ed25519","x":"${X}AAA","kid":"k"}`,
    `{"kty":"OKP","crv":"Ed25519","x":"${X}","kid":"k","d":"${D}"}`,
    `{"kty":"OKP","crv":"Ed25519","x":"${X}","kid":"k","d":null}`,
    `{"kty":"OKP","crv":"Ed25519","x":"${X}","kid":"k","use":"enc"}`,
    `{"kty":"OKP","crv":"Ed25519","x":"${X}","kid":"k","alg":"ES256"}`,
    `{"kty":"OKP","crv":"Ed25519","x":"${X}","kid":"k","iss":5}`,
    `{"kty":"OKP","crv":"Ed25519","x":"${X}","kid":"k","kid":"j"}`,
    `{"kty":"OKP","crv":"Ed25519","x":"${X}","kid":"k"} x`,
    `{"kty":"OKP","crv":"Ed25519","x":"${X}","kid":"has space"}`,
    `{"kty":"OKP","crv":"Ed25519","x":11,"kid":"k"}`,
    `{"kty":"OKP","crv":"Ed25519","x":"${X}"}`,
    '["kty"]',
    '',
  ];
  for (const t of rejected) {
    let threw = false;
    try { V.parseJWK(t); } catch (e) { threw = e instanceof V.KeySetError; }
    check(threw, 'JWK refused: ' + t);
  }
  const jwk = V.parseJWK(`{"kty":"OKP","crv":"Ed25519","x":"${X}","kid":"rfc8037"}`);
  eq(jwk.issuer, null, 'RFC JWK has no iss');
  const spaced = `{ "keys" : [ { "kty":"OKP", "crv":"Ed\\u00325519", "x":"${X}", "kid":"k\\/1", "note":[1,2.5e3,true,null] } ], "extra": {} }\n`;
  eq(V.parseJWKSet(spaced)[0].kid, 'k/1', 'spaced set with escapes');
  const key = `{"kty":"OKP","crv":"Ed25519","x":"${X}","kid":"k","iss":"500000"}`;
  for (const t of ['{"keys":{}}', '{"kes":[]}', `{"keys":[${key},${key}]}`, `{"keys":[${key},{"kty":"RSA"}]}`, '{"keys":[']) {
    let threw = false;
    try { V.parseJWKSet(t); } catch (e) { threw = e instanceof V.KeySetError; }
    check(threw, 'JWK set refused: ' + t);
  }
  eq(V.parseJWKSet('{"keys":[]}').length, 0, 'empty set');
  eq(V.parseStrictJSON('['.repeat(100) + ']'.repeat(100)), undefined, 'deep nesting refused');
  check(V.parseStrictJSON('['.repeat(17) + ']'.repeat(17)) !== undefined, '17 levels accepted (depth 16)');
  eq(V.parseStrictJSON('['.repeat(18) + ']'.repeat(18)), undefined, '18 levels refused');
  eq(V.parseStrictJSON('"\\ud83d\\ude00"'), '😀', 'surrogate pair');
  eq(V.parseStrictJSON('"\\ud83d"'), undefined, 'lone high surrogate');
  eq(V.parseStrictJSON('"\\ude00"'), undefined, 'lone low surrogate');
  eq(V.parseStrictJSON('01'), undefined, 'leading zero');
  eq(V.parseStrictJSON('"a\tb"'), undefined, 'raw control character');
  eq(V.parseStrictJSON(' {"a":[1,-2.5e+3,true,false,null,"\\u00e9"]} ').a[5], 'é', 'ordinary JSON');
  eq(V.parseStrictJSON('{"__proto__":1,"__proto__":2}'), undefined, 'duplicate __proto__');

  // Trusted issuers from the published documents.
  const ok = V.trustedIssuersFromDocuments(wk('yingcai-keys.json'), wk('yingcai-partners.json'));
  eq(ok.map((t) => [t.cityCode, t.name, t.keys.map((k) => k.kid)]),
    [['500000', '重庆市', ['cq-2026-01', 'cq-2025-12']], ['510100', '成都市', ['cd-2026-01']]], 'trusted issuers');
  eq(V.trustedIssuersFromDocuments(wk('yingcai-keys.json'), null).map((t) => [t.cityCode, t.name]),
    [['500000', '500000']], 'own city from iss when there is no partners document');
  const partners = JSON.parse(wk('yingcai-partners.json'));
  const bad = [
    ['partner key naming another city', { ...partners, partners: [{ ...partners.partners[0], cityCode: '440300' }] }],
    ['partner entry for the own city', { ...partners, partners: [{ ...partners.partners[0], cityCode: '500000', keys: JSON.parse(wk('yingcai-keys.json')) }] }],
    ['self naming another city than the keys', { ...partners, self: { cityCode: '510100', name: '成都市' }, partners: [] }],
    ['partner without name', { ...partners, partners: [{ cityCode: '510100', keys: partners.partners[0].keys }] }],
    ['partners not an array', { ...partners, partners: {} }],
  ];
  for (const [what, doc] of bad) {
    let threw = false;
    try { V.trustedIssuersFromDocuments(wk('yingcai-keys.json'), JSON.stringify(doc)); } catch (e) { threw = e instanceof V.KeySetError; }
    check(threw, 'documents refused: ' + what);
  }
}

// --- Texts equal the Swift ones (when the Swift sources are at hand).
{
  const swift = join(root, 'Sources', 'TalentCode', 'VerificationResult.swift');
  if (existsSync(swift)) {
    const src = readFileSync(swift, 'utf8');
    const zh = src.slice(src.indexOf('var chinese'), src.indexOf('var english'));
    const en = src.slice(src.indexOf('var english'));
    for (const [reason, t] of Object.entries(V.REASONS)) {
      const z = new RegExp(`case \\.${reason}: return "([^"]*)"`).exec(zh);
      const e = new RegExp(`case \\.${reason}: return "([^"]*)"`).exec(en);
      eq(t.zh, z && z[1], `Chinese text of ${reason}`);
      eq(t.en, e && e[1], `English text of ${reason}`);
    }
    const verifierSrc = readFileSync(join(root, 'Sources', 'TalentCode', 'TalentCodeVerifier.swift'), 'utf8');
    const order = [...verifierSrc.slice(verifierSrc.indexOf('public func inspect('), verifierSrc.indexOf('func verifyRevocationList'))
      .matchAll(/\.refused\(\.(\w+)\)/g)].map((m) => m[1]);
    const unique = order.filter((r, i) => order.indexOf(r) === i);
    eq(Object.keys(V.REASONS).filter((r) => r !== 'replayed'), unique, 'checks in the Swift order (replay last)');
    const ents = readFileSync(join(root, 'Sources', 'TalentCode', 'Entitlements.swift'), 'utf8');
    const names = [...ents.matchAll(/\(\.\w+, "([^"]*)", "([^"]*)"\)/g)].map((m) => ({ zh: m[1], en: m[2] }));
    eq(V.ENTITLEMENTS.map((e) => ({ zh: e.zh, en: e.en })), names, 'entitlement names');
  } else {
    throw new Error('Swift sources not found at ' + swift + ': run from the repository');
  }
}

// --- Codes.
const issuers = V.trustedIssuersFromDocuments(wk('yingcai-keys.json'), wk('yingcai-partners.json'));
const trust = await V.buildTrust(issuers);

async function publishedStore() {
  const store = new V.RevocationStore();
  for (const line of wk('yingcai-revocations').split('\n').filter(Boolean)) {
    const r = await store.refresh(line, trust, NOW);
    eq(r.status, 'installed', 'published list installs');
  }
  return store;
}
const store = await publishedStore();

for (const c of vectors.codes) {
  const r = await V.verifyToken(c.token, trust, NOW, store, null);
  eq(outcome(r), c.expect, c.name);
  if (r.valid) {
    if (c.issuerName) eq(r.issuerName, c.issuerName, c.name + ' / city');
    if (c.issuer) eq(r.claims.issuer, c.issuer, c.name + ' / issuer');
    if (c.tier) eq(r.claims.tier, c.tier, c.name + ' / tier');
    if (c.card !== undefined) eq(r.claims.cardNumber, c.card, c.name + ' / card');
    if (c.entitlements !== undefined) {
      eq(r.claims.entitlements, c.entitlements, c.name + ' / entitlements');
      const expected = V.ENTITLEMENTS.filter((e) => (c.entitlements >> e.bit) & 1).map((e) => e.zh);
      eq(r.entitlements.known.map((e) => e.zh), expected, c.name + ' / entitlement names');
      eq(r.entitlements.unknownBits, (c.entitlements & ~0xff) >>> 0, c.name + ' / unknown bits');
    }
    // Replay: once per memory, only valid codes are remembered.
    const memory = new V.ReplayMemory(null);
    eq(outcome(await V.verifyToken(c.token, trust, NOW, store, memory)), 'valid', c.name + ' / first showing');
    eq(outcome(await V.verifyToken(c.token, trust, NOW, store, memory)), 'replayed', c.name + ' / second showing');
  }
  if (c.expect === 'revokedCard') {
    eq(outcome(await V.verifyToken(c.token, trust, NOW, null, null)), 'valid', c.name + ' / without lists');
  }
}
eq(vectors.codes.filter((c) => c.expect === 'valid').length >= 10, true, 'enough valid codes');
const nonceCode = vectors.codes.find((c) => c.name === 'valid, nonce above 2^53');
eq((await V.verifyToken(nonceCode.token, trust, NOW, null, null)).claims.nonceHex, '0020000000000001', '64-bit nonce');

// --- Times at the edges (the Swift TokenTests).
{
  const t = vectors.codes.find((c) => c.name === 'valid tier B').token; // issued NOW, expires NOW+120
  const at = async (now) => outcome(await V.verifyToken(t, trust, now, null, null));
  eq(await at(NOW + 119), 'valid', 'valid one second before expiry');
  eq(await at(NOW + 120), 'expired', 'expired at the second of expiry');
  eq(await at(NOW - 30), 'valid', 'issued 30 s ahead');
  eq(await at(NOW - 31), 'notYetValid', 'issued 31 s ahead');
  eq(await at(0), 'notYetValid', 'clock at zero');
}

// --- Every single-character change of a valid code is refused.
{
  const token = vectors.codes.find((c) => c.name === 'valid tier C').token;
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ';
  const reasons = {};
  let tried = 0;
  for (let i = 0; i < token.length; i++) {
    for (const ch of chars) {
      if (ch === token[i]) continue;
      const r = await V.verifyToken(token.slice(0, i) + ch + token.slice(i + 1), trust, NOW, null, null);
      tried++;
      reasons[outcome(r)] = (reasons[outcome(r)] || 0) + 1;
      if (r.valid) check(false, `alteration at ${i} to ${ch} accepted`);
    }
    const dropped = await V.verifyToken(token.slice(0, i) + token.slice(i + 1), trust, NOW, null, null);
    if (dropped.valid) check(false, `deletion at ${i} accepted`);
  }
  check(!reasons.valid, `every single-character change refused (${tried} tried: ${JSON.stringify(reasons)})`);
  check(reasons.badSignature > 0 && reasons.malformed > 0, 'alterations give both badSignature and malformed');
}

// --- Revocation lists, step by step on one store.
{
  const s = new V.RevocationStore();
  for (const step of vectors.revocationSteps) {
    const r = await s.refresh(step.text, trust, NOW);
    eq(r.status === 'refused' ? r.reason : r.status, step.expect, 'list: ' + step.name);
    if (step.stale !== undefined && r.status !== 'refused') eq(r.stale, step.stale, 'list stale: ' + step.name);
  }
  for (const c of vectors.afterSteps) eq(outcome(await V.verifyToken(c.token, trust, NOW, s, null)), c.expect, 'after lists: ' + c.name);
  eq(s.staleIssuers(NOW), ['510100'], 'stale issuers');
  // Saved and restored (a reload), then the rollback is still refused.
  const restored = V.RevocationStore.fromJSON(JSON.parse(JSON.stringify(s)));
  eq([...restored.lists.keys()].sort(), ['500000', '510100'], 'restored lists');
  eq(restored.lists.get('510100').sequence, 1n << 60n, 'restored 64-bit sequence');
  const cq4 = vectors.revocationSteps.find((x) => x.name.startsWith('Chongqing seq 4')).text;
  eq((await restored.refresh(cq4, trust, NOW)).reason, 'rollback', 'rollback refused after a reload');
  // A list only revokes its own issuer's cards.
  const cqList = (await V.verifyRevocationList(vectors.revocationSteps[0].text, trust)).list;
  eq(cqList.revocationList('510100'), null, 'a list never applies to another city');
  eq(cqList.isRevoked(''), false, 'an empty card number is never revoked');
}

// --- Replay memory (persisted like localStorage across a reload; refused codes do not use it up).
{
  const fakeStorage = () => {
    const m = new Map();
    return { getItem: (k) => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, String(v)), removeItem: (k) => m.delete(k) };
  };
  const st = fakeStorage();
  const code = vectors.replayCode; // issued NOW, expires NOW+120
  let memory = new V.ReplayMemory(st, 'k');
  eq(outcome(await V.verifyToken(code, trust, NOW - 31, store, memory)), 'notYetValid', 'replay: refused first');
  eq(memory.count, 0, 'replay: a refused code is not remembered');
  eq(outcome(await V.verifyToken(code, trust, NOW, store, memory)), 'valid', 'replay: first valid showing');
  memory = new V.ReplayMemory(st, 'k'); // reload
  eq(outcome(await V.verifyToken(code, trust, NOW + 1, store, memory)), 'replayed', 'replay: after a reload');
  eq(outcome(await V.verifyToken(code, trust, NOW + 120, store, memory)), 'expired', 'replay: expiry comes first');
  const other = vectors.codes.find((c) => c.name === 'valid, issued-at exactly 30 s ahead').token; // expires NOW+150
  eq(outcome(await V.verifyToken(other, trust, NOW + 121, store, memory)), 'valid', 'replay: another code');
  eq(memory.count, 1, 'replay: expired entries forgotten');
  eq(outcome(await V.verifyToken(code, trust, NOW + 1, store, new V.ReplayMemory(null))), 'valid', 'replay: another verifier');
}

// --- A key WebCrypto will not import is left out (unknownKey), not an error.
{
  const t = await V.buildTrust([{ cityCode: '500000', name: '重庆市', keys: [] }]);
  eq(outcome(await V.verifyToken(vectors.codes[0].token, t, NOW, null, null)), 'unknownKey', 'no keys: unknownKey');
}

console.log(`${passed} checks passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
