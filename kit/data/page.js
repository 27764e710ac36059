/* The exported reader page (kit.export_page): switch modes, pinyin, 1952 forms and text size;
   open a word's card. Plain JavaScript, no library, no network. Article text only ever
   enters the page as HTML the kit escaped, or through textContent. */
(function () {
  'use strict';
  var page = document.getElementById('kit-page');
  var frame = document.getElementById('kit-reader');
  var form = document.getElementById('kit-controls');
  var card = document.getElementById('kit-card');
  if (!page || !frame || !form || !card) return;
  var packed = JSON.parse(document.getElementById('kit-variants').textContent);
  var cards = JSON.parse(document.getElementById('kit-cards').textContent);
  var shown = {};
  shown[frame.dataset.variant] = frame.innerHTML;
  var opener = null;

  function unpack(b64) {
    var bytes = Uint8Array.from(atob(b64), function (c) { return c.charCodeAt(0); });
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).text();
  }

  function settings() {
    return {mode: form.elements.mode.value, pinyin: form.elements.pinyin.checked,
            traditional: form.elements.traditional.checked, size: form.elements.size.value};
  }

  function decorate() {
    var s = settings();
    var view = frame.querySelector('.kit-view');
    page.classList.toggle('kit-no-pinyin', !s.pinyin);
    if (!view) return;
    view.classList.toggle('kit-pinyin-on', s.pinyin);
    view.style.setProperty('--kit-size', s.size + 'px');
    frame.querySelectorAll('.kit-zh ruby, .kit-zh [data-word]').forEach(function (el) {
      if (el.parentElement.closest('[data-word]')) return;   // one stop per word
      if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0');
    });
  }

  function refresh() {
    var s = settings();
    var key = s.mode + '|' + (s.traditional ? 't' : 's');
    closeCard(false);
    if (shown[key] !== undefined) {
      frame.innerHTML = shown[key];
      frame.dataset.variant = key;
      decorate();
      return Promise.resolve();
    }
    if (!packed[key] || typeof DecompressionStream === 'undefined') {
      frame.insertAdjacentHTML('afterbegin', '<p class="kit-error" role="alert">This browser ' +
        'cannot open the other modes; the page shows the side-by-side text.</p>');
      return Promise.resolve();
    }
    return unpack(packed[key]).then(function (html) {
      shown[key] = html;
      if (frame.dataset.pending !== key) return;
      frame.innerHTML = html;
      frame.dataset.variant = key;
      decorate();
    });
  }

  function wordOf(el) {
    var holder = el.closest('[data-word]');
    if (holder) return {el: holder, word: holder.dataset.word, pinyin: holder.dataset.pinyin || ''};
    var ruby = el.closest('ruby');
    if (!ruby || !frame.contains(ruby)) return null;
    var base = '', rt = '';
    ruby.childNodes.forEach(function (n) {
      if (n.nodeType === 3) base += n.textContent;
      else if (n.nodeName === 'RB') base += n.textContent;
      else if (n.nodeName === 'RT') rt += n.textContent;
    });
    return {el: ruby, word: base.trim(), pinyin: rt.trim()};
  }

  function entryFor(word, pinyin) {
    var simple = cards.traditional[word] || word;
    return cards.context[simple + '\t' + pinyin] || cards.words[simple] || null;
  }

  function add(parent, tag, text, cls) {
    var el = document.createElement(tag);
    if (text) el.textContent = text;
    if (cls) el.className = cls;
    parent.appendChild(el);
    return el;
  }

  function dictionaryHtml(box, entry) {
    var head = add(box, 'h3');
    add(head, 'span', entry.word, 'kit-card-word').lang = 'zh-Hans';
    head.appendChild(document.createTextNode(' '));
    add(head, 'span', entry.pinyin, 'kit-pinyin');
    add(box, 'p', 'HSK level: ' + entry.hsk_label);
    if (entry.readings.length) {
      var list = add(box, 'ol');
      entry.readings.forEach(function (r) {
        var item = add(list, 'li');
        add(item, 'strong', r.pinyin + (r.in_context ? ' (here)' : ''));
        item.appendChild(document.createTextNode(' ' + r.definitions.join('; ')));
      });
    } else if (entry.parts && entry.parts.length) {
      add(box, 'p', 'Not in CC-CEDICT as one word; its parts:');
      var parts = add(box, 'ul');
      entry.parts.forEach(function (p) {
        var defs = p.readings.length ? p.readings[0].definitions.join('; ') : '';
        add(parts, 'li', p.word + ' ' + p.pinyin + (defs ? ': ' + defs : ''));
      });
    } else {
      add(box, 'p', 'Not in CC-CEDICT.');
    }
    add(box, 'p', 'CC-CEDICT (CC BY-SA 4.0)', 'kit-credit');
  }

  function place(target) {
    var r = target.getBoundingClientRect();
    var width = card.offsetWidth;
    var left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - width - 8));
    card.style.left = (left + window.scrollX) + 'px';
    card.style.top = (r.bottom + window.scrollY + 6) + 'px';
  }

  function openCard(target, termId, word) {
    closeCard(false);
    card.textContent = '';
    var close = add(card, 'button', '×', 'kit-close');
    close.type = 'button';
    close.setAttribute('aria-label', 'Close the card');
    close.addEventListener('click', function () { closeCard(true); });
    var template = termId && document.getElementById('kit-term-' + termId);
    if (template) card.appendChild(template.content.cloneNode(true));
    var entry = word && entryFor(word.word, word.pinyin);
    if (entry) dictionaryHtml(card, entry);
    if (!template && !entry) return;
    card.hidden = false;
    opener = target;
    target.classList.add('kit-word-open');
    place(target);
    close.focus({preventScroll: true});
  }

  function closeCard(refocus) {
    if (card.hidden) return;
    card.hidden = true;
    if (opener) {
      opener.classList.remove('kit-word-open');
      if (refocus && document.contains(opener)) opener.focus({preventScroll: true});
    }
    opener = null;
  }

  function activate(event) {
    var button = event.target.closest('.kit-term-button');
    if (button) return openCard(button, button.dataset.term, null);
    if (!frame.contains(event.target)) return false;
    var word = wordOf(event.target);
    var mark = event.target.closest('mark.kit-term');
    if (!word && !mark) return false;
    openCard(word ? word.el : mark, mark ? mark.dataset.term : null, word);
    return true;
  }

  form.addEventListener('change', function (event) {
    if (event.target.name === 'pinyin' || event.target.name === 'size') return decorate();
    var s = settings();
    frame.dataset.pending = s.mode + '|' + (s.traditional ? 't' : 's');
    refresh();
  });
  form.addEventListener('input', function (event) {
    if (event.target.name === 'size') decorate();
  });
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  document.addEventListener('click', function (event) {
    if (card.contains(event.target)) return;
    if (activate(event) === false) closeCard(false);
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') return closeCard(true);
    if ((event.key === 'Enter' || event.key === ' ') && !card.contains(event.target) &&
        !event.target.closest('input, button, a, summary')) {
      if (activate(event)) event.preventDefault();
    }
  });
  window.addEventListener('resize', function () { if (opener) place(opener); });
  decorate();
})();
