// Browser test of an agenda item before the meeting, in Debian's Chromium driven by
// playwright-core: the office proposes a cadre item for 市委组织部 through the form (the leader in
// charge of its domain named with the reason), files the examination materials, records the
// consultation before the meeting; a voting member reads the materials, an office colleague
// who did not file them sees only that they exist and for whom; the office takes up an item of
// a cancelled meeting and moves to reconsider a passed one (复议) from the same form. Screenshots go to
// build/test-artifacts/.
//
// Run: node --test-reporter=./tests/lib/reporter.mjs tests/browser/meetings.materials.test.mjs
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openPage as open, artifacts, DESKTOP, submit, signIn } from '../lib/browser.mjs';
import { startServer, login } from '../lib/server.mjs';

const TIMEOUT = { timeout: 120_000 };
const ITEM = '关于市直部门领导干部任免的议题';

const srv = await startServer({ demo: true });
const browser = await launch();
after(async () => { await browser.close(); assert.equal(await srv.stop(), 0, srv.tail()); });
const openPage = (contextOptions = {}) => open(browser, { viewport: DESKTOP, ...contextOptions });
const staffApi = await login(srv.url, 'mishuke');

// Tomorrow, so that the cadre materials are released (two working days before has passed).
const d = new Date(Date.now() + 86400000);
const tomorrow = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const created = await staffApi.call('POST', '/api/v1/meetings', { json: { type: 'changwei', title: '市委常委会（干部任免）会议', starts_at: `${tomorrow}T15:00` } });
assert.equal(created.status, 201, created.text);
const meetingUrl = `${srv.url}/meetings/${created.body.id}`;

