// Browser test of emergency information, in Debian's Chromium driven by playwright-core: the
// duty officer records an incident from the form (a bad form keeps what was typed), the page
// shows the clock of the next report, the recipients with their reasons and the timeline; a
// leader alerted acknowledges in one tap on a phone; a follow-up posts only what changed; the
// list flags an overdue report red. Pages fit a 375 px phone and pass axe-core. Screenshots go
// to build/test-artifacts/.
//
// Run: node --test-reporter=./tests/lib/reporter.mjs tests/browser/incidents.test.mjs
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openPage as open, artifacts, DESKTOP, submit, signIn, axeProblems } from '../lib/browser.mjs';
import { startServer, login } from '../lib/server.mjs';

const TIMEOUT = { timeout: 120_000 };
const PHONE = { width: 375, height: 812 };

const srv = await startServer({ demo: true });
const browser = await launch();
after(async () => { await browser.close(); assert.equal(await srv.stop(), 0, srv.tail()); });
const openPage = (contextOptions = {}) => open(browser, { viewport: DESKTOP, ...contextOptions });
const noSideways = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
let incident;

test('the duty officer records a level II incident; its page shows the clock, who was alerted and why, the timeline', TIMEOUT, async () => {
  const { context, page, problems } = await openPage({ bypassCSP: true }); // for axe-core
  await signIn(page, srv.url, 'zhiban');
  await page.goto(srv.url + '/incidents/new');
  assert.match(await page.locator('h1').innerText(), /登记突发事件/);
  await page.fill('#f-title', '江北县遭遇强降雨引发山洪');
  await page.fill('#f-place', '江北县石门镇');
  // no category chosen: refused, what was typed kept
  let res = await submit(page, 'form[action="/incidents/new"] button[type="submit"]');
  assert.equal(res.status(), 422);
  assert.match(await page.locator('.alert').innerText(), /类别/);
  assert.equal(await page.inputValue('#f-place'), '江北县石门镇');
  await page.selectOption('#f-category', 'natural');
  await page.selectOption('#f-level', '2');
  await page.selectOption('#f-domain', 'agriculture');
  await page.fill('#f-missing', '2');
  await page.fill('#f-measures', '启动防汛Ⅱ级应急响应，转移群众1260人。');
  res = await submit(page, 'form[action="/incidents/new"] button[type="submit"]');
  assert.equal(res.status(), 303);
  assert.match(page.url(), /\/incidents\/\d+\?done=1/);
  incident = Number(page.url().match(/incidents\/(\d+)/)[1]);
  assert.match(await page.locator('h1').innerText(), /Ⅱ级/);
  assert.match(await page.locator('.incident-clock').innerText(), /电话报告/);
  const who = await page.locator('.incident-recipients').innerText();
  assert.match(who, /王建国/);
  assert.match(who, /Ⅰ级、Ⅱ级突发事件同时报书记/);
  assert.match(await page.locator('.incident-timeline').innerText(), /值班室接报/);
  await page.screenshot({ path: join(artifacts, 'incident-desktop.png'), fullPage: true });
  // the phone report made: the clock moves on to the follow-up
  res = await submit(page, 'form[action$="/actions/phone"] button[type="submit"]');
  assert.equal(res.status(), 303);
  assert.match(await page.locator('.incident-clock').innerText(), /续报/);
  // a follow-up with what changed
  await page.fill('#follow_up-text', '失联2人已找到，均安全。');
  await page.fill('#follow_up-missing', '0');
  res = await submit(page, 'form[action$="/actions/follow_up"] button[type="submit"]');
  assert.equal(res.status(), 303);
  assert.match(await page.locator('.incident-reports').innerText(), /续报一/);
  assert.deepEqual(await axeProblems(page, 'incident'), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('书记 acknowledges the alert in one tap on a phone', TIMEOUT, async () => {
  const { context, page, problems } = await openPage({ viewport: PHONE, isMobile: true, hasTouch: true });
  await signIn(page, srv.url, 'shuji');
  await page.goto(`${srv.url}/incidents/${incident}`);
  assert.ok(await noSideways(page), 'no sideways scroll on a phone');
  await page.screenshot({ path: join(artifacts, 'incident-phone.png'), fullPage: true });
  const res = await submit(page, '.incident-ack button[type="submit"]');
  assert.equal(res.status(), 303);
  assert.equal(await page.locator('.incident-ack').count(), 0, 'acknowledged: the button is gone');
  assert.match(await page.locator('.incident-recipients').innerText(), /已签收/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the list flags a report overdue for the leader on duty, and fits a phone', TIMEOUT, async () => {
  const zhiban = await login(srv.url, 'zhiban');
  const t = new Date(Date.now() - 90 * 60000 + 8 * 3600000).toISOString().slice(0, 16).replace('T', ' ');
  const r = await zhiban.call('POST', '/api/v1/incidents', { json: { title: '城东物流园仓库火灾', category: 'accident', level: 3,
    domain: 'emergency', learned_at: t } });
  assert.equal(r.status, 201, r.text);
  const { context, page, problems } = await openPage({ bypassCSP: true }); // for axe-core
  await signIn(page, srv.url, 'zhiban');
  await page.goto(srv.url + '/incidents');
  assert.match(await page.locator('.panel-alert').innerText(), /城东物流园仓库火灾/);
  assert.ok(await page.locator('tr.overdue').count() >= 1);
  await page.screenshot({ path: join(artifacts, 'incidents-desktop.png'), fullPage: true });
  assert.deepEqual(await axeProblems(page, 'incidents'), []);
  await page.setViewportSize(PHONE);
  await page.reload();
  assert.ok(await noSideways(page));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a leader\'s open page shows the incident as a banner within one second, linking to it', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  await signIn(page, srv.url, 'shuji');
  await page.goto(srv.url + '/');
  await page.locator('h1').first().click(); // a user gesture: the page may play its tone
  await page.waitForTimeout(300); // the event stream is open
  const zhiban = await login(srv.url, 'zhiban');
  const started = Date.now();
  const r = await zhiban.call('POST', '/api/v1/incidents', { json: { title: '临江县发生山体滑坡', category: 'natural', level: 1, domain: 'natural_resources' } });
  assert.equal(r.status, 201, r.text);
  const b = page.locator('.live-alert', { hasText: '临江县发生山体滑坡' });
  await b.waitFor({ timeout: 5000 });
  const ms = Date.now() - started;
  console.log(`# incident banner shown ${ms} ms after the request`);
  assert.ok(ms < 1000, `the banner took ${ms} ms`);
  assert.match(await b.innerText(), /Ⅰ级突发事件/);
  assert.equal(await b.locator('a').getAttribute('href'), `/incidents/${r.body.id}`);
  await page.screenshot({ path: join(artifacts, 'incident-banner.png') });
  // the dashboard counts what waits for this leader's 签收
  await page.goto(srv.url + '/');
  const panel = page.locator('section[aria-labelledby="alert-heading"]');
  assert.match(await panel.innerText(), /应急值守/);
  assert.match(await panel.innerText(), /待签收提醒/);
  assert.ok(Number(await panel.locator('.counter-unacked .counter-count').innerText()) >= 1);
  assert.deepEqual(problems, []);
  await context.close();
});
