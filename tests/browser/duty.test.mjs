// Browser test of the duty roster (值班表), in Debian's Chromium driven by playwright-core: the
// header of every page says who is on duty now; the duty office adds a person to the month from
// the form and a double shift is refused with the conflict named and the choice kept; the
// incoming officer acknowledges the handover carrying an open item; a liaison reads the roster
// without forms; the print view and the phone layout (no sideways scrolling) pass axe-core.
// Screenshots of /duty and the print view go to build/test-artifacts/.
//
// Run: node --test-reporter=./tests/lib/reporter.mjs tests/browser/duty.test.mjs
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openPage as open, artifacts, DESKTOP, PHONE, submit, signIn, axeProblems } from '../lib/browser.mjs';
import { startServer, login } from '../lib/server.mjs';

const TIMEOUT = { timeout: 120_000 };

const srv = await startServer({ demo: true });
const browser = await launch();
after(async () => { await browser.close(); assert.equal(await srv.stop(), 0, srv.tail()); });
const openPage = (contextOptions = {}) => open(browser, { viewport: DESKTOP, ...contextOptions });
const noSideways = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

const day = (d) => d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const today = day(new Date());
const yesterday = day(new Date(Date.now() - 86400000));
const month = today.slice(0, 7);

// today and yesterday on the roster (a night shift after midnight is yesterday's), a leave and
// a handover to 袁博 with an open item
const zhiban = await login(srv.url, 'zhiban');
for (const [d, day, night] of [[yesterday, 'zhiban2', 'duchashi2'], [today, 'zhiban', 'jiyaoke2']]) {
  for (const [shift, role, user] of [['day', 'leader', 'fumishuzhang3'], ['night', 'leader', 'fumishuzhang3'], ['day', 'officer', day], ['day', 'officer', 'mishuke'], ['night', 'officer', night]]) {
    const r = await zhiban.call('POST', '/api/v1/duty/entries', { json: { date: d, shift, role, user } });
    assert.equal(r.status, 201, r.text);
  }
}
{
  const r = await zhiban.call('POST', '/api/v1/duty/handovers', { json: { to: 'zhiban2', notes: '本班接报1起，已处置。', items: ['江北区化工园区异味投诉：待书面核查结果'] } });
  assert.equal(r.status, 201, r.text);
}

test('the header says who is on duty; a double shift is refused with the conflict named', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  await signIn(page, srv.url, 'zhiban');
  assert.match(await page.locator('.duty-now').innerText(), /^值班：带班 梁雪梅，值班员 /);
  await page.goto(`${srv.url}/duty`);
  assert.match(await page.locator('h1').innerText(), /值班表/);
  assert.match(await page.locator('#duty-now').innerText(), /梁雪梅/);
  assert.equal(await page.locator('tr.duty-today').count(), 2, "today's two shifts are marked");

  // 陈静 is on today's 白班: the 夜班 too is refused, naming her and both shifts
  await page.fill('#e-date', today);
  await page.selectOption('#e-shift', 'night');
  await page.selectOption('#e-user', 'mishuke');
  let res = await submit(page, '#duty-entry-form button[type="submit"]');
  assert.equal(res.status(), 409);
  const why = await page.locator('#duty-error').innerText();
  assert.match(why, /陈静/);
  assert.match(why, /白班/);
  assert.equal(await page.inputValue('#e-user'), 'mishuke', 'the choice is kept');
  assert.equal(await page.inputValue('#e-shift'), 'night');
  // another officer is added
  await page.selectOption('#e-user', 'zongheke');
  await page.fill('#e-phone', '0771-2800888');
  res = await submit(page, '#duty-entry-form button[type="submit"]');
  assert.equal(res.status(), 303);
  assert.match(page.url(), /done=entry/);
  assert.match(await page.locator('#duty-table').innerText(), /宋建华（0771-2800888）/);
  assert.ok(await noSideways(page));
  await page.screenshot({ path: join(artifacts, 'duty-month.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the incoming officer acknowledges the handover and its open item', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  await signIn(page, srv.url, 'zhiban2');
  await page.goto(`${srv.url}/duty`);
  assert.match(await page.locator('#duty-open').innerText(), /江北区化工园区异味投诉/);
  const item = page.locator('.duty-handover').first();
  assert.match(await item.innerText(), /待接班确认/);
  const res = await submit(page, '.duty-handover button[type="submit"]');
  assert.equal(res.status(), 303);
  assert.match(await page.locator('.duty-handover').first().innerText(), /已确认接班/);
  assert.equal(await page.locator('.duty-handover button[type="submit"]').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a liaison reads the roster without forms; the print view; a phone', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  await signIn(page, srv.url, 'liaison');
  await page.goto(`${srv.url}/duty?month=${month}`);
  assert.equal(await page.locator('#duty-entry-form, #duty-leave-form, #duty-handover-form').count(), 0);
  assert.match(await page.locator('#duty-table').innerText(), /梁雪梅/);
  assert.equal(await page.locator(`a[href="/api/v1/duty.xlsx?month=${month}"]`).count(), 1);
  await page.locator(`a[href="/duty/print?month=${month}"]`).click();
  await page.waitForLoadState('domcontentloaded');
  assert.match(await page.locator('.duty-print-heading').innerText(), new RegExp(`${month} 值班表`));
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.site-header').isVisible(), false, 'the chrome does not print');
  await page.screenshot({ path: join(artifacts, 'duty-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(problems, []);
  await context.close();

  const phone = await openPage({ viewport: PHONE });
  await signIn(phone.page, srv.url, 'zhiban');
  for (const path of ['/duty', '/duty/print', '/']) {
    await phone.page.goto(srv.url + path);
    assert.ok(await noSideways(phone.page), `${path} fits a phone`);
  }
  await phone.page.goto(srv.url + '/duty');
  await phone.page.screenshot({ path: join(artifacts, 'duty-phone.png'), fullPage: true });
  await phone.context.close();
});

test('accessibility: axe-core finds nothing serious on the roster and its print view', TIMEOUT, async () => {
  const { context, page } = await openPage({ bypassCSP: true });
  await signIn(page, srv.url, 'zhiban');
  const bad = [];
  for (const path of ['/duty', `/duty/print?month=${month}`]) {
    await page.goto(srv.url + path);
    bad.push(...await axeProblems(page, path));
  }
  assert.deepEqual(bad, []);
  await context.close();
});
