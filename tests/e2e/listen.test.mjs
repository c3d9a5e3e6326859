// 본문 듣기: the article read aloud with the browser's speech synthesis, tested with a stubbed
// `speechSynthesis` (headless Chromium has no voices): voices present, late, not Korean, absent.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { layoutShift, recordShifts, startSite } from './browser.mjs';

const ID = '1065';
const article = JSON.parse(fs.readFileSync(`public/api/articles/${ID}.json`, 'utf8'));

/** An init script: a fake `speechSynthesis` that records what it is asked, and speaks a part
 * only when the test says it has ended (`window.__speech.end()`). */
function stubSpeech({ voices, late = false, absent = false }) {
  if (absent) {
    delete window.speechSynthesis;
    Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
    return;
  }
  const speech = { spoken: [], calls: [], current: null, listeners: [], voices: late ? [] : voices };
  window.__speech = speech;
  window.SpeechSynthesisUtterance = class {
    constructor(text) {
      this.text = text;
    }
  };
  const synthesis = {
    get speaking() {
      return speech.current !== null;
    },
    paused: false,
    getVoices: () => speech.voices,
    speak(utterance) {
      speech.calls.push('speak');
      speech.spoken.push({ text: utterance.text, lang: utterance.lang, voice: utterance.voice?.name });
      speech.current = utterance;
    },
    pause() {
      speech.calls.push('pause');
      this.paused = true;
    },
    resume() {
      speech.calls.push('resume');
      this.paused = false;
    },
    cancel() {
      speech.calls.push('cancel');
      const cut = speech.current;
      speech.current = null;
      cut?.onerror?.({ error: 'interrupted' });
    },
    addEventListener(type, listener) {
      if (type === 'voiceschanged') speech.listeners.push(listener);
    },
    removeEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synthesis, configurable: true });
  speech.end = () => {
    const done = speech.current;
    speech.current = null;
    done?.onend?.({});
  };
  speech.arrive = () => {
    speech.voices = voices;
    for (const listener of speech.listeners) listener(new Event('voiceschanged'));
  };
}

const KOREAN = [
  { name: 'English', lang: 'en-US', default: true, localService: true, voiceURI: 'en' },
  { name: '유나', lang: 'ko-KR', default: false, localService: true, voiceURI: 'ko' },
];

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

test('본문 듣기 reads the headline and body in a Korean voice, marking each part, by keyboard', async () => {
  const { page, problems, close } = await site.open(`/article/${ID}`, {
    init: stubSpeech,
    initArg: { voices: KOREAN },
    reducedMotion: 'reduce',
  });
  const listen = page.getByRole('button', { name: '본문 듣기' });
  await listen.focus();
  await page.keyboard.press('Enter');
  const player = page.getByRole('region', { name: '본문 듣기' });
  await player.waitFor();
  // Focus moves into the player, so the keyboard can pause at once.
  await page.waitForFunction(() => document.activeElement?.textContent?.includes('일시정지'));
  const spoken = () => page.evaluate(() => window.__speech.spoken);
  assert.deepEqual((await spoken())[0], { text: article.title, lang: 'ko-KR', voice: '유나' });
  assert.equal(await page.locator('.is-speaking').textContent(), article.title);
  const paragraphs = article.body.filter((block) => block.type === 'paragraph').map((block) => block.text);
  await page.evaluate(() => window.__speech.end());
  await page.locator('.article-body > p.is-speaking').waitFor();
  assert.equal(await page.locator('.is-speaking').textContent(), paragraphs[0]);
  assert.equal((await spoken())[1].text, paragraphs[0]);
  assert.match(await player.textContent(), /읽는 중 · 2\/\d+/);
  // The part being read is kept in view.
  await page.evaluate(() => window.__speech.end());
  await page.waitForFunction((text) => document.querySelector('.is-speaking')?.textContent === text, paragraphs[1]);
  const inView = await page
    .locator('.is-speaking')
    .evaluate((el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().bottom <= innerHeight);
  assert.ok(inView);

  // Pause, resume, stop: by keyboard.
  await page.keyboard.press('Enter');
  await player.getByRole('button', { name: '계속', exact: true }).waitFor();
  assert.match(await player.textContent(), /일시정지/);
  await page.keyboard.press('Enter');
  await player.getByRole('button', { name: '일시정지', exact: true }).waitFor();
  await player.getByRole('button', { name: '정지', exact: true }).click();
  await player.waitFor({ state: 'detached' });
  assert.equal(await page.locator('.is-speaking').count(), 0);
  const calls = await page.evaluate(() => window.__speech.calls);
  assert.deepEqual(
    calls.filter((call) => call !== 'speak'),
    ['cancel', 'pause', 'resume', 'cancel'],
  );
  // Focus returns to the button that started it.
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), '본문 듣기');
  assert.deepEqual(problems, []);
  await close();
});

test('leaving the article stops the reading', async () => {
  const { page, problems, close } = await site.open(`/article/${ID}`, {
    init: stubSpeech,
    initArg: { voices: KOREAN },
  });
  await page.getByRole('button', { name: '본문 듣기' }).click();
  await page.getByRole('region', { name: '본문 듣기' }).waitFor();
  await page.locator('.related a').first().click();
  await page.waitForURL((url) => url.pathname !== `/article/${ID}`);
  await page.getByRole('region', { name: '본문 듣기' }).waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => window.__speech.current), null);
  assert.equal(await page.evaluate(() => window.__speech.calls.at(-1)), 'cancel');
  assert.equal(await page.locator('.is-speaking').count(), 0);
  // Parts that end after the stop start nothing new.
  const spokenBefore = await page.evaluate(() => window.__speech.spoken.length);
  await page.evaluate(() => window.__speech.end());
  assert.equal(await page.evaluate(() => window.__speech.spoken.length), spokenBefore);
  assert.deepEqual(problems, []);
  await close();
});

test('the button is absent without a Korean voice or without speech synthesis, and moves nothing when voices arrive late', async () => {
  for (const stub of [{ voices: [KOREAN[0]] }, { absent: true }]) {
    const { page, problems, close } = await site.open(`/article/${ID}`, { init: stubSpeech, initArg: stub });
    await page.getByRole('button', { name: '링크 복사' }).waitFor();
    assert.equal(await page.getByRole('button', { name: '본문 듣기' }).count(), 0, JSON.stringify(stub));
    assert.deepEqual(problems, []);
    await close();
  }
  // Voices that arrive after the page: the button appears in the place it had kept.
  const late = await site.open(`/article/${ID}`, { init: stubSpeech, initArg: { voices: KOREAN, late: true } });
  await late.page.getByRole('button', { name: '링크 복사' }).waitFor();
  assert.equal(await late.page.getByRole('button', { name: '본문 듣기' }).count(), 0);
  const before = await late.page.locator('.reader-tools__listen').boundingBox();
  await late.page.evaluate(() => window.__speech.arrive());
  await late.page.getByRole('button', { name: '본문 듣기' }).waitFor();
  assert.deepEqual(await late.page.locator('.reader-tools__listen').boundingBox(), before);
  // Every shift since the page started (the observer is buffered).
  await late.page.evaluate(recordShifts);
  const { cls } = await layoutShift(late.page);
  assert.ok(cls <= 0.01, `CLS ${cls}`);
  assert.deepEqual(late.problems, []);
  await late.close();
});
