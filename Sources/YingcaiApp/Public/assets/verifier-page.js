/*
 * 验码 — the page: keys and lists fetched and kept for offline use, a code checked and its result shown,
 * the status of the network and the data. Runs only in a browser, after verifier-ui.js.
 */
(function (global) {
  'use strict';

  const UI = global.YingcaiVerifierUI;

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

    const { el, en, bilingual, formatTime } = UI;

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

    // ---- Camera (BarcodeDetector), in verifier-ui.js

    const camera = UI.camera(ui, V.CODE_PREFIX, async (code) => {
      ui.token.value = code;
      await verifyNow();
    }, showMessage);

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
    ui.scan.addEventListener('click', () => { if (camera.active()) camera.stop(); else camera.start(); });
    ui.cameraStop.addEventListener('click', () => { camera.stop(); ui.scan.focus(); });
    ui.refresh.addEventListener('click', () => { refresh(); });
    document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && camera.active()) { camera.stop(); ui.scan.focus(); } });
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
      camera.offer();
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

  if (typeof document !== 'undefined' && typeof window !== 'undefined' && global.YingcaiVerifier) {
    startPage(global.YingcaiVerifier);
  }
})(typeof globalThis !== 'undefined' ? globalThis : this);
