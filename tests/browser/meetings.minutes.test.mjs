// Browser test of issuing a meeting's approved 纪要, in Debian's Chromium driven by
// playwright-core: on the meeting page the office chooses whom it goes to (分送) and makes the
// outgoing document; a form without a recipient is refused and makes nothing; the meeting then
// links to the numbered document, whose page links back to the meeting. Screenshots go to
// build/test-artifacts/.
//
// Run: node --test-reporter=./tests/lib/reporter.mjs tests/browser/meetings.minutes.test.mjs
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openPage as open, artifacts, DESKTOP, submit, signIn } from '../lib/browser.mjs';
import { startServer, login } from '../lib/server.mjs';

const TIMEOUT = { timeout: 120_000 };
const TITLE = '市委常委会2027年第5次会议';

const srv = await startServer({ demo: true });
const browser = await launch();
after(async () => { await browser.close(); assert.equal(await srv.stop(), 0, srv.tail()); });
const openPage = (contextOptions = {}) => open(browser, { viewport: DESKTOP, ...contextOptions });

// A 常委会 held through the API with one passed item, its minutes approved by the chair.
const staff = await login(srv.url, 'mishuke');
const shuji = await login(srv.url, 'shuji');
const changwu = await login(srv.url, 'changwu');
const members = ['shuji', 'shizhang', 'fushuji', 'changwu', 'jiwei', 'zuzhi', 'mishuzhang', 'xuanchuan', 'zhengfa', 'tongzhan'];
const ok = async (p, want = 200) => { const r = await p; assert.equal(r.status, want, r.text); return r.body; };
const m = await ok(staff.call('POST', '/api/v1/meetings', { json: { type: 'changwei', title: TITLE, starts_at: '2027-03-02T09:00', room: '市委第一会议室' } }), 201);
const mp = (rest) => `/api/v1/meetings/${m.id}${rest}`;
const { n } = await ok(staff.call('POST', mp('/agenda'), { json: { title: '关于全市冬季供暖保障工作的汇报', domain: 'finance' } }), 201);
await ok(changwu.call('POST', mp(`/agenda/${n}/actions/consent`), { json: {} }));
await ok(shuji.call('POST', mp(`/agenda/${n}/actions/approve`), { json: {} }));
await ok(staff.call('POST', mp('/actions/notify'), { json: {} }));
for (const u of members) await ok(staff.call('POST', mp('/attendance'), { json: { username: u, status: 'present' } }));
await ok(staff.call('POST', mp('/actions/open'), { json: {} }));
for (const u of members.slice(0, 9)) await ok(staff.call('POST', mp(`/agenda/${n}/vote`), { json: { username: u, choice: 'agree' } }));
await ok(staff.call('POST', mp(`/agenda/${n}/actions/close`), { json: {} }));
await ok(shuji.call('POST', mp('/actions/adjourn'), { json: {} }));
const minuted = await ok(shuji.call('POST', mp('/actions/approve_minutes'), { json: {} }));

test('the office issues the approved minutes as a document from the meeting page', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await signIn(page, srv.url, 'mishuke');
    await page.goto(`${srv.url}/meetings/${m.id}#minutes`);
    const panel = page.locator('#minutes');
    assert.match(await panel.innerText(), /印发纪要/);

    // refused: nobody chosen — the page says so, and no document is made
    let res = await submit(page, '#minutes form[action$="/minutes/document"] button[type="submit"]');
    assert.equal(res.status(), 422);
    assert.match(await page.locator('.flash-error, .error-summary, [role="alert"]').first().innerText(), /请选择纪要的分送范围/);
    assert.equal((await staff.call('GET', mp(''))).body.minutes.document, null);

    await page.check('#cc_to-fgw');
    await page.check('#cc_to-czj');
    await page.fill('#minutes-cc-other', '省委办公厅秘书处');
    res = await submit(page, '#minutes form[action$="/minutes/document"] button[type="submit"]');
    assert.equal(res.status(), 303);
    const link = page.locator('#minutes .meet-minutes-doc a');
    assert.equal(await link.innerText(), `常委会纪要${minuted.minutes.no}`);
    assert.match(await page.locator('#minutes .meet-minutes-doc').innerText(), /已编号/);
    assert.equal(await page.locator('#minutes form[action$="/minutes/document"]').count(), 0, 'issued once');
    assert.match(await page.locator('#history').innerText(), new RegExp(`陈静 纪要印发为文件：常委会纪要${minuted.minutes.no.replace(/[〔〕]/g, '.')}`));
    await page.screenshot({ path: join(artifacts, 'meeting-minutes-issued.png'), fullPage: true });

    await link.click();
    await page.waitForURL(/\/documents\/\d+$/);
    const facts = await page.locator('main').innerText();
    assert.match(facts, /纪要/);
    await page.screenshot({ path: join(artifacts, 'document-made-from-minutes.png'), fullPage: true });
    assert.match(facts, /分送\s*市发展和改革委员会、市财政局/, 'the recipients chosen');
    assert.match(facts, /省委办公厅秘书处/);
    await page.screenshot({ path: join(artifacts, 'document-made-from-minutes.png'), fullPage: true });
    await page.locator(`a[href="/meetings/${m.id}"]`, { hasText: TITLE }).click();
    await page.waitForURL(new RegExp(`/meetings/${m.id}$`));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
