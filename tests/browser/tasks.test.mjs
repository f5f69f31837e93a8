// Browser test of the supervision pages (督查督办) on the demo city, in Debian's Chromium driven by
// playwright-core, with the server's today fixed at 2026-09-28: 督查室 assigns a task through the
// form with a deadline of 10 working days (2026-10-16 across 国庆, shown beside the field before
// it is sent); the fgw liaison finds it waiting on the dashboard, accepts it, reports progress
// and asks to close it; 督查室 verifies and closes it (销号) and the ledger shows it grey 办结;
// a task returned by 督查室 is back on the liaison's dashboard; a 批示 on a document becomes a
// task from the document's page; after the chaser runs for 2026-10-20 an open task due 10-09 is
// 严重逾期 (red) on the ledger, in the liaison's notifications and late on the dashboard; the
// statistics page shows the API's numbers per unit and prints as the 督查通报; the chasing rules
// page lists the holiday schedules and notices a year asked about without one; no sideways
// scrolling on a phone; axe-core. Screenshots go to build/test-artifacts/.
//
// Run: node --test-reporter=./tests/lib/reporter.mjs tests/browser/tasks.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openPage as open, axeProblems, artifacts, DESKTOP, submit,
  signIn } from '../lib/browser.mjs';
import { startServer, login, api } from '../lib/server.mjs';

const TIMEOUT = { timeout: 120_000 };
const PHONE = { width: 390, height: 844 };
const FIRST = '落实全市安全生产大检查部署';
const SECOND = '编制年度重点项目清单';
const LATE = '办理群众反映的供暖问题';

const srv = await startServer({ demo: true, env: { MISHU_TODAY: '2026-09-28' } });
const browser = await launch();

const openPage = (contextOptions = {}) => open(browser, { viewport: DESKTOP, ...contextOptions });

// What the tests pass on: the tasks' pages.
const ids = {};

// Takes the step ACTION through its form on the task page (already open): opens it when it is
// folded, fills the opinion when given, submits, expects the redirect back with a flash.
async function step(page, action, opinion) {
  const folded = page.locator(`details#act-${action}`);
  if (await folded.count()) await folded.locator('summary').click();
  if (opinion !== undefined) await page.fill(`#${action}-opinion`, opinion);
  const res = await submit(page, `#act-${action} button[type="submit"]`);
  assert.equal(res.status(), 303, `${action} is taken`);
  assert.match(page.url(), new RegExp(`/tasks/\\d+\\?done=${action}$`));
  assert.equal(await page.locator('.flash-success').count(), 1, `${action}: the page says it is done`);
}

// The task's status label on its page.
const statusLabel = (page) => page.locator('.task-labels .status').first().innerText();

// The dashboard's inbox (我的待办) row of the task titled TITLE.
const todoRow = (page, title) => page.locator('.inbox-table tbody tr', { hasText: title });

// The ledger's row of the task titled TITLE.
const ledgerRow = (page, title) => page.locator('.tasks-table tbody tr', { hasText: title });

