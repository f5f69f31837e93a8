// Browser test of the demo year (`mishu init --demo`, src/site/site_demo.c) in Debian's Chromium:
// four roles — the 书记, the 秘书科 clerk, the 督查室 and the 发改委 liaison — sign in on the full
// demo and find their dashboard, their 待办 (/inbox), the documents and the tasks full of real
// work: non-empty lists, Chinese titles, no English status codes, no page errors. Screenshots of
// every page go to build/test-artifacts/demo-<user>-<page>.png.
//
// Run: node --test-reporter=./tests/lib/reporter.mjs tests/browser/demo.test.mjs
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPage as open, artifacts, DESKTOP, signIn } from '../lib/browser.mjs';
import { startServer, freshDatabase, mishu, productBin } from '../lib/server.mjs';

const TIMEOUT = { timeout: 120_000 };
// the year made by the product build (quick; tests/api/demo.test.mjs makes it under the
// sanitizers), served by the test build
const dir = mkdtempSync(join(tmpdir(), 'mishu-demo-'));
const db = freshDatabase(dir);
const made = mishu(['init', '--db', db, '--demo'], { bin: productBin });
assert.equal(made.status, 0, made.stderr);
const srv = await startServer({ init: false, db });
const browser = await launch();
after(async () => {
  await browser.close();
  assert.equal(await srv.stop(), 0, srv.tail());
  rmSync(dir, { recursive: true, force: true });
});

// Rows of the table SELECTOR on PATH, after a screenshot NAME.
async function rows(page, user, path, selector, name) {
  const res = await page.goto(srv.url + path);
  assert.equal(res.status(), 200, `${user} ${path}`);
  await page.screenshot({ path: join(artifacts, `demo-${user}-${name}.png`) });
  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /测试|lorem|\b(registered|proposed|instructed|circulating|draft|submitted|reviewed|accepted|reported)\b/i,
    `${user} ${path}: no filler, no raw status codes`);
  return page.locator(`${selector} tbody tr`).count();
}

for (const [user, lists] of [
  ['shuji', { documents: '/documents?direction=incoming', meetings: '/meetings' }],
  ['mishuke', { documents: '/documents?direction=incoming', outgoing: '/documents?direction=outgoing', meetings: '/meetings' }],
  ['duchashi', { tasks: '/tasks' }],
  ['liaison', { tasks: '/tasks' }],
]) {
  test(`${user} finds a year of work: dashboard, 待办, lists`, TIMEOUT, async () => {
    const { context, page, problems } = await open(browser, { viewport: DESKTOP });
    try {
      await signIn(page, srv.url, user);
      await page.goto(srv.url + '/');
      await page.screenshot({ path: join(artifacts, `demo-${user}-dashboard.png`), fullPage: true });
      const badge = Number(await page.locator('[data-inbox-count]').first().innerText());
      assert.ok(badge > 0, `${user}: the header counts ${badge} to do`);
      const inbox = await rows(page, user, '/inbox', '.inbox-table', 'inbox');
      assert.ok(inbox > 0, `${user}: the inbox lists work`);
      assert.equal(inbox, badge, `${user}: the header counts the inbox`);
      for (const [name, path] of Object.entries(lists)) {
        const table = { tasks: '.tasks-table', meetings: '.meet-table' }[name] ?? '.docs-table';
        const n = await rows(page, user, path, table, name);
        assert.ok(n >= 5, `${user} ${path}: ${n} rows`);
      }
      // the first item of the inbox opens, with its text
      await page.goto(srv.url + '/inbox');
      await page.locator('.inbox-table tbody tr a').first().click();
      await page.waitForLoadState('load');
      await page.screenshot({ path: join(artifacts, `demo-${user}-item.png`), fullPage: true });
      assert.match(await page.locator('main').innerText(), /[\u4e00-\u9fff]{8}/, `${user}: the item reads in Chinese`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}
