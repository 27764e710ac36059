/* The exported reader page (kit.export_page): the switches for mode, pinyin, tone colours,
   1952 forms and text size. Plain JavaScript, no library, no network. The word cards and
   the keyboard are the reader's own script (reader.js, also in the page).
   The default mode is in the page; the others are gzip + base64 in #kit-variants, opened
   with the browser's DecompressionStream: HTML the kit rendered and escaped. */
(function () {
  'use strict';
  var page = document.getElementById('kit-page');
  var frame = document.getElementById('kit-reader');
  var form = document.getElementById('kit-controls');
  if (!page || !frame || !form) return;
  var packed = JSON.parse(document.getElementById('kit-variants').textContent);
  var opened = {};
  opened[frame.dataset.variant] = frame.innerHTML;
  var wanted = frame.dataset.variant;
  var cards = '';                    // the reader's hidden cards, shared by every variant

  function unpack(b64) {
    var bytes = Uint8Array.from(atob(b64), function (c) { return c.charCodeAt(0); });
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).text();
  }

  function settings() {
    var f = form.elements;
    return {key: f.mode.value + '|' + (f.traditional.checked ? 't' : 's'),
            pinyin: f.pinyin.checked, tones: f.tones.checked, size: f.size.value};
  }

  function decorate() {
    var s = settings();
    page.classList.toggle('kit-no-pinyin', !s.pinyin);
    var view = frame.querySelector('.kit-view');
    if (!view) return;
    if (cards && !view.querySelector(':scope > .kit-cards')) view.insertAdjacentHTML('beforeend', cards);
    view.classList.toggle('kit-pinyin-on', s.pinyin);
    view.classList.toggle('kit-tones-on', s.pinyin && s.tones);
    view.style.setProperty('--kit-size', s.size + 'px');
  }

  function show(key, html) {
    if (key !== wanted) return;
    frame.innerHTML = html;
    frame.dataset.variant = key;
    decorate();
  }

  function refresh() {
    var key = settings().key;
    wanted = key;
    if (key === frame.dataset.variant) return decorate();
    if (opened[key] !== undefined) return show(key, opened[key]);
    if (!packed[key] || typeof DecompressionStream === 'undefined') {
      frame.insertAdjacentHTML('afterbegin', '<p class="kit-error" role="alert">This browser ' +
        'cannot open the other modes: please use a recent Chrome, Edge, Firefox or Safari.</p>');
      return;
    }
    unpack(packed[key]).then(function (html) {
      opened[key] = html;
      show(key, html);
    });
  }

  if (packed.cards && typeof DecompressionStream !== 'undefined') {
    unpack(packed.cards).then(function (html) { cards = html; decorate(); });
  }
  form.addEventListener('change', refresh);
  form.addEventListener('input', function (event) {
    if (event.target.name === 'size') decorate();
  });
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  decorate();
})();
