// Browser test of the meetings' pages on the demo city, in Debian's Chromium driven by
// playwright-core: the office calls a 常委会 through the form and proposes an item; the
// responsible leader (孙国平, finance) finds it in the inbox and consents on the meeting's page;
// the 书记 puts it on the agenda; on the 书记's phone the attendance count and the quorum change
// live while the office checks members in; the meeting opens, the votes are recorded and the
// outcome is shown in words; the decision becomes a supervised task; after the meeting the
// minutes are edited and printed; the rules of procedure are listed. No sideways scrolling on a
// phone; axe-core. Screenshots go to build/test-artifacts/.
//
// Run: node --test-reporter=./tests/lib/reporter.mjs tests/browser/meetings.test.mjs
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openPage as open, axeProblems, artifacts, DESKTOP, submit, signIn } from '../lib/browser.mjs';
import { startServer, login } from '../lib/server.mjs';

const TIMEOUT = { timeout: 120_000 };
const PHONE = { width: 375, height: 812 };
const TITLE = '市委常委会2026年第45次会议';
const ITEM = '关于2027年市级财政预算草案的议题';
const members = ['shuji', 'shizhang', 'fushuji', 'changwu', 'jiwei', 'zuzhi', 'mishuzhang', 'xuanchuan', 'zhengfa', 'tongzhan', 'junfenqu', 'fushizhang'];

const srv = await startServer({ demo: true });
const browser = await launch();
after(async () => { await browser.close(); assert.equal(await srv.stop(), 0, srv.tail()); });
const openPage = (contextOptions = {}) => open(browser, { viewport: DESKTOP, ...contextOptions });
const staffApi = await login(srv.url, 'mishuke');
let meetingUrl;

// Takes the step ACTION by its button on the open page and expects the way back with a flash.
async function step(page, action, scope = 'body') {
  const res = await submit(page, `${scope} button[data-step="${action}"]`);
  assert.equal(res.status(), 303, `${action} is taken: ${res.status()}`);
  assert.equal(await page.locator('.flash-success').count(), 1, `${action}: the page says it is done`);
}

