// Puts the ad networks' frames into the boxes the app draws (src/components/banner_slot.rs): a
// box of the declared size with its unit in data-ad. The frame is sandboxed; the network's
// script runs in it, in the slot document (public/ad-slot.html), never in this page.
//
// A frame is made only when all of these hold, so no ad competes with the article:
// - the page has loaded (its largest paint, the headline or the lead photo, is done), or 5 s
//   have passed;
// - its slot is settled: the app has read banners.json (a prerendered page's frames are
//   replaced at the takeover, and loading them before would count every ad twice);
// - the box is shown (the phone or the wide size, whichever CSS shows) and within 300 px of
//   the viewport;
// - the reader has not asked to save data (Save-Data): then the unit says so and stays empty.
//
// The slot document tells how it went with a message, { newsAd: "filled" | "empty" }, taken
// only from the frame's own window. An empty unit keeps its box (marked) while the reader can
// see it, and gives it back only below the viewport, where nothing visible moves.
//
// <meta name="news-ad-frame" content="https://ads.news.example/ad-slot.html"> names the slot
// document on another origin (docs/api-extensions.md); the frame then also gets
// allow-same-origin, which gives the network its own origin's cookies and storage there and
// still nothing of this page's. Without the tag it is this site's /ad-slot.html, in an opaque
// origin.
(() => {
  const named = document.querySelector('meta[name="news-ad-frame"]')?.content.trim();
  let slotDocument;
  try {
    slotDocument = new URL(named || '/ad-slot.html', location.href);
  } catch {
    return;
  }
  if (!/^https?:$/.test(slotDocument.protocol)) return;
  slotDocument.hash = '';
  const ownOrigin = slotDocument.origin !== location.origin;
  const savingData = navigator.connection?.saveData === true;

  // What a network's frame may do: scripts, and popups (which the browser's popup blocker lets
  // open only on the reader's click) that leave the sandbox so the advertiser's page works; the
  // tab itself is navigated only from a click.
  const SANDBOX = 'allow-scripts allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation';
  const FRAMES = '.ad-unit__box > iframe';

  const near = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        near.unobserve(entry.target);
        load(entry.target);
      }
    },
    { rootMargin: '300px 0px' },
  );

  function load(box) {
    // Of a unit's two sizes only the one CSS shows is filled.
    if (!box.isConnected || box.getClientRects().length === 0) return;
    const frame = document.createElement('iframe');
    frame.title = box.dataset.title || '광고';
    frame.setAttribute('sandbox', ownOrigin ? `${SANDBOX} allow-same-origin` : SANDBOX);
    frame.src = `${slotDocument.href}#${box.dataset.ad}`;
    box.append(frame);
  }

  function scan() {
    for (const box of document.querySelectorAll('.banner-slot--settled .ad-unit__box[data-ad]:not([data-seen])')) {
      box.dataset.seen = '';
      if (savingData) box.closest('.ad-unit')?.classList.add('ad-unit--saving');
      else near.observe(box);
    }
  }

  addEventListener('message', (event) => {
    const state = event.data?.newsAd;
    if (state !== 'filled' && state !== 'empty') return;
    const frame = [...document.querySelectorAll(FRAMES)].find((candidate) => candidate.contentWindow === event.source);
    const unit = frame?.closest('.ad-unit');
    if (!unit) return;
    unit.classList.toggle('ad-unit--filled', state === 'filled');
    if (state === 'empty' && unit.getBoundingClientRect().top >= innerHeight) unit.hidden = true;
    else unit.classList.toggle('ad-unit--empty', state === 'empty');
  });

  // Focus goes into an ad's frame only as the reader sends it there: with the pointer over the
  // frame (a click) or by Tab. A frame that takes it by itself (input.focus() in a cross-origin
  // frame is allowed) has it taken back to where it was, caret and all, so typing is not lost.
  let pointerOver = null;
  let tabbed = false;
  let lastFocused = null;
  addEventListener('pointerover', (event) => {
    pointerOver = event.target;
  });
  addEventListener(
    'keydown',
    (event) => {
      tabbed = event.key === 'Tab';
    },
    true,
  );
  addEventListener(
    'pointerdown',
    () => {
      tabbed = false;
    },
    true,
  );
  document.addEventListener('focusin', (event) => {
    if (!event.target.matches?.(FRAMES)) lastFocused = event.target;
  });
  addEventListener('blur', () => {
    setTimeout(() => {
      const frame = document.activeElement;
      if (!frame?.matches?.(FRAMES) || frame === pointerOver || tabbed) return;
      if (lastFocused?.isConnected) lastFocused.focus({ preventScroll: true });
      else frame.blur();
    });
  });

  function start() {
    // A slot is settled by new elements, or by a class on the same ones (the app updates a view
    // in place when its shape is the same). Records come in one batch per task, and a scan is
    // one query. (Not per animation frame: a page the browser holds hidden runs none.)
    new MutationObserver(scan).observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['class'],
    });
    scan();
  }
  // At the page's load, or 5 s on if a slow resource holds that back.
  let started = false;
  const startOnce = () => {
    if (started) return;
    started = true;
    start();
  };
  if (document.readyState === 'complete') startOnce();
  else {
    addEventListener('load', startOnce, { once: true });
    setTimeout(startOnce, 5000);
  }
})();
