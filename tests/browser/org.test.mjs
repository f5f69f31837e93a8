// Browser test of the org pages on the demo city (江城市委), in Debian's Chromium driven by
// playwright-core: the leadership, the announcement-style 分工 and the matrix as a leader reads
// them; a dated change recorded through the form and the routing that follows it on and before
// its date; ending a portfolio's only leader and the gap warning; a refused form (422, nothing
// written); the liaison's directory and refusal; the security administrator's routing rules;
// a 390 px phone; axe-core. Screenshots go to build/test-artifacts/.
//
// "Today" is pinned with MISHU_TODAY so the demo's dated changes (2026-01-05, 2026-03-01) are
// in force whatever the real date.
//
// Run: node --test-reporter=./tests/lib/reporter.mjs tests/browser/org.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openPage as open, axeProblems, artifacts, DESKTOP, submit,
  signIn, chooseByText } from '../lib/browser.mjs';
import { startServer } from '../lib/server.mjs';

const TIMEOUT = { timeout: 90_000 };
const TODAY = '2026-06-01';
const PHONE = { width: 390, height: 844 };

const srv = await startServer({ demo: true, env: { MISHU_TODAY: TODAY } });
const browser = await launch();

const openPage = (contextOptions = {}) => open(browser, { viewport: DESKTOP, ...contextOptions });

// The names of the leaders the routing page lists, in order, for QUERY.
async function routed(page, query) {
  const res = await page.goto(`${srv.url}/org/route?${query}`);
  assert.equal(res.status(), 200, `routing ${query}`);
  return page.locator('.route-leaders .route-name').allInnerTexts();
}

