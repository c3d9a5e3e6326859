// Before the first paint: the reader's theme and text size from localStorage, so nothing
// jumps when the app starts (src/preferences.rs owns these keys; tests/js/inline.test.mjs
// holds the two together).
(() => {
  try {
    const root = document.documentElement;
    const theme = localStorage.getItem('theme');
    const size = localStorage.getItem('text-size');
    if (theme === 'dark' || theme === 'light') root.setAttribute('data-theme', theme);
    if (size && /^[0-6]$/.test(size)) root.setAttribute('data-text-size', size);
  } catch {
    // storage blocked (private mode, policy): the defaults stand
  }
})();
