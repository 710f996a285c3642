/*
 * Service worker for the talent-code verifier page (验码). Served from /verifier-sw.js so its
 * scope is "/". Cache first for the page and its assets; network first, falling back to the
 * cache, for the published keys, partner keys and revocation lists. A response answered from the
 * cache carries `X-Yingcai-From-Cache: 1`, so the page knows it is offline and does not treat the
 * copy as freshly refreshed.
 *
 * VERSION is replaced by the server with a digest of the page and its assets (StaticController), so a
 * release that changes them replaces the offline copy.
 */
'use strict';

const VERSION = 'yingcai-verifier-v1';
const CACHE_PREFIX = 'yingcai-verifier-';
const PAGE = '/verify';
const ASSETS = [PAGE, '/assets/verifier-encoding.js', '/assets/verifier-json.js', '/assets/verifier-trust.js',
  '/assets/verifier-ui.js', '/assets/verifier-page.js', '/assets/verifier.css', '/assets/verifier-icon.svg'];
const DATA = ['/.well-known/yingcai-keys.json', '/.well-known/yingcai-partners.json', '/.well-known/yingcai-revocations'];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(VERSION);
    await cache.addAll(ASSETS.map((url) => new Request(url, { cache: 'reload' })));
    // The data too if it is there, so a first visit cut short still works offline.
    await Promise.all(DATA.map(async (url) => {
      try {
        const res = await fetch(new Request(url, { cache: 'no-cache' }));
        if (res.ok) await cache.put(url, res);
      } catch (e) { /* fetched again by the page */ }
    }));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== VERSION).map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

function markedFromCache(res) {
  const headers = new Headers(res.headers);
  headers.set('X-Yingcai-From-Cache', '1');
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

async function networkFirst(request, key) {
  const cache = await caches.open(VERSION);
  let res = null;
  try {
    res = await fetch(request);
    if (res.ok) {
      await cache.put(key, res.clone());
      return res;
    }
  } catch (e) {
    res = null; // offline or server down
  }
  const cached = await cache.match(key);
  if (cached) return markedFromCache(cached);
  return res || Response.error();
}

async function cacheFirst(request, key) {
  const cache = await caches.open(VERSION);
  const cached = await cache.match(key);
  if (cached) return cached;
  const res = await fetch(request);
  if (res.ok) await cache.put(key, res.clone());
  return res;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (DATA.includes(url.pathname)) {
    event.respondWith(networkFirst(request, url.pathname));
  } else if (ASSETS.includes(url.pathname)) {
    // /verify?token=… (the form without JavaScript) is still the page.
    event.respondWith(cacheFirst(request, url.pathname));
  }
});