test('督查室 assigns a task through the form: 10 working days from 2026-09-28 is 2026-10-16', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await signIn(page, srv.url, 'duchashi');
    let res = await page.goto(srv.url + '/tasks');
    assert.equal(res.status(), 200);
    assert.equal(await page.locator('.empty-state').count(), 1, 'an empty ledger says what to do next');
    assert.equal(await page.locator('.empty-state a[href="/tasks/new"]').count(), 1);
    await page.locator('.page-actions a[href="/tasks/new"]', { hasText: '交办新任务' }).click();
    await page.waitForLoadState('domcontentloaded');
    assert.equal(new URL(page.url()).pathname, '/tasks/new');

    // a refusal comes back at its field with what was typed
    await page.selectOption('#t-lead', 'fgw');
    await page.fill('#t-content', '落');
    await page.fill('#t-days', '10');
    res = await submit(page, 'form.tasks-form button[type="submit"]');
    assert.equal(res.status(), 422);
    assert.equal(await page.getAttribute('#t-content', 'aria-invalid'), 'true');
    assert.match(await page.locator('#t-content-error').innerText(), /2 至 4000/);
    assert.equal(await page.inputValue('#t-days'), '10', 'what was typed is kept');
    assert.equal(await page.inputValue('#t-lead'), 'fgw');

    await page.selectOption('#t-source', 'higher');
    await page.fill('#t-content', FIRST);
    await page.fill('#t-requirements', '每周报送一次进展');
    await page.selectOption('#t-domain', 'emergency');
    await page.check('#t-co-czj');
    await page.fill('#t-days', '');
    await page.fill('#t-days', '10');
    // the date the count gives shows beside the field (scripts on; the server computes it anyway)
    await page.locator('#t-days-date', { hasText: '2026-10-16' }).waitFor({ timeout: 5000 });
    res = await submit(page, 'form.tasks-form button[type="submit"]');
    assert.equal(res.status(), 303);
    const url = new URL(page.url());
    assert.match(url.pathname, /^\/tasks\/\d+$/);
    ids.first = url.pathname;
    assert.equal(await page.locator('.flash-success').count(), 1);
    assert.equal(await page.locator('h1').innerText(), FIRST);
    assert.equal(await page.locator('.task-deadline').innerText(), '2026-10-16');
    assert.match(await page.locator('.task-facts').innerText(), /10个工作日/);
    assert.equal(await statusLabel(page), '已交办');
    assert.equal(await page.locator('.task-lead-unit').innerText(), '市发展和改革委员会');
    assert.match(await page.locator('.task-facts').innerText(), /市财政局/, 'the co-unit');
    assert.match(await page.locator('.task-reason').innerText(), /应急管理/, 'the leader with the reason');
    assert.match(await page.locator('.history-table').innerText(), /交办/);
    await page.screenshot({ path: join(artifacts, 'tasks-assigned.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the liaison accepts, reports and asks to close; 督查室 verifies and closes; the ledger shows 办结', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await signIn(page, srv.url, 'liaison');
    await page.goto(srv.url + '/');
    let row = todoRow(page, FIRST);
    assert.equal(await row.count(), 1, 'the task waits on the liaison\'s dashboard');
    assert.match(await row.innerText(), /签收/);
    assert.ok(await row.locator('.label-todo').count() >= 1, 'the steps to take are named');
    assert.equal(await page.locator('.counter-inbox-task .counter-count').innerText(), '1', 'one task waits');
    assert.equal(await page.locator('[data-inbox-count]').innerText(),
      String(await page.locator('.inbox-table tbody tr').count()), 'the header counts the inbox');
    await row.locator('a').click();
    await page.waitForLoadState('domcontentloaded');
    assert.equal(new URL(page.url()).pathname, ids.first);
    assert.equal(await page.locator('#act-verify').count(), 0, 'the office\'s steps are not the unit\'s');
    await step(page, 'accept');
    assert.equal(await statusLabel(page), '已签收');
    await step(page, 'report', '检查组已进驻重点企业。');
    assert.equal(await statusLabel(page), '办理中');
    assert.match(await page.locator('.report-list').innerText(), /检查组已进驻重点企业/);
    // an empty report (the browser asks for one first) is refused at its field
    const csrf = await page.locator('meta[name="csrf-token"]').getAttribute('content');
    const empty = await page.request.post(`${srv.url}${ids.first}/actions/report`,
      { form: { csrf_token: csrf, opinion: '' }, maxRedirects: 0 });
    assert.equal(empty.status(), 422);
    assert.match(await empty.text(), /id="report-opinion-error"/);
    await step(page, 'request_close', '检查全部完成，问题已整改。');
    assert.equal(await statusLabel(page), '申请办结');
    assert.match(await page.locator('.task-result').innerText(), /问题已整改/);
    assert.equal(await page.locator('#act-close').count(), 0);
    await page.goto(srv.url + '/');
    assert.equal(await todoRow(page, FIRST).count(), 0, 'no longer waiting for the unit');

    await signIn(page, srv.url, 'duchashi');
    await page.goto(srv.url + '/');
    row = todoRow(page, FIRST);
    assert.match(await row.innerText(), /核实/, 'it waits for 督查室 now');
    await page.goto(srv.url + ids.first);
    await step(page, 'verify', '经核实属实。');
    assert.equal(await statusLabel(page), '已核实');
    await step(page, 'close');
    assert.equal(await statusLabel(page), '办结');
    assert.equal(await page.locator('.task-labels .status-done').count(), 1, 'grey');
    assert.equal(await page.locator('.doc-actions').count(), 0, 'nothing left to do');
    await page.goto(srv.url + '/tasks');
    row = ledgerRow(page, FIRST);
    assert.equal(await row.count(), 1);
    assert.equal(await row.locator('.status-done').innerText(), '办结');
    assert.match(await page.locator('.page-actions a[href^="/api/v1/tasks.xlsx"]').innerText(), /导出台账/);
    await page.goto(srv.url + '/tasks?status=open');
    assert.equal(await ledgerRow(page, FIRST).count(), 0, 'the open ledger no longer lists it');
    assert.equal(await page.locator('.empty-state').count(), 1);
    assert.equal(await page.getAttribute('.page-actions a[href^="/api/v1/tasks.xlsx"]', 'href'),
      '/api/v1/tasks.xlsx?status=open', 'the export has the same filter');
    await page.screenshot({ path: join(artifacts, 'tasks-ledger.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a task returned by 督查室 is back on the liaison\'s dashboard', TIMEOUT, async () => {
  const staff = await login(srv.url, 'duchashi');
  const fgw = await login(srv.url, 'liaison');
  let r = await staff.call('POST', '/api/v1/tasks', { json: { source: 'meeting', content: SECOND, lead_unit: 'fgw', deadline: '2026-10-23' } });
  assert.equal(r.status, 201, r.text);
  ids.second = `/tasks/${r.body.id}`;
  for (const [action, opinion] of [['accept'], ['request_close', '清单已编制完成。']]) {
    r = await fgw.call('POST', `/api/v1/tasks/${r.body.id}/actions/${action}`, { json: opinion ? { opinion } : {} });
    assert.equal(r.status, 200, r.text);
  }
  const { context, page, problems } = await openPage();
  try {
    await signIn(page, srv.url, 'liaison');
    await page.goto(srv.url + '/');
    assert.equal(await todoRow(page, SECOND).count(), 0, 'asked to close: nothing for the unit');
    await signIn(page, srv.url, 'duchashi');
    await page.goto(srv.url + ids.second);
    await step(page, 'return', '清单缺少资金来源，请补充。');
    assert.equal(await statusLabel(page), '已退回');
    await signIn(page, srv.url, 'liaison');
    await page.goto(srv.url + '/');
    const row = todoRow(page, SECOND);
    assert.equal(await row.count(), 1, 'back on the liaison\'s dashboard');
    assert.match(await row.innerText(), /申请办结/, 'to handle again');
    await page.goto(srv.url + ids.second);
    assert.match(await page.locator('.task-returned').innerText(), /退回理由[\s\S]*清单缺少资金来源/, 'why, first');
    assert.match(await page.locator('.history-table').innerText(), /退回[\s\S]*清单缺少资金来源/);
    assert.equal(await page.locator('#act-report').count(), 1, 'the unit may report again');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a 批示 on a document becomes a task from the document\'s page', TIMEOUT, async () => {
  const mishuke = await login(srv.url, 'mishuke');
  let r = await mishuke.call('POST', '/api/v1/documents', { json: {
    direction: 'incoming', doc_type: '通知', title: '关于加强预算执行管理的通知', domain: 'finance',
    body: '请加强预算执行管理。', sender: '省财政厅' } });
  assert.equal(r.status, 201, r.text);
  const doc = r.body.id;
  for (const action of ['check', 'propose'])
    assert.equal((await mishuke.call('POST', `/api/v1/documents/${doc}/actions/${action}`, { json: {} })).status, 200);
  const changwu = await login(srv.url, 'changwu');
  r = await changwu.call('POST', '/api/v1/instructions', { json: { item_id: doc, text: '请市财政局抓好落实，按期报送情况。' } });
  assert.equal(r.status, 201, r.text);
  const { context, page, problems } = await openPage();
  try {
    await signIn(page, srv.url, 'duchashi');
    await page.goto(`${srv.url}/documents/${doc}`);
    const form = page.locator('.instruction .split-form');
    assert.equal(await form.count(), 1, 'the office may turn the 批示 into a task');
    await form.locator('summary').first().click();
    await form.locator('select[name="lead_unit"]').selectOption('czj');
    await form.locator('input[name="deadline_days"]').fill('10');
    const res = await submit(page, '.instruction .split-form button[type="submit"]');
    assert.equal(res.status(), 303);
    assert.match(page.url(), /\/tasks\/\d+\?created=1$/);
    assert.equal(await page.locator('h1').innerText(), '请市财政局抓好落实，按期报送情况。');
    assert.equal(await page.locator('.task-deadline').innerText(), '2026-10-16');
    assert.match(await page.locator('.task-leader').innerText(), /孙国平/, 'the instructing leader is responsible');
    assert.equal(await page.locator(`.task-facts a[href="/documents/${doc}"]`).count(), 1, 'links to its document');
    await page.goto(`${srv.url}/documents/${doc}`);
    assert.equal(await page.locator('.instruction-task-count').innerText(), '1');
    assert.equal(await page.locator('.instruction-task-list a').count(), 1);
    ids.doc = `/documents/${doc}`;
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('after the chaser runs for 2026-10-20 a task due 10-09 is 严重逾期 everywhere', TIMEOUT, async () => {
  const staff = await login(srv.url, 'duchashi');
  let r = await staff.call('POST', '/api/v1/tasks', { json: { source: 'petition', content: LATE, lead_unit: 'fgw', deadline: '2026-10-09' } });
  assert.equal(r.status, 201, r.text);
  ids.late = `/tasks/${r.body.id}`;
  r = await api(srv.url, 'POST', '/api/v1/_test/chase', { json: { today: '2026-10-20' } });
  assert.equal(r.status, 200, r.text);
  const { context, page, problems } = await openPage();
  try {
    await signIn(page, srv.url, 'duchashi');
    await page.goto(srv.url + '/tasks');
    let row = ledgerRow(page, LATE);
    assert.equal(await row.locator('.status-severe').innerText(), '严重逾期', 'red on the ledger');
    assert.match(await row.innerText(), /8个工作日/, 'working days past the deadline');
    await page.goto(srv.url + '/tasks?overdue=red');
    assert.equal(await page.locator('.tasks-table tbody tr').count(), 1, 'the red filter');
    await page.screenshot({ path: join(artifacts, 'tasks-red.png'), fullPage: true });

    await signIn(page, srv.url, 'liaison');
    await page.goto(srv.url + '/notifications');
    const note = page.locator('.note', { hasText: LATE }).filter({ hasText: '严重逾期' });
    assert.equal(await note.count(), 1, 'the liaison is notified');
    assert.match(await note.innerText(), /严重逾期/);
    assert.ok(await note.evaluate((n) => n.classList.contains('note-unread')), 'unread, in bold');
    assert.equal(await note.locator('a').getAttribute('href'), ids.late);
    const unread = Number(await page.locator('.unread-count').innerText());
    const res = await submit(page, `#${await note.getAttribute('id')} .note-read button`);
    assert.equal(res.status(), 303);
    assert.equal(await page.locator('.flash-success').count(), 1);
    assert.equal(Number(await page.locator('.unread-count').innerText()), unread - 1);
    assert.ok(!(await note.evaluate((n) => n.classList.contains('note-unread'))));

    await page.goto(srv.url + '/');
    row = todoRow(page, LATE);
    assert.equal(await row.count(), 1, 'late on the dashboard');
    assert.equal(await page.locator('.counter-late .counter-count').innerText(), '1', 'the chaser\'s overdue mark counts');
    assert.match(await page.locator('.inbox-table tbody tr').first().innerText(), new RegExp(LATE), 'soonest due first');
    await page.goto(srv.url + ids.late);
    assert.equal(await page.locator('.task-labels .status-severe').count(), 1);
    assert.match(await page.locator('.overdue-days').innerText(), /已超期8个工作日/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the statistics show the API\'s numbers per unit and print as the 督查通报', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await signIn(page, srv.url, 'duchashi');
    const res = await page.goto(srv.url + '/tasks/stats');
    assert.equal(res.status(), 200);
    const stats = await (await page.request.get(srv.url + '/api/v1/tasks/stats')).json();
    assert.ok(stats.units.length >= 2);
    for (const u of stats.units) {
      const row = page.locator(`.units-table tr[data-unit="${u.unit}"]`);
      assert.equal(await row.locator('th').innerText(), u.name);
      for (const key of ['total', 'closed', 'overdue'])
        assert.equal(Number(await row.locator(`td[data-key="${key}"]`).innerText()), u[key], `${u.unit} ${key}`);
      const rate = await row.locator('td[data-key="on_time_rate"]').innerText();
      if (u.on_time_rate === null) assert.equal(rate, '—');
      else assert.ok(Math.abs(parseFloat(rate) - u.on_time_rate * 100) < 0.051, `${u.unit} rate ${rate}`);
    }
    for (const l of stats.leaders) {
      const row = page.locator(`.leaders-table tr[data-leader="${l.leader_id}"]`);
      for (const key of ['instructions', 'open', 'closed', 'overdue'])
        assert.equal(Number(await row.locator(`td[data-key="${key}"]`).innerText()), l[key], `${l.name} ${key}`);
    }
    assert.equal(Number(await page.locator('#total-all').innerText()), stats.totals.total);
    const fgw = stats.units.find((u) => u.unit === 'fgw');
    assert.deepEqual([fgw.total, fgw.closed, fgw.overdue], [3, 1, 1]);
    // the charts draw over the tables when scripts run
    await page.locator('#chart-units canvas').waitFor({ timeout: 10000 });
    assert.equal(await page.locator('#chart-leaders canvas').count(), 1);
    const print = page.locator('button[data-print]');
    assert.equal(await print.count(), 1, 'a print button');
    assert.ok(await print.isVisible());
    await page.screenshot({ path: join(artifacts, 'tasks-stats.png'), fullPage: true });
    // printed: the heading 督查通报, the period, the tables, no navigation
    await page.emulateMedia({ media: 'print' });
    assert.ok(await page.locator('.bulletin-title').isVisible());
    assert.equal(await page.locator('.bulletin-title').innerText(), '督查通报');
    assert.ok(await page.locator('.period-text').isVisible());
    assert.ok(await page.locator('.units-table').isVisible());
    assert.ok(!(await page.locator('.site-nav').isVisible()), 'no navigation');
    assert.ok(!(await page.locator('.tasks-subnav').isVisible()));
    assert.ok(!(await page.locator('#chart-units').isVisible()));
    await page.emulateMedia({ media: 'screen' });
    // a period narrows it
    await page.goto(srv.url + '/tasks/stats?from=2027-01-01&to=2027-12-31');
    assert.equal(await page.locator('.units-table').count(), 0);
    assert.equal(await page.locator('.empty-state').count(), 1);
    assert.match(await page.locator('.period-text').innerText(), /2027-01-01至2027-12-31/);
    assert.equal((await page.goto(srv.url + '/tasks/stats?from=2026-13-01')).status(), 422);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the chasing rules list the holiday schedules and notice a year without one', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await signIn(page, srv.url, 'duchashi');
    let res = await page.goto(srv.url + '/tasks/policy');
    assert.equal(res.status(), 200);
    assert.equal(await page.locator('.calendar-years').innerText(), '2025、2026');
    assert.equal(await page.locator('.missing-years li[data-year="2027"]').count(), 0);
    assert.equal(await page.inputValue('#p-remind'), '2');
    assert.equal(await page.inputValue('#p-red'), '5');
    const r = await page.request.get(srv.url + '/api/v1/calendar?from=2027-06-01&add=3');
    assert.equal(r.status(), 200);
    await page.reload();
    assert.equal(await page.locator('.missing-years li[data-year="2027"]').innerText(), '2027年无节假日安排，按周末计算');
    await page.fill('#p-red', '0');
    res = await submit(page, 'form[action="/tasks/policy"] button[type="submit"]');
    assert.equal(res.status(), 422);
    assert.equal(await page.getAttribute('#p-red', 'aria-invalid'), 'true');
    await page.fill('#p-remind', '3');
    await page.fill('#p-red', '6');
    res = await submit(page, 'form[action="/tasks/policy"] button[type="submit"]');
    assert.equal(res.status(), 303);
    assert.equal(await page.locator('.flash-success').count(), 1);
    assert.equal(await page.inputValue('#p-red'), '6');
    const staff = await login(srv.url, 'duchashi');
    assert.deepEqual((await staff.call('GET', '/api/v1/tasks/policy')).body, { remind_before: 3, red_after: 6 });
    await page.screenshot({ path: join(artifacts, 'tasks-policy.png'), fullPage: true });
    await signIn(page, srv.url, 'liaison');
    assert.equal((await page.goto(srv.url + '/tasks/policy')).status(), 403, 'office staff only');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('on a 390 px phone the supervision pages never scroll sideways', TIMEOUT, async () => {
  const { context, page, problems } = await openPage({ viewport: PHONE, isMobile: true, hasTouch: true });
  try {
    for (const [user, paths] of [
      ['liaison', [ids.second, ids.late, '/', '/tasks', '/notifications']],
      ['duchashi', [ids.first, ids.late, '/tasks', '/tasks/new', '/tasks/stats', '/tasks/policy', ids.doc]]]) {
      await signIn(page, srv.url, user);
      for (const path of paths) {
        const res = await page.goto(srv.url + path);
        assert.equal(res.status(), 200, path);
        await page.waitForLoadState('load');
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= PHONE.width, `${path} is ${width} px wide at ${PHONE.width} px (${user})`);
      }
    }
    await signIn(page, srv.url, 'liaison');
    await page.goto(srv.url + ids.second);
    await page.screenshot({ path: join(artifacts, 'tasks-phone.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('accessibility: axe-core finds nothing serious on the supervision pages', TIMEOUT, async () => {
  const { context, page } = await openPage({ bypassCSP: true });
  try {
    const bad = [];
    await signIn(page, srv.url, 'duchashi');
    for (const path of ['/tasks', ids.first, ids.late, '/tasks/stats', '/tasks/new', '/tasks/policy',
      '/notifications', '/', ids.doc, '/instructions/new']) {
      await page.goto(srv.url + path);
      bad.push(...await axeProblems(page, path));
    }
    await signIn(page, srv.url, 'liaison');
    for (const path of [ids.second, '/notifications', '/']) {
      await page.goto(srv.url + path);
      bad.push(...await axeProblems(page, `${path} (liaison)`));
    }
    assert.deepEqual(bad, [], 'axe violations (details above)');
  } finally {
    await context.close();
  }
});

test('督查室 enters a paper 批示 with its scan, turns it into a task with its 督办编号; the liaison reports with an attachment', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await signIn(page, srv.url, 'duchashi');
    let res = await page.goto(srv.url + '/instructions/new');
    assert.equal(res.status(), 200);
    // refused without what it was written on, the message at the field
    await page.check('#r-form-paper');
    await page.selectOption('#r-leader', 'changwu');
    await page.fill('#r-text', '请市发改委牵头研究，十个工作日内报结果。');
    res = await submit(page, 'form.tasks-form button[type="submit"]');
    assert.equal(res.status(), 422);
    assert.match(await page.locator('#r-ref-error').innerText(), /批示载体/);
    await page.fill('#r-ref', '省发改委《关于重大项目储备的函》');
    await page.fill('#r-requirements', '形成书面报告');
    await page.fill('#r-days', '10');
    await page.setInputFiles('#r-scan', { name: '批示扫描件.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 批示') });
    await page.screenshot({ path: join(artifacts, 'tasks-paper-instruction.png'), fullPage: true });
    res = await submit(page, 'form.tasks-form button[type="submit"]');
    assert.equal(res.status(), 303);
    assert.match(page.url(), /\/instructions\/\d+\/tasks$/);
    // the 转交办 form carries the 批示's requirements and deadline
    assert.match(await page.locator('.instruction-form').innerText(), /纸质批示/);
    assert.match(await page.locator('.instruction-source-ref').innerText(), /重大项目储备/);
    assert.equal(await page.inputValue('#s-requirements'), '形成书面报告');
    assert.equal(await page.inputValue('#s-days'), '10');
    assert.match(await page.locator('.routed-leader').innerText(), /孙国平/, 'the default leader is shown, with why');
    await page.selectOption('#s-lead', 'fgw');
    res = await submit(page, 'form.tasks-form button[type="submit"]');
    assert.equal(res.status(), 303);
    const no = await page.locator('.task-supervision-no').innerText();
    assert.match(no, /^督〔2026〕\d+号$/);
    assert.equal(await page.locator('.task-deadline').innerText(), '2026-10-16');
    const task = new URL(page.url()).pathname;
    await page.goto(srv.url + '/tasks');
    assert.equal(await ledgerRow(page, '请市发改委牵头研究').locator('.supervision-no').innerText(), no, 'the ledger shows it');

    await signIn(page, srv.url, 'liaison');
    await page.goto(srv.url + task);
    await step(page, 'accept');
    await page.fill('#report-opinion', '已形成初步意见，报告见附件。');
    await page.setInputFiles('#report-file', { name: '初步意见.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 意见') });
    res = await submit(page, '#act-report button[type="submit"]');
    assert.equal(res.status(), 303);
    const link = page.locator('.report-files a', { hasText: '初步意见.pdf' });
    assert.equal(await link.count(), 1, 'the attachment is listed under the report');
    const file = await page.request.get(srv.url + await link.getAttribute('href'));
    assert.equal(await file.text(), '%PDF-1.4 意见');
    // a file of a kind not allowed is refused at the field, in Chinese
    await page.fill('#report-opinion', '补充材料。');
    await page.setInputFiles('#report-file', { name: 'run.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
    res = await submit(page, '#act-report button[type="submit"]');
    assert.equal(res.status(), 422);
    assert.match(await page.locator('#report-file-error').innerText(), /附件/);
    await page.screenshot({ path: join(artifacts, 'tasks-report-attachment.png'), fullPage: true });
    assert.deepEqual(problems.filter((p) => !/422/.test(p)), []);
  } finally {
    await context.close();
  }
});

// Last: shut the browser and the server (a plain test, so it runs on every Node version).
test('shut down the browser and the server', TIMEOUT, async () => {
  await browser.close();
  assert.equal(await srv.stop(), 0, srv.tail());
});
