// Browser test of the rules of procedure changed from a page, in Debian's Chromium driven by
// playwright-core: the security administrator finds them in the administrators' menu, raises
// the 常委会 quorum to two thirds through the form and reads it back (page and API); a bad
// threshold is refused with its message at the rule and changes nothing; the office reads the
// rules but cannot reach the form. Screenshots go to build/test-artifacts/.
//
// Run: node --test-reporter=./tests/lib/reporter.mjs tests/browser/meetings.types.test.mjs
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openPage as open, artifacts, DESKTOP, submit, signIn } from '../lib/browser.mjs';
import { startServer, login } from '../lib/server.mjs';

const TIMEOUT = { timeout: 120_000 };

const srv = await startServer({ demo: true });
const browser = await launch();
after(async () => { await browser.close(); assert.equal(await srv.stop(), 0, srv.tail()); });
const openPage = (contextOptions = {}) => open(browser, { viewport: DESKTOP, ...contextOptions });
const staffApi = await login(srv.url, 'mishuke');
const changwei = async () => (await staffApi.call('GET', '/api/v1/meetings/types')).body.items.find((t) => t.code === 'changwei');

test('the security administrator raises the 常委会 quorum through the form; a bad threshold is refused', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await signIn(page, srv.url, 'secadmin');
    await page.locator('a[href="/meetings/types"]').first().click();
    await page.waitForURL(/\/meetings\/types$/);
    assert.equal(await page.locator('nav.org-subnav').count(), 0, 'no links to pages an administrator cannot open');
    await page.locator('a[href="/meetings/types/changwei/edit"]').click();
    await page.waitForURL(/\/meetings\/types\/changwei\/edit$/);
    assert.equal(await page.inputValue('#t-name-zh'), '常委会');
    assert.equal(await page.inputValue('#quorum-den'), '2');
    assert.equal(await page.inputValue('#quorum-num'), '1');

    // refused: 3 of 2 — the message at the quorum, nothing stored
    await page.fill('#quorum-den', '2');
    await page.fill('#quorum-num', '3');
    let res = await submit(page, 'form.meet-type button[type="submit"]');
    assert.equal(res.status(), 422);
    assert.match(await page.locator('#rule-quorum .field-error').innerText(), /^法定人数：分子不能大于分母。$/);
    assert.equal(await page.inputValue('#quorum-num'), '3', 'what was typed stays');
    assert.equal((await changwei()).quorum.num, 1);
    await page.fill('#quorum-num', '1');
    await page.fill('#t-days', 'abc');
    res = await submit(page, 'form.meet-type button[type="submit"]');
    assert.equal(res.status(), 422);
    await page.fill('#t-days', '-1');
    res = await submit(page, 'form.meet-type button[type="submit"]');
    assert.equal(res.status(), 422);
    assert.match(await page.locator('#t-days-error').innerText(), /0.*30/);

    // meanwhile another type is changed through the API: saving this form keeps that change
    const secApi = await login(srv.url, 'secadmin');
    const all = (await secApi.call('GET', '/api/v1/meetings/types')).body;
    all.items.find((t) => t.code === 'quanwei').cadre_release_days = 4;
    assert.equal((await secApi.call('PUT', '/api/v1/meetings/types', { json: all })).status, 200);
    await page.fill('#t-days', '3');
    await page.fill('#quorum-den', '3');
    await page.fill('#quorum-num', '2');
    await page.selectOption('#quorum-cmp', 'ge');
    await page.screenshot({ path: join(artifacts, 'meeting-type-edit.png'), fullPage: true });
    res = await submit(page, 'form.meet-type button[type="submit"]');
    assert.equal(res.status(), 303);
    await page.waitForURL(/\/meetings\/types\?done=1$/);
    assert.match(await page.locator('.meet-rules tr', { hasText: '常委会' }).innerText(), /达到应到会人数的三分之二/);
    const t = await changwei();
    assert.deepEqual(t.quorum, { num: 2, den: 3, cmp: 'ge', base: 'expected' });
    assert.equal(t.cadre_release_days, 3);
    assert.equal(t.principal_last, true, 'what the form did not change stays');
    const types = (await staffApi.call('GET', '/api/v1/meetings/types')).body.items;
    assert.equal(types.find((x) => x.code === 'quanwei').cadre_release_days, 4, 'the other change is kept');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the office reads the rules of procedure but cannot change them', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await signIn(page, srv.url, 'mishuke');
    await page.goto(`${srv.url}/meetings/types`);
    assert.equal(await page.locator('a[href$="/edit"]').count(), 0);
    assert.equal(await page.locator('nav.org-subnav').count(), 1);
    const res = await page.goto(`${srv.url}/meetings/types/changwei/edit`);
    assert.equal(res.status(), 403);
    const post = await staffApi.call('POST', '/meetings/types/changwei', {
      body: new URLSearchParams({ name_zh: '常委会（改）', name_en: 'x', csrf_token: staffApi.csrf }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(post.status, 403);
    assert.equal((await changwei()).name.zh, '常委会', 'nothing changed');
    assert.deepEqual(problems.filter((p) => !/403/.test(p)), []);
  } finally {
    await context.close();
  }
});
