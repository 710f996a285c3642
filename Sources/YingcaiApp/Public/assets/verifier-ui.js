/*
 * 验码 — the page's small tools: building elements with their English beside the Chinese, times as
 * people read them, and scanning a code with the camera (BarcodeDetector, where the browser has it).
 */
(function (global) {
  'use strict';

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

  /**
   * The camera scanner of the page: `offer()` shows its button where the browser can scan QR codes,
   * `start()` scans until a code beginning with `prefix` is seen and hands it to `onCode`, `stop()`.
   */
  function camera(ui, prefix, onCode, showMessage) {

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
            const hit = codes.find((c) => typeof c.rawValue === 'string' && c.rawValue.startsWith(prefix));
            if (hit) {
              stopCamera();
              await onCode(hit.rawValue);
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

    return { offer: offerCamera, start: startCamera, stop: stopCamera, active: () => cameraStream !== null };
  }

  global.YingcaiVerifierUI = Object.freeze({ el, en, bilingual, formatTime, camera });
})(typeof globalThis !== 'undefined' ? globalThis : this);