test('the office calls a 常委会 and proposes an item; the leader in charge consents from the inbox; the chair approves it', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await signIn(page, srv.url, 'mishuke');
    await page.goto(srv.url + '/meetings');
    await page.getByRole('link', { name: '新建会议' }).first().click();
    await page.selectOption('#m-type', 'changwei');
    await page.fill('#m-title', TITLE);
    await page.fill('#m-starts', '2026-12-10T09:00');
    await page.fill('#m-room', '市委第一会议室');
    let res = await submit(page, 'form.meet-new button[type="submit"]');
    assert.equal(res.status(), 303);
    assert.match(page.url(), /\/meetings\/\d+$/);
    meetingUrl = page.url();
    assert.equal(await page.locator('h1').innerText(), TITLE);
    assert.equal(await page.locator('.meet-members tbody tr').count(), 12);
    assert.equal(await page.locator('[data-att-expected]').innerText(), '12');
    await page.fill('#item-title', ITEM);
    await page.selectOption('#item-domain', 'finance');
    await page.fill('#item-body', '市财政局汇报2027年市级财政预算草案编制情况。');
    await page.fill('#item-observers', '市财政局局长');
    res = await submit(page, '#add-item button[type="submit"]');
    assert.equal(res.status(), 303);
    const item = page.locator('#item-1');
    assert.match(await item.innerText(), /待分管领导同意/);
    assert.match(await item.innerText(), /责任领导：孙国平（财政金融属孙国平分工/);
    // a refusal is shown on the page, in Chinese: the title too short
    await page.fill('#item-title', '议');
    res = await submit(page, '#add-item button[type="submit"]');
    assert.equal(res.status(), 422);
    assert.match(await page.locator('.alert').innerText(), /标题须为2至100字/);
    await page.screenshot({ path: join(artifacts, 'meeting-office.png'), fullPage: true });

    await signIn(page, srv.url, 'changwu');
    await page.goto(srv.url + '/inbox');
    await page.locator('.inbox-table a', { hasText: ITEM }).first().click();
    await page.waitForLoadState('domcontentloaded');
    assert.match(page.url(), /\/meetings\/\d+#item-1$/);
    await step(page, 'consent', '#item-1');
    assert.match(await page.locator('#item-1').innerText(), /待审定/);

    await signIn(page, srv.url, 'shuji');
    await page.goto(meetingUrl);
    await step(page, 'approve', '#item-1');
    assert.match(await page.locator('#item-1').innerText(), /已列入议程/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('on the 书记\'s phone the attendance, the quorum and the member rows change live as members check in', TIMEOUT, async () => {
  const id = meetingUrl.match(/(\d+)$/)[1];
  assert.equal((await staffApi.call('POST', `/api/v1/meetings/${id}/actions/notify`, { json: {} })).status, 200);
  const { context, page, problems } = await openPage({ viewport: PHONE, isMobile: true, hasTouch: true });
  try {
    await signIn(page, srv.url, 'shuji');
    await page.goto(meetingUrl);
    await page.waitForSelector('[data-inbox-badge][data-live="on"]');
    assert.equal(await page.locator('[data-att-present]').innerText(), '0');
    assert.equal(await page.locator('[data-att-quorum]').innerText(), '未达到法定人数');
    for (const u of members.slice(0, 6))
      assert.equal((await staffApi.call('POST', `/api/v1/meetings/${id}/attendance`, { json: { username: u, status: 'present' } })).status, 200);
    await page.waitForFunction(() => document.querySelector('[data-att-present]').textContent === '6');
    assert.equal(await page.locator('[data-att-quorum]').innerText(), '未达到法定人数', 'exactly half is no quorum');
    assert.match(await page.locator('[data-att-words]').innerText(), /应到会12人，实到会6人，未超过应到会人数的半数/);
    await staffApi.call('POST', `/api/v1/meetings/${id}/attendance`, { json: { username: members[6], status: 'present' } });
    await page.waitForFunction(() => document.querySelector('[data-att-present]').textContent === '7');
    assert.equal(await page.locator('[data-att-quorum]').innerText(), '已达到法定人数');
    // the member rows change too: who checked in, who was granted leave and why
    await page.waitForFunction((u) => document.querySelector(`tr[data-member="${u}"] [data-member-status]`).textContent === '已到会', members[6]);
    assert.equal(await page.locator(`tr[data-member="${members[7]}"] [data-member-status]`).innerText(), '未确认');
    await staffApi.call('POST', `/api/v1/meetings/${id}/attendance`, { json: { username: members[11], status: 'leave', reason: '赴京参加全国会议' } });
    await page.waitForFunction((u) => document.querySelector(`tr[data-member="${u}"] [data-member-status]`).textContent === '已请假', members[11]);
    assert.equal(await page.locator(`tr[data-member="${members[11]}"] [data-member-reason]`).innerText(), '赴京参加全国会议');
    assert.equal(await page.locator('[data-att-leave]').innerText(), '1');
    // back after all (the seating chart below seats all twelve)
    await staffApi.call('POST', `/api/v1/meetings/${id}/attendance`, { json: { username: members[11], status: 'present' } });
    await page.waitForFunction((u) => document.querySelector(`tr[data-member="${u}"] [data-member-status]`).textContent === '已到会', members[11]);
    assert.equal(await page.locator('[data-att-present]').innerText(), '8');
    await page.screenshot({ path: join(artifacts, 'meeting-phone-shuji.png'), fullPage: true });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(wide <= 0, `no sideways scrolling on a phone (${wide}px)`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the meeting opens, votes are recorded, the outcome reads in words, the decision becomes a task, the minutes print', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await signIn(page, srv.url, 'mishuke');
    await page.goto(meetingUrl);
    await step(page, 'open', '#steps');
    for (const u of members.slice(0, 7)) {
      await page.selectOption('#vote-who-1', u);
      await page.selectOption('#vote-choice-1', 'agree');
      const res = await submit(page, '#item-1 form.meet-record button');
      assert.equal(res.status(), 303);
    }
    assert.match(await page.locator('#item-1 .meet-votes').innerText(), /王建国 同意/);
    await step(page, 'close', '#item-1');
    assert.equal(await page.locator('#item-1 .meet-outcome').innerText(), '同意7人，应到会12人，超过应到会人数的半数 → 通过');
    await page.locator('#item-1 details summary').click();
    await page.selectOption('#task-unit-1', 'czj');
    let res = await submit(page, '#item-1 details button[type="submit"]');
    assert.equal(res.status(), 303);
    const task = page.locator('#item-1 a[href^="/tasks/"]');
    assert.match(await task.innerText(), /督〔2026〕\d+号/);
    await step(page, 'adjourn', '#steps');
    const text = await page.locator('#minutes-text').inputValue();
    assert.match(text, /一、关于2027年市级财政预算草案的议题/);
    await page.fill('#minutes-text', text.replace('会议同意该议题。', '会议原则同意该议题，请市财政局按会议意见修改完善后提请市人大常委会审议。'));
    res = await submit(page, '#minutes button[type="submit"]');
    assert.equal(res.status(), 303);
    await page.screenshot({ path: join(artifacts, 'meeting-minutes.png'), fullPage: true });
    const pdf = await page.request.get(srv.url + new URL(meetingUrl).pathname.replace('/meetings/', '/api/v1/meetings/') + '/minutes.pdf');
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    // 座次: twelve at the table, 1 and 2 sharing the centre, 2 on 1's left hand, 3 on the right
    await page.goto(meetingUrl + '/seating');
    const seats = await page.locator('.seat-main .seat-name').allInnerTexts();
    assert.equal(seats.length, 12);
    assert.deepEqual(seats.slice(4, 8), ['李明华', '王建国', '赵立新', '孙国平']);
    assert.deepEqual(await page.locator('.seat-observers .seat-name').allInnerTexts(), ['市财政局局长']);
    await page.screenshot({ path: join(artifacts, 'meeting-seating.png'), fullPage: true });
    await page.goto(srv.url + '/meetings/types');
    assert.match(await page.locator('.meet-rules').innerText(), /常委会\s+超过应到会人数的半数\s+达到应到会人数的三分之二/);
    await page.goto(srv.url + '/meetings');
    assert.equal(await page.locator('.meet-table tbody tr', { hasText: TITLE }).count(), 1);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('accessibility: axe-core finds nothing serious on the meetings\' pages', TIMEOUT, async () => {
  const { context, page } = await openPage({ bypassCSP: true });
  try {
    await signIn(page, srv.url, 'mishuke');
    const bad = [];
    for (const path of ['/meetings', '/meetings/new', '/meetings/types', new URL(meetingUrl).pathname]) {
      await page.goto(srv.url + path);
      bad.push(...await axeProblems(page, path));
    }
    assert.deepEqual(bad, []);
  } finally {
    await context.close();
  }
});
