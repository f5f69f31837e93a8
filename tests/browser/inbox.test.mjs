// Browser test of the personal 待办 (src/work/inbox*.c, static/js/mishu.js) on the demo city, in
// Debian's Chromium: the header's count is on every page and equals the inbox; the inbox page's
// counters each open exactly the list they count; when the office hands a document on to the
// leader who signs, the leader's open page updates its count live (the event stream), shows the
// new item and raises a desktop notification (permission granted); the inbox on a phone has no
// sideways scrolling; axe-core. Screenshots go to build/test-artifacts/.
//
// Run: node --test-reporter=./tests/lib/reporter.mjs tests/browser/inbox.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openPage as open, axeProblems, artifacts, DESKTOP, PHONE, signIn } from '../lib/browser.mjs';
import { startServer, login } from '../lib/server.mjs';
import { registerIncoming, docStep } from '../lib/work.mjs';

const TIMEOUT = { timeout: 120_000 };
const srv = await startServer({ demo: true });
const browser = await launch();
const openPage = (contextOptions = {}) => open(browser, { viewport: DESKTOP, ...contextOptions });
const count = async (page) => Number(await page.locator('[data-inbox-count]').innerText());

test('a handoff reaches the signer\'s open page live: count, notice and desktop notification', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await context.grantPermissions(['notifications'], { origin: srv.url });
    // record the notifications the page raises
    await context.addInitScript(() => {
      window.__notes = [];
      const Real = window.Notification;
      window.Notification = function (title, opts) {
        window.__notes.push({ title, body: opts && opts.body });
        return Real ? new Real(title, opts) : {};
      };
      window.Notification.permission = 'granted';
      window.Notification.requestPermission = () => Promise.resolve('granted');
    });
    await signIn(page, srv.url, 'changwu');
    await page.goto(srv.url + '/inbox');
    const before = await count(page);
    assert.equal(before, await page.locator('.inbox-table tbody tr').count(), 'the header counts the list');
    await page.waitForSelector('[data-inbox-badge][data-live="on"]');

    const liaison = await login(srv.url, 'liaison');
    const staff = await login(srv.url, 'mishuke');
    const title = '关于做好岁末年初安全防范工作的通知';
    let r = await liaison.call('POST', '/api/v1/documents', { json: {
      direction: 'outgoing', doc_type: '通知', series: '江委发', title, domain: 'finance',
      main_to: ['fgw'], body: '各单位要切实做好岁末年初各项安全防范工作。' } });
    assert.equal(r.status, 201, r.text);
    const id = r.body.id;
    assert.equal((await liaison.call('POST', `/api/v1/documents/${id}/actions/submit`, { json: {} })).status, 200);
    assert.equal((await staff.call('POST', `/api/v1/documents/${id}/actions/review`, { json: { opinion: '核稿通过' } })).status, 200);

    await page.waitForFunction((n) => document.querySelector('[data-inbox-count]').textContent === String(n), before + 1);
    const toast = page.locator('.live-toast');
    await toast.waitFor();
    assert.match(await toast.innerText(), new RegExp(`新待办：${title}`));
    assert.equal(await toast.locator('a').getAttribute('href'), `/documents/${id}`);
    const notes = await page.evaluate(() => window.__notes);
    assert.equal(notes.length, 1, 'one desktop notification');
    assert.match(notes[0].title, new RegExp(title));
    assert.equal(notes[0].body, '签发');
    await page.screenshot({ path: join(artifacts, 'inbox-live.png') });
    // a fresh page agrees with the live count
    await page.goto(srv.url + '/inbox');
    assert.equal(await count(page), before + 1);
    assert.equal(await page.locator('.inbox-table tr', { hasText: title }).count(), 1);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('each counter of the inbox page opens exactly the list it counts; phone width holds', TIMEOUT, async () => {
  const { context, page, problems } = await openPage({ viewport: PHONE, isMobile: true, hasTouch: true, bypassCSP: true });
  try {
    await signIn(page, srv.url, 'mishuke');
    await page.goto(srv.url + '/');
    const header = await count(page);
    const counters = page.locator('.inbox-counters .counter a');
    const n = await counters.count();
    assert.ok(n >= 4, 'all, each kind, late, soon');
    const wanted = [];
    for (let i = 0; i < n; i++)
      wanted.push({ href: await counters.nth(i).getAttribute('href'),
        count: Number(await counters.nth(i).locator('.counter-count').innerText()) });
    assert.equal(wanted[0].count, header, 'the first counter is the header\'s count');
    for (const w of wanted) {
      await page.goto(srv.url + w.href);
      assert.equal(await page.locator('.inbox-table tbody tr').count(), w.count, `${w.href} lists what it counts`);
      assert.equal(await page.locator('.counter-active').count(), 1, 'the counter shown is marked');
    }
    await page.goto(srv.url + '/inbox');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `the inbox is ${width} px wide at ${PHONE.width} px`);
    await page.screenshot({ path: join(artifacts, 'inbox-phone.png'), fullPage: true });
    assert.deepEqual(await axeProblems(page, 'inbox'), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the 书记 opens a document from the inbox on a phone: the 处理笺 first, a phrase, 批示 and 阅毕 at once', TIMEOUT, async () => {
  const staff = await login(srv.url, 'mishuke');
  const title = '关于切实做好今冬明春群众安全温暖过冬工作的通知';
  const id = await registerIncoming(staff, { title, sender: '省委办公厅', sender_number: '省委办电〔2026〕88号',
    body: '各地要切实做好今冬明春群众安全温暖过冬工作。' });
  const act = (a, json) => docStep(staff, id, a, json);
  assert.equal((await act('check')).status, 200);
  assert.equal((await act('propose', { opinion: '拟请建国同志阅示。' })).status, 200);
  assert.equal((await act('circulate', { mode: 'ordered', readers: ['shuji', 'changwu'] })).status, 200);

  const { context, page, problems } = await openPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  try {
    await signIn(page, srv.url, 'shuji');
    await page.goto(srv.url + '/');
    await page.locator('.inbox-table a', { hasText: title }).click();
    await page.waitForLoadState('domcontentloaded');
    assert.equal(new URL(page.url()).pathname, `/documents/${id}`);
    const first = await page.locator('.doc-main > section, .doc-main > article').first().getAttribute('class');
    assert.match(first, /doc-sheet/, 'the 处理笺 is the first thing the leader sees');
    const sheet = page.locator('.doc-sheet');
    assert.match(await sheet.innerText(), /省委办公厅[\s\S]*省委办电〔2026〕88号[\s\S]*拟办意见[\s\S]*拟请建国同志阅示/);
    assert.equal(await sheet.locator('a[href$="/sheet.pdf"]').count(), 1, 'printable');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `the document page is ${width} px wide at 375 px`);
    await page.screenshot({ path: join(artifacts, 'sheet-phone-shuji.png'), fullPage: true });

    // a ready-made phrase with the other reader's name, and the reading done with the 批示
    await page.locator('#act-instruct button[data-phrase="请国平同志阅示。"]').click();
    assert.equal(await page.inputValue('#instruct-opinion'), '请国平同志阅示。');
    assert.ok(await page.isChecked('#instruct-also-read'), 'the reading is completed by default');
    await page.locator('#act-instruct button[type="submit"]').click();
    await page.waitForLoadState('domcontentloaded');
    assert.match(page.url(), /done=instruct/);
    assert.match(await page.locator('.doc-sheet .sheet-instructions').innerText(), /请国平同志阅示。[\s\S]*王建国/);
    assert.match(await page.locator('.doc-sheet .sheet-readers').innerText(), /王建国[\s\S]*已阅/);
    assert.equal(await page.locator('#act-read').count(), 0, 'nothing left to press');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('shut down the browser and the server', TIMEOUT, async () => {
  await browser.close();
  assert.equal(await srv.stop(), 0, srv.tail());
});