test('the office proposes a cadre item for a unit, files its materials and records the consultation', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await signIn(page, srv.url, 'mishuke');
    await page.goto(meetingUrl);
    await page.fill('#item-title', ITEM);
    await page.selectOption('#item-kind', 'cadre');
    await page.selectOption('#item-unit', 'zzb');
    let res = await submit(page, '#add-item button[type="submit"]');
    assert.equal(res.status(), 303);
    const item = page.locator('#item-1');
    await assert.doesNotReject(item.waitFor());
    assert.match(await item.innerText(), /提出单位：市委组织部/);
    assert.match(await item.innerText(), /责任领导：吴海峰（/, 'the leader in charge of 组织, with the reason');

    await item.locator('summary', { hasText: '上传材料' }).click();
    await item.locator('input[type="file"]').setInputFiles([
      { name: '干部考察材料.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 考察材料') },
      { name: '任免审批表.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('xlsx') },
    ]);
    res = await submit(page, '#item-1 form.meet-attach button[type="submit"]');
    assert.equal(res.status(), 303);
    const links = page.locator('#item-1 .meet-materials a');
    assert.deepEqual(await links.allInnerTexts(), ['干部考察材料.pdf', '任免审批表.xlsx']);

    await page.locator('#item-1 summary', { hasText: '记录会前沟通' }).click();
    await page.fill('#consult-1-opinion', '书记与市长、副书记、组织部长就人选进行了酝酿，意见一致。');
    res = await submit(page, '#item-1 button[data-step="consult"]');
    assert.equal(res.status(), 303);
    assert.match(await page.locator('#item-1 .meet-consultation').innerText(), /会前沟通[\s\S]*陈静：书记与市长/);
    await page.screenshot({ path: join(artifacts, 'meeting-item-materials.png'), fullPage: true });

    // refused: no file chosen — the page says so and keeps the two
    await page.locator('#item-1 summary', { hasText: '上传材料' }).click();
    res = await submit(page, '#item-1 form.meet-attach button[type="submit"]');
    assert.equal(res.status(), 422);
    assert.match(await page.locator('.flash-error, .error-summary, [role="alert"]').first().innerText(), /请选择要上传的文件/);
    assert.equal(await page.locator('#item-1 .meet-materials a').count(), 2);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a voting member reads the cadre materials; a colleague who did not file them sees only that they exist', TIMEOUT, async () => {
  for (const [who, sees] of [['zuzhi', true], ['huiwuke', false]]) {
    const { context, page, problems } = await openPage();
    try {
      await signIn(page, srv.url, who);
      await page.goto(meetingUrl);
      const item = page.locator('#item-1');
      if (sees) {
        assert.equal(await item.locator('.meet-materials a').count(), 2, `${who} reads them`);
        const [download] = await Promise.all([page.waitForEvent('download'), item.locator('.meet-materials a').first().click()]);
        assert.equal(download.suggestedFilename(), '干部考察材料.pdf');
      } else {
        assert.equal(await item.locator('.meet-materials a').count(), 0);
        assert.match(await item.locator('.materials-withheld').innerText(), /另有2份干部任免材料，仅发给表决成员/);
        assert.equal((await item.innerText()).includes('干部考察材料'), false, 'not even the name');
        await page.screenshot({ path: join(artifacts, 'meeting-item-withheld.png'), fullPage: true });
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
});

test('the office takes up an item of a cancelled meeting, and moves to reconsider a passed one, from the form', TIMEOUT, async () => {
  // an item put on the agenda of a meeting that was then cancelled: it may go to a later one
  let r = await staffApi.call('POST', '/api/v1/meetings', { json: { type: 'changwei', title: '市委常委会（临时）会议', starts_at: `${tomorrow}T09:00`, room: '市委第二会议室' } });
  assert.equal(r.status, 201, r.text);
  const gone = r.body.id;
  r = await staffApi.call('POST', `/api/v1/meetings/${gone}/agenda`, { json: { title: '关于城区老旧小区加装电梯补助办法的议题', leader: 'shuji', body: '市住房和城乡建设局汇报补助办法（草案）。' } });
  assert.equal(r.status, 201, r.text);
  assert.equal((await staffApi.call('POST', `/api/v1/meetings/${gone}/actions/cancel`, { json: { opinion: '因上级临时会议安排取消' } })).status, 200);
  // a 常委会 held through the API whose one item passed: a motion may reconsider it
  const ok = async (p, want = 200) => { const x = await p; assert.equal(x.status, want, x.text); return x.body; };
  const shujiApi = await login(srv.url, 'shuji');
  const held = (await ok(staffApi.call('POST', '/api/v1/meetings', { json: { type: 'changwei', title: '市委常委会2027年第9次会议', starts_at: '2027-04-06T09:00', room: '市委第一会议室' } }), 201)).id;
  const hp = (rest) => `/api/v1/meetings/${held}${rest}`;
  await ok(staffApi.call('POST', hp('/agenda'), { json: { title: '关于实施城市更新行动的议题', leader: 'shuji' } }), 201);
  await ok(shujiApi.call('POST', hp('/agenda/1/actions/consent'), { json: {} }));
  await ok(shujiApi.call('POST', hp('/agenda/1/actions/approve'), { json: {} }));
  await ok(staffApi.call('POST', hp('/actions/notify'), { json: {} }));
  const voters = (await ok(staffApi.call('GET', hp('')))).members.map((x) => x.username);
  for (const u of voters.slice(0, 8)) await ok(staffApi.call('POST', hp('/attendance'), { json: { username: u, status: 'present' } }));
  await ok(staffApi.call('POST', hp('/actions/open'), { json: {} }));
  for (const u of voters.slice(0, 8)) await ok(staffApi.call('POST', hp('/agenda/1/vote'), { json: { username: u, choice: 'agree' } }));
  assert.equal((await ok(staffApi.call('POST', hp('/agenda/1/actions/close'), { json: {} }))).result, 'passed');

  const { context, page, problems } = await openPage();
  try {
    await signIn(page, srv.url, 'mishuke');
    await page.goto(meetingUrl);
    const carry = page.locator('#item-origin optgroup').first().locator('option', { hasText: '关于城区老旧小区加装电梯补助办法的议题' });
    assert.equal(await carry.count(), 1, 'the cancelled meeting\'s item is offered');
    await page.selectOption('#item-origin', await carry.getAttribute('value'));
    let res = await submit(page, '#add-item button[type="submit"]');
    assert.equal(res.status(), 303);
    const carried = page.locator('section#agenda article.meet-item', { hasText: '关于城区老旧小区加装电梯补助办法的议题' });
    assert.equal(await carried.count(), 1);
    assert.match(await carried.innerText(), /市委常委会（临时）会议/, 'the way back to where it came from');
    assert.equal(await page.locator('#item-origin option', { hasText: '关于城区老旧小区加装电梯补助办法的议题' }).count(), 0, 'not offered twice');

    // 复议: the passed item of the earlier 常委会
    const passed = page.locator('#item-origin optgroup').last().locator('option', { hasText: '关于实施城市更新行动的议题' });
    assert.match(await passed.innerText(), /^市委常委会2027年第9次会议 第1项：/);
    const title = '关于实施城市更新行动的议题';
    await page.selectOption('#item-origin', await passed.getAttribute('value'));
    res = await submit(page, '#add-item button[type="submit"]');
    assert.equal(res.status(), 303);
    assert.equal(await page.locator('section#agenda article.meet-item', { hasText: `关于复议“${title}”的动议` }).count(), 1);

    // a tampered origin is refused and adds nothing
    const count = await page.locator('section#agenda article.meet-item').count();
    await page.evaluate(() => { const o = document.createElement('option'); o.value = 'carry:abc'; o.textContent = 'x'; document.querySelector('#item-origin').append(o); });
    await page.selectOption('#item-origin', 'carry:abc');
    res = await submit(page, '#add-item button[type="submit"]');
    assert.equal(res.status(), 422);
    assert.equal(await page.locator('section#agenda article.meet-item').count(), count);
    await page.screenshot({ path: join(artifacts, 'meeting-item-origins.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
