// Yingcai pages: small enhancements only. Every page works without this script.
(function () {
  'use strict';

  // The live talent code: a fresh image every `data-refresh` seconds (codes live 120 s).
  document.querySelectorAll('img[data-refresh]').forEach(function (img) {
    var seconds = Number(img.getAttribute('data-refresh')) || 60;
    var base = img.getAttribute('src').split('?')[0];
    setInterval(function () {
      img.setAttribute('src', base + '?t=' + Date.now());
    }, seconds * 1000);
  });

  // Live checking of a policy's rule text while it is typed.
  document.querySelectorAll('textarea[data-check]').forEach(function (area) {
    var out = document.querySelector('.check-result[data-for="' + area.id + '"]');
    var form = area.form;
    var csrf = form ? form.querySelector('input[name="_csrf"]') : null;
    if (!out || !csrf) return;
    var timer = null;
    var seq = 0;
    function check() {
      var mine = ++seq;
      var body = new URLSearchParams();
      body.set('_csrf', csrf.value);
      body.set('source', area.value);
      fetch(area.getAttribute('data-check'), {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: body.toString()
      }).then(function (r) { return r.ok ? r.json() : null; }).then(function (answer) {
        if (!answer || mine !== seq) return;
        out.textContent = answer.ok ? '✓ ' + answer.message : '✗ ' + answer.message;
        out.className = 'check-result ' + (answer.ok ? 'ok' : 'bad');
        area.setAttribute('aria-invalid', answer.ok ? 'false' : 'true');
      }).catch(function () { /* offline: the server checks again on save */ });
    }
    area.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(check, 300);
    });
    if (area.value.trim() !== '') check();
  });
  // Knowledge suggestions while the dispatcher types the caller's question: the page's own
  // search (a GET of the same page) fetched as the text changes, its list of hits put in place.
  document.querySelectorAll('form[data-suggest]').forEach(function (form) {
    var input = form.querySelector('input[name="q"]');
    var target = document.getElementById(form.getAttribute('data-suggest'));
    if (!input || !target) return;
    var timer = null;
    var seq = 0;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var mine = ++seq;
        var url = form.getAttribute('action') + '?q=' + encodeURIComponent(input.value);
        fetch(url, { credentials: 'same-origin' }).then(function (r) { return r.ok ? r.text() : null; }).then(function (html) {
          if (html === null || mine !== seq) return;
          var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById(target.id);
          if (fresh) target.innerHTML = fresh.innerHTML;
        });
      }, 250);
    });
  });
})();