test('a leader reads the leadership, the 分工 announcement and the matrix', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await signIn(page, srv.url, 'shuji');
    let res = await page.goto(srv.url + '/org');
    assert.equal(res.status(), 200);
    assert.equal(await page.locator('.leader-card').count(), 12, 'twelve leaders in office');
    assert.equal(await page.locator('.leader-card h3').first().innerText(), '王建国', 'the secretary first');
    assert.equal(await page.locator('.org-committee li').count(), 10, 'the other members of the full committee');
    assert.match(await page.locator('.org-committee li').first().innerText(), /刘德明\s+江城县委书记/);
    assert.match(await page.locator('.table-count strong').first().innerText(), /^12$/);
    assert.equal(await page.locator('.org-gaps-warn').count(), 0, 'no gap warning');
    assert.equal(await page.locator('.org-gap-list li').count(), 0);
    assert.equal(await page.locator('.org-ok').count(), 1, 'says every portfolio is covered');
    assert.match(await page.locator('.leader-card', { hasText: '何秀兰' }).innerText(), /文化和旅游/,
      'since 江委发〔2026〕3号 何秀兰 is in charge of culture');
    assert.equal(await page.locator('a[href="/org/changes/new"]').count(), 0, 'a leader cannot record changes');
    assert.equal(await page.inputValue('#org-on'), TODAY);
    await page.screenshot({ path: join(artifacts, 'org-overview.png'), fullPage: true });

    res = await page.goto(srv.url + '/org/division');
    assert.equal(res.status(), 200);
    assert.equal(await page.locator('.division-heading').innerText(), '中共江城市委常委分工');
    const first = await page.locator('.division-para').first().innerText();
    assert.match(first, /^王建国：主持江城市委全面工作。/, 'the secretary presides');
    assert.equal(await page.locator('.division-para').count(), 12);
    assert.match(await page.locator('.division-para', { hasText: '孙国平' }).innerText(), /分管发展改革、财政金融/);
    assert.match(await page.locator('.division-sources').innerText(), /江委发〔2026〕3号/);
    const print = page.locator('button[data-print]');
    assert.ok(await print.isVisible(), 'the print button shows when scripts run');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.org-subnav').isVisible(), false, 'printing hides the sub-navigation');
    assert.equal(await page.locator('.site-header').isVisible(), false, 'and the site header');
    assert.ok(await page.locator('.division-para').first().isVisible(), 'but not the text');
    await page.emulateMedia({ media: 'screen' });
    await page.screenshot({ path: join(artifacts, 'org-division.png'), fullPage: true });

    res = await page.goto(srv.url + '/org/matrix');
    assert.equal(res.status(), 200);
    assert.equal(await page.locator('.matrix-table thead th.matrix-leader').count(), 12);
    assert.ok(await page.locator('.matrix-table tbody tr').count() >= 40, 'every active portfolio is a row');
    const overall = page.locator('.matrix-table tbody tr', { has: page.locator('th', { hasText: /^全面工作$/ }) });
    assert.equal(await overall.locator('.mark-lead').count(), 1, '全面工作 has its 主管 mark');
    assert.equal(await page.locator('.matrix-table tr.row-gap').count(), 0);
    await page.screenshot({ path: join(artifacts, 'org-matrix.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('office staff move 文化和旅游 to 郑文博 from 2026-07-01; routing follows the date', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await signIn(page, srv.url, 'mishuke');
    assert.deepEqual((await routed(page, 'work=incoming&domain=culture&on=2026-07-01'))[0], '何秀兰',
      'before the change, 何秀兰 even on its date');
    let res = await page.goto(srv.url + '/org/changes/new');
    assert.equal(res.status(), 200);
    await page.fill('#c-effective', '2026-07-01');
    await page.fill('#c-source', '江委发〔2026〕8号');
    await page.fill('#c-note', '关于调整市委常委分工的通知');
    await page.selectOption('#c-action-1', 'end');
    await chooseByText(page, '#c-leader-1', '何秀兰');
    await page.selectOption('#c-domain-1', 'culture');
    await page.selectOption('#c-action-2', 'assign');
    await chooseByText(page, '#c-leader-2', '郑文博');
    await page.selectOption('#c-domain-2', 'culture');
    await page.selectOption('#c-role-2', 'charge');
    res = await submit(page, 'form.change-form button[type="submit"]');
    assert.equal(res.status(), 303);
    assert.equal(new URL(page.url()).pathname, '/org/history');
    assert.equal(await page.locator('.flash-success').count(), 1);
    const change = page.locator('article.org-change-new');
    assert.equal(await change.count(), 1, 'the new change is marked');
    const text = await change.innerText();
    assert.match(text, /江委发〔2026〕8号/);
    assert.match(text, /2026年7月1日/);
    assert.match(await change.locator('div', { hasText: '新明确' }).last().innerText(), /郑文博[\s\S]*文化和旅游/);
    assert.match(await change.locator('div', { hasText: '不再分管' }).last().innerText(), /何秀兰[\s\S]*文化和旅游/);
    await page.screenshot({ path: join(artifacts, 'org-history.png'), fullPage: true });

    let names = await routed(page, 'work=incoming&domain=culture&on=2026-07-01');
    assert.equal(names[0], '郑文博', 'from the effective date the new leader comes first');
    assert.ok(!names.includes('何秀兰'), 'and the old one is gone');
    assert.match(await page.locator('.route-first .route-reason').innerText(), /江委发〔2026〕8号/,
      'the reason names the source document');
    assert.equal(await page.locator('.route-result .details dd').first().innerText().then((t) => t.includes('梁雪梅')), true,
      'with the assisting official');
    await page.screenshot({ path: join(artifacts, 'org-route.png'), fullPage: true });
    names = await routed(page, 'work=incoming&domain=culture&on=2026-06-30');
    assert.equal(names[0], '何秀兰', 'the day before, the old one');
    assert.match(await page.locator('.route-first .route-reason').innerText(), /江委发〔2026〕3号/);

    // The domain's history lists both, from–to.
    res = await page.goto(srv.url + '/org/history?domain=culture');
    assert.equal(res.status(), 200);
    const rows = await page.locator('section:has(#domain-heading) tbody tr').allInnerTexts();
    assert.ok(rows.some((r) => /郑文博/.test(r) && /现行/.test(r)), '郑文博 holds it now');
    assert.ok(rows.some((r) => /何秀兰/.test(r) && /2026年6月30日/.test(r)), '何秀兰 until the day before');

    // A bad routing query re-shows the form with the message, never a 500.
    res = await page.goto(srv.url + '/org/route?work=incoming&domain=no_such_domain');
    assert.equal(res.status(), 422);
    assert.equal(await page.getAttribute('#r-domain', 'aria-invalid'), 'true');
    assert.ok((await page.locator('.alert[role="alert"]').innerText()).length > 0);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('ending the only leader of 办公室工作 shows the gap warning from that date', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await signIn(page, srv.url, 'mishuke');
    let res = await page.goto(srv.url + '/org?on=2026-08-01');
    assert.equal(await page.locator('.org-gaps-warn').count(), 0, 'covered before the change');
    await page.goto(srv.url + '/org/changes/new?domain=office_affairs');
    assert.equal(await page.inputValue('#c-domain-1'), 'office_affairs', 'preset from ?domain=');
    await page.fill('#c-effective', '2026-08-01');
    await page.selectOption('#c-action-1', 'end');
    await chooseByText(page, '#c-leader-1', '张志远');
    res = await submit(page, 'form.change-form button[type="submit"]');
    assert.equal(res.status(), 303);

    res = await page.goto(srv.url + '/org?on=2026-08-01');
    assert.equal(res.status(), 200);
    assert.equal(await page.locator('.org-gaps-warn').count(), 1, 'the warning panel');
    const gaps = await page.locator('.org-gap-list li').allInnerTexts();
    assert.ok(gaps.some((g) => g.includes('办公室工作')), `办公室工作 is listed: ${gaps}`);
    assert.equal(await page.locator('.org-gap-list a[href="/org/changes/new?domain=office_affairs"]').count(), 1,
      'with a link to assign it');
    await page.screenshot({ path: join(artifacts, 'org-gap.png'), fullPage: true });
    await page.goto(srv.url + '/org?on=2026-07-31');
    assert.equal(await page.locator('.org-gaps-warn').count(), 0, 'the day before it is still covered');
    await page.goto(srv.url + '/org/matrix?on=2026-08-01');
    assert.equal(await page.locator('.matrix-table tr.row-gap', { hasText: '办公室工作' }).count(), 1,
      'the matrix row is amber');
    const names = await routed(page, 'work=incoming&domain=office_affairs&on=2026-08-01');
    assert.equal(names.length, 0, 'nobody to route to');
    assert.match(await page.locator('.route-warnings').innerText(), /办公室工作在2026-08-01无分管领导/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a bad date re-shows the change form with the message (422) and writes nothing', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await signIn(page, srv.url, 'mishuke');
    await page.goto(srv.url + '/org/history');
    const before = await page.locator('article.org-change').count();
    await page.goto(srv.url + '/org/changes/new');
    // A date field cannot hold 2026-02-30: make it a text field, as a browser without date
    // inputs would show it.
    await page.locator('#c-effective').evaluate((el) => { el.type = 'text'; });
    await page.fill('#c-effective', '2026-02-30');
    await page.fill('#c-source', '江委发〔2026〕99号');
    await chooseByText(page, '#c-leader-1', '周正清');
    await page.selectOption('#c-domain-1', 'statistics');
    await page.selectOption('#c-role-1', 'assist');
    const res = await submit(page, 'form.change-form button[type="submit"]');
    assert.equal(res.status(), 422);
    assert.equal(await page.getAttribute('#c-effective', 'aria-invalid'), 'true');
    assert.match(await page.locator('#c-effective-error').innerText(), /YYYY-MM-DD/);
    // (a date field shows an impossible date as empty; the page sends back what was typed)
    assert.equal(await page.getAttribute('#c-effective', 'value'), '2026-02-30', 'what was typed is kept');
    assert.equal(await page.inputValue('#c-source'), '江委发〔2026〕99号');
    assert.equal(await page.inputValue('#c-domain-1'), 'statistics');
    assert.equal(await page.inputValue('#c-role-1'), 'assist');
    assert.match(await page.locator('#c-leader-1 option:checked').innerText(), /周正清/);
    await page.screenshot({ path: join(artifacts, 'org-change-error.png'), fullPage: true });

    // A row naming a leader but no portfolio is refused at that row.
    await page.locator('#c-effective').evaluate((el) => { el.type = 'date'; });
    await page.fill('#c-effective', '2026-09-01');
    await chooseByText(page, '#c-leader-3', '马卫东');
    const again = await submit(page, 'form.change-form button[type="submit"]');
    assert.equal(again.status(), 422);
    assert.equal(await page.getAttribute('#c-domain-3', 'aria-invalid'), 'true');
    assert.equal(await page.locator('#row-3.row-error').count(), 1);

    await page.goto(srv.url + '/org/history');
    assert.equal(await page.locator('article.org-change').count(), before, 'nothing was recorded');
    assert.equal(await page.locator('text=江委发〔2026〕99号').count(), 0);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a unit liaison searches the directory and may not record changes', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await signIn(page, srv.url, 'liaison');
    let res = await page.goto(srv.url + '/org/units');
    assert.equal(res.status(), 200);
    const all = await page.locator('.unit-table tbody tr').count();
    assert.ok(all >= 44, `every demo unit is listed (${all})`);
    assert.equal(await page.locator('a[href="/org/units/new"]').count(), 0, 'no "new unit" for a liaison');
    await page.fill('#u-q', '发改');
    await page.locator('form.filters button[type="submit"]').click();
    await page.waitForLoadState('domcontentloaded');
    assert.match(page.url(), /q=%E5%8F%91%E6%94%B9/);
    const names = await page.locator('.unit-table td.cell-title a').allInnerTexts();
    assert.ok(names.includes('市发展和改革委员会'), `found: ${names}`);
    assert.ok(names.length < all, 'the search narrows the list');
    await page.screenshot({ path: join(artifacts, 'org-directory.png'), fullPage: true });
    await page.locator('.unit-table td.cell-title a', { hasText: '市发展和改革委员会' }).click();
    await page.waitForLoadState('domcontentloaded');
    assert.match(new URL(page.url()).pathname, /^\/org\/units\/\d+$/);
    assert.equal(await page.locator('h1').innerText().then((t) => t.startsWith('市发展和改革委员会')), true);
    assert.equal(await page.locator('form[action^="/org/units/"]').count(), 0, 'no edit form for a liaison');

    res = await page.goto(srv.url + '/org/changes/new');
    assert.equal(res.status(), 403);
    assert.equal(await page.locator('.error-page .error-code').innerText().then((t) => t.includes('403')), true);
    const post = await page.request.post(srv.url + '/org/changes', { form: { effective: '2026-09-01' }, maxRedirects: 0 });
    assert.equal(post.status(), 403, 'nor post one');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the security administrator switches a routing rule off', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    // With the rule "上级党委来文送全体常委传阅" on, a higher committee's document reaches everyone.
    await signIn(page, srv.url, 'mishuke');
    const query = 'work=incoming&domain=culture&origin=higher';
    assert.equal((await routed(page, query)).length, 12, 'the rule adds every standing member');

    await signIn(page, srv.url, 'secadmin');
    let res = await page.goto(srv.url + '/security/routing');
    assert.equal(res.status(), 200);
    assert.equal(await page.locator('.site-nav a[href="/security/routing"]').count(), 1, 'in the admin navigation');
    const names = await page.locator('.rules-table td.cell-title input').evaluateAll((els) => els.map((e) => e.value));
    const index = names.findIndex((n) => n.startsWith('上级党委来文'));
    assert.ok(index >= 0, `the demo rule is listed: ${names}`);
    const row = page.locator('.rules-table tbody tr').nth(index);
    const checkbox = row.locator('input[name="active"]');
    assert.ok(await checkbox.isChecked());
    await checkbox.uncheck();
    const form = await row.locator('form:not([action$="/delete"])').getAttribute('id');
    res = await submit(page, `form#${form} button[type="submit"]`);
    assert.equal(res.status(), 303);
    assert.equal(await page.locator('.flash-success').count(), 1);
    const saved = page.locator('.rules-table tbody tr').nth(index);
    assert.equal(await saved.locator('input[name="active"]').isChecked(), false, 'stored as off');
    assert.match(await saved.getAttribute('class'), /row-inactive/);
    await page.screenshot({ path: join(artifacts, 'org-rules.png'), fullPage: true });
    assert.equal((await page.goto(srv.url + '/org')).status(), 403, '三员分立: no org pages for the secadmin');

    await signIn(page, srv.url, 'mishuke');
    assert.deepEqual(await routed(page, query), ['何秀兰'], 'now only the portfolio decides');
    assert.equal((await page.goto(srv.url + '/security/routing')).status(), 403, 'staff may not edit rules');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('on a 390 px phone the org pages never scroll sideways', TIMEOUT, async () => {
  const { context, page, problems } = await openPage({ viewport: PHONE, isMobile: true, hasTouch: true });
  try {
    await signIn(page, srv.url, 'shuji');
    for (const path of ['/org', '/org/division', '/org/matrix', '/org/history', '/org/units', '/org/route?work=incoming&domain=culture']) {
      const res = await page.goto(srv.url + path);
      assert.equal(res.status(), 200, path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= PHONE.width, `${path} is ${width} px wide at ${PHONE.width} px`);
    }
    await page.goto(srv.url + '/org');
    assert.equal(await page.locator('.leader-card').count(), 12);
    const box = await page.locator('.leader-card').first().boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, 'the cards fit the screen');
    await page.screenshot({ path: join(artifacts, 'org-phone.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('accessibility: axe-core finds nothing serious on the org pages', TIMEOUT, async () => {
  const { context, page } = await openPage({ bypassCSP: true });
  try {
    await signIn(page, srv.url, 'mishuke');
    const bad = [];
    for (const path of ['/org', '/org/division', '/org/matrix', '/org/history?domain=culture',
      '/org/route?work=incoming&domain=culture', '/org/changes/new', '/org/units', '/org/departments',
      '/org/domains', '/org/leaders/1', '/org/import']) {
      await page.goto(srv.url + path);
      bad.push(...await axeProblems(page, path));
    }
    await signIn(page, srv.url, 'secadmin');
    await page.goto(srv.url + '/security/routing');
    bad.push(...await axeProblems(page, '/security/routing'));
    assert.deepEqual(bad, [], 'axe violations (details above)');
  } finally {
    await context.close();
  }
});

// Last: shut the browser and the server (a plain test, so it runs on every Node version).
test('shut down the browser and the server', TIMEOUT, async () => {
  await browser.close();
  assert.equal(await srv.stop(), 0, srv.tail());
});
