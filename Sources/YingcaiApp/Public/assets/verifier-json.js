/*
 * 验码 — a strict JSON reader: exactly one value, no duplicate members, limited depth and length.
 * Part of the verifier page (verifier-*.js, loaded in order by verify.html; see verifier-encoding.js).
 */
(function (global) {
  'use strict';

  const parts = global.YingcaiVerifierParts || (global.YingcaiVerifierParts = {});

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


  Object.assign(parts, { JSON_MAX_DEPTH, JSON_MAX_LENGTH, utf8Length, parseStrictJSON });
})(typeof globalThis !== 'undefined' ? globalThis : this);
