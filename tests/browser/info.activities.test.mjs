// Browser test of the leaders' activities and the scores, in Debian's Chromium driven by
// playwright-core: the office records an activity for the week (a bad form keeps what was
// chosen), the coverage check highlights the 常委 still missing and moves by week; the scores
// rank the units with a chart and link their workbook; both pages fit a 375 px phone without
// sideways scrolling and pass axe-core. Screenshots go to build/test-artifacts/.
//
// Run: node --test-reporter=./tests/lib/reporter.mjs tests/browser/info.activities.test.mjs
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

test('the office records an activity; the coverage check highlights who is still missing', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  await signIn(page, srv.url, 'xinxike');
  await page.goto(srv.url + '/activities');
  assert.match(await page.locator('h1').innerText(), /领导活动/);
  const week = await page.locator('.week-title').innerText();
  assert.match(week, /\d{4}-W\d{2}/);
  assert.equal(await page.locator('#coverage-missing .status-severe').count(), 12, 'nothing recorded: all 12 常委 missing');
  assert.equal(await page.locator('form[method="post"][action="/activities"]').getAttribute('novalidate'), '');

  // a topic forgotten: refused, the choice kept
  await page.selectOption('#a-leader', { label: '王建国' });
  await page.fill('#a-place', '江城港');
  let res = await submit(page, 'form[method="post"][action="/activities"] button[type="submit"]');
  assert.equal(res.status(), 422);
  assert.match(await page.locator('#a-topic-error').innerText(), /活动内容/);
  assert.equal(await page.inputValue('#a-place'), '江城港');
  assert.equal(await page.locator('#a-leader option:checked').innerText(), '王建国');
  await page.fill('#a-topic', '调研港口建设<script>alert(1)</script>');
  res = await submit(page, 'form[method="post"][action="/activities"] button[type="submit"]');
  assert.equal(res.status(), 303);
  assert.match(page.url(), /\/activities\?week=\d{4}-W\d{2}&done=record/);
  assert.equal(await page.locator('#coverage-missing .status-severe').count(), 11);
  assert.ok(!(await page.locator('#coverage-missing').innerText()).includes('王建国'));
  assert.match(await page.locator('.activities-table').innerText(), /调研港口建设<script>alert\(1\)<\/script>/, 'shown as text, escaped');
  assert.ok(await noSideways(page));
  await page.screenshot({ path: join(artifacts, 'info-activities-desktop.png'), fullPage: true });

  // the next week has nothing yet; back again
  await page.locator('a[rel="next"]').click();
  await page.waitForLoadState('domcontentloaded');
  assert.notEqual(await page.locator('.week-title').innerText(), week);
  assert.equal(await page.locator('#coverage-missing .status-severe').count(), 12);
  await page.locator('a[rel="prev"]').click();
  await page.waitForLoadState('domcontentloaded');
  assert.equal(await page.locator('.week-title').innerText(), week);

  // deleted again from its row
  res = await submit(page, '.activities-table button[type="submit"]');
  assert.equal(res.status(), 303);
  assert.equal(await page.locator('#coverage-missing .status-severe').count(), 12);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the scores rank the units with a chart and link their workbook', TIMEOUT, async () => {
  const fgw = await login(srv.url, 'liaison');
  const czj = await login(srv.url, 'liaison2');
  const editor = await login(srv.url, 'xinxike');
  for (const [who, title] of [[fgw, '重大项目推进情况'], [fgw, '项目审批提速情况'], [czj, '财政收入运行情况']]) {
    const r = await who.call('POST', '/api/v1/reports', { json: { title, body: `${title}。`, urgency: 'normal', submit: true } });
    assert.equal(r.status, 201, r.text);
    if (who === czj) assert.equal((await editor.call('POST', `/api/v1/reports/${r.body.id}/uses`, { json: { level: 'province' } })).status, 200);
  }
  const { context, page, problems } = await openPage();
  await signIn(page, srv.url, 'mishuke');
  await page.goto(srv.url + '/scores');
  assert.match(await page.locator('h1').innerText(), /采用计分/);
  const rows = page.locator('.scores-table tbody tr');
  assert.equal(await rows.count(), 2);
  assert.match(await rows.first().innerText(), /财政局\s+11/, '1 submitted + 10 from the province');
  assert.match(await rows.nth(1).innerText(), /发展和改革委员会\s+2|发改委\s+2/);
  await page.waitForFunction(() => !document.getElementById('chart-scores').hidden && document.querySelector('#chart-scores canvas'));
  const href = await page.locator('a[download]').getAttribute('href');
  assert.match(href, /^\/api\/v1\/scores\.xlsx\?year=\d{4}$/);
  const x = await page.request.get(srv.url + href);
  assert.equal(x.status(), 200);
  assert.match(await page.locator('.rules-list').innerText(), /10/);
  await page.selectOption('#s-month', String(new Date().getMonth() + 1));
  await Promise.all([page.waitForURL(/month=/), page.locator('form.filters button').click()]);
  assert.match(await page.locator('a[download]').getAttribute('href'), /month=/);
  await page.screenshot({ path: join(artifacts, 'info-scores-desktop.png'), fullPage: true });
  await page.goto(srv.url + '/scores?year=1999');
  assert.match(await page.locator('[role="alert"]').innerText(), /年份/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('both pages fit a 375 px phone without sideways scrolling', TIMEOUT, async () => {
  const { context, page, problems } = await openPage({ viewport: PHONE });
  await signIn(page, srv.url, 'xinxike');
  for (const [path, shot] of [['/activities', 'info-activities-phone.png'], ['/scores', 'info-scores-phone.png']]) {
    await page.goto(srv.url + path);
    assert.ok(await noSideways(page), `no sideways scroll on ${path} at 375 px`);
    await page.screenshot({ path: join(artifacts, shot), fullPage: true });
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('accessibility: axe-core finds nothing serious on the activities and scores pages', TIMEOUT, async () => {
  const { context, page } = await openPage({ bypassCSP: true });
  await signIn(page, srv.url, 'xinxike');
  const bad = [];
  for (const path of ['/activities', '/scores']) {
    await page.goto(srv.url + path);
    bad.push(...await axeProblems(page, path));
  }
  assert.deepEqual(bad, []);
  await context.close();
});
