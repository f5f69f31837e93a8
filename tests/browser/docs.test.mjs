// Browser test of the documents pages on the demo city (江城市委), in Debian's Chromium driven by
// playwright-core: an incoming document from the higher committee registered through the form,
// checked, proposed to all twelve 常委 with reasons and circulated to two leaders in order; the
// first reader on a 390 px phone finds it on the dashboard, writes a 批示 and marks it read; the
// board shows the second holder, amber once held over a day; an outgoing document drafted by a
// unit liaison, submitted, reviewed, cosigned, signed only by an authorised leader (others get no
// form and a 403), rechecked, numbered (江委发〔YYYY〕N号), printed and distributed, its PDF
// served; a 请示 to 省委 copied to a group and to bodies in free text on a 375 px phone; a
// classified marking
// refused at its field (422, nothing created); full-text search within each user's visibility;
// no sideways scrolling on a phone; axe-core. Screenshots go to build/test-artifacts/.
//
// Run: node --test-reporter=./tests/lib/reporter.mjs tests/browser/docs.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openPage as open, axeProblems, artifacts, DESKTOP, submit,
  signIn } from '../lib/browser.mjs';
import { startServer, rawSql } from '../lib/server.mjs';

const TIMEOUT = { timeout: 120_000 };
const PHONE = { width: 390, height: 844 };
const IN_TITLE = '关于进一步做好信访工作的通知';
const OUT_TITLE = '关于加强财政资金监管的通知';
const BODY = [
  '各市委：',
  '一、总体要求',
  '　　各地要把信访工作摆上重要位置。',
  '（一）加强组织领导',
  '1.明确工作责任',
  '（1）细化工作措施',
  '新增资金1.5亿元。',
].join('\n');

const srv = await startServer({ demo: true });
const browser = await launch();

const openPage = (contextOptions = {}) => open(browser, { viewport: DESKTOP, ...contextOptions });

// What the tests pass on: the incoming and the outgoing document's pages.
const ids = {};

// Takes the step ACTION through its form on the document page (already open): fills the
// opinion when given, submits, expects the redirect back with a success flash.
async function step(page, action, opinion) {
  if (opinion !== undefined) await page.fill(`#${action}-opinion`, opinion);
  const res = await submit(page, `#act-${action} button[type="submit"]`);
  assert.equal(res.status(), 303, `${action} is taken`);
  assert.match(page.url(), new RegExp(`/documents/\\d+\\?done=${action}$`));
  assert.equal(await page.locator('.flash-success').count(), 1, `${action}: the page says it is done`);
}

// The status label of the document page.
const statusLabel = (page) => page.locator('.doc-labels .status').first().innerText();

