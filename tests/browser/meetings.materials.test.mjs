// Browser test of an agenda item before the meeting, in Debian's Chromium driven by
// playwright-core: the office proposes a cadre item for 市委组织部 through the form (the leader in
// charge of its domain named with the reason), files the examination materials, records the
// consultation before the meeting; a voting member reads the materials, an office colleague
// who did not file them sees only that they exist and for whom. Screenshots go to
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
after(async () => { await browser.close(); assert.equal(await srv.stop(), 0, srv.log()); });
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
