// Browser test of the workflow pages (src/work/flow_pages.c) on the demo city, in Debian's
// Chromium driven by playwright-core: the security administrator finds the workflows in their
// navigation, sees 发文办理 drawn as an inline SVG with its states, steps and versions, renames a
// state through the form (a new version, drawn with the new name) and has a broken JSON
// definition refused at the editor; office staff see a document's page with its workflow picture,
// the present state highlighted and the steps taken marked, and the steps refused with who may
// take them; no sideways scrolling on a phone; axe-core. Screenshots go to build/test-artifacts/.
//
// Run: node --test-reporter=./tests/lib/reporter.mjs tests/browser/workflows.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openPage as open, axeProblems, artifacts, DESKTOP, submit,
  signIn } from '../lib/browser.mjs';
import { startServer, login } from '../lib/server.mjs';

const TIMEOUT = { timeout: 120_000 };
const PHONE = { width: 390, height: 844 };

const srv = await startServer({ demo: true });
const browser = await launch();
const openPage = (contextOptions = {}) => open(browser, { viewport: DESKTOP, ...contextOptions });
let docId;

test('the security administrator reads 发文办理 as a picture and renames a state as a new version', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await signIn(page, srv.url, 'secadmin');
    await page.goto(srv.url + '/');
    await page.locator('nav a[href="/workflows"]').first().click();
    await page.waitForLoadState('domcontentloaded');
    assert.match(await page.locator('.workflows-table').innerText(), /发文办理[\s\S]*收文办理|收文办理[\s\S]*发文办理/);
    await page.locator('a[href="/workflows/outgoing"]').click();
    await page.waitForLoadState('domcontentloaded');
    assert.equal(await page.locator('figure.flow-diagram svg').count(), 1, 'an inline SVG');
    assert.equal(await page.locator('svg g#state-reviewed').count(), 1);
    assert.match(await page.locator('svg g#state-reviewed').textContent(), /待签发/);
    assert.match(await page.locator('#wf-step-sign').innerText(), /有签发权/, 'who may sign, in words');
    await page.screenshot({ path: join(artifacts, 'workflow-outgoing.png'), fullPage: true });

    await page.fill('#s-submitted-zh', '待办公厅审核');
    let res = await submit(page, '#wf-save-form');
    assert.equal(res.status(), 303);
    assert.match(await page.locator('.flash').innerText(), /第\d+版/);
    assert.match(await page.locator('svg g#state-submitted').textContent(), /待办公厅审核/);
    assert.ok(await page.locator('.row-current').count() === 1, 'the version shown is marked');

    await page.fill('#wf-definition', '{"states": [');
    res = await submit(page, '#wf-save-json');
    assert.equal(res.status(), 422);
    assert.match(await page.locator('#wf-error').innerText(), /JSON/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a document\'s page shows where it stands in its workflow and who may take the other steps', TIMEOUT, async () => {
  const liaison = await login(srv.url, 'liaison');
  let r = await liaison.call('POST', '/api/v1/documents', { json: {
    direction: 'outgoing', doc_type: '通知', series: '江委发', title: '关于做好冬季供暖保障工作的通知',
    domain: 'finance', main_to: ['fgw'], body: '各单位要做好冬季供暖保障工作。' } });
  assert.equal(r.status, 201, r.text);
  docId = r.body.id;
  r = await liaison.call('POST', `/api/v1/documents/${docId}/actions/submit`, { json: {} });
  assert.equal(r.status, 200, r.text);
  const staff = await login(srv.url, 'mishuke');
  r = await staff.call('POST', `/api/v1/documents/${docId}/actions/review`, { json: { opinion: '核稿通过' } });
  assert.equal(r.status, 200, r.text);
  const { context, page, problems } = await openPage();
  try {
    await signIn(page, srv.url, 'mishuke');
    await page.goto(`${srv.url}/documents/${docId}`);
    const fig = page.locator('figure.item-flow svg');
    assert.equal(await fig.count(), 1);
    assert.match(await fig.locator('g.current').getAttribute('id'), /^state-reviewed$/, 'the present state is highlighted');
    assert.ok(await fig.locator('g.edge.taken').count() >= 1, 'the step taken is marked');
    assert.match(await page.locator('.next-actors').innerText(), /签发：孙国平/, 'the page names who signs');
    assert.match(await page.locator('.steps-refused').innerText(), /签发：只有按规则对该机关代字和领域有签发权的领导可以办理/, 'steps refused, with who may');
    await page.screenshot({ path: join(artifacts, 'workflow-document.png'), fullPage: true });
    // the signer finds it on the dashboard without searching, and opens it from there
    await signIn(page, srv.url, 'changwu');
    await page.goto(srv.url + '/');
    const row = page.locator('.inbox-table tr', { hasText: '关于做好冬季供暖保障工作的通知' });
    assert.match(await row.innerText(), /签发/);
    await row.locator('a').click();
    await page.waitForLoadState('domcontentloaded');
    assert.equal(new URL(page.url()).pathname, `/documents/${docId}`);
    assert.equal(await page.locator('#act-sign').count(), 1, 'the sign form is there');
    await page.screenshot({ path: join(artifacts, 'inbox-signer.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('on a 390 px phone the workflow pages never scroll sideways', TIMEOUT, async () => {
  const { context, page } = await openPage({ viewport: PHONE });
  try {
    await signIn(page, srv.url, 'mishuke');
    for (const path of ['/workflows', '/workflows/incoming', '/workflows/task', `/documents/${docId}`]) {
      const res = await page.goto(srv.url + path);
      assert.equal(res.status(), 200, path);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(wide <= 1, `${path} scrolls sideways by ${wide}px`);
    }
    await page.screenshot({ path: join(artifacts, 'workflow-phone.png'), fullPage: true });
  } finally {
    await context.close();
  }
});

test('accessibility: axe-core finds nothing serious on the workflow pages', TIMEOUT, async () => {
  const { context, page } = await openPage({ bypassCSP: true });
  const bad = [];
  try {
    await signIn(page, srv.url, 'secadmin');
    for (const path of ['/workflows', '/workflows/outgoing']) {
      await page.goto(srv.url + path);
      bad.push(...await axeProblems(page, path));
    }
    await signIn(page, srv.url, 'mishuke');
    await page.goto(`${srv.url}/documents/${docId}`);
    bad.push(...await axeProblems(page, 'document with its workflow'));
    assert.deepEqual(bad, []);
  } finally {
    await context.close();
  }
});

test('shut down the browser and the server', TIMEOUT, async () => {
  await browser.close();
  assert.equal(await srv.stop(), 0, srv.tail());
});
