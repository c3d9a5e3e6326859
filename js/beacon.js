// Counts article views for 가장 많이 본 뉴스, where <meta name="news-beacon" content="https://…">
// names a receiver (docs/api-extensions.md; scripts/most-viewed is one). Without the tag
// nothing is sent.
//
// One view is one POST to the receiver with three fields in its query and nothing else:
//   article  the article's id
//   section  its section's name, or nothing
//   ref      where the reader came from: portal, messenger, search, social, other (another
//            site), direct (no referrer), or internal (a page of this site)
// No cookie (credentials "omit"), no Referer (the page's address is not sent), no identifier:
// nothing to ask consent for under 개인정보 보호법. keepalive lets it finish when the reader
// leaves at once, as navigator.sendBeacon would, which always sends the receiver's cookies.
//
// The first view is counted as soon as the prerendered page is parsed (before the app starts,
// so a reader who leaves early counts too; a page the browser prerenders on speculation counts
// when it is shown). The app then calls window.newsView(id, section) for every article it
// shows (src/pages/article.rs); the call for the article already counted is skipped. A page
// restored from the back-forward cache runs no script again, and counts nothing.
(() => {
  const named = document.querySelector('meta[name="news-beacon"]')?.content.trim();
  let receiver = null;
  try {
    receiver = named ? new URL(named, location.href) : null;
  } catch {}
  if (!receiver || !/^https?:$/.test(receiver.protocol)) {
    window.newsView = () => {};
    return;
  }

  const PORTALS = /(^|\.)(naver\.com|daum\.net|nate\.com|zum\.com|msn\.com|news\.google\.com)$/;
  const SEARCH =
    /(^|\.)(google\.[a-z.]+|bing\.com|duckduckgo\.com|yahoo\.[a-z.]+|baidu\.com)$|^search\.(naver\.com|daum\.net)$/;
  const MESSENGERS = /(^|\.)(kakao\.com|kakaocdn\.net|band\.us|line\.me|telegram\.org|t\.me)$/;
  const SOCIAL = /(^|\.)(facebook\.com|instagram\.com|t\.co|x\.com|twitter\.com|threads\.net|youtube\.com)$/;

  /** Where the reader came from, by the referrer's host (never sent) and KakaoTalk's browser. */
  function cameFrom() {
    if (/KAKAOTALK/i.test(navigator.userAgent)) return 'messenger';
    let host;
    try {
      host = new URL(document.referrer).hostname;
    } catch {
      return 'direct';
    }
    if (host === location.hostname) return 'internal';
    if (SEARCH.test(host)) return 'search';
    if (PORTALS.test(host)) return 'portal';
    if (MESSENGERS.test(host)) return 'messenger';
    if (SOCIAL.test(host)) return 'social';
    return 'other';
  }

  function send(article, section, ref) {
    const url = new URL(receiver);
    url.search = new URLSearchParams({ article, section: section || '', ref }).toString();
    fetch(url, {
      method: 'POST',
      keepalive: true,
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      mode: 'no-cors',
      cache: 'no-store',
    }).catch(() => {});
  }

  // The article this document was opened at (the app's first view of it is this view), and
  // whether it is prerendered (then it is counted now).
  const address = location.pathname.match(/^\/article\/([A-Za-z0-9_-]{1,64})$/);
  const opened = address ? address[1] : new URLSearchParams(location.search).get('idxno');
  const ref = cameFrom();
  let counted = false;
  let first = true;
  if (address && document.getElementById('prerendered')) {
    counted = true;
    const section = document.querySelector('meta[property="article:section"]')?.content;
    const now = () => send(opened, section, ref);
    if (document.prerendering) document.addEventListener('prerenderingchange', now, { once: true });
    else now();
  }

  window.newsView = (article, section) => {
    if (typeof article !== 'string' || !article) return;
    const landing = first && article === opened;
    first = false;
    if (landing && counted) return;
    send(article, section, landing ? ref : 'internal');
  };
})();
