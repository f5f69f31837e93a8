// Browser test of the information pages, in Debian's Chromium driven by playwright-core: a
// unit's liaison submits an urgent report from a phone; the editor finds it at the head of the
// queue, edits it (the original kept beside), adopts it, composes an issue from it and publishes
// it; a 常委 reads the issue on a phone and records the reading with one tap, then gives a 批示
// on its item, which the office turns into a task from the report's page. A bad form keeps
// what was typed. Screenshots go to build/test-artifacts/.
//
// Run: node --test-reporter=./tests/lib/reporter.mjs tests/browser/info.test.mjs
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openPage as open, artifacts, DESKTOP, submit, signIn, axeProblems } from '../lib/browser.mjs';
import { startServer, login } from '../lib/server.mjs';

const TIMEOUT = { timeout: 120_000 };
const PHONE = { width: 375, height: 812 };
const TITLE = '临江县暴雨引发山体滑坡无人员伤亡';

const srv = await startServer({ demo: true });
const browser = await launch();
after(async () => { await browser.close(); assert.equal(await srv.stop(), 0, srv.tail()); });
const openPage = (contextOptions = {}) => open(browser, { viewport: DESKTOP, ...contextOptions });
const noSideways = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

let reportId, issueId;

test('a liaison submits an urgent report from a phone; a bad form keeps what was typed', TIMEOUT, async () => {
  const { context, page, problems } = await openPage({ viewport: PHONE });
  await signIn(page, srv.url, 'lianluo_yjglj');
  await page.goto(srv.url + '/reports/new');
  await page.fill('#r-title', '临');
  await page.fill('#r-body', '当地提前转移群众46人，未造成人员伤亡。');
  await page.check('#r-urgent');
  let res = await submit(page, 'button[name="submit"]');
  assert.equal(res.status(), 422);
  assert.match(await page.locator('#r-title-error').innerText(), /标题/);
  assert.equal(await page.inputValue('#r-body'), '当地提前转移群众46人，未造成人员伤亡。', 'the text is kept');
  assert.ok(await page.isChecked('#r-urgent'));
  await page.fill('#r-title', TITLE);
  await page.selectOption('#r-domain', 'emergency');
  res = await submit(page, 'button[name="submit"]');
  assert.equal(res.status(), 303);
  assert.match(page.url(), /\/reports\/\d+\?done=1/);
  reportId = Number(page.url().match(/\/reports\/(\d+)/)[1]);
  assert.match(await page.locator('h1').innerText(), /紧急信息/);
  assert.match(await page.locator('.page-meta .status').innerText(), /待编辑/);
  assert.ok(await noSideways(page), 'no sideways scroll at 375 px');
  await page.screenshot({ path: join(artifacts, 'info-report-phone.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the editor finds it first in the queue, edits it with the original kept, adopts it and publishes it in an issue', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  await signIn(page, srv.url, 'xinxike');
  // an ordinary report submitted after the urgent one still comes second
  const fgw = await login(srv.url, 'liaison');
  assert.equal((await fgw.call('POST', '/api/v1/reports', { json: { title: '市发改委重大项目推进情况', body: '完成投资218亿元。', submit: true } })).status, 201);
  await page.goto(srv.url + '/reports');
  const first = page.locator('.info-table tbody tr').first();
  assert.match(await first.innerText(), new RegExp(TITLE));
  assert.match(await first.innerText(), /紧急信息/);
  await page.screenshot({ path: join(artifacts, 'info-queue.png'), fullPage: true });
  await first.locator('a').click();
  await page.waitForLoadState('domcontentloaded');

  await page.locator('#act-edit summary').click();
  await page.fill('#edit-title', '临江县山体滑坡 提前转移群众46人无伤亡');
  let res = await submit(page, '#act-edit button[type="submit"]');
  assert.equal(res.status(), 303);
  assert.match(await page.locator('h1').innerText(), /提前转移群众46人无伤亡/);
  await page.locator('.report-original summary').click();
  assert.match(await page.locator('.report-original').innerText(), new RegExp(TITLE), 'the original beside');
  res = await submit(page, '#act-adopt button[type="submit"]');
  assert.equal(res.status(), 303);
  assert.match(await page.locator('.page-meta .status').innerText(), /已采用/);

  // composing without ticking a report is refused and keeps the bulletin chosen
  await page.goto(srv.url + '/issues/new');
  await page.selectOption('#i-bulletin', 'jcxx');
  res = await submit(page, 'form[action="/issues/new"] button[type="submit"]');
  assert.equal(res.status(), 422);
  assert.equal(await page.inputValue('#i-bulletin'), 'jcxx');
  assert.ok(await page.locator('#i-reports-error').isVisible());
  await page.check(`#report\\:${reportId}`);
  res = await submit(page, 'form[action="/issues/new"] button[type="submit"]');
  assert.equal(res.status(), 303);
  issueId = Number(page.url().match(/\/issues\/(\d+)/)[1]);
  res = await submit(page, '#act-publish button[type="submit"]');
  assert.equal(res.status(), 303);
  assert.match(await page.locator('.bulletin-number').innerText(), /\d{4}年第1期/);
  assert.match(await page.locator('.bulletin-name').innerText(), /江城信息/);
  assert.match(await page.locator('#reads-heading').innerText(), /0\/12/);
  assert.equal(await page.locator('.reads-unread li').count(), 12);
  await page.screenshot({ path: join(artifacts, 'info-issue.png'), fullPage: true });
  await page.goto(srv.url + '/bulletins');
  assert.match(await page.locator('#b-jcxx').innerText(), /江城信息/);
  await page.screenshot({ path: join(artifacts, 'info-bulletins.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a 常委 reads the issue on a phone with one tap and gives a 批示 that the office makes a task', TIMEOUT, async () => {
  const { context, page, problems } = await openPage({ viewport: PHONE });
  await signIn(page, srv.url, 'changwu');
  await page.goto(`${srv.url}/issues/${issueId}`);
  assert.ok(await noSideways(page));
  let res = await submit(page, 'form[action$="/read"] button');
  assert.equal(res.status(), 303);
  assert.equal(await page.locator('form[action$="/read"]').count(), 0, 'read once: the button is gone');
  assert.match(await page.locator('main').innerText(), /您的阅读时间/);
  await page.screenshot({ path: join(artifacts, 'info-issue-phone.png'), fullPage: true });
  await page.locator('.bulletin-item h2 a').first().click();
  await page.waitForLoadState('domcontentloaded');
  await page.fill('#instruct-text', '请应急管理局做好受灾群众安置，抓紧抢通道路，及时报告进展。');
  res = await submit(page, 'form[action$="/instruct"] button');
  assert.equal(res.status(), 303);
  assert.match(await page.locator('.instruction-text').innerText(), /抓紧抢通道路/);
  assert.deepEqual(problems, []);
  await context.close();

  const staff = await login(srv.url, 'xinxike');
  const reads = await staff.call('GET', `/api/v1/issues/${issueId}/reads`);
  assert.deepEqual(reads.body.items.map((x) => x.user), ['changwu']);

  const office = await openPage();
  await signIn(office.page, srv.url, 'duchashi');
  await office.page.goto(`${srv.url}/reports/${reportId}`);
  await office.page.locator('.split-form > summary').click();
  await office.page.selectOption('.split-form select[name="lead_unit"]', 'yjglj');
  await office.page.fill('.split-form input[name="deadline_days"]', '5');
  res = await submit(office.page, '.split-form .form-actions button[type="submit"]');
  assert.ok(res.status() === 303, `made a task: ${res.status()}`);
  await office.page.goto(`${srv.url}/reports/${reportId}`);
  assert.match(await office.page.locator('.instruction-tasks').innerText(), /1/);
  await office.page.screenshot({ path: join(artifacts, 'info-report-task.png'), fullPage: true });
  assert.deepEqual(office.problems, []);
  await office.context.close();
});

test('accessibility: axe-core finds nothing serious on the information pages', TIMEOUT, async () => {
  const { context, page } = await openPage({ bypassCSP: true });
  await signIn(page, srv.url, 'xinxike');
  const bad = [];
  for (const path of ['/reports', '/reports/new', `/reports/${reportId}`, '/bulletins', '/issues/new', `/issues/${issueId}`]) {
    await page.goto(srv.url + path);
    bad.push(...await axeProblems(page, path));
  }
  assert.deepEqual(bad, []);
  await context.close();
});
