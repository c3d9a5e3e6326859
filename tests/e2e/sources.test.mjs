// The strip and SNS TV from the imports: weather.json written by `scripts/import weather` from a
// stand-in answering in 기상청's format (one city failing), sns-tv.json by `scripts/import
// youtube` from a channel feed with a hostile title; then the page shows every city in the
// table's order, its sky in Korean, with no layout shift when they arrive late.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { layoutShift, recordShifts, startSite } from './browser.mjs';
import { answerJson } from './server.mjs';

const SKY_WORDS = {
  clear: '맑음',
  cloudy: '구름많음',
  overcast: '흐림',
  rain: '비',
  snow: '눈',
  rain_snow: '비/눈',
  shower: '소나기',
};

/** 기상청's 단기예보 service as its guide documents it; 인천 (nx 55) answers an XML error. */
function kma(req, res) {
  const url = new URL(req.url, 'http://x');
  const nx = Number(url.searchParams.get('nx'));
  const send = (body) => {
    res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
    res.end(body);
  };
  if (nx === 55) {
    return send(
      '<OpenAPI_ServiceResponse><cmmMsgHeader><errMsg>SERVICE ERROR</errMsg><returnAuthMsg>HTTP_ERROR</returnAuthMsg><returnReasonCode>04</returnReasonCode></cmmMsgHeader></OpenAPI_ServiceResponse>',
    );
  }
  const item = (category, value, extra) => ({
    category,
    ...extra,
    nx,
    ny: 0,
    [extra.fcstTime ? 'fcstValue' : 'obsrValue']: value,
  });
  const items = url.pathname.endsWith('getUltraSrtNcst')
    ? [
        item('T1H', String((nx % 20) - 3), { baseTime: '1000' }),
        item('PTY', nx % 5 === 0 ? '3' : '0', { baseTime: '1000' }),
      ]
    : [item('SKY', ['1', '3', '4'][nx % 3], { fcstDate: '20261202', fcstTime: '1100' })];
  send(
    JSON.stringify({
      response: { header: { resultCode: '00', resultMsg: 'NORMAL_SERVICE' }, body: { items: { item: items } } },
    }),
  );
}

const FEED = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns:media="http://search.yahoo.com/mrss/" xmlns="http://www.w3.org/2005/Atom">
${[1, 2, 3, 4]
  .map(
    (
      n,
    ) => ` <entry><yt:videoId>abcDEF_123${n}</yt:videoId><title>&lt;속보&gt; 영상 ${n} &lt;img src=x onerror=alert(1)&gt;</title>
  <link rel="alternate" href="https://www.youtube.com/watch?v=abcDEF_123${n}"/><published>2026-11-2${n}T01:30:00+00:00</published>
  <media:group><media:thumbnail url="https://i2.ytimg.com/vi/abcDEF_123${n}/hqdefault.jpg" width="480" height="360"/></media:group></entry>`,
  )
  .join('\n')}
</feed>`;

let site;
let stand;
let work;
let weather;
let tv;
before(async () => {
  stand = http.createServer((req, res) => {
    if (req.url.startsWith('/feeds/')) {
      res.writeHead(200, { 'content-type': 'application/atom+xml' });
      return res.end(FEED);
    }
    return kma(req, res);
  });
  await new Promise((done) => stand.listen(0, '127.0.0.1', done));
  const base = `http://127.0.0.1:${stand.address().port}`;
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sources-e2e-'));
  // Asynchronously: the stand-in answers from this very process.
  const run = (args) => promisify(execFile)('scripts/import', args, { env: { ...process.env, KMA_KEY: '' } });
  await run([
    'weather',
    '--kma-url',
    base,
    '--kma-key',
    'key-of-a-realistic-length',
    '--api',
    work,
    '--now',
    '2026-12-02T10:50:00+09:00',
  ]);
  await run(['youtube', '--feed', `${base}/feeds/videos.xml`, '--api', work]);
  weather = JSON.parse(fs.readFileSync(path.join(work, 'weather.json'), 'utf8'));
  tv = JSON.parse(fs.readFileSync(path.join(work, 'sns-tv.json'), 'utf8'));
  site = await startSite({ prerendered: false });
});
after(async () => {
  await site?.close();
  stand?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test("the imported strip shows every city in the table's order, its sky in Korean, with no shift", async () => {
  const table = JSON.parse(fs.readFileSync('deploy/weather-cities.json', 'utf8')).cities.map((c) => c.name);
  const names = weather.cities.map((c) => c.name);
  assert.deepEqual(
    names,
    table.filter((name) => name !== '인천'),
    '인천 failed and had no last value',
  );
  for (const late of [false, true]) {
    if (late) site.server.delays.set('/api/weather.json', 700);
    try {
      await site.server.withFaults({ '/api/weather.json': answerJson(weather) }, async () => {
        const { page, problems, close } = await site.open('/article/1065', {
          width: 1280,
          height: 900,
          init: recordShifts,
        });
        await page.locator('.weather__city').first().waitFor();
        const shown = await page.locator('.weather__city .weather__name').allTextContents();
        assert.deepEqual(shown, names);
        const skies = await page
          .locator('.weather__city')
          .evaluateAll((cities) => cities.map((city) => city.querySelector('.weather__sky')?.textContent ?? null));
        assert.deepEqual(
          skies,
          weather.cities.map((c) => (c.sky ? SKY_WORDS[c.sky] : null)),
        );
        await page.waitForTimeout(400);
        const { cls, shifts } = await layoutShift(page);
        assert.ok(cls <= 0.01, `CLS ${cls.toFixed(4)}: ${JSON.stringify(shifts)}`);
        assert.deepEqual(problems, []);
        await close();
      });
    } finally {
      site.server.delays.delete('/api/weather.json');
    }
  }
});

test('the imported SNS TV shows the channel, its titles as text', async () => {
  assert.equal(tv.items.length, 4);
  await site.server.withFaults({ '/api/sns-tv.json': answerJson(tv) }, async () => {
    const { page, problems, cspViolations, close } = await site.open('/article/1065', { width: 1280, height: 900 });
    const titles = page.locator('.sns-tv .video-list__title, .sns-tv [class*="title"]');
    await titles.first().waitFor();
    const text = (await page.locator('.sns-tv').textContent()) ?? '';
    assert.ok(text.includes('<속보> 영상 1 <img src=x onerror=alert(1)>'), text);
    assert.equal(await page.locator('.sns-tv img[src="x"]').count(), 0);
    assert.ok((await page.locator('.sns-tv a[href^="https://www.youtube.com/watch?v=abcDEF_1231"]').count()) >= 1);
    assert.deepEqual(problems, []);
    assert.deepEqual(await cspViolations(), []);
    await close();
  });
});
