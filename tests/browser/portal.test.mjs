// Browser test of the office portal (门户), in Debian's Chromium driven by playwright-core: the
// front page lists every section, a section lists its articles with byline, date and read
// count, an article links to the previous and next ones of its section; an editor writes an
// article through the form; a reader's comment waits (待审核) until the editor approves it on
// the management page; an anonymous reader comments behind the captcha once the office allows
// it; every page works at 375 px without sideways scrolling. Screenshots go to
// build/test-artifacts/.
//
// Run: node --test-reporter=./tests/lib/reporter.mjs tests/browser/portal.test.mjs
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openPage as open, artifacts, DESKTOP, submit, signIn, axeProblems } from '../lib/browser.mjs';
import { startServer, login, api } from '../lib/server.mjs';

const TIMEOUT = { timeout: 120_000 };
const PHONE = { width: 375, height: 740 };

const srv = await startServer({ demo: true });
const browser = await launch();
after(async () => { await browser.close(); assert.equal(await srv.stop(), 0, srv.log()); });
const openPage = (contextOptions = {}) => open(browser, { viewport: DESKTOP, ...contextOptions });
const editorApi = await login(srv.url, 'xinxike');

const made = [];
for (const [title, date] of [['值班工作要做到“六个必须”', '2026-05-06'], ['信息报送的时效与质量', '2026-05-13'], ['督查督办的闭环管理', '2026-05-20']]) {
  const r = await editorApi.call('POST', '/api/v1/articles', { json: { section: 'gzjl', title, published_on: date,
    author: '赵敏', unit: '市委办公室信息科', body: `${title}是办公室工作的重要内容。\n要结合实际，认真抓好落实。` } });
  assert.equal(r.status, 201, r.text);
  made.push(r.body.id);
}

test('the portal lists its sections and a section its articles; an article links to its neighbours', TIMEOUT, async () => {
  const { context, page, problems } = await openPage({ bypassCSP: true }); // axe-core is injected
  try {
    await signIn(page, srv.url, 'liaison');
    await page.goto(`${srv.url}/portal`);
    assert.equal(await page.locator('nav.site-nav a[href="/portal"]').count(), 1, 'the portal is in the navigation');
    for (const name of ['文章精选', '专题研究', '学术争鸣', '素质修养', '工作交流'])
      assert.equal(await page.locator('.portal-section h2', { hasText: name }).count(), 1, name);
    await page.screenshot({ path: join(artifacts, 'portal-home.png'), fullPage: true });
    await page.locator('.portal-section h2 a', { hasText: '工作交流' }).click();
    await page.waitForURL(/\/portal\/gzjl$/);
    const rows = page.locator('.portal-row');
    assert.deepEqual(await rows.locator('.portal-row-title').allInnerTexts(), ['督查督办的闭环管理', '信息报送的时效与质量', '值班工作要做到“六个必须”']);
    assert.match(await rows.first().innerText(), /赵敏（市委办公室信息科） · 2026-05-20 · 被阅读 0 次/);
    await page.screenshot({ path: join(artifacts, 'portal-section.png'), fullPage: true });
    await rows.nth(1).locator('a').click();
    await page.waitForURL(new RegExp(`/portal/articles/${made[1]}$`));
    assert.match(await page.locator('.portal-meta').first().innerText(), /被阅读 1 次/);
    assert.equal(await page.locator('a[rel="prev"]').innerText(), '督查督办的闭环管理');
    assert.equal(await page.locator('a[rel="next"]').innerText(), '值班工作要做到“六个必须”');
    await page.screenshot({ path: join(artifacts, 'portal-article.png'), fullPage: true });
    await page.reload();
    assert.match(await page.locator('.portal-meta').first().innerText(), /被阅读 1 次/, 'a second visit the same day is not counted');
    await page.locator('a[rel="next"]').click();
    await page.waitForURL(new RegExp(`/portal/articles/${made[0]}$`));
    assert.match(await page.locator('.portal-neighbours').innerText(), /下一篇：没有了/);
    assert.deepEqual(problems, []);
    assert.deepEqual(await axeProblems(page, 'portal article'), []);
  } finally { await context.close(); }
});

