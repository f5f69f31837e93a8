// Both document flows walked through the pages by the five roles of the office, in Debian's
// Chromium: the 秘书科 clerk, the 书记 on a 375 px phone, the office's signer, a 发改委 liaison and
// the 督查室. At every handoff the next person signs in, finds the item in the inbox of their
// dashboard without searching, opens it from there and takes the step through its form; the
// header's count always equals the rows of the inbox. Incoming: 初审 → 拟办 → 批示 (the 书记, on a
// phone) → 转交办 as a task → 签收 → 报送 → 申请办结 → 核实 → 销号. Outgoing: 送审 → 核稿 →
// 签发 (the authorised signer) → 复核 → 编号 → 印制 → 分发 → 签收 by each receiving unit (one named, one
// reached through the group 各县（市、区）委).
//
// Run: node --test-reporter=./tests/lib/reporter.mjs tests/browser/walkthrough.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openPage as open, artifacts, DESKTOP, signIn } from '../lib/browser.mjs';
import { startServer, login } from '../lib/server.mjs';
import { registerIncoming, docStep } from '../lib/work.mjs';

const TIMEOUT = { timeout: 240_000 };
const PHONE = { width: 375, height: 812 };
const srv = await startServer({ demo: true });
const browser = await launch();

// Signs USER in on a fresh page (a phone for the 书记), finds TITLE in the dashboard's inbox,
// checks the header counts the inbox, opens the item and takes ACTION (with OPINION) through its
// form. Returns the item's path.
async function handoff(user, title, action, opinion, { phone = false, shot } = {}) {
  const { context, page, problems } = await open(browser,
    phone ? { viewport: PHONE, isMobile: true, hasTouch: true } : { viewport: DESKTOP });
  try {
    await signIn(page, srv.url, user);
    await page.goto(srv.url + '/inbox');
    const rows = await page.locator('.inbox-table tbody tr').count();
    assert.equal(Number(await page.locator('[data-inbox-count]').innerText()), rows,
      `${user}: the header counts the inbox`);
    const row = page.locator('.inbox-table tbody tr', { hasText: title });
    assert.equal(await row.count(), 1, `${user} finds 「${title}」 in the inbox to ${action}`);
    await row.locator('a').first().click();
    await page.waitForLoadState('domcontentloaded');
    const path = new URL(page.url()).pathname;
    const form = page.locator(`#act-${action}`);
    assert.equal(await form.count(), 1, `${user} is offered ${action}`);
    if (opinion !== undefined) await form.locator('textarea[name="opinion"]').fill(opinion);
    await form.locator('button[type="submit"]').click();
    await page.waitForLoadState('domcontentloaded');
    assert.match(page.url(), new RegExp(`done=${action}`), `${user}: ${action} is taken`);
    if (shot) await page.screenshot({ path: join(artifacts, shot), fullPage: true });
    if (phone) {
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= PHONE.width, `${width} px wide on a ${PHONE.width} px phone`);
    }
    assert.deepEqual(problems, []);
    return path;
  } finally {
    await context.close();
  }
}

test('an incoming document and its 批示 go from person to person through their inboxes', TIMEOUT, async () => {
  const staff = await login(srv.url, 'mishuke');
  const title = '关于做好2027年元旦春节期间保供稳价工作的通知';
  const r = { body: { id: await registerIncoming(staff, { title, domain: 'economy', sender: '省发展改革委',
    sender_number: '省发改价格〔2026〕512号', body: '各地要切实做好元旦春节期间重要民生商品保供稳价工作。' }) } };
  await handoff('mishuke', title, 'check');
  await handoff('mishuke', title, 'propose', '拟请建国同志阅示，市发展改革委抓好落实。');
  // the proposal must reach the 书记 for this walk: circulate to him if routing named another
  const doc = (await staff.call('GET', `/api/v1/documents/${r.body.id}`)).body;
  if (!doc.proposal.leaders.some((l) => l.username === 'shuji'))
    assert.equal((await docStep(staff, r.body.id, 'circulate', { mode: 'ordered', readers: ['shuji'] })).status, 200);
  await handoff('shuji', title, 'instruct', '请国平同志牵头，市发展改革委抓好落实，12月25日前报结果。',
    { phone: true, shot: 'walk-shuji-instruct.png' });
  // the office is prompted to hand the 批示 on: the document waits in its inbox
  const { context, page } = await open(browser, { viewport: DESKTOP });
  try {
    await signIn(page, srv.url, 'mishuke');
    await page.goto(srv.url + '/inbox');
    assert.equal(await page.locator('.inbox-table tbody tr', { hasText: title }).count(), 1,
      'after the 批示 the office finds it waiting');
  } finally {
    await context.close();
  }
  const instruction = (await staff.call('GET', `/api/v1/documents/${r.body.id}`)).body.instructions.at(-1).id;
  const t = await staff.call('POST', `/api/v1/instructions/${instruction}/tasks`, { json: { tasks: [
    { lead_unit: 'fgw', deadline_days: 10, content: '落实元旦春节期间保供稳价工作' }] } });
  assert.equal(t.status, 201, t.text);
  const task = '落实元旦春节期间保供稳价工作';
  await handoff('liaison', task, 'accept');
  await handoff('liaison', task, 'report', '已召开专题会议部署，重要民生商品储备充足。');
  await handoff('liaison', task, 'request_close', '各项保供稳价措施已落实到位。');
  // the liaison reads the source document of the task
  const liaison = await login(srv.url, 'liaison');
  assert.equal((await liaison.call('GET', `/documents/${r.body.id}`)).status, 200, 'the source document opens for the lead unit');
  await handoff('duchashi', task, 'verify', '经核实，落实情况属实。');
  await handoff('duchashi', task, 'close', undefined, { shot: 'walk-task-closed.png' });
});

test('an outgoing document reaches its authorised signer and the receiving unit through their inboxes', TIMEOUT, async () => {
  const liaison = await login(srv.url, 'liaison');
  const title = '关于进一步优化营商环境的实施意见';
  const r = await liaison.call('POST', '/api/v1/documents', { json: {
    direction: 'outgoing', doc_type: '意见', series: '江委发', title, domain: 'finance',
    main_to: ['fgw', 'gxw'], body: '为进一步优化营商环境，提出如下实施意见。' } });
  assert.equal(r.status, 201, r.text);
  await handoff('liaison', title, 'submit');
  await handoff('mishuke', title, 'review', '核稿通过。');
  const signer = (await liaison.call('GET', `/api/v1/documents/${r.body.id}`)).body.next_actors
    .find((a) => a.step === 'sign' && a.username);
  assert.ok(signer, 'the page names who signs');
  await handoff(signer.username, title, 'sign', '同意。', { shot: 'walk-signed.png' });
  for (const s of ['recheck', 'number', 'print', 'distribute']) await handoff('mishuke', title, s);
  const notes = (await liaison.call('GET', '/api/v1/notifications')).body.items.filter((n) => n.item_id === r.body.id);
  assert.ok(notes.some((n) => n.kind === 'docs.distributed'), 'the receiving unit is told');
  // each receiving unit — named, or reached through the group 各县（市、区）委 — signs for it from
  // its inbox
  await handoff('liaison', title, 'receive', undefined, { shot: 'walk-received.png' });
  await handoff('lianluo_jdq', title, 'receive');
});

test('shut down the browser and the server', TIMEOUT, async () => {
  await browser.close();
  assert.equal(await srv.stop(), 0, srv.tail());
});
