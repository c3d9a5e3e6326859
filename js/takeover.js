// The takeover: scripts/prerender puts the page, drawn by the app's own components, in
// #prerendered. The app draws the same page beside it (hidden by the stylesheet); once it has,
// this swaps the two in one go, keeping the scroll position and any text the reader had
// selected, and drops the prerendered head tags for the app's own.
(() => {
  const root = document.documentElement;
  let timer = null;

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
    for (const tag of document.querySelectorAll('head [data-prerendered]')) tag.remove();
    pre.remove();
    root.removeAttribute('data-prerendered');
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
