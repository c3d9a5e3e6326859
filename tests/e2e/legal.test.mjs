// The footer a Korean internet newspaper must show (등록번호, 등록일, 발행인, 편집인, 발행소,
// 청소년보호책임자) and the policy pages it links to, with their texts from the API.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startSite } from './browser.mjs';
import { answerJson } from './server.mjs';

const site = JSON.parse(fs.readFileSync('public/api/site.json', 'utf8'));
const policy = (slug) => JSON.parse(fs.readFileSync(`public/api/policies/${slug}.json`, 'utf8'));
const LABELS = [
  ['발행소', 'publisher'],
  ['주소', 'address'],
  ['전화', 'phone'],
  ['등록번호', 'registration'],
  ['등록일', 'registered_on'],
  ['발행인', 'issuer'],
  ['편집인', 'editor'],
  ['청소년보호책임자', 'youth_officer'],
];

let server;
before(async () => {
  server = await startSite();
});
after(async () => {
  await server?.close();
});

/** The footer's details as [label, value] pairs. */
const details = (page) =>
  page
    .locator('.site-footer__details .site-footer__item')
    .evaluateAll((items) =>
      items.map((item) => [item.querySelector('dt').textContent, item.querySelector('dd').textContent]),
    );

test('the footer shows every detail the law asks for, with and without script', async () => {
  const expected = LABELS.map(([label, field]) => [label, site.footer[field]]);
  for (const javaScriptEnabled of [true, false]) {
    const { page, problems, close } = await server.open('/', { javaScriptEnabled });
    await page.locator('.site-footer__details').waitFor();
    assert.deepEqual(await details(page), expected);
    assert.equal(await page.locator('.site-footer__copyright').textContent(), site.footer.copyright);
    const links = page.getByRole('navigation', { name: '약관 및 정책' }).getByRole('link');
    assert.deepEqual(
      await links.allTextContents(),
      site.footer.policies.map((p) => p.title),
    );
    // 개인정보처리방침 stands out, as the privacy commission's guideline asks.
    const weight = (name) => links.filter({ hasText: name }).evaluate((a) => Number(getComputedStyle(a).fontWeight));
    assert.ok((await weight('개인정보처리방침')) > (await weight('청소년보호정책')));
    assert.deepEqual(problems, []);
    await close();
  }
});

test('the policy links open their texts, by keyboard, and each is prerendered', async () => {
  const { page, problems, cspViolations, close } = await server.open('/', { width: 1280, height: 900 });
  for (const { slug, title } of site.footer.policies) {
    const link = page.getByRole('navigation', { name: '약관 및 정책' }).getByRole('link', { name: title });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === `/policy/${slug}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    assert.equal(await page.title(), `${title} - ${site.name}`);
    const text = policy(slug);
    const first = text.body.find((block) => block.type === 'paragraph').text;
    assert.equal(await page.locator('.policy .article-body p').first().textContent(), first);
    assert.match(await page.locator('.policy__updated').textContent(), /^시행 \d{4}\.\d{2}\.\d{2}$/);
  }
  assert.deepEqual(problems, []);
  assert.deepEqual(await cspViolations(), []);
  await close();

  for (const { slug, title } of site.footer.policies) {
    const plain = await server.open(`/policy/${slug}`, { javaScriptEnabled: false });
    assert.equal(await plain.page.locator('#prerendered h1').textContent(), title);
    await plain.close();
  }
});

test('an unknown policy is not found; a footer without the extension shows what it has', async () => {
  const missing = await server.open('/policy/terms');
  await missing.page.getByRole('heading', { name: '페이지를 찾을 수 없습니다' }).waitFor();
  await missing.close();

  // Only the contract's fields: no policy links, no empty labels. (An address with no
  // prerendered file: the shell fetches site.json.)
  const { publisher, address, phone, registration, copyright } = site.footer;
  const plain = { ...site, footer: { publisher, address, phone, registration, copyright } };
  await server.server.withFaults({ '/api/site.json': answerJson(plain) }, async () => {
    const { page, problems, close } = await server.open('/no-such-page', { serviceWorkers: 'block' });
    await page.locator('.site-footer__details').waitFor();
    await page.waitForFunction(
      () => document.querySelectorAll('.site-footer__details .site-footer__item').length === 4,
    );
    assert.deepEqual(await details(page), [
      ['발행소', publisher],
      ['주소', address],
      ['전화', phone],
      ['등록번호', registration],
    ]);
    assert.equal(await page.locator('.site-footer__policies').count(), 0);
    assert.deepEqual(problems, []);
    await close();
  });
});

test('hostile footer text and policy slugs stay text and inside the API folder', async () => {
  const hostile = '<img src=x onerror="window.__pwned=1">';
  const footer = {
    ...site.footer,
    issuer: hostile,
    youth_officer: '\u202E거꾸로',
    policies: [
      { slug: '../site', title: hostile },
      { slug: 'a/b', title: '경로' },
      { slug: 'javascript:alert(1)', title: '스크립트' },
    ],
  };
  await server.server.withFaults({ '/api/site.json': answerJson({ ...site, footer }) }, async () => {
    const { page, problems, close } = await server.open('/no-such-page', { serviceWorkers: 'block' });
    const links = page.getByRole('navigation', { name: '약관 및 정책' }).getByRole('link');
    await links.first().waitFor();
    assert.deepEqual(await links.evaluateAll((all) => all.map((a) => a.getAttribute('href'))), [
      '/policy/..%2Fsite',
      '/policy/a%2Fb',
      '/policy/javascript%3Aalert%281%29',
    ]);
    assert.equal(await links.first().textContent(), hostile);
    const before = server.server.requests.length;
    await links.first().click();
    await page.getByRole('heading', { name: '페이지를 찾을 수 없습니다' }).waitFor();
    const asked = server.server.requests.slice(before).filter((path) => path.startsWith('/api/'));
    assert.deepEqual(
      asked.filter((path) => !path.startsWith('/api/policies/') && path.includes('site')),
      [],
    );
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator('.site-footer__inner img, .site-footer__inner [onerror]').count(), 0);
    assert.deepEqual(problems, []);
    await close();
  });
});
