// Browser test of live alerts, in Debian's Chromium driven by playwright-core: a signed-in page
// shows an alert event as a banner (with a tone) within one second of its publication; an urgent
// report submitted through the API alerts the information department's page; when the stream
// drops, the EventSource reconnects with Last-Event-ID and the alerts published meanwhile
// arrive; a page opened after an alert came in between pages replays it (?last_event_id= from
// sessionStorage). Screenshots go to build/test-artifacts/.
//
// Run: node --test-reporter=./tests/lib/reporter.mjs tests/browser/events.test.mjs
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openPage as open, artifacts, DESKTOP, signIn, axeProblems } from '../lib/browser.mjs';
import { startServer, api, login, dbKind } from '../lib/server.mjs';

const TIMEOUT = { timeout: 120_000 };

const srv = await startServer({ demo: true });
const browser = await launch();
after(async () => { await browser.close(); assert.equal(await srv.stop(), 0, srv.tail()); });
const openPage = (contextOptions = {}) => open(browser, { viewport: DESKTOP, ...contextOptions });

const alert = (title, level = 'urgent', url = '/notifications') => ({ alert: { title, url, level } });
async function publish(type, data) {
  const r = await api(srv.url, 'POST', '/api/v1/_test/events', { json: { type, data } });
  assert.equal(r.status, 200, r.text);
}
const banner = (page, title) => page.locator('.live-alert', { hasText: title });
// A page of USER at PATH whose event stream is open (OPTIONS for the context; ON_PAGE(page) runs
// before anything loads).
async function livePage(user, path = '/', options = {}, onPage = () => {}) {
  const opened = await openPage(options);
  onPage(opened.page);
  await signIn(opened.page, srv.url, user);
  await opened.page.goto(srv.url + path);
  await opened.page.waitForSelector('[data-live-alerts][data-live="on"]', { state: 'attached', timeout: 10_000 });
  return opened;
}

