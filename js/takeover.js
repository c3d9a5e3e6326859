// The takeover: scripts/prerender puts the page, drawn by the app's own components, in
// #prerendered. The app draws the same page beside it (hidden by the stylesheet); once it has,
// this swaps the two in one go, keeping what the reader did meanwhile: the scroll position,
// the text selected, the control that has focus, what was typed into a field (and its caret),
// a menu or the search row opened, a list scrolled sideways, and the buttons pressed, which
// are pressed again on the app's copy. It drops the prerendered head tags for the app's own.
// Until then the phone's 전체 메뉴 and 검색 buttons work here already. A part of the page, or a
// control the reader used, that has no counterpart in the app's copy (the two copies of the
// page differ) is reported on the console as `takeover: …`, never skipped silently: the e2e
// tests fail on it.
(() => {
  const root = document.documentElement;
  let timer = null;

  // The controls of a part of the page, in order, and what tells one from another there (not
  // its text, which may follow state the app knows and the HTML does not: 저장 or 저장됨).
  const CONTROLS = 'a[href], button, input, select, textarea, summary, [tabindex]';
  const controls = (node) => Array.from(node.querySelectorAll(CONTROLS));
  const kind = (el) =>
    [el.nodeName, el.id, el.className, el.getAttribute('href'), el.getAttribute('name'), el.getAttribute('type')].join(
      '|',
    );
  // `el` as [its kind, its place among the part's controls of that kind].
  const place = (part, el) => [
    kind(el),
    controls(part)
      .filter((c) => kind(c) === kind(el))
      .indexOf(el),
  ];
  const find = (part, [k, n]) => (n < 0 ? null : controls(part).filter((c) => kind(c) === k)[n] || null);

  // Before the app: the toggles open and close what they control, and other buttons are
  // remembered, to be pressed again on the app's copy.
  const pressed = [];
  const early = (event) => {
    const pre = document.getElementById('prerendered');
    const button = event.target.closest?.('button');
    if (!pre || !button || !pre.contains(button)) return;
    const controlled = button.getAttribute('aria-controls');
    const target = controlled && pre.querySelector(`#${CSS.escape(controlled)}`);
    if (button.hasAttribute('aria-expanded') && target) {
      const open = button.getAttribute('aria-expanded') !== 'true';
      button.setAttribute('aria-expanded', String(open));
      target.classList.toggle('is-open', open);
      if (open) target.querySelector('input')?.focus();
      return;
    }
    if (button.type !== 'submit') pressed.push(button);
  };
  document.addEventListener('click', early);

  // The text nodes under `node`, in order, without script text.
  const texts = (node) => {
    const out = [];
    const walk = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let text = walk.nextNode(); text; text = walk.nextNode()) {
      if (!/^(SCRIPT|STYLE|NOSCRIPT)$/.test(text.parentNode.nodeName)) out.push(text);
    }
    return out;
  };

  // A boundary point as a character offset into the text of `list`.
  const offset = (list, node, at) => {
    const point = document.createRange();
    point.setStart(node, at);
    let sum = 0;
    for (const text of list) {
      if (text === node) return sum + at;
      if (point.comparePoint(text, 0) < 0) sum += text.length;
    }
    return sum;
  };

  // The boundary point `n` characters into the text of `list`.
  const point = (list, n) => {
    let left = n;
    for (const text of list) {
      if (left <= text.length) return [text, left];
      left -= text.length;
    }
    return null;
  };

  const takeOver = (pre) => {
    const x = scrollX;
    const y = scrollY;
    const selection = getSelection();
    // The app's nodes: the elements after the prerendered page, but for data and templates.
    const app = [];
    for (let node = pre.nextSibling; node; node = node.nextSibling) {
      if (node.nodeType === 1 && !/^(SCRIPT|LINK|TEMPLATE)$/.test(node.nodeName)) app.push(node);
    }
    // The selection, as character offsets into the part of the page (header, main, footer)
    // that holds it: the app's first draw of that part has the same text.
    const parts = Array.from(pre.children).filter((part) => part.nodeName !== 'SCRIPT');
    let kept = null;
    if (selection?.rangeCount) {
      const range = selection.getRangeAt(0);
      parts.forEach((part, i) => {
        const holds = part.contains(range.startContainer) && part.contains(range.endContainer);
        if (holds && app[i]?.nodeName === part.nodeName) {
          const old = texts(part);
          kept = [
            i,
            offset(old, range.startContainer, range.startOffset),
            offset(old, range.endContainer, range.endOffset),
          ];
        }
      });
    }
    // What the reader did to the controls, each by its part and its place there.
    const partOf = (el) => parts.findIndex((part) => part.contains(el));
    const at = (el) => {
      const i = partOf(el);
      return i < 0 ? null : [i, place(parts[i], el)];
    };
    const active = document.activeElement;
    const focused = active && active !== document.body && pre.contains(active) ? at(active) : null;
    const caret =
      focused && typeof active.selectionStart === 'number'
        ? [active.selectionStart, active.selectionEnd, active.selectionDirection]
        : null;
    const typed = [];
    const opened = [];
    for (const el of pre.querySelectorAll('input, textarea, select')) {
      if (el.value !== (el.defaultValue ?? el.value) || el.checked !== el.defaultChecked) {
        typed.push([at(el), el.value, el.checked]);
      }
    }
    for (const el of pre.querySelectorAll('[aria-expanded="true"]')) opened.push(at(el));
    const clicks = pressed
      .splice(0)
      .filter((el) => pre.contains(el))
      .map(at);
    const scrolled = [];
    for (const el of pre.querySelectorAll('ul, ol, div')) {
      if (el.scrollLeft > 0) {
        const i = partOf(el);
        scrolled.push([i, Array.from(parts[i].querySelectorAll(el.nodeName)).indexOf(el), el.nodeName, el.scrollLeft]);
      }
    }
    document.removeEventListener('click', early);

    for (const tag of document.querySelectorAll('head [data-prerendered]')) tag.remove();
    pre.remove();
    root.removeAttribute('data-prerendered');
    const unpaired = [];
    parts.forEach((part, i) => {
      if (app[i]?.nodeName !== part.nodeName) unpaired.push(`part ${i} <${part.nodeName.toLowerCase()}>`);
    });
    const counterpart = (found) => {
      if (!found) return null;
      const [i, where] = found;
      const el = app[i]?.nodeName === parts[i]?.nodeName ? find(app[i], where) : null;
      if (!el) unpaired.push(`part ${i} control ${where[0]} #${where[1]}`);
      return el;
    };
    for (const [where, value, checked] of typed) {
      const el = counterpart(where);
      if (!el) continue;
      el.value = value;
      el.checked = checked;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }
    for (const where of opened) {
      const el = counterpart(where);
      if (el && el.getAttribute('aria-expanded') !== 'true') el.click();
    }
    for (const where of clicks) counterpart(where)?.click();
    for (const [i, n, name, left] of scrolled) {
      const el = app[i]?.querySelectorAll(name)[n];
      if (el) el.scrollLeft = left;
    }
    // After the app's own reactions to those clicks (a toggle that focuses its field on the next
    // frame): the reader's focus, then their caret.
    const refocus = () => {
      const el = focused && counterpart(focused);
      if (!el) return;
      el.focus({ preventScroll: true });
      if (caret) el.setSelectionRange?.(caret[0], caret[1], caret[2] || 'none');
    };
    refocus();
    requestAnimationFrame(() => requestAnimationFrame(refocus));
    if (kept) {
      const now = texts(app[kept[0]]);
      const start = point(now, kept[1]);
      const end = point(now, kept[2]);
      if (start && end) {
        const moved = document.createRange();
        moved.setStart(start[0], start[1]);
        moved.setEnd(end[0], end[1]);
        selection.removeAllRanges();
        selection.addRange(moved);
      }
    }
    if (scrollX !== x || scrollY !== y) scrollTo(x, y);
    if (unpaired.length) console.error(`takeover: no counterpart in the app's page for ${unpaired.join(', ')}`);
  };

  const watch = new MutationObserver(() => {
    const pre = document.getElementById('prerendered');
    if (!pre) {
      if (document.readyState !== 'loading') watch.disconnect();
      return;
    }
    const app = pre.parentNode.querySelector('#prerendered ~ main');
    if (!app) return;
    // A headline painted early stays until the app has drawn its own (or an error).
    if (window.__newsEarlyPainted && !app.querySelector('h1, .error-notice')) {
      timer ??= setTimeout(() => {
        watch.disconnect();
        takeOver(pre);
      }, 3000);
      return;
    }
    watch.disconnect();
    clearTimeout(timer);
    takeOver(pre);
  });
  watch.observe(root, { childList: true, subtree: true });
})();