test('office staff register a document from the higher committee, propose it to all 12 and circulate it', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await signIn(page, srv.url, 'mishuke');
    let res = await page.goto(srv.url + '/documents');
    assert.equal(res.status(), 200);
    assert.equal(await page.locator('.empty-state').count(), 1, 'an empty inbox says what to do next');
    assert.equal(await page.locator('.empty-state a[href="/documents/new?direction=incoming"]').count(), 1);
    await page.locator('.page-actions a[href="/documents/new?direction=incoming"]').click();
    await page.waitForLoadState('domcontentloaded');
    await page.fill('#d-sender', '中共江南省委办公厅');
    await page.fill('#d-sender-number', '江南委办发〔2026〕12号');
    await page.fill('#d-copies', '2');
    await page.check('#d-origin');
    await page.selectOption('#d-type', '通知');
    await page.fill('#d-title', IN_TITLE);
    await page.selectOption('#d-domain', 'finance');
    await page.selectOption('#d-urgency', 'urgent');
    await page.fill('#d-body', BODY);
    res = await submit(page, 'form.docs-form button[type="submit"]');
    assert.equal(res.status(), 303);
    const url = new URL(page.url());
    assert.match(url.pathname, /^\/documents\/\d+$/);
    ids.incoming = url.pathname;
    assert.equal(await page.locator('.flash-success').count(), 1);
    assert.equal(await page.locator('h1').innerText(), IN_TITLE);
    assert.match(await page.locator('.doc-number').innerText(), /^收〔\d{4}〕\d+号$/, 'the 收文编号');
    assert.equal(await statusLabel(page), '已登记');
    assert.equal(await page.locator('.doc-labels .urgency').innerText(), '加急');
    // the text with its four heading levels
    assert.equal(await page.locator('.doc-para.doc-salutation').innerText(), '各市委：');
    assert.equal(await page.locator('.doc-para.level-1').innerText(), '一、总体要求');
    assert.equal(await page.locator('.doc-para.level-2').innerText(), '（一）加强组织领导');
    assert.equal(await page.locator('.doc-para.level-3').innerText(), '1.明确工作责任');
    assert.equal(await page.locator('.doc-para.level-4').innerText(), '（1）细化工作措施');
    assert.equal(await page.locator('.doc-para.level-0', { hasText: '1.5亿元' }).count(), 1, '"1.5亿元" is no heading');
    assert.match(await page.locator('.doc-facts').innerText(), /上级党委来文/);

    await step(page, 'check', '来文齐全，属本机关办理范围。');
    assert.equal(await statusLabel(page), '已初审');
    await step(page, 'propose');
    assert.equal(await statusLabel(page), '已拟办');
    const proposed = page.locator('.doc-proposal .route-leader');
    assert.equal(await proposed.count(), 12, 'a higher committee\'s document goes to all twelve 常委');
    assert.match(await page.locator('.doc-proposal .route-first').innerText(), /孙国平[\s\S]*财政金融/,
      'the leader in charge of finance first, with the reason');
    for (const reason of await page.locator('.doc-proposal .route-reason').allInnerTexts())
      assert.ok(reason.length > 4, `every leader has a reason: ${reason}`);
    await page.screenshot({ path: join(artifacts, 'docs-proposed.png'), fullPage: true });

    // circulate to two of the proposed leaders, in order (by rank: 孙国平, then 郑文博)
    const readers = page.locator('#act-circulate input[name^="reader:"]');
    assert.equal(await readers.count(), 12);
    assert.equal(await page.locator('#act-circulate input[name^="reader:"]:checked').count(), 12,
      'the proposed leaders are preselected');
    for (const box of await readers.all()) await box.uncheck();
    await page.check('#reader-changwu');
    await page.check('#reader-xuanchuan');
    assert.ok(await page.isChecked('#circulate-ordered'), 'in order by default');
    await step(page, 'circulate');
    assert.equal(await statusLabel(page), '传阅中');
    assert.equal(await page.locator('.reader').count(), 2);
    assert.match(await page.locator('.reader-holding').innerText(), /孙国平[\s\S]*已持有/);
    assert.match(await page.locator('.reader', { hasText: '郑文博' }).innerText(), /待传/);
    assert.equal(await page.locator('.history-table li').count(), 4, 'register, check, propose, circulate');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the first reader reads it on a phone, writes a 批示 and marks it read; the board shows the next', TIMEOUT, async () => {
  const { context, page, problems } = await openPage({ viewport: PHONE, isMobile: true, hasTouch: true });
  try {
    await signIn(page, srv.url, 'changwu');
    let res = await page.goto(srv.url + '/');
    assert.equal(res.status(), 200);
    const link = page.locator('.inbox-table a', { hasText: IN_TITLE });
    assert.match(await page.locator('.inbox-table tr', { hasText: IN_TITLE }).innerText(), /阅/, '待阅');
    assert.equal(await page.locator('[data-inbox-count]').innerText(),
      String(await page.locator('.inbox-table tbody tr').count()), 'the header counts the inbox');
    assert.equal(await link.count(), 1, 'the document waits on the dashboard');
    await link.click();
    await page.waitForLoadState('domcontentloaded');
    assert.equal(new URL(page.url()).pathname, ids.incoming);
    let width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `the document page is ${width} px wide at ${PHONE.width} px`);
    assert.equal(await page.locator('#act-instruct').count(), 1, 'a leader may instruct');
    assert.equal(await page.locator('#act-read').count(), 1, 'the holder may mark it read');
    assert.equal(await page.locator('#act-check').count(), 0, 'but not take the office\'s steps');
    await page.screenshot({ path: join(artifacts, 'docs-phone.png'), fullPage: true });

    await page.fill('#instruct-opinion', '请市财政局会同市信访局认真研究，抓好落实。');
    await page.fill('#instruct-requirements', '11月30日前报送落实情况');
    assert.ok(await page.isChecked('#instruct-also-read'), 'the 批示 would complete the reading');
    await page.uncheck('#instruct-also-read'); /* here the reader reads with a comment of their own */
    await step(page, 'instruct');
    assert.match(await page.locator('.instruction-text').innerText(), /认真研究，抓好落实/);
    assert.match(await page.locator('.instruction-by').innerText(), /孙国平/);
    assert.equal(await statusLabel(page), '传阅中', 'a 批示 during circulation keeps it circulating');
    await step(page, 'read', '已阅，同意。');
    assert.match(await page.locator('.reader', { hasText: '孙国平' }).innerText(), /已阅[\s\S]*同意/);
    assert.equal(await page.locator('#act-read').count(), 0, 'read once');
    width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `still ${width} px wide`);
    await page.goto(srv.url + '/');
    assert.equal(await page.locator('.inbox-table a', { hasText: IN_TITLE }).count(), 0, 'no longer waiting');

    await signIn(page, srv.url, 'xuanchuan');
    await page.goto(srv.url + '/documents?mine=1');
    assert.equal(await page.locator('.docs-table a', { hasText: IN_TITLE }).count(), 1, 'the next reader has it');
    await page.goto(srv.url + ids.incoming);
    assert.equal(await page.locator('#act-read').count(), 1);

    await context.clearCookies();
    await page.setViewportSize(DESKTOP);
    await signIn(page, srv.url, 'mishuke');
    res = await page.goto(srv.url + '/documents/board');
    assert.equal(res.status(), 200);
    const row = page.locator('.board-table tbody tr', { hasText: IN_TITLE });
    assert.equal(await row.count(), 1);
    assert.equal(await row.locator('.board-reader').innerText(), '郑文博', 'the second holder');
    assert.equal(await row.locator('td.num').innerText(), '1/2');
    assert.equal(await page.locator('.board-table tr.row-late').count(), 0, 'held for minutes');
    // two days later (moved back behind the program's back) the row is amber
    const id = ids.incoming.split('/').pop();
    const moved = rawSql(srv.db, `UPDATE doc_reader SET sent_at = sent_at - 172800 WHERE item_id = ${id} AND read_at IS NULL`);
    assert.equal(moved.status, 0, moved.stderr);
    await page.reload();
    assert.equal(await page.locator('.board-table tr.row-late', { hasText: IN_TITLE }).count(), 1);
    assert.match(await page.locator('.board-table tr.row-late .status-overdue').innerText(), /2 天/);
    await page.screenshot({ path: join(artifacts, 'docs-board.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a liaison drafts 江委发, the office reviews, only an authorised leader signs, and it is numbered and distributed', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await signIn(page, srv.url, 'liaison');
    let res = await page.goto(srv.url + '/documents/new?direction=outgoing');
    assert.equal(res.status(), 200);
    assert.equal((await page.goto(srv.url + '/documents/new?direction=incoming')).status(), 403,
      'a liaison does not register incoming documents');
    await page.goto(srv.url + '/documents?direction=outgoing');
    await page.locator('.page-actions a[href="/documents/new?direction=outgoing"]').click();
    await page.waitForLoadState('domcontentloaded');
    await page.selectOption('#d-series', '江委发');
    await page.selectOption('#d-type', '通知');
    await page.fill('#d-title', OUT_TITLE);
    await page.selectOption('#d-domain', 'finance');
    await page.check('#main_to-fgw');
    await page.fill('#d-body', '一、加强预算执行管理\n各单位要严格执行预算。');
    res = await submit(page, 'form.docs-form button[type="submit"]');
    assert.equal(res.status(), 303);
    ids.outgoing = new URL(page.url()).pathname;
    assert.equal(await statusLabel(page), '草稿');
    assert.match(await page.locator('.doc-facts').innerText(), /市发展和改革委员会/, 'the principal recipient');
    assert.equal(await page.locator('.doc-salutation').innerText(), '市发展和改革委员会：');
    assert.equal(await page.locator(`a[href="${ids.outgoing}/edit"]`).count(), 1, 'the author may edit the draft');
    await step(page, 'submit');
    assert.equal(await statusLabel(page), '待核稿');

    await signIn(page, srv.url, 'mishuke');
    await page.goto(srv.url + ids.outgoing);
    await step(page, 'review', '文字已核。');
    assert.equal(await statusLabel(page), '待签发');
    assert.equal(await page.locator('#act-sign').count(), 0, 'staff do not sign');
    await page.check('#cosign_user-zuzhi');
    await step(page, 'request_cosign');
    assert.equal(await statusLabel(page), '会签中');

    // 吴海峰 cosigns but may not sign a finance document of the committee
    await signIn(page, srv.url, 'zuzhi');
    await page.goto(srv.url + ids.outgoing);
    assert.equal(await page.locator('#act-sign').count(), 0, 'no sign form for an unauthorised leader');
    await step(page, 'cosign', '同意。');
    assert.equal(await statusLabel(page), '已会签');
    assert.equal(await page.locator('#act-sign').count(), 0, 'still no sign form');
    const csrf = await page.locator('meta[name="csrf-token"]').getAttribute('content');
    const forged = await page.request.post(`${srv.url}${ids.outgoing}/actions/sign`,
      { form: { csrf_token: csrf, opinion: '同意' }, maxRedirects: 0 });
    assert.equal(forged.status(), 403, 'a direct POST is refused');
    assert.match(await forged.text(), /有签发权/);

    await signIn(page, srv.url, 'changwu');
    await page.goto(srv.url + ids.outgoing);
    assert.equal(await page.locator('#act-sign').count(), 1, 'the leader in charge of finance may sign');
    await step(page, 'sign', '同意印发。');
    assert.equal(await statusLabel(page), '已签发');
    assert.match(await page.locator('.doc-facts').innerText(), /孙国平/);

    await signIn(page, srv.url, 'mishuke');
    await page.goto(srv.url + ids.outgoing);
    await step(page, 'recheck');
    await step(page, 'number');
    const number = await page.locator('.doc-number').innerText();
    assert.match(number, /^江委发〔\d{4}〕\d+号$/, `the number: ${number}`);
    assert.match(await page.locator('.history-table').innerText(), new RegExp(number.replace(/[〔〕]/g, '.')));
    await step(page, 'print');
    await step(page, 'distribute');
    assert.equal(await statusLabel(page), '已核发');
    const pdfHref = await page.locator('a', { hasText: '打印（PDF）' }).getAttribute('href');
    const pdf = await page.request.get(srv.url + pdfHref);
    assert.equal(pdf.status(), 200);
    assert.match(pdf.headers()['content-type'], /^application\/pdf/);
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    await page.screenshot({ path: join(artifacts, 'docs-outgoing.png'), fullPage: true });

    await signIn(page, srv.url, 'liaison');
    await page.goto(srv.url + '/documents');
    const received = page.locator('.docs-table tbody tr', { hasText: OUT_TITLE });
    assert.equal(await received.count(), 1, 'the unit receives it in its inbox');
    assert.match(await received.innerText(), new RegExp(number.replace(/[〔〕]/g, '.')));
    await page.goto(srv.url + '/documents?direction=outgoing');
    assert.equal(await page.locator('.docs-table a', { hasText: OUT_TITLE }).count(), 1, 'and in the outgoing list');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a classified marking is refused at the secrecy field and nothing is created', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await signIn(page, srv.url, 'mishuke');
    await page.goto(srv.url + '/documents/new?direction=incoming');
    await page.fill('#d-sender', '中共江南省委办公厅');
    await page.selectOption('#d-type', '通知');
    await page.fill('#d-title', '秘密级测试来文');
    await page.selectOption('#d-secrecy', 'secret');
    const res = await submit(page, 'form.docs-form button[type="submit"]');
    assert.equal(res.status(), 422);
    assert.equal(await page.getAttribute('#d-secrecy', 'aria-invalid'), 'true');
    assert.match(await page.locator('#d-secrecy-error').innerText(), /非涉密/);
    assert.equal(await page.inputValue('#d-title'), '秘密级测试来文', 'what was typed is kept');
    assert.equal(await page.inputValue('#d-secrecy'), 'secret');
    await page.screenshot({ path: join(artifacts, 'docs-classified.png'), fullPage: true });
    await page.goto(srv.url + '/documents?q=' + encodeURIComponent('秘密级测试'));
    assert.equal(await page.locator('.docs-table tbody tr').count(), 0, 'nothing was registered');
    assert.equal(await page.locator('.empty-state').count(), 1);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('on a 375 px phone the clerk addresses a 请示 to 省委 and a body in free text, and the page shows the line', TIMEOUT, async () => {
  const { context, page, problems } = await openPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  try {
    await signIn(page, srv.url, 'mishuke');
    await page.goto(srv.url + '/documents/new?direction=outgoing');
    await page.selectOption('#d-series', '江委发');
    await page.selectOption('#d-type', '请示');
    await page.fill('#d-title', '关于请求支持江城港综合保税区申报工作的请示');
    await page.selectOption('#d-domain', 'finance');
    // the directory first, grouped by kind, then the local units
    const kinds = await page.locator('fieldset.unit-picker').first().locator('.unit-picker-kind').allInnerTexts();
    assert.deepEqual(kinds.slice(0, 3), ['上级机关', '外地机关', '成组发送范围']);
    await page.check('#main_to-sw');
    await page.check('#cc_to-szfbgt');
    await page.check('#cc_to-gxw');
    await page.fill('#d-cc-other', '省林业局、江城警备区');
    await page.fill('#d-body', '为加快推进江城港综合保税区申报工作，恳请省委给予支持。\n妥否，请批示。');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `the form is ${width} px wide at 375 px`);
    const res = await submit(page, 'form.docs-form button[type="submit"]');
    assert.equal(res.status(), 303);
    assert.equal(await page.locator('.doc-salutation').innerText(), '省委：');
    const facts = await page.locator('.doc-facts').innerText();
    assert.match(facts, /省委/);
    assert.match(facts, /省政府办公厅，各县（市、区）委，省林业局、江城警备区/, 'the 抄送 line');
    await page.screenshot({ path: join(artifacts, 'docs-outgoing-recipients.png'), fullPage: true });
    // the edit form shows the free text again, one per line
    await page.goto(srv.url + new URL(page.url()).pathname + '/edit');
    assert.equal(await page.inputValue('#d-cc-other'), '省林业局\n江城警备区');
    assert.equal(await page.isChecked('#main_to-sw'), true);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('search finds what each user may see, with the words marked', TIMEOUT, async () => {
  const { context, page, problems } = await openPage();
  try {
    await signIn(page, srv.url, 'mishuke');
    let res = await page.goto(srv.url + '/search?q=' + encodeURIComponent('信访'));
    assert.equal(res.status(), 200);
    const hit = page.locator('.search-hit', { hasText: IN_TITLE });
    assert.equal(await hit.count(), 1);
    assert.ok((await hit.locator('mark').count()) > 0, 'the matching words are marked');
    assert.match(await hit.locator('mark').first().innerText(), /信访/);
    await hit.locator('a').click();
    await page.waitForLoadState('domcontentloaded');
    assert.equal(new URL(page.url()).pathname, ids.incoming);

    await signIn(page, srv.url, 'liaison');
    await page.goto(srv.url + '/search?q=' + encodeURIComponent('财政资金'));
    assert.equal(await page.locator('.search-hit', { hasText: OUT_TITLE }).count(), 1, 'fgw received it');
    await signIn(page, srv.url, 'liaison2');
    await page.goto(srv.url + '/search?q=' + encodeURIComponent('财政资金'));
    assert.equal(await page.locator('.search-hit', { hasText: OUT_TITLE }).count(), 0, 'czj did not');
    await page.goto(srv.url + '/search?q=' + encodeURIComponent('信访'));
    assert.equal(await page.locator('.search-hit', { hasText: IN_TITLE }).count(), 0);
    assert.equal(await page.locator('.empty-state').count(), 1, 'says nothing was found');
    res = await page.goto(srv.url + ids.outgoing);
    assert.equal(res.status(), 404, 'nor may she open it');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('on a 390 px phone the documents pages never scroll sideways', TIMEOUT, async () => {
  const { context, page, problems } = await openPage({ viewport: PHONE, isMobile: true, hasTouch: true });
  try {
    await signIn(page, srv.url, 'mishuke');
    for (const path of ['/', '/documents', '/documents?direction=outgoing', ids.incoming, ids.outgoing,
      '/documents/new?direction=incoming', '/documents/new?direction=outgoing', '/documents/board',
      '/search?q=' + encodeURIComponent('信访')]) {
      const res = await page.goto(srv.url + path);
      assert.equal(res.status(), 200, path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= PHONE.width, `${path} is ${width} px wide at ${PHONE.width} px`);
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('accessibility: axe-core finds nothing serious on the documents pages', TIMEOUT, async () => {
  const { context, page } = await openPage({ bypassCSP: true });
  try {
    await signIn(page, srv.url, 'mishuke');
    const bad = [];
    for (const path of ['/', '/documents', '/documents?direction=outgoing', ids.incoming, ids.outgoing,
      '/documents/new?direction=incoming', '/documents/new?direction=outgoing', '/documents/board',
      '/search?q=' + encodeURIComponent('信访')]) {
      await page.goto(srv.url + path);
      bad.push(...await axeProblems(page, path));
    }
    await signIn(page, srv.url, 'xuanchuan');
    await page.goto(srv.url + ids.incoming);
    bad.push(...await axeProblems(page, `${ids.incoming} (reader)`));
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