test('an editor writes an article through the form; a refused form names the field', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await signIn(page, srv.url, 'xinxike');
    await page.goto(`${srv.url}/portal`);
    await page.locator('a', { hasText: '撰写文章' }).click();
    await page.waitForURL(/\/portal\/articles\/new$/);
    assert.equal(await page.locator('form.portal-edit[novalidate]').count(), 1);
    await page.fill('#a-title', '做好新时代机关值班工作');
    await page.selectOption('#a-section', 'szxy');
    await page.fill('#a-body', '值班是机关工作的重要组成部分。\n要增强责任意识。');
    let res = await submit(page, 'form.portal-edit button[type="submit"]');
    assert.equal(res.status(), 422);
    assert.match(await page.locator('.field-error').innerText(), /作者或撰稿单位/);
    await page.fill('#a-author', '陈刚');
    await page.screenshot({ path: join(artifacts, 'portal-edit.png'), fullPage: true });
    res = await submit(page, 'form.portal-edit button[type="submit"]');
    assert.equal(res.status(), 303);
    assert.equal(await page.locator('h1').innerText(), '做好新时代机关值班工作');
    assert.deepEqual(await page.locator('.portal-body p').allInnerTexts(), ['值班是机关工作的重要组成部分。', '要增强责任意识。']);
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('a reader\'s comment waits for moderation and shows once the editor approves it', TIMEOUT, async () => {
  const reader = await openPage();
  const other = await openPage();
  const editor = await openPage();
  try {
    await signIn(reader.page, srv.url, 'liaison');
    await reader.page.goto(`${srv.url}/portal/articles/${made[2]}`);
    await reader.page.fill('#c-body', '闭环管理的经验值得我们单位学习。');
    const res = await submit(reader.page, 'form.portal-comment-form button[type="submit"]');
    assert.equal(res.status(), 303);
    const mine = reader.page.locator('.portal-comment', { hasText: '闭环管理的经验' });
    assert.match(await mine.innerText(), /待审核/, 'the author sees it, marked');
    await signIn(other.page, srv.url, 'shuji');
    await other.page.goto(`${srv.url}/portal/articles/${made[2]}`);
    assert.equal(await other.page.locator('.portal-comment', { hasText: '闭环管理的经验' }).count(), 0, 'hidden from others');

    await signIn(editor.page, srv.url, 'xinxike');
    await editor.page.goto(`${srv.url}/portal/manage`);
    const held = editor.page.locator('.portal-comment', { hasText: '闭环管理的经验' });
    await editor.page.screenshot({ path: join(artifacts, 'portal-manage.png'), fullPage: true });
    assert.equal(await held.count(), 1);
    assert.equal((await submit(editor.page, `.portal-comment:has-text("闭环管理的经验") button:has-text("通过")`)).status(), 303);
    await other.page.reload();
    const shown = other.page.locator('.portal-comment', { hasText: '闭环管理的经验' });
    assert.equal(await shown.count(), 1, 'shown once approved');
    assert.doesNotMatch(await shown.innerText(), /待审核/);
    for (const p of [reader, other, editor]) assert.deepEqual(p.problems, []);
  } finally { await reader.context.close(); await other.context.close(); await editor.context.close(); }
});

test('an anonymous reader comments behind the captcha when the office allows it', TIMEOUT, async () => {
  assert.equal((await editorApi.call('PUT', '/api/v1/portal/settings', { json: { public: true, anonymous_comments: true } })).status, 200);
  const { context, page, problems } = await openPage();
  try {
    await page.goto(`${srv.url}/portal/articles/${made[0]}`);
    await page.fill('#c-name', '一名读者');
    await page.fill('#c-body', '值班工作确实来不得半点马虎。');
    await page.fill('#c-captcha', 'WRONG9');
    let res = await submit(page, 'form.portal-comment-form button[type="submit"]');
    assert.equal(res.status(), 422);
    assert.match(await page.locator('#c-captcha-error').innerText(), /验证码不正确/);
    const id = await page.locator('input[name="captcha_id"]').inputValue();
    const answer = (await api(srv.url, 'GET', `/api/v1/_test/captcha/${id}`)).body.answer;
    await page.fill('#c-captcha', answer);
    res = await submit(page, 'form.portal-comment-form button[type="submit"]');
    assert.equal(res.status(), 303);
    assert.match(await page.locator('.portal-comment', { hasText: '来不得半点马虎' }).innerText(), /一名读者.*待审核/s);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await editorApi.call('PUT', '/api/v1/portal/settings', { json: { public: false, anonymous_comments: false } });
  }
});

test('an organisation applies for membership through the form; the system administrator approves it', TIMEOUT, async () => {
  const applicant = await openPage({ viewport: PHONE });
  const admin = await openPage();
  try {
    await applicant.page.goto(`${srv.url}/portal/register`);
    await applicant.page.check('input[name="kind"][value="unit"]');
    await applicant.page.fill('#r-name', '江城市秘书工作研究会');
    await applicant.page.fill('#r-username', 'msyjh');
    await applicant.page.fill('#r-password', 'Portal-Pass-2026');
    await applicant.page.fill('#r-captcha', 'WRONG9');
    let res = await submit(applicant.page, 'form.portal-register button[type="submit"]');
    assert.equal(res.status(), 422);
    assert.ok(await applicant.page.locator('.field-error').count() >= 1);
    await applicant.page.fill('#r-contact', '刘会长');
    await applicant.page.fill('#r-password', 'Portal-Pass-2026');
    const id = await applicant.page.locator('input[name="captcha_id"]').inputValue();
    await applicant.page.fill('#r-captcha', (await api(srv.url, 'GET', `/api/v1/_test/captcha/${id}`)).body.answer);
    res = await submit(applicant.page, 'form.portal-register button[type="submit"]');
    assert.equal(res.status(), 201);
    assert.match(await applicant.page.locator('.flash').innerText(), /申请已提交/);
    await applicant.page.screenshot({ path: join(artifacts, 'portal-register-phone.png'), fullPage: true });

    await signIn(admin.page, srv.url, 'admin');
    await admin.page.goto(`${srv.url}/admin/members`);
    const row = admin.page.locator('tr', { hasText: '江城市秘书工作研究会' });
    assert.match(await row.innerText(), /单位会员/);
    await admin.page.screenshot({ path: join(artifacts, 'portal-members.png'), fullPage: true });
    assert.equal((await submit(admin.page, 'tr:has-text("江城市秘书工作研究会") button:has-text("通过")')).status(), 303);
    assert.equal(await admin.page.locator('tr', { hasText: '江城市秘书工作研究会' }).count(), 0);
    assert.equal((await login(srv.url, 'msyjh', 'Portal-Pass-2026')).status, 200, 'the member signs in');
    assert.deepEqual(applicant.problems, []);
    assert.deepEqual(admin.problems, []);
  } finally { await applicant.context.close(); await admin.context.close(); }
});

test('every portal page works at 375 px without sideways scrolling', TIMEOUT, async () => {
  const { context, page, problems } = await openPage({ viewport: PHONE });
  try {
    await signIn(page, srv.url, 'xinxike');
    for (const [path, name] of [['/portal', 'home'], ['/portal/gzjl', 'section'], [`/portal/articles/${made[1]}`, 'article'],
      ['/portal/articles/new', 'edit'], ['/portal/manage', 'manage'], [`/portal?q=${encodeURIComponent('值班')}`, 'search']]) {
      await page.goto(srv.url + path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= PHONE.width, `${path}: ${width} px wide`);
      await page.screenshot({ path: join(artifacts, `portal-${name}-phone.png`), fullPage: true });
    }
    assert.match(await page.locator('.portal-results').innerText(), /值班工作要做到/);
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});