test('an alert shows as a banner with a tone within one second; it links where it says and can be dismissed', TIMEOUT, async () => {
  // bypassCSP: axe-core is injected as an inline script
  const { context, page, problems } = await livePage('xinxike', '/', { bypassCSP: true });
  await page.locator('h1').first().click(); // a user gesture: the page may now play sound

  const title = '某县发生山体滑坡，已转移群众46人';
  const t0 = Date.now();
  await publish('incident', { id: 1, ...alert(title) });
  await banner(page, title).waitFor({ timeout: 5000 });
  const ms = Date.now() - t0;
  console.log(`# alert banner shown ${ms} ms after the publish request`);
  assert.ok(ms < 1000, `the banner took ${ms} ms`);

  const b = banner(page, title);
  assert.match(await b.getAttribute('class'), /live-alert-urgent/);
  assert.equal(await b.locator('a').getAttribute('href'), '/notifications');
  assert.equal(await page.locator('[data-live-alerts]').getAttribute('data-sound'), 'running', 'the tone played');
  // the banner offers desktop alerts (asked only when pressed), in Chinese
  assert.equal(await b.locator('[data-alert-notify]').innerText(), '同时桌面提醒');
  assert.equal(await b.locator('.live-alert-close').getAttribute('aria-label'), '关闭此提醒');
  await page.screenshot({ path: join(artifacts, 'events-alert-banner.png') });
  assert.deepEqual(await axeProblems(page, 'alert banner'), []);

  // an off-site url is not followed: the banner links to the notifications inbox
  await publish('alert', alert('外链测试', 'info', 'https://example.com/x'));
  assert.equal(await banner(page, '外链测试').locator('a').getAttribute('href'), '/notifications');
  // events without "alert" data, or of other types, show nothing
  await publish('incident', { id: 2 });
  await publish('doc.created', alert('不应显示'));
  await publish('alert', alert('之后的提醒', 'warning'));
  await banner(page, '之后的提醒').waitFor({ timeout: 5000 });
  assert.equal(await banner(page, '不应显示').count(), 0);
  assert.ok(await page.locator('.live-alert').count() <= 3, 'at most three banners');

  await banner(page, '之后的提醒').locator('.live-alert-close').click();
  assert.equal(await banner(page, '之后的提醒').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

// PostgreSQL: live through LISTEN/NOTIFY within one second. SQLite fans out live events within
// one process only, but the log is in the shared file: the next page replays the alert.
test(`a page served by a second process gets an alert published through the first (${dbKind})`, TIMEOUT, async () => {
  const second = await startServer({ db: srv.db, init: false });
  const { context, page, problems } = await open(browser, { viewport: DESKTOP });
  await signIn(page, second.url, 'xinxike');
  await page.goto(second.url + '/');
  await page.waitForSelector('[data-live-alerts][data-live="on"]', { state: 'attached', timeout: 10_000 });
  const t0 = Date.now();
  await publish('incident', alert('跨进程的提醒'));
  if (dbKind === 'postgresql') {
    await banner(page, '跨进程的提醒').waitFor({ timeout: 5000 });
    const ms = Date.now() - t0;
    console.log(`# alert banner on the other process ${ms} ms after the publish request`);
    assert.ok(ms < 1000, `the banner took ${ms} ms`);
  } else {
    await page.goto(second.url + '/reports');
    await banner(page, '跨进程的提醒').waitFor({ timeout: 5000 });
  }
  assert.deepEqual(problems, []);
  await context.close();
  assert.equal(await second.stop(), 0, second.tail());
});

test('an urgent report submitted by a unit alerts the information department\'s open page', TIMEOUT, async () => {
  const { context, page, problems } = await livePage('xinxike2', '/reports');
  const fgw = await login(srv.url, 'liaison');
  const t0 = Date.now();
  const r = await fgw.call('POST', '/api/v1/reports', { json: { title: '临江县暴雨致道路中断', body: '已组织抢通。', domain: 'emergency', urgency: 'urgent', submit: true } });
  assert.equal(r.status, 201, r.text);
  const b = banner(page, '紧急信息：临江县暴雨致道路中断');
  await b.waitFor({ timeout: 5000 });
  console.log(`# urgent report banner ${Date.now() - t0} ms after the submit request`);
  assert.equal(await b.locator('a').getAttribute('href'), `/reports/${r.body.id}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('after the stream drops, the EventSource reconnects with Last-Event-ID and gets what was missed', TIMEOUT, async () => {
  const streams = [];
  const { context, page, problems } = await livePage('xinxike', '/', {}, (p) => p.on('request', (req) => {
    if (req.url().includes('/api/v1/events')) streams.push(req.allHeaders().then((h) => h['last-event-id'] ?? null));
  }));
  await publish('alert', alert('掉线前的提醒', 'info'));
  await banner(page, '掉线前的提醒').waitFor({ timeout: 5000 });
  const before = streams.length;

  // The server ends every stream, as a network drop would; alerts are published while the
  // browser waits its retry interval (3 s) before reconnecting.
  const d = await api(srv.url, 'POST', '/api/v1/_test/events/drop');
  assert.ok(d.body.dropped >= 1, d.text);
  await publish('alert', alert('掉线期间的提醒一', 'warning'));
  await publish('incident.escalated', alert('掉线期间的提醒二'));
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await banner(page, '掉线期间的提醒一').count(), 0, 'not delivered while down');

  await banner(page, '掉线期间的提醒一').waitFor({ timeout: 10_000 });
  await banner(page, '掉线期间的提醒二').waitFor({ timeout: 5000 });
  assert.equal(streams.length, before + 1, 'one reconnect');
  assert.match(await streams.at(-1) ?? '', /^\d+$/, 'the reconnect sent Last-Event-ID');
  // newest first, each once
  const titles = await page.locator('.live-alert a').allInnerTexts();
  assert.deepEqual(titles, ['掉线期间的提醒二', '掉线期间的提醒一', '掉线前的提醒']);
  await page.screenshot({ path: join(artifacts, 'events-alert-replayed.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('an alert that came while no page was open shows on the next page of the tab', TIMEOUT, async () => {
  const { context, page, problems } = await livePage('xinxike');
  await publish('alert', alert('第一页的提醒', 'info'));
  await banner(page, '第一页的提醒').waitFor({ timeout: 5000 });
  await page.goto('about:blank'); // the page and its stream are gone
  await publish('alert', alert('两页之间的提醒'));
  await page.goto(srv.url + '/reports');
  await banner(page, '两页之间的提醒').waitFor({ timeout: 5000 });
  assert.equal(await banner(page, '第一页的提醒').count(), 0, 'what the first page showed is not shown again');
  assert.deepEqual(problems, []);
  await context.close();
});
